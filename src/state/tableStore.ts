/**
 * Where the user's table is kept between visits: one record, in this
 * browser only (IndexedDB), holding everything needed to put the "Your own
 * data" page back as it was — the imported table with the user's edits,
 * their choices about it, and the latest Worth report.
 *
 * The record is structured-clone friendly (plain objects, arrays, numbers,
 * strings, typed arrays, a Blob); the store never looks inside it. The
 * table's cells are saved as one Blob of packed cells
 * (engine/table/packedCells.ts `packedParts`): a write clones the Blob's
 * handle, not the cells, so saving a 200,000-row table costs the page next
 * to nothing, where millions of strings cost it seconds.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { ColumnInfo } from '../engine/table/columnTypes.ts';
import { packRows, packedParts, readPackedParts, type PackedCells } from '../engine/table/packedCells.ts';
import type { LabelEdit } from '../engine/table/labelEdits.ts';
import type { ModelChoice } from '../engine/types.ts';
import type { TableProblem } from '../engine/table/problem.ts';
import type { ImportedTable } from '../workers/tableProtocol.ts';
import type { TabularWorth } from '../workers/protocol.ts';

/** The Worth report as saved: what it says and whether the inputs changed after it was asked for. */
export interface SavedAnalysis {
  readonly worth: TabularWorth;
  readonly source: string;
  readonly seconds: number;
  readonly outOfDate: boolean;
  /** The review decisions the report was measured with (absent in records saved before reviews existed). */
  readonly review?: readonly (readonly [number, LabelEdit])[];
}

/** Everything needed to restore the page. */
export interface Saved {
  readonly source: string;
  /** The table with the user's class edits already applied (rows of strings in records saved before packing). */
  readonly table: SavedTable | LegacySavedTable;
  readonly columns: readonly ColumnInfo[];
  readonly label: number;
  /** Warnings from reading the file. */
  readonly importProblems: readonly TableProblem[];
  /** The class edits applied to the rows, newest last. */
  readonly edits: readonly string[];
  /** The user's decisions on suspected labels, by spreadsheet row (absent in older records). */
  readonly review?: readonly (readonly [number, LabelEdit])[];
  readonly folds: number;
  /** The analysis' model and seed (absent in older records: the defaults). */
  readonly model?: ModelChoice;
  readonly seed?: number;
  readonly analysis: SavedAnalysis | null;
}

/** The table as saved: its cells as one Blob (`cellsBlob(cells)`). */
export type SavedTable = Omit<ImportedTable, 'cells'> & { readonly cellsBlob: Blob };

/** A table as records saved before the cells were packed hold it: rows of strings. */
export type LegacySavedTable = Omit<ImportedTable, 'cells'> & { readonly rows: readonly (readonly string[])[] };

/** Packed cells as the one Blob a saved table holds (the Blob copies the bytes: about 50 ms for 200,000 × 30). */
export function cellsBlob(cells: PackedCells): Blob {
  return new Blob(packedParts(cells), { type: 'application/octet-stream' });
}

/** The table to save: `table` with its cells as `blob` (made by `cellsBlob`, here or in the table worker). */
export function tableToSave(table: ImportedTable, blob: Blob): SavedTable {
  const { cells: _, ...rest } = table;
  return { ...rest, cellsBlob: blob };
}

/**
 * The saved table as the page keeps it, and the Blob of its cells (to save it
 * again without making another); a record from before the cells were packed
 * has its rows packed (and no Blob yet).
 */
export async function restoreTable(
  table: SavedTable | LegacySavedTable,
): Promise<{ readonly table: ImportedTable; readonly blob: Blob | null }> {
  if ('rows' in table) {
    const { rows, ...rest } = table;
    return { table: { ...rest, cells: packRows(rows, table.header.length) }, blob: null };
  }
  const { cellsBlob: blob, ...rest } = table;
  return { table: { ...rest, cells: readPackedParts(await blob.arrayBuffer()) }, blob };
}

export interface TableStore {
  /** The saved record, or null when nothing is saved. */
  load(): Promise<Saved | null>;
  save(saved: Saved): Promise<void>;
  /** Deletes the saved record (nothing saved is fine). */
  forget(): Promise<void>;
}

export const DB_NAME = 'data-centric-lab';
const STORE = 'your-data';
const KEY = 'current';

/**
 * The store in IndexedDB: database "data-centric-lab", one object store, one key.
 * The database opens on first use; if it cannot (no IndexedDB, private mode),
 * every call rejects with the reason and the caller carries on without it.
 */
export function createIndexedDbStore(): TableStore {
  let db: Promise<IDBPDatabase> | null = null;
  const open = (): Promise<IDBPDatabase> => {
    db ??= (async () => {
      if (typeof indexedDB === 'undefined') throw new Error('this browser offers no IndexedDB');
      return openDB(DB_NAME, 1, {
        upgrade(database) {
          database.createObjectStore(STORE);
        },
      });
    })();
    // A failed open is retried on the next call.
    db.catch(() => {
      db = null;
    });
    return db;
  };
  return {
    async load() {
      const saved = (await (await open()).get(STORE, KEY)) as Saved | undefined;
      return saved ?? null;
    },
    async save(saved) {
      await (await open()).put(STORE, saved, KEY);
    },
    async forget() {
      await (await open()).delete(STORE, KEY);
    },
  };
}

/** A store in memory (tests); `structuredClone` makes it behave like IndexedDB: what is loaded is a copy. */
export function createMemoryStore(initial: Saved | null = null): TableStore & { readonly saved: Saved | null } {
  let saved: Saved | null = initial ? structuredClone(initial) : null;
  return {
    get saved() {
      return saved;
    },
    async load() {
      return saved ? structuredClone(saved) : null;
    },
    async save(next) {
      saved = structuredClone(next);
    },
    async forget() {
      saved = null;
    },
  };
}
