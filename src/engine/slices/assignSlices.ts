/**
 * Which slice each of N examples belongs to: slice s gets round(share_s · N)
 * examples (largest remainders, so the counts add up to N), placed by a
 * seeded shuffle. Shares are per slice, in slice order, and sum to 1.
 */
import { largestRemainder } from '../noise/largestRemainder.ts';
import { shuffle, type Random } from '../random.ts';

/** `(N)` slice numbers in [0, shares.length). */
export function assignSlices(n: number, shares: readonly number[], random: Random): Uint8Array {
  const total = shares.reduce((s, v) => s + v, 0);
  if (!shares.length || shares.some((s) => !(s >= 0)) || Math.abs(total - 1) > 1e-9) {
    throw new RangeError(`assignSlices: shares must be ≥ 0 and sum to 1, got ${JSON.stringify(shares)}`);
  }
  const counts = largestRemainder(shares.map((s) => s * n));
  const slice = new Uint8Array(n);
  let at = 0;
  counts.forEach((count, s) => {
    slice.fill(s, at, at + count);
    at += count;
  });
  return shuffle(random, slice);
}
