/**
 * The typed contract of the table worker, shared by the worker and the page:
 * a user's CSV bytes in, a parsed table with its column types out. The bytes
 * never leave the browser; the worker only keeps the page responsive while a
 * large file is decoded and parsed.
 */
import type { CleanedOptions, ColumnInfo, PackedCells, RawTable, TableProblem } from '../engine/table/index.ts';

export interface ImportOptions {
  /** Seeds the row sample drawn when the file has more rows than the lab handles. */
  readonly seed?: number;
  /** Overrides the row limit (tests); default MAX_ROWS. */
  readonly maxRows?: number;
  /** Characters per parsed chunk, i.e. how often progress is reported; default 1 MiB. */
  readonly chunkSize?: number;
}

/**
 * A parsed table as the page keeps it: N rows × C cells, packed column by
 * column (engine/table/packedCells.ts: a large table crosses threads and goes
 * into IndexedDB without a string per cell), and the spreadsheet row of each.
 */
export interface ImportedTable extends Pick<
  RawTable,
  'header' | 'rowNumbers' | 'hasHeader' | 'delimiter' | 'totalRows'
> {
  readonly cells: PackedCells;
}

export type ImportResult =
  | {
      readonly ok: true;
      readonly table: ImportedTable;
      /** C column infos, in header order. */
      readonly columns: readonly ColumnInfo[];
      /** The label column chosen by default (LABEL_NAMES, else the last). */
      readonly label: number;
      /**
       * The table's cells as one Blob (engine/table/packedCells.ts `packedParts`),
       * made in the worker so the page can save the table without copying it.
       */
      readonly cellsBlob?: Blob;
      /** Warnings from decoding and parsing (rows set aside, rows sampled). */
      readonly problems: readonly TableProblem[];
    }
  | {
      readonly ok: false;
      /** At least one error: the file cannot be used as it is. */
      readonly problems: readonly TableProblem[];
    };

/** Progress of one import, fraction in [0, 1]. */
export type ImportProgress = (fraction: number) => void;

/** What the cleaned CSV is made from: the table as imported (with the user's class edits) and the review. */
export interface CleanedCsvRequest {
  readonly table: Pick<ImportedTable, 'header' | 'cells' | 'rowNumbers' | 'hasHeader' | 'delimiter'>;
  readonly options: CleanedOptions;
}

export interface CleanedCsv {
  readonly csv: string;
  /** Data rows written. */
  readonly rows: number;
  readonly relabelled: number;
  readonly removed: number;
  /** Suggestions taken for rows the user did not review. */
  readonly accepted: number;
}

export interface TableApi {
  /** Decodes, parses and profiles a CSV file's bytes. Bad input resolves to `ok: false`, never rejects. */
  importTable(bytes: Uint8Array, options?: ImportOptions, onProgress?: ImportProgress): Promise<ImportResult>;
  /**
   * The cleaned table as CSV text, in the file's delimiter. The header row is
   * written when the file had one or when added columns (source row, extras)
   * need names.
   */
  cleanedCsv(request: CleanedCsvRequest): Promise<CleanedCsv>;
}
