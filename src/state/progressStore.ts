/**
 * Where the reader's progress through the lessons is kept, in this browser
 * only: per lesson slug, the cells that have finished a run and the
 * self-check questions answered right. Its own small IndexedDB database, so
 * the notebook's (notebookStore.ts) and the tables' (tableStore.ts) are
 * never touched.
 */
import { openDB, type IDBPDatabase } from 'idb';

/** A lesson's progress: ids of the cells that have run, keys of the checks answered right. */
export interface LessonProgressRecord {
  readonly ran: readonly string[];
  readonly right: readonly string[];
}

export interface ProgressStore {
  /** Every lesson's record, by slug. */
  loadAll(): Promise<Readonly<Record<string, LessonProgressRecord>>>;
  save(lesson: string, record: LessonProgressRecord): Promise<void>;
}

export const PROGRESS_DB = 'data-centric-lab-progress';
const LESSONS = 'lessons';

/** A stored value as a record, or null when it is not one (an older or damaged entry). */
export function progressRecord(value: unknown): LessonProgressRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const { ran, right } = value as Partial<Record<keyof LessonProgressRecord, unknown>>;
  const texts = (list: unknown) =>
    Array.isArray(list) && list.every((item) => typeof item === 'string') ? (list as string[]) : null;
  const okRan = texts(ran);
  const okRight = texts(right ?? []);
  return okRan && okRight ? { ran: okRan, right: okRight } : null;
}

/** The store in IndexedDB; opens on first use, and every call rejects with the reason if it cannot. */
export function createIndexedDbProgressStore(): ProgressStore {
  let db: Promise<IDBPDatabase> | null = null;
  const open = (): Promise<IDBPDatabase> => {
    db ??= (async () => {
      if (typeof indexedDB === 'undefined') throw new Error('this browser offers no IndexedDB');
      return openDB(PROGRESS_DB, 1, {
        upgrade(database) {
          database.createObjectStore(LESSONS);
        },
      });
    })();
    db.catch(() => {
      db = null; // a failed open is retried on the next call
    });
    return db;
  };
  return {
    async loadAll() {
      const database = await open();
      const tx = database.transaction(LESSONS);
      const out: Record<string, LessonProgressRecord> = {};
      for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
        const record = progressRecord(cursor.value);
        if (record) out[String(cursor.key)] = record;
      }
      await tx.done;
      return out;
    },
    async save(lesson, record) {
      await (await open()).put(LESSONS, { ran: [...record.ran], right: [...record.right] }, lesson);
    },
  };
}

/** A store in memory (tests): what is loaded is a copy, as from IndexedDB. */
export function createMemoryProgressStore(): ProgressStore & { readonly records: Map<string, LessonProgressRecord> } {
  const records = new Map<string, LessonProgressRecord>();
  return {
    records,
    async loadAll() {
      return Object.fromEntries([...records].map(([slug, record]) => [slug, structuredClone(record)]));
    },
    async save(lesson, record) {
      records.set(lesson, structuredClone(record));
    },
  };
}
