/**
 * Krippendorff's coincidence matrix (Krippendorff 2011, "Computing
 * Krippendorff's alpha-reliability", §C). For each item ("unit") u rated
 * m_u ≥ 2 times, every ordered pair of its ratings by different raters adds
 * 1 / (m_u − 1) to o[c][k]; items rated fewer than twice are not pairable
 * and add nothing. `(K, K)`, row-major, symmetric; row sums n_c are the
 * pairable ratings in each class, their total n the pairable ratings.
 */
import { checkRatings, isMissing } from './checks.ts';
import type { Ratings } from './ratings.ts';

export interface CoincidenceMatrix {
  /** `(K, K)` o[c·K + k], symmetric. */
  readonly matrix: Float64Array;
  /** n_c: pairable ratings per class (row sums). */
  readonly byClass: Float64Array;
  /** n: all pairable ratings. */
  readonly pairable: number;
  /** Items rated at least twice. */
  readonly units: number;
}

/** The coincidence matrix of `ratings` (items × raters, null or −1 = not rated) over K classes. */
export function coincidenceMatrix(ratings: Ratings, classes: number): CoincidenceMatrix {
  const k = checkRatings('coincidenceMatrix', ratings, { classes, allowMissing: true });
  const matrix = new Float64Array(k * k);
  const counts = new Int32Array(k);
  let units = 0;
  for (const row of ratings) {
    counts.fill(0);
    let m = 0;
    for (let r = 0; r < row.length; r++) {
      const value = row[r];
      if (isMissing(value)) continue;
      counts[value]!++;
      m++;
    }
    if (m < 2) continue;
    units++;
    for (let c = 0; c < k; c++) {
      const nc = counts[c]!;
      if (nc === 0) continue;
      for (let d = 0; d < k; d++) {
        const pairs = c === d ? nc * (nc - 1) : nc * counts[d]!;
        if (pairs) matrix[c * k + d]! += pairs / (m - 1);
      }
    }
  }
  const byClass = new Float64Array(k);
  let pairable = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) byClass[c]! += matrix[c * k + d]!;
    pairable += byClass[c]!;
  }
  return { matrix, byClass, pairable, units };
}
