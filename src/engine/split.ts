import type { Indices, Split } from './types.ts';
import { shuffle, type Random } from './random.ts';

export interface StratifiedSplitOptions {
  /** Fraction of rows held out for testing, in (0, 1). */
  readonly testFraction: number;
  readonly random: Random;
}

/**
 * Splits row indices 0…N−1 into a training pool and a test set with (nearly)
 * the same class proportions in both. The test set has ceil(testFraction·N)
 * rows (as scikit-learn's train_test_split), shared among classes by largest remainder; within a class the rows
 * are chosen uniformly at random. Both outputs are sorted ascending.
 */
export function stratifiedSplit(labels: Int32Array, options: StratifiedSplitOptions): Split {
  const { testFraction, random } = options;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`testFraction must be between 0 and 1 (exclusive), got ${testFraction}`);
  }
  const byClass = groupByClass(labels);
  const n = labels.length;
  const testTotal = Math.ceil(testFraction * n);
  const quotas = largestRemainder(
    byClass.map((rows) => (rows.length * testTotal) / n),
    testTotal,
  );
  const pool: number[] = [];
  const test: number[] = [];
  byClass.forEach((rows, c) => {
    const shuffled = shuffle(random, Int32Array.from(rows));
    const quota = quotas[c]!;
    for (let i = 0; i < shuffled.length; i++) (i < quota ? test : pool).push(shuffled[i]!);
  });
  return { pool: sortedIndices(pool), test: sortedIndices(test) };
}

/** Row indices of each class, in row order: `result[c]` lists the rows labelled c. */
export function groupByClass(labels: Int32Array): number[][] {
  const groups: number[][] = [];
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    while (groups.length <= c) groups.push([]);
    groups[c]!.push(i);
  }
  return groups;
}

/** Rounds `shares` to integers summing to `total`, giving leftovers to the largest fractions. */
export function largestRemainder(shares: readonly number[], total: number): number[] {
  const floors = shares.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  return floors;
}

function sortedIndices(values: number[]): Indices {
  return Int32Array.from(values).sort();
}
