/**
 * Isotonic regression: the non-decreasing sequence closest to the values in
 * weighted least squares, by the pool-adjacent-violators algorithm (one pass,
 * O(N)).
 */

/**
 * `(N)` the non-decreasing fit to `values` with `weights` (default 1 each;
 * a weight of 0 leaves its value out of the pooled means). NaN values are not
 * allowed.
 */
export function isotonicIncreasing(values: ArrayLike<number>, weights?: ArrayLike<number>): Float64Array {
  const n = values.length;
  if (weights && weights.length !== n) throw new RangeError(`${n} values but ${weights.length} weights`);
  // Blocks on a stack: pooled mean, total weight, number of values.
  const mean = new Float64Array(n);
  const weight = new Float64Array(n);
  const size = new Int32Array(n);
  let top = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const w = weights ? weights[i]! : 1;
    if (!Number.isFinite(v)) throw new RangeError(`value ${i} is ${v}; give finite numbers`);
    if (!(w >= 0)) throw new RangeError(`weight ${i} is ${w}; weights must be ≥ 0`);
    top++;
    mean[top] = v;
    weight[top] = w;
    size[top] = 1;
    while (top > 0 && mean[top - 1]! > mean[top]!) {
      const w1 = weight[top - 1]!;
      const w2 = weight[top]!;
      const total = w1 + w2;
      mean[top - 1] =
        total > 0 ? (mean[top - 1]! * w1 + mean[top]! * w2) / total : Math.max(mean[top - 1]!, mean[top]!);
      weight[top - 1] = total;
      size[top - 1] = size[top - 1]! + size[top]!;
      top--;
    }
  }
  const fit = new Float64Array(n);
  let at = 0;
  for (let b = 0; b <= top; b++) for (let j = 0; j < size[b]!; j++) fit[at++] = mean[b]!;
  return fit;
}
