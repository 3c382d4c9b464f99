import { describe, expect, it } from 'vitest';
import {
  classConditionalMatrix,
  injectClassConditionalNoise,
  MAX_CLASS_FLIP,
} from '../../../src/engine/noise/classConditional.ts';
import { matrixNoiseCounts } from '../../../src/engine/noise/matrix.ts';
import { validateNoiseMatrix, type NoiseMatrix } from '../../../src/engine/noise/noiseMatrix.ts';
import { createRandom, randomInt } from '../../../src/engine/random.ts';

/** 1 − P[j][j]: the share of true class j that flips. */
function flipRates(m: NoiseMatrix): number[] {
  return Array.from({ length: m.classes }, (_, j) => 1 - m.values[j * m.classes + j]!);
}

/** The classes other than j that class j flips to (non-zero off-diagonal entries of column j). */
function destinations(m: NoiseMatrix, j: number): number[] {
  const k = m.classes;
  return Array.from({ length: k }, (_, i) => i).filter((i) => i !== j && m.values[i * k + j]! > 0);
}

function weightedRate(m: NoiseMatrix, priors: readonly number[]): number {
  return flipRates(m).reduce((s, r, j) => s + priors[j]! * r, 0);
}

/** Random class shares summing to 1. */
function randomPriors(k: number, seed: number): number[] {
  const random = createRandom(seed, k);
  const raw = Array.from({ length: k }, () => 0.2 + random());
  const total = raw.reduce((s, v) => s + v, 0);
  return raw.map((v) => v / total);
}

describe('classConditionalMatrix', () => {
  it('classConditionalMatrix([0.5, 0.3, 0.2], {rate: 0.2, classes: 3, random: createRandom(1)}) returns a pinned matrix', () => {
    const m = classConditionalMatrix([0.5, 0.3, 0.2], { rate: 0.2, classes: 3, random: createRandom(1) });
    expect(m.classes).toBe(3);
    expect(Array.from(m.values, (v) => Number(v.toFixed(4)))).toEqual([
      0.7763, 0.0879, 0.1849, 0.0941, 0.8294, 0, 0.1296, 0.0827, 0.8151,
    ]);
  });

  it('classConditionalMatrix(…) is deterministic for a seed', () => {
    const options = (seed: number) => ({ rate: 0.15, classes: 6, random: createRandom(seed) });
    const priors = randomPriors(6, 0);
    expect(classConditionalMatrix(priors, options(9)).values).toEqual(
      classConditionalMatrix(priors, options(9)).values,
    );
    expect(classConditionalMatrix(priors, options(9)).values).not.toEqual(
      classConditionalMatrix(priors, options(10)).values,
    );
  });

  it('classConditionalMatrix(…) columns are valid: entries in [0, 1], each summing to 1', () => {
    for (const k of [2, 3, 4, 7, 10]) {
      for (const rate of [0, 0.05, 0.15, 0.4, 0.9]) {
        for (let seed = 0; seed < 10; seed++) {
          const m = classConditionalMatrix(randomPriors(k, seed), { rate, classes: k, random: createRandom(seed) });
          expect(() => validateNoiseMatrix(m), `K ${k}, rate ${rate}, seed ${seed}`).not.toThrow();
        }
      }
    }
  });

  it('classConditionalMatrix(priors, {rate}) flips Σ π_j ρ_j = rate exactly when no class reaches the cap', () => {
    // ρ_j ≤ rate · 1.6 / 0.4 = 4·rate, so the cap 0.6 cannot bind for rate ≤ 0.15.
    for (const k of [2, 3, 5, 10]) {
      for (const rate of [0.01, 0.1, 0.15]) {
        for (let seed = 0; seed < 10; seed++) {
          const priors = randomPriors(k, seed);
          const m = classConditionalMatrix(priors, { rate, classes: k, random: createRandom(seed) });
          const where = `K ${k}, rate ${rate}, seed ${seed}`;
          expect(weightedRate(m, priors), where).toBeCloseTo(rate, 12);
          // u_j in [0.4, 1.6]: no class flips more than 4× another.
          const rates = flipRates(m);
          expect(Math.max(...rates) / Math.min(...rates), where).toBeLessThanOrEqual(4 + 1e-9);
        }
      }
    }
  });

  it('classConditionalMatrix(…) gives classes different flip rates', () => {
    const m = classConditionalMatrix([0.25, 0.25, 0.25, 0.25], { rate: 0.1, classes: 4, random: createRandom(3) });
    expect(new Set(flipRates(m).map((r) => r.toFixed(6))).size).toBe(4);
  });

  it('classConditionalMatrix(…) sends each class to one other class, or two (K ≥ 3), never more', () => {
    const seen = new Set<number>();
    for (const k of [2, 3, 5, 10]) {
      for (let seed = 0; seed < 30; seed++) {
        const m = classConditionalMatrix(randomPriors(k, seed), { rate: 0.1, classes: k, random: createRandom(seed) });
        for (let j = 0; j < k; j++) {
          const count = destinations(m, j).length;
          if (k === 2) expect(count).toBe(1);
          else expect([1, 2]).toContain(count);
          if (k > 2) seen.add(count);
        }
      }
    }
    // Both happen (a second destination with chance 1/2).
    expect([...seen].sort()).toEqual([1, 2]);
  });

  it('classConditionalMatrix(…) caps every class at MAX_CLASS_FLIP, and the overall rate then falls short', () => {
    expect(MAX_CLASS_FLIP).toBe(0.6);
    let capped = 0;
    for (const rate of [0.3, 0.5, 0.9]) {
      for (let seed = 0; seed < 30; seed++) {
        const priors = randomPriors(4, seed);
        const m = classConditionalMatrix(priors, { rate, classes: 4, random: createRandom(seed) });
        const rates = flipRates(m);
        for (const r of rates) expect(r).toBeLessThanOrEqual(MAX_CLASS_FLIP + 1e-12);
        const overall = weightedRate(m, priors);
        if (rates.some((r) => Math.abs(r - MAX_CLASS_FLIP) < 1e-12)) {
          capped++;
          expect(overall).toBeLessThan(rate);
        } else {
          expect(overall).toBeCloseTo(rate, 12);
        }
      }
    }
    expect(capped).toBeGreaterThan(0);
    // Balanced classes at rate 0.9: ρ_j = 0.9·u_j / mean(u); with this seed both reach the cap.
    const m = classConditionalMatrix([0.5, 0.5], { rate: 0.9, classes: 2, random: createRandom(1) });
    expect(flipRates(m).map((r) => Number(r.toFixed(12)))).toEqual([0.6, 0.6]);
  });

  it('classConditionalMatrix(…, {rate: 0}) is the identity', () => {
    const m = classConditionalMatrix([0.2, 0.3, 0.5], { rate: 0, classes: 3, random: createRandom(1) });
    expect(Array.from(m.values)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('classConditionalMatrix(…) throws a RangeError naming a bad class count, rate or number of shares', () => {
    const random = createRandom(1);
    expect(() => classConditionalMatrix([1], { rate: 0.1, classes: 1, random })).toThrow(
      new RangeError('label noise needs at least 2 classes, got 1'),
    );
    expect(() => classConditionalMatrix([0.5, 0.5], { rate: 0.1, classes: 2.5, random })).toThrow(/got 2.5/);
    expect(() => classConditionalMatrix([0.5, 0.5], { rate: 1, classes: 2, random })).toThrow(
      new RangeError('noise rate must be in [0, 1), got 1'),
    );
    expect(() => classConditionalMatrix([0.5, 0.5], { rate: -0.1, classes: 2, random })).toThrow(/got -0.1/);
    expect(() => classConditionalMatrix([0.5, 0.5], { rate: NaN, classes: 2, random })).toThrow(/got NaN/);
    expect(() => classConditionalMatrix([0.5, 0.5], { rate: 0.1, classes: 3, random })).toThrow(
      new RangeError('3 classes but 2 class shares'),
    );
  });
});

describe('injectClassConditionalNoise', () => {
  it('injectClassConditionalNoise(30 labels, {rate: 0.2, classes: 3, random: createRandom(1)}) returns pinned labels', () => {
    const labels = Int32Array.from({ length: 30 }, (_, i) => Math.floor(i / 10));
    const result = injectClassConditionalNoise(labels, { rate: 0.2, classes: 3, random: createRandom(1) });
    expect(Array.from(result.labels)).toEqual([
      0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 2, 1, 2, 0, 2, 0, 2, 2, 2, 2, 2, 2,
    ]);
    expect(Array.from(result.flipped)).toEqual([1, 3, 12, 18, 21, 23]);
    // The input is not modified.
    expect(Array.from(labels)).toEqual(Array.from({ length: 30 }, (_, i) => Math.floor(i / 10)));
  });

  it('injectClassConditionalNoise(…) is deterministic for a seed', () => {
    const random = createRandom(0);
    const labels = Int32Array.from({ length: 500 }, () => randomInt(random, 4));
    const a = injectClassConditionalNoise(labels, { rate: 0.2, classes: 4, random: createRandom(77) });
    const b = injectClassConditionalNoise(labels, { rate: 0.2, classes: 4, random: createRandom(77) });
    expect(a.labels).toEqual(b.labels);
    const c = injectClassConditionalNoise(labels, { rate: 0.2, classes: 4, random: createRandom(78) });
    expect(c.labels).not.toEqual(a.labels);
  });

  it('injectClassConditionalNoise(…) realizes exact counts: the largest-remainder rounding of n_j · P[i][j]', () => {
    for (const k of [2, 3, 6]) {
      for (let seed = 0; seed < 8; seed++) {
        const random = createRandom(seed, 100);
        const n = 200 + 137 * seed;
        const labels = Int32Array.from({ length: n }, () => randomInt(random, k));
        const support = new Array<number>(k).fill(0);
        for (const l of labels) support[l]!++;
        const priors = support.map((c) => c / n);
        // The matrix is drawn first from the same stream, so the same seed gives the same matrix.
        const matrix = classConditionalMatrix(priors, { rate: 0.12, classes: k, random: createRandom(seed) });
        const result = injectClassConditionalNoise(labels, { rate: 0.12, classes: k, random: createRandom(seed) });
        const expected = matrixNoiseCounts(matrix, support);
        const where = `K ${k}, seed ${seed}`;
        expect(Array.from(result.matrix.counts), where).toEqual(Array.from(expected));
        for (let j = 0; j < k; j++) {
          for (let i = 0; i < k; i++) {
            expect(Math.abs(expected[i * k + j]! - support[j]! * matrix.values[i * k + j]!), where).toBeLessThan(1);
          }
        }
        // Flipped rows: exactly the rows whose label changed, about rate·N of them (off by less than 1 per class).
        let changed = 0;
        for (let i = 0; i < n; i++) if (result.labels[i] !== labels[i]) changed++;
        expect(result.flipped.length, where).toBe(changed);
        expect(Math.abs(changed - 0.12 * n), where).toBeLessThan(k);
      }
    }
  });

  it('injectClassConditionalNoise(…) only moves each class to the destinations its matrix names', () => {
    const random = createRandom(4);
    const labels = Int32Array.from({ length: 3000 }, () => randomInt(random, 5));
    const result = injectClassConditionalNoise(labels, { rate: 0.3, classes: 5, random: createRandom(12) });
    const { counts } = result.matrix;
    for (let j = 0; j < 5; j++) {
      const to = [0, 1, 2, 3, 4].filter((i) => i !== j && counts[i * 5 + j]! > 0);
      expect(to.length).toBeGreaterThanOrEqual(1);
      expect(to.length).toBeLessThanOrEqual(2);
    }
  });

  it('injectClassConditionalNoise(…, {rate: 0}) changes nothing', () => {
    const labels = Int32Array.of(0, 1, 2, 2, 1);
    const result = injectClassConditionalNoise(labels, { rate: 0, classes: 3, random: createRandom(1) });
    expect(Array.from(result.labels)).toEqual([0, 1, 2, 2, 1]);
    expect(result.flipped).toHaveLength(0);
  });

  it('injectClassConditionalNoise([], …) returns no labels and a single label stays or flips whole', () => {
    const empty = injectClassConditionalNoise(new Int32Array(0), { rate: 0.3, classes: 3, random: createRandom(1) });
    expect(empty.labels).toHaveLength(0);
    expect(empty.flipped).toHaveLength(0);
    const one = injectClassConditionalNoise(Int32Array.of(2), { rate: 0.1, classes: 3, random: createRandom(1) });
    expect(one.labels).toHaveLength(1);
    // ρ ≤ 0.6 < 1: round(ρ) of one row. With rate 0.1 the single class flips at 0.1: the label stays.
    expect(Array.from(one.labels)).toEqual([2]);
  });

  it('injectClassConditionalNoise(…) throws a RangeError for a label outside [0, K) and for bad options', () => {
    expect(() =>
      injectClassConditionalNoise(Int32Array.of(0, 3), { rate: 0.1, classes: 3, random: createRandom(1) }),
    ).toThrow(new RangeError('label 3 is outside [0, 3)'));
    expect(() =>
      injectClassConditionalNoise(Int32Array.of(0, -1), { rate: 0.1, classes: 3, random: createRandom(1) }),
    ).toThrow(/label -1 is outside/);
    expect(() =>
      injectClassConditionalNoise(Int32Array.of(0, 1), { rate: 1, classes: 2, random: createRandom(1) }),
    ).toThrow(/noise rate must be in \[0, 1\)/);
    expect(() =>
      injectClassConditionalNoise(Int32Array.of(0), { rate: 0.1, classes: 1, random: createRandom(1) }),
    ).toThrow(/at least 2 classes/);
  });
});
