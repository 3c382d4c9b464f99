import { describe, it, expect } from 'vitest';
import { createRandom } from '../../src/engine/random.ts';
import { nestedSubsetOrder } from '../../src/engine/subsets.ts';

/** Labels with the given number of rows per class, classes interleaved pseudo-randomly. */
function labelsWithCounts(counts: readonly number[], seed: number): Int32Array {
  const labels = counts.flatMap((m, c) => new Array<number>(m).fill(c));
  const random = createRandom(seed, 99);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  return Int32Array.from(labels);
}

/**
 * The largest |count_c(prefix of k) − k·m_c/M| over every prefix length k and class c,
 * and whether every count lies between floor and ceil of its share.
 */
function prefixDeviation(order: Int32Array, labels: Int32Array): { worst: number; withinQuota: boolean } {
  const classes = Math.max(...Array.from(order, (row) => labels[row]!)) + 1;
  const total = order.length;
  const m = new Array<number>(classes).fill(0);
  for (const row of order) m[labels[row]!]!++;
  const count = new Array<number>(classes).fill(0);
  let worst = 0;
  let withinQuota = true;
  for (let k = 1; k <= total; k++) {
    count[labels[order[k - 1]!]!]!++;
    for (let c = 0; c < classes; c++) {
      const share = (k * m[c]!) / total;
      worst = Math.max(worst, Math.abs(count[c]! - share));
      // Integer form of floor(share) ≤ count ≤ ceil(share).
      if (count[c]! * total > k * m[c]! + total - 1 || (count[c]! + 1) * total <= k * m[c]!) withinQuota = false;
    }
  }
  return { worst, withinQuota };
}

const CLASS_MIXES: readonly (readonly number[])[] = [
  [126, 127, 124, 128, 127, 127, 127, 125, 122, 124], // the digits pool
  [5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
  [1, 1, 1, 1, 1, 1, 1, 1, 1, 30],
  [3, 7, 11, 2],
  [50, 30, 20],
  [1, 99],
  [17],
];

describe('nestedSubsetOrder', () => {
  it('nestedSubsetOrder(pool, labels, createRandom(42)) returns a pinned order', () => {
    // Classes 0 ×5, 1 ×3, 2 ×2; the order's labels run 0 1 0 2 0 1 0 1 2 0.
    const labels = Int32Array.from([0, 1, 2, 0, 1, 0, 0, 1, 2, 0]);
    const pool = Int32Array.from(labels, (_, i) => i);
    expect(Array.from(nestedSubsetOrder(pool, labels, createRandom(42)))).toEqual([6, 1, 9, 2, 0, 7, 3, 4, 8, 5]);
  });

  it('nestedSubsetOrder(pool, labels, random) returns a permutation of the pool', () => {
    const labels = labelsWithCounts([20, 15, 10, 5], 1);
    const pool = Int32Array.from([3, 5, 8, 9, 10, 14, 20, 21, 22, 30, 31, 33, 40, 41, 44, 47, 49]);
    const order = nestedSubsetOrder(pool, labels, createRandom(4));
    expect(order).toBeInstanceOf(Int32Array);
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from(pool));
  });

  it('nestedSubsetOrder(pool, labels, random) does not modify the pool or the labels', () => {
    const labels = labelsWithCounts([6, 6], 2);
    const pool = Int32Array.from({ length: 12 }, (_, i) => i);
    const labelsBefore = Array.from(labels);
    nestedSubsetOrder(pool, labels, createRandom(0));
    expect(Array.from(pool)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(Array.from(labels)).toEqual(labelsBefore);
  });

  it('nestedSubsetOrder(pool, labels, random) keeps every prefix within one row per class of the pool proportions', () => {
    for (const counts of CLASS_MIXES) {
      const labels = labelsWithCounts(counts, counts.length);
      const pool = Int32Array.from(labels, (_, i) => i);
      for (let seed = 0; seed < 30; seed++) {
        const { worst, withinQuota } = prefixDeviation(nestedSubsetOrder(pool, labels, createRandom(seed)), labels);
        expect(worst, `classes ${counts.join(',')}, seed ${seed}`).toBeLessThan(1);
        expect(withinQuota, `classes ${counts.join(',')}, seed ${seed}`).toBe(true);
      }
    }
  });

  it('nestedSubsetOrder(pool, labels, random) stratifies a pool that is a subset of the rows', () => {
    const labels = labelsWithCounts([60, 40, 20], 3);
    const pool = Int32Array.from({ length: 60 }, (_, i) => 2 * i + 1);
    for (let seed = 0; seed < 20; seed++) {
      expect(prefixDeviation(nestedSubsetOrder(pool, labels, createRandom(seed)), labels).withinQuota).toBe(true);
    }
  });

  it('nestedSubsetOrder(pool, labels, random) gives balanced classes exactly equal counts at multiples of K', () => {
    const labels = labelsWithCounts([10, 10, 10, 10, 10], 5);
    const pool = Int32Array.from(labels, (_, i) => i);
    const order = nestedSubsetOrder(pool, labels, createRandom(8));
    for (let k = 5; k <= 50; k += 5) {
      const counts = new Array<number>(5).fill(0);
      for (const row of order.subarray(0, k)) counts[labels[row]!]!++;
      expect(counts).toEqual(new Array<number>(5).fill(k / 5));
    }
  });

  it('nestedSubsetOrder(pool, labels, createRandom(seed)) is deterministic per seed', () => {
    const labels = labelsWithCounts([30, 20, 10], 6);
    const pool = Int32Array.from(labels, (_, i) => i);
    const a = nestedSubsetOrder(pool, labels, createRandom(3, 2));
    const b = nestedSubsetOrder(pool, labels, createRandom(3, 2));
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('nestedSubsetOrder(pool, labels, random) gives different orders for different seeds', () => {
    const labels = labelsWithCounts([30, 20, 10], 6);
    const pool = Int32Array.from(labels, (_, i) => i);
    const orders = new Set(
      Array.from({ length: 10 }, (_, seed) => Array.from(nestedSubsetOrder(pool, labels, createRandom(seed))).join()),
    );
    expect(orders.size).toBe(10);
  });

  it('nestedSubsetOrder(pool, labels, random) draws the rows of a prefix uniformly within each class', () => {
    // Two classes of 10: the prefix of 4 holds 2 of each; each row should be in it in ~20% of seeds.
    const labels = Int32Array.from({ length: 20 }, (_, i) => i % 2);
    const pool = Int32Array.from(labels, (_, i) => i);
    const inPrefix = new Array<number>(20).fill(0);
    const trials = 4000;
    for (let seed = 0; seed < trials; seed++) {
      for (const row of nestedSubsetOrder(pool, labels, createRandom(seed)).subarray(0, 4)) inPrefix[row]!++;
    }
    for (const count of inPrefix) expect(Math.abs(count / trials - 0.2)).toBeLessThan(0.03);
  });

  it('nestedSubsetOrder([], labels, random) is empty', () => {
    expect(nestedSubsetOrder(new Int32Array(0), Int32Array.from([0, 1]), createRandom(0)).length).toBe(0);
  });

  it('nestedSubsetOrder([row], labels, random) is [row]', () => {
    expect(Array.from(nestedSubsetOrder(Int32Array.from([1]), Int32Array.from([0, 2]), createRandom(0)))).toEqual([1]);
  });
});
