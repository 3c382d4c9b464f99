import { describe, expect, it } from 'vitest';
import { createMemoryStore, type Saved } from '../../src/state/tableStore.ts';

const SAVED: Saved = {
  source: 'mine.csv',
  table: {
    header: ['x', 'label'],
    rows: [
      ['1', 'a'],
      ['2', 'b'],
    ],
    rowNumbers: Int32Array.from([2, 3]),
    hasHeader: true,
    delimiter: ',',
    totalRows: 2,
  },
  columns: [],
  label: 1,
  importProblems: [],
  edits: ['Dropped class "c": 1 row removed.'],
  folds: 5,
  analysis: null,
};

describe('createMemoryStore', () => {
  it('loads null when nothing is saved', async () => {
    await expect(createMemoryStore().load()).resolves.toBeNull();
  });

  it('save then load gives back an equal copy, not the same object', async () => {
    const store = createMemoryStore();
    await store.save(SAVED);
    const loaded = await store.load();
    expect(loaded).toEqual(SAVED);
    expect(loaded).not.toBe(SAVED);
    expect(loaded!.table).not.toBe(SAVED.table);
  });

  it('a later save replaces the earlier one (one record)', async () => {
    const store = createMemoryStore(SAVED);
    await store.save({ ...SAVED, source: 'other.csv', folds: 3 });
    await expect(store.load()).resolves.toMatchObject({ source: 'other.csv', folds: 3 });
  });

  it('forget deletes the record; forgetting nothing is fine', async () => {
    const store = createMemoryStore(SAVED);
    await store.forget();
    await expect(store.load()).resolves.toBeNull();
    await expect(store.forget()).resolves.toBeUndefined();
    expect(store.saved).toBeNull();
  });

  it('changing what was loaded does not change what is saved', async () => {
    const store = createMemoryStore(SAVED);
    const loaded = (await store.load()) as unknown as { edits: string[] };
    loaded.edits.push('changed');
    await expect(store.load()).resolves.toEqual(SAVED);
  });
});
