/**
 * How sure the gain and the data-equivalent are: a bootstrap over rows and
 * fold splits.
 *
 * Input, per fold split r = 0…R−1 (the whole cross-validation rerun on R
 * different splits into folds): the out-of-fold predictions `(N)` of the
 * model trained on the labels as given at each learning-curve size (the last
 * is the full training folds) and of the model trained on the cleaned labels
 * (nested: see src/model/tabularWorth.ts). Each resample b takes split
 * b mod R, draws N rows with replacement (the rows keep their given label
 * and their predictions), draws a noise rate from the noise estimate's
 * interval, corrects every accuracy (noiseCorrection.ts) and recomputes the
 * gain and the data-equivalent. Intervals are the central `level` quantiles.
 *
 * What it covers: which rows happened to be in the table, how the rows
 * happened to fall into folds, and the uncertainty of the noise rate. What it
 * does not: the models are not retrained per resample.
 */
import type { Curve } from '../exchange.ts';
import { randomInt, randomNormal, type Random } from '../random.ts';
import { dataEquivalent, equivalentFactor } from './dataEquivalent.ts';
import { correctAccuracy, type NoiseCorrection } from './noiseCorrection.ts';

export interface SplitPredictions {
  /** `(N)` per curve size, ascending; the last is the full training folds. */
  readonly curve: readonly ArrayLike<number>[];
  /** `(N)` the model retrained on the cleaned training rows. */
  readonly cleaned: ArrayLike<number>;
}

export interface WorthBootstrapInput {
  readonly given: ArrayLike<number>;
  readonly classes: number;
  /** Mean training rows per fold at each curve size (ascending). */
  readonly sizes: readonly number[];
  readonly splits: readonly SplitPredictions[];
  /** The correction of the point estimate. */
  readonly correction: NoiseCorrection;
  /** For 'uniform': the noise rate's interval, drawn from as a normal with sd (high − low) / (2z). */
  readonly noiseInterval?: { readonly low: number; readonly high: number; readonly z: number };
  readonly random: Random;
  /** Resamples; default 1000. */
  readonly resamples?: number;
  /** Default 0.9. */
  readonly level?: number;
  /** Passed to dataEquivalent. */
  readonly maxFactor?: number;
}

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface WorthBootstrap {
  readonly resamples: number;
  readonly level: number;
  readonly accuracyNow: Interval;
  readonly accuracyAfterCleaning: Interval;
  /** After cleaning minus now. */
  readonly gain: Interval;
  /** The data-equivalent factor; `high` is Infinity when more than the extrapolation bound. */
  readonly factor: Interval;
  /** Share of resamples in which cleaning gained. */
  readonly gainShare: number;
}

/** The central-interval ends of ascending values (Infinity allowed), linear between order statistics. */
export function quantileInterval(sorted: ArrayLike<number>, level: number): Interval {
  const q = (p: number): number => {
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    const a = sorted[lo]!;
    if (h === lo) return a;
    const b = sorted[lo + 1]!;
    // Between a finite value and +Infinity ("more than the bound") the quantile is unbounded too.
    return b === Infinity ? Infinity : a + (h - lo) * (b - a);
  };
  const tail = (1 - level) / 2;
  return { low: q(tail), high: q(1 - tail) };
}

export function worthBootstrap(input: WorthBootstrapInput): WorthBootstrap {
  const { given, classes: k, sizes, splits, correction, random } = input;
  const resamples = input.resamples ?? 1000;
  const level = input.level ?? 0.9;
  const n = given.length;
  if (splits.length === 0) throw new RangeError('the bootstrap needs the predictions of at least one fold split');
  if (!(Number.isInteger(resamples) && resamples >= 1))
    throw new RangeError(`use at least 1 resample, got ${resamples}`);
  for (const s of splits) {
    if (s.curve.length !== sizes.length) {
      throw new RangeError(`${sizes.length} curve sizes but ${s.curve.length} prediction sets`);
    }
  }
  const now = new Float64Array(resamples);
  const after = new Float64Array(resamples);
  const gain = new Float64Array(resamples);
  const factor = new Float64Array(resamples);
  const weights = new Float64Array(n);
  const ceiling = (k - 1) / k - 1e-3;
  let gained = 0;
  for (let b = 0; b < resamples; b++) {
    const split = splits[b % splits.length]!;
    weights.fill(0);
    for (let i = 0; i < n; i++) weights[randomInt(random, n)]! += 1;
    let draw = correction;
    if (correction.kind === 'uniform' && input.noiseInterval) {
      const { low, high, z } = input.noiseInterval;
      const sd = z > 0 ? (high - low) / (2 * z) : 0;
      const rate = Math.min(ceiling, Math.max(0, correction.rate + sd * randomNormal(random)));
      draw = { kind: 'uniform', rate };
    }
    const accuracy = split.curve.map((p) => correctAccuracy(p, given, k, draw, weights));
    const nowB = accuracy[accuracy.length - 1]!;
    const afterB = correctAccuracy(split.cleaned, given, k, draw, weights);
    now[b] = nowB;
    after[b] = afterB;
    gain[b] = afterB - nowB;
    if (afterB > nowB) gained++;
    const curve: Curve = { sizes, accuracy };
    factor[b] =
      accuracy.every(Number.isFinite) && Number.isFinite(afterB)
        ? equivalentFactor(dataEquivalent(curve, { target: afterB, maxFactor: input.maxFactor }))
        : NaN;
  }
  const sorted = (a: Float64Array): Float64Array => a.filter((v) => !Number.isNaN(v)).sort();
  const interval = (a: Float64Array): Interval => {
    const s = sorted(a);
    return s.length ? quantileInterval(s, level) : { low: NaN, high: NaN };
  };
  return {
    resamples,
    level,
    accuracyNow: interval(now),
    accuracyAfterCleaning: interval(after),
    gain: interval(gain),
    factor: interval(factor),
    gainShare: gained / resamples,
  };
}
