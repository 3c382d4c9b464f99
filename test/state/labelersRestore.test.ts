import { describe, expect, it } from 'vitest';
import { LabelersCellState } from '../../src/state/labelersCell.svelte.ts';
import { ResultCache } from '../../src/state/resultCache.ts';
import { createMemoryNotebookStore } from '../../src/state/notebookStore.ts';
import { LABELERS_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import type { CellDeps } from '../../src/state/cellDeps.ts';
import type { LabelersCellSpec } from '../../src/notebook/types.ts';
import { fakeFashion } from '../support/fakeFixtures.ts';
import type { EvaluateRequest } from '../../src/workers/protocol.ts';

const spec: LabelersCellSpec = {
  type: 'labelers',
  id: 'labelers',
  title: 'Two labelers',
  line: 1,
  params: { ...LABELERS_DEFAULTS, items: 600 },
};

/** A page: a fresh fake pool behind a fresh result cache over `store`; counts the fits that reach the pool. */
function page(store: ReturnType<typeof createMemoryNotebookStore>) {
  const dataset = fakeFashion();
  const fits: EvaluateRequest[] = [];
  const unused = () => Promise.reject(new Error('not used by the labelers cell'));
  const cache = new ResultCache({ store: () => store });
  const deps: CellDeps = {
    loadDataset: async () => dataset,
    trainer: cache.wrapTrainer({
      runTrial: unused,
      fitToy: unused,
      predictHeldOut: unused,
      fitAndEvaluate: async (request) => {
        fits.push(request);
        const accuracy =
          0.5 + request.labels.reduce((s, l, i) => s + (l === dataset.y[request.rows[i]!] ? 1 : 0), 0) / 2000;
        return {
          accuracy,
          accuracyNoisyTest: null,
          trainAccuracyGiven: 1,
          iterations: 1,
          converged: true,
          backend: 'test',
        };
      },
    }),
  };
  return { cell: new LabelersCellState(spec, deps, () => 0), fits };
}

describe('a labelers cell restored with a trained comparison', () => {
  it('trains it again on resume from the kept results, with zero fits in the pool', async () => {
    const store = createMemoryNotebookStore();
    const first = page(store);
    await first.cell.load();
    first.cell.revise([0, 2, 4, 6]);
    await first.cell.train();
    expect(first.fits).toHaveLength(2);
    const saved = first.cell.saveState();
    expect(saved.result).toMatchObject({ revised: [0, 2, 4, 6], trained: true });
    await new Promise((r) => setTimeout(r, 0));

    const second = page(store);
    expect(second.cell.restoreState(structuredClone(saved))).toEqual([]);
    expect(second.cell.trained).toBeNull();
    await second.cell.load();
    await second.cell.resume();
    expect(second.fits).toHaveLength(0);
    expect(second.cell.status.kind).toBe('done');
    expect(second.cell.resumed).toBe(true);
    expect(second.cell.trained).toEqual(first.cell.trained);
    // Resuming twice does nothing more.
    await second.cell.resume();
    expect(second.fits).toHaveLength(0);
  });

  it('does not train on resume when only the choices were saved, or when the comparison was out of date', async () => {
    const store = createMemoryNotebookStore();
    const first = page(store);
    await first.cell.load();
    first.cell.revise([0, 2]);
    expect(first.cell.saveState().result).not.toHaveProperty('trained');
    await first.cell.train();
    first.cell.revise([0, 2, 4]);
    const saved = first.cell.saveState();
    expect(saved.result).not.toHaveProperty('trained');

    const second = page(store);
    second.cell.restoreState(structuredClone(saved));
    await second.cell.load();
    await second.cell.resume();
    expect(second.fits).toHaveLength(0);
    expect(second.cell.trained).toBeNull();
  });
});
