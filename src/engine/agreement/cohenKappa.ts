/**
 * Cohen's kappa for two labelers (unweighted), as scikit-learn's
 * `sklearn.metrics.cohen_kappa_score(a, b)`:
 *
 *   κ = (p_o − p_e) / (1 − p_e)
 *
 * with N items, p_o the observed agreement (fraction of items with the same
 * label) and p_e = Σ_k (n_k· / N)(n_·k / N) the agreement expected by chance
 * from each labeler's own class frequencies (n_k· items A put in class k,
 * n_·k items B did). κ = 1 for perfect agreement, 0 for agreement no better
 * than chance, −1 when two labelers who each use two classes half the time
 * never agree. Computed as 1 − N·D / (N² − Σ_k n_k· n_·k) with D the number
 * of disagreements, all in whole numbers until the one division.
 */
import { checkPair } from './checks.ts';
import type { Undefined } from './types.ts';

export interface CohenKappaDefined {
  readonly defined: true;
  readonly kappa: number;
  /** p_o: fraction of items with the same label. */
  readonly observed: number;
  /** p_e: agreement expected by chance from the two labelers' class frequencies. */
  readonly expected: number;
}

export type CohenKappa = CohenKappaDefined | Undefined;

export interface CohenKappaOptions {
  /** K: when given, every label must be in [0, K). Unused classes do not change kappa. */
  readonly classes?: number;
}

/**
 * Cohen's kappa of labelers A and B over the same items (`(N)` each, whole
 * numbers ≥ 0). Undefined — with a reason, never NaN — when there are no
 * items, or when both labelers gave every item one and the same class
 * (chance agreement is then 100%; scikit-learn returns NaN).
 */
export function cohenKappa(a: ArrayLike<number>, b: ArrayLike<number>, options: CohenKappaOptions = {}): CohenKappa {
  const k = checkPair('cohenKappa', a, b, options.classes);
  const n = a.length;
  if (n === 0) {
    return { defined: false, reason: 'there are no items: kappa needs at least one item labelled by both labelers' };
  }
  const rows = new Float64Array(k);
  const cols = new Float64Array(k);
  let disagreements = 0;
  for (let i = 0; i < n; i++) {
    rows[a[i]!]!++;
    cols[b[i]!]!++;
    if (a[i] !== b[i]) disagreements++;
  }
  let chance = 0;
  for (let c = 0; c < k; c++) chance += rows[c]! * cols[c]!;
  const observed = (n - disagreements) / n;
  const expected = chance / (n * n);
  if (chance === n * n) {
    return {
      defined: false,
      reason:
        `both labelers gave every item the same single class (${a[0]}), so chance alone would agree 100% ` +
        `of the time and kappa, which measures agreement beyond chance, is undefined; ` +
        `include items of other classes to measure it`,
    };
  }
  return { defined: true, kappa: 1 - (n * disagreements) / (n * n - chance), observed, expected };
}
