/**
 * The cleaning budget: how much accuracy a given number of reviewed labels
 * buys, depending on the order the items are reviewed in.
 *
 * Shapes: N training examples (positions 0…N−1), K classes. `given` and
 * `truth` are `(N)` labels; an order is a permutation of the positions.
 * Reviewing an item means giving it its true label (a perfect reviewer), so
 * the labels after reviewing the first `b` items of an order are `given`
 * with those `b` positions set to `truth`.
 *
 * Three orders:
 * - confident learning: the flagged items, most suspect first, then the rest
 *   by self-confidence, lowest first;
 * - random: a seeded shuffle (`createRandom(seed, STREAM_RANDOM_REVIEW)`);
 * - oracle: the truly wrong labels first. Given confident learning's order as
 *   its ranking, it is that same ranking with every right label skipped, so
 *   at every budget it has corrected every wrong label confident learning
 *   corrected, and more: the most any order can correct, and the ceiling of
 *   that ranking (what is left between the two curves is review time spent
 *   on labels that were right).
 */
import { shuffle, type Random } from '../random.ts';

/** The randomness stream of the random review order: `createRandom(seed, STREAM_RANDOM_REVIEW)`. */
export const STREAM_RANDOM_REVIEW = 32;

/**
 * Confident learning's review order: `ranked` (the flags, most suspect first)
 * then every other position by `scores` ascending (ties by position).
 */
export function confidentReviewOrder(ranked: ArrayLike<number>, scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const flagged = new Uint8Array(n);
  const out: number[] = [];
  for (let i = 0; i < ranked.length; i++) {
    const p = ranked[i]!;
    if (!(Number.isInteger(p) && p >= 0 && p < n)) throw new RangeError(`flagged position ${p} is not in [0, ${n})`);
    if (flagged[p]) throw new RangeError(`flagged position ${p} appears twice`);
    flagged[p] = 1;
    out.push(p);
  }
  const rest: number[] = [];
  for (let i = 0; i < n; i++) if (!flagged[i]) rest.push(i);
  rest.sort((a, b) => scores[a]! - scores[b]! || a - b);
  return Int32Array.from([...out, ...rest]);
}

/** A random review order of positions 0…n−1. */
export function randomReviewOrder(n: number, random: Random): Int32Array {
  return shuffle(
    random,
    Int32Array.from({ length: n }, (_, i) => i),
  );
}

export interface OracleOrderOptions {
  /**
   * A permutation of 0…n−1 that orders the wrong positions among themselves
   * (and the right ones after them); default ascending. Pass confident
   * learning's order to get that ranking with the right labels skipped.
   */
  readonly ranking?: ArrayLike<number>;
}

/** The oracle's review order: the `wrong` positions first, then the rest, each in the order of `ranking`. */
export function oracleReviewOrder(n: number, wrong: ArrayLike<number>, options: OracleOrderOptions = {}): Int32Array {
  const isWrong = new Uint8Array(n);
  for (let i = 0; i < wrong.length; i++) {
    const p = wrong[i]!;
    if (!(Number.isInteger(p) && p >= 0 && p < n)) throw new RangeError(`wrong position ${p} is not in [0, ${n})`);
    isWrong[p] = 1;
  }
  const ranking = options.ranking ?? Int32Array.from({ length: n }, (_, i) => i);
  if (ranking.length !== n) throw new RangeError(`the ranking has ${ranking.length} positions for ${n} examples`);
  const seen = new Uint8Array(n);
  const first: number[] = [];
  const rest: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = ranking[i]!;
    if (!(Number.isInteger(p) && p >= 0 && p < n) || seen[p]) {
      throw new RangeError(`the ranking is not a permutation of 0…${n - 1}: position ${p} at ${i}`);
    }
    seen[p] = 1;
    (isWrong[p] ? first : rest).push(p);
  }
  return Int32Array.from([...first, ...rest]);
}

export interface BudgetStepsOptions {
  /** Number of budgets, 0 included. Default 7. */
  readonly points?: number;
  /** The largest budget as a multiple of the number of wrong labels. Default 1.5. */
  readonly reach?: number;
}

/**
 * Budgets (numbers of labels reviewed) for the chart: `points` evenly spaced
 * from 0 to `reach` × `wrongCount`, rounded, at most `n`, without repeats.
 * `[0]` when nothing is wrong.
 */
export function budgetSteps(wrongCount: number, n: number, options: BudgetStepsOptions = {}): number[] {
  const points = options.points ?? 7;
  const reach = options.reach ?? 1.5;
  if (!(Number.isInteger(points) && points >= 2)) throw new RangeError(`use at least 2 budget points, got ${points}`);
  if (!(reach > 0)) throw new RangeError(`reach must be positive, got ${reach}`);
  const top = Math.min(n, Math.round(reach * Math.max(0, wrongCount)));
  const steps = Array.from({ length: points }, (_, i) => Math.round((top * i) / (points - 1)));
  return [...new Set(steps)];
}

/** `given` with the first `budget` positions of `order` set to their `truth` label. `(N)` */
export function labelsAfterReview(
  given: Int32Array,
  truth: Int32Array,
  order: ArrayLike<number>,
  budget: number,
): Int32Array {
  if (given.length !== truth.length) throw new RangeError(`${given.length} given labels but ${truth.length} true ones`);
  if (!(Number.isInteger(budget) && budget >= 0 && budget <= order.length)) {
    throw new RangeError(`budget must be a whole number from 0 to ${order.length}, got ${budget}`);
  }
  const labels = Int32Array.from(given);
  for (let i = 0; i < budget; i++) {
    const p = order[i]!;
    labels[p] = truth[p]!;
  }
  return labels;
}

/** One distinct training-label set to fit. */
export interface BudgetFit {
  /** The wrong labels this set corrects, as a key (equal sets share a fit). */
  readonly key: string;
  /** `(N)` the labels to train with. */
  readonly labels: Int32Array;
  /** How many wrong labels are corrected. */
  readonly corrected: number;
}

/** One point of the chart: an order, a budget, and which fit measures it. */
export interface BudgetPoint {
  readonly order: string;
  readonly budget: number;
  /** Index into `fits`. */
  readonly fit: number;
  /** Wrong labels corrected within this budget. */
  readonly corrected: number;
}

export interface BudgetPlan {
  readonly budgets: readonly number[];
  /** Distinct label sets, in the order the points first need them; the clean one last unless a point needs it. */
  readonly fits: readonly BudgetFit[];
  readonly points: readonly BudgetPoint[];
  /** Index into `fits` of the all-labels-clean set (every wrong label corrected). */
  readonly cleanFit: number;
}

/**
 * Every (order, budget) point and the distinct label sets they need: points
 * whose reviewed items correct the same wrong labels train on identical
 * labels, so they share one fit (budget 0 of every order; the oracle once it
 * has corrected everything, which is also the all-clean set).
 */
export function planCleaningBudget(options: {
  readonly given: Int32Array;
  readonly truth: Int32Array;
  /** Review orders by name; each a permutation of the positions. */
  readonly orders: Readonly<Record<string, ArrayLike<number>>>;
  readonly budgets: readonly number[];
}): BudgetPlan {
  const { given, truth, orders, budgets } = options;
  if (given.length !== truth.length) throw new RangeError(`${given.length} given labels but ${truth.length} true ones`);
  const n = given.length;
  for (const [name, order] of Object.entries(orders)) {
    if (order.length !== n) throw new RangeError(`order "${name}" has ${order.length} positions for ${n} examples`);
  }
  const fits: BudgetFit[] = [];
  const byKey = new Map<string, number>();
  const fitOf = (corrected: readonly number[]): number => {
    const key = [...corrected].sort((a, b) => a - b).join(',');
    let index = byKey.get(key);
    if (index === undefined) {
      const labels = Int32Array.from(given);
      for (const p of corrected) labels[p] = truth[p]!;
      index = fits.length;
      fits.push({ key, labels, corrected: corrected.length });
      byKey.set(key, index);
    }
    return index;
  };
  const points: BudgetPoint[] = [];
  const sorted = [...budgets].sort((a, b) => a - b);
  for (const [name, order] of Object.entries(orders)) {
    for (const budget of sorted) {
      if (!(Number.isInteger(budget) && budget >= 0 && budget <= n)) {
        throw new RangeError(`budget must be a whole number from 0 to ${n}, got ${budget}`);
      }
      const corrected: number[] = [];
      for (let i = 0; i < budget; i++) {
        const p = order[i]!;
        if (given[p] !== truth[p]) corrected.push(p);
      }
      points.push({ order: name, budget, fit: fitOf(corrected), corrected: corrected.length });
    }
  }
  const wrong: number[] = [];
  for (let i = 0; i < n; i++) if (given[i] !== truth[i]) wrong.push(i);
  const cleanFit = fitOf(wrong);
  return { budgets: sorted, fits, points, cleanFit };
}
