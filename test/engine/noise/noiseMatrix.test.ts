import { describe, it, expect } from 'vitest';
import {
  identityMatrix,
  noiseEntry,
  noiseMatrixTrace,
  validateNoiseMatrix,
  type NoiseMatrix,
} from '../../../src/engine/noise/index.ts';

const matrix = (classes: number, values: number[]): NoiseMatrix => ({ classes, values: Float64Array.from(values) });

describe('noiseEntry', () => {
  it('noiseEntry(m, given, truth) reads row given, column truth of the row-major values', () => {
    // P(given = 1 | true = 0) = 0.2: column 0 is (0.8, 0.2).
    const m = matrix(2, [0.8, 0.1, 0.2, 0.9]);
    expect(noiseEntry(m, 1, 0)).toBe(0.2);
    expect(noiseEntry(m, 0, 1)).toBe(0.1);
    expect(noiseEntry(m, 1, 1)).toBe(0.9);
  });
});

describe('validateNoiseMatrix', () => {
  it('validateNoiseMatrix(column-stochastic m) accepts it', () => {
    expect(() => validateNoiseMatrix(matrix(2, [0.8, 0.1, 0.2, 0.9]))).not.toThrow();
    expect(() => validateNoiseMatrix(matrix(1, [1]))).not.toThrow();
    expect(() => validateNoiseMatrix(matrix(3, [0.5, 0, 1 / 3, 0.25, 1, 1 / 3, 0.25, 0, 1 / 3]))).not.toThrow();
  });

  it('validateNoiseMatrix(m) allows column sums within 1e-9 of 1', () => {
    expect(() => validateNoiseMatrix(matrix(2, [0.8 + 5e-10, 0, 0.2, 1]))).not.toThrow();
  });

  it('validateNoiseMatrix(m whose rows, not columns, sum to 1) throws a RangeError naming the column', () => {
    const rowStochastic = matrix(2, [0.7, 0.3, 0.4, 0.6]);
    expect(() => validateNoiseMatrix(rowStochastic)).toThrow(RangeError);
    expect(() => validateNoiseMatrix(rowStochastic)).toThrow('noise matrix column 0 (true class 0) sums to 1.1, not 1');
  });

  it('validateNoiseMatrix(m) names the column whose sum is off by more than 1e-9', () => {
    expect(() => validateNoiseMatrix(matrix(2, [1, 0.5, 0, 0.5 + 1e-8]))).toThrow(
      'noise matrix column 1 (true class 1)',
    );
  });

  it('validateNoiseMatrix(m with an entry outside [0, 1] or NaN) names the entry and its column', () => {
    expect(() => validateNoiseMatrix(matrix(2, [1.5, 0, -0.5, 1]))).toThrow(
      'noise matrix column 0 (true class 0): entry [0][0] = 1.5 is outside [0, 1]',
    );
    expect(() => validateNoiseMatrix(matrix(2, [1, NaN, 0, 1]))).toThrow('entry [0][1] = NaN is outside [0, 1]');
  });

  it('validateNoiseMatrix(m with the wrong number of values or classes) throws a RangeError', () => {
    expect(() => validateNoiseMatrix(matrix(3, [1, 0, 0, 1]))).toThrow(
      'a noise matrix for K = 3 classes needs 9 values, got 4',
    );
    expect(() => validateNoiseMatrix(matrix(0, []))).toThrow(
      'a noise matrix needs a whole number of classes ≥ 1, got 0',
    );
    expect(() => validateNoiseMatrix(matrix(1.5, [1]))).toThrow(RangeError);
  });
});

describe('identityMatrix', () => {
  it('identityMatrix(3) has ones on the diagonal, zeros elsewhere, and is valid', () => {
    const m = identityMatrix(3);
    expect(m.classes).toBe(3);
    expect(Array.from(m.values)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(() => validateNoiseMatrix(m)).not.toThrow();
  });

  it('identityMatrix(1) is [1]; identityMatrix(0 or 2.5) throws a RangeError', () => {
    expect(Array.from(identityMatrix(1).values)).toEqual([1]);
    expect(() => identityMatrix(0)).toThrow(RangeError);
    expect(() => identityMatrix(2.5)).toThrow('a noise matrix needs a whole number of classes ≥ 1, got 2.5');
  });
});

describe('noiseMatrixTrace', () => {
  it('noiseMatrixTrace(m) sums the diagonal', () => {
    expect(noiseMatrixTrace(identityMatrix(4))).toBe(4);
    expect(noiseMatrixTrace(matrix(2, [0.8, 0.1, 0.2, 0.9]))).toBeCloseTo(1.7, 15);
  });
});
