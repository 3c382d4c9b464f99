import { describe, expect, it } from 'vitest';
import { createMemoryNotebookStore } from '../../src/state/notebookStore.ts';

describe('createMemoryNotebookStore', () => {
  it('loads an empty record set for a lesson with nothing saved', async () => {
    await expect(createMemoryNotebookStore().loadLesson('01-x')).resolves.toEqual({});
  });

  it('keeps one opaque record per (lesson, cell) and gives back copies', async () => {
    const store = createMemoryNotebookStore();
    const record = { params: { seed: 3 }, result: { values: Float32Array.from([1, 2]) } };
    await store.saveCell('01-x', 'curve', record);
    await store.saveCell('01-x', 'toy', { params: { seed: 1 } });
    await store.saveCell('02-y', 'curve', { params: { seed: 9 } });
    const loaded = await store.loadLesson('01-x');
    expect(Object.keys(loaded).sort()).toEqual(['curve', 'toy']);
    expect(loaded.curve).toEqual(record);
    expect(loaded.curve).not.toBe(record);
    expect((await store.loadLesson('02-y')).curve).toEqual({ params: { seed: 9 } });
  });

  it('a lesson whose slug starts like another’s keeps its own cells apart', async () => {
    const store = createMemoryNotebookStore();
    await store.saveCell('01-x', 'a', { params: {} });
    await store.saveCell('01-xy', 'b', { params: {} });
    expect(Object.keys(await store.loadLesson('01-x'))).toEqual(['a']);
  });

  it('forgetCell and forgetLesson delete only what they name', async () => {
    const store = createMemoryNotebookStore();
    await store.saveCell('01-x', 'a', { params: {} });
    await store.saveCell('01-x', 'b', { params: {} });
    await store.saveCell('02-y', 'a', { params: {} });
    await store.forgetCell('01-x', 'a');
    expect(Object.keys(await store.loadLesson('01-x'))).toEqual(['b']);
    await store.forgetLesson('01-x');
    expect(await store.loadLesson('01-x')).toEqual({});
    expect(Object.keys(await store.loadLesson('02-y'))).toEqual(['a']);
    await expect(store.forgetCell('03-z', 'none')).resolves.toBeUndefined();
  });

  it('results are bounded: past the limit the oldest saved go first, and a re-save counts as new', async () => {
    const store = createMemoryNotebookStore({ limit: 3 });
    for (const key of ['a', 'b', 'c']) await store.saveResult(key, { key });
    await store.saveResult('a', { key: 'a', again: true });
    await store.saveResult('d', { key: 'd' });
    expect((await store.loadResults()).map(([key]) => key)).toEqual(['c', 'a', 'd']);
  });

  it('refuses a limit that is not a whole number ≥ 1', () => {
    expect(() => createMemoryNotebookStore({ limit: 0 })).toThrow(/limit must be a whole number ≥ 1, got 0/);
  });
});
