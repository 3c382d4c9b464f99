/**
 * The fitted power law's accuracy at chosen sizes, with the pointwise
 * interval of its bootstrap resamples: what a sizing chart draws as the
 * fitted curve and its band, measured sizes and extrapolation alike.
 *
 * Input: a sizing report (sizingReport.ts), which keeps every resample's
 * fit, and the sizes to read it at (any positive numbers, e.g. a log-spaced
 * grid past the largest measured size). Output: one point per size with the
 * fit's accuracy and the (1 − level) / 2 and 1 − (1 − level) / 2 quantiles of
 * the resamples' accuracies there.
 */
import { powerLawError } from './powerLaw.ts';
import { percentiles, type SizingReport } from './sizingReport.ts';

export interface BandPoint {
  readonly size: number;
  /** The fitted law's accuracy at `size`. */
  readonly accuracy: number;
  readonly low: number;
  readonly high: number;
}

/** The fit and its pointwise bootstrap interval at each of `sizes` (see the file header). */
export function powerLawBand(report: SizingReport, sizes: readonly number[]): BandPoint[] {
  if (report.resampleFits.length === 0) throw new RangeError('the sizing report has no resamples to make a band of');
  const tail = (1 - report.level) / 2;
  return sizes.map((size) => {
    if (!(Number.isFinite(size) && size > 0)) throw new RangeError(`size ${size} must be a positive number`);
    const { low, high } = percentiles(
      report.resampleFits.map((law) => 1 - powerLawError(law, size)),
      tail,
    );
    return { size, accuracy: 1 - powerLawError(report.fit, size), low, high };
  });
}

/** `count` sizes spaced evenly in log size from `from` to `to` (both included), rounded to whole examples. */
export function logSizes(from: number, to: number, count: number): number[] {
  if (!(from > 0 && to >= from)) throw new RangeError(`need 0 < from ≤ to, got ${from} and ${to}`);
  if (!(Number.isInteger(count) && count >= 2)) throw new RangeError(`count must be a whole number ≥ 2, got ${count}`);
  const sizes = Array.from({ length: count }, (_, i) => Math.round(from * (to / from) ** (i / (count - 1))));
  return sizes.filter((n, i) => i === 0 || n > sizes[i - 1]!);
}
