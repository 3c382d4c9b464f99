import { describe, it, expect } from 'vitest';
import { createRandom } from '../../src/engine/random.ts';
import { groupByClass, largestRemainder, stratifiedSplit } from '../../src/engine/split.ts';

/** 20 rows: class 0 ×10, class 1 ×7, class 2 ×3. */
const LABELS_20 = Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]);

function classCounts(rows: ArrayLike<number>, labels: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < rows.length; i++) counts[labels[rows[i]!]!]!++;
  return counts;
}

function isAscending(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i]! > values[i - 1]!)) return false;
  return true;
}

/** Labels with the given number of rows per class, classes interleaved pseudo-randomly. */
function labelsWithCounts(counts: number[], seed: number): Int32Array {
  const labels = counts.flatMap((m, c) => new Array<number>(m).fill(c));
  const random = createRandom(seed);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  return Int32Array.from(labels);
}

describe('groupByClass', () => {
  it('groupByClass(labels) lists the rows of each class in row order', () => {
    expect(groupByClass(Int32Array.from([2, 0, 2, 1, 0]))).toEqual([[1, 4], [3], [0, 2]]);
  });

  it('groupByClass(labels) gives an empty group for a class that does not occur below the largest label', () => {
    expect(groupByClass(Int32Array.from([2, 2]))).toEqual([[], [], [0, 1]]);
  });

  it('groupByClass([]) is []', () => {
    expect(groupByClass(new Int32Array(0))).toEqual([]);
  });

  it('groupByClass([c]) is a single row in group c', () => {
    expect(groupByClass(Int32Array.from([0]))).toEqual([[0]]);
    expect(groupByClass(Int32Array.from([1]))).toEqual([[], [0]]);
  });
});

describe('largestRemainder', () => {
  it('largestRemainder(shares, total) gives the leftovers to the largest fractional parts', () => {
    expect(largestRemainder([3, 2.1, 0.9], 6)).toEqual([3, 2, 1]);
    expect(largestRemainder([0.2, 0.3, 0.5], 1)).toEqual([0, 0, 1]);
    expect(largestRemainder([1.6, 1.3, 1.1], 4)).toEqual([2, 1, 1]);
  });

  it('largestRemainder(shares, total) breaks ties in favour of the earlier share', () => {
    expect(largestRemainder([1.5, 1.5, 1], 4)).toEqual([2, 1, 1]);
    expect(largestRemainder([0.5, 0.5, 0.5, 0.5], 2)).toEqual([1, 1, 0, 0]);
  });

  it('largestRemainder(integers, sum) returns the integers unchanged', () => {
    expect(largestRemainder([4, 0, 7], 11)).toEqual([4, 0, 7]);
  });

  it('largestRemainder(shares, total) sums to total and moves each share by less than 1', () => {
    const random = createRandom(3);
    for (let t = 0; t < 200; t++) {
      const weights = Array.from({ length: 1 + Math.floor(random() * 10) }, () => random());
      const sum = weights.reduce((a, b) => a + b, 0);
      const total = Math.floor(random() * 100);
      const shares = weights.map((w) => (w * total) / sum);
      const rounded = largestRemainder(shares, total);
      expect(rounded.reduce((a, b) => a + b, 0)).toBe(total);
      rounded.forEach((r, i) => {
        expect(Number.isInteger(r)).toBe(true);
        expect(Math.abs(r - shares[i]!)).toBeLessThan(1);
      });
    }
  });

  it('largestRemainder([], 0) is []', () => {
    expect(largestRemainder([], 0)).toEqual([]);
  });

  it('largestRemainder([x], total) is [total] for a single share', () => {
    expect(largestRemainder([2.4], 3)).toEqual([3]);
  });

  it('largestRemainder(shares, total) does not modify shares', () => {
    const shares = [0.5, 1.5];
    largestRemainder(shares, 2);
    expect(shares).toEqual([0.5, 1.5]);
  });
});

describe('stratifiedSplit', () => {
  it('stratifiedSplit(labels, {testFraction: 0.3, random: createRandom(7)}) returns a pinned split', () => {
    const { pool, test } = stratifiedSplit(LABELS_20, { testFraction: 0.3, random: createRandom(7) });
    expect(Array.from(pool)).toEqual([0, 1, 2, 3, 7, 8, 9, 10, 11, 13, 14, 17, 18, 19]);
    expect(Array.from(test)).toEqual([4, 5, 6, 12, 15, 16]);
  });

  it('stratifiedSplit(labels, {testFraction}) shares the test rows among classes by largest remainder', () => {
    // Shares of 6 test rows: 10·6/20 = 3, 7·6/20 = 2.1, 3·6/20 = 0.9 → 3, 2, 1.
    for (let seed = 0; seed < 20; seed++) {
      const { test } = stratifiedSplit(LABELS_20, { testFraction: 0.3, random: createRandom(seed) });
      expect(classCounts(test, LABELS_20, 3)).toEqual([3, 2, 1]);
    }
  });

  it('stratifiedSplit(labels, {testFraction}) holds out ceil(testFraction·N) rows', () => {
    for (const [n, fraction, expected] of [
      [20, 0.3, 6],
      [21, 0.3, 7],
      [10, 0.25, 3],
      [1797, 0.3, 540],
      [7, 0.5, 4],
      [100, 0.01, 1],
      [3, 0.99, 3],
    ] as const) {
      const labels = Int32Array.from({ length: n }, (_, i) => i % 4);
      const { pool, test } = stratifiedSplit(labels, { testFraction: fraction, random: createRandom(1) });
      expect(test.length).toBe(expected);
      expect(pool.length).toBe(n - expected);
    }
  });

  it('stratifiedSplit(labels, options) returns disjoint sorted Int32Arrays that cover every row once', () => {
    const labels = labelsWithCounts([40, 25, 13, 7, 1], 5);
    const { pool, test } = stratifiedSplit(labels, { testFraction: 0.3, random: createRandom(2) });
    expect(pool).toBeInstanceOf(Int32Array);
    expect(test).toBeInstanceOf(Int32Array);
    expect(isAscending(pool)).toBe(true);
    expect(isAscending(test)).toBe(true);
    const all = [...pool, ...test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: labels.length }, (_, i) => i));
  });

  it('stratifiedSplit(labels, options) keeps each class within one row of its proportional share of the test set', () => {
    for (const [seed, counts] of [
      [0, [40, 25, 13, 7, 1]],
      [1, [179, 182, 177, 183, 181, 182, 181, 179, 174, 180]],
      [2, [2, 2, 2, 2, 2, 2, 2]],
      [3, [500, 3]],
    ] as const) {
      const labels = labelsWithCounts([...counts], seed);
      const n = labels.length;
      const { test } = stratifiedSplit(labels, { testFraction: 0.3, random: createRandom(seed) });
      const testCounts = classCounts(test, labels, counts.length);
      testCounts.forEach((count, c) => {
        expect(Math.abs(count - (counts[c]! * test.length) / n)).toBeLessThan(1);
      });
    }
  });

  it('stratifiedSplit(labels, options) is deterministic for a given seed and varies with the seed', () => {
    const labels = labelsWithCounts([30, 30, 30], 4);
    const a = stratifiedSplit(labels, { testFraction: 0.3, random: createRandom(10) });
    const b = stratifiedSplit(labels, { testFraction: 0.3, random: createRandom(10) });
    const c = stratifiedSplit(labels, { testFraction: 0.3, random: createRandom(11) });
    expect(Array.from(b.test)).toEqual(Array.from(a.test));
    expect(Array.from(b.pool)).toEqual(Array.from(a.pool));
    expect(Array.from(c.test)).not.toEqual(Array.from(a.test));
  });

  it('stratifiedSplit(labels, options) chooses test rows uniformly within a class', () => {
    // One class of 10 rows, 3 held out: each row should be held out in ~30% of seeds.
    const labels = new Int32Array(10);
    const heldOut = new Array<number>(10).fill(0);
    const trials = 3000;
    for (let seed = 0; seed < trials; seed++) {
      for (const row of stratifiedSplit(labels, { testFraction: 0.3, random: createRandom(seed) }).test)
        heldOut[row]!++;
    }
    for (const count of heldOut) expect(Math.abs(count / trials - 0.3)).toBeLessThan(0.04);
  });

  it('stratifiedSplit(labels, options) ignores a class missing between present ones', () => {
    const labels = Int32Array.from([0, 2, 0, 2, 0, 2, 0, 2, 0, 2]);
    const { pool, test } = stratifiedSplit(labels, { testFraction: 0.4, random: createRandom(0) });
    expect(classCounts(test, labels, 3)).toEqual([2, 0, 2]);
    expect(pool.length).toBe(6);
  });

  it('stratifiedSplit([], options) returns an empty pool and test set', () => {
    const { pool, test } = stratifiedSplit(new Int32Array(0), { testFraction: 0.3, random: createRandom(0) });
    expect(pool.length).toBe(0);
    expect(test.length).toBe(0);
  });

  it('stratifiedSplit([c], options) holds out the single row (ceil rounds up)', () => {
    const { pool, test } = stratifiedSplit(Int32Array.from([3]), { testFraction: 0.3, random: createRandom(0) });
    expect(Array.from(pool)).toEqual([]);
    expect(Array.from(test)).toEqual([0]);
  });

  it('stratifiedSplit(labels, {testFraction outside (0, 1)}) throws a RangeError naming testFraction', () => {
    for (const testFraction of [0, 1, -0.1, 1.5, NaN, Infinity]) {
      expect(() => stratifiedSplit(LABELS_20, { testFraction, random: createRandom(0) })).toThrow(RangeError);
      expect(() => stratifiedSplit(LABELS_20, { testFraction, random: createRandom(0) })).toThrow(
        `testFraction must be between 0 and 1 (exclusive), got ${testFraction}`,
      );
    }
  });
});
