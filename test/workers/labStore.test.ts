import { describe, expect, it } from 'vitest';
import { createCodeApi } from '../../src/workers/codeApi.ts';
// idb checks requests with `instanceof IDBRequest` and friends, globals a browser worker has: the auto import installs them.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { indexedDbLabStore, memoryLabStore, throughStore, type LabStore } from '../../src/workers/labStore.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../../src/cli/quietTfjsBanner.ts';

quietTfjsBanner();

describe('throughStore', () => {
  it('computes on a miss and keeps the value; a hit is returned without computing', async () => {
    const store = memoryLabStore();
    let calls = 0;
    const compute = async () => {
      calls++;
      return { accuracy: 0.5, predictions: Int32Array.of(1, 2) };
    };
    expect(await throughStore(store, 'k', compute)).toEqual({ accuracy: 0.5, predictions: Int32Array.of(1, 2) });
    expect(await throughStore(store, 'k', compute)).toEqual({ accuracy: 0.5, predictions: Int32Array.of(1, 2) });
    expect(calls).toBe(1);
    expect(await throughStore(null, 'k', compute)).toEqual({ accuracy: 0.5, predictions: Int32Array.of(1, 2) });
    expect(calls).toBe(2);
  });
});

describe('code workers sharing a store (each code cell has its own worker)', () => {
  /** A store that counts the lookups it answered. */
  function countingStore() {
    const inner = memoryLabStore();
    const counts = { hits: 0, misses: 0 };
    const store: LabStore = {
      async get(key) {
        const value = await inner.get(key);
        counts[value === undefined ? 'misses' : 'hits']++;
        return value;
      },
      set: (key, value) => inner.set(key, value),
    };
    return { store, counts, size: () => inner.size };
  }
  const start = async (store: LabStore) => {
    const api = createCodeApi({ loadDataset: (name) => loadDatasetFile(name), store });
    await api.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
    return api;
  };

  it('a second worker takes the first one’s fits and folds from the store and returns the same numbers', async () => {
    const code =
      "const data = { size: 120, noise: 0.2, model: 'mlp', hidden: 8, seed: 3 };\n" +
      'const a = await lab.trainModel(data);\n' +
      'const b = await lab.improveData({ ...data, review: 20, add: 20, folds: 3 });\n' +
      'return JSON.stringify([a, b]);';
    const { store, counts, size } = countingStore();
    const first = await (await start(store)).run(code);
    expect(first.ok).toBe(true);
    const kept = size();
    expect(kept).toBeGreaterThanOrEqual(3); // the model as it is, the folds, the improved model
    const before = { ...counts };
    const second = await (await start(store)).run(code);
    expect(second).toEqual(first);
    expect(size()).toBe(kept); // nothing new to keep
    expect(counts.hits - before.hits).toBeGreaterThanOrEqual(3);
    expect(counts.misses - before.misses).toBe(0);
  });

  it('without a store each worker computes its own (the same numbers)', async () => {
    const code = "return JSON.stringify(await lab.trainModel({ size: 100, noise: 0.1, model: 'mlp', hidden: 4 }));";
    const api = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
    await api.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
    const { store } = countingStore();
    expect(await api.run(code)).toEqual(await (await start(store)).run(code));
  });
});

describe('indexedDbLabStore (fake-indexeddb: the same IndexedDB API as a browser)', () => {
  let names = 0;
  const fresh = () => ({ factory: new IDBFactory(), name: `lab-${++names}` });

  it('keeps a structured-cloneable value under its key; another store on the same database reads it', async () => {
    const { factory, name } = fresh();
    const first = indexedDbLabStore(factory, { name });
    const value = { accuracy: 0.93, predictions: Int32Array.of(3, 1, 2) };
    expect(await first.get('fit:1')).toBeUndefined();
    first.set('fit:1', value);
    expect(await first.get('fit:1')).toEqual(value);
    const second = indexedDbLabStore(factory, { name }); // another code worker
    expect(await second.get('fit:1')).toEqual(value);
    expect(await second.get('fit:2')).toBeUndefined();
  });

  it('keeps at most maxEntries records: the oldest written go first', async () => {
    const { factory, name } = fresh();
    let clock = 0;
    const store = indexedDbLabStore(factory, { name, maxEntries: 3, now: () => ++clock });
    for (const key of ['a', 'b', 'c', 'd', 'e']) store.set(key, key.toUpperCase());
    expect(await store.get('e')).toBe('E');
    expect(await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => store.get(k)))).toEqual([
      undefined,
      undefined,
      'C',
      'D',
      'E',
    ]);
    store.set('c', 'C2'); // rewritten: now the newest
    store.set('f', 'F');
    expect(await Promise.all(['c', 'd', 'e', 'f'].map((k) => store.get(k)))).toEqual(['C2', undefined, 'E', 'F']);
  });

  it('a value that cannot be cloned is not kept and does not break the store', async () => {
    const { factory, name } = fresh();
    const store = indexedDbLabStore(factory, { name });
    store.set('bad', { run: () => 1 });
    store.set('good', 1);
    expect(await store.get('bad')).toBeUndefined();
    expect(await store.get('good')).toBe(1);
  });

  it('a database that cannot be opened (private mode, blocked) only makes the lab compute again', async () => {
    const broken = {
      open() {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const store = indexedDbLabStore(broken, { name: 'x' });
    store.set('k', 1);
    expect(await store.get('k')).toBeUndefined();
    let calls = 0;
    expect(await throughStore(store, 'k', async () => ++calls)).toBe(1);
    expect(await throughStore(store, 'k', async () => ++calls)).toBe(2);
  });

  it('records of the old layout (version 1, bare values) are dropped on upgrade, not misread', async () => {
    const { factory, name } = fresh();
    await new Promise<void>((resolve, reject) => {
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('results');
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction('results', 'readwrite');
        tx.objectStore('results').put(0.5, 'old');
        tx.oncomplete = () => {
          db.close();
          resolve();
        };
      };
      request.onerror = () => reject(request.error);
    });
    const store = indexedDbLabStore(factory, { name });
    expect(await store.get('old')).toBeUndefined();
    store.set('new', 2);
    expect(await store.get('new')).toBe(2);
  });
});
