import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/engine/random.ts';
import type { Dataset } from '../../../src/engine/types.ts';
import {
  accuracyBySlice,
  assignSlices,
  lowerContrast,
  noisyBackground,
  rotateQuarter,
  SLICE_ACTIONS,
  SLICES,
  sliceTrainingSet,
  sliceWorld,
} from '../../../src/engine/slices/index.ts';

describe('rotateQuarter(pixels, width, height)', () => {
  it('turns a 2×2 and a 3×3 image a quarter turn clockwise', () => {
    // a b      c a
    // c d  ->  d b
    expect(Array.from(rotateQuarter([1, 2, 3, 4], 2, 2))).toEqual([3, 1, 4, 2]);
    expect(Array.from(rotateQuarter([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 3))).toEqual([7, 4, 1, 8, 5, 2, 9, 6, 3]);
  });
  it('four quarter turns give the image back', () => {
    const image = Float32Array.from({ length: 16 }, (_, i) => i / 16);
    let turned: Float32Array = image;
    for (let i = 0; i < 4; i++) turned = rotateQuarter(turned, 4, 4);
    expect(turned).toEqual(image);
  });
  it('throws when the pixels do not fill the image', () => {
    expect(() => rotateQuarter([1, 2, 3], 2, 2)).toThrow(/3 pixels for a 2×2 image/);
  });
  it('a single pixel and an empty image stay as they are', () => {
    expect(Array.from(rotateQuarter([0.5], 1, 1))).toEqual([0.5]);
    expect(Array.from(rotateQuarter([], 0, 0))).toEqual([]);
  });
});

describe('lowerContrast(pixels, factor)', () => {
  it('pulls every pixel toward the image mean: v → mean + factor·(v − mean)', () => {
    // mean 0.5; factor 0.5: 0 → 0.25, 1 → 0.75, 0.5 → 0.5
    expect(Array.from(lowerContrast([0, 1, 0.5, 0.5], 0.5))).toEqual([0.25, 0.75, 0.5, 0.5]);
  });
  it('factor 1 keeps the image, 0 makes it flat at the mean', () => {
    expect(Array.from(lowerContrast([0, 1], 1))).toEqual([0, 1]);
    expect(Array.from(lowerContrast([0, 1], 0))).toEqual([0.5, 0.5]);
  });
  it('throws on a factor outside 0–1 or NaN', () => {
    expect(() => lowerContrast([0], 1.5)).toThrow(/factor must be from 0 to 1/);
    expect(() => lowerContrast([0], NaN)).toThrow(/factor/);
  });
});

describe('noisyBackground(pixels, { threshold, level, random })', () => {
  it('adds level·random() to pixels below the threshold only, capped at 1', () => {
    const out = noisyBackground([0, 0.0625, 0.5, 0.75], { threshold: 0.1, level: 2, random: () => 0.25 });
    expect(Array.from(out)).toEqual([0.5, 0.5625, 0.5, 0.75]);
    expect(Array.from(noisyBackground([0], { threshold: 0.1, level: 2, random: () => 0.9 }))).toEqual([1]);
  });
  it('is seeded: the same seed gives the same image', () => {
    const make = () =>
      noisyBackground(new Float32Array(20), { threshold: 0.1, level: 0.6, random: createRandom(3, 1) });
    expect(make()).toEqual(make());
  });
});

describe('assignSlices(n, shares, random)', () => {
  it('gives each slice round(share·n) items, the counts summing to n', () => {
    const slice = assignSlices(1000, [0.64, 0.12, 0.12, 0.12], createRandom(0, 1));
    const counts = [0, 0, 0, 0];
    for (const s of slice) counts[s]!++;
    expect(counts).toEqual([640, 120, 120, 120]);
    const odd = assignSlices(7, [0.5, 0.5], createRandom(0, 1));
    expect(odd.reduce((s, v) => s + v, 0)).toBe(3); // 4 + 3 = 7; the tie goes to slice 0
  });
  it('is deterministic for a seed and differs between seeds', () => {
    const a = assignSlices(50, [0.5, 0.5], createRandom(1, 1));
    expect(assignSlices(50, [0.5, 0.5], createRandom(1, 1))).toEqual(a);
    expect(assignSlices(50, [0.5, 0.5], createRandom(2, 1))).not.toEqual(a);
  });
  it('handles no items, and throws when shares do not sum to 1', () => {
    expect(assignSlices(0, [1], createRandom(0))).toEqual(new Uint8Array(0));
    expect(() => assignSlices(10, [0.5, 0.4], createRandom(0))).toThrow(/sum to 1/);
    expect(() => assignSlices(10, [], createRandom(0))).toThrow(/shares/);
    expect(() => assignSlices(10, [NaN, 1], createRandom(0))).toThrow(/shares/);
  });
});

describe('accuracyBySlice(predicted, truth, slice, slices)', () => {
  it('counts hits within each slice; an empty slice is NaN', () => {
    const result = accuracyBySlice([1, 0, 2, 2, 1], [1, 1, 2, 0, 1], [0, 0, 1, 1, 0], 3);
    expect(result).toEqual([
      { count: 3, correct: 2, accuracy: 2 / 3 },
      { count: 2, correct: 1, accuracy: 0.5 },
      { count: 0, correct: 0, accuracy: NaN },
    ]);
  });
  it('throws on mismatched lengths or a slice out of range', () => {
    expect(() => accuracyBySlice([1], [1, 2], [0, 0], 1)).toThrow(/must match/);
    expect(() => accuracyBySlice([1], [1], [2], 2)).toThrow(/slice 2, not 0–1/);
  });
});

/** A tiny 2×2 image data set: 40 pool rows, 20 test rows, 2 classes. */
function tinyDataset(): { dataset: Dataset; split: { pool: Int32Array; test: Int32Array } } {
  const n = 60;
  const x = Float32Array.from({ length: n * 4 }, (_, i) => ((i * 7) % 11) / 10);
  const y = Int32Array.from({ length: n }, (_, i) => i % 2);
  const dataset: Dataset = {
    name: 'tiny',
    title: 'tiny',
    n,
    d: 4,
    classes: 2,
    classNames: ['a', 'b'],
    x,
    y,
    image: { width: 2, height: 2 },
    split: null,
    source: '',
    license: '',
  };
  const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
  return { dataset, split: { pool: range(0, 40), test: range(40, 60) } };
}

const OPTIONS = {
  shares: [0.5, 0.25, 0.25, 0] as number[],
  labelNoise: [0, 0, 0.5, 0],
  contrast: 0.5,
  background: { threshold: 0.1, level: 0.6 },
  validation: 0,
  seed: 4,
};

describe('sliceWorld(dataset, split, options)', () => {
  it('assigns the stated shares in the pool and in the test set, and corrupts each slice its own way', () => {
    const { dataset, split } = tinyDataset();
    const w = sliceWorld(dataset, split, OPTIONS, split.pool);
    const count = (rows: Int32Array, s: number) => rows.filter((r) => w.slice[r] === s).length;
    expect([0, 1, 2, 3].map((s) => count(split.pool, s))).toEqual([20, 10, 10, 0]);
    expect([0, 1, 2, 3].map((s) => count(split.test, s))).toEqual([10, 5, 5, 0]);
    const pixels = (data: Dataset, row: number) => Array.from(data.x.subarray(row * 4, row * 4 + 4));
    for (let row = 0; row < dataset.n; row++) {
      const name = SLICES[w.slice[row]!];
      if (name === 'clean') expect(pixels(w.dataset, row)).toEqual(pixels(dataset, row));
      if (name === 'low contrast') {
        expect(pixels(w.dataset, row)).toEqual(Array.from(lowerContrast(pixels(dataset, row), 0.5)));
      }
      if (name === 'noisy background') {
        pixels(dataset, row).forEach((v, i) => {
          const after = pixels(w.dataset, row)[i]!;
          if (v >= 0.1) expect(after).toBe(v);
          else expect(after).toBeGreaterThanOrEqual(v);
        });
      }
    }
    expect(w.dataset.y).toEqual(dataset.y);
  });

  it("flips exactly the stated share of one slice's pool labels, never a test label", () => {
    const { dataset, split } = tinyDataset();
    const w = sliceWorld(dataset, split, OPTIONS, split.pool);
    const wrong = (rows: Int32Array) => rows.filter((r) => w.given[r] !== dataset.y[r]);
    expect(wrong(split.test)).toHaveLength(0);
    const flipped = wrong(split.pool);
    expect(flipped).toHaveLength(5); // half of the 10 low-contrast pool rows
    for (const r of flipped) expect(SLICES[w.slice[r]!]).toBe('low contrast');
  });

  it('is deterministic for a seed', () => {
    const { dataset, split } = tinyDataset();
    const a = sliceWorld(dataset, split, OPTIONS, split.pool);
    const b = sliceWorld(dataset, split, OPTIONS, split.pool);
    expect(b.slice).toEqual(a.slice);
    expect(b.given).toEqual(a.given);
    expect(b.dataset.x).toEqual(a.dataset.x);
    expect(sliceWorld(dataset, split, { ...OPTIONS, seed: 5 }, split.pool).slice).not.toEqual(a.slice);
  });

  it('throws for a data set without square images or with the wrong number of shares', () => {
    const { dataset, split } = tinyDataset();
    expect(() => sliceWorld({ ...dataset, image: null }, split, OPTIONS, split.pool)).toThrow(/not an image data set/);
    expect(() => sliceWorld(dataset, split, { ...OPTIONS, shares: [1] }, split.pool)).toThrow(/each of the 4 slices/);
    expect(() => sliceWorld(dataset, split, { ...OPTIONS, validation: 1 }, split.pool)).toThrow(/validation must be/);
    expect(() => sliceWorld(dataset, split, OPTIONS, split.pool.subarray(1))).toThrow(/order has 39 rows/);
  });
});

describe('sliceWorld: the validation set', () => {
  const { dataset, split } = tinyDataset();
  // A scrambled pool order, as a seed's order would be.
  const order = Int32Array.from(split.pool, (_, i) => split.pool[(i * 7) % 40]!);
  const w = sliceWorld(dataset, split, { ...OPTIONS, validation: 0.25 }, order);
  const low = SLICES.indexOf('low contrast');

  it('is the last validation share of the pool order: pool rows, none of them test rows', () => {
    expect(Array.from(w.validation)).toEqual(Array.from(order.subarray(30)));
    const test = new Set(split.test);
    const pool = new Set(split.pool);
    for (const row of w.validation) {
      expect(test.has(row)).toBe(false);
      expect(pool.has(row)).toBe(true);
    }
    expect(Array.from(w.isValidation).reduce((a, b) => a + b, 0)).toBe(10);
    for (const row of w.validation) expect(w.isValidation[row]).toBe(1);
  });

  it("keeps the labellers' labels, noisy where they are (the same flips as with no validation)", () => {
    const without = sliceWorld(dataset, split, OPTIONS, order);
    expect(w.given).toEqual(without.given);
    expect(w.slice).toEqual(without.slice);
  });

  it('is never trained on, whatever the action', () => {
    for (const action of SLICE_ACTIONS) {
      const size = action === 'none' || action === 'cleanSlice' ? 30 : 20;
      const set = sliceTrainingSet(w, order, { size, action, slice: low, count: action === 'addSlice' ? 1 : 10 });
      for (const row of set.rows) expect(w.isValidation[row]).toBe(0);
    }
    expect(() => sliceTrainingSet(w, order, { size: 31, action: 'none', slice: low, count: 0 })).toThrow(
      /size 31 is more than the 30 training rows/,
    );
    expect(() => sliceTrainingSet(w, order, { size: 25, action: 'addRandom', slice: low, count: 6 })).toThrow(
      /only 5 more examples/,
    );
  });
});

describe('sliceTrainingSet(world, order, spec)', () => {
  const { dataset, split } = tinyDataset();
  const w = sliceWorld(dataset, split, OPTIONS, split.pool);
  const order = split.pool;
  const low = SLICES.indexOf('low contrast');

  it("none: the first size rows with the labellers' labels", () => {
    const set = sliceTrainingSet(w, order, { size: 10, action: 'none', slice: low, count: 5 });
    expect(Array.from(set.rows)).toEqual(Array.from(order.subarray(0, 10)));
    expect(Array.from(set.labels)).toEqual(Array.from(set.rows, (r) => w.given[r]!));
    expect(set.changed).toBe(0);
  });

  it('addRandom adds the next count rows; addSlice the next count rows of the slice', () => {
    const random = sliceTrainingSet(w, order, { size: 10, action: 'addRandom', slice: low, count: 5 });
    expect(Array.from(random.rows)).toEqual(Array.from(order.subarray(0, 15)));
    const added = sliceTrainingSet(w, order, { size: 10, action: 'addSlice', slice: low, count: 3 });
    expect(added.rows).toHaveLength(13);
    for (const r of added.rows.subarray(10)) expect(w.slice[r]).toBe(low);
    expect(added.changed).toBe(3);
  });

  it("cleanSlice gives the slice's training rows their true labels and counts the fixes", () => {
    const before = sliceTrainingSet(w, order, { size: 40, action: 'none', slice: low, count: 0 });
    const set = sliceTrainingSet(w, order, { size: 40, action: 'cleanSlice', slice: low, count: 0 });
    expect(set.changed).toBe(5);
    expect(set.checked).toBe(10); // every low-contrast training row was looked at
    expect(before.checked).toBe(0);
    expect(Array.from(set.labels)).toEqual(Array.from(set.rows, (r) => dataset.y[r]!));
    expect(before.labels.filter((v, i) => v !== set.labels[i])).toHaveLength(5);
  });

  it('throws when the pool has too few rows', () => {
    expect(() => sliceTrainingSet(w, order, { size: 38, action: 'addRandom', slice: low, count: 5 })).toThrow(
      /only 2 more examples/,
    );
    expect(() => sliceTrainingSet(w, order, { size: 41, action: 'none', slice: low, count: 5 })).toThrow(/size 41/);
  });
});
