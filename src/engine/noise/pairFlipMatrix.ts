/**
 * Pair flips: a few specific confusions (a 1 read as a 7, a 3 as an 8), each
 * with the same probability. Conventions in noiseMatrix.ts.
 */
import type { NoiseMatrix } from './noiseMatrix.ts';

/** A directed confusion: items of true class `pair[0]` are given class `pair[1]`. */
export type ClassPair = readonly [from: number, to: number];

export interface PairFlipOptions {
  /** K: number of classes. */
  readonly classes: number;
  /** Each [from, to]: true class `from` is given class `to` with probability `rate`. */
  readonly pairs: readonly ClassPair[];
  /** P(given = to | true = from) for every pair, in [0, 1]. */
  readonly rate: number;
  /** Also flip `to` → `from` at the same rate (a swap). Default false. */
  readonly symmetric?: boolean;
}

/** The directed flips a pair list asks for: with `symmetric`, each [a, b] also gives [b, a]. */
export function directedPairs(pairs: readonly ClassPair[], symmetric = false): ClassPair[] {
  return symmetric
    ? pairs.flatMap(([a, b]): ClassPair[] => [
        [a, b],
        [b, a],
      ])
    : pairs.slice();
}

/**
 * Problems with pair-flip options, each naming the field and what to do
 * (empty when the options describe a valid matrix). A class may be the
 * source of several flips as long as their rates sum to at most 1.
 */
export function pairFlipProblems(options: PairFlipOptions): string[] {
  const { classes: k, pairs, rate } = options;
  const problems: string[] = [];
  if (!(Number.isInteger(k) && k >= 2)) problems.push(`classes: pair flips need at least 2 classes, got ${k}`);
  if (!(rate >= 0 && rate <= 1)) problems.push(`rate: use a fraction from 0 to 1, got ${rate}`);
  if (pairs.length === 0) problems.push('pairs: name at least one pair of classes, e.g. 1→7');
  const isClass = (c: number) => Number.isInteger(c) && c >= 0 && (!Number.isInteger(k) || c < k);
  const seen = new Set<string>();
  const outgoing = new Map<number, number>();
  for (const [from, to] of directedPairs(pairs, options.symmetric)) {
    if (!isClass(from) || !isClass(to)) {
      problems.push(`pairs: ${from}→${to} names a class outside 0…${k - 1}`);
      continue;
    }
    if (from === to) {
      problems.push(`pairs: ${from}→${to} flips a class to itself; name two different classes`);
      continue;
    }
    const key = `${from}→${to}`;
    if (seen.has(key)) {
      problems.push(
        `pairs: ${key} is listed twice${options.symmetric ? ' (symmetric pairs include their reverse)' : ''}`,
      );
      continue;
    }
    seen.add(key);
    outgoing.set(from, (outgoing.get(from) ?? 0) + 1);
  }
  if (rate >= 0 && rate <= 1) {
    for (const [from, count] of outgoing) {
      if (count * rate > 1 + 1e-12) {
        problems.push(
          `pairs: class ${from} is flipped to ${count} classes at ${rate} each, more than all its items; lower the rate to at most ${1 / count}`,
        );
      }
    }
  }
  return problems;
}

/**
 * The noise matrix of pair flips: column `from` has `rate` at row `to` for
 * each pair and 1 − rate·(number of its pairs) on the diagonal; every other
 * column is an identity column. E.g. pairs [[1, 7], [3, 8]] at 0.3:
 * P[7][1] = P[8][3] = 0.3, P[1][1] = P[3][3] = 0.7. Throws a RangeError
 * listing the problems (see pairFlipProblems).
 */
export function pairFlipMatrix(options: PairFlipOptions): NoiseMatrix {
  const problems = pairFlipProblems(options);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const { classes: k, rate } = options;
  const values = new Float64Array(k * k);
  const outgoing = new Int32Array(k);
  for (const [from, to] of directedPairs(options.pairs, options.symmetric)) {
    values[to * k + from] = rate;
    outgoing[from]!++;
  }
  for (let j = 0; j < k; j++) values[j * k + j] = Math.max(0, 1 - outgoing[j]! * rate);
  return { classes: k, values };
}
