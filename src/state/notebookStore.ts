/**
 * What the lessons keep between visits, in this browser only (IndexedDB):
 *
 * - per (lesson slug, cell id), the cell's saved state: one opaque,
 *   structured-clone friendly record (parameters, results, later code text);
 *   the store never looks inside it;
 * - finished results by the hash of their spec (sweep trials), so a repeat
 *   after a reload is instant. Bounded: past `limit` entries the oldest saved
 *   go first;
 * - other trained results (folds, fits, table analyses) by the hash of their
 *   request (resultCache.ts), read one at a time. Bounded by their total
 *   size: past `resultBytes` the oldest saved go first.
 *
 * Its own database ("data-centric-lab-notebook"), so the "Your own data"
 * store (tableStore.ts, database "data-centric-lab") is never touched.
 */
import { openDB, type IDBPDatabase } from 'idb';

/** A cell's saved state, opaque to the store. */
export type SavedCellRecord = Readonly<Record<string, unknown>>;

export interface NotebookStore {
  /** The saved cells of a lesson, by cell id (empty when nothing is saved). */
  loadLesson(lesson: string): Promise<Readonly<Record<string, SavedCellRecord>>>;
  saveCell(lesson: string, cell: string, record: SavedCellRecord): Promise<void>;
  /** Deletes a cell's record (nothing saved is fine). */
  forgetCell(lesson: string, cell: string): Promise<void>;
  /** Deletes every cell record of a lesson. */
  forgetLesson(lesson: string): Promise<void>;
  /** The cached results, oldest saved first. */
  loadResults(): Promise<readonly (readonly [string, unknown])[]>;
  /** Keeps a result under its key; past the limit the oldest results are dropped. */
  saveResult(key: string, value: unknown): Promise<void>;
  /** A trained result kept under the hash of its request (resultCache.ts), or undefined. */
  getCachedResult?(key: string): Promise<unknown>;
  /** Keeps a trained result of about `bytes` bytes; past the size cap the oldest saved are dropped. */
  saveCachedResult?(key: string, value: unknown, bytes: number): Promise<void>;
}

export const NOTEBOOK_DB = 'data-centric-lab-notebook';
/** Results kept by default: a full default curve sweep is 80 trials of a few hundred bytes each. */
export const RESULT_LIMIT = 4000;
/** Bytes of trained results (resultCache.ts) kept by default. */
export const CACHED_RESULT_BYTES = 100 * 1024 * 1024;
const CELLS = 'cells';
const RESULTS = 'results';
const BY_AGE = 'savedAt';
/** Trained results by request hash (values), and their sizes and ages (small rows, to evict without reading values). */
const TRAINED = 'trained';
const TRAINED_SIZES = 'trainedSizes';

interface TrainedSizeRow {
  readonly key: string;
  readonly bytes: number;
  readonly savedAt: number;
}

interface ResultRow {
  readonly key: string;
  readonly value: unknown;
  /** A counter, increasing with every save: smaller is older. */
  readonly savedAt: number;
}

function checkLimit(limit: number): number {
  if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
  return limit;
}

/**
 * The store in IndexedDB. The database opens on first use; if it cannot (no
 * IndexedDB, private mode), every call rejects with the reason and the caller
 * carries on without it.
 */
export function createIndexedDbNotebookStore(
  options: { readonly limit?: number; readonly resultBytes?: number } = {},
): NotebookStore {
  const limit = checkLimit(options.limit ?? RESULT_LIMIT);
  const resultBytes = checkLimit(options.resultBytes ?? CACHED_RESULT_BYTES);
  let db: Promise<IDBPDatabase> | null = null;
  let clock = Date.now();
  const open = (): Promise<IDBPDatabase> => {
    db ??= (async () => {
      if (typeof indexedDB === 'undefined') throw new Error('this browser offers no IndexedDB');
      return openDB(NOTEBOOK_DB, 2, {
        upgrade(database, oldVersion) {
          // Version 1's stores are kept as they are; version 2 adds the trained results.
          if (oldVersion < 1) {
            database.createObjectStore(CELLS);
            database.createObjectStore(RESULTS, { keyPath: 'key' }).createIndex(BY_AGE, 'savedAt');
          }
          if (oldVersion < 2) {
            database.createObjectStore(TRAINED);
            database.createObjectStore(TRAINED_SIZES, { keyPath: 'key' }).createIndex(BY_AGE, 'savedAt');
          }
        },
      });
    })();
    db.catch(() => {
      db = null; // a failed open is retried on the next call
    });
    return db;
  };
  const lessonRange = (lesson: string) => IDBKeyRange.bound([lesson], [lesson, []]);
  return {
    async loadLesson(lesson) {
      const database = await open();
      const tx = database.transaction(CELLS);
      const out: Record<string, SavedCellRecord> = {};
      for (let cursor = await tx.store.openCursor(lessonRange(lesson)); cursor; cursor = await cursor.continue()) {
        const key = cursor.key as [string, string];
        out[key[1]] = cursor.value as SavedCellRecord;
      }
      await tx.done;
      return out;
    },
    async saveCell(lesson, cell, record) {
      await (await open()).put(CELLS, record, [lesson, cell]);
    },
    async forgetCell(lesson, cell) {
      await (await open()).delete(CELLS, [lesson, cell]);
    },
    async forgetLesson(lesson) {
      await (await open()).delete(CELLS, lessonRange(lesson));
    },
    async loadResults() {
      const rows = (await (await open()).getAllFromIndex(RESULTS, BY_AGE)) as ResultRow[];
      return rows.map((row) => [row.key, row.value] as const);
    },
    async saveResult(key, value) {
      const database = await open();
      const tx = database.transaction(RESULTS, 'readwrite');
      clock = Math.max(clock + 1, Date.now());
      await tx.store.put({ key, value, savedAt: clock } satisfies ResultRow);
      let excess = (await tx.store.count()) - limit;
      if (excess > 0) {
        for (let cursor = await tx.store.index(BY_AGE).openCursor(); cursor && excess > 0; excess--) {
          await cursor.delete();
          cursor = await cursor.continue();
        }
      }
      await tx.done;
    },
    async getCachedResult(key) {
      return (await open()).get(TRAINED, key);
    },
    async saveCachedResult(key, value, bytes) {
      const database = await open();
      const tx = database.transaction([TRAINED, TRAINED_SIZES], 'readwrite');
      const values = tx.objectStore(TRAINED);
      const sizes = tx.objectStore(TRAINED_SIZES);
      clock = Math.max(clock + 1, Date.now());
      await values.put(value, key);
      await sizes.put({ key, bytes, savedAt: clock } satisfies TrainedSizeRow);
      const rows = (await sizes.index(BY_AGE).getAll()) as TrainedSizeRow[];
      let total = rows.reduce((sum, row) => sum + row.bytes, 0);
      for (const row of rows) {
        if (total <= resultBytes || row.key === key) break;
        total -= row.bytes;
        await values.delete(row.key);
        await sizes.delete(row.key);
      }
      await tx.done;
    },
  };
}

/** A store in memory (tests); `structuredClone` makes it behave like IndexedDB: what is loaded is a copy. */
export function createMemoryNotebookStore(
  options: { readonly limit?: number; readonly resultBytes?: number } = {},
): Required<NotebookStore> & {
  readonly cells: ReadonlyMap<string, SavedCellRecord>;
  readonly results: ReadonlyMap<string, unknown>;
  /** Trained results by request hash, oldest saved first. */
  readonly trained: ReadonlyMap<string, { readonly value: unknown; readonly bytes: number }>;
} {
  const limit = checkLimit(options.limit ?? RESULT_LIMIT);
  const resultBytes = checkLimit(options.resultBytes ?? CACHED_RESULT_BYTES);
  const trained = new Map<string, { readonly value: unknown; readonly bytes: number }>();
  /** By `${lesson}\u0000${cell}`. */
  const cells = new Map<string, SavedCellRecord>();
  /** Insertion order = age: a re-saved key moves to the end. */
  const results = new Map<string, unknown>();
  const key = (lesson: string, cell: string) => `${lesson}\u0000${cell}`;
  return {
    cells,
    results,
    trained,
    async getCachedResult(k) {
      const entry = trained.get(k);
      return entry ? structuredClone(entry.value) : undefined;
    },
    async saveCachedResult(k, value, bytes) {
      trained.delete(k);
      trained.set(k, { value: structuredClone(value), bytes });
      let total = 0;
      for (const entry of trained.values()) total += entry.bytes;
      for (const [old, entry] of trained) {
        if (total <= resultBytes || old === k) break;
        total -= entry.bytes;
        trained.delete(old);
      }
    },
    async loadLesson(lesson) {
      const prefix = key(lesson, '');
      const out: Record<string, SavedCellRecord> = {};
      for (const [k, record] of cells) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = structuredClone(record);
      return out;
    },
    async saveCell(lesson, cell, record) {
      cells.set(key(lesson, cell), structuredClone(record));
    },
    async forgetCell(lesson, cell) {
      cells.delete(key(lesson, cell));
    },
    async forgetLesson(lesson) {
      const prefix = key(lesson, '');
      for (const k of [...cells.keys()]) if (k.startsWith(prefix)) cells.delete(k);
    },
    async loadResults() {
      return [...results].map(([k, value]) => [k, structuredClone(value)] as const);
    },
    async saveResult(k, value) {
      results.delete(k);
      results.set(k, structuredClone(value));
      while (results.size > limit) results.delete(results.keys().next().value!);
    },
  };
}
