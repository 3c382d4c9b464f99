import { describe, expect, it } from 'vitest';
import { classQueues, collectMore, longTailSet } from '../../../src/engine/coverage/index.ts';
import { createRandom } from '../../../src/engine/random.ts';

// A pool of 300 rows: rows 0–99 are class 0, 100–199 class 1, 200–299 class 2.
const labels = Int32Array.from({ length: 300 }, (_, i) => Math.floor(i / 100));
const pool = Int32Array.from({ length: 300 }, (_, i) => i);
const queues = () => classQueues(pool, labels, 3, createRandom(7, 41));
const sorted = (a: ArrayLike<number>) => Array.from(a).sort((x, y) => x - y);

describe('classQueues(pool, labels, classes, random)', () => {
  it('gives each class its own pool rows, shuffled', () => {
    const q = queues();
    expect(q.map((x) => x.length)).toEqual([100, 100, 100]);
    q.forEach((x, c) => expect(sorted(x)).toEqual(Array.from({ length: 100 }, (_, i) => 100 * c + i)));
    expect(Array.from(q[0]!)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('is the same for the same seed and different for another', () => {
    expect(queues()).toEqual(queues());
    expect(classQueues(pool, labels, 3, createRandom(8, 41))).not.toEqual(queues());
  });

  it('gives an empty queue to a class with no pool rows', () => {
    const q = classQueues(Int32Array.of(0, 1), labels, 3, createRandom(0));
    expect(q.map((x) => x.length)).toEqual([2, 0, 0]);
  });
});

describe('longTailSet(queues, { size, rareClass, rareShare })', () => {
  it('gives the rare class round(size · rareShare) rows and splits the rest by pool share (largest remainder)', () => {
    const set = longTailSet(queues(), { size: 100, rareClass: 2, rareShare: 0.05 });
    // 95 rows over two classes of 100: 47.5 each, the tie to the lower class.
    expect(Array.from(set.counts)).toEqual([48, 47, 5]);
    expect(set.rows.length).toBe(100);
    expect(set.rareClass).toBe(2);
    expect(Array.from(set.rows, (r) => labels[r])).toEqual([
      ...Array(48).fill(0),
      ...Array(47).fill(1),
      ...Array(5).fill(2),
    ]);
  });

  it('takes each class from the front of its queue and leaves the rest unused', () => {
    const q = queues();
    const set = longTailSet(q, { size: 100, rareClass: 2, rareShare: 0.05 });
    expect(Array.from(set.rows.subarray(95))).toEqual(Array.from(q[2]!.subarray(0, 5)));
    expect(set.unused.map((u) => u.length)).toEqual([52, 53, 95]);
    expect(Array.from(set.unused[2]!)).toEqual(Array.from(q[2]!.subarray(5)));
  });

  it('rareShare 0 leaves the class out; a single row is possible', () => {
    expect(Array.from(longTailSet(queues(), { size: 10, rareClass: 0, rareShare: 0 }).counts)).toEqual([0, 5, 5]);
    expect(Array.from(longTailSet(queues(), { size: 1, rareClass: 1, rareShare: 1 }).counts)).toEqual([0, 1, 0]);
  });

  it('throws on a bad class, share or size, and when a class has too few rows', () => {
    expect(() => longTailSet(queues(), { size: 10, rareClass: 3, rareShare: 0.1 })).toThrow(
      /rareClass must be a class from 0 to 2/,
    );
    expect(() => longTailSet(queues(), { size: 10, rareClass: 0, rareShare: 1.5 })).toThrow(/rareShare/);
    expect(() => longTailSet(queues(), { size: 10, rareClass: 0, rareShare: NaN })).toThrow(/rareShare/);
    expect(() => longTailSet(queues(), { size: 0, rareClass: 0, rareShare: 0.1 })).toThrow(/size/);
    expect(() => longTailSet(queues(), { size: 220, rareClass: 0, rareShare: 0 })).toThrow(
      /class 1 has 100 unused pool rows; 110/,
    );
  });
});

describe('collectMore(set, { rare } | { everything })', () => {
  const start = () => longTailSet(queues(), { size: 100, rareClass: 2, rareShare: 0.05 });

  it('{ rare: n } adds the next n rows of the rare class only', () => {
    const before = start();
    const after = collectMore(before, { rare: 10 });
    expect(Array.from(after.counts)).toEqual([48, 47, 15]);
    expect(sorted(after.rows).filter((r) => !before.rows.includes(r))).toEqual(
      sorted(before.unused[2]!.subarray(0, 10)),
    );
  });

  it("{ everything: n } adds n rows in the set's own class mix (largest remainder)", () => {
    // 20 · (48, 47, 5) / 100 = 9.6, 9.4, 1.0 → 9, 9, 1 and the last row to class 0.
    const after = collectMore(start(), { everything: 20 });
    expect(Array.from(after.counts)).toEqual([58, 56, 6]);
    expect(after.rows.length).toBe(120);
  });

  it('keeps every row it had (nested) and never draws a row twice', () => {
    const before = start();
    const after = collectMore(collectMore(before, { everything: 20 }), { rare: 5 });
    for (const r of before.rows) expect(after.rows.includes(r)).toBe(true);
    expect(new Set(after.rows).size).toBe(after.rows.length);
    expect(Array.from(after.counts)).toEqual([58, 56, 11]);
    expect(after.unused.map((u) => u.length)).toEqual([42, 44, 89]);
  });

  it('adding nothing returns the same rows', () => {
    const before = start();
    expect(Array.from(collectMore(before, { rare: 0 }).rows)).toEqual(Array.from(before.rows));
    expect(Array.from(collectMore(before, { everything: 0 }).rows)).toEqual(Array.from(before.rows));
  });

  it('throws naming the class when its pool runs out, and on a bad count', () => {
    expect(() => collectMore(start(), { rare: 96 })).toThrow(/class 2 has 95 unused pool rows; 96 more/);
    expect(() => collectMore(start(), { rare: 1.5 })).toThrow(/n must be a whole number/);
  });
});
