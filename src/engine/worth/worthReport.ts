/**
 * The Worth report: what the label noise costs and what fixing it is worth,
 * assembled from measured pieces (no training here; a driver trains).
 *
 * Inputs, all from the noisy labels alone:
 * - the noise-rate estimate and its interval (noiseRateInterval: confident
 *   learning's, or its blend with the anchored estimate) and the number of
 *   suspected labels (confident learning's flags);
 * - the accuracy now and after cleaning, each already corrected for the
 *   noise in the labels it was scored against (noiseCorrectedAccuracy), or
 *   read off the noise-sensitivity curve (accuracyAtZeroNoise);
 * - the learning curve of the model on the noisy labels (same scoring),
 *   from which dataEquivalent finds how much more noisy data would reach the
 *   accuracy after cleaning.
 */
import type { Curve } from '../exchange.ts';
import { dataEquivalent, type DataEquivalent } from './dataEquivalent.ts';
import type { NoiseRateInterval } from './noiseRateInterval.ts';

export interface WorthInput {
  /** Number of labelled examples. */
  readonly n: number;
  readonly noiseRate: NoiseRateInterval;
  /** Labels flagged as probably wrong. */
  readonly suspected: number;
  /** Estimated accuracy (on true labels) of the model trained on the labels as they are. */
  readonly accuracyNow: number;
  /** Estimated accuracy (on true labels) after cleaning the labels. */
  readonly accuracyAfterCleaning: number;
  /** Accuracy of the model trained on the labels as they are, against training size; its largest size is the current one. */
  readonly curve: Curve;
  /** How the accuracies were measured, e.g. "5-fold cross-validated logistic regression". */
  readonly model?: string;
  /** Fold splits whose out-of-fold probabilities were averaged for the noise rate; default 1. */
  readonly repeats?: number;
  /** Passed to dataEquivalent. */
  readonly fitPoints?: number;
  readonly maxFactor?: number;
}

export interface WorthReport {
  readonly noiseRate: {
    readonly estimate: number;
    readonly low: number;
    readonly high: number;
    readonly level: number;
  };
  readonly suspected: number;
  readonly accuracyNow: number;
  readonly accuracyAfterCleaning: number;
  /** accuracyAfterCleaning − accuracyNow. */
  readonly gain: number;
  readonly dataEquivalent: DataEquivalent;
  /** One sentence: "fixing the ~N suspected labels is worth about …". */
  readonly headline: string;
  readonly method: string[];
  readonly caveats: string[];
}

const percent = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** The first method sentence: how the noise rate was estimated. */
function noiseRateMethod(noiseRate: NoiseRateInterval, n: number, model: string, repeats: number): string {
  const level = Math.round(100 * noiseRate.level);
  const interval = `The ${level}% interval (${percent(noiseRate.low)} to ${percent(noiseRate.high)})`;
  const blend = noiseRate.blend;
  if (!blend) {
    return `Noise rate: every example was predicted by ${model} trained without it (cross-validation); confident learning counted the examples whose given label disagrees confidently with the prediction, giving ${percent(noiseRate.estimate)} of ${n} labels. ${interval} comes from redoing that count on ${noiseRate.resamples} random resamples of the rows.`;
  }
  const splits = repeats > 1 ? `, averaged over ${repeats} different splits into folds` : '';
  const w = blend.weight;
  const weighing =
    w >= 0.9
      ? "the two agree within sampling error, so the estimate is confident learning's, which uses every example"
      : w <= 0.1
        ? 'that is more than the sure examples show, as happens when classes overlap (it also counts examples that are hard rather than mislabelled), so the estimate follows the sure examples'
        : `the estimate weighs the two (${Math.round(100 * w)}% confident learning) by how far apart they are, against the sampling error of the sure examples`;
  return `Noise rate: every example was predicted by ${model} trained without it (cross-validation${splits}). A label mistaken at random is as likely on an example the model is sure about as on any other, and there a disagreement with the prediction is almost always a wrong label: among the ${blend.anchorRows} surest examples, ${percent(blend.anchored)} of the given labels disagree. Confident learning, which counts confident disagreements on every example, gives ${percent(blend.confidentLearning)}; ${weighing}. That makes ${percent(noiseRate.estimate)} of ${n} labels. ${interval} comes from redoing all of this on ${noiseRate.resamples} random resamples of the rows.`;
}

/** The data-equivalent in words, e.g. "about 2.3× more data (extrapolated)". */
export function describeDataEquivalent(e: DataEquivalent): string {
  switch (e.status) {
    case 'interpolated':
      return e.factor <= 1
        ? `no more than the data you already have (${e.factor.toFixed(2)}×)`
        : `about ${e.factor.toFixed(1)}× the data`;
    case 'below_range':
      return `at most ${e.factor.toFixed(2)}× the data (the smallest measured size already reaches it)`;
    case 'extrapolated':
      return `about ${e.factor.toFixed(1)}× more data (extrapolated beyond the measured curve)`;
    case 'beyond_range':
      return e.moreThan <= 1
        ? 'more than any amount of this noisy data — its learning curve does not rise, so more of it is not seen to help'
        : `more than ${e.moreThan.toFixed(0)}× more data — more noisy data of this kind is not seen to get there`;
  }
}

/** A caveat when confident learning flags clearly more rows than the (blended) estimate says are wrong. */
function overflagged(noiseRate: NoiseRateInterval, suspected: number, n: number): string[] {
  if (!noiseRate.blend || Number.isNaN(noiseRate.estimate)) return [];
  const wrong = Math.round(noiseRate.estimate * n);
  if (!(suspected >= 1.5 * wrong && suspected - wrong >= 5)) return [];
  return [
    `Confident learning flagged ${suspected} rows, more than the ~${wrong} wrong labels estimated: some flags are examples that are hard to classify rather than mislabelled, so fixing all of them would also change correct labels.`,
  ];
}

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

/**
 * The report in one sentence. When relabelling the suspects does not raise
 * the estimated accuracy, the sentence says so (and, when far fewer labels
 * are estimated wrong than flagged, why) instead of a data-equivalent below 1×.
 */
function headline(input: WorthInput, equivalent: DataEquivalent): string {
  const { suspected, accuracyNow, accuracyAfterCleaning, noiseRate, n } = input;
  if (suspected === 0) {
    return 'No label looks wrong: confident learning found nothing to fix, so cleaning has nothing to add here.';
  }
  if (accuracyAfterCleaning - accuracyNow < 0.0005) {
    const wrong = Math.round(noiseRate.estimate * n);
    const why =
      Number.isFinite(wrong) && suspected >= 1.5 * wrong && suspected - wrong >= 5
        ? ` Only ~${wrong} labels are estimated wrong: most flags look like hard examples, not mistakes.`
        : '';
    return `Fixing the ~${suspected} suspected labels would not help: accuracy after cleaning (${pct(accuracyAfterCleaning)}) is no better than now (${pct(accuracyNow)}).${why}`;
  }
  return `Fixing the ~${suspected} suspected labels is worth ${describeDataEquivalent(equivalent)}.`;
}

export function worthReport(input: WorthInput): WorthReport {
  const { noiseRate, suspected, accuracyNow, accuracyAfterCleaning, curve, n } = input;
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  if (!(Number.isInteger(suspected) && suspected >= 0 && suspected <= n)) {
    throw new RangeError(`suspected must be a whole number from 0 to ${n}, got ${suspected}`);
  }
  for (const [name, v] of [
    ['accuracyNow', accuracyNow],
    ['accuracyAfterCleaning', accuracyAfterCleaning],
  ] as const) {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${v}`);
  }
  const equivalent = dataEquivalent(curve, {
    target: accuracyAfterCleaning,
    fitPoints: input.fitPoints,
    maxFactor: input.maxFactor,
  });
  const model = input.model ?? 'the model';
  return {
    noiseRate: { estimate: noiseRate.estimate, low: noiseRate.low, high: noiseRate.high, level: noiseRate.level },
    suspected,
    accuracyNow,
    accuracyAfterCleaning,
    gain: accuracyAfterCleaning - accuracyNow,
    dataEquivalent: equivalent,
    headline: headline(input, equivalent),
    method: [
      noiseRateMethod(noiseRate, n, model, input.repeats ?? 1),
      `Accuracy now: ${model} trained on the labels as they are, scored against the same noisy labels, then corrected for the estimated noise in those labels (a right prediction looks wrong when its label is wrong).`,
      `Accuracy after cleaning: ${model} retrained with the ${suspected} suspected labels replaced by the model's suggestion, scored and corrected the same way.`,
      `Data-equivalent: ${model} trained on growing fractions of the data as it is, scored the same way; the size at which that curve reaches the accuracy after cleaning, as a multiple of the data you have (a straight line in log size past the largest measured size).`,
    ],
    caveats: [
      'The labels are assumed wrong at random: a wrong label is any other class with equal chance. Systematic mistakes (one class often called another) bend every number here, usually making the problem look smaller than it is.',
      'Every accuracy is estimated without the true labels. The correction for noisy scoring grows with the noise: an error of one point in the noise rate moves the accuracies by one to two points, more with two classes and high noise.',
      'Accuracies are capped at 100%; near the cap, an estimate of 100% means "about as good as this model gets", not a promise of no errors.',
      'The accuracy after cleaning assumes the suspected labels are fixed correctly; the flags include some correct labels and miss some wrong ones.',
      'Past the largest measured size the learning curve is extended by a straight line in log size. Real curves flatten, so an extrapolated factor is nearer a lower bound: more data could take longer to catch up, or never.',
      `With few examples all of this is rough: on ${n} rows a single wrong prediction is ${(100 / Math.max(n, 1)).toFixed(2)} points of accuracy.`,
      ...overflagged(noiseRate, suspected, n),
    ],
  };
}
