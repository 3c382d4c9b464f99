/**
 * The Wasserstein-1 (earth mover's) distance between two samples, as scipy's
 * `wasserstein_distance(a, b)`: the area between their empirical CDFs,
 * ∫ |F_a(t) − F_b(t)| dt, in the units of the values.
 */
export function wassersteinDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (!a.length || !b.length) throw new RangeError('wassersteinDistance: both samples must be non-empty');
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  const all = Float64Array.from([...x, ...y]).sort();
  let i = 0;
  let j = 0;
  let area = 0;
  for (let k = 0; k < all.length - 1; k++) {
    const t = all[k]!;
    while (i < x.length && x[i]! <= t) i++;
    while (j < y.length && y[j]! <= t) j++;
    area += Math.abs(i / x.length - j / y.length) * (all[k + 1]! - t);
  }
  return area;
}
