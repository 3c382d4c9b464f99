import { describe, expect, it } from 'vitest';
import { createCodeApi } from '../../src/workers/codeApi.ts';
import { memoryLabStore, throughStore, type LabStore } from '../../src/workers/labStore.ts';
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
