import { describe, it, expect } from 'vitest';
import { createRandom, type Random } from '../../../src/engine/random.ts';
import {
  identityMatrix,
  injectMatrixNoise,
  matrixNoiseCounts,
  noiseEntry,
  pairFlipMatrix,
  randomNoiseMatrix,
  realizedNoiseMatrix,
  largestRemainder,
  type NoiseMatrix,
} from '../../../src/engine/noise/index.ts';

function cyclicLabels(n: number, classes: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i % classes);
}

function supportOf(labels: Int32Array, classes: number): number[] {
  const support = new Array<number>(classes).fill(0);
  for (const label of labels) support[label]!++;
  return support;
}

const neverCalled: Random = () => {
  throw new Error('random was called');
};

describe('injectMatrixNoise', () => {
  it('injectMatrixNoise(labels, {matrix: pairs [[0, 2]] at 0.5, random: createRandom(7)}) returns pinned flips', () => {
    const matrix = pairFlipMatrix({ classes: 3, pairs: [[0, 2]], rate: 0.5 });
    const { labels, flipped } = injectMatrixNoise(cyclicLabels(12, 3), { matrix, random: createRandom(7) });
    expect(Array.from(labels)).toEqual([0, 1, 2, 0, 1, 2, 2, 1, 2, 2, 1, 2]);
    expect(Array.from(flipped)).toEqual([6, 9]);
  });

  it('injectMatrixNoise(labels, {random matrix, random: createRandom(12)}) returns pinned labels and counts', () => {
    const matrix = randomNoiseMatrix({ classes: 4, trace: 2.5, sparsity: 0.25, random: createRandom(11) });
    const {
      labels,
      flipped,
      matrix: realized,
    } = injectMatrixNoise(cyclicLabels(16, 4), {
      matrix,
      random: createRandom(12),
    });
    expect(Array.from(labels)).toEqual([0, 1, 3, 3, 1, 1, 2, 3, 0, 1, 2, 1, 2, 2, 2, 0]);
    expect(Array.from(flipped)).toEqual([2, 4, 11, 12, 13, 15]);
    expect(Array.from(realized.counts)).toEqual([2, 0, 0, 1, 1, 3, 0, 1, 1, 1, 3, 0, 0, 0, 1, 2]);
  });

  it('injectMatrixNoise gives each true class exactly the largest-remainder counts of n_j · P[·][j]', () => {
    const matrix = randomNoiseMatrix({ classes: 5, trace: 3, sparsity: 0.3, random: createRandom(1) });
    for (const n of [1, 7, 23, 50, 333]) {
      const truth = Int32Array.from({ length: n }, (_, i) => (i * 7) % 5);
      const { matrix: realized } = injectMatrixNoise(truth, { matrix, random: createRandom(n) });
      const support = supportOf(truth, 5);
      for (let j = 0; j < 5; j++) {
        const expected = Array.from({ length: 5 }, (_, i) => support[j]! * noiseEntry(matrix, i, j));
        const column = Array.from({ length: 5 }, (_, i) => realized.counts[i * 5 + j]!);
        expect(
          column.reduce((a, b) => a + b, 0),
          `N ${n}, class ${j}`,
        ).toBe(support[j]);
        column.forEach((c, i) => expect(Math.abs(c - expected[i]!), `N ${n}, [${i}][${j}]`).toBeLessThan(1));
        const tieOrder = [...[0, 1, 2, 3, 4].filter((i) => i !== j), j];
        const scaled = expected.map((e) => (e * support[j]!) / (expected.reduce((a, b) => a + b, 0) || 1));
        expect(column).toEqual(Array.from(largestRemainder(scaled, { tieOrder })));
      }
    }
  });

  it('injectMatrixNoise(labels, options).matrix is exactly counts / n_j, recomputed from the labels', () => {
    const matrix = randomNoiseMatrix({ classes: 10, trace: 7, sparsity: 0.5, random: createRandom(3) });
    const truth = Int32Array.from({ length: 997 }, (_, i) => (i * 3) % 10);
    const result = injectMatrixNoise(truth, { matrix, random: createRandom(4) });
    const recounted = realizedNoiseMatrix(truth, result.labels, 10);
    expect(Array.from(result.matrix.values)).toEqual(Array.from(recounted.values));
    const counts = matrixNoiseCounts(matrix, supportOf(truth, 10));
    expect(Array.from(result.matrix.counts)).toEqual(Array.from(counts));
    for (let i = 0; i < 10; i++) {
      for (let j = 0; j < 10; j++) {
        expect(result.matrix.values[i * 10 + j]).toBe(counts[i * 10 + j]! / result.matrix.support[j]!);
      }
    }
  });

  it('injectMatrixNoise on large N realizes the requested matrix within 1 / n_j in every entry', () => {
    const matrix = randomNoiseMatrix({ classes: 10, trace: 6, sparsity: 0.2, random: createRandom(8) });
    const truth = cyclicLabels(20000, 10);
    const { matrix: realized } = injectMatrixNoise(truth, { matrix, random: createRandom(9) });
    for (let index = 0; index < 100; index++) {
      expect(Math.abs(realized.values[index]! - matrix.values[index]!)).toBeLessThanOrEqual(1 / 2000);
    }
    for (let j = 0; j < 10; j++) {
      let sum = 0;
      for (let i = 0; i < 10; i++) sum += realized.values[i * 10 + j]!;
      expect(sum).toBeCloseTo(1, 12);
    }
  });

  it('injectMatrixNoise flips exactly the items whose label changed, sorted, and keeps the rest', () => {
    const matrix = pairFlipMatrix({
      classes: 4,
      pairs: [
        [0, 1],
        [2, 3],
      ],
      rate: 0.4,
      symmetric: true,
    });
    const truth = cyclicLabels(200, 4);
    const { labels, flipped } = injectMatrixNoise(truth, { matrix, random: createRandom(2) });
    const changed = Array.from(truth).flatMap((t, i) => (labels[i] !== t ? [i] : []));
    expect(Array.from(flipped)).toEqual(changed);
    expect(flipped.length).toBe(4 * Math.round(0.4 * 50));
  });

  it('injectMatrixNoise rounds a tie towards the flip, as Math.round(rate · n) does', () => {
    // Class 0 has 5 items; 5 · 0.5 = 2.5 both ways: 3 flip. Class 1 (4 items) is untouched.
    const matrix = pairFlipMatrix({ classes: 2, pairs: [[0, 1]], rate: 0.5 });
    const truth = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(injectMatrixNoise(truth, { matrix, random: createRandom(0) }).flipped.length).toBe(3);
    // Symmetric: class 1 also rounds 1.5 up to 2 when it has 3 items.
    const swap = pairFlipMatrix({ classes: 2, pairs: [[0, 1]], rate: 0.5, symmetric: true });
    const counts = injectMatrixNoise(Int32Array.from([0, 0, 0, 1, 1, 1]), { matrix: swap, random: createRandom(0) })
      .matrix.counts;
    expect(Array.from(counts)).toEqual([1, 2, 2, 1]);
  });

  it('injectMatrixNoise picks each item of a flipping class with probability ≈ its flip rate', () => {
    const matrix = pairFlipMatrix({ classes: 2, pairs: [[0, 1]], rate: 0.3 });
    const truth = new Int32Array(20);
    const picked = new Array<number>(20).fill(0);
    const trials = 4000;
    for (let seed = 0; seed < trials; seed++) {
      for (const i of injectMatrixNoise(truth, { matrix, random: createRandom(seed) }).flipped) picked[i]!++;
    }
    for (const count of picked) expect(Math.abs(count / trials - 0.3)).toBeLessThan(0.03);
  });

  it('injectMatrixNoise(labels, {identity matrix}) copies the labels and draws nothing', () => {
    const truth = cyclicLabels(10, 3);
    const { labels, flipped, matrix } = injectMatrixNoise(truth, { matrix: identityMatrix(3), random: neverCalled });
    expect(Array.from(labels)).toEqual(Array.from(truth));
    expect(labels).not.toBe(truth);
    expect(flipped.length).toBe(0);
    expect(Array.from(matrix.values)).toEqual(Array.from(identityMatrix(3).values));
  });

  it('injectMatrixNoise is deterministic for a seed, varies with it, and does not modify its input', () => {
    const matrix = pairFlipMatrix({ classes: 3, pairs: [[0, 1]], rate: 0.5 });
    const truth = cyclicLabels(60, 3);
    const before = Array.from(truth);
    const run = (seed: number) => Array.from(injectMatrixNoise(truth, { matrix, random: createRandom(seed) }).flipped);
    expect(run(1)).toEqual(run(1));
    expect(run(2)).not.toEqual(run(1));
    expect(Array.from(truth)).toEqual(before);
  });

  it('injectMatrixNoise([], options) returns no labels and an identity matrix with every class empty', () => {
    const matrix = pairFlipMatrix({ classes: 3, pairs: [[0, 1]], rate: 0.5 });
    const { labels, flipped, matrix: realized } = injectMatrixNoise(new Int32Array(0), { matrix, random: neverCalled });
    expect(labels.length).toBe(0);
    expect(flipped.length).toBe(0);
    expect(realized.emptyClasses).toEqual([0, 1, 2]);
  });

  it('injectMatrixNoise([c], {rate 1 for c}) flips the single item; {rate 0.4} rounds to no flip', () => {
    const all = pairFlipMatrix({ classes: 2, pairs: [[1, 0]], rate: 1 });
    expect(
      Array.from(injectMatrixNoise(Int32Array.from([1]), { matrix: all, random: createRandom(0) }).labels),
    ).toEqual([0]);
    const some = pairFlipMatrix({ classes: 2, pairs: [[1, 0]], rate: 0.4 });
    expect(injectMatrixNoise(Int32Array.from([1]), { matrix: some, random: createRandom(0) }).flipped.length).toBe(0);
  });

  it('injectMatrixNoise throws a RangeError for an invalid matrix or a label outside [0, K)', () => {
    const bad: NoiseMatrix = { classes: 2, values: Float64Array.from([0.5, 0.5, 0.6, 0.5]) };
    expect(() => injectMatrixNoise(Int32Array.from([0]), { matrix: bad, random: createRandom(0) })).toThrow(
      'noise matrix column 0 (true class 0) sums to 1.1, not 1',
    );
    expect(() =>
      injectMatrixNoise(Int32Array.from([0, 2]), { matrix: identityMatrix(2), random: createRandom(0) }),
    ).toThrow('label 2 at 1 is outside [0, 2)');
  });
});

describe('matrixNoiseCounts', () => {
  it('matrixNoiseCounts(matrix, support) rounds each column to its class count', () => {
    const matrix = pairFlipMatrix({
      classes: 3,
      pairs: [
        [0, 1],
        [0, 2],
      ],
      rate: 0.3,
    });
    // Column 0 with 10 items: 4, 3, 3. Column 1 with 7 items and column 2 with 0 items keep their labels.
    expect(Array.from(matrixNoiseCounts(matrix, [10, 7, 0]))).toEqual([4, 0, 0, 3, 7, 0, 3, 0, 0]);
  });
});
