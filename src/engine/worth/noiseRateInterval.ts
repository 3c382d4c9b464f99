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
 */
import { calibrateConfidentJoint } from '../confident/calibrate.ts';
import { checkInputs } from '../confident/checks.ts';
import { confidentJoint } from '../confident/confidentJoint.ts';
import { estimateJoint, estimatedNoiseRate } from '../confident/estimate.ts';
import { randomInt, type Random } from '../random.ts';

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
}

export interface NoiseRateIntervalOptions {
  readonly random: Random;
  /** Number of bootstrap resamples. Default 1000. */
  readonly resamples?: number;
  /** Coverage of the interval, in (0, 1). Default 0.9. */
  readonly level?: number;
}

/** Confident learning's estimated fraction of wrong labels; NaN for no examples. */
export function estimateNoiseRate(given: ArrayLike<number>, probs: ArrayLike<number>, k: number): number {
  const n = checkInputs(given, probs, k);
  if (n === 0) return NaN;
  const joint = confidentJoint(given, probs, k);
  return estimatedNoiseRate(estimateJoint(calibrateConfidentJoint(joint.counts, given, k)), k);
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
  const estimate = estimateNoiseRate(given, probs, k);
  if (n === 0) return { estimate, low: NaN, high: NaN, level, resamples };
  const labels = new Int32Array(n);
  const rows = new Float64Array(n * k);
  const estimates = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) {
      const row = randomInt(random, n);
      labels[i] = given[row]!;
      for (let c = 0; c < k; c++) rows[i * k + c] = probs[row * k + c]!;
    }
    estimates[b] = estimateNoiseRate(labels, rows, k);
  }
  estimates.sort();
  const tail = (1 - level) / 2;
  return {
    estimate,
    low: quantileSorted(estimates, tail),
    high: quantileSorted(estimates, 1 - tail),
    level,
    resamples,
  };
}

/** The p-quantile of ascending values, linear between order statistics (numpy's default, d3.quantileSorted's rule). */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!) : sorted[lo]!;
}
