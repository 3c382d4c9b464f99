/**
 * The Worth report on a user's table, trained for real: every input of the
 * engine's worthReport measured by cross-validation with a featurizer fitted
 * per fold (tabularFolds.ts), and no number judged on the rows that decided
 * it.
 *
 * Steps, all on the labels as given (or with injected noise):
 * 1. the model, the signal check, the noise rate and the suspected labels
 *    (tableNoise.ts — the same steps as `lab issues`);
 * 2. on each of R fold splits (R = defaultRepeats(M) unless set):
 *    - accuracy now: the chosen model's out-of-fold predictions;
 *    - the learning curve: each training fold cut to 1/8, 1/4, 1/2 of its
 *      rows (seeded nested subsets);
 *    - accuracy after cleaning, nested: for each outer fold, an inner
 *      `innerFolds`-fold cross-validation of the outer training rows gives
 *      their out-of-fold probabilities; the noise rate and the capped flags
 *      are decided from those alone; the flagged training labels are replaced
 *      by the inner model's suggestion; the model retrained on the cleaned
 *      training rows predicts the untouched held-out rows;
 * 3. every accuracy is scored against the labels as given and corrected for
 *    their estimated noise (engine/worth/noiseCorrection.ts), averaged over
 *    the splits; the intervals are a bootstrap over rows and splits
 *    (engine/worth/worthBootstrap.ts);
 * 4. noise sensitivity (split 0): retrain with a further 10% and 20% of the
 *    labels flipped → accuracy against noise, read at noise 0.
 * With injected noise, every accuracy is also scored against the labels as in
 * the file (the truth the noise hides).
 *
 * Fits: the model choice (folds × candidates), then per split
 * folds × (1 + fractions + innerFolds + 1), then folds × extra-noise levels.
 */
import { STREAM_FOLDS, foldSplits, type FoldSplit } from '../engine/confident/outOfFold.ts';
import { rowArgmax } from '../engine/confident/checks.ts';
import { accuracy } from '../engine/metrics.ts';
import { injectUniformNoise } from '../engine/noise/uniform.ts';
import { createRandom } from '../engine/random.ts';
import type { TableModelKind } from '../engine/types.ts';
import { accuracyAtZeroNoise } from '../engine/worth/accuracyAtZeroNoise.ts';
import { composedNoiseRate } from '../engine/worth/composedNoiseRate.ts';
import { labelSignal, type LabelSignal } from '../engine/worth/labelSignal.ts';
import { correctAccuracy, type NoiseCorrection } from '../engine/worth/noiseCorrection.ts';
import { normalQuantile, plateauNoiseRate } from '../engine/worth/plateauNoiseRate.ts';
import { relabelSuspected } from '../engine/worth/relabelSuspected.ts';
import { worthBootstrap, type WorthBootstrap } from '../engine/worth/worthBootstrap.ts';
import { worthReport, type NoiseEstimate, type WorthReport } from '../engine/worth/worthReport.ts';
import {
  describeDetection,
  injectedNoise,
  modelReport,
  startTabularRun,
  type InjectedNoise,
  type ModelReport,
  type PreparedTable,
  type TabularDetection,
  type TabularOptions,
  type TabularSummary,
} from './tabular.ts';
import { crossValidateTable, fitAndPredict, fitWork, type TableData } from './tabularFolds.ts';
import {
  cappedDetection,
  measureTableNoise,
  selectionFits,
  selectionWork,
  subsetTable,
  type Candidate,
} from './tableNoise.ts';

/** The randomness stream of the sensitivity's extra noise: `createRandom(seed, STREAM_TABLE_EXTRA, extra)`. */
export const STREAM_TABLE_EXTRA = 52;
/** The randomness stream of the inner folds: `createRandom(seed, STREAM_INNER_FOLDS, split, fold)`. */
export const STREAM_INNER_FOLDS = 56;
/** The randomness stream of the bootstrap: `createRandom(seed, STREAM_WORTH_BOOTSTRAP)`. */
export const STREAM_WORTH_BOOTSTRAP = 57;
/** Extra noise of the sensitivity points (besides +0). */
export const EXTRA_NOISE: readonly number[] = [0.1, 0.2];
/** Fractions of each training fold for the learning curve (besides all of it). */
export const CURVE_FRACTIONS: readonly number[] = [1 / 8, 1 / 4, 1 / 2];
/** Folds of the cross-validation inside each training fold that decides the fixes. */
export const INNER_FOLDS = 4;

/** Fold splits by default: 2 up to 5,000 rows (the spread of one split shows in the intervals), 1 above. */
export function defaultRepeats(rows: number): number {
  return rows <= 5000 ? 2 : 1;
}

/** Bootstrap resamples by default: 1,000, fewer on large tables (each resample is a pass over the rows). */
export function defaultResamples(rows: number): number {
  return Math.max(200, Math.min(1000, Math.round(4e7 / Math.max(rows, 1))));
}

/**
 * The fold split of repeat r: repeat 0 is the run's own split
 * (`createRandom(seed, STREAM_FOLDS)`), repeat r ≥ 1 `createRandom(seed, STREAM_FOLDS, r)`.
 */
export function repeatSplits(labels: Int32Array, folds: number, seed: number, repeat: number): FoldSplit[] {
  return foldSplits(labels, { folds, random: createRandom(seed, STREAM_FOLDS, repeat) });
}

export interface WorthOptions extends TabularOptions {
  /** Bootstrap resamples of the intervals; default defaultResamples(M). */
  readonly resamples?: number;
  /** Default EXTRA_NOISE. */
  readonly extraNoise?: readonly number[];
  /** Default CURVE_FRACTIONS; 1 is always added. */
  readonly fractions?: readonly number[];
  /** Fold splits (≥ 1); default defaultRepeats(M). */
  readonly repeats?: number;
  /** Folds inside each training fold for the nested cleaning (≥ 2); default INNER_FOLDS. */
  readonly innerFolds?: number;
}

export interface AccuracyPoint {
  /** Out-of-fold accuracy against the labels as given (mean over the fold splits). */
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

export interface NestedCleaning {
  /** Labels the nested cleaning changed, summed over the outer folds of all splits, divided by the splits. */
  readonly fixes: number;
  /** With injected noise: of those, the ones that set a flipped label back to its true class (per split); else null. */
  readonly fixesRight: number | null;
  /** With injected noise: the ones that changed a correct label (per split); else null. */
  readonly fixesWrong: number | null;
}

export interface TabularWorth {
  readonly summary: TabularSummary;
  readonly model: ModelReport;
  readonly signal: LabelSignal;
  /** Cross-validated accuracy of the model trained on the labels as given. */
  readonly baseline: AccuracyPoint;
  readonly detection: TabularDetection;
  /** The estimated share of wrong labels, per class, and the noise matrix. */
  readonly noise: NoiseEstimate;
  /** Class names, in the order of the noise matrix's rows and columns. */
  readonly classNames: readonly string[];
  readonly afterCleaning: AccuracyPoint & { readonly cleaning: NestedCleaning };
  readonly curve: readonly CurvePoint[];
  readonly sensitivity: {
    readonly points: readonly SensitivityPoint[];
    /** The line through the corrected points, read at noise 0. */
    readonly accuracyAtZeroNoise: number;
  };
  readonly bootstrap: WorthBootstrap;
  readonly report: WorthReport;
  readonly injected: InjectedNoise | null;
  /** Models trained for this analysis. */
  readonly fits: number;
  /** Fold splits the cross-validation ran on. */
  readonly repeats: number;
  readonly innerFolds: number;
}

/** Fits an analysis makes (see the file header). */
export function worthFits(
  rows: number,
  options: {
    folds: number;
    repeats: number;
    innerFolds: number;
    fractions: number;
    extras: number;
    model: TabularSummary['model'];
  },
): number {
  const { folds, repeats, innerFolds, fractions, extras } = options;
  return (
    selectionFits(rows, folds, options.model) +
    folds * (repeats - 1) +
    repeats * folds * (fractions + innerFolds + 1) +
    folds * extras
  );
}

/**
 * The work (tabularFolds.fitWork) of the fits worthFits counts after the
 * model is chosen, all with `kind`: each outer fold trains on (folds − 1)/folds
 * of the rows, a curve fraction on that share of them, an inner fold on
 * (innerFolds − 1)/innerFolds of them. With selectionWork, the plan the
 * progress is paced by; it is planned again once the model is chosen.
 */
export function worthWorkAfterSelection(
  rows: number,
  options: {
    folds: number;
    repeats: number;
    innerFolds: number;
    /** The curve fractions below 1. */
    fractions: readonly number[];
    extras: number;
    kind: TableModelKind;
  },
): number {
  const { folds, repeats, innerFolds, extras } = options;
  const train = fitWork(options.kind, (rows * (folds - 1)) / folds);
  const fractions = options.fractions.reduce((s, f) => s + f, 0);
  const perSplit = folds * train * (fractions + (innerFolds - 1) + 1);
  return folds * (repeats - 1) * train + repeats * perSplit + folds * extras * train;
}

interface SplitResult {
  /** Curve fractions kept (ascending; the last is 1). */
  readonly fractions: number[];
  /** `(M)` predictions per kept fraction. */
  readonly curve: Int32Array[];
  /** Mean training rows per fold, per curve fraction. */
  readonly sizes: number[];
  /** `(M)` predictions of the models trained on the cleaned training rows. */
  readonly cleaned: Int32Array;
  readonly fixes: number;
  readonly fixesRight: number;
  readonly fixesWrong: number;
}

/** Arg-max class of each row of `(H, K)` probabilities. */
function argmaxRows(probs: ArrayLike<number>, h: number, k: number): Int32Array {
  return Int32Array.from({ length: h }, (_, i) => rowArgmax(probs, i, k));
}

/**
 * The labels of `trainRows` cleaned from their own inner cross-validation:
 * the noise rate and the capped flags decided on those rows alone, each flag
 * replaced by the inner model's suggestion. No flag when the inner model
 * barely predicts the labels.
 */
export async function cleanTrainingLabels(
  data: TableData,
  trainRows: Int32Array,
  labels: Int32Array,
  options: {
    readonly candidate: Candidate;
    readonly innerFolds: number;
    readonly seed: number;
    readonly stream: readonly number[];
    readonly filter: TabularSummary['filter'];
    readonly signal?: AbortSignal;
    readonly onFit?: (work: number) => void;
  },
): Promise<Int32Array> {
  const k = data.classes;
  const inner = subsetTable(data, trainRows);
  const innerSplits = foldSplits(labels, {
    folds: options.innerFolds,
    random: createRandom(options.seed, STREAM_INNER_FOLDS, ...options.stream),
  });
  const cv = await crossValidateTable(inner, labels, innerSplits, {
    model: options.candidate.kind,
    l2: options.candidate.l2,
    seed: options.seed,
    signal: options.signal,
    onFit: options.onFit,
  });
  if (!labelSignal(labels, cv.probs, k).informative) return Int32Array.from(labels);
  const rate = plateauNoiseRate(labels, cv.probs, k).estimate;
  const detection = cappedDetection(labels, cv.probs, k, options.filter, rate);
  return relabelSuspected(labels, detection.ranked, detection.suggested);
}

/**
 * Accuracy after cleaning, nested: for each fold of `splits`, the training
 * rows' labels are cleaned from their own inner cross-validation
 * (cleanTrainingLabels) and the model retrained on them predicts the fold's
 * held-out rows. Nothing about a held-out row's label reaches the model that
 * predicts it. Returns the `(M)` held-out predictions and, against
 * `original` (the true labels, when known), how many training labels the
 * cleaning set right and how many correct ones it changed, summed over folds.
 */
export async function nestedCleaning(
  data: TableData,
  given: Int32Array,
  splits: readonly FoldSplit[],
  options: {
    readonly candidate: Candidate;
    readonly innerFolds: number;
    readonly seed: number;
    /** Which fold split this is (a stream of the inner folds). */
    readonly repeat: number;
    readonly filter: TabularSummary['filter'];
    readonly signal?: AbortSignal;
    readonly onFit?: (work: number) => void;
    readonly original?: Int32Array;
  },
): Promise<{ cleaned: Int32Array; fixes: number; fixesRight: number; fixesWrong: number }> {
  const k = data.classes;
  const cleaned = new Int32Array(given.length);
  let fixes = 0;
  let fixesRight = 0;
  let fixesWrong = 0;
  const { candidate, seed, signal } = options;
  for (const [fold, split] of splits.entries()) {
    const trainLabels = Int32Array.from(split.train, (i) => given[i]!);
    const fixed = await cleanTrainingLabels(data, split.train, trainLabels, {
      candidate,
      innerFolds: options.innerFolds,
      seed,
      stream: [options.repeat, fold],
      filter: options.filter,
      signal,
      onFit: options.onFit,
    });
    fixed.forEach((label, j) => {
      if (label === trainLabels[j]) return;
      fixes++;
      if (!options.original) return;
      const truth = options.original[split.train[j]!]!;
      if (label === truth) fixesRight++;
      else if (trainLabels[j] === truth) fixesWrong++;
    });
    const probs = await fitAndPredict(data, split.train, fixed, split.holdout, {
      model: candidate.kind,
      l2: candidate.l2,
      seed,
      signal,
    });
    argmaxRows(probs, split.holdout.length, k).forEach((c, j) => (cleaned[split.holdout[j]!] = c));
    options.onFit?.(fitWork(candidate.kind, split.train.length));
  }
  return { cleaned, fixes, fixesRight, fixesWrong };
}

/** The Worth report and everything behind it (see the file header). */
export async function analyseTable(prepared: PreparedTable, options: WorthOptions = {}): Promise<TabularWorth> {
  const folds = options.folds ?? 5;
  const m = prepared.labels.y.length;
  const extras = options.extraNoise ?? EXTRA_NOISE;
  const fractions = [...new Set(options.fractions ?? CURVE_FRACTIONS)].filter((f) => f < 1).sort((a, b) => a - b);
  const repeats = options.repeats ?? defaultRepeats(m);
  const innerFolds = options.innerFolds ?? INNER_FOLDS;
  if (!(Number.isInteger(repeats) && repeats >= 1)) {
    throw new RangeError(`repeats must be a whole number ≥ 1, got ${repeats}`);
  }
  if (!(Number.isInteger(innerFolds) && innerFolds >= 2)) {
    throw new RangeError(`inner folds must be a whole number ≥ 2, got ${innerFolds}`);
  }
  const model = options.model ?? 'auto';
  const fits = worthFits(m, { folds, repeats, innerFolds, fractions: fractions.length, extras: extras.length, model });
  const plan = { folds, repeats, innerFolds, fractions, extras: extras.length };
  // Planned with logistic regression after the selection; planned again once the model is chosen.
  const run = startTabularRun(
    prepared,
    options,
    fits,
    selectionWork(m, folds, model) + worthWorkAfterSelection(m, { ...plan, kind: 'logreg' }),
  );
  const { given, original, flipped, data } = run;
  const k = data.classes;
  const { seed, filter } = run.summary;
  const signal = options.signal;

  // 1. Model, signal, noise, suspects.
  const measured = await measureTableNoise(data, given, run.splits, { model, seed, filter, signal, onFit: run.onFit });
  const chosen = measured.chosen;
  run.planRemainingWork(worthWorkAfterSelection(m, { ...plan, kind: chosen.kind }));
  const cvOptions = { model: chosen.kind, l2: chosen.l2, seed, signal, onFit: run.onFit };

  // 2. Per fold split: now, the curve, nested cleaning.
  const splitResults: SplitResult[] = [];
  for (let r = 0; r < repeats; r++) {
    const splits = r === 0 ? run.splits : repeatSplits(given, folds, seed, r);
    const full = r === 0 ? measured.cv : await crossValidateTable(data, given, splits, cvOptions);
    const curve: Int32Array[] = [];
    const sizes: number[] = [];
    for (const fraction of fractions) {
      const cv = await crossValidateTable(data, given, splits, { ...cvOptions, fraction });
      curve.push(cv.predicted);
      sizes.push(cv.trainSize);
    }
    curve.push(full.predicted);
    sizes.push(full.trainSize);
    const nested = await nestedCleaning(data, given, splits, {
      candidate: chosen,
      innerFolds,
      seed,
      repeat: r,
      filter,
      signal,
      onFit: run.onFit,
      original,
    });
    // Tiny tables can round two fractions to one size: keep the larger fraction of a repeated size.
    const keep = sizes.map((s, i) => i === sizes.length - 1 || s < sizes[i + 1]!);
    splitResults.push({
      fractions: [...fractions, 1].filter((_, i) => keep[i]),
      curve: curve.filter((_, i) => keep[i]),
      sizes: sizes.filter((_, i) => keep[i]),
      ...nested,
    });
  }

  // 3. Corrected accuracies, averaged over the splits; the bootstrap.
  const noise = measured.noise;
  const correction: NoiseCorrection =
    noise.correction === 'matrix'
      ? { kind: 'matrix', matrix: noise.classes.matrix }
      : { kind: 'uniform', rate: noise.estimate };
  const meanOver = (pick: (s: SplitResult) => number, over: readonly SplitResult[] = splitResults): number =>
    over.reduce((sum, s) => sum + pick(s), 0) / over.length;
  const score = (pick: (s: SplitResult) => Int32Array, over: readonly SplitResult[] = splitResults): AccuracyPoint => {
    const observed = meanOver((s) => accuracy(pick(s), given), over);
    const corrected = meanOver((s) => correctAccuracy(pick(s), given, k, correction), over);
    return {
      accuracy: observed,
      corrected: Number.isNaN(corrected) ? observed : corrected,
      truth: flipped ? meanOver((s) => accuracy(pick(s), original), over) : null,
    };
  };
  // Splits whose curves kept the same fractions as split 0 (all of them, but on the tiniest tables).
  const first = splitResults[0]!;
  const usable = splitResults.filter((s) => s.fractions.join() === first.fractions.join());
  const curve: CurvePoint[] = first.fractions.map((fraction, i) => {
    const point = score((s) => s.curve[i]!, usable);
    return { fraction, size: meanOver((s) => s.sizes[i]!, usable), ...point };
  });
  const baseline = score((s) => s.curve[s.curve.length - 1]!);
  const afterCleaning = {
    ...score((s) => s.cleaned),
    cleaning: {
      fixes: meanOver((s) => s.fixes),
      fixesRight: flipped ? meanOver((s) => s.fixesRight) : null,
      fixesWrong: flipped ? meanOver((s) => s.fixesWrong) : null,
    },
  };
  const z = normalQuantile(1 - (1 - noise.level) / 2);
  const bootstrap = worthBootstrap({
    given,
    classes: k,
    sizes: curve.map((p) => p.size),
    splits: usable.map((s) => ({ curve: s.curve, cleaned: s.cleaned })),
    correction,
    noiseInterval: { low: noise.low, high: noise.high, z },
    random: createRandom(seed, STREAM_WORTH_BOOTSTRAP),
    resamples: options.resamples ?? defaultResamples(m),
  });

  // 4. Noise sensitivity on split 0.
  const points: SensitivityPoint[] = [{ extra: 0, noise: noise.estimate, ...baseline }];
  for (const extra of extras) {
    const more = injectUniformNoise(given, {
      rate: extra,
      classes: k,
      random: createRandom(seed, STREAM_TABLE_EXTRA, extra),
    });
    const cv = await crossValidateTable(data, more.labels, run.splits, cvOptions);
    const observed = accuracy(cv.predicted, given);
    const corrected = correctAccuracy(cv.predicted, given, k, correction);
    points.push({
      extra,
      noise: composedNoiseRate(Math.min(noise.estimate, (k - 1) / k), extra, k),
      accuracy: observed,
      corrected: Number.isNaN(corrected) ? observed : corrected,
      truth: flipped ? accuracy(cv.predicted, original) : null,
    });
  }

  const chosenModel = modelReport(model, measured);
  const report = worthReport({
    n: m,
    classes: k,
    signal: measured.signal,
    noise,
    suspected: measured.detection.ranked.length,
    accuracyNow: baseline.corrected,
    accuracyAfterCleaning: afterCleaning.corrected,
    curve: { sizes: curve.map((p) => p.size), accuracy: curve.map((p) => p.corrected) },
    bootstrap,
    model: chosenModel.description,
    folds,
    innerFolds,
    repeats,
  });
  return {
    summary: run.summary,
    model: chosenModel,
    signal: measured.signal,
    baseline,
    detection: describeDetection(run, measured.detection),
    noise,
    classNames: run.classNames,
    afterCleaning,
    curve,
    sensitivity: {
      points,
      accuracyAtZeroNoise:
        new Set(points.map((p) => p.noise)).size > 1
          ? accuracyAtZeroNoise(points.map((p) => ({ noise: p.noise, accuracy: p.corrected }))).accuracy
          : baseline.corrected,
    },
    bootstrap,
    report,
    injected: injectedNoise(run, measured.detection, options.injectNoise),
    fits,
    repeats,
    innerFolds,
  };
}
