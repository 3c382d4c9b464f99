/**
 * The table worker's implementation: the engine's CSV pipeline (decode →
 * parse → column types → default label) behind `TableApi`. Pure apart from
 * the progress callback, so it runs the same in a Web Worker and in Node
 * tests over a MessageChannel.
 */
import * as Comlink from 'comlink';
import { createRandom } from '../engine/random.ts';
import {
  cleanedTable,
  decodeText,
  defaultLabelColumn,
  hasError,
  inferColumnTypes,
  packRows,
  packedBuffers,
  packedParts,
  parseTable,
  unpackRows,
  writeCsv,
} from '../engine/table/index.ts';
import type {
  CleanedCsv,
  CleanedCsvRequest,
  ImportOptions,
  ImportProgress,
  ImportResult,
  TableApi,
} from './tableProtocol.ts';

/** Seed of the row sample when the caller gives none: the same file always gives the same sample. */
export const DEFAULT_SAMPLE_SEED = 0;
/** Stream id of the row sample, so it never shares numbers with other seeded choices. */
const STREAM_SAMPLE = 5;

export function createTableApi(): TableApi {
  return {
    async importTable(bytes: Uint8Array, options: ImportOptions = {}, onProgress?: ImportProgress) {
      // Over comlink a progress call is a message on its own channel and returns a promise: wait for the
      // last one, so every progress report reaches the page before the result does.
      let delivered: unknown;
      const result = importTable(bytes, options, onProgress && ((fraction) => (delivered = onProgress(fraction))));
      await delivered;
      if (!result.ok) return result;
      // The page saves the table as this Blob; the cells themselves move to the page rather than being copied.
      const withBlob = { ...result, cellsBlob: new Blob(packedParts(result.table.cells)) };
      return Comlink.transfer(withBlob, [
        ...packedBuffers(result.table.cells),
        result.table.rowNumbers.buffer as ArrayBuffer,
      ]);
    },
    async cleanedCsv(request) {
      return cleanedCsv(request);
    },
  };
}

export function cleanedCsv(request: CleanedCsvRequest): CleanedCsv {
  const { table, options } = request;
  const cleaned = cleanedTable({ ...table, rows: unpackRows(table.cells) }, options);
  const csv = writeCsv(cleaned.header, cleaned.rows, {
    delimiter: table.delimiter,
    header: table.hasHeader || options.extraColumns === true || options.sourceRow === true,
  });
  const { relabelled, removed, accepted } = cleaned;
  return { csv, rows: cleaned.rows.length, relabelled, removed, accepted };
}

export function importTable(bytes: Uint8Array, options: ImportOptions = {}, onProgress?: ImportProgress): ImportResult {
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    onProgress?.(1);
    return { ok: false, problems: [decoded.problem] };
  }
  const table = parseTable(decoded.text, {
    random: createRandom(options.seed ?? DEFAULT_SAMPLE_SEED, STREAM_SAMPLE),
    ...(options.maxRows !== undefined ? { maxRows: options.maxRows } : {}),
    ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  const problems = [...decoded.problems, ...table.problems];
  if (hasError(problems)) return { ok: false, problems };
  const { header, rows, rowNumbers, hasHeader, delimiter, totalRows } = table;
  return {
    ok: true,
    table: { header, cells: packRows(rows, header.length), rowNumbers, hasHeader, delimiter, totalRows },
    columns: inferColumnTypes(table),
    label: defaultLabelColumn(header),
    problems,
  };
}
