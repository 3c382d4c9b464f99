import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareCsvBytes } from '../../src/cli/readCsvTable.ts';
import { STREAM_FOLDS, foldSplits } from '../../src/engine/confident/outOfFold.ts';
import { createRandom } from '../../src/engine/random.ts';
import { initBackend } from '../../src/model/backend.ts';
import { MAX_EXTRAPOLATION } from '../../src/engine/worth/dataEquivalent.ts';
import { detectTableIssues, startTabularRun, type PreparedTable } from '../../src/model/tabular.ts';
import {
  analyseTable,
  defaultRepeats,
  defaultResamples,
  nestedCleaning,
  repeatSplits,
  worthWorkAfterSelection,
} from '../../src/model/tabularWorth.ts';
import { generateTable } from '../../scripts/worthTables.ts';
import { FIT_COST } from '../../src/model/tabularFolds.ts';
import { selectionWork } from '../../src/model/tableNoise.ts';

const CARS = new URL('../../public/data/tabular/cars.csv', import.meta.url);

function readCars(): PreparedTable {
  return prepareCsvBytes(readFileSync(CARS), 'cars.csv', { label: 'Origin', folds: 5, seed: 0 }).prepared;
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

const BREAST = new URL('../../public/data/tabular/breast_cancer.csv', import.meta.url);

function readCsv(text: string, label: string): PreparedTable {
  return prepareCsvBytes(new TextEncoder().encode(text), 'table.csv', { label, folds: 5, seed: 0 }).prepared;
}

describe('analyseTable: numbers it has earned (wasm backend)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('three overlapping classes with every label correct (~20% Bayes error): noise ≤ 4 points, no gain claimed', async () => {
    const table = generateTable({ name: 't', kind: 'blobs', classes: 3, dims: 4, rows: 600, separation: 1.7, seed: 9 });
    expect(table.bayesError).toBeGreaterThan(0.15);
    const worth = await analyseTable(readCsv(table.csv, 'label'), { seed: 0, resamples: 300 });
    expect(worth.signal.informative).toBe(true);
    expect(worth.noise.estimate).toBeLessThanOrEqual(0.04);
    expect(worth.report.verdict).not.toBe('helps');
    expect(worth.report.headline).not.toMatch(/worth about/);
    // Confident learning alone counts the hard rows as wrong labels.
    expect(worth.detection.estimatedNoiseRate).toBeGreaterThan(worth.noise.estimate + 0.03);
    expect(worth.detection.flagged).toBeLessThanOrEqual(Math.round(worth.noise.estimate * 600));
  });

  it('a label drawn independently of the features: no noise rate, no accuracy, no worth — and why', async () => {
    const table = generateTable({
      name: 't',
      kind: 'nosignal',
      classes: 2,
      dims: 5,
      rows: 400,
      separation: 0,
      seed: 9,
    });
    const worth = await analyseTable(readCsv(table.csv, 'label'), { seed: 0, resamples: 100 });
    expect(worth.report.verdict).toBe('no_signal');
    expect(worth.report.noiseRate).toBeNull();
    expect(worth.report.accuracyNow).toBeNull();
    expect(worth.report.gain).toBeNull();
    expect(worth.report.dataEquivalent).toBeNull();
    expect(worth.report.headline).toMatch(/^The features barely predict the label: cross-validated accuracy \d/);
    expect(worth.detection.issues).toHaveLength(0);
  });

  it('cars with 20% injected noise: the interval holds the truth, the correction moves towards it, the factor is bounded', async () => {
    const worth = await analyseTable(readCars(), { seed: 0, injectNoise: 0.2, resamples: 300 });
    const truth = worth.injected!.trueNoiseRate;
    expect(worth.noise.low).toBeLessThanOrEqual(truth);
    expect(worth.noise.high).toBeGreaterThanOrEqual(truth);
    // Scored against noisy labels the accuracy is far too low; corrected, it is nearer the truth.
    const { accuracy, corrected, truth: real } = worth.baseline;
    expect(Math.abs(corrected - real!)).toBeLessThan(Math.abs(accuracy - real!));
    const e = worth.report.dataEquivalent;
    if (e?.status === 'extrapolated') expect(e.factor).toBeLessThanOrEqual(MAX_EXTRAPOLATION);
    if (e?.status === 'beyond_range') expect(e.moreThan).toBeLessThanOrEqual(MAX_EXTRAPOLATION);
    if (e?.high !== null && e?.high !== undefined) expect(e.high).toBeLessThanOrEqual(MAX_EXTRAPOLATION);
    // lab issues takes the same steps: the same estimate and the same suspects.
    const issues = await detectTableIssues(readCars(), { seed: 0, injectNoise: 0.2 });
    expect(issues.noise?.estimate).toBe(worth.noise.estimate);
    expect(issues.detection.issues.map((x) => x.row)).toEqual(worth.detection.issues.map((x) => x.row));
  });

  it('the same table and injected rate with other seeds: gain and data-equivalent intervals overlap', async () => {
    const runs = [];
    for (const seed of [1, 2, 3]) runs.push(await analyseTable(readCars(), { seed, injectNoise: 0.2, resamples: 300 }));
    for (const a of runs) {
      for (const b of runs) {
        expect(a.bootstrap.gain.low).toBeLessThanOrEqual(b.bootstrap.gain.high);
        expect(a.bootstrap.factor.low).toBeLessThanOrEqual(b.bootstrap.factor.high);
      }
    }
  });

  it('breast cancer with class-conditional noise: the flips are real, the noise by class adds up', async () => {
    const prepared = prepareCsvBytes(readFileSync(BREAST), 'breast_cancer.csv', {
      label: 'diagnosis',
      folds: 5,
      seed: 0,
    }).prepared;
    const worth = await analyseTable(prepared, {
      seed: 0,
      injectNoise: 0.2,
      injectNoiseKind: 'class_conditional',
      resamples: 200,
      repeats: 1,
    });
    expect(worth.injected!.kind).toBe('class_conditional');
    expect(worth.injected!.trueNoiseRate).toBeGreaterThan(0.15);
    const { matrix, flipRates, priors } = worth.noise.classes;
    for (let j = 0; j < 2; j++) {
      expect(matrix[j]! + matrix[2 + j]!).toBeCloseTo(1, 9);
      expect(matrix[j * 2 + j]).toBeCloseTo(1 - flipRates[j]!, 9);
    }
    expect(priors.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(worth.noise.low).toBeLessThanOrEqual(worth.injected!.trueNoiseRate);
    expect(worth.noise.high).toBeGreaterThanOrEqual(worth.injected!.trueNoiseRate);
  });

  it('nestedCleaning: a held-out row’s label never reaches the model that predicts it', async () => {
    const prepared = readCars();
    const run = startTabularRun(prepared, { folds: 4, seed: 2 }, 0);
    const options = {
      candidate: { kind: 'logreg', l2: 1 },
      innerFolds: 3,
      seed: 2,
      repeat: 0,
      filter: 'prune_by_noise_rate',
    } as const;
    const before = await nestedCleaning(run.data, run.given, run.splits, options);
    // Change every held-out label of fold 0 (to the next class): fold 0's predictions must not move.
    const changed = Int32Array.from(run.given);
    for (const i of run.splits[0]!.holdout) changed[i] = (changed[i]! + 1) % 3;
    const after = await nestedCleaning(run.data, changed, run.splits, options);
    const fold0 = Array.from(run.splits[0]!.holdout);
    expect(fold0.map((i) => after.cleaned[i])).toEqual(fold0.map((i) => before.cleaned[i]));
    // The other folds train on those rows, so their predictions can change (the test can tell).
    const others = run.splits.slice(1).flatMap((s) => Array.from(s.holdout));
    expect(others.some((i) => after.cleaned[i] !== before.cleaned[i])).toBe(true);
  });

  it('{repeats} and {innerFolds} must be whole numbers (≥ 1, ≥ 2)', async () => {
    const prepared = readCars();
    await expect(analyseTable(prepared, { repeats: 0 })).rejects.toThrow(/repeats must be a whole number ≥ 1, got 0/);
    await expect(analyseTable(prepared, { repeats: 1.5 })).rejects.toThrow(RangeError);
    await expect(analyseTable(prepared, { innerFolds: 1 })).rejects.toThrow(
      /inner folds must be a whole number ≥ 2, got 1/,
    );
  });
});

describe('defaultRepeats, defaultResamples', () => {
  it('defaultRepeats(rows): 2 splits up to 5,000 rows, 1 above', () => {
    expect(defaultRepeats(400)).toBe(2);
    expect(defaultRepeats(5000)).toBe(2);
    expect(defaultRepeats(5001)).toBe(1);
  });
  it('defaultResamples(rows): 1,000 on small tables, fewer (at least 200) on large ones', () => {
    expect(defaultResamples(400)).toBe(1000);
    expect(defaultResamples(200_000)).toBe(200);
    expect(defaultResamples(100_000)).toBe(400);
  });
});

describe('the work the progress is paced by', () => {
  it('counts training rows, the net at FIT_COST times a logistic regression row; a large table chooses on a sample', () => {
    const lr = FIT_COST.logreg;
    const net = FIT_COST.mlp;
    expect(net).toBeGreaterThan(lr);
    // 100 rows, 5 folds: 80 training rows a fold; 4 logistic regressions and 3 nets on every fold.
    expect(selectionWork(100, 5, 'auto')).toBe(5 * 80 * (4 * lr + 3 * net));
    expect(selectionWork(100, 5, 'logreg')).toBe(5 * 80 * 4 * lr);
    // 200,000 rows: logistic regression only, chosen on 4,000 rows (3,200 a fold), then two models on the full folds.
    expect(selectionWork(200_000, 5, 'auto')).toBe(5 * 3200 * 4 + 2 * 5 * 160_000);
    // After the choice: per split, curve fractions (1/8 + 1/4 + 1/2) + 4 inner folds of 3/4 + the cleaned refit.
    const plan = { folds: 5, repeats: 1, innerFolds: 4, fractions: [0.125, 0.25, 0.5], extras: 0 };
    expect(worthWorkAfterSelection(100, { ...plan, kind: 'logreg' })).toBeCloseTo(5 * 80 * (0.875 + 3 + 1), 9);
    expect(worthWorkAfterSelection(100, { ...plan, kind: 'mlp' })).toBeCloseTo(net * 5 * 80 * (0.875 + 3 + 1), 9);
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
