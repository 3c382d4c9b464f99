import { describe, it, expect } from 'vitest';
import { detectLabelIssues } from '../../../src/engine/confident/index.ts';
import { injectUniformNoise } from '../../../src/engine/noise/index.ts';
import { createRandom } from '../../../src/engine/random.ts';
import {
  blendedNoiseRate,
  estimateNoiseRate,
  noiseRateInterval,
  zeroCountUpperBound,
} from '../../../src/engine/worth/noiseRateInterval.ts';

/**
 * N examples of K balanced classes, exactly round(rate·N) labels flipped
 * uniformly, and probabilities of a model that puts 0.6–1.0 on the true class.
 */
function synthetic(seed: number, n: number, k: number, rate: number): { given: Int32Array; probs: Float64Array } {
  const random = createRandom(seed, 1);
  const truth = Int32Array.from({ length: n }, (_, i) => i % k);
  const given = injectUniformNoise(truth, { rate, classes: k, random }).labels;
  const probs = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const p = 0.6 + 0.4 * random();
    for (let c = 0; c < k; c++) probs[i * k + c] = c === truth[i] ? p : (1 - p) / (k - 1);
  }
  return { given, probs };
}

describe('estimateNoiseRate', () => {
  it('estimateNoiseRate(given, probs, k) equals detectLabelIssues(…).estimatedNoiseRate', () => {
    const { given, probs } = synthetic(3, 240, 3, 0.2);
    expect(estimateNoiseRate(given, probs, 3)).toBe(detectLabelIssues(given, probs, 3).estimatedNoiseRate);
  });

  it('estimateNoiseRate([], [], k) is NaN', () => {
    expect(estimateNoiseRate([], [], 2)).toBeNaN();
  });

  it('estimateNoiseRate(given, probs, k) is 0 when every label matches a confident prediction', () => {
    expect(estimateNoiseRate([0, 1, 1, 0], [0.9, 0.1, 0.2, 0.8, 0.1, 0.9, 0.7, 0.3], 2)).toBe(0);
  });
});

describe('noiseRateInterval', () => {
  it('noiseRateInterval(given, probs, k, {random}) brackets its estimate', () => {
    const { given, probs } = synthetic(1, 300, 3, 0.2);
    const interval = noiseRateInterval(given, probs, 3, { random: createRandom(1, 2), resamples: 200 });
    expect(interval.estimate).toBe(estimateNoiseRate(given, probs, 3));
    expect(interval.low).toBeLessThanOrEqual(interval.estimate);
    expect(interval.high).toBeGreaterThanOrEqual(interval.estimate);
    expect(interval.level).toBe(0.9);
    expect(interval.resamples).toBe(200);
  });

  it('noiseRateInterval(…, {random}) is the same for the same seed', () => {
    const { given, probs } = synthetic(2, 150, 2, 0.1);
    const a = noiseRateInterval(given, probs, 2, { random: createRandom(9), resamples: 100 });
    const b = noiseRateInterval(given, probs, 2, { random: createRandom(9), resamples: 100 });
    expect(a).toEqual(b);
  });

  it('noiseRateInterval(…) covers the injected rate in at least 85% of 40 synthetic data sets (90% interval)', () => {
    for (const [n, k, rate] of [
      [300, 3, 0.2],
      [200, 2, 0.1],
    ] as const) {
      let covered = 0;
      let width = 0;
      for (let seed = 0; seed < 40; seed++) {
        const { given, probs } = synthetic(seed, n, k, rate);
        const interval = noiseRateInterval(given, probs, k, { random: createRandom(seed, 2), resamples: 200 });
        if (interval.low <= rate && rate <= interval.high) covered++;
        width += (interval.high - interval.low) / 40;
      }
      expect(covered).toBeGreaterThanOrEqual(34);
      expect(width).toBeLessThan(0.15);
    }
  });

  it('noiseRateInterval(…, {level}) is narrower at a lower level', () => {
    const { given, probs } = synthetic(4, 300, 3, 0.2);
    const wide = noiseRateInterval(given, probs, 3, { random: createRandom(4), resamples: 300, level: 0.95 });
    const narrow = noiseRateInterval(given, probs, 3, { random: createRandom(4), resamples: 300, level: 0.5 });
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });

  it('noiseRateInterval([], [], k, …) is all NaN', () => {
    const interval = noiseRateInterval([], [], 3, { random: createRandom(0) });
    expect(interval.estimate).toBeNaN();
    expect(interval.low).toBeNaN();
    expect(interval.high).toBeNaN();
  });

  it('noiseRateInterval(single example, …) is 0 with a zero-width interval', () => {
    const interval = noiseRateInterval([1], [0.2, 0.8], 2, { random: createRandom(0), resamples: 10 });
    expect(interval).toMatchObject({ estimate: 0, low: 0, high: 0 });
  });

  it('noiseRateInterval(…) throws a RangeError on NaN probabilities, bad shapes or options', () => {
    const random = createRandom(0);
    expect(() => noiseRateInterval([0, 1], [0.5, 0.5, NaN, 1], 2, { random })).toThrow(RangeError);
    expect(() => noiseRateInterval([0, 1], [0.5, 0.5], 2, { random })).toThrow(RangeError);
    expect(() => noiseRateInterval([0], [1, 0], 2, { random, resamples: 0 })).toThrow(RangeError);
    expect(() => noiseRateInterval([0], [1, 0], 2, { random, level: 1 })).toThrow(RangeError);
  });
});

describe("noiseRateInterval(…, {method: 'blended'})", () => {
  it('the estimate and its parts are blendedNoiseRate(…); the default method is unchanged', () => {
    const { given, probs } = synthetic(5, 300, 3, 0.2);
    const blended = noiseRateInterval(given, probs, 3, { random: createRandom(5), resamples: 100, method: 'blended' });
    const blend = blendedNoiseRate(given, probs, 3);
    expect(blended.method).toBe('blended');
    expect(blended.blend).toEqual(blend);
    expect(blended.estimate).toBe(blend.estimate);
    expect(blended.low).toBeLessThanOrEqual(blended.estimate);
    expect(blended.high).toBeGreaterThanOrEqual(blended.estimate);
    const plain = noiseRateInterval(given, probs, 3, { random: createRandom(5), resamples: 100 });
    expect(plain.estimate).toBe(estimateNoiseRate(given, probs, 3));
    expect(plain.method).toBeUndefined();
    expect(plain.blend).toBeUndefined();
  });

  it('{anchorFraction} sets the rows the anchored share looks at, and is checked', () => {
    const { given, probs } = synthetic(6, 200, 2, 0.1);
    const random = createRandom(6);
    const interval = noiseRateInterval(given, probs, 2, {
      random,
      resamples: 20,
      method: 'blended',
      anchorFraction: 0.25,
    });
    expect(interval.blend!.anchorRows).toBe(50);
    expect(() => noiseRateInterval(given, probs, 2, { random, method: 'blended', anchorFraction: 0 })).toThrow(
      RangeError,
    );
  });

  it('covers the injected rate in at least 85% of 40 synthetic data sets (90% interval)', () => {
    let covered = 0;
    for (let seed = 0; seed < 40; seed++) {
      const { given, probs } = synthetic(seed, 300, 3, 0.2);
      const interval = noiseRateInterval(given, probs, 3, {
        random: createRandom(seed, 2),
        resamples: 200,
        method: 'blended',
      });
      if (interval.low <= 0.2 && 0.2 <= interval.high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(34);
  });

  it('with no disagreement among the surest rows the upper end is at least the exact bound for 0 of m', () => {
    // Clean labels, confident right predictions: every resample says 0.
    const { given, probs } = synthetic(7, 200, 2, 0);
    const interval = noiseRateInterval(given, probs, 2, { random: createRandom(7), resamples: 100, method: 'blended' });
    expect(interval.estimate).toBe(0);
    expect(interval.low).toBe(0);
    const m = interval.blend!.anchorRows;
    expect(interval.high).toBeCloseTo(zeroCountUpperBound(m, 0.05), 12);
    expect(interval.high).toBeGreaterThan(2 / m); // about 3/m: "rule of three"
    expect(interval.high).toBeLessThan(4 / m);
  });

  it('zeroCountUpperBound(m, tail) solves (1 − p)^m = tail', () => {
    const p = zeroCountUpperBound(80, 0.05);
    expect((1 - p) ** 80).toBeCloseTo(0.05, 12);
  });
});
