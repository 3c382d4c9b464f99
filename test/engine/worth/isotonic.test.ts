import { describe, expect, it } from 'vitest';
import { isotonicIncreasing } from '../../../src/engine/worth/isotonic.ts';
import { createRandom, randomInt, type Random } from '../../../src/engine/random.ts';

/**
 * The weighted least-squares non-decreasing fit by exhaustion: the optimum is
 * constant on contiguous blocks, each at its block's weighted mean, so try
 * every split of 0…n−1 into blocks (2^(n−1) of them), keep those whose means
 * do not decrease, and take the one with the smallest weighted squared error.
 * Weights must be positive.
 */
function bruteForce(values: readonly number[], weights: readonly number[]): number[] {
  const n = values.length;
  let best: number[] = [];
  let bestError = Infinity;
  for (let cuts = 0; cuts < 2 ** Math.max(0, n - 1); cuts++) {
    const fit: number[] = [];
    let start = 0;
    let previous = -Infinity;
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      // A block ends after i when bit i of `cuts` is set, or at the end.
      if (i === n - 1 || cuts & (1 << i)) {
        let sw = 0;
        let swv = 0;
        for (let j = start; j <= i; j++) {
          sw += weights[j]!;
          swv += weights[j]! * values[j]!;
        }
        const mean = swv / sw;
        if (mean < previous - 1e-12) ok = false;
        previous = mean;
        for (let j = start; j <= i; j++) fit.push(mean);
        start = i + 1;
      }
    }
    if (!ok) continue;
    const error = fit.reduce((s, f, j) => s + weights[j]! * (f - values[j]!) ** 2, 0);
    if (error < bestError - 1e-12) {
      bestError = error;
      best = fit;
    }
  }
  return best;
}

function isNonDecreasing(fit: ArrayLike<number>): boolean {
  for (let i = 1; i < fit.length; i++) if (fit[i]! < fit[i - 1]!) return false;
  return true;
}

function randomSequence(random: Random, n: number, levels: number): number[] {
  return Array.from({ length: n }, () => randomInt(random, levels));
}

describe('isotonicIncreasing', () => {
  it('isotonicIncreasing(values) pools adjacent violators into their mean', () => {
    expect(Array.from(isotonicIncreasing([1, 3, 2, 4]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(isotonicIncreasing([3, 2, 1]))).toEqual([2, 2, 2]);
    expect(Array.from(isotonicIncreasing([0, 0, 1, 0, 0, 0, 1, 1, 1, 1]))).toEqual([
      0, 0, 0.25, 0.25, 0.25, 0.25, 1, 1, 1, 1,
    ]);
  });

  it('isotonicIncreasing(non-decreasing values) returns them unchanged, as a new Float64Array', () => {
    const values = [-2, 0, 0, 1.5, 7];
    const fit = isotonicIncreasing(values);
    expect(fit).toBeInstanceOf(Float64Array);
    expect(Array.from(fit)).toEqual(values);
  });

  it('isotonicIncreasing([]) is empty and isotonicIncreasing([x]) is [x]', () => {
    expect(isotonicIncreasing([])).toHaveLength(0);
    expect(isotonicIncreasing([], [])).toHaveLength(0);
    expect(Array.from(isotonicIncreasing([0.7]))).toEqual([0.7]);
    expect(Array.from(isotonicIncreasing([-3], [5]))).toEqual([-3]);
  });

  it('isotonicIncreasing(values) does not modify its input', () => {
    const values = Float64Array.of(3, 1, 2);
    isotonicIncreasing(values, [1, 2, 3]);
    expect(Array.from(values)).toEqual([3, 1, 2]);
  });

  it('isotonicIncreasing(values, weights) pools with weighted means', () => {
    // (3·1 + 0·3) / 4 = 0.75.
    expect(Array.from(isotonicIncreasing([3, 0], [1, 3]))).toEqual([0.75, 0.75]);
    // [1, 0] pools to (1·1 + 0·3)/4 = 0.25; then 1 stays.
    expect(Array.from(isotonicIncreasing([1, 0, 1], [1, 3, 2]))).toEqual([0.25, 0.25, 1]);
  });

  it('isotonicIncreasing(values, integer weights) equals the fit of the values repeated that many times', () => {
    const random = createRandom(11);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + randomInt(random, 8);
      const values = randomSequence(random, n, 5);
      const weights = Array.from({ length: n }, () => 1 + randomInt(random, 3));
      const repeated = values.flatMap((v, i) => Array.from({ length: weights[i]! }, () => v));
      const expanded = Array.from(isotonicIncreasing(repeated));
      const firstOf = weights.map((_, i) => weights.slice(0, i).reduce((s, w) => s + w, 0));
      const fit = isotonicIncreasing(values, weights);
      firstOf.forEach((at, i) => expect(fit[i]).toBeCloseTo(expanded[at]!, 12));
    }
  });

  it('isotonicIncreasing(values) matches the brute-force least-squares fit on random small sequences', () => {
    const random = createRandom(2024);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + randomInt(random, 8);
      // Few levels: many ties and long runs of violators; and some real-valued sequences.
      const values =
        trial % 3 === 2 ? Array.from({ length: n }, () => random() * 10 - 5) : randomSequence(random, n, 3);
      const ones = values.map(() => 1);
      const fit = Array.from(isotonicIncreasing(values));
      const expected = bruteForce(values, ones);
      expect(fit.length).toBe(n);
      fit.forEach((f, i) => expect(f, `trial ${trial}: ${values.join(', ')}`).toBeCloseTo(expected[i]!, 10));
    }
  });

  it('isotonicIncreasing(values, weights) matches the brute-force weighted fit on random small sequences', () => {
    const random = createRandom(7, 1);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + randomInt(random, 8);
      const values = randomSequence(random, n, 4);
      const weights = Array.from({ length: n }, () => 0.1 + 3 * random());
      const fit = Array.from(isotonicIncreasing(values, weights));
      const expected = bruteForce(values, weights);
      fit.forEach((f, i) => expect(f, `trial ${trial}: ${values.join(', ')}`).toBeCloseTo(expected[i]!, 10));
    }
  });

  it('isotonicIncreasing(values, weights) keeps the weighted sum and is non-decreasing on longer sequences', () => {
    const random = createRandom(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 200;
      const values = Array.from({ length: n }, (_, i) => i / n + random() - 0.5);
      const weights = Array.from({ length: n }, () => random() * 2);
      const fit = isotonicIncreasing(values, weights);
      expect(isNonDecreasing(fit)).toBe(true);
      const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((s, v, i) => s + weights[i]! * v, 0);
      expect(sum(fit)).toBeCloseTo(sum(values), 9);
      // Idempotent: fitting the fit changes nothing.
      expect(Array.from(isotonicIncreasing(fit, weights))).toEqual(Array.from(fit));
    }
  });

  it('isotonicIncreasing(values, weights with zeros) leaves the zero-weight values out of the pooled means', () => {
    // The zero-weight 5 pools with the 1 and takes its value, not (5 + 1)/2.
    expect(Array.from(isotonicIncreasing([5, 1], [0, 1]))).toEqual([1, 1]);
    // The zero-weight 5 pools with the 3 after it: [1, 3, 3].
    expect(Array.from(isotonicIncreasing([1, 5, 3], [1, 0, 1]))).toEqual([1, 3, 3]);
    // A zero-weight value already in order keeps its own value.
    expect(Array.from(isotonicIncreasing([1, 5, 9], [1, 0, 1]))).toEqual([1, 5, 9]);
    // A trailing zero-weight 0 takes the value of the block before it.
    expect(Array.from(isotonicIncreasing([1, 2, 0], [1, 1, 0]))).toEqual([1, 2, 2]);
  });

  it('isotonicIncreasing(values, weights with zeros) fits the positive-weight rows as if the others were absent', () => {
    const random = createRandom(99);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + randomInt(random, 10);
      const values = randomSequence(random, n, 4);
      const weights = Array.from({ length: n }, () => (random() < 0.35 ? 0 : 1 + randomInt(random, 3)));
      const fit = isotonicIncreasing(values, weights);
      expect(isNonDecreasing(fit), `trial ${trial}`).toBe(true);
      const kept = weights.flatMap((w, i) => (w > 0 ? [i] : []));
      const reduced = isotonicIncreasing(
        kept.map((i) => values[i]!),
        kept.map((i) => weights[i]!),
      );
      kept.forEach((i, j) => expect(fit[i], `trial ${trial}`).toBeCloseTo(reduced[j]!, 12));
    }
  });

  it('isotonicIncreasing(values, all-zero weights) is still non-decreasing and finite', () => {
    const fit = isotonicIncreasing([3, 1, 2, 0], [0, 0, 0, 0]);
    expect(isNonDecreasing(fit)).toBe(true);
    expect(Array.from(fit).every(Number.isFinite)).toBe(true);
  });

  it('isotonicIncreasing(…) throws a RangeError naming a NaN or infinite value', () => {
    expect(() => isotonicIncreasing([1, NaN, 2])).toThrow(new RangeError('value 1 is NaN; give finite numbers'));
    expect(() => isotonicIncreasing([Infinity])).toThrow(/value 0 is Infinity/);
    expect(() => isotonicIncreasing([0, -Infinity])).toThrow(/value 1 is -Infinity/);
  });

  it('isotonicIncreasing(…) throws a RangeError naming a negative or NaN weight, or a length mismatch', () => {
    expect(() => isotonicIncreasing([1, 2], [1, -1])).toThrow(new RangeError('weight 1 is -1; weights must be ≥ 0'));
    expect(() => isotonicIncreasing([1, 2], [NaN, 1])).toThrow(/weight 0 is NaN/);
    expect(() => isotonicIncreasing([1, 2, 3], [1, 1])).toThrow(new RangeError('3 values but 2 weights'));
    expect(() => isotonicIncreasing([], [1])).toThrow(RangeError);
  });
});
