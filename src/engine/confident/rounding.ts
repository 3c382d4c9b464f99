/**
 * Rounding that preserves totals, as cleanlab's `round_preserving_sum`:
 * round each value half-to-even (numpy's rule), then move the values with
 * the largest rounding error up (or down) one by one until the integers sum
 * to the rounded total.
 */

/** numpy's `round`: halves go to the even neighbour. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Integers close to `values` whose sum is the rounded sum of `values`. */
export function roundPreservingSum(values: ArrayLike<number>): Int32Array {
  const floats = Float64Array.from(values);
  const ints = floats.map(roundHalfEven);
  const total = roundHalfEven(floats.reduce((a, b) => a + b, 0));
  let sum = roundHalfEven(ints.reduce((a, b) => a + b, 0));
  while (Math.abs(sum - total) > 1e-6) {
    const diff = roundHalfEven(total - sum);
    const increment = diff < 0 ? -1 : 1;
    const changes = Math.min(Math.abs(diff), floats.length);
    // Ascending by rounding error (a stable sort, as numpy's for short rows); reversed when adding.
    const order = Array.from(floats.keys()).sort((a, b) => floats[a]! - ints[a]! - (floats[b]! - ints[b]!) || a - b);
    if (increment > 0) order.reverse();
    for (const i of order.slice(0, changes)) ints[i]! += increment;
    sum = roundHalfEven(ints.reduce((a, b) => a + b, 0));
  }
  return Int32Array.from(ints);
}

/** Rounds each row of a `(K, K)` row-major matrix preserving its total. */
export function roundPreservingRowTotals(matrix: ArrayLike<number>, k: number): Int32Array {
  const out = new Int32Array(k * k);
  for (let row = 0; row < k; row++) {
    out.set(roundPreservingSum(Array.prototype.slice.call(matrix, row * k, row * k + k) as number[]), row * k);
  }
  return out;
}
