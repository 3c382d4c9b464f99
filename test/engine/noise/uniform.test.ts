import { describe, it, expect } from 'vitest';
import { createRandom } from '../../../src/engine/random.ts';
import { injectUniformNoise, realizedNoiseMatrix, uniformNoiseMatrix } from '../../../src/engine/noise/index.ts';

const TEN = Int32Array.from([0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);

function cyclicLabels(n: number, classes: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i % classes);
}

function changedPositions(before: Int32Array, after: Int32Array): number[] {
  const changed: number[] = [];
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) changed.push(i);
  return changed;
}

describe('injectUniformNoise', () => {
  it('injectUniformNoise(labels, {rate: 0.3, classes: 4, random: createRandom(42)}) returns pinned flips', () => {
    const { labels, flipped } = injectUniformNoise(TEN, { rate: 0.3, classes: 4, random: createRandom(42) });
    expect(Array.from(labels)).toEqual([2, 1, 2, 3, 2, 0, 2, 3, 0, 1]);
    expect(Array.from(flipped)).toEqual([0, 4, 5]);
  });

  it('injectUniformNoise(labels, {rate: 0.1}) flips exactly round(0.1·N) labels', () => {
    for (const n of [1, 4, 5, 9, 10, 15, 25, 99, 100, 500, 1257]) {
      const labels = cyclicLabels(n, 10);
      const { flipped, labels: noisy } = injectUniformNoise(labels, {
        rate: 0.1,
        classes: 10,
        random: createRandom(n),
      });
      expect(flipped.length, `N = ${n}`).toBe(Math.round(0.1 * n));
      expect(changedPositions(labels, noisy)).toEqual(Array.from(flipped));
    }
  });

  it('injectUniformNoise(labels, {rate}) rounds halves up: rate 0.5 of 5 labels flips 3', () => {
    const { flipped } = injectUniformNoise(cyclicLabels(5, 3), { rate: 0.5, classes: 3, random: createRandom(0) });
    expect(flipped.length).toBe(3);
  });

  it('injectUniformNoise(labels, {rate}) flips exactly round(rate·N) for every rate in 0…1', () => {
    const labels = cyclicLabels(37, 5);
    for (let step = 0; step <= 20; step++) {
      const rate = step / 20;
      const { flipped } = injectUniformNoise(labels, { rate, classes: 5, random: createRandom(step) });
      expect(flipped.length, `rate ${rate}`).toBe(Math.round(rate * 37));
    }
  });

  it('injectUniformNoise(labels, options) changes every flipped label and leaves every other label identical', () => {
    const labels = cyclicLabels(200, 3);
    for (let seed = 0; seed < 20; seed++) {
      const { labels: noisy, flipped } = injectUniformNoise(labels, {
        rate: 0.4,
        classes: 3,
        random: createRandom(seed),
      });
      const isFlipped = new Set(flipped);
      for (let i = 0; i < labels.length; i++) {
        if (isFlipped.has(i)) expect(noisy[i]).not.toBe(labels[i]);
        else expect(noisy[i]).toBe(labels[i]);
        expect(noisy[i]).toBeGreaterThanOrEqual(0);
        expect(noisy[i]).toBeLessThan(3);
      }
    }
  });

  it('injectUniformNoise(labels, options) returns flipped positions sorted ascending without repeats', () => {
    const { flipped } = injectUniformNoise(cyclicLabels(300, 10), { rate: 0.3, classes: 10, random: createRandom(8) });
    expect(flipped).toBeInstanceOf(Int32Array);
    for (let i = 1; i < flipped.length; i++) expect(flipped[i]!).toBeGreaterThan(flipped[i - 1]!);
  });

  it('injectUniformNoise(labels, options) does not modify its input', () => {
    const labels = cyclicLabels(50, 4);
    const before = Array.from(labels);
    const { labels: noisy } = injectUniformNoise(labels, { rate: 1, classes: 4, random: createRandom(1) });
    expect(Array.from(labels)).toEqual(before);
    expect(noisy).not.toBe(labels);
  });

  it('injectUniformNoise(labels, {rate: 0}) returns a copy of the labels and no flips', () => {
    const { labels, flipped } = injectUniformNoise(TEN, { rate: 0, classes: 4, random: createRandom(1) });
    expect(Array.from(labels)).toEqual(Array.from(TEN));
    expect(flipped.length).toBe(0);
  });

  it('injectUniformNoise(labels, {rate: 1}) flips every label', () => {
    const { labels, flipped } = injectUniformNoise(TEN, { rate: 1, classes: 4, random: createRandom(1) });
    expect(Array.from(flipped)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    labels.forEach((label, i) => expect(label).not.toBe(TEN[i]));
  });

  it('injectUniformNoise(labels, {classes: 2}) swaps the two classes of every flipped label', () => {
    const binary = Int32Array.from([0, 1, 1, 0, 1, 0]);
    const { labels } = injectUniformNoise(binary, { rate: 1, classes: 2, random: createRandom(3) });
    expect(Array.from(labels)).toEqual([1, 0, 0, 1, 0, 1]);
  });

  it('injectUniformNoise(labels, options) is deterministic for a given seed and varies with the seed', () => {
    const labels = cyclicLabels(100, 10);
    const run = (seed: number) => injectUniformNoise(labels, { rate: 0.2, classes: 10, random: createRandom(seed) });
    expect(Array.from(run(5).labels)).toEqual(Array.from(run(5).labels));
    expect(Array.from(run(5).flipped)).toEqual(Array.from(run(5).flipped));
    expect(Array.from(run(6).flipped)).not.toEqual(Array.from(run(5).flipped));
  });

  it('injectUniformNoise([], options) returns empty labels and no flips', () => {
    const { labels, flipped } = injectUniformNoise(new Int32Array(0), {
      rate: 0.5,
      classes: 3,
      random: createRandom(0),
    });
    expect(labels.length).toBe(0);
    expect(flipped.length).toBe(0);
  });

  it('injectUniformNoise([c], {rate: 1}) flips the single label; {rate: 0.4} rounds to no flip', () => {
    const one = Int32Array.from([2]);
    const flippedAll = injectUniformNoise(one, { rate: 1, classes: 3, random: createRandom(0) });
    expect(Array.from(flippedAll.flipped)).toEqual([0]);
    expect(flippedAll.labels[0]).not.toBe(2);
    expect(injectUniformNoise(one, { rate: 0.4, classes: 3, random: createRandom(0) }).flipped.length).toBe(0);
  });

  it('injectUniformNoise(labels, {rate outside [0, 1] or NaN}) throws a RangeError naming the rate', () => {
    for (const rate of [-0.1, 1.01, NaN, Infinity]) {
      expect(() => injectUniformNoise(TEN, { rate, classes: 4, random: createRandom(0) })).toThrow(RangeError);
      expect(() => injectUniformNoise(TEN, { rate, classes: 4, random: createRandom(0) })).toThrow(
        `noise rate must be in [0, 1], got ${rate}`,
      );
    }
  });

  it('injectUniformNoise(labels, {classes < 2 or not whole}) throws a RangeError naming the classes', () => {
    for (const classes of [1, 0, -3, 2.5, NaN]) {
      expect(() => injectUniformNoise(TEN, { rate: 0.1, classes, random: createRandom(0) })).toThrow(
        `label noise needs at least 2 classes, got ${classes}`,
      );
    }
  });

  it('injectUniformNoise(labels, options) throws a RangeError for a flipped label outside [0, K)', () => {
    expect(() => injectUniformNoise(Int32Array.from([0, 5]), { rate: 1, classes: 3, random: createRandom(0) })).toThrow(
      'label 5 at 1 is outside [0, 3)',
    );
    expect(() => injectUniformNoise(Int32Array.from([-1]), { rate: 1, classes: 3, random: createRandom(0) })).toThrow(
      RangeError,
    );
  });

  it('injectUniformNoise(labels, options) draws each new label uniformly from the K − 1 other classes', () => {
    // Label 2 of K = 5, flipped 20 000 times: each of 0, 1, 3, 4 should come up ~5 000 times.
    const counts = new Array<number>(5).fill(0);
    const labels = new Int32Array(100).fill(2);
    for (let seed = 0; seed < 200; seed++) {
      const { labels: noisy } = injectUniformNoise(labels, { rate: 1, classes: 5, random: createRandom(seed) });
      for (const label of noisy) counts[label]!++;
    }
    expect(counts[2]).toBe(0);
    for (const c of [0, 1, 3, 4]) expect(Math.abs(counts[c]! - 5000)).toBeLessThan(300);
  });

  it('injectUniformNoise(labels, {rate}) picks each position with probability ≈ rate', () => {
    const labels = cyclicLabels(20, 4);
    const picked = new Array<number>(20).fill(0);
    const trials = 5000;
    for (let seed = 0; seed < trials; seed++) {
      for (const i of injectUniformNoise(labels, { rate: 0.25, classes: 4, random: createRandom(seed) }).flipped) {
        picked[i]!++;
      }
    }
    for (const count of picked) expect(Math.abs(count / trials - 0.25)).toBeLessThan(0.03);
  });
});

describe('injectUniformNoise(…).matrix', () => {
  it('injectUniformNoise(labels, {rate: 0.3, classes: 4, random: createRandom(42)}).matrix has pinned counts', () => {
    const { matrix } = injectUniformNoise(TEN, { rate: 0.3, classes: 4, random: createRandom(42) });
    // Given labels [2, 1, 2, 3, 2, 0, 2, 3, 0, 1] against TEN: true 0 → 2 twice, true 1 → 0 once.
    expect(Array.from(matrix.counts)).toEqual([1, 1, 0, 0, 0, 2, 0, 0, 2, 0, 2, 0, 0, 0, 0, 2]);
    expect(Array.from(matrix.support)).toEqual([3, 3, 2, 2]);
    expect(matrix.values[2 * 4 + 0]).toBeCloseTo(2 / 3, 15);
  });

  it('injectUniformNoise(labels, options).matrix is exactly the realized matrix of its labels, columns summing to 1', () => {
    const truth = cyclicLabels(500, 10);
    const { labels, matrix } = injectUniformNoise(truth, { rate: 0.2, classes: 10, random: createRandom(3) });
    expect(Array.from(matrix.values)).toEqual(Array.from(realizedNoiseMatrix(truth, labels, 10).values));
    for (let j = 0; j < 10; j++) {
      let sum = 0;
      for (let i = 0; i < 10; i++) sum += matrix.values[i * 10 + j]!;
      expect(sum).toBeCloseTo(1, 12);
    }
  });

  it('injectUniformNoise on large N realizes close to uniformNoiseMatrix({rate})', () => {
    const truth = cyclicLabels(50000, 5);
    const { matrix } = injectUniformNoise(truth, { rate: 0.3, classes: 5, random: createRandom(11) });
    const target = uniformNoiseMatrix({ classes: 5, rate: 0.3 });
    for (let index = 0; index < 25; index++) {
      expect(Math.abs(matrix.values[index]! - target.values[index]!)).toBeLessThan(0.015);
    }
  });

  it('injectUniformNoise([], options).matrix is the identity with every class listed as empty', () => {
    const { matrix } = injectUniformNoise(new Int32Array(0), { rate: 0.5, classes: 3, random: createRandom(0) });
    expect(Array.from(matrix.values)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(matrix.emptyClasses).toEqual([0, 1, 2]);
  });
});

describe('uniformNoiseMatrix', () => {
  it('uniformNoiseMatrix({classes: 3, rate: 0.2}) is 0.8 on the diagonal and 0.1 elsewhere', () => {
    expect(Array.from(uniformNoiseMatrix({ classes: 3, rate: 0.2 }).values)).toEqual([
      0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8,
    ]);
  });

  it('uniformNoiseMatrix throws a RangeError for a rate outside [0, 1] or fewer than 2 classes', () => {
    expect(() => uniformNoiseMatrix({ classes: 3, rate: -1 })).toThrow('noise rate must be in [0, 1], got -1');
    expect(() => uniformNoiseMatrix({ classes: 1, rate: 0.1 })).toThrow('label noise needs at least 2 classes, got 1');
  });
});
