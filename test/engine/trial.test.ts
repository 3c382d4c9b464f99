import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Dataset } from '../../src/engine/types.ts';
import { CLEAN, TEST_FRACTION, TrialPreparer, datasetSplit, gatherRows } from '../../src/engine/trial.ts';
import { createRandom } from '../../src/engine/random.ts';
import { injectUniformNoise, matrixNoiseCounts, type NoiseSpec } from '../../src/engine/noise/index.ts';
import { decodeDataset } from '../../src/engine/dataset/decode.ts';
import { DATASETS } from '../../src/engine/datasets.ts';

const D = 3;

/**
 * A synthetic data set whose features name their row: x[row, j] = 10·row + j,
 * so any gathered matrix can be traced back to the rows it came from.
 */
function syntheticDataset(options: { n: number; classes: number; split?: Dataset['split'] }): Dataset {
  const { n, classes } = options;
  const x = new Float32Array(n * D);
  for (let row = 0; row < n; row++) for (let j = 0; j < D; j++) x[row * D + j] = 10 * row + j;
  // Uneven classes: row r has class (r mod 7) mod K.
  const y = Int32Array.from({ length: n }, (_, r) => (r % 7) % classes);
  return {
    name: 'synthetic',
    title: 'Synthetic',
    n,
    d: D,
    classes,
    classNames: Array.from({ length: classes }, (_, c) => `c${c}`),
    x,
    y,
    image: null,
    split: options.split ?? null,
    source: 'test',
    license: 'CC0',
  };
}

/** The rows a gathered matrix came from (see syntheticDataset). */
function rowsOf(matrix: { x: Float32Array; n: number; d: number }): number[] {
  return Array.from({ length: matrix.n }, (_, i) => matrix.x[i * matrix.d]! / 10);
}

function loadDigits(): Dataset {
  const url = new URL('../../public/data/digits.dcl.gz', import.meta.url);
  return decodeDataset(new Uint8Array(gunzipSync(readFileSync(url))));
}

const spec = (size: number, rate: number, seed: number) =>
  ({ dataset: 'synthetic', size, noise: { kind: 'uniform', rate }, seed }) as const;

describe('datasetSplit', () => {
  it('datasetSplit(dataset with a shipped split) returns exactly the shipped row ranges', () => {
    const dataset = syntheticDataset({ n: 30, classes: 3, split: { pool: [0, 20], test: [20, 30] } });
    const { pool, test } = datasetSplit(dataset);
    expect(Array.from(pool)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(Array.from(test)).toEqual(Array.from({ length: 10 }, (_, i) => 20 + i));
  });

  it('datasetSplit(dataset with a shipped split) honours ranges that do not start at 0 or cover every row', () => {
    const dataset = syntheticDataset({ n: 30, classes: 3, split: { pool: [5, 12], test: [25, 28] } });
    const { pool, test } = datasetSplit(dataset);
    expect(Array.from(pool)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(Array.from(test)).toEqual([25, 26, 27]);
  });

  it('datasetSplit(dataset without a split) holds out a stratified ceil(0.3·N) of the rows', () => {
    const dataset = syntheticDataset({ n: 41, classes: 4 });
    const { pool, test } = datasetSplit(dataset);
    expect(test.length).toBe(Math.ceil(TEST_FRACTION * 41));
    expect([...pool, ...test].sort((a, b) => a - b)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    const count = (rows: Int32Array, c: number) => Array.from(rows).filter((r) => dataset.y[r] === c).length;
    for (let c = 0; c < 4; c++) {
      const m = Array.from(dataset.y).filter((label) => label === c).length;
      expect(Math.abs(count(test, c) - (m * test.length) / 41)).toBeLessThan(1);
    }
  });

  it('datasetSplit(dataset without a split) is the same on every call (seed 0)', () => {
    const dataset = syntheticDataset({ n: 60, classes: 3 });
    expect(Array.from(datasetSplit(dataset).test)).toEqual(Array.from(datasetSplit(dataset).test));
    expect(Array.from(datasetSplit(syntheticDataset({ n: 60, classes: 3 })).pool)).toEqual(
      Array.from(datasetSplit(dataset).pool),
    );
  });

  it('datasetSplit(digits) gives the 1,257-row pool and 540-row test set of DATASETS.digits, stratified like scikit-learn', () => {
    const digits = loadDigits();
    const { pool, test } = datasetSplit(digits);
    expect(pool.length).toBe(DATASETS.digits.poolSize);
    expect(test.length).toBe(DATASETS.digits.testSize);
    // Per-class test counts of train_test_split(stratify=y, test_size=0.3, random_state=0) in the reference.
    const reference = JSON.parse(
      readFileSync(new URL('../fixtures/reference/digits-curve-sklearn.json', import.meta.url), 'utf8'),
    ) as { indices: { test: number[] } };
    const perClass = (rows: ArrayLike<number>) => {
      const counts = new Array<number>(10).fill(0);
      for (let i = 0; i < rows.length; i++) counts[digits.y[rows[i]!]!]!++;
      return counts;
    };
    expect(perClass(test)).toEqual(perClass(reference.indices.test));
  });
});

describe('gatherRows', () => {
  const dataset = syntheticDataset({ n: 10, classes: 3 });

  it('gatherRows(dataset, rows) copies the rows’ features in the given order with their true labels', () => {
    const m = gatherRows(dataset, [7, 2, 7]);
    expect(m.n).toBe(3);
    expect(m.d).toBe(D);
    expect(m.classes).toBe(3);
    expect(Array.from(m.x)).toEqual([70, 71, 72, 20, 21, 22, 70, 71, 72]);
    expect(Array.from(m.y)).toEqual([dataset.y[7], dataset.y[2], dataset.y[7]]);
  });

  it('gatherRows(dataset, rows, labels) uses the given labels instead of the true ones', () => {
    const m = gatherRows(dataset, Int32Array.from([1, 4]), Int32Array.from([2, 0]));
    expect(Array.from(m.y)).toEqual([2, 0]);
    expect(rowsOf(m)).toEqual([1, 4]);
  });

  it('gatherRows(dataset, rows) returns a copy that does not alias the data set', () => {
    const m = gatherRows(dataset, [0]);
    m.x[0] = -1;
    expect(dataset.x[0]).toBe(0);
  });

  it('gatherRows(dataset, []) is an empty matrix', () => {
    const m = gatherRows(dataset, []);
    expect(m.n).toBe(0);
    expect(m.x.length).toBe(0);
    expect(m.y.length).toBe(0);
  });
});

describe('TrialPreparer', () => {
  const dataset = syntheticDataset({ n: 100, classes: 4 });

  it('new TrialPreparer(dataset).maxSize is the pool size', () => {
    const preparer = new TrialPreparer(dataset);
    expect(preparer.maxSize).toBe(70);
    expect(preparer.maxSize).toBe(preparer.split.pool.length);
    const shipped = new TrialPreparer(
      syntheticDataset({ n: 30, classes: 3, split: { pool: [0, 24], test: [24, 30] } }),
    );
    expect(shipped.maxSize).toBe(24);
  });

  it('TrialPreparer.test is the clean test rows, computed once', () => {
    const preparer = new TrialPreparer(dataset);
    const test = preparer.test;
    expect(rowsOf(test)).toEqual(Array.from(preparer.split.test));
    expect(Array.from(test.y)).toEqual(Array.from(preparer.split.test, (r) => dataset.y[r]));
    expect(preparer.test).toBe(test);
  });

  it('TrialPreparer.order(seed) is a cached permutation of the pool', () => {
    const preparer = new TrialPreparer(dataset);
    const order = preparer.order(3);
    expect(preparer.order(3)).toBe(order);
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from(preparer.split.pool));
    expect(Array.from(preparer.order(4))).not.toEqual(Array.from(order));
  });

  it('TrialPreparer.prepare({size: N}) trains on the first N rows of the seed’s order', () => {
    const preparer = new TrialPreparer(dataset);
    const data = preparer.prepare(spec(25, 0.2, 1));
    expect(data.train.n).toBe(25);
    expect(data.train.d).toBe(D);
    expect(data.train.classes).toBe(4);
    expect(rowsOf(data.train)).toEqual(Array.from(preparer.order(1).subarray(0, 25)));
  });

  it('TrialPreparer.prepare({size}) gives nested subsets: the rows at each size are a prefix of the rows at a larger size', () => {
    const preparer = new TrialPreparer(dataset);
    const sizes = [5, 10, 20, 40, 70];
    const rows = sizes.map((size) => rowsOf(preparer.prepare(spec(size, 0.3, 2)).train));
    for (let i = 1; i < sizes.length; i++) expect(rows[i]!.slice(0, sizes[i - 1])).toEqual(rows[i - 1]);
    // The same rows whatever the noise rate.
    expect(rowsOf(preparer.prepare(spec(40, 0, 2)).train)).toEqual(rows[3]);
    // All rows of the pool at the largest size, each once.
    expect(rows[4]!.slice().sort((a, b) => a - b)).toEqual(Array.from(preparer.split.pool));
  });

  it('TrialPreparer.prepare({noise: {rate}}) flips exactly round(rate·N) training labels and no others', () => {
    const preparer = new TrialPreparer(dataset);
    for (const [size, rate] of [
      [10, 0.1],
      [25, 0.3],
      [70, 0.4],
      [15, 0.5],
      [33, 1],
    ] as const) {
      const { train, trueLabels, flipped } = preparer.prepare(spec(size, rate, 0));
      expect(flipped.length, `N=${size}, rate=${rate}`).toBe(Math.round(rate * size));
      const changed = Array.from(train.y).flatMap((label, i) => (label !== trueLabels[i] ? [i] : []));
      expect(changed).toEqual(Array.from(flipped));
    }
  });

  it('TrialPreparer.prepare(spec).trueLabels are dataset.y of the training rows', () => {
    const preparer = new TrialPreparer(dataset);
    const { train, trueLabels } = preparer.prepare(spec(50, 0.4, 5));
    expect(Array.from(trueLabels)).toEqual(rowsOf(train).map((r) => dataset.y[r]));
  });

  it('TrialPreparer.prepare({noise: CLEAN}) trains on the true labels', () => {
    const preparer = new TrialPreparer(dataset);
    const { train, trueLabels, flipped } = preparer.prepare({ ...spec(30, 0, 0), noise: CLEAN });
    expect(flipped.length).toBe(0);
    expect(Array.from(train.y)).toEqual(Array.from(trueLabels));
  });

  it('TrialPreparer.prepare(spec).test is clean and the same whatever the noise', () => {
    const preparer = new TrialPreparer(dataset);
    const noisy = preparer.prepare(spec(70, 0.9, 0));
    const clean = preparer.prepare(spec(10, 0, 1));
    expect(noisy.test).toBe(clean.test);
    expect(Array.from(noisy.test.y)).toEqual(Array.from(preparer.split.test, (r) => dataset.y[r]));
    // No training row is a test row.
    const testRows = new Set(rowsOf(noisy.test));
    expect(rowsOf(noisy.train).some((r) => testRows.has(r))).toBe(false);
  });

  it('TrialPreparer.prepare(spec) is deterministic across preparers and varies with seed, size and rate', () => {
    const a = new TrialPreparer(dataset).prepare(spec(40, 0.25, 7));
    const b = new TrialPreparer(syntheticDataset({ n: 100, classes: 4 })).prepare(spec(40, 0.25, 7));
    expect(Array.from(b.train.x)).toEqual(Array.from(a.train.x));
    expect(Array.from(b.train.y)).toEqual(Array.from(a.train.y));
    expect(Array.from(b.flipped)).toEqual(Array.from(a.flipped));
    const other = new TrialPreparer(dataset).prepare(spec(40, 0.25, 8));
    expect(rowsOf(other.train)).not.toEqual(rowsOf(a.train));
    const otherRate = new TrialPreparer(dataset).prepare(spec(40, 0.3, 7));
    expect(Array.from(otherRate.flipped)).not.toEqual(Array.from(a.flipped));
  });

  it('TrialPreparer.prepare({size}) throws a RangeError naming the range and data set for a size out of range', () => {
    const preparer = new TrialPreparer(dataset);
    for (const size of [0, -1, 71, 2.5, NaN]) {
      expect(() => preparer.prepare(spec(size, 0.1, 0))).toThrow(RangeError);
      expect(() => preparer.prepare(spec(size, 0.1, 0))).toThrow(
        `training-set size must be an integer from 1 to 70 for synthetic, got ${size}`,
      );
    }
  });

  it('TrialPreparer.prepare({size: 1}) and {size: maxSize} are allowed', () => {
    const preparer = new TrialPreparer(dataset);
    expect(preparer.prepare(spec(1, 0, 0)).train.n).toBe(1);
    expect(preparer.prepare(spec(70, 0, 0)).train.n).toBe(70);
  });

  it('TrialPreparer.prepare(spec) on digits gives N rows of 64 features and a 540-row test set', () => {
    const preparer = new TrialPreparer(loadDigits());
    const { train, trueLabels, flipped, test } = preparer.prepare({
      dataset: 'digits',
      size: 500,
      noise: { kind: 'uniform', rate: 0.1 },
      seed: 0,
    });
    expect(train.n).toBe(500);
    expect(train.x.length).toBe(500 * 64);
    expect(flipped.length).toBe(50);
    expect(test.n).toBe(540);
    // Nested near-stratified subset of the 10 classes: 50 of each at N = 500 (pool classes have 122…128 rows).
    const counts = new Array<number>(10).fill(0);
    for (const label of trueLabels) counts[label]!++;
    for (const c of counts) expect(Math.abs(c - 50)).toBeLessThanOrEqual(2);
  });
});

describe('TrialPreparer noise models', () => {
  const dataset = syntheticDataset({ n: 100, classes: 4 });
  const withNoise = (size: number, noise: NoiseSpec, seed: number) =>
    ({ dataset: 'synthetic', size, noise, seed }) as const;

  it('TrialPreparer.prepare({noise: uniform}) uses the stream createRandom(seed, 3, size, rate), as before', () => {
    const preparer = new TrialPreparer(dataset);
    const data = preparer.prepare(spec(40, 0.25, 7));
    const expected = injectUniformNoise(data.trueLabels, {
      rate: 0.25,
      classes: 4,
      random: createRandom(7, 3, 40, 0.25),
    });
    expect(Array.from(data.train.y)).toEqual(Array.from(expected.labels));
    expect(Array.from(data.noiseMatrix.values)).toEqual(Array.from(expected.matrix.values));
  });

  it('TrialPreparer.prepare({noise: pairs}) flips exact counts per class and reports the realized matrix', () => {
    const preparer = new TrialPreparer(dataset);
    const noise: NoiseSpec = { kind: 'pairs', rate: 0.5, pairs: [[0, 3]] };
    const { trueLabels, train, flipped, noiseMatrix } = preparer.prepare(withNoise(50, noise, 1));
    const zeros = trueLabels.filter((t) => t === 0).length;
    expect(flipped.length).toBe(Math.round(0.5 * zeros));
    for (const i of flipped) expect([trueLabels[i], train.y[i]]).toEqual([0, 3]);
    expect(noiseMatrix.counts[3 * 4 + 0]).toBe(flipped.length);
  });

  it('TrialPreparer.prepare({noise: matrix}) draws one matrix per seed and keeps it at every size', () => {
    const preparer = new TrialPreparer(dataset);
    const noise: NoiseSpec = { kind: 'matrix', trace: 2.5, sparsity: 0.25 };
    const requested = preparer.requestedNoiseMatrix(noise, 3)!;
    for (const size of [20, 45, 70]) {
      const { noiseMatrix } = preparer.prepare(withNoise(size, noise, 3));
      expect(Array.from(noiseMatrix.counts), `N ${size}`).toEqual(
        Array.from(matrixNoiseCounts(requested, noiseMatrix.support)),
      );
    }
    expect(Array.from(preparer.requestedNoiseMatrix(noise, 4)!.values)).not.toEqual(Array.from(requested.values));
    expect(preparer.requestedNoiseMatrix({ kind: 'boundary', rate: 0.1 }, 3)).toBeNull();
  });

  it('TrialPreparer.prepare({noise: systematic}) relabels the from classes and is deterministic', () => {
    const noise: NoiseSpec = { kind: 'systematic', from: [1], to: 2, rate: 1 };
    const a = new TrialPreparer(dataset).prepare(withNoise(40, noise, 0));
    const b = new TrialPreparer(dataset).prepare(withNoise(40, noise, 0));
    expect(Array.from(a.train.y)).toEqual(Array.from(b.train.y));
    a.trueLabels.forEach((t, i) => expect(a.train.y[i]).toBe(t === 1 ? 2 : t));
  });

  it('TrialPreparer.prepare({noise: boundary}) flips the rows the reference model is least sure of', () => {
    // Reference: row r gives its true class probability 0.5 + r / 400 and the next class the rest,
    // so the lowest-numbered rows have the lowest margins.
    const k = 4;
    const reference = new Float64Array(dataset.n * k);
    for (let r = 0; r < dataset.n; r++) {
      const y = dataset.y[r]!;
      reference[r * k + y] = 0.5 + r / 400;
      reference[r * k + ((y + 1) % k)] = 0.5 - r / 400;
    }
    const preparer = new TrialPreparer(dataset, { referenceProbabilities: reference });
    const { train, trueLabels, flipped } = preparer.prepare(withNoise(40, { kind: 'boundary', rate: 0.25 }, 2));
    const rows = rowsOf(train);
    expect(flipped.length).toBe(10);
    const flippedRows = Array.from(flipped, (i) => rows[i]!).sort((a, b) => a - b);
    expect(flippedRows).toEqual(
      rows
        .slice()
        .sort((a, b) => a - b)
        .slice(0, 10),
    );
    for (const i of flipped) expect(train.y[i]).toBe((trueLabels[i]! + 1) % k);
  });

  it('TrialPreparer.prepare({noise: boundary}) without reference probabilities throws a clear error', () => {
    const preparer = new TrialPreparer(dataset);
    expect(() => preparer.prepare(withNoise(40, { kind: 'boundary', rate: 0.25 }, 2))).toThrow(
      'boundary noise needs a reference model: create the TrialPreparer for synthetic with referenceProbabilities',
    );
  });

  it('new TrialPreparer(dataset, {referenceProbabilities of the wrong size}) throws a RangeError', () => {
    expect(() => new TrialPreparer(dataset, { referenceProbabilities: new Float32Array(10) })).toThrow(
      'reference probabilities for synthetic must be (N, K) = (100, 4), 400 values, got 10',
    );
  });
});
