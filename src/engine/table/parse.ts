/**
 * Step 2: CSV text → a raw table of strings, with problems.
 *
 * Input: decoded text (see decode.ts). Output: `RawTable` with C column
 * names and N rows of exactly C cells each (cells untrimmed, as in the file),
 * plus `rowNumbers` `(N)`: the 1-based row each kept row has in a
 * spreadsheet (the header, when there is one, is row 1; blank lines count, a
 * quoted line break does not).
 *
 * Rules:
 * - Delimiter: auto-detected by papaparse on the first 64 K characters
 *   (comma, tab, pipe, semicolon, …), unless given. Line ends (LF, CRLF, CR)
 *   likewise. Quotes follow RFC 4180 ("" inside quotes is one ").
 * - Blank rows (every cell empty or whitespace) are skipped silently.
 * - Header: present unless the first non-blank row looks like data, i.e.
 *   one of its cells is a number. Override with `header: 'present' | 'absent'`.
 *   Without a header, columns are named column_1…column_C. Empty header cells
 *   are named column_i too, and a repeated name gets a suffix (name_2).
 * - Ragged rows: a row whose cell count differs from the header's is set
 *   aside and counted; the warning lists the first row numbers. Trailing
 *   empty cells beyond the header's width (a trailing delimiter) are dropped
 *   first, so "1,2," under a two-column header is not ragged.
 * - Limits: more than `maxColumns` (500) columns → error, nothing read. More
 *   than `maxRows` (200,000) data rows → a uniform random sample of exactly
 *   `maxRows` rows (reservoir sampling with the given `random`, kept in file
 *   order) and a warning; or, with `tooManyRows: 'refuse'`, an error.
 * - Progress: the text is parsed in chunks of `chunkSize` characters;
 *   `onProgress(fraction)` is called after each chunk and with 1 at the end.
 * - Memory: a value repeated down a column (a class, a category, a number
 *   with few digits) is kept once, while the column has at most
 *   MAX_SHARED_VALUES distinct values: 200,000 × 30 cells then take tens of
 *   megabytes instead of a string object each (some 150 MB).
 */
import Papa from 'papaparse';
import type { Random } from '../random.ts';
import { listFirst, plural, type TableProblem } from './problem.ts';

export const MAX_ROWS = 200_000;
export const MAX_COLUMNS = 500;
/** Distinct values per column up to which repeated values share one string. */
export const MAX_SHARED_VALUES = 4096;

export interface ParseOptions {
  /** Draws the row sample when the file has more than `maxRows` rows. */
  readonly random: Random;
  readonly maxRows?: number;
  readonly maxColumns?: number;
  /** What to do with more than `maxRows` rows; default 'sample'. */
  readonly tooManyRows?: 'sample' | 'refuse';
  /** Whether the first row is a header; default 'auto' (see the rules above). */
  readonly header?: 'auto' | 'present' | 'absent';
  /** Field delimiter; auto-detected when absent. */
  readonly delimiter?: string;
  /** Characters per streamed chunk; default 1 MiB. */
  readonly chunkSize?: number;
  readonly onProgress?: (fraction: number) => void;
}

export interface RawTable {
  /** C column names, distinct and non-empty. */
  readonly header: readonly string[];
  /** N rows × C cells, untrimmed. */
  readonly rows: readonly (readonly string[])[];
  /** `(N)` 1-based spreadsheet row of each row. */
  readonly rowNumbers: Int32Array;
  readonly hasHeader: boolean;
  readonly delimiter: string;
  /** Data rows of the right width in the file, before any sampling. */
  readonly totalRows: number;
  readonly problems: readonly TableProblem[];
}

const SNIFF_CHARS = 64 * 1024;
const DEFAULT_CHUNK = 1 << 20;

export function parseTable(text: string, options: ParseOptions): RawTable {
  const maxRows = options.maxRows ?? MAX_ROWS;
  const maxColumns = options.maxColumns ?? MAX_COLUMNS;
  const tooManyRows = options.tooManyRows ?? 'sample';
  const headerMode = options.header ?? 'auto';
  const { random, onProgress } = options;
  if (!(Number.isInteger(maxRows) && maxRows >= 1)) throw new RangeError(`maxRows must be a positive integer`);
  if (!(Number.isInteger(maxColumns) && maxColumns >= 1)) throw new RangeError(`maxColumns must be a positive integer`);

  const problems: TableProblem[] = [];
  const base = { header: [], rows: [], rowNumbers: new Int32Array(0), hasHeader: false, totalRows: 0 };
  if (text.trim() === '') {
    onProgress?.(1);
    return {
      ...base,
      delimiter: options.delimiter ?? ',',
      problems: [
        {
          code: 'empty',
          severity: 'error',
          message:
            'The file is empty: there is nothing to read. Choose a CSV file with a header row and at least one data row.',
        },
      ],
    };
  }
  const text0 = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { delimiter, newline } = sniff(text0, options.delimiter);

  let header: string[] | null = null;
  let hasHeader = false;
  let width = 0;
  let record = 0; // records seen so far (0-based index of the next one)
  let seen = 0; // data rows of the right width
  const kept: { cells: string[]; row: number }[] = [];
  const ragged: number[] = [];
  let stop = null as TableProblem | null; // set inside the callbacks
  let progress = 0;
  const report = (fraction: number): void => {
    if (onProgress && fraction > progress) {
      progress = fraction;
      onProgress(fraction);
    }
  };

  // Per column, its distinct values so far (see Memory above); null once there are too many to be worth it.
  const shared: (Map<string, string> | null)[] = [];
  const share = (cells: string[]): void => {
    for (let c = 0; c < cells.length; c++) {
      let values = shared[c];
      if (values === undefined) values = shared[c] = new Map<string, string>();
      if (values === null) continue;
      const cell = cells[c]!;
      const known = values.get(cell);
      if (known !== undefined) cells[c] = known;
      else if (values.size < MAX_SHARED_VALUES) values.set(cell, cell);
      else shared[c] = null;
    }
  };

  const take = (cells: string[], row: number): void => {
    if (header === null) {
      if (cells.length > maxColumns) {
        stop = {
          code: 'too-many-columns',
          severity: 'error',
          message: `The file has ${plural(cells.length, 'column')}; the lab handles at most ${maxColumns}. Remove the columns you do not need (or save a subset) and load it again.`,
        };
        return;
      }
      width = cells.length;
      hasHeader = headerMode === 'present' || (headerMode === 'auto' && !looksLikeData(cells));
      header = hasHeader ? columnNames(cells) : cells.map((_, i) => `column_${i + 1}`);
      if (hasHeader) return;
    }
    let fields = cells;
    if (fields.length > width && fields.slice(width).every((c) => c.trim() === '')) fields = fields.slice(0, width);
    if (fields.length !== width) {
      ragged.push(row);
      return;
    }
    seen++;
    share(fields);
    if (kept.length < maxRows) kept.push({ cells: fields, row });
    else if (tooManyRows === 'refuse') {
      stop = {
        code: 'too-many-rows',
        severity: 'error',
        message: `The file has more than ${plural(maxRows, 'data row')}, the most the lab handles. Load a smaller file (for example a random sample of the rows).`,
      };
    } else {
      const j = Math.floor(random() * seen);
      if (j < maxRows) kept[j] = { cells: fields, row };
    }
  };

  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  let consumed = 0;
  Papa.parse<string[]>(text0, {
    delimiter,
    newline,
    chunkSize,
    skipEmptyLines: false,
    complete() {},
    chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
      const start = record;
      for (const error of results.errors) {
        if (error.code === 'MissingQuotes' && stop === null) {
          const row = start + (error.row ?? 0) + 1;
          stop = {
            code: 'unterminated-quote',
            severity: 'error',
            row,
            message: `Row ${row} opens a quoted field (") that is never closed, so the rest of the file would read as one cell. Close or remove that quote and load the file again.`,
          };
        }
      }
      for (const cells of results.data) {
        record++;
        if (stop !== null) break;
        if (cells.every((c) => c.trim() === '')) continue;
        take(cells, record);
      }
      if (stop !== null) {
        parser.abort();
        return;
      }
      consumed += chunkSize;
      report(Math.min(consumed / text0.length, 0.999));
    },
  });
  report(1);

  const finalHeader: string[] = header ?? [];
  if (stop !== null) return { ...base, header: finalHeader, hasHeader, delimiter, problems: [stop] };
  if (header === null) {
    return {
      ...base,
      delimiter,
      problems: [
        {
          code: 'empty',
          severity: 'error',
          message:
            'The file has only blank lines: there is nothing to read. Choose a CSV file with a header row and at least one data row.',
        },
      ],
    };
  }
  if (ragged.length > 0) {
    const all = kept.length === 0;
    problems.push({
      code: 'ragged-rows',
      severity: all ? 'error' : 'warning',
      row: ragged[0]!,
      message:
        `${all ? 'Every data row' : plural(ragged.length, 'row')} (row${ragged.length === 1 ? '' : 's'} ${listFirst(ragged)}) ` +
        `${ragged.length === 1 && !all ? 'has' : 'have'} a different number of fields than the ${width} ${hasHeader ? 'in the header' : 'in the first row'}` +
        (all
          ? '. Check the delimiter and the quoting (a field containing the delimiter must be in double quotes) and load the file again.'
          : `; ${ragged.length === 1 ? 'it was' : 'they were'} set aside. Fix ${ragged.length === 1 ? 'that row' : 'those rows'} (a field containing the delimiter must be in double quotes) to use ${ragged.length === 1 ? 'it' : 'them'}.`),
    });
  } else if (kept.length === 0) {
    problems.push({
      code: 'header-only',
      severity: 'error',
      message: `The file has a header (${listFirst(finalHeader)}) but no data rows. Add the data rows below the header and load it again.`,
    });
  }
  if (seen > maxRows) {
    problems.push({
      code: 'sampled-rows',
      severity: 'warning',
      message: `The file has ${plural(seen, 'data row')}; the lab handles at most ${maxRows.toLocaleString('en-US')}, so it uses a random sample of ${maxRows.toLocaleString('en-US')} of them (the same sample every time for the same seed). To use other rows, load a smaller file.`,
    });
    kept.sort((a, b) => a.row - b.row);
  }
  return {
    header: finalHeader,
    rows: kept.map((k) => k.cells),
    rowNumbers: Int32Array.from(kept, (k) => k.row),
    hasHeader,
    delimiter,
    totalRows: seen,
    problems,
  };
}

/** True when a first row looks like data rather than a header: one of its cells is a number. */
export function looksLikeData(cells: readonly string[]): boolean {
  return cells.some((cell) => cell.trim() !== '' && Number.isFinite(Number(cell.trim())));
}

/** Header cells → distinct, non-empty column names (empty → column_i, repeats → name_2, name_3…). */
export function columnNames(cells: readonly string[]): string[] {
  const used = new Set<string>();
  return cells.map((cell, i) => {
    const base = cell.trim() === '' ? `column_${i + 1}` : cell.trim();
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    return name;
  });
}

function sniff(text: string, delimiter: string | undefined): { delimiter: string; newline: '\r\n' | '\n' | '\r' } {
  const head = Papa.parse<string[]>(text.slice(0, SNIFF_CHARS), {
    preview: 100,
    delimiter: delimiter ?? '',
    skipEmptyLines: 'greedy',
  });
  const detected = head.errors.some((e) => e.code === 'UndetectableDelimiter') ? ',' : head.meta.delimiter;
  const lb = head.meta.linebreak;
  return { delimiter: delimiter ?? detected, newline: lb === '\r\n' || lb === '\r' ? lb : '\n' };
}
