/**
 * Binning a numeric feature for the histogram-based drift measures
 * (chi-square, Jensen–Shannon, PSI). Edges are increasing; bin i holds
 * edges[i] ≤ v < edges[i + 1], the last bin also its right edge, and values
 * outside the edges go to the first or last bin (so a shifted batch is never
 * dropped).
 */

/** numpy's `histogram_bin_edges(values, bins='sturges')`: ⌈log2 n⌉ + 1 equal-width bins over [min, max]. */
export function sturgesEdges(values: ArrayLike<number>): number[] {
  const n = values.length;
  if (!n) throw new RangeError('sturgesEdges: no values');
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, values[i]!);
    hi = Math.max(hi, values[i]!);
  }
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const bins = Math.ceil(Math.log2(n)) + 1;
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + ((hi - lo) * i) / bins));
}

/** Edges at the reference's quantiles (deciles by default): the usual PSI binning, outer edges ±∞. */
export function quantileEdges(reference: ArrayLike<number>, bins = 10): number[] {
  if (!reference.length) throw new RangeError('quantileEdges: no values');
  const sorted = Float64Array.from(reference).sort();
  const inner = new Set<number>();
  for (let i = 1; i < bins; i++) {
    // numpy's default (linear) quantile.
    const pos = ((sorted.length - 1) * i) / bins;
    const lo = Math.floor(pos);
    inner.add(sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo));
  }
  return [-Infinity, ...[...inner].sort((p, q) => p - q), Infinity];
}

/** Counts of `values` in the bins of `edges` (edges.length − 1 bins). */
export function binCounts(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = bins - 1;
    // The last bin i with edges[i] ≤ v.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    counts[lo]!++;
  }
  return counts;
}
