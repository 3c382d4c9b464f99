import { describe, expect, it } from 'vitest';
import { correctAccuracy, weightedAgreement } from '../../../src/engine/worth/noiseCorrection.ts';
import { noiseCorrectedAccuracy } from '../../../src/engine/worth/correctedAccuracy.ts';
import { matrixCorrectedAccuracy } from '../../../src/engine/worth/matrixCorrectedAccuracy.ts';
import { createRandom, randomInt } from '../../../src/engine/random.ts';

/** The K×K uniform noise matrix at rate r: 1 − r on the diagonal, r/(K − 1) elsewhere. */
function uniformMatrix(k: number, r: number): Float64Array {
  return Float64Array.from({ length: k * k }, (_, c) => (Math.floor(c / k) === c % k ? 1 - r : r / (k - 1)));
}

const T = Float64Array.of(0.7, 0.05, 0, 0.25, 0.9, 0.1, 0.05, 0.05, 0.9);

describe('weightedAgreement', () => {
  it('weightedAgreement(predicted, given) is the share of rows whose prediction is the given label', () => {
    expect(weightedAgreement([0, 1, 2, 1], [0, 1, 1, 1])).toBe(0.75);
    expect(weightedAgreement([0, 0], [1, 1])).toBe(0);
    expect(weightedAgreement([2], [2])).toBe(1);
  });

  it('weightedAgreement(predicted, given, weights) weights the rows', () => {
    // Hits weigh 3 + 1 of 3 + 1 + 4.
    expect(weightedAgreement([0, 1, 2], [0, 1, 1], [3, 1, 4])).toBe(0.5);
    expect(weightedAgreement([0, 1, 2], [0, 1, 1], [0, 0, 4])).toBe(0);
    expect(weightedAgreement([0, 1, 2], [0, 1, 1], [0.5, 0.5, 0])).toBe(1);
  });

  it('weightedAgreement(…) is NaN with no rows or no weight', () => {
    expect(weightedAgreement([], [])).toBeNaN();
    expect(weightedAgreement([0, 1], [0, 1], [0, 0])).toBeNaN();
  });
});

describe('correctAccuracy', () => {
  it("correctAccuracy(…, {kind: 'uniform', rate}) is noiseCorrectedAccuracy of the weighted agreement", () => {
    const predicted = [0, 1, 1, 0, 1, 0, 0, 1, 1, 1];
    const given = [0, 1, 0, 0, 1, 1, 0, 1, 1, 1];
    // Observed 0.8 with r = 0.1, K = 2: (0.8 − 0.1)/(1 − 0.2) = 0.875.
    expect(correctAccuracy(predicted, given, 2, { kind: 'uniform', rate: 0.1 })).toBeCloseTo(0.875, 15);
    const weights = [1, 2, 0, 1, 1, 3, 1, 1, 0, 2];
    expect(correctAccuracy(predicted, given, 2, { kind: 'uniform', rate: 0.1 }, weights)).toBe(
      noiseCorrectedAccuracy(weightedAgreement(predicted, given, weights), { noiseRate: 0.1, classes: 2 }),
    );
  });

  it("correctAccuracy(…, {kind: 'uniform', rate: 0}) is the agreement", () => {
    expect(correctAccuracy([0, 1, 2], [0, 1, 1], 3, { kind: 'uniform', rate: 0 })).toBeCloseTo(2 / 3, 15);
  });

  it("correctAccuracy(…, {kind: 'matrix', matrix}) is matrixCorrectedAccuracy", () => {
    const random = createRandom(6);
    const predicted = Array.from({ length: 60 }, () => randomInt(random, 3));
    const given = predicted.map((p) => (random() < 0.75 ? p : randomInt(random, 3)));
    const weights = predicted.map(() => randomInt(random, 3));
    expect(correctAccuracy(predicted, given, 3, { kind: 'matrix', matrix: T })).toBe(
      matrixCorrectedAccuracy(predicted, given, T, 3),
    );
    expect(correctAccuracy(predicted, given, 3, { kind: 'matrix', matrix: T }, weights)).toBe(
      matrixCorrectedAccuracy(predicted, given, T, 3, weights),
    );
  });

  it("correctAccuracy(…) gives the same answer for {kind: 'uniform', rate} and the uniform matrix when no row needs clipping", () => {
    // Per prediction, the given labels are spread so every share is at least r/(K − 1) = 0.1.
    const predicted = [...Array(10).fill(0), ...Array(10).fill(1), ...Array(10).fill(2)];
    const given = [
      ...[0, 0, 0, 0, 0, 0, 0, 0, 1, 2],
      ...[1, 1, 1, 1, 1, 1, 0, 2, 2, 0],
      ...[2, 2, 2, 2, 2, 2, 2, 1, 0, 0],
    ];
    const uniform = correctAccuracy(predicted, given, 3, { kind: 'uniform', rate: 0.2 });
    const matrix = correctAccuracy(predicted, given, 3, { kind: 'matrix', matrix: uniformMatrix(3, 0.2) });
    // Observed 21/30 = 0.7: (0.7 − 0.1)/(1 − 0.3) = 6/7.
    expect(uniform).toBeCloseTo(6 / 7, 15);
    expect(matrix).toBeCloseTo(uniform, 12);
  });

  it('correctAccuracy(…) is NaN with no rows, for either kind', () => {
    expect(correctAccuracy([], [], 2, { kind: 'uniform', rate: 0.1 })).toBeNaN();
    expect(correctAccuracy([], [], 2, { kind: 'matrix', matrix: uniformMatrix(2, 0.1) })).toBeNaN();
    expect(correctAccuracy([0], [0], 2, { kind: 'uniform', rate: 0.1 }, [0])).toBeNaN();
  });

  it("correctAccuracy(…, {kind: 'uniform'}) is NaN when the rate leaves the labels uninformative", () => {
    expect(correctAccuracy([0, 1], [0, 0], 2, { kind: 'uniform', rate: 0.5 })).toBeNaN();
  });

  it('correctAccuracy(…) throws the RangeErrors of the correction it applies', () => {
    expect(() => correctAccuracy([0, 1], [0, 1], 1, { kind: 'uniform', rate: 0.1 })).toThrow(/at least 2 classes/);
    expect(() => correctAccuracy([0, 1], [0, 1], 2, { kind: 'uniform', rate: -0.1 })).toThrow(/noise rate/);
    expect(() => correctAccuracy([0, 1, 1], [0, 1], 2, { kind: 'matrix', matrix: uniformMatrix(2, 0.1) })).toThrow(
      /3 predictions but 2 labels/,
    );
    expect(() => correctAccuracy([0, 1], [0, 1], 3, { kind: 'matrix', matrix: uniformMatrix(2, 0.1) })).toThrow(
      /noise matrix must be 3×3/,
    );
  });
});
