import { describe, expect, it } from 'vitest';
import { matrixCorrectedAccuracy } from '../../../src/engine/worth/matrixCorrectedAccuracy.ts';
import { noiseCorrectedAccuracy } from '../../../src/engine/worth/correctedAccuracy.ts';
import { weightedAgreement } from '../../../src/engine/worth/noiseCorrection.ts';
import { injectMatrixNoise } from '../../../src/engine/noise/matrix.ts';
import { createRandom, randomInt, shuffle } from '../../../src/engine/random.ts';

/** The K×K uniform noise matrix at rate r: 1 − r on the diagonal, r/(K − 1) elsewhere. */
function uniformMatrix(k: number, r: number): Float64Array {
  return Float64Array.from({ length: k * k }, (_, c) => (Math.floor(c / k) === c % k ? 1 - r : r / (k - 1)));
}

/** T[given][true], row-major, columns summing to 1: class 0 is often labelled 1, class 2 never 0. */
const T = Float64Array.of(0.7, 0.05, 0, 0.25, 0.9, 0.1, 0.05, 0.05, 0.9);

/**
 * Rows with known predictions and true classes — `joint[c][j]` rows predicted
 * c of true class j — whose given labels follow `matrix` with exact counts in
 * every (prediction, true class) cell: of the n rows in a cell, n·T[i][j] get
 * given label i. So given and predicted are independent given the true class,
 * exactly. Counts must make every n·T[i][j] whole.
 */
function exactRows(joint: readonly (readonly number[])[], matrix: ArrayLike<number>, k: number) {
  const predicted: number[] = [];
  const given: number[] = [];
  const truth: number[] = [];
  joint.forEach((row, c) =>
    row.forEach((n, j) => {
      for (let i = 0; i < k; i++) {
        const count = n * matrix[i * k + j]!;
        expect(Number.isInteger(Math.round(count * 1e9) / 1e9)).toBe(true);
        for (let t = 0; t < Math.round(count); t++) {
          predicted.push(c);
          given.push(i);
          truth.push(j);
        }
      }
    }),
  );
  return { predicted, given, truth };
}

/** 10000 rows, true classes 4000/3000/3000; 8300 predicted right: true accuracy 0.83. */
const JOINT = [
  [3200, 200, 200],
  [600, 2700, 400],
  [200, 100, 2400],
];

describe('matrixCorrectedAccuracy', () => {
  it('matrixCorrectedAccuracy(predicted, given, T, k) recovers the true accuracy exactly when given labels follow T exactly', () => {
    const { predicted, given, truth } = exactRows(JOINT, T, 3);
    expect(predicted).toHaveLength(10000);
    expect(weightedAgreement(predicted, truth)).toBeCloseTo(0.83, 15);
    // Against the noisy labels the model looks worse…
    expect(weightedAgreement(predicted, given)).toBeLessThan(0.75);
    // …and the matrix correction gets the 0.83 back.
    expect(matrixCorrectedAccuracy(predicted, given, T, 3)).toBeCloseTo(0.83, 12);
  });

  it('matrixCorrectedAccuracy(…) with class-conditional noise does better than the uniform correction at the same rate', () => {
    const { predicted, given } = exactRows(JOINT, T, 3);
    // Overall rate: 0.4·0.3 + 0.3·0.1 + 0.3·0.1 = 0.18.
    const uniform = noiseCorrectedAccuracy(weightedAgreement(predicted, given), { noiseRate: 0.18, classes: 3 });
    expect(Math.abs(uniform - 0.83)).toBeGreaterThan(0.01);
    expect(Math.abs(matrixCorrectedAccuracy(predicted, given, T, 3) - 0.83)).toBeLessThan(1e-12);
  });

  it('matrixCorrectedAccuracy(…) recovers the true accuracy within 1 point when the noise is drawn by injectMatrixNoise (N = 30000)', () => {
    for (let seed = 0; seed < 3; seed++) {
      const random = createRandom(seed);
      const n = 30000;
      const truth = Int32Array.from({ length: n }, () => randomInt(random, 3));
      // Right on a random 78% of rows, otherwise the next class or the one after.
      const right = shuffle(
        random,
        Int32Array.from({ length: n }, (_, i) => i),
      ).subarray(0, Math.round(0.78 * n));
      const predicted = Int32Array.from(truth, (y) => (y + 1 + randomInt(random, 2)) % 3);
      for (const i of right) predicted[i] = truth[i]!;
      const noisy = injectMatrixNoise(truth, { matrix: { classes: 3, values: T }, random });
      const accuracy = weightedAgreement(predicted, truth);
      expect(accuracy).toBeCloseTo(0.78, 12);
      expect(weightedAgreement(predicted, noisy.labels)).toBeLessThan(0.7);
      const corrected = matrixCorrectedAccuracy(predicted, noisy.labels, T, 3);
      expect(Math.abs(corrected - accuracy), `seed ${seed}`).toBeLessThan(0.01);
    }
  });

  it('matrixCorrectedAccuracy(…) with a uniform matrix equals noiseCorrectedAccuracy on the observed agreement', () => {
    // Rows follow the uniform matrix exactly, so no row of the joint needs clipping.
    for (const [k, r, joint] of [
      [3, 0.2, JOINT],
      [
        2,
        0.3,
        [
          [500, 100],
          [200, 700],
        ],
      ],
      [
        4,
        0.3,
        [
          [300, 30, 0, 60],
          [60, 270, 30, 0],
          [0, 30, 330, 0],
          [30, 0, 0, 360],
        ],
      ],
    ] as const) {
      const matrix = uniformMatrix(k, r);
      const { predicted, given, truth } = exactRows(joint, matrix, k);
      const observed = weightedAgreement(predicted, given);
      const corrected = matrixCorrectedAccuracy(predicted, given, matrix, k);
      expect(corrected, `K ${k}`).toBeCloseTo(noiseCorrectedAccuracy(observed, { noiseRate: r, classes: k }), 12);
      expect(corrected, `K ${k}`).toBeCloseTo(weightedAgreement(predicted, truth), 12);
    }
  });

  it('matrixCorrectedAccuracy(…) with the identity matrix is the plain agreement', () => {
    const identity = uniformMatrix(3, 0);
    const predicted = [0, 1, 2, 2, 1, 0, 1];
    const given = [0, 1, 1, 2, 0, 0, 2];
    expect(matrixCorrectedAccuracy(predicted, given, identity, 3)).toBeCloseTo(4 / 7, 15);
  });

  it('matrixCorrectedAccuracy(…) stays within [0, 1] when the matrix does not fit the labels', () => {
    const random = createRandom(12);
    for (let trial = 0; trial < 30; trial++) {
      const predicted = Array.from({ length: 40 }, () => randomInt(random, 3));
      const given = predicted.map((p) => (random() < 0.5 ? p : randomInt(random, 3)));
      const matrix = Float64Array.from(T);
      const a = matrixCorrectedAccuracy(predicted, given, matrix, 3);
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(1);
      expect(matrixCorrectedAccuracy(predicted, given, uniformMatrix(3, 0.5), 3)).toBeLessThanOrEqual(1);
    }
  });

  it('matrixCorrectedAccuracy(…, weights) counts each row as many times as its weight', () => {
    const random = createRandom(21);
    for (let trial = 0; trial < 20; trial++) {
      const n = 30;
      const predicted = Array.from({ length: n }, () => randomInt(random, 3));
      const given = predicted.map((p) => (random() < 0.7 ? p : randomInt(random, 3)));
      const weights = Array.from({ length: n }, () => randomInt(random, 4));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const repeatedPredicted = predicted.flatMap((p, i) => Array.from({ length: weights[i]! }, () => p));
      const repeatedGiven = given.flatMap((g, i) => Array.from({ length: weights[i]! }, () => g));
      const weighted = matrixCorrectedAccuracy(predicted, given, T, 3, weights);
      expect(weighted).toBeCloseTo(matrixCorrectedAccuracy(repeatedPredicted, repeatedGiven, T, 3), 12);
      // Only the proportions matter.
      expect(
        matrixCorrectedAccuracy(
          predicted,
          given,
          T,
          3,
          weights.map((w) => 2.5 * w),
        ),
      ).toBeCloseTo(weighted, 12);
    }
  });

  it('matrixCorrectedAccuracy(…) is NaN with no rows, or no weight', () => {
    expect(matrixCorrectedAccuracy([], [], T, 3)).toBeNaN();
    expect(matrixCorrectedAccuracy([], [], T, 3, [])).toBeNaN();
    expect(matrixCorrectedAccuracy([0, 1], [0, 1], T, 3, [0, 0])).toBeNaN();
  });

  it('matrixCorrectedAccuracy(one row, …) is a number in [0, 1]', () => {
    expect(matrixCorrectedAccuracy([1], [1], uniformMatrix(2, 0), 2)).toBe(1);
    expect(matrixCorrectedAccuracy([1], [0], uniformMatrix(2, 0), 2)).toBe(0);
    const a = matrixCorrectedAccuracy([2], [2], T, 3);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThanOrEqual(1);
  });

  it('matrixCorrectedAccuracy(…) throws a RangeError on mismatched lengths or a matrix of the wrong size', () => {
    expect(() => matrixCorrectedAccuracy([0, 1, 2], [0, 1], T, 3)).toThrow(
      new RangeError('3 predictions but 2 labels'),
    );
    expect(() => matrixCorrectedAccuracy([0, 1], [0, 1], [1, 0, 0, 1], 3)).toThrow(
      new RangeError('noise matrix must be 3×3, got 4 numbers'),
    );
    expect(() => matrixCorrectedAccuracy([0, 1], [0, 1], T, 3, [1, 1, 1])).toThrow(
      new RangeError('2 labels but 3 weights'),
    );
  });
});
