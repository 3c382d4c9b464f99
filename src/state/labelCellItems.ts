/**
 * Which items a label cell shows, in which order, and which come back.
 *
 * Shapes: N distinct items, R of them repeated, S = N + R presentations.
 * `rows` are data-set rows `(N)`, in the order they are first shown;
 * `sequence` is `(S)` indices into `rows`, in the order shown; `repeated`
 * is `(R)` indices into `rows` (ascending) of the items shown twice.
 *
 * The pipeline, each step a pure function below, every draw from the seed:
 *   classCounts   how many items each class gives: round(N · share) from the
 *                 confusable classes, the rest from the easy ones, each group
 *                 split as evenly as it goes (the odd ones to classes in a
 *                 seeded order)
 *   pickRows      that many pool rows of each class, a seeded shuffle per class
 *   placeRepeats  R items of the batch's first half, each shown again after
 *                 the half-way point and at least MIN_REPEAT_GAP items later
 */
import { createRandom, shuffle } from '../engine/random.ts';
import type { DatasetName } from '../engine/datasets.ts';

/** The classes people confuse: Fashion-MNIST's upper-body garments; the look-alike digits. */
export const CONFUSABLE_CLASSES: Readonly<Record<DatasetName, readonly number[]>> = {
  fashion: [0, 2, 4, 6],
  digits: [1, 3, 4, 7, 8, 9],
};

/** Random streams (createRandom(seed, stream, …)). */
export const STREAM_CLASS_ORDER = 61;
export const STREAM_PICK = 62;
export const STREAM_ORDER = 63;
export const STREAM_REPEATS = 64;

/** A repeat comes back at least this many items after the first time (when the batch is long enough). */
export const MIN_REPEAT_GAP = 5;

export interface LabelBatch {
  /** `(N)` data-set rows, in the order first shown. */
  readonly rows: Int32Array;
  /** `(S)` indices into `rows`, in the order shown. */
  readonly sequence: Int32Array;
  /** `(R)` indices into `rows` of the items shown twice, ascending. */
  readonly repeated: Int32Array;
}

export interface BatchOptions {
  /** The rows items may come from (the data set's training pool). */
  readonly pool: ArrayLike<number>;
  /** `(rows)` the data set's label of every row. */
  readonly labels: ArrayLike<number>;
  readonly classes: number;
  /** Classes the confusable share is drawn from. */
  readonly confusable: readonly number[];
  /** N distinct items. */
  readonly items: number;
  /** Share of N from the confusable classes, 0–1. */
  readonly share: number;
  /** R items shown twice; at most ⌊N / 2⌋. */
  readonly repeats: number;
  readonly seed: number;
}

/** `n` split over `classes` as evenly as it goes; the remainder goes to the first classes of a seeded order. */
function spread(n: number, classes: readonly number[], counts: Int32Array, seed: number, stream: number): void {
  if (classes.length === 0 || n <= 0) return;
  const base = Math.floor(n / classes.length);
  const order = shuffle(createRandom(seed, STREAM_CLASS_ORDER, stream), [...classes]);
  order.forEach((c, i) => (counts[c]! += base + (i < n - base * classes.length ? 1 : 0)));
}

/** `(K)` items per class: round(items · share) from `confusable`, the rest from the other classes. */
export function classCounts(
  options: Pick<BatchOptions, 'classes' | 'confusable' | 'items' | 'share' | 'seed'>,
): Int32Array {
  const { classes, items, seed } = options;
  const confusable = options.confusable.filter((c) => c >= 0 && c < classes);
  const easy = Array.from({ length: classes }, (_, c) => c).filter((c) => !confusable.includes(c));
  let hard = confusable.length ? Math.round(items * Math.min(1, Math.max(0, options.share))) : 0;
  if (easy.length === 0) hard = items;
  const counts = new Int32Array(classes);
  spread(hard, confusable, counts, seed, 0);
  spread(items - hard, easy, counts, seed, 1);
  return counts;
}

/** Pool rows of each class in a seeded order (one shuffle per class), the first `counts[c]` of each; shuffled together. */
export function pickRows(options: BatchOptions, counts: Int32Array): Int32Array {
  const byClass: number[][] = Array.from({ length: options.classes }, () => []);
  for (let i = 0; i < options.pool.length; i++) {
    const row = options.pool[i]!;
    byClass[options.labels[row]!]?.push(row);
  }
  const picked: number[] = [];
  byClass.forEach((rows, c) => {
    const want = counts[c]!;
    if (want > rows.length) {
      throw new RangeError(`pickRows: class ${c} has ${rows.length} rows in the pool, ${want} wanted`);
    }
    picked.push(...shuffle(createRandom(options.seed, STREAM_PICK, c), rows).slice(0, want));
  });
  return Int32Array.from(shuffle(createRandom(options.seed, STREAM_ORDER), picked));
}

/**
 * The order of presentation for N items with R repeats: items 0…N−1 in
 * order, and R items of the first half shown again, each after the half-way
 * point and at least MIN_REPEAT_GAP items after its first showing (or last,
 * when the batch is too short for that).
 */
export function placeRepeats(
  items: number,
  repeats: number,
  seed: number,
): { sequence: Int32Array; repeated: Int32Array } {
  const half = Math.floor(items / 2);
  const r = Math.max(0, Math.min(repeats, half));
  const random = createRandom(seed, STREAM_REPEATS);
  const chosen = shuffle(
    random,
    Array.from({ length: half }, (_, i) => i),
  )
    .slice(0, r)
    .sort((a, b) => a - b);
  /** After which item (index) each repeat is shown. */
  const after = new Map<number, number[]>();
  for (const item of chosen) {
    const from = Math.min(items - 1, Math.max(half, item + MIN_REPEAT_GAP));
    const slot = from + Math.floor(random() * (items - from));
    after.set(slot, [...(after.get(slot) ?? []), item]);
  }
  const sequence: number[] = [];
  for (let i = 0; i < items; i++) sequence.push(i, ...(after.get(i) ?? []));
  return { sequence: Int32Array.from(sequence), repeated: Int32Array.from(chosen) };
}

/** The batch for `options`: the same options give the same batch. */
export function selectBatch(options: BatchOptions): LabelBatch {
  const counts = classCounts(options);
  const rows = pickRows(options, counts);
  const { sequence, repeated } = placeRepeats(rows.length, options.repeats, options.seed);
  return { rows, sequence, repeated };
}
