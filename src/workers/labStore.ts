/**
 * Results of the code worker's costliest lab functions, kept where every
 * code worker of the site can read them. Each code cell runs in its own
 * worker (codeClient.ts), so without this a lesson's later cells train again
 * what its earlier cells trained: lesson 5's human-level stand-in in every
 * cell, lesson 6's whole model-centric menu in the side-by-side cell.
 * Training is deterministic — the same request gives the same numbers on the
 * same backend — so a kept result is the result.
 *
 * Keys carry the store's version and the backend; bump LAB_STORE_VERSION
 * when a change to training changes results. A store that fails (private
 * mode, quota, a blocked database) only makes the lab compute again.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';

/** Part of every key: bump it when a change to training makes kept results wrong. */
export const LAB_STORE_VERSION = 1;

export interface LabStore {
  /** The value kept under `key`, or undefined. Never rejects. */
  get(key: string): Promise<unknown>;
  /** Keeps `value` (structured-cloneable) under `key`, in the background. Never throws. */
  set(key: string, value: unknown): void;
}

/** Computes the value of `key`, or takes it from a store (see createLab's `keep`). */
export type Keep = <T>(key: string, compute: () => Promise<T>) => Promise<T>;

/** No store: always computes. */
export const computeAlways: Keep = (_key, compute) => compute();

/** Looks `key` up in `store` (when there is one); on a miss computes, keeps and returns the value. */
export async function throughStore<T>(store: LabStore | null, key: string, compute: () => Promise<T>): Promise<T> {
  if (!store) return compute();
  const kept = await store.get(key);
  if (kept !== undefined) return kept as T;
  const value = await compute();
  store.set(key, value);
  return value;
}

const DB_NAME = 'dcl-lab-results';
const STORE = 'results';
/** Version 2 keeps `{ at, value }` records with an index on `at`, for evicting the oldest; version 1's records are dropped. */
const DB_VERSION = 2;

/**
 * Records kept at most; past it, the least recently written go first. A
 * lesson's results take a few kB to a few hundred kB each (fold predictions),
 * so this bounds the store to tens of MB, whatever the reader tries.
 */
export const LAB_STORE_MAX_ENTRIES = 400;

interface Kept {
  /** When it was written (ms since the epoch, or a counter in tests). */
  readonly at: number;
  readonly value: unknown;
}

interface LabDb extends DBSchema {
  results: { key: string; value: Kept; indexes: { at: number } };
}

export interface IndexedDbLabStoreOptions {
  /** Database name. Default 'dcl-lab-results'. */
  readonly name?: string;
  /** Default LAB_STORE_MAX_ENTRIES. */
  readonly maxEntries?: number;
  /** The write time of a record, injectable for tests. Default Date.now. */
  readonly now?: () => number;
}

/** Opens the lab's database through `factory` (idb's openDB takes the global indexedDB, which the code worker no longer has). */
function openLabDb(factory: IDBFactory, name: string): Promise<IDBPDatabase<LabDb>> {
  const request = factory.open(name, DB_VERSION);
  request.addEventListener('upgradeneeded', () => {
    const db = request.result;
    if (db.objectStoreNames.contains(STORE)) db.deleteObjectStore(STORE);
    db.createObjectStore(STORE).createIndex('at', 'at');
  });
  // Another tab holding version 1 open blocks the upgrade: give up rather than wait (the lab computes instead).
  const blocked = new Promise<never>((_, reject) =>
    request.addEventListener('blocked', () => reject(new Error('the lab results database is blocked'))),
  );
  return Promise.race([wrap(request) as Promise<IDBPDatabase<LabDb>>, blocked]);
}

/**
 * A LabStore in IndexedDB, through `factory` (the worker's `indexedDB`, taken
 * before lockDown.ts removes it from the reader's reach). At most
 * `maxEntries` records: each write past it removes the oldest.
 */
export function indexedDbLabStore(factory: IDBFactory, options: IndexedDbLabStoreOptions = {}): LabStore {
  const name = options.name ?? DB_NAME;
  const maxEntries = options.maxEntries ?? LAB_STORE_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  let opened: Promise<IDBPDatabase<LabDb> | null> | null = null;
  const open = () => (opened ??= openLabDb(factory, name).catch(() => null));
  /** Writes are chained, so the cap counts every earlier write. */
  let writing: Promise<void> = Promise.resolve();
  return {
    async get(key) {
      try {
        await writing; // this store's own writes first
        const db = await open();
        return (await db?.get(STORE, key))?.value;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      const at = now();
      writing = writing.then(async () => {
        try {
          const db = await open();
          if (!db) return;
          const tx = db.transaction(STORE, 'readwrite');
          const done = tx.done.catch(() => {}); // an aborted write rejects it: handled here, reported by nobody
          await tx.store.put({ at, value }, key);
          let excess = (await tx.store.count()) - maxEntries;
          for (let cursor = await tx.store.index('at').openCursor(); cursor && excess > 0; excess--) {
            await cursor.delete();
            cursor = await cursor.continue();
          }
          await done;
        } catch {
          // not kept (quota, private mode, a value that cannot be cloned): the next cell computes it again
        }
      });
    },
  };
}

/** A LabStore in memory (tests, and where IndexedDB is missing but several labs share a page). */
export function memoryLabStore(): LabStore & { readonly size: number } {
  const kept = new Map<string, unknown>();
  return {
    get size() {
      return kept.size;
    },
    get: (key) => Promise.resolve(kept.has(key) ? structuredClone(kept.get(key)) : undefined),
    set(key, value) {
      kept.set(key, structuredClone(value));
    },
  };
}
