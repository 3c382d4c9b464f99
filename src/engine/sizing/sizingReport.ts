/**
 * Sizing a data set from its learning curve: fit a power law (powerLaw.ts)
 * to the per-seed accuracies, follow it to a target accuracy, and give a
 * seeded bootstrap interval for the parameters and for the size needed.
 *
 * Input: the curve as points, one per size, each with the accuracies of its
 * seeds (CurvePoint in sweep.ts has this shape). The bootstrap resamples the
 * seeds within each size with replacement (so every size stays in every
 * resample), refits, and reads the percentiles of each quantity: a
 * (1 − level) interval split evenly between the two tails. A measured target
 * (`targetResamples`) is redrawn with each resample, so its uncertainty is in
 * the interval of the size needed.
 *
 * "Not reachable" is Infinity: the fitted floor is at or above the target
 * error. An interval whose upper end is Infinity says some resamples could
 * not reach the target.
 */
import { createRandom, randomInt } from '../random.ts';
import { fitPowerLaw, powerLawError, sizeForError, type PowerLaw, type PowerLawFit } from './powerLaw.ts';

export interface SizingPoint {
  readonly size: number;
  /** Accuracy of each seed at this size, in [0, 1]. */
  readonly values: readonly number[];
}

export interface SizingOptions {
  /** The accuracy to reach, in (0, 1]. */
  readonly targetAccuracy: number;
  /**
   * When the target is itself measured (the clean accuracy at N0), its value
   * in each resample, so the interval of `needed` carries the target's
   * uncertainty too: `resamples` numbers, or absent for a fixed target.
   */
  readonly targetResamples?: readonly number[];
  /** Seed of the bootstrap. */
  readonly seed: number;
  /** Bootstrap resamples. Default 200. */
  readonly resamples?: number;
  /** Coverage of the intervals. Default 0.9. */
  readonly level?: number;
}

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface SizingReport {
  readonly fit: PowerLawFit;
  readonly targetAccuracy: number;
  /** Training-set size at which the fitted curve reaches the target; Infinity when it does not. */
  readonly needed: number;
  readonly neededInterval: Interval;
  /** The fitted ceiling in accuracy, 1 − c. */
  readonly ceiling: number;
  readonly ceilingInterval: Interval;
  readonly bInterval: Interval;
  /** Resamples whose fit reaches the target, as a share of all. */
  readonly reachableShare: number;
  /** The fit of every bootstrap resample, in resample order (for bands: powerLawBand.ts). */
  readonly resampleFits: readonly PowerLaw[];
  /** Coverage of the intervals. */
  readonly level: number;
}

const STREAM_SIZING = 0x5121;

/** The sizing report of a curve (see the file header). */
export function sizingReport(points: readonly SizingPoint[], options: SizingOptions): SizingReport {
  const { targetAccuracy, seed, resamples = 200, level = 0.9, targetResamples } = options;
  if (!(targetAccuracy > 0 && targetAccuracy <= 1)) {
    throw new RangeError(`target accuracy must be in (0, 1], got ${targetAccuracy}`);
  }
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (targetResamples && targetResamples.length !== resamples) {
    throw new RangeError(`${targetResamples.length} target resamples for ${resamples} resamples`);
  }
  points.forEach((p) => {
    if (p.values.length === 0) throw new RangeError(`size ${p.size} has no values`);
  });
  const targetError = 1 - targetAccuracy;
  const fitOf = (rows: readonly SizingPoint[]): PowerLawFit =>
    fitPowerLaw({
      sizes: rows.flatMap((p) => p.values.map(() => p.size)),
      errors: rows.flatMap((p) => p.values.map((v) => 1 - v)),
    });
  const fit = fitOf(points);
  const random = createRandom(seed, STREAM_SIZING);
  const needed: number[] = [];
  const ceilings: number[] = [];
  const bs: number[] = [];
  const resampleFits: PowerLaw[] = [];
  for (let r = 0; r < resamples; r++) {
    const resample = points.map((p) => ({
      size: p.size,
      values: p.values.map(() => p.values[randomInt(random, p.values.length)]!),
    }));
    const f = fitOf(resample);
    resampleFits.push({ a: f.a, b: f.b, c: f.c });
    needed.push(sizeForError(f, targetResamples ? 1 - targetResamples[r]! : targetError));
    ceilings.push(1 - f.c);
    bs.push(f.b);
  }
  const tail = (1 - level) / 2;
  return {
    fit,
    targetAccuracy,
    needed: sizeForError(fit, targetError),
    neededInterval: percentiles(needed, tail),
    ceiling: 1 - fit.c,
    ceilingInterval: percentiles(ceilings, tail),
    bInterval: percentiles(bs, tail),
    reachableShare: needed.filter(Number.isFinite).length / resamples,
    resampleFits,
    level,
  };
}

/** The accuracy the fitted curve predicts at n. */
export function predictedAccuracy(fit: PowerLawFit, n: number): number {
  return 1 - powerLawError(fit, n);
}

/** The tail and 1 − tail quantiles (linear between order statistics; Infinity kept). */
export function percentiles(values: readonly number[], tail: number): Interval {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (q: number): number => {
    const pos = q * (sorted.length - 1);
    const i = Math.floor(pos);
    const t = pos - i;
    const lo = sorted[i]!;
    const hi = sorted[Math.min(sorted.length - 1, i + 1)]!;
    return t === 0 || lo === hi ? lo : lo + t * (hi - lo);
  };
  return { low: at(tail), high: at(1 - tail) };
}
