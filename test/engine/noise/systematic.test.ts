import { describe, it, expect } from 'vitest';
import { createRandom, type Random } from '../../../src/engine/random.ts';
import {
  injectSystematicNoise,
  noiseEntry,
  systematicNoiseMatrix,
  systematicNoiseProblems,
} from '../../../src/engine/noise/index.ts';

function cyclicLabels(n: number, classes: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i % classes);
}

const neverCalled: Random = () => {
  throw new Error('random was called');
};

describe('injectSystematicNoise', () => {
  it('injectSystematicNoise(labels, {from: [1, 3], to: 0, rate: 0.5, random: createRandom(5)}) returns pinned flips', () => {
    const { labels, flipped } = injectSystematicNoise(cyclicLabels(16, 4), {
      from: [1, 3],
      to: 0,
      rate: 0.5,
      classes: 4,
      random: createRandom(5),
    });
    expect(Array.from(labels)).toEqual([0, 0, 2, 0, 0, 0, 2, 3, 0, 1, 2, 0, 0, 1, 2, 3]);
    expect(Array.from(flipped)).toEqual([1, 3, 5, 11]);
  });

  it('injectSystematicNoise(labels, {from, to}) relabels every item of the from classes by default', () => {
    const truth = cyclicLabels(30, 5);
    const { labels, flipped, matrix } = injectSystematicNoise(truth, {
      from: [2, 4],
      to: 1,
      classes: 5,
      random: neverCalled,
    });
    for (let i = 0; i < truth.length; i++) expect(labels[i]).toBe(truth[i] === 2 || truth[i] === 4 ? 1 : truth[i]);
    expect(flipped.length).toBe(12);
    expect(noiseEntry(matrix, 1, 2)).toBe(1);
    expect(noiseEntry(matrix, 1, 4)).toBe(1);
    expect(noiseEntry(matrix, 3, 3)).toBe(1);
  });

  it('injectSystematicNoise relabels exactly round(rate · n_c) items of each from class, and nothing else', () => {
    // Uneven classes: class c has about n / (c + 1) items.
    const truth = Int32Array.from({ length: 211 }, (_, i) => (i % 6 < 3 ? 0 : i % 6 < 5 ? 1 : 2));
    const n = [0, 1, 2].map((c) => truth.filter((t) => t === c).length);
    for (const rate of [0, 0.05, 0.3, 0.5, 0.77, 1]) {
      const { labels, matrix } = injectSystematicNoise(truth, {
        from: [0, 2],
        to: 1,
        rate,
        classes: 3,
        random: createRandom(2),
      });
      expect(matrix.counts[1 * 3 + 0], `rate ${rate}, class 0`).toBe(Math.round(rate * n[0]!));
      expect(matrix.counts[1 * 3 + 2], `rate ${rate}, class 2`).toBe(Math.round(rate * n[2]!));
      for (let i = 0; i < truth.length; i++) if (truth[i] === 1) expect(labels[i]).toBe(1);
      expect(labels.every((l, i) => l === truth[i] || l === 1)).toBe(true);
    }
  });

  it('injectSystematicNoise picks which items uniformly: each item of a from class with probability ≈ rate', () => {
    const truth = Int32Array.from({ length: 20 }, (_, i) => (i < 10 ? 0 : 1));
    const picked = new Array<number>(10).fill(0);
    const trials = 4000;
    for (let seed = 0; seed < trials; seed++) {
      const { flipped } = injectSystematicNoise(truth, {
        from: [0],
        to: 1,
        rate: 0.4,
        classes: 2,
        random: createRandom(seed),
      });
      for (const i of flipped) picked[i]!++;
    }
    for (const count of picked) expect(Math.abs(count / trials - 0.4)).toBeLessThan(0.03);
  });

  it('injectSystematicNoise is deterministic for a seed and does not modify its input', () => {
    const truth = cyclicLabels(40, 4);
    const before = Array.from(truth);
    const run = (seed: number) =>
      Array.from(
        injectSystematicNoise(truth, { from: [3], to: 2, rate: 0.5, classes: 4, random: createRandom(seed) }).flipped,
      );
    expect(run(7)).toEqual(run(7));
    expect(run(8)).not.toEqual(run(7));
    expect(Array.from(truth)).toEqual(before);
  });

  it('injectSystematicNoise([], options) returns nothing; a single item of a from class is relabelled at rate 1', () => {
    const empty = injectSystematicNoise(new Int32Array(0), { from: [0], to: 1, classes: 2, random: neverCalled });
    expect(empty.labels.length).toBe(0);
    expect(empty.matrix.emptyClasses).toEqual([0, 1]);
    const one = injectSystematicNoise(Int32Array.from([0]), { from: [0], to: 1, classes: 2, random: createRandom(0) });
    expect(Array.from(one.labels)).toEqual([1]);
    expect(Array.from(one.flipped)).toEqual([0]);
  });

  it('injectSystematicNoise throws a RangeError listing the problems of the convention', () => {
    expect(() =>
      injectSystematicNoise(cyclicLabels(4, 2), { from: [1], to: 1, rate: 2, classes: 2, random: createRandom(0) }),
    ).toThrow('rate: use a fraction from 0 to 1, got 2; from: 1 is the target class itself; remove it from "from"');
    expect(() =>
      injectSystematicNoise(Int32Array.from([5]), { from: [0], to: 1, classes: 2, random: createRandom(0) }),
    ).toThrow('label 5 at 0 is outside [0, 2)');
  });
});

describe('systematicNoiseProblems', () => {
  it('systematicNoiseProblems names each field that is wrong', () => {
    expect(systematicNoiseProblems({ from: [3, 5], to: 8, classes: 10 })).toEqual([]);
    expect(systematicNoiseProblems({ from: [], to: 10, classes: 10 })).toEqual([
      'to: 10 is not a class; use one of 0…9',
      'from: name at least one class to relabel',
    ]);
    expect(systematicNoiseProblems({ from: [3, 3, -1], to: 8, classes: 10 })).toEqual([
      'from: 3 is listed twice',
      'from: -1 is not a class; use classes 0…9',
    ]);
    expect(systematicNoiseProblems({ from: [0], to: 1, classes: 1 })).toEqual([
      'classes: label noise needs at least 2 classes, got 1',
    ]);
  });
});

describe('systematicNoiseMatrix', () => {
  it('systematicNoiseMatrix({from: [0], to: 2, rate: 0.25, classes: 3}) moves a quarter of column 0 to row 2', () => {
    const m = systematicNoiseMatrix({ from: [0], to: 2, rate: 0.25, classes: 3 });
    expect(Array.from(m.values)).toEqual([0.75, 0, 0, 0, 1, 0, 0.25, 0, 1]);
  });
});
