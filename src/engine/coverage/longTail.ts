/**
 * A training set with one rare class, and two ways of collecting more data.
 *
 * Shapes: the pool is `(M)` data-set rows; `labels` are indexed by row; K
 * classes. Each class's pool rows are shuffled once (seeded); a training set
 * takes a prefix of every class's queue, and collecting more takes the next
 * rows of the queues, so nothing is drawn twice and the test set is never
 * touched.
 *
 *   longTailSet      size N, the rare class at round(N · rareShare) rows,
 *                    the other classes sharing the rest in their pool
 *                    proportions (largest remainder);
 *   collectMore      { rare: n }: n more rows of the rare class (targeted);
 *                    { everything: n }: n more rows split in the training
 *                    set's own class mix (largest remainder), so the rare
 *                    class stays rare.
 */
import { shuffle, type Random } from '../random.ts';
import { groupByClass, largestRemainder } from '../split.ts';

export interface LongTailSpec {
  /** N: training-set size. */
  readonly size: number;
  /** The class made rare. */
  readonly rareClass: number;
  /** Its share of the training set, 0–1 (rounded to whole rows). */
  readonly rareShare: number;
}

export interface LongTailSet {
  readonly classes: number;
  readonly rareClass: number;
  /** Data-set rows of the training set, grouped by class (class 0's first). */
  readonly rows: Int32Array;
  /** `(K)` training rows per class. */
  readonly counts: Int32Array;
  /** Per class, the pool rows not (yet) in the training set, in draw order. */
  readonly unused: readonly Int32Array[];
}

export type Collection = { readonly rare: number } | { readonly everything: number };

/** Per-class queues: each class's pool rows, shuffled with `random`. `(K)` lists. */
export function classQueues(pool: ArrayLike<number>, labels: ArrayLike<number>, classes: number, random: Random) {
  const poolLabels = Int32Array.from(pool, (row) => labels[row]!);
  const groups = groupByClass(poolLabels);
  return Array.from({ length: classes }, (_, c) =>
    shuffle(
      random,
      Int32Array.from(groups[c] ?? [], (i) => pool[i]!),
    ),
  );
}

/** `total` split in proportion to `weights`, summing to `total` exactly (largest remainder). */
function apportion(total: number, weights: ArrayLike<number>): Int32Array {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]!;
  if (sum === 0) return new Int32Array(weights.length);
  return Int32Array.from(
    largestRemainder(
      Array.from(weights, (w) => (total * w) / sum),
      total,
    ),
  );
}

function take(queues: readonly Int32Array[], counts: ArrayLike<number>, rareClass: number): LongTailSet {
  const parts: Int32Array[] = [];
  const unused: Int32Array[] = [];
  queues.forEach((q, c) => {
    const n = counts[c]!;
    if (n > q.length) {
      throw new RangeError(`class ${c} has ${q.length} unused pool rows; ${n} were asked for`);
    }
    parts.push(q.subarray(0, n));
    unused.push(q.subarray(n));
  });
  const rows = new Int32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    rows.set(p, at);
    at += p.length;
  }
  return { classes: queues.length, rareClass, rows, counts: Int32Array.from(parts, (p) => p.length), unused };
}

/** The training set of `spec` from the per-class queues (see classQueues). */
export function longTailSet(queues: readonly Int32Array[], spec: LongTailSpec): LongTailSet {
  const { size, rareClass, rareShare } = spec;
  const k = queues.length;
  if (!(Number.isInteger(rareClass) && rareClass >= 0 && rareClass < k)) {
    throw new RangeError(`rareClass must be a class from 0 to ${k - 1}, got ${rareClass}`);
  }
  if (!(rareShare >= 0 && rareShare <= 1)) throw new RangeError(`rareShare must be from 0 to 1, got ${rareShare}`);
  if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`size must be a whole number ≥ 1, got ${size}`);
  const rare = Math.round(size * rareShare);
  const weights = queues.map((q, c) => (c === rareClass ? 0 : q.length));
  const counts = apportion(size - rare, weights);
  counts[rareClass] = rare;
  return take(queues, counts, rareClass);
}

/** `set` with more rows: targeted at the rare class, or more of everything in the set's own mix. */
export function collectMore(set: LongTailSet, collection: Collection): LongTailSet {
  const n = 'rare' in collection ? collection.rare : collection.everything;
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`collectMore: n must be a whole number ≥ 0, got ${n}`);
  const extra = new Int32Array(set.classes);
  if ('rare' in collection) {
    extra[set.rareClass] = n;
  } else {
    extra.set(apportion(n, set.counts));
  }
  for (const [c, n] of extra.entries()) {
    if (n > set.unused[c]!.length) {
      throw new RangeError(
        `collectMore: class ${c} has ${set.unused[c]!.length} unused pool rows; ${n} more were asked for`,
      );
    }
  }
  const queues = set.unused.map((q, c) => {
    const have = set.rows.subarray(offset(set.counts, c), offset(set.counts, c) + set.counts[c]!);
    const all = new Int32Array(have.length + q.length);
    all.set(have);
    all.set(q, have.length);
    return all;
  });
  return take(
    queues,
    Int32Array.from(set.counts, (n, c) => n + extra[c]!),
    set.rareClass,
  );
}

function offset(counts: Int32Array, c: number): number {
  let s = 0;
  for (let i = 0; i < c; i++) s += counts[i]!;
  return s;
}
