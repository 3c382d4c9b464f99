/**
 * A data set cut into tagged slices, as an error analysis sees it: most
 * images untouched ("clean"), the rest with a noisy background, low contrast
 * or turned a quarter turn. One slice's training labels are also noisier,
 * because the labellers struggled to see those images.
 *
 * Shapes: N rows of the data set, D = width · height pixels in [0, 1],
 * S slices (SLICES order). Per-row arrays are indexed by data-set row.
 *
 * Three disjoint sets of rows: the pool's training rows, a validation set
 * (the last `validation` share of the seed's pool order, labelled by the
 * same labellers, so noisy where they struggled) and the clean test set.
 * Choices (which slice to work on) look at validation; the test set is kept
 * for the final comparison.
 *
 * Randomness streams (all `createRandom(seed, STREAM_SLICES, …)`):
 *   assign   [1, 0] the pool's slices, [1, 1] the test set's (exact shares in each);
 *   pixels   [2, row] the background noise of one row;
 *   labels   [3, s] which pool labels of slice s the labellers got wrong.
 */
import type { Dataset, Split } from '../types.ts';
import { createRandom } from '../random.ts';
import { applyNoise } from '../noise/index.ts';
import { assignSlices } from './assignSlices.ts';
import { lowerContrast, noisyBackground, rotateQuarter } from './corruptions.ts';

const STREAM_SLICES = 71;

export const SLICES = ['clean', 'noisy background', 'low contrast', 'rotated'] as const;
export type SliceName = (typeof SLICES)[number];

export interface SliceWorldOptions {
  /** Share of the pool and of the test set in each slice, in SLICES order (sum 1). */
  readonly shares: readonly number[];
  /** Share of each slice's pool labels the labellers got wrong (flipped to another class), in SLICES order. */
  readonly labelNoise: readonly number[];
  /** Low contrast: intensities keep this fraction of their distance from the image mean. */
  readonly contrast: number;
  /** Noisy background: pixels below `threshold` get up to `level` added. */
  readonly background: { readonly threshold: number; readonly level: number };
  /** Share of the pool held out as the validation set: the tail of the pool order. */
  readonly validation: number;
  readonly seed: number;
}

export const DEFAULT_SLICE_WORLD: Omit<SliceWorldOptions, 'seed'> = {
  shares: [0.64, 0.12, 0.12, 0.12],
  labelNoise: [0, 0, 0.3, 0],
  contrast: 0.3,
  background: { threshold: 0.1, level: 0.6 },
  validation: 1 / 6,
};

export interface SliceWorld {
  readonly slices: readonly SliceName[];
  /** The data set with every image as its slice shows it; `y` holds the true labels. */
  readonly dataset: Dataset;
  /** `(N)` each row's slice, an index into `slices`. */
  readonly slice: Uint8Array;
  /** `(N)` the labels a labeller gave: pool rows (validation included) with the slice's label noise, test rows true. */
  readonly given: Int32Array;
  /** Validation rows: the last round(validation · pool) rows of the pool order. Never trained on, never test rows. */
  readonly validation: Int32Array;
  /** `(N)` 1 for a validation row, else 0. */
  readonly isValidation: Uint8Array;
  readonly options: SliceWorldOptions;
}

/**
 * Cuts `dataset` (an image data set) into slices, deterministically from the
 * options and seed. `order` is the pool in the seed's order (a permutation
 * of split.pool); its tail becomes the validation set.
 */
export function sliceWorld(dataset: Dataset, split: Split, options: SliceWorldOptions, order: Int32Array): SliceWorld {
  if (!dataset.image) throw new RangeError(`sliceWorld: ${dataset.name} is not an image data set`);
  const { width, height } = dataset.image;
  if (width !== height) throw new RangeError(`sliceWorld: rotating needs square images, got ${width}×${height}`);
  const S = SLICES.length;
  if (options.shares.length !== S || options.labelNoise.length !== S) {
    throw new RangeError(`sliceWorld: give a share and a label-noise rate for each of the ${S} slices`);
  }
  if (!(options.validation >= 0 && options.validation < 1)) {
    throw new RangeError(`sliceWorld: validation must be a share from 0 to below 1, got ${options.validation}`);
  }
  if (order.length !== split.pool.length) {
    throw new RangeError(`sliceWorld: the pool order has ${order.length} rows, the pool ${split.pool.length}`);
  }
  const { seed } = options;
  const validation = order.slice(order.length - Math.round(options.validation * order.length));
  const isValidation = new Uint8Array(dataset.n);
  for (const row of validation) isValidation[row] = 1;
  const slice = new Uint8Array(dataset.n);
  const poolSlices = assignSlices(split.pool.length, options.shares, createRandom(seed, STREAM_SLICES, 1, 0));
  const testSlices = assignSlices(split.test.length, options.shares, createRandom(seed, STREAM_SLICES, 1, 1));
  split.pool.forEach((row, i) => (slice[row] = poolSlices[i]!));
  split.test.forEach((row, i) => (slice[row] = testSlices[i]!));

  const d = dataset.d;
  const x = Float32Array.from(dataset.x);
  for (const rows of [split.pool, split.test]) {
    for (const row of rows) {
      const pixels = dataset.x.subarray(row * d, row * d + d);
      const name = SLICES[slice[row]!];
      if (name === 'clean') continue;
      const changed =
        name === 'rotated'
          ? rotateQuarter(pixels, width, height)
          : name === 'low contrast'
            ? lowerContrast(pixels, options.contrast)
            : noisyBackground(pixels, { ...options.background, random: createRandom(seed, STREAM_SLICES, 2, row) });
      x.set(changed, row * d);
    }
  }

  const given = Int32Array.from(dataset.y);
  for (let s = 0; s < S; s++) {
    const rate = options.labelNoise[s]!;
    if (rate === 0) continue;
    const rows = split.pool.filter((row) => slice[row] === s);
    const noisy = applyNoise(
      Int32Array.from(rows, (row) => dataset.y[row]!),
      { kind: 'uniform', rate },
      { classes: dataset.classes, random: createRandom(seed, STREAM_SLICES, 3, s) },
    );
    rows.forEach((row, i) => (given[row] = noisy.labels[i]!));
  }
  return { slices: SLICES, dataset: { ...dataset, x }, slice, given, validation, isValidation, options };
}
