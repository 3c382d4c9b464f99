/**
 * A trial: one model trained on one training subset with one kind of label
 * noise, evaluated on the clean test set. This file turns a trial's spec into
 * the matrices a model sees, deterministically from the spec alone.
 *
 * Randomness streams (all from `createRandom(seed, STREAM, …)`):
 *   split    dataset-level, seed 0: which rows are the test set (unless the
 *            data set ships its own split);
 *   order    per seed: the nested, near-stratified order of the pool;
 *   noise    per seed, size and noise spec: which labels flip, and to what
 *            (uniform noise: createRandom(seed, STREAM_NOISE, size, rate));
 *   matrix   per seed and spec, not size: the random noise matrix of kind
 *            'matrix', so one seed's curve keeps one matrix at every size.
 *   test     per seed and spec: the same noise applied to the test labels,
 *            for measuring a model the way one would without clean labels.
 */
import type { Dataset, LabelledMatrix, Split } from './types.ts';
import { createRandom } from './random.ts';
import { stratifiedSplit } from './split.ts';
import { nestedSubsetOrder } from './subsets.ts';
import {
  applyNoise,
  CLEAN,
  noiseMatrixOf,
  type NoiseMatrix,
  type NoiseSpec,
  type RealizedNoiseMatrix,
} from './noise/index.ts';

export { CLEAN, type NoiseSpec };

export const TEST_FRACTION = 0.3;
const STREAM_SPLIT = 1;
const STREAM_ORDER = 2;
const STREAM_NOISE = 3;
const STREAM_NOISE_MATRIX = 4;
const STREAM_TEST_NOISE = 5;

/** Numbers naming a spec's noise stream; uniform noise keeps its original [rate]. */
function noiseStream(noise: NoiseSpec): number[] {
  switch (noise.kind) {
    case 'uniform':
      return [noise.rate];
    case 'pairs':
      return [2, noise.rate, noise.symmetric ? 1 : 0, ...noise.pairs.flat()];
    case 'matrix':
      return [3, noise.trace, noise.sparsity];
    case 'boundary':
      return [4, noise.rate];
    case 'systematic':
      return [5, noise.rate, noise.to, ...noise.from];
  }
}

/** What a trial trains on; the model is named separately (see workers/protocol.ts). */
export interface TrialDataSpec {
  readonly dataset: string;
  /** N: training-set size. */
  readonly size: number;
  readonly noise: NoiseSpec;
  readonly seed: number;
}

export interface TrialData {
  /** The training subset with the labels the model sees (noisy). */
  readonly train: LabelledMatrix;
  /** `(N)` the true labels of the training subset. */
  readonly trueLabels: Int32Array;
  /** Positions in the training subset whose label was flipped. */
  readonly flipped: Int32Array;
  /** The noise matrix the training labels realize (columns: true class; see noise/noiseMatrix.ts). */
  readonly noiseMatrix: RealizedNoiseMatrix;
  /** The clean held-out test set. */
  readonly test: LabelledMatrix;
}

/** The data set's train-pool / test partition: shipped, or a stratified 70/30 split with seed 0. */
export function datasetSplit(dataset: Dataset): Split {
  if (dataset.split) {
    const range = ([start, end]: readonly [number, number]) =>
      Int32Array.from({ length: end - start }, (_, i) => start + i);
    return { pool: range(dataset.split.pool), test: range(dataset.split.test) };
  }
  return stratifiedSplit(dataset.y, { testFraction: TEST_FRACTION, random: createRandom(0, STREAM_SPLIT) });
}

/** Rows of `dataset` gathered into a dense matrix, with the given labels (default: the true ones). */
export function gatherRows(dataset: Dataset, rows: ArrayLike<number>, labels?: Int32Array): LabelledMatrix {
  const { d } = dataset;
  const n = rows.length;
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    x.set(dataset.x.subarray(row * d, row * d + d), i * d);
    y[i] = labels ? labels[i]! : dataset.y[row]!;
  }
  return { x, y, n, d, classes: dataset.classes };
}

export interface TrialPreparerOptions {
  /**
   * `(N_dataset, K)` row-major predicted class probabilities of a reference
   * model for every row of the data set (ideally out-of-fold); needed only
   * for boundary noise.
   */
  readonly referenceProbabilities?: ArrayLike<number>;
}

/**
 * Prepares trials on one data set, caching the split and the per-seed
 * subset orders so a sweep does that work once.
 */
export class TrialPreparer {
  readonly dataset: Dataset;
  readonly split: Split;
  readonly #reference: ArrayLike<number> | null;
  readonly #orders = new Map<number, Int32Array>();
  #test: LabelledMatrix | null = null;

  constructor(dataset: Dataset, options: TrialPreparerOptions = {}) {
    this.dataset = dataset;
    this.split = datasetSplit(dataset);
    const reference = options.referenceProbabilities ?? null;
    if (reference && reference.length !== dataset.n * dataset.classes) {
      throw new RangeError(
        `reference probabilities for ${dataset.name} must be (N, K) = (${dataset.n}, ${dataset.classes}), ${dataset.n * dataset.classes} values, got ${reference.length}`,
      );
    }
    this.#reference = reference;
  }

  /** The largest training-set size the pool allows. */
  get maxSize(): number {
    return this.split.pool.length;
  }

  get test(): LabelledMatrix {
    this.#test ??= gatherRows(this.dataset, this.split.test);
    return this.#test;
  }

  /**
   * The test labels with `noise` applied (seed `seed`): what a test set
   * labelled by the same noisy process would say. `(N_test)`.
   */
  noisyTestLabels(noise: NoiseSpec, seed: number): Int32Array {
    const rows = this.split.test;
    const trueLabels = Int32Array.from(rows, (row) => this.dataset.y[row]!);
    return applyNoise(trueLabels, noise, {
      classes: this.dataset.classes,
      random: createRandom(seed, STREAM_TEST_NOISE, ...noiseStream(noise)),
      matrixRandom: this.#matrixRandom(noise, seed),
      probabilities: noise.kind === 'boundary' ? this.#referenceRows(rows) : undefined,
    }).labels;
  }

  /** The pool in seed `seed`'s nested subset order. */
  order(seed: number): Int32Array {
    let order = this.#orders.get(seed);
    if (!order) {
      order = nestedSubsetOrder(this.split.pool, this.dataset.y, createRandom(seed, STREAM_ORDER));
      this.#orders.set(seed, order);
    }
    return order;
  }

  prepare(spec: TrialDataSpec): TrialData {
    const { size, noise, seed } = spec;
    if (!(Number.isInteger(size) && size >= 1 && size <= this.maxSize)) {
      throw new RangeError(
        `training-set size must be an integer from 1 to ${this.maxSize} for ${this.dataset.name}, got ${size}`,
      );
    }
    const rows = this.order(seed).subarray(0, size);
    const trueLabels = Int32Array.from(rows, (row) => this.dataset.y[row]!);
    const { labels, flipped, matrix } = applyNoise(trueLabels, noise, {
      classes: this.dataset.classes,
      random: createRandom(seed, STREAM_NOISE, size, ...noiseStream(noise)),
      matrixRandom: this.#matrixRandom(noise, seed),
      probabilities: noise.kind === 'boundary' ? this.#referenceRows(rows) : undefined,
    });
    return { train: gatherRows(this.dataset, rows, labels), trueLabels, flipped, noiseMatrix: matrix, test: this.test };
  }

  /**
   * The noise matrix `noise` asks for in seed `seed`'s trials (for kind
   * 'matrix', the very matrix prepare() draws, the same at every size);
   * null for boundary noise. See noise/noiseMatrixOf.ts.
   */
  requestedNoiseMatrix(noise: NoiseSpec, seed: number): NoiseMatrix | null {
    return noiseMatrixOf(noise, { classes: this.dataset.classes, random: this.#matrixRandom(noise, seed) });
  }

  #matrixRandom(noise: NoiseSpec, seed: number) {
    return createRandom(seed, STREAM_NOISE_MATRIX, ...noiseStream(noise));
  }

  /** The reference probabilities of `rows`, `(rows, K)`; throws when the preparer has none. */
  #referenceRows(rows: Int32Array): Float64Array {
    const reference = this.#reference;
    if (!reference) {
      throw new Error(
        `boundary noise needs a reference model: create the TrialPreparer for ${this.dataset.name} with referenceProbabilities, the (N, K) predicted probabilities of every row`,
      );
    }
    const k = this.dataset.classes;
    const out = new Float64Array(rows.length * k);
    rows.forEach((row, i) => {
      for (let c = 0; c < k; c++) out[i * k + c] = reference[row * k + c]!;
    });
    return out;
  }
}
