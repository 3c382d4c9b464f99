import { describe, expect, it } from 'vitest';
import {
  cellsBlob,
  createMemoryStore,
  restoreTable,
  tableToSave,
  type LegacySavedTable,
  type Saved,
} from '../../src/state/tableStore.ts';
import { packRows, unpackRows } from '../../src/engine/table/packedCells.ts';

const ROWS = [
  ['1', 'a'],
  ['2', 'b'],
];

const TABLE = {
  header: ['x', 'label'],
  cells: packRows(ROWS, 2),
  rowNumbers: Int32Array.from([2, 3]),
  hasHeader: true,
  delimiter: ',',
  totalRows: 2,
};

const SAVED: Saved = {
  source: 'mine.csv',
  table: tableToSave(TABLE, cellsBlob(TABLE.cells)),
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

  it('tableToSave(table, cellsBlob(cells)) → save → load → restoreTable gives the table back, and its Blob', async () => {
    const store = createMemoryStore();
    await store.save(SAVED);
    const loaded = await store.load();
    expect(loaded!.table).not.toHaveProperty('cells');
    const restored = await restoreTable(loaded!.table);
    expect(restored.table).toEqual(TABLE);
    expect(restored.blob).toBeInstanceOf(Blob);
    expect(restored.blob!.size).toBe((SAVED.table as { cellsBlob: Blob }).cellsBlob.size);
  });

  it('restoreTable(rows of strings, as saved before the cells were packed) packs them, with no Blob yet', async () => {
    const { cells: _, ...rest } = TABLE;
    const legacy: LegacySavedTable = { ...rest, rows: ROWS };
    const restored = await restoreTable(legacy);
    expect(unpackRows(restored.table.cells)).toEqual(ROWS);
    expect(restored.table).not.toHaveProperty('rows');
    expect(restored.table).toMatchObject({ header: ['x', 'label'], hasHeader: true, delimiter: ',', totalRows: 2 });
    expect(restored.blob).toBeNull();
  });

  it('restoreTable(a Blob that is not packed cells) rejects', async () => {
    const { cells: _, ...rest } = TABLE;
    await expect(restoreTable({ ...rest, cellsBlob: new Blob(['not cells']) })).rejects.toThrow(RangeError);
  });

  it('changing what was loaded does not change what is saved', async () => {
    const store = createMemoryStore(SAVED);
    const loaded = (await store.load()) as unknown as { edits: string[] };
    loaded.edits.push('changed');
    await expect(store.load()).resolves.toEqual(SAVED);
  });
});
