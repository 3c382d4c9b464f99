/**
 * The Worth report on a user's table, trained for real: every input of the
 * engine's worthReport measured by k-fold cross-validation with a featurizer
 * fitted per fold (tabularFolds.ts).
 *
 * Steps, all on the labels as given (or with injected noise):
 * 1. out-of-fold probabilities → baseline accuracy, confident learning's
 *    flags, the noise rate (confident learning blended with the disagreement
 *    rate among the surest rows, engine/worth/anchoredNoiseRate.ts) and its
 *    seeded bootstrap interval. With `repeats` > 1 the cross-validation is
 *    rerun on that many − 1 more fold splits and the noise rate is read off
 *    the out-of-fold probabilities averaged over all of them;
 * 2. retrain with the flagged labels replaced by the suggestion → accuracy
 *    after cleaning;
 * 3. noise sensitivity: retrain with a further 10% and 20% of the labels
 *    flipped (uniform, seeded) → accuracy against noise, read at noise 0;
 * 4. learning curve: each fold trained on 1/8, 1/4, 1/2 of its training rows
 *    (seeded nested subsets, the featurizer fitted on the subset) and on all.
 * Every accuracy is out-of-fold, scored against the labels as given, and
 * "corrected" for the estimated noise in those labels (noiseCorrectedAccuracy).
 * With injected noise, the accuracies against the labels as in the file
 * (the truth the noise hides) are reported too.
 *
 * Fits: folds × (repeats + 1 + extra-noise levels + curve fractions), 35 by
 * default (5 × (1 + 1 + 2 + 3)); `TabularWorth.fits` says how many ran.
 */
import { STREAM_FOLDS, foldSplits, type FoldSplit } from '../engine/confident/outOfFold.ts';
import { detectLabelIssues } from '../engine/confident/detect.ts';
import { accuracy } from '../engine/metrics.ts';
import { injectUniformNoise } from '../engine/noise/uniform.ts';
import { createRandom } from '../engine/random.ts';
import { accuracyAtZeroNoise } from '../engine/worth/accuracyAtZeroNoise.ts';
import { composedNoiseRate } from '../engine/worth/composedNoiseRate.ts';
import { noiseCorrectedAccuracy } from '../engine/worth/correctedAccuracy.ts';
import {
  STREAM_NOISE_BOOTSTRAP,
  noiseRateInterval,
  type NoiseRateInterval,
  type NoiseRateMethod,
} from '../engine/worth/noiseRateInterval.ts';
import { relabelSuspected } from '../engine/worth/relabelSuspected.ts';
import { worthReport, type WorthReport } from '../engine/worth/worthReport.ts';
import {
  describeDetection,
  injectedNoise,
  startTabularRun,
  type InjectedNoise,
  type PreparedTable,
  type TabularDetection,
  type TabularOptions,
  type TabularSummary,
} from './tabular.ts';
import { crossValidateTable } from './tabularFolds.ts';

/** The randomness stream of the sensitivity's extra noise: `createRandom(seed, STREAM_TABLE_EXTRA, extra)`. */
export const STREAM_TABLE_EXTRA = 52;
/** Extra noise of the sensitivity points (besides +0). */
export const EXTRA_NOISE: readonly number[] = [0.1, 0.2];
/** Fractions of each training fold for the learning curve (besides all of it). */
export const CURVE_FRACTIONS: readonly number[] = [1 / 8, 1 / 4, 1 / 2];
/**
 * Fold splits whose out-of-fold probabilities are averaged for the noise rate.
 * 1: averaging over 2, 3 or 5 splits did not measurably improve the estimates
 * on the bundled tables (docs/worth-accuracy.md) and costs `folds` fits each.
 */
export const NOISE_RATE_REPEATS = 1;
/**
 * The fold split of repeat r ≥ 1: `foldSplits(labels, { random: createRandom(seed, STREAM_FOLDS, r) })`
 * (repeat 0 is the run's own split, `createRandom(seed, STREAM_FOLDS)`).
 */
export function repeatSplits(labels: Int32Array, folds: number, seed: number, repeat: number): FoldSplit[] {
  return foldSplits(labels, { folds, random: createRandom(seed, STREAM_FOLDS, repeat) });
}

export interface WorthOptions extends TabularOptions {
  /** Bootstrap resamples of the noise-rate interval; default 1000. */
  readonly resamples?: number;
  /** Default EXTRA_NOISE. */
  readonly extraNoise?: readonly number[];
  /** Default CURVE_FRACTIONS; 1 is always added. */
  readonly fractions?: readonly number[];
  /** Fold splits averaged for the noise rate (≥ 1; 1 = the run's split alone); default NOISE_RATE_REPEATS. */
  readonly repeats?: number;
  /** Default 'blended'; 'confident_learning' gives the estimate of earlier versions. */
  readonly noiseRateMethod?: NoiseRateMethod;
}

export interface AccuracyPoint {
  /** Out-of-fold accuracy against the labels as given. */
  readonly accuracy: number;
  /** The same, corrected for the estimated noise in the labels scored against. */
  readonly corrected: number;
  /** With injected noise: against the labels as in the file; else null. */
  readonly truth: number | null;
}

export interface CurvePoint extends AccuracyPoint {
  readonly fraction: number;
  /** Mean training rows per fold. */
  readonly size: number;
}

export interface SensitivityPoint extends AccuracyPoint {
  /** Extra fraction of labels flipped on top of the given ones. */
  readonly extra: number;
  /** Estimated total noise rate of the labels trained with (composedNoiseRate). */
  readonly noise: number;
}

export interface TabularWorth {
  readonly summary: TabularSummary;
  /** Cross-validated accuracy of the model trained on the labels as given. */
  readonly baseline: AccuracyPoint;
  readonly detection: TabularDetection;
  readonly noiseRate: NoiseRateInterval;
  readonly afterCleaning: AccuracyPoint & {
    /** Against the cleaned labels themselves (flatters: the cleaned labels agree with the model by construction). */
    readonly againstCleaned: number;
  };
  readonly curve: readonly CurvePoint[];
  readonly sensitivity: {
    readonly points: readonly SensitivityPoint[];
    /** The line through the corrected points, read at noise 0. */
    readonly accuracyAtZeroNoise: number;
  };
  readonly report: WorthReport;
  readonly injected: InjectedNoise | null;
  /** Models trained for this analysis. */
  readonly fits?: number;
  /** Fold splits whose out-of-fold probabilities were averaged for the noise rate. */
  readonly repeats?: number;
}

const MODEL_NAMES = { logreg: 'logistic regression', mlp: 'a small neural network (MLP)' } as const;

/** The Worth report and everything behind it (see the file header). */
export async function analyseTable(prepared: PreparedTable, options: WorthOptions = {}): Promise<TabularWorth> {
  const folds = options.folds ?? 5;
  const extras = options.extraNoise ?? EXTRA_NOISE;
  const fractions = [...new Set([...(options.fractions ?? CURVE_FRACTIONS), 1])].sort((a, b) => a - b);
  const repeats = options.repeats ?? NOISE_RATE_REPEATS;
  if (!(Number.isInteger(repeats) && repeats >= 1)) {
    throw new RangeError(`repeats must be a whole number ≥ 1, got ${repeats}`);
  }
  const fits = folds * (repeats + 1 + extras.length + fractions.length - 1);
  // One progress count for the run's fits and the repeats' (which train outside run.crossValidate).
  let done = 0;
  const onFit = (): void => {
    done++;
    options.onProgress?.({ done, total: fits });
  };
  const run = startTabularRun(prepared, { ...options, onProgress: onFit }, fits);
  const { given, original, flipped } = run;
  const k = run.data.classes;
  const seed = run.summary.seed;

  const now = await run.crossValidate(given);
  const detection = detectLabelIssues(given, now.probs, k, { filter: run.summary.filter });
  const averaged = Float64Array.from(now.probs);
  for (let r = 1; r < repeats; r++) {
    const cv = await crossValidateTable(run.data, given, repeatSplits(given, folds, seed, r), {
      model: run.summary.model,
      seed,
      signal: options.signal,
      onFit,
    });
    cv.probs.forEach((p, i) => (averaged[i]! += p));
  }
  for (let i = 0; i < averaged.length; i++) averaged[i]! /= repeats;
  const noiseRate = noiseRateInterval(given, averaged, k, {
    random: createRandom(seed, STREAM_NOISE_BOOTSTRAP),
    resamples: options.resamples,
    method: options.noiseRateMethod ?? 'blended',
  });
  const r = noiseRate.estimate;
  const score = (predicted: Int32Array): AccuracyPoint => {
    const observed = accuracy(predicted, given);
    const corrected = noiseCorrectedAccuracy(observed, { noiseRate: r, classes: k });
    return {
      accuracy: observed,
      corrected: Number.isNaN(corrected) ? observed : corrected,
      truth: flipped ? accuracy(predicted, original) : null,
    };
  };
  const baseline = score(now.predicted);

  const cleaned = relabelSuspected(given, detection.ranked, detection.suggested);
  const cleanedCv = await run.crossValidate(cleaned);
  const afterCleaning = { ...score(cleanedCv.predicted), againstCleaned: accuracy(cleanedCv.predicted, cleaned) };

  const points: SensitivityPoint[] = [{ extra: 0, noise: r, ...baseline }];
  for (const extra of extras) {
    const more = injectUniformNoise(given, {
      rate: extra,
      classes: k,
      random: createRandom(seed, STREAM_TABLE_EXTRA, extra),
    });
    const cv = await run.crossValidate(more.labels);
    points.push({ extra, noise: composedNoiseRate(r, extra, k), ...score(cv.predicted) });
  }

  const curve: CurvePoint[] = [];
  for (const fraction of fractions) {
    const cv = fraction === 1 ? now : await run.crossValidate(given, fraction);
    const size = fraction === 1 ? now.trainSize : cv.trainSize;
    // Tiny tables can round two fractions to the same size: keep one point per size, and the full one.
    if (curve.length > 0 && size <= curve[curve.length - 1]!.size) {
      if (fraction < 1) continue;
      curve.pop();
    }
    curve.push({ fraction, size, ...score(cv.predicted) });
  }

  const report = worthReport({
    n: given.length,
    noiseRate,
    suspected: detection.ranked.length,
    accuracyNow: baseline.corrected,
    accuracyAfterCleaning: afterCleaning.corrected,
    curve: { sizes: curve.map((p) => p.size), accuracy: curve.map((p) => p.corrected) },
    model: MODEL_NAMES[run.summary.model],
    repeats,
  });
  return {
    summary: run.summary,
    baseline,
    detection: describeDetection(run, detection),
    noiseRate,
    afterCleaning,
    curve,
    sensitivity: {
      points,
      accuracyAtZeroNoise:
        points.length > 1
          ? accuracyAtZeroNoise(points.map((p) => ({ noise: p.noise, accuracy: p.corrected }))).accuracy
          : baseline.corrected,
    },
    report,
    injected: injectedNoise(run, detection, options.injectNoise),
    fits,
    repeats,
  };
}
