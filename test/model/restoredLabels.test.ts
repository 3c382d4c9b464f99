import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareCsvBytes } from '../../src/cli/readCsvTable.ts';
import { initBackend } from '../../src/model/backend.ts';
import { analyseTable } from '../../src/model/tabularWorth.ts';
import { restoredLabels, restoredLabelsFits } from '../../src/model/restoredLabels.ts';

const CARS = new URL('../../public/data/tabular/cars.csv', import.meta.url);
const readCars = () => prepareCsvBytes(readFileSync(CARS), 'cars.csv', { label: 'Origin', folds: 5, seed: 0 }).prepared;

describe('restoredLabels: the Worth analysis’ model retrained with the injected flips set back', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('on cars with 10% flipped: restores every flip, on the analysis’ own folds and model; better than on the flipped labels', async () => {
    const options = { seed: 0, folds: 5, model: 'logreg' as const, injectNoise: 0.1 };
    const worth = await analyseTable(readCars(), options);
    const { kind, l2 } = worth.model.chosen;
    const progress: number[] = [];
    const restored = await restoredLabels(readCars(), {
      ...options,
      candidate: { kind, l2 },
      repeats: worth.repeats,
      onProgress: ({ done }) => progress.push(done),
    });
    expect(restored.restored).toBe(worth.injected!.flipped.length);
    expect(restored.perSplit).toHaveLength(worth.repeats);
    expect(restored.fits).toBe(restoredLabelsFits(5, worth.repeats));
    expect(progress.at(-1)).toBe(restored.fits);
    expect(restored.accuracy).toBeCloseTo(restored.perSplit.reduce((a, b) => a + b, 0) / worth.repeats, 12);
    // Trained on the right labels, scored against them: above the same model trained on the flipped ones.
    expect(restored.accuracy).toBeGreaterThan(worth.baseline.truth!);
    const again = await restoredLabels(readCars(), { ...options, candidate: { kind, l2 }, repeats: worth.repeats });
    expect(again.perSplit).toEqual(restored.perSplit);
  }, 60_000);

  it('needs injected noise and a whole number of splits', async () => {
    const candidate = { kind: 'logreg' as const, l2: 1 };
    await expect(restoredLabels(readCars(), { injectNoise: 0, candidate, repeats: 2 })).rejects.toThrow(RangeError);
    await expect(restoredLabels(readCars(), { injectNoise: 0.1, candidate, repeats: 0 })).rejects.toThrow(RangeError);
  });
});
