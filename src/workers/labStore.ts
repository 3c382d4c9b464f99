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

/**
 * A LabStore in IndexedDB, through `factory` (the worker's `indexedDB`, taken
 * before lockDown.ts removes it from the reader's reach).
 */
export function indexedDbLabStore(factory: IDBFactory, name = DB_NAME): LabStore {
  let opened: Promise<IDBDatabase | null> | null = null;
  const open = () =>
    (opened ??= new Promise<IDBDatabase | null>((resolve) => {
      try {
        const request = factory.open(name, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(STORE);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve(null);
        request.onblocked = () => resolve(null);
      } catch {
        resolve(null);
      }
    }));
  return {
    async get(key) {
      const db = await open();
      if (!db) return undefined;
      return new Promise<unknown>((resolve) => {
        try {
          const request = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => resolve(undefined);
        } catch {
          resolve(undefined);
        }
      });
    },
    set(key, value) {
      void open().then((db) => {
        try {
          const transaction = db?.transaction(STORE, 'readwrite');
          transaction?.objectStore(STORE).put(value, key);
          if (transaction) transaction.onerror = (event) => event.preventDefault();
        } catch {
          // not kept: the next cell computes it again
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
