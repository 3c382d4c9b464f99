/**
 * The estimated noise rate with an interval.
 *
 * Shapes: N examples, K classes; `given` is `(N)` labels in [0, K), `probs`
 * is `(N, K)` out-of-fold predicted probabilities, row-major.
 *
 * The estimate is confident learning's (the same chain as detectLabelIssues):
 * confident joint → calibrated to the given label counts → joint P(given,
 * true) → 1 − its trace.
 *
 * The interval is a seeded percentile bootstrap over rows: draw N rows with
 * replacement (each row keeps its given label and its probabilities), rerun
 * the whole chain — thresholds included — and take the central `level`
 * quantiles of the resampled estimates. Why this and not a Wilson interval on
 * the flagged count: the estimate is not a count of independent yes/no
 * flags — the per-class thresholds and the calibration move with the data —
 * and a binomial interval on the flags would ignore that. Resampling rows
 * reruns exactly the estimator the report shows, so its spread is the
 * estimator's own. What it does not cover: the probabilities are held fixed
 * (the models are not retrained per resample), so error that comes from the
 * model itself (a systematic over- or under-confidence) is not in the
 * interval. It treats the rows as a sample from a larger population, so for
 * the noise of these very N labels it is, if anything, a little wide.
 *
 * `method: 'blended'` uses anchoredNoiseRate.ts's blend of confident
 * learning and the anchored estimate instead (and the bootstrap reruns the
 * blend, anchor rows and weight included); the default stays confident
 * learning's alone. When not one of the m surest rows disagrees, every
 * resample says 0 there and the bootstrap interval would shrink to nothing;
 * its upper end is then raised to at least the exact (Clopper–Pearson) upper
 * bound for 0 of m, 1 − ((1 − level) / 2)^(1/m) — about 3/m at 90%. And
 * the blended interval always holds its own estimate (a percentile interval
 * of an estimator that switches between two need not).
 */
import { calibrateConfidentJoint } from '../confident/calibrate.ts';
import { checkInputs } from '../confident/checks.ts';
import { confidentJoint } from '../confident/confidentJoint.ts';
import { estimateJoint, estimatedNoiseRate } from '../confident/estimate.ts';
import { randomInt, type Random } from '../random.ts';
import {
  ANCHOR_FRACTION,
  anchorRowCount,
  anchoredNoiseRate,
  blendNoiseRates,
  type BlendedNoiseRate,
} from './anchoredNoiseRate.ts';

/** The randomness stream of the bootstrap: `createRandom(seed, STREAM_NOISE_BOOTSTRAP)`. */
export const STREAM_NOISE_BOOTSTRAP = 41;

export interface NoiseRateInterval {
  /** Confident learning's estimate on all N rows; NaN when N = 0. */
  readonly estimate: number;
  /** Lower and upper ends of the central `level` bootstrap interval; NaN when N = 0. */
  readonly low: number;
  readonly high: number;
  readonly level: number;
  /** Bootstrap resamples drawn. */
  readonly resamples: number;
  /** Which estimator; absent means 'confident_learning' (results made before the blend existed). */
  readonly method?: NoiseRateMethod;
  /** With method 'blended': the parts of the estimate on all N rows. */
  readonly blend?: BlendedNoiseRate;
}

/** 'confident_learning': 1 − trace of the calibrated joint. 'blended': see anchoredNoiseRate.ts. */
export type NoiseRateMethod = 'confident_learning' | 'blended';

export interface NoiseRateIntervalOptions {
  readonly random: Random;
  /** Number of bootstrap resamples. Default 1000. */
  readonly resamples?: number;
  /** Coverage of the interval, in (0, 1). Default 0.9. */
  readonly level?: number;
  /** Default 'confident_learning'. */
  readonly method?: NoiseRateMethod;
  /** With method 'blended': the anchored estimate's share of rows; default ANCHOR_FRACTION. */
  readonly anchorFraction?: number;
}

/** Confident learning's estimated fraction of wrong labels; NaN for no examples. */
export function estimateNoiseRate(given: ArrayLike<number>, probs: ArrayLike<number>, k: number): number {
  const n = checkInputs(given, probs, k);
  if (n === 0) return NaN;
  const joint = confidentJoint(given, probs, k);
  return estimatedNoiseRate(estimateJoint(calibrateConfidentJoint(joint.counts, given, k)), k);
}

/** Confident learning's estimate blended with the anchored one (anchoredNoiseRate.ts); NaN parts for no examples. */
export function blendedNoiseRate(
  given: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  options: { readonly fraction?: number } = {},
): BlendedNoiseRate {
  const n = checkInputs(given, probs, k);
  const confidentLearning = estimateNoiseRate(given, probs, k);
  const anchored = anchoredNoiseRate(given, probs, k, options);
  if (n === 0) return { estimate: NaN, confidentLearning, anchored: NaN, anchorRows: 0, weight: NaN };
  const { estimate, weight } = blendNoiseRates(confidentLearning, anchored.estimate, anchored.rows, n);
  return { estimate, confidentLearning, anchored: anchored.estimate, anchorRows: anchored.rows, weight };
}

/** The estimate and its seeded percentile-bootstrap interval (see the file header). */
export function noiseRateInterval(
  given: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  options: NoiseRateIntervalOptions,
): NoiseRateInterval {
  const { random } = options;
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.9;
  const method = options.method ?? 'confident_learning';
  const fraction = options.anchorFraction ?? ANCHOR_FRACTION;
  anchorRowCount(1, fraction); // checks the fraction
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new RangeError(`use at least 1 bootstrap resample, got ${resamples}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`interval level must be in (0, 1), got ${level}`);
  const n = checkInputs(given, probs, k);
  for (let i = 0; i < probs.length; i++) {
    if (!Number.isFinite(probs[i]!)) {
      throw new RangeError(`probability [${Math.floor(i / k)}][${i % k}] is ${probs[i]}; give finite numbers`);
    }
  }
  const blend = method === 'blended' ? blendedNoiseRate(given, probs, k, { fraction }) : undefined;
  const extra = blend ? { method, blend } : {};
  const estimateOf = (labels: ArrayLike<number>, rows: ArrayLike<number>): number =>
    method === 'blended'
      ? blendedNoiseRate(labels, rows, k, { fraction }).estimate
      : estimateNoiseRate(labels, rows, k);
  const estimate = blend ? blend.estimate : estimateNoiseRate(given, probs, k);
  if (n === 0) return { estimate, low: NaN, high: NaN, level, resamples, ...extra };
  const labels = new Int32Array(n);
  const rows = new Float64Array(n * k);
  const estimates = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) {
      const row = randomInt(random, n);
      labels[i] = given[row]!;
      for (let c = 0; c < k; c++) rows[i * k + c] = probs[row * k + c]!;
    }
    estimates[b] = estimateOf(labels, rows);
  }
  estimates.sort();
  const tail = (1 - level) / 2;
  let low = quantileSorted(estimates, tail);
  let high = quantileSorted(estimates, 1 - tail);
  if (blend) {
    low = Math.min(low, estimate);
    high = Math.max(high, estimate, blend.anchored === 0 ? zeroCountUpperBound(blend.anchorRows, tail) : 0);
  }
  return {
    estimate,
    low,
    high,
    level,
    resamples,
    ...extra,
  };
}

/** Clopper–Pearson upper bound for a share when 0 of m rows show it: 1 − tail^(1/m). */
export function zeroCountUpperBound(m: number, tail: number): number {
  return 1 - tail ** (1 / m);
}

/** The p-quantile of ascending values, linear between order statistics (numpy's default, d3.quantileSorted's rule). */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!) : sorted[lo]!;
}
