/**
 * Fleiss' kappa for R ≥ 2 labelers who each rated every item (Fleiss 1971,
 * "Measuring nominal scale agreement among many raters", Psychological
 * Bulletin 76(5)). N items × R raters, K classes; n_ik raters put item i in
 * class k.
 *
 *   P_i = (Σ_k n_ik² − R) / (R (R − 1))   agreeing pairs of raters on item i
 *   P̄   = mean_i P_i                      observed agreement
 *   p_k = Σ_i n_ik / (N R)                 share of all ratings in class k
 *   P̄e  = Σ_k p_k²                         agreement expected by chance
 *   κ   = (P̄ − P̄e) / (1 − P̄e)
 *
 * With two raters it is Scott's pi (which pools both raters' class
 * frequencies), not Cohen's kappa.
 */
import { checkRatings } from './checks.ts';
import { ratingCounts, type Ratings } from './ratings.ts';
import type { Undefined } from './types.ts';

export interface FleissKappaDefined {
  readonly defined: true;
  readonly kappa: number;
  /** P̄: mean share of agreeing rater pairs per item. */
  readonly observed: number;
  /** P̄e: chance agreement from the pooled class frequencies. */
  readonly expected: number;
}

export type FleissKappa = FleissKappaDefined | Undefined;

export interface FleissKappaOptions {
  /** K: when given, every rating must be in [0, K). */
  readonly classes?: number;
}

/**
 * Fleiss' kappa of `ratings`, items × raters: every item rated by the same
 * number R ≥ 2 of raters, no missing ratings (use `krippendorffAlpha` for
 * gaps). Undefined, with a reason, for no items or when every rating is one
 * and the same class.
 */
export function fleissKappa(ratings: Ratings, options: FleissKappaOptions = {}): FleissKappa {
  const k = checkRatings('fleissKappa', ratings, { classes: options.classes, allowMissing: false });
  const items = ratings.length;
  if (items === 0) return { defined: false, reason: 'there are no items: kappa needs at least one rated item' };
  const raters = ratings[0]!.length;
  ratings.forEach((row, i) => {
    if (row.length !== raters) {
      throw new RangeError(
        `fleissKappa: item 0 has ${raters} ratings and item ${i} has ${row.length}; every item needs the same ` +
          `number of raters (use krippendorffAlpha for ratings with gaps)`,
      );
    }
  });
  if (raters < 2) {
    throw new RangeError(`fleissKappa: each item has ${raters} rating; agreement needs at least 2 raters per item`);
  }
  const counts = ratingCounts(ratings, k);
  const totals = new Float64Array(k);
  let squares = 0;
  for (let i = 0; i < items; i++) {
    for (let c = 0; c < k; c++) {
      const n = counts[i * k + c]!;
      squares += n * n;
      totals[c]! += n;
    }
  }
  const all = items * raters;
  let pooled = 0;
  for (let c = 0; c < k; c++) pooled += totals[c]! * totals[c]!;
  if (pooled === all * all) {
    return {
      defined: false,
      reason:
        'every rater gave every item the same single class, so chance alone would agree 100% of the time and ' +
        'kappa, which measures agreement beyond chance, is undefined; include items of other classes to measure it',
    };
  }
  const observed = (squares - all) / (all * (raters - 1));
  const expected = pooled / (all * all);
  return { defined: true, kappa: (observed - expected) / (1 - expected), observed, expected };
}
