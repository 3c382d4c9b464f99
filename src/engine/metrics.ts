import type { MeanSd } from './types.ts';

/** Fraction of positions where `predicted` equals `truth`; NaN for empty input. */
export function accuracy(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  if (predicted.length !== truth.length) {
    throw new RangeError(`accuracy: ${predicted.length} predictions for ${truth.length} labels`);
  }
  if (truth.length === 0) return NaN;
  let hits = 0;
  for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) hits++;
  return hits / truth.length;
}

/**
 * Mean and population standard deviation (ddof = 0, as numpy's default) of
 * the finite values; NaN mean and sd when there are none.
 */
export function meanSd(values: Iterable<number>): MeanSd {
  let count = 0;
  let mean = 0;
  let m2 = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    count++;
    const delta = v - mean;
    mean += delta / count;
    m2 += delta * (v - mean);
  }
  if (count === 0) return { mean: NaN, sd: NaN, count: 0 };
  return { mean, sd: Math.sqrt(m2 / count), count };
}

/** Index of the largest value in `row` (the first on ties). */
export function argmax(values: ArrayLike<number>, start = 0, length = values.length - start): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let j = 0; j < length; j++) {
    const v = values[start + j]!;
    if (v > bestValue) {
      bestValue = v;
      best = j;
    }
  }
  return best;
}
