import { describe, expect, it } from 'vitest';
import { labelSignal, LIFT_Z, MIN_GAIN, SIGNAL_Z } from '../../../src/engine/worth/labelSignal.ts';
import { createRandom, randomInt } from '../../../src/engine/random.ts';

/** Given labels with class shares `shares` (exact counts, shuffled order by `seed`). */
function labelsWithShares(n: number, shares: readonly number[], seed: number): Int32Array {
  const labels: number[] = [];
  shares.forEach((s, c) => {
    for (let t = 0; t < Math.round(s * n); t++) labels.push(c);
  });
  const random = createRandom(seed);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  return Int32Array.from(labels);
}

describe('labelSignal', () => {
  it('labelSignal(…) uses the documented thresholds', () => {
    expect(SIGNAL_Z).toBe(2);
    expect(LIFT_Z).toBe(1);
    expect(MIN_GAIN).toBe(0.01);
  });

  it('labelSignal(given, probs, k) computes accuracy, majority and both log-losses', () => {
    const given = [0, 0, 1, 1];
    const probs = [0.9, 0.1, 0.8, 0.2, 0.3, 0.7, 0.6, 0.4];
    const result = labelSignal(given, probs, 2);
    expect(result.accuracy).toBe(0.75);
    expect(result.majority).toBe(0.5);
    const lp = [0.9, 0.8, 0.7, 0.4].map((p) => -Math.log(p));
    expect(result.logLoss).toBeCloseTo(lp.reduce((s, v) => s + v, 0) / 4, 15);
    expect(result.priorLogLoss).toBeCloseTo(Math.LN2, 15);
    const gains = lp.map((v) => Math.LN2 - v);
    const mean = gains.reduce((s, v) => s + v, 0) / 4;
    const variance = gains.reduce((s, v) => s + (v - mean) ** 2, 0) / 3;
    expect(result.z).toBeCloseTo(mean / Math.sqrt(variance / 4), 10);
    // z ≈ 1.3 < 2: four rows are not enough.
    expect(result.informative).toBe(false);
  });

  it('labelSignal(…) is informative for a predictive model', () => {
    for (let seed = 0; seed < 3; seed++) {
      const random = createRandom(seed);
      const n = 1000;
      const given = labelsWithShares(n, [0.5, 0.3, 0.2], seed);
      // 0.7 on the given label for 90% of rows, on another class otherwise.
      const probs = new Float64Array(n * 3);
      given.forEach((g, i) => {
        const top = random() < 0.9 ? g : (g + 1 + randomInt(random, 2)) % 3;
        for (let j = 0; j < 3; j++) probs[i * 3 + j] = j === top ? 0.7 : 0.15;
      });
      const result = labelSignal(given, probs, 3);
      expect(result.majority).toBe(0.5);
      expect(Math.abs(result.accuracy - 0.9)).toBeLessThan(0.04);
      expect(result.logLoss).toBeLessThan(result.priorLogLoss);
      expect(result.z).toBeGreaterThan(SIGNAL_Z);
      expect(result.informative).toBe(true);
    }
  });

  it('labelSignal(…) is not informative when the probabilities are the class shares', () => {
    const n = 600;
    const shares = [0.5, 0.3, 0.2];
    const given = labelsWithShares(n, shares, 4);
    const probs = Float64Array.from({ length: n * 3 }, (_, c) => shares[c % 3]!);
    const result = labelSignal(given, probs, 3);
    expect(result.logLoss).toBeCloseTo(result.priorLogLoss, 12);
    expect(Math.abs(result.z)).toBeLessThan(1e-6);
    // Predicting the largest share is the majority guess.
    expect(result.accuracy).toBe(0.5);
    expect(result.majority).toBe(0.5);
    expect(result.informative).toBe(false);
  });

  it('labelSignal(…) is not informative for probabilities unrelated to the labels', () => {
    const random = createRandom(17);
    const n = 2000;
    const given = Int32Array.from({ length: n }, () => randomInt(random, 2));
    const probs = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const p = 0.2 + 0.6 * random();
      probs[2 * i] = p;
      probs[2 * i + 1] = 1 - p;
    }
    const result = labelSignal(given, probs, 2);
    expect(result.z).toBeLessThan(SIGNAL_Z);
    expect(result.informative).toBe(false);
  });

  it('labelSignal(…) is not informative for a model that always predicts the majority class, however sure', () => {
    // 70% class 0. The model always predicts 0 — surer on the rows that are 0, so the log-loss gains —
    // but its accuracy is exactly the majority rate.
    const n = 1000;
    const given = labelsWithShares(n, [0.7, 0.3], 1);
    const probs = Float64Array.from(Array.from(given).flatMap((g) => (g === 0 ? [0.9, 0.1] : [0.55, 0.45])));
    const result = labelSignal(given, probs, 2);
    expect(result.accuracy).toBe(0.7);
    expect(result.majority).toBe(0.7);
    expect(result.priorLogLoss - result.logLoss).toBeGreaterThan(MIN_GAIN);
    expect(result.z).toBeGreaterThan(SIGNAL_Z);
    expect(result.informative).toBe(false);
  });

  it('labelSignal(…) is not informative when the log-loss gain is below MIN_GAIN however many rows', () => {
    // Balanced binary labels; the model is barely better than a coin: 0.505 on the given label.
    const n = 20000;
    const given = labelsWithShares(n, [0.5, 0.5], 2);
    const probs = Float64Array.from(Array.from(given).flatMap((g) => (g === 0 ? [0.505, 0.495] : [0.495, 0.505])));
    const result = labelSignal(given, probs, 2);
    expect(result.accuracy).toBe(1);
    // Every row gains the same: a huge z.
    expect(result.z).toBeGreaterThan(1000);
    expect(result.priorLogLoss - result.logLoss).toBeLessThan(MIN_GAIN);
    expect(result.informative).toBe(false);
  });

  it('labelSignal(…) clamps a zero probability of the given label to 1e-12', () => {
    const result = labelSignal([0, 1], [0, 1, 0, 1], 2);
    expect(result.logLoss).toBeCloseTo(-Math.log(1e-12) / 2, 10);
    expect(Number.isFinite(result.z)).toBe(true);
  });

  it('labelSignal([], [], k) is NaN and not informative', () => {
    expect(labelSignal([], [], 3)).toEqual({
      accuracy: NaN,
      majority: NaN,
      logLoss: NaN,
      priorLogLoss: NaN,
      z: NaN,
      informative: false,
    });
  });

  it('labelSignal(one row, …) is not informative', () => {
    const result = labelSignal([0], [0.9, 0.1], 2);
    expect(result).toMatchObject({ accuracy: 1, majority: 1, priorLogLoss: 0, informative: false });
    expect(result.logLoss).toBeCloseTo(-Math.log(0.9), 15);
  });

  it('labelSignal(…) throws a RangeError on a wrong shape, a label outside [0, K) or fewer than 2 classes', () => {
    expect(() => labelSignal([0, 1], [0.5, 0.5], 2)).toThrow(/\(N, K\) = \(2, 2\)/);
    expect(() => labelSignal([0, 1.5], [0.5, 0.5, 0.5, 0.5], 2)).toThrow(/label 1.5 of example 1/);
    expect(() => labelSignal([0], [1], 1)).toThrow(/at least 2 classes/);
  });
});
