import { checkPair } from './checks.ts';

/**
 * Fraction of items to which labelers A and B gave the same label, in
 * [0, 1]; NaN for no items (as `accuracy`). Labels are whole numbers ≥ 0;
 * a length mismatch is a RangeError.
 */
export function percentAgreement(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkPair('percentAgreement', a, b);
  if (a.length === 0) return NaN;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
