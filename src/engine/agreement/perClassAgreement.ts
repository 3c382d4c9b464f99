/**
 * Per-class (positive specific) agreement: for each class, of the times any
 * labeler put an item in that class, the share another labeler did too.
 *
 * Two labelers: agreement_c = 2·n_cc / (n_c· + n_·c), with n_cc the items
 * both put in class c, n_c· the items A put in c, n_·c those B did. It is 1
 * when every item either labeler called c was called c by both, 0 when they
 * never both did — the F1 (Dice) score of one labeler against the other,
 * called positive specific agreement.
 *
 * R labelers, item i rated by m_i of them, n_ic of whom chose class c:
 * agreement_c = Σ_i n_ic (n_ic − 1) / Σ_i n_ic (m_i − 1) over items with
 * m_i ≥ 2 — among ordered pairs of ratings of the same item whose first is
 * c, the share whose second is c too. With two labelers it is the formula
 * above.
 */
import { checkPair, checkRatings, isMissing } from './checks.ts';
import type { Ratings } from './ratings.ts';

export interface ClassAgreement {
  readonly class: number;
  /** Items labeler A put in the class (n_c·). */
  readonly a: number;
  /** Items labeler B put in the class (n_·c). */
  readonly b: number;
  /** Items both put in the class (n_cc). */
  readonly both: number;
  /** 2·both / (a + b), in [0, 1]; NaN when neither labeler used the class. */
  readonly agreement: number;
}

/** Per-class agreement of labelers A and B, one entry per class 0…K−1. */
export function perClassAgreement(a: ArrayLike<number>, b: ArrayLike<number>, classes: number): ClassAgreement[] {
  const k = checkPair('perClassAgreement', a, b, classes);
  const inA = new Int32Array(k);
  const inB = new Int32Array(k);
  const both = new Int32Array(k);
  for (let i = 0; i < a.length; i++) {
    inA[a[i]!]!++;
    inB[b[i]!]!++;
    if (a[i] === b[i]) both[a[i]!]!++;
  }
  return Array.from({ length: k }, (_, c) => ({
    class: c,
    a: inA[c]!,
    b: inB[c]!,
    both: both[c]!,
    agreement: (2 * both[c]!) / (inA[c]! + inB[c]!),
  }));
}

export interface ClassAgreementAmong {
  readonly class: number;
  /** Ratings in the class, over the items rated at least twice. */
  readonly ratings: number;
  /** Σ_i n_ic (n_ic − 1) / Σ_i n_ic (m_i − 1), in [0, 1]; NaN when no one used the class. */
  readonly agreement: number;
}

/**
 * Per-class agreement among any number of labelers; `ratings` is items ×
 * raters (null or −1 = not rated). Items rated fewer than twice are left out.
 */
export function perClassAgreementAmong(ratings: Ratings, classes: number): ClassAgreementAmong[] {
  const k = checkRatings('perClassAgreementAmong', ratings, { classes, allowMissing: true });
  const agreeing = new Float64Array(k);
  const pairs = new Float64Array(k);
  const total = new Int32Array(k);
  const counts = new Int32Array(k);
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
    for (let c = 0; c < k; c++) {
      const n = counts[c]!;
      agreeing[c]! += n * (n - 1);
      pairs[c]! += n * (m - 1);
      total[c]! += n;
    }
  }
  return Array.from({ length: k }, (_, c) => ({
    class: c,
    ratings: total[c]!,
    agreement: agreeing[c]! / pairs[c]!,
  }));
}
