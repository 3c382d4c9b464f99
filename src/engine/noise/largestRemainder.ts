/**
 * Largest-remainder rounding (Hamilton's apportionment): whole numbers, each
 * the floor or the ceiling of its expected value, summing to the rounded total.
 */

/** Remainders closer than this count as tied (they differ only by float error). */
const TIE = 1e-9;

export interface LargestRemainderOptions {
  /**
   * Indices in the order that wins a tie between equal remainders, first
   * wins; defaults to 0, 1, 2, … Must list every index once.
   */
  readonly tieOrder?: ArrayLike<number>;
}

/**
 * Rounds `expected` (non-negative values whose sum is a whole number, within
 * 1e-6) to integers with that same sum: each value is floored, and the units
 * still missing go one each to the values with the largest fractional parts.
 * Values within 1e-9 of a whole number count as that whole number.
 */
export function largestRemainder(expected: ArrayLike<number>, options: LargestRemainderOptions = {}): Int32Array {
  const n = expected.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const value = expected[i]!;
    if (!(value >= 0 && Number.isFinite(value))) {
      throw new RangeError(`largestRemainder: value ${i} is ${value}; values must be finite and ≥ 0`);
    }
    sum += value;
  }
  const total = Math.round(sum);
  if (Math.abs(sum - total) > 1e-6) throw new RangeError(`largestRemainder: values sum to ${sum}, not a whole number`);
  const tieOrder = options.tieOrder ?? Int32Array.from({ length: n }, (_, i) => i);
  if (tieOrder.length !== n)
    throw new RangeError(`largestRemainder: tieOrder lists ${tieOrder.length} of ${n} indices`);
  const rank = new Int32Array(n).fill(-1);
  for (let r = 0; r < n; r++) {
    const index = tieOrder[r]!;
    if (!(Number.isInteger(index) && index >= 0 && index < n) || rank[index] !== -1) {
      throw new RangeError('largestRemainder: tieOrder must list every index exactly once');
    }
    rank[index] = r;
  }
  const counts = new Int32Array(n);
  const remainders = new Float64Array(n);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const value = expected[i]!;
    const floor = Math.floor(value + TIE);
    counts[i] = floor;
    remainders[i] = Math.max(0, value - floor);
    assigned += floor;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const d = remainders[b]! - remainders[a]!;
    return Math.abs(d) > TIE ? d : rank[a]! - rank[b]!;
  });
  for (let u = 0; u < total - assigned; u++) counts[order[u]!]!++;
  return counts;
}
