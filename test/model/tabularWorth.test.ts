import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareCsvBytes } from '../../src/cli/readCsvTable.ts';
import { STREAM_FOLDS, foldSplits } from '../../src/engine/confident/outOfFold.ts';
import { createRandom, randomNormal } from '../../src/engine/random.ts';
import { checkLabels, inferColumnTypes, parseTable } from '../../src/engine/table/index.ts';
import { initBackend } from '../../src/model/backend.ts';
import type { PreparedTable, TabularProgress } from '../../src/model/tabular.ts';
import { NOISE_RATE_REPEATS, analyseTable, repeatSplits } from '../../src/model/tabularWorth.ts';

const CARS = new URL('../../public/data/tabular/cars.csv', import.meta.url);

function readCars(): PreparedTable {
  return prepareCsvBytes(readFileSync(CARS), 'cars.csv', { label: 'Origin', folds: 5, seed: 0 }).prepared;
}

/** Two numeric features that separate three classes, the label last. */
function synthetic(n: number): PreparedTable {
  const random = createRandom(3);
  const lines = ['x1,x2,label'];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    lines.push(`${(2 * c + randomNormal(random)).toFixed(3)},${randomNormal(random).toFixed(3)},c${c}`);
  }
  const table = parseTable(`${lines.join('\n')}\n`, { random: createRandom(0) });
  return { table, columns: inferColumnTypes(table), labels: checkLabels(table, { column: 2, folds: 5 }) };
}

describe('public/data/tabular/cars.csv through the table pipeline', () => {
  it('Name is left out as free text, Year is a date, Origin is the label; MPG and Horsepower have gaps', () => {
    const { columns, labels } = readCars();
    expect(columns.map((c) => [c.name, c.type, c.included])).toEqual([
      ['Name', 'text', false],
      ['Miles_per_Gallon', 'numeric', true],
      ['Cylinders', 'numeric', true],
      ['Displacement', 'numeric', true],
      ['Horsepower', 'numeric', true],
      ['Weight_in_lbs', 'numeric', true],
      ['Acceleration', 'numeric', true],
      ['Year', 'date', true],
      ['Origin', 'categorical', true],
    ]);
    expect(columns.find((c) => c.name === 'Miles_per_Gallon')!.missing).toBe(8);
    expect(columns.find((c) => c.name === 'Horsepower')!.missing).toBe(6);
    expect(labels.y).toHaveLength(406);
    expect(labels.classes.map((c) => [c.name, c.count])).toEqual([
      ['Europe', 73],
      ['Japan', 79],
      ['USA', 254],
    ]);
  });
});

describe('analyseTable: the blended noise rate (wasm backend)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('on cars.csv (classes that overlap) confident learning counts hard rows; the estimate follows the surest rows', async () => {
    const worth = await analyseTable(readCars(), { resamples: 200 });
    const { noiseRate, report, detection } = worth;
    expect(noiseRate.method).toBe('blended');
    const blend = noiseRate.blend!;
    expect(blend.anchorRows).toBe(162); // round(0.4 · 406)
    // The file's labels are the truth; a linear model still disagrees confidently with many of them.
    expect(blend.confidentLearning).toBeGreaterThan(blend.anchored + 0.05);
    expect(blend.weight).toBeLessThan(0.5);
    expect(noiseRate.estimate).toBeLessThan(blend.confidentLearning);
    expect(noiseRate.low).toBeLessThanOrEqual(noiseRate.estimate);
    expect(noiseRate.high).toBeGreaterThanOrEqual(noiseRate.estimate);
    expect(report.noiseRate.estimate).toBe(noiseRate.estimate);
    expect(report.suspected).toBe(detection.flagged);
    expect(report.method[0]).toContain('surest examples');
    expect(report.caveats.at(-1)).toMatch(/^Confident learning flagged \d+ rows, more than the ~\d+ wrong labels/);
    expect(worth.fits).toBe(35);
    expect(worth.repeats).toBe(NOISE_RATE_REPEATS);
  });

  it('on cars.csv with 20% injected noise the blend is nearer the truth than confident learning', async () => {
    const worth = await analyseTable(readCars(), { resamples: 200, seed: 0, injectNoise: 0.2 });
    const truth = worth.injected!.trueNoiseRate;
    const blend = worth.noiseRate.blend!;
    expect(Math.abs(worth.noiseRate.estimate - truth)).toBeLessThan(Math.abs(blend.confidentLearning - truth));
  });

  const prepared = synthetic(60);

  it("{noiseRateMethod: 'confident_learning'} gives confident learning's estimate on the run's own folds", async () => {
    const worth = await analyseTable(prepared, { folds: 3, resamples: 50, noiseRateMethod: 'confident_learning' });
    expect(worth.noiseRate.estimate).toBe(worth.detection.estimatedNoiseRate);
    expect(worth.noiseRate.blend).toBeUndefined();
    expect(worth.noiseRate.method).toBeUndefined();
  });

  it('{repeats: 2} trains one more cross-validation and counts its fits in the progress', async () => {
    const progress: TabularProgress[] = [];
    const worth = await analyseTable(prepared, {
      folds: 3,
      resamples: 50,
      repeats: 2,
      onProgress: (p) => progress.push(p),
    });
    // 3 folds × (2 repeats + cleaned + 2 extra-noise levels + 3 curve fractions).
    expect(worth.fits).toBe(24);
    expect(worth.repeats).toBe(2);
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(progress.map((p) => p.total))).toEqual(new Set([24]));
    expect(worth.noiseRate.blend).toBeDefined();
  });

  it('{repeats} must be a whole number ≥ 1', async () => {
    await expect(analyseTable(prepared, { repeats: 0 })).rejects.toThrow(RangeError);
    await expect(analyseTable(prepared, { repeats: 1.5 })).rejects.toThrow(RangeError);
  });
});

describe('repeatSplits', () => {
  it('repeatSplits(labels, folds, seed, r) is a seeded partition, different from the run split and other repeats', () => {
    const labels = Int32Array.from({ length: 50 }, (_, i) => i % 2);
    const holdouts = (splits: ReturnType<typeof repeatSplits>): number[][] => splits.map((s) => Array.from(s.holdout));
    const run = foldSplits(labels, { folds: 5, random: createRandom(4, STREAM_FOLDS) });
    const one = repeatSplits(labels, 5, 4, 1);
    const two = repeatSplits(labels, 5, 4, 2);
    expect(holdouts(repeatSplits(labels, 5, 4, 1))).toEqual(holdouts(one));
    expect(holdouts(one)).not.toEqual(holdouts(run));
    expect(holdouts(two)).not.toEqual(holdouts(one));
    const all = holdouts(one)
      .flat()
      .sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 50 }, (_, i) => i));
    for (const split of one) expect(split.train.length + split.holdout.length).toBe(50);
  });
});
