/**
 * How noisy a user's table's labels are, the one way both `lab issues` and
 * `lab worth` (and the page) measure it, so they agree:
 *
 * 1. choose the model: each candidate (logistic regression and a small MLP at
 *    a few L2 strengths) is cross-validated on the labels as given and scored
 *    by out-of-fold log-loss; the best logistic regression is kept unless the
 *    best MLP fits clearly better (its per-row log-loss lower by more than
 *    MLP_MARGIN_Z standard errors of the paired difference, and by at least
 *    MLP_MIN_GAIN). Tables larger
 *    than SELECTION_ROWS choose on a stratified sample of that many rows;
 * 2. the signal check (engine/worth/labelSignal.ts);
 * 3. the noise estimate: the plateau of the surest rows
 *    (engine/worth/plateauNoiseRate.ts), its interval spanning the runner-up
 *    model too when it fits about as well (the best model of the other kind,
 *    else the next setting; not clearly worse by the same test), and class by
 *    class (engine/worth/classNoise.ts): per-class flip rates and a noise
 *    matrix, shown always, used for the corrections only when useClassMatrix
 *    says the classes clearly differ;
 * 4. the suspected labels: confident learning's flags (the filter asked for),
 *    most suspect first, at most as many as the estimate says are wrong — the
 *    rest are hard examples, not wrong labels — and none when the features
 *    barely predict the label.
 *
 * Shapes: M labelled rows, K classes. Randomness: `createRandom(seed, …)`
 * streams only.
 */
import { STREAM_FOLDS, foldSplits, type FoldSplit } from '../engine/confident/outOfFold.ts';
import { detectLabelIssues, type Detection } from '../engine/confident/detect.ts';
import type { Filter } from '../engine/confident/findLabelIssues.ts';
import { createRandom, shuffle } from '../engine/random.ts';
import { groupByClass } from '../engine/split.ts';
import type { ModelChoice, ModelKind, TableModelKind } from '../engine/types.ts';
import { classNoise, type ClassNoise } from '../engine/worth/classNoise.ts';
import { labelSignal, type LabelSignal } from '../engine/worth/labelSignal.ts';
import { plateauNoiseRate, type PlateauNoiseRate } from '../engine/worth/plateauNoiseRate.ts';
import type { NoiseEstimate } from '../engine/worth/worthReport.ts';
import { FIT_COST, crossValidateTable, fitWork, type CrossValidated, type TableData } from './tabularFolds.ts';

export { MODEL_CHOICES, type ModelChoice } from '../engine/types.ts';

/** One model setting the analysis can choose. */
export interface Candidate {
  readonly kind: TableModelKind;
  /** L2 penalty: the logistic regression's 1 / C, the MLP's alpha. */
  readonly l2: number;
}

/** The candidates, simplest (most regularized) first within each kind. */
export const CANDIDATES: readonly Candidate[] = [
  { kind: 'logreg', l2: 100 },
  { kind: 'logreg', l2: 10 },
  { kind: 'logreg', l2: 1 },
  { kind: 'logreg', l2: 0.1 },
  { kind: 'mlp', l2: 100 },
  { kind: 'mlp', l2: 10 },
  { kind: 'mlp', l2: 1 },
];
/** Larger tables choose the model on a stratified sample of this many rows. */
export const SELECTION_ROWS = 4000;
/** The MLP replaces the logistic regression only when its log-loss is lower by this many standard errors… */
export const MLP_MARGIN_Z = 2;
/** …and by at least this much (nats per row): a difference no one would notice is not worth a slower model. */
export const MLP_MIN_GAIN = 0.01;
/** The randomness stream of the selection sample: `createRandom(seed, STREAM_SELECTION_SAMPLE)`. */
export const STREAM_SELECTION_SAMPLE = 55;

export function describeCandidate(c: Candidate): string {
  return c.kind === 'logreg'
    ? `logistic regression (C = ${1 / c.l2 >= 1 ? (1 / c.l2).toFixed(0) : (1 / c.l2).toFixed(2)})`
    : `a small neural network (64 hidden units, L2 ${c.l2})`;
}

export interface CandidateScore extends Candidate {
  /** Mean out-of-fold log-loss of the given labels. */
  readonly logLoss: number;
  readonly chosen: boolean;
}

export interface TableNoise {
  readonly chosen: Candidate;
  /** A model that fits about as well (see the file header), whose estimate the interval spans; null when every other is clearly worse. */
  readonly runnerUp: Candidate | null;
  readonly candidates: readonly CandidateScore[];
  /** Rows the choice was made on (all, or a sample). */
  readonly selectionRows: number;
  /** The chosen model, cross-validated on all rows with the run's folds. */
  readonly cv: CrossValidated;
  readonly signal: LabelSignal;
  readonly plateau: PlateauNoiseRate;
  readonly classes: ClassNoise;
  readonly noise: NoiseEstimate;
  /** Confident learning's flags, capped at the estimated number of wrong labels (see the file header). */
  readonly detection: Detection;
}

export interface TableNoiseOptions {
  readonly model: ModelChoice;
  readonly seed: number;
  readonly filter: Filter;
  readonly signal?: AbortSignal;
  /** Called after every fit with its work (tabularFolds.fitWork). */
  readonly onFit?: (work: number) => void;
}

/**
 * Above this many rows 'auto' tries logistic regression only: the analysis
 * trains some 60 models, and the MLP takes about a minute a fit on 160,000
 * rows (2 cores, wasm) against about a second for logistic regression. Ask for
 * `mlp` to use it anyway.
 */
export const MLP_MAX_ROWS = 20_000;

/** Candidates allowed by `choice` on a table of `rows` rows. */
export function candidatesFor(choice: ModelChoice, rows = 0): Candidate[] {
  const auto = rows > MLP_MAX_ROWS ? 'logreg' : 'auto';
  return CANDIDATES.filter((c) => (choice === 'auto' ? auto === 'auto' || c.kind === auto : c.kind === choice));
}

/** Fits the selection makes: folds × candidates, plus, on a sample, the chosen and runner-up models on all rows. */
export function selectionFits(rows: number, folds: number, choice: ModelChoice): number {
  const candidates = candidatesFor(choice, rows).length;
  return folds * candidates + (rows > SELECTION_ROWS ? 2 * folds : 0);
}

/**
 * The work of the selection's fits (see selectionFits, tabularFolds.fitWork):
 * every candidate on the sample's folds, then — on a sample — two models on
 * the full table's (counted at the cost of the priciest candidate).
 */
export function selectionWork(rows: number, folds: number, choice: ModelChoice): number {
  const candidates = candidatesFor(choice, rows);
  const perFold = (n: number): number => (n * (folds - 1)) / folds;
  const sample = perFold(Math.min(rows, SELECTION_ROWS));
  const onSample = candidates.reduce((sum, c) => sum + folds * fitWork(c.kind, sample), 0);
  const top = Math.max(...candidates.map((c) => FIT_COST[c.kind]));
  return onSample + (rows > SELECTION_ROWS ? 2 * folds * perFold(rows) * top : 0);
}

/** A stratified sample of `size` of the positions 0…M−1 (every class keeps its share), ascending. */
export function stratifiedSample(labels: Int32Array, size: number, seed: number): Int32Array {
  const m = labels.length;
  if (size >= m) return Int32Array.from({ length: m }, (_, i) => i);
  const random = createRandom(seed, STREAM_SELECTION_SAMPLE);
  const out: number[] = [];
  for (const members of groupByClass(labels)) {
    if (members.length === 0) continue;
    const take = Math.max(1, Math.round((size * members.length) / m));
    out.push(...shuffle(random, Int32Array.from(members)).subarray(0, Math.min(take, members.length)));
  }
  return Int32Array.from(out).sort();
}

/** Mean per-row log-loss of the given labels, and the per-row values. */
function logLosses(given: Int32Array, probs: ArrayLike<number>, k: number): Float64Array {
  return Float64Array.from(given, (g, i) => -Math.log(Math.max(probs[i * k + g]!, 1e-12)));
}
const mean = (a: Float64Array): number => a.reduce((s, v) => s + v, 0) / Math.max(a.length, 1);

/** Whether per-row losses `b` are lower than `a` by more than `z` standard errors of the paired difference and MLP_MIN_GAIN. */
function clearlyLower(a: Float64Array, b: Float64Array, z: number): boolean {
  const n = a.length;
  const d = Float64Array.from(a, (v, i) => v - b[i]!);
  const m = mean(d);
  const variance = d.reduce((s, v) => s + (v - m) * (v - m), 0) / Math.max(n - 1, 1);
  return m >= MLP_MIN_GAIN && m > z * Math.sqrt(variance / n);
}

/** The subset of a table's rows (positions), ready for cross-validation. */
export function subsetTable(data: TableData, rows: ArrayLike<number>): TableData {
  return { ...data, rows: Array.from(rows, (i) => data.rows[i]!) };
}

/**
 * Steps 1–4 of the file header on `given` with the run's `splits`. Returns
 * the chosen model's out-of-fold probabilities on every row and everything
 * measured from them.
 */
export async function measureTableNoise(
  data: TableData,
  given: Int32Array,
  splits: readonly FoldSplit[],
  options: TableNoiseOptions,
): Promise<TableNoise> {
  const k = data.classes;
  const m = given.length;
  const folds = splits.length;
  const allowed = candidatesFor(options.model, m);
  const sampled = m > SELECTION_ROWS;
  const sample = sampled ? stratifiedSample(given, SELECTION_ROWS, options.seed) : null;
  const selectionData = sample ? subsetTable(data, sample) : data;
  const selectionLabels = sample ? Int32Array.from(sample, (i) => given[i]!) : given;
  const selectionSplits = sample
    ? foldSplits(selectionLabels, { folds, random: createRandom(options.seed, STREAM_FOLDS, 1000) })
    : splits;
  const scored: { candidate: Candidate; cv: CrossValidated; losses: Float64Array }[] = [];
  for (const candidate of allowed) {
    const cv = await crossValidateTable(selectionData, selectionLabels, selectionSplits, {
      model: candidate.kind,
      l2: candidate.l2,
      seed: options.seed,
      signal: options.signal,
      onFit: options.onFit,
    });
    scored.push({ candidate, cv, losses: logLosses(selectionLabels, cv.probs, k) });
  }
  const bestOf = (kind: ModelKind) =>
    scored
      .filter((s) => s.candidate.kind === kind)
      .reduce<(typeof scored)[number] | null>(
        (best, s) => (!best || mean(s.losses) < mean(best.losses) ? s : best),
        null,
      );
  const lr = bestOf('logreg');
  const mlp = bestOf('mlp');
  const chosenScore = lr && mlp ? (clearlyLower(lr.losses, mlp.losses, MLP_MARGIN_Z) ? mlp : lr) : (lr ?? mlp)!;
  const others = scored.filter((s) => s !== chosenScore).sort((a, b) => mean(a.losses) - mean(b.losses));
  const otherKind = lr && mlp ? (chosenScore === lr ? mlp : lr) : null;
  // The runner-up widens the interval only when it fits about as well: a clearly worse model's sure rows are not sure.
  const runnerUpScore =
    [otherKind, ...others].find((s) => s && !clearlyLower(s.losses, chosenScore.losses, MLP_MARGIN_Z)) ?? null;
  const fitAll = async (s: (typeof scored)[number]): Promise<CrossValidated> =>
    sampled
      ? crossValidateTable(data, given, splits, {
          model: s.candidate.kind,
          l2: s.candidate.l2,
          seed: options.seed,
          signal: options.signal,
          onFit: options.onFit,
        })
      : s.cv;
  const cv = await fitAll(chosenScore);
  const alternative = runnerUpScore ? await fitAll(runnerUpScore) : null;
  // A sample's planned runner-up fits are not needed without a runner-up: count them as done.
  if (sampled && !runnerUpScore) {
    const top = Math.max(...allowed.map((c) => FIT_COST[c.kind]));
    for (const split of splits) options.onFit?.(split.train.length * top);
  }

  const signal = labelSignal(given, cv.probs, k);
  const plateau = plateauNoiseRate(given, cv.probs, k, { alternatives: alternative ? [alternative.probs] : [] });
  const classes = classNoise(given, cv.probs, k);
  const estimate = plateau.estimate;
  const matrix = useClassMatrix(classes, plateau);
  // The matrix shown: the per-class shape at the pooled estimate's level (the same as the one used, when it is).
  const shown = matrix ?? scaledNoiseMatrix(classes.matrix, k, classes.rate > 0 ? estimate / classes.rate : 1);
  const noise: NoiseEstimate = {
    estimate,
    low: plateau.low,
    high: plateau.high,
    level: plateau.level,
    anchorRows: plateau.anchorRows,
    correction: matrix ? 'matrix' : 'uniform',
    classes: {
      flipRates: Array.from({ length: k }, (_, j) => 1 - shown[j * k + j]!),
      matrix: Array.from(shown),
      priors: Array.from(classes.priors),
      pValue: classes.test.pValue,
      classConditional: matrix !== null,
    },
  };
  const detection = cappedDetection(given, cv.probs, k, options.filter, signal.informative ? estimate : 0);
  return {
    chosen: chosenScore.candidate,
    runnerUp: runnerUpScore?.candidate ?? null,
    candidates: scored.map((s) => ({ ...s.candidate, logLoss: mean(s.losses), chosen: s === chosenScore })),
    selectionRows: selectionLabels.length,
    cv,
    signal,
    plateau,
    classes,
    noise,
    detection,
  };
}

/** A class's flip rates must differ by at least this much before the matrix replaces one rate. */
export const MIN_FLIP_SPREAD = 0.1;

/**
 * `(K, K)` noise matrix with each column's off-diagonal mass multiplied by
 * `scale` (at most 0.95 of the column) and the diagonal taking the rest:
 * the shape of the per-class estimate at the pooled estimate's level.
 */
export function scaledNoiseMatrix(matrix: ArrayLike<number>, k: number, scale: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const off = 1 - matrix[j * k + j]!;
    const target = Math.min(0.95, Math.max(0, off * scale));
    const factor = off > 0 ? target / off : 0;
    for (let i = 0; i < k; i++) out[i * k + j] = i === j ? 1 - target : matrix[i * k + j]! * factor;
  }
  return out;
}

/**
 * The noise matrix to correct accuracies with, or null for one rate. Classes
 * a model finds hard look noisier than they are, so the matrix is used only
 * when the evidence is strong on every count: the chi-square test is decisive
 * (classNoise's CLASS_CONDITIONAL_P), the flip rates differ by at least
 * MIN_FLIP_SPREAD, and the overall rate the per-class estimates imply lies in
 * the pooled estimate's interval (impure anchors in one class push it above).
 * The matrix is then rescaled so its overall rate is the pooled estimate: the
 * pooled plateau sets the level, the classes the shape. On the tuning tables a
 * looser rule switched to the matrix on hard classes and made the accuracies worse.
 */
export function useClassMatrix(classes: ClassNoise, plateau: PlateauNoiseRate): Float64Array | null {
  const rates = Array.from(classes.flipRates);
  const k = rates.length;
  const spread = Math.max(...rates) - Math.min(...rates);
  if (!classes.classConditional || spread < MIN_FLIP_SPREAD) return null;
  if (!(classes.rate >= plateau.low && classes.rate <= plateau.high)) return null;
  return scaledNoiseMatrix(classes.matrix, k, classes.rate > 0 ? plateau.estimate / classes.rate : 1);
}

/** Confident learning's detection with its ranked flags cut to round(rate · M), most suspect kept. */
export function cappedDetection(
  given: Int32Array,
  probs: ArrayLike<number>,
  k: number,
  filter: Filter,
  rate: number,
): Detection {
  const detection = detectLabelIssues(given, probs, k, { filter });
  const cap = Math.max(0, Math.round((Number.isFinite(rate) ? rate : 0) * given.length));
  return detection.ranked.length <= cap ? detection : { ...detection, ranked: detection.ranked.slice(0, cap) };
}
