/**
 * The Worth report: what the label noise costs and what fixing it is worth,
 * assembled from measured pieces (no training here; src/model/tabularWorth.ts
 * trains), in plain words — and only the numbers the measurements support.
 *
 * Inputs, all from the labels as given:
 * - labelSignal: do the features predict the label at all? If not, no noise
 *   rate and no worth is stated;
 * - the noise estimate (plateauNoiseRate, classNoise) with its interval;
 * - accuracy now and after cleaning, each out of fold and corrected for the
 *   noise in the labels scored against; "after cleaning" is nested: the
 *   flags and fixes are decided inside each training fold, never on the rows
 *   that score them;
 * - the learning curve on the labels as given, from which dataEquivalent
 *   finds how much more data of the same quality would reach the accuracy
 *   after cleaning;
 * - worthBootstrap's intervals for all of these.
 *
 * The verdict, in order: 'no_signal' (the features barely predict the label),
 * 'unsure' (the noise interval is too wide to act on), 'no_noise' (nothing
 * looks wrong), 'may_not_help' (the gain's interval includes zero), 'helps'.
 */
import type { Curve } from '../exchange.ts';
import { dataEquivalent, MAX_EXTRAPOLATION, type DataEquivalent } from './dataEquivalent.ts';
import { CLASS_CONDITIONAL_P } from './classNoise.ts';
import type { LabelSignal } from './labelSignal.ts';
import type { Interval, WorthBootstrap } from './worthBootstrap.ts';

/** A noise interval wider than this (in share of labels) is too wide to act on: the verdict is 'unsure'. */
export const MAX_NOISE_SPREAD = 0.2;
/** An upper end of the noise interval below this, with nothing flagged, reads as "no sign of wrong labels". */
export const NO_NOISE_BELOW = 0.02;

export interface NoiseEstimate {
  /** Estimated share of wrong labels. */
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly level: number;
  /** Rows the plateau estimate averages over. */
  readonly anchorRows: number;
  /** Which correction the accuracies use: uniform noise, or the class-conditional noise matrix. */
  readonly correction: 'uniform' | 'matrix';
  /** Per-class flip rates and the noise matrix (see classNoise.ts), plain arrays. */
  readonly classes: {
    readonly flipRates: readonly number[];
    /** `(K, K)` row-major, [given][true], columns sum to 1. */
    readonly matrix: readonly number[];
    readonly priors: readonly number[];
    readonly pValue: number;
    readonly classConditional: boolean;
  };
}

export interface WorthInput {
  /** Number of labelled examples. */
  readonly n: number;
  /** K. */
  readonly classes: number;
  readonly signal: LabelSignal;
  readonly noise: NoiseEstimate;
  /** Labels flagged as probably wrong. */
  readonly suspected: number;
  /** Estimated accuracies on true labels (points). */
  readonly accuracyNow: number;
  readonly accuracyAfterCleaning: number;
  /** The learning curve on the labels as given (corrected accuracies), largest size = the current one. */
  readonly curve: Curve;
  readonly bootstrap: WorthBootstrap;
  /** e.g. "logistic regression (L2 1/C = 10)". */
  readonly model: string;
  readonly folds: number;
  readonly innerFolds: number;
  /** Fold splits the cross-validation was run on. */
  readonly repeats: number;
}

export type WorthVerdict = 'no_signal' | 'unsure' | 'no_noise' | 'may_not_help' | 'helps';

export interface Estimate extends Interval {
  readonly estimate: number;
}

export type DataEquivalentReport = DataEquivalent & {
  /** Interval ends of the factor; null = more than `bound` (past it, only a bound is stated). */
  readonly low: number | null;
  readonly high: number | null;
  /** How far past the measured sizes the curve is followed: "more than 2×" beyond it. */
  readonly bound: number;
};

export interface WorthReport {
  readonly verdict: WorthVerdict;
  /** Null when the features barely predict the label ('no_signal'). */
  readonly noiseRate: (Estimate & { readonly level: number }) | null;
  readonly suspected: number;
  readonly accuracyNow: Estimate | null;
  readonly accuracyAfterCleaning: Estimate | null;
  /** After cleaning minus now. */
  readonly gain: Estimate | null;
  readonly dataEquivalent: DataEquivalentReport | null;
  readonly headline: string;
  readonly method: string[];
  readonly caveats: string[];
}

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
const points = (v: number): string => `${v >= 0 ? '+' : '−'}${(100 * Math.abs(v)).toFixed(1)}`;
const times = (v: number): string => (v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(2));

/** The data-equivalent's factor in words, e.g. "about 1.6× the data (1.2× to 2.0×)". */
export function describeDataEquivalent(e: DataEquivalentReport): string {
  const range =
    e.low === null
      ? ''
      : e.high === null
        ? ` (90% interval: ${times(e.low)}× to more than ${e.bound}×)`
        : ` (90% interval: ${times(e.low)}× to ${times(e.high)}×)`;
  switch (e.status) {
    case 'interpolated':
      // Below 1×: the accuracy after cleaning is below what the data as it is reaches — worth no data at all.
      return e.factor < 1
        ? `less than the data you already have: the accuracy after cleaning is what ${times(e.factor)}× of it reaches${range}`
        : e.factor === 1
          ? `no more than the data you already have (1×)${range}`
          : `about ${times(e.factor)}× the data${range}`;
    case 'below_range':
      return `at most ${times(e.factor)}× the data (the smallest measured size already reaches it)${range}`;
    case 'extrapolated':
      return `about ${times(e.factor)}× the data (a short extrapolation past the measured curve)${range}`;
    case 'beyond_range':
      return e.moreThan <= 1
        ? `more than any amount of data as noisy as this — its learning curve does not rise${range}`
        : `more than ${e.bound}× the data — further than the measured curve can say${range}`;
  }
}

const pValue = (p: number): string => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

/** How the noise by class was used, and why (see src/model/tableNoise.ts useClassMatrix). */
function classSentence(noise: NoiseEstimate): string {
  const p = pValue(noise.classes.pValue);
  if (noise.correction === 'matrix') {
    return `Class by class: the classes flip at clearly different rates (test p = ${p}), so the accuracies are corrected with the estimated noise matrix rather than one rate.`;
  }
  if (noise.classes.pValue < CLASS_CONDITIONAL_P) {
    return `Class by class: the test says the classes' disagreement rates differ (p = ${p}), but not by enough, or not consistently with the overall estimate, to tell wrong labels from a class the model finds hard; the accuracies are corrected for one rate spread evenly over the other classes.`;
  }
  return `Class by class: the flip rates of the classes are not clearly different (test p = ${p}), so the accuracies are corrected for one rate spread evenly over the other classes.`;
}

function interval(i: Interval): string {
  return `${pct(i.low)} to ${pct(i.high)}`;
}

function verdictOf(input: WorthInput): WorthVerdict {
  const { signal, noise, suspected, bootstrap } = input;
  if (!signal.informative) return 'no_signal';
  if (noise.high - noise.low > MAX_NOISE_SPREAD) return 'unsure';
  if (suspected === 0 || noise.high < NO_NOISE_BELOW) return 'no_noise';
  if (!(bootstrap.gain.low > 0)) return 'may_not_help';
  return 'helps';
}

function headline(input: WorthInput, verdict: WorthVerdict, equivalent: DataEquivalentReport): string {
  const { signal, noise, suspected, bootstrap, accuracyNow, accuracyAfterCleaning } = input;
  const level = Math.round(100 * bootstrap.level);
  switch (verdict) {
    case 'no_signal':
      return `The features barely predict the label: cross-validated accuracy ${pct(signal.accuracy)} against ${pct(signal.majority)} by always guessing the most common class. Wrong labels cannot be told apart from a label the features do not explain, so there is no noise rate and no worth to report.`;
    case 'unsure':
      return `Can't tell how many labels are wrong: somewhere between ${pct(noise.low)} and ${pct(noise.high)}. The model is not sure enough of enough rows to tell wrong labels from examples that are merely hard, so no gain from cleaning is claimed.`;
    case 'no_noise':
      return suspected === 0
        ? 'No label looks wrong: nothing to fix, so cleaning has nothing to add here.'
        : `No sign of wrong labels: at most ${pct(noise.high)} estimated, so cleaning has little to add here.`;
    case 'may_not_help':
      if (bootstrap.gain.high < 0) {
        return `Accepting every suggestion would make the model worse: accuracy ${pct(accuracyNow)} now, ${pct(accuracyAfterCleaning)} after relabelling the ~${suspected} suspected labels (${points(bootstrap.gain.low)} to ${points(bootstrap.gain.high)} points, ${level}% interval). Many flags are correct labels the model finds hard: review them by hand instead.`;
      }
      return `Cleaning may not help: accuracy after fixing the ~${suspected} suspected labels is ${pct(accuracyAfterCleaning)} against ${pct(accuracyNow)} now (${points(bootstrap.gain.low)} to ${points(bootstrap.gain.high)} points, ${level}% interval, which includes no gain).`;
    case 'helps':
      return `Fixing the ~${suspected} suspected labels is worth ${describeDataEquivalent(equivalent)}: accuracy ${pct(accuracyNow)} → ${pct(accuracyAfterCleaning)} (${points(bootstrap.gain.low)} to ${points(bootstrap.gain.high)} points).`;
  }
}

export function worthReport(input: WorthInput): WorthReport {
  const { n, noise, suspected, accuracyNow, accuracyAfterCleaning, curve, bootstrap, signal } = input;
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  if (!(Number.isInteger(suspected) && suspected >= 0 && suspected <= n)) {
    throw new RangeError(`suspected must be a whole number from 0 to ${n}, got ${suspected}`);
  }
  const verdict = verdictOf(input);
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const point = dataEquivalent(curve, { target: accuracyAfterCleaning, maxFactor: MAX_EXTRAPOLATION });
  const equivalent: DataEquivalentReport = {
    ...point,
    low: finite(bootstrap.factor.low),
    high: finite(bootstrap.factor.high),
    bound: MAX_EXTRAPOLATION,
  };
  const measured = verdict !== 'no_signal';
  const claim = verdict === 'helps' || verdict === 'may_not_help';
  const level = Math.round(100 * bootstrap.level);
  const model = input.model;
  const splits = input.repeats > 1 ? `, repeated on ${input.repeats} different splits into folds` : '';
  return {
    verdict,
    noiseRate: measured ? { estimate: noise.estimate, low: noise.low, high: noise.high, level: noise.level } : null,
    suspected,
    accuracyNow: measured ? { estimate: accuracyNow, ...bootstrap.accuracyNow } : null,
    accuracyAfterCleaning: measured ? { estimate: accuracyAfterCleaning, ...bootstrap.accuracyAfterCleaning } : null,
    gain: measured ? { estimate: accuracyAfterCleaning - accuracyNow, ...bootstrap.gain } : null,
    dataEquivalent: claim ? equivalent : null,
    headline: headline(input, verdict, equivalent),
    method: [
      `Signal: every row was predicted by ${model} trained without it (${input.folds}-fold cross-validation${splits}); it gets ${pct(signal.accuracy)} of the given labels right, against ${pct(signal.majority)} for always guessing the most common class.`,
      `Noise rate: the rows sorted by how sure that model is, surest first. A label mistaken at random is as likely on a sure row as on any other, and where the model is right a disagreement is a wrong label: among the surest ${noise.anchorRows} rows (the disagreement rate smoothed so it can only rise as the model gets less sure) ${pct(noise.estimate)} of the given labels disagree. The ${Math.round(100 * noise.level)}% interval (${interval(noise)}) spans how far that plateau is taken to reach and a second model, each with its sampling error.`,
      classSentence(noise),
      `Accuracy now: scored against the given labels of rows the model never saw, then corrected for the estimated wrong labels among them (a right prediction looks wrong when its label is wrong).`,
      `Accuracy after cleaning, without leakage: in each fold, the flags and fixes were decided from the training rows alone (a ${input.innerFolds}-fold cross-validation inside them), the model was retrained on those cleaned rows and scored on the untouched held-out rows, corrected the same way.`,
      `Data-equivalent: the model trained on growing fractions of the data as it is; where that curve reaches the accuracy after cleaning, as a multiple of the data you have, followed at most ${MAX_EXTRAPOLATION}× past the largest measured size.`,
      `Intervals (${level}%): ${bootstrap.resamples} resamples of the rows${input.repeats > 1 ? ` and fold splits` : ''}, each with a noise rate drawn from its interval.`,
    ],
    caveats: [
      noise.correction === 'matrix'
        ? 'The noise matrix is estimated from the rows the model is surest about in each class; a class the model finds hard looks noisier than it is.'
        : 'The labels are assumed wrong at random: a wrong label is any other class with equal chance. Systematic mistakes (one class often called another) bend these numbers, usually making the problem look smaller than it is.',
      `What counts as wrong here is a label that disagrees with the model where it is surest. If even those rows include cases the features cannot decide (classes that look alike in these columns), or labels whose meaning changed while the data were collected, they count too: no method can tell them apart from the table alone, so read the rate as an upper end. To measure it, review a random sample of the flagged rows by hand: if only a share of them are really wrong, the rate is about that share of ${pct(noise.estimate)}, plus any wrong labels the model does not flag.`,
      'Every accuracy is estimated without the true labels. The correction for noisy scoring grows with the noise: an error of one point in the noise rate moves the accuracies by one to two points, more with two classes and high noise.',
      'The accuracy after cleaning assumes every suggestion is accepted; reviewing the flags by hand (keeping the correct labels) can only do better.',
      `Past the largest measured size the learning curve is followed by a straight line in log size, at most ${MAX_EXTRAPOLATION}×; beyond that the report only says "more than ${MAX_EXTRAPOLATION}×". Real curves flatten, so an extrapolated factor is nearer a lower bound.`,
      `With few examples all of this is rough: on ${n} rows a single wrong prediction is ${(100 / Math.max(n, 1)).toFixed(2)} points of accuracy.`,
    ],
  };
}
