import { labelCounts } from './checks.ts';
import { roundPreservingRowTotals } from './rounding.ts';

const TINY = 1e-100;

/**
 * Calibrates a confident joint so that each row sums to the number of
 * examples with that given label and the whole matrix to N: scale row i by
 * count(given = i) / rowSum_i, rescale to total N, round preserving row
 * totals. `(K, K)` integers, rows = given, columns = true.
 */
export function calibrateConfidentJoint(counts: ArrayLike<number>, labels: ArrayLike<number>, k: number): Int32Array {
  const given = labelCounts(labels, k);
  const scaled = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += counts[i * k + j]!;
    for (let j = 0; j < k; j++) scaled[i * k + j] = (counts[i * k + j]! / Math.max(rowSum, TINY)) * given[i]!;
  }
  const total = scaled.reduce((a, b) => a + b, 0);
  const n = given.reduce((a, b) => a + b, 0);
  for (let i = 0; i < scaled.length; i++) scaled[i] = (scaled[i]! / Math.max(total, TINY)) * n;
  return roundPreservingRowTotals(scaled, k);
}
