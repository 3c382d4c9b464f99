/**
 * Krippendorff's alpha, nominal level (Krippendorff 2011, "Computing
 * Krippendorff's alpha-reliability", §C: nominal data, any number of
 * observers, missing data). From the coincidence matrix o, its row sums n_c
 * and total n:
 *
 *   D_o = Σ_{c≠k} o_ck / n                      observed disagreement
 *   D_e = Σ_{c≠k} n_c n_k / (n (n − 1))         disagreement expected by chance
 *   α   = 1 − D_o / D_e
 *
 * Unlike Fleiss' kappa, items may be rated by different numbers of raters;
 * items rated fewer than twice carry no information and are left out.
 */
import { coincidenceMatrix } from './coincidenceMatrix.ts';
import { checkRatings } from './checks.ts';
import type { Ratings } from './ratings.ts';
import type { Undefined } from './types.ts';

/** The levels of measurement implemented; alpha's value depends on it, so callers name it. */
export type AlphaLevel = 'nominal';

export interface KrippendorffAlphaOptions {
  readonly level: AlphaLevel;
  /** K: when given, every rating must be in [0, K). */
  readonly classes?: number;
}

export interface KrippendorffAlphaDefined {
  readonly defined: true;
  readonly alpha: number;
  /** D_o. */
  readonly observedDisagreement: number;
  /** D_e. */
  readonly expectedDisagreement: number;
  /** n: ratings in items rated at least twice. */
  readonly pairable: number;
  /** Items rated at least twice. */
  readonly units: number;
}

export type KrippendorffAlpha = KrippendorffAlphaDefined | Undefined;

/**
 * Krippendorff's alpha of `ratings`, items × raters; null or −1 = not
 * rated, and rows may differ in length. Undefined, with a reason, when no
 * item is rated twice or every pairable rating is one and the same class.
 */
export function krippendorffAlpha(ratings: Ratings, options: KrippendorffAlphaOptions): KrippendorffAlpha {
  if (options.level !== 'nominal') {
    throw new RangeError(`krippendorffAlpha: level "${String(options.level)}" is not implemented; use 'nominal'`);
  }
  const k = Math.max(1, checkRatings('krippendorffAlpha', ratings, { classes: options.classes, allowMissing: true }));
  const { matrix, byClass, pairable: n, units } = coincidenceMatrix(ratings, k);
  if (units === 0) {
    return {
      defined: false,
      reason: 'no item was rated by two or more raters, so there is nothing to compare; alpha needs pairable ratings',
    };
  }
  let disagreeing = 0;
  let chance = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      if (c === d) continue;
      disagreeing += matrix[c * k + d]!;
      chance += byClass[c]! * byClass[d]!;
    }
  }
  if (chance === 0) {
    return {
      defined: false,
      reason:
        'every rating of the items rated more than once is the same single class, so the data show no variation ' +
        'and alpha, which compares disagreement with the disagreement expected by chance, is undefined; ' +
        'include items of other classes to measure it',
    };
  }
  const observedDisagreement = disagreeing / n;
  const expectedDisagreement = chance / (n * (n - 1));
  return {
    defined: true,
    alpha: 1 - ((n - 1) * disagreeing) / chance,
    observedDisagreement,
    expectedDisagreement,
    pairable: n,
    units,
  };
}
