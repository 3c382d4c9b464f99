import { describe, expect, it } from 'vitest';
import {
  CONFUSABLE_CLASSES,
  MIN_REPEAT_GAP,
  classCounts,
  placeRepeats,
  selectBatch,
  type BatchOptions,
} from '../../src/state/labelCellItems.ts';

/** A pool of 2,000 rows, labels 0…9 in turn; the pool is the even rows. */
const labels = Int32Array.from({ length: 4000 }, (_, i) => Math.floor(i / 2) % 10);
const pool = Int32Array.from({ length: 2000 }, (_, i) => 2 * i);
const options = (patch: Partial<BatchOptions> = {}): BatchOptions => ({
  pool,
  labels,
  classes: 10,
  confusable: CONFUSABLE_CLASSES.fashion,
  items: 40,
  share: 0.8,
  repeats: 4,
  seed: 0,
  ...patch,
});

describe('classCounts(options)', () => {
  it('takes round(items · share) from the confusable classes, evenly, and the rest from the others', () => {
    const counts = classCounts(options());
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    expect([0, 2, 4, 6].map((c) => counts[c])).toEqual([8, 8, 8, 8]);
    const easy = [1, 3, 5, 7, 8, 9].map((c) => counts[c]!);
    expect(easy.reduce((a, b) => a + b, 0)).toBe(8);
    expect(Math.max(...easy) - Math.min(...easy)).toBeLessThanOrEqual(1);
  });

  it('share 0 draws only easy classes, share 1 only confusable ones; the odd item goes to a seeded class', () => {
    const none = classCounts(options({ share: 0 }));
    expect([0, 2, 4, 6].every((c) => none[c] === 0)).toBe(true);
    const all = classCounts(options({ share: 1, items: 41 }));
    expect([1, 3, 5, 7, 8, 9].every((c) => all[c] === 0)).toBe(true);
    expect([...all].sort((a, b) => b - a).slice(0, 4)).toEqual([11, 10, 10, 10]);
  });
});

describe('selectBatch(options)', () => {
  it('is deterministic: the same options give the same rows, order and repeats; another seed another batch', () => {
    const a = selectBatch(options());
    const b = selectBatch(options());
    expect(Array.from(a.rows)).toEqual(Array.from(b.rows));
    expect(Array.from(a.sequence)).toEqual(Array.from(b.sequence));
    expect(Array.from(a.repeated)).toEqual(Array.from(b.repeated));
    expect(Array.from(selectBatch(options({ seed: 1 })).rows)).not.toEqual(Array.from(a.rows));
  });

  it('draws N distinct pool rows, 80% of them from the confusable classes, in a shuffled order', () => {
    const { rows } = selectBatch(options());
    expect(rows.length).toBe(40);
    expect(new Set(rows).size).toBe(40);
    const inPool = new Set(pool);
    expect([...rows].every((r) => inPool.has(r))).toBe(true);
    const confusable = [...rows].filter((r) => CONFUSABLE_CLASSES.fashion.includes(labels[r]!)).length;
    expect(confusable).toBe(32);
    // Not grouped by class: some neighbours differ in class.
    expect([...rows].some((r, i) => i > 0 && labels[r] !== labels[rows[i - 1]!])).toBe(true);
  });

  it('shows every item once, and the R repeated items a second time later in the batch', () => {
    const { rows, sequence, repeated } = selectBatch(options());
    expect(sequence.length).toBe(44);
    expect(repeated.length).toBe(4);
    for (let i = 0; i < rows.length; i++) {
      const times = [...sequence].filter((s) => s === i).length;
      expect(times).toBe(repeated.includes(i) ? 2 : 1);
    }
    for (const item of repeated) {
      const first = sequence.indexOf(item);
      const second = sequence.lastIndexOf(item);
      expect(item).toBeLessThan(20); // from the first half
      expect(second - first).toBeGreaterThan(MIN_REPEAT_GAP);
      expect(second).toBeGreaterThan(sequence.indexOf(20)); // after the half-way point
    }
  });
});

describe('placeRepeats(items, repeats, seed)', () => {
  it('with no repeats is the items in order', () => {
    expect(Array.from(placeRepeats(5, 0, 0).sequence)).toEqual([0, 1, 2, 3, 4]);
  });

  it('caps the repeats at half the items and still places each after its first showing', () => {
    const { sequence, repeated } = placeRepeats(10, 9, 3);
    expect(repeated.length).toBe(5);
    expect(sequence.length).toBe(15);
    for (const item of repeated) expect(sequence.lastIndexOf(item)).toBeGreaterThan(sequence.indexOf(item));
  });
});
