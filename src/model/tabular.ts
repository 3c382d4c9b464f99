/**
 * A user's table, end to end: the pieces every tabular analysis shares —
 * the labelled rows, the labels to train with (optionally with known noise
 * injected first), the folds — and the label-issue detection itself.
 * tabularWorth.ts builds the Worth report on top; tabularCurve.ts the
 * learning curve.
 *
 * Input: a table prepared by the engine (engine/table: decode → parse →
 * column types → label check), with no error problems. Shapes: M labelled
 * rows (`labels.rows`, indices into `table.rows`), K classes; positions
 * 0…M−1 index the labelled rows, and `row` is the 1-based row a spreadsheet
 * shows for it (the header is row 1).
 *
 * Randomness: every stream is `createRandom(seed, STREAM_…, …)`, so the same
 * table, options and seed give the same numbers on the same backend.
 * No Node APIs: the same code runs in the CLI and in a worker.
 */
import { STREAM_FOLDS, foldSplits, type FoldSplit } from '../engine/confident/outOfFold.ts';
import { scoreFlags, type Detection, type FlagScores } from '../engine/confident/detect.ts';
import type { Filter } from '../engine/confident/findLabelIssues.ts';
import { accuracy } from '../engine/metrics.ts';
import { injectUniformNoise } from '../engine/noise/uniform.ts';
import { injectClassConditionalNoise } from '../engine/noise/classConditional.ts';
import { createRandom } from '../engine/random.ts';
import type { ColumnInfo } from '../engine/table/columnTypes.ts';
import { featureColumns } from '../engine/table/featurize.ts';
import type { ClassCount, LabelCheck } from '../engine/table/labelColumn.ts';
import type { RawTable } from '../engine/table/parse.ts';
import type { NoiseEstimate } from '../engine/worth/worthReport.ts';
import type { LabelSignal } from '../engine/worth/labelSignal.ts';
import { crossValidateTable, type CrossValidated, type TableData } from './tabularFolds.ts';
import {
  describeCandidate,
  measureTableNoise,
  selectionFits,
  type Candidate,
  type CandidateScore,
  type ModelChoice,
} from './tableNoise.ts';

/** The randomness stream of injected noise: `createRandom(seed, STREAM_TABLE_INJECT, rate)` (class-conditional: `…, rate, 1)`). */
export const STREAM_TABLE_INJECT = 51;

/** How injected noise flips labels. */
export type InjectNoiseKind = 'uniform' | 'class_conditional';
export const INJECT_NOISE_KINDS: readonly InjectNoiseKind[] = ['uniform', 'class_conditional'];

/** What the engine's table steps produce, ready for training. */
export interface PreparedTable {
  readonly table: Pick<RawTable, 'header' | 'rows' | 'rowNumbers'>;
  readonly columns: readonly ColumnInfo[];
  readonly labels: LabelCheck;
}

export interface TabularProgress {
  /** Fits done, of `total` planned. */
  readonly done: number;
  readonly total: number;
  /**
   * Training rows of the fits done, of `totalWork` planned, when the run
   * plans them: fits differ in size (a 4,000-row model-selection sample, curve
   * fractions, inner folds), so the time left is paced by rows, not fits.
   */
  readonly work?: number;
  readonly totalWork?: number;
}

export interface TabularOptions {
  /** Cross-validation folds; default 5. */
  readonly folds?: number;
  /** Seed of the folds, the injected noise, the subsets and the bootstrap; default 0. */
  readonly seed?: number;
  /** Which models to choose from (tableNoise.ts); default 'auto'. */
  readonly model?: ModelChoice;
  /** Confident learning's filter; default prune_by_noise_rate. */
  readonly filter?: Filter;
  /** Flip this fraction of the labels first (seeded), to measure the analysis against known noise. */
  readonly injectNoise?: number;
  /** How the injected noise flips: 'uniform' (default: any other class) or 'class_conditional' (engine/noise/classConditional.ts). */
  readonly injectNoiseKind?: InjectNoiseKind;
  /** Checked between fits (and inside each fit). */
  readonly signal?: AbortSignal;
  /** Called after each fit with the fits done and the fits planned. */
  readonly onProgress?: (progress: TabularProgress) => void;
}

/** One suspected label, as the user sees it. */
export interface TabularIssue {
  /** Position among the labelled rows. */
  readonly position: number;
  /** Row number in the file (header = row 1). */
  readonly row: number;
  readonly given: string;
  readonly suggested: string;
  /** Self-confidence: the out-of-fold probability of the given label (lower = more suspect). */
  readonly score: number;
  /** With injected noise: whether this label was one of the flipped ones; else null. */
  readonly injected: boolean | null;
}

export interface InjectedNoise {
  readonly rate: number;
  readonly kind: InjectNoiseKind;
  /** Positions whose label was flipped. */
  readonly flipped: Int32Array;
  /** File rows (header = row 1) whose label was flipped, ascending. */
  readonly flippedRows: readonly number[];
  /** flipped / M. */
  readonly trueNoiseRate: number;
  /** The flags scored against the flipped positions. */
  readonly flags: FlagScores;
}

export interface TabularSummary {
  /** M: rows with a label (the rows analysed). */
  readonly rows: number;
  /** Rows set aside for a missing label. */
  readonly setAside: number;
  readonly classes: readonly ClassCount[];
  /** Names of the columns used as features. */
  readonly features: readonly string[];
  readonly label: string;
  readonly folds: number;
  readonly seed: number;
  /** The models allowed ('auto', 'logreg' or 'mlp'); the one chosen is in the analysis' `model`. */
  readonly model: ModelChoice;
  readonly filter: Filter;
}

/** The model an analysis chose, and how (tableNoise.ts). */
export interface ModelReport {
  readonly choice: ModelChoice;
  readonly chosen: Candidate;
  /** e.g. "logistic regression (C = 0.1)". */
  readonly description: string;
  readonly runnerUp: Candidate | null;
  readonly candidates: readonly CandidateScore[];
  /** Rows the choice was made on (all, or a stratified sample of a large table). */
  readonly selectionRows: number;
}

export interface TabularDetection {
  /** Confident learning's own estimate (1 − trace of its joint); it counts hard examples too. The report's estimate is `noise.estimate`. */
  readonly estimatedNoiseRate: number;
  readonly flagged: number;
  /** Most suspect first. */
  readonly issues: readonly TabularIssue[];
  /** `(M)` 1-based file row of every analysed row, in position order. */
  readonly rowNumbers: Int32Array;
  /** `(M)` each analysed row's label quality: the out-of-fold probability of its given label (lower = more suspect). */
  readonly scores: Float64Array;
}

export interface TableIssues {
  readonly summary: TabularSummary;
  readonly model: ModelReport;
  /** Out-of-fold accuracy against the labels trained with (the given labels, or the noisy ones when noise was injected). */
  readonly baselineAccuracy: number;
  /** Do the features predict the label (engine/worth/labelSignal.ts)? */
  readonly signal: LabelSignal;
  /** The estimated share of wrong labels, the same as `lab worth`'s; null when the features barely predict the label. */
  readonly noise: NoiseEstimate | null;
  readonly detection: TabularDetection;
  readonly injected: InjectedNoise | null;
}

/** The shared state of one analysis: data, labels, folds, and a fit counter for progress and cancellation. */
export interface TabularRun {
  readonly data: TableData;
  /** `(M)` 1-based file row of each labelled row. */
  readonly rowNumbers: Int32Array;
  readonly classNames: readonly string[];
  /** `(M)` labels as in the file. */
  readonly original: Int32Array;
  /** `(M)` labels trained with: the original ones, or with the injected noise. */
  readonly given: Int32Array;
  readonly flipped: Int32Array | null;
  readonly injectKind: InjectNoiseKind;
  readonly splits: readonly FoldSplit[];
  readonly summary: TabularSummary;
  /** Counts one fit, of `work` (tabularFolds.fitWork), towards the run's progress. */
  onFit(work?: number): void;
  /** Plans the work still to come (once the model is chosen, say): the total becomes the work done plus `work`. */
  planRemainingWork(work: number): void;
  /** Cross-validates `labels` at `fraction` (default 1) with the default model of the run's kind ('auto': logistic regression), counting the fits. */
  crossValidate(labels: Int32Array, fraction?: number): Promise<CrossValidated>;
}

/**
 * Sets up a run: labelled rows, (noisy) labels, folds, and progress over
 * `totalFits` fits — and over `totalWork` training rows, when given.
 */
export function startTabularRun(
  prepared: PreparedTable,
  options: TabularOptions,
  totalFits: number,
  plannedWork?: number,
): TabularRun {
  let totalWork = plannedWork;
  const { table, columns, labels } = prepared;
  const folds = options.folds ?? 5;
  const seed = options.seed ?? 0;
  const model = options.model ?? 'auto';
  const filter = options.filter ?? 'prune_by_noise_rate';
  const k = labels.classes.length;
  if (k < 2) throw new RangeError(`need at least 2 classes, got ${k}`);
  if (labels.y.length < folds) throw new RangeError(`${folds} folds need at least ${folds} labelled rows`);
  const data: TableData = {
    rows: Array.from(labels.rows, (i) => table.rows[i]!),
    columns,
    label: labels.column,
    classes: k,
  };
  if (featureColumns(columns, labels.column).length === 0) throw new RangeError('no feature columns to train on');
  const original = labels.y;
  let given = original;
  let flipped: Int32Array | null = null;
  if (options.injectNoise !== undefined) {
    const rate = options.injectNoise;
    const noisy =
      options.injectNoiseKind === 'class_conditional'
        ? injectClassConditionalNoise(original, {
            rate,
            classes: k,
            random: createRandom(seed, STREAM_TABLE_INJECT, rate, 1),
          })
        : injectUniformNoise(original, {
            rate,
            classes: k,
            random: createRandom(seed, STREAM_TABLE_INJECT, rate),
          });
    given = noisy.labels;
    flipped = noisy.flipped;
  }
  const splits = foldSplits(given, { folds, random: createRandom(seed, STREAM_FOLDS) });
  let done = 0;
  let work = 0;
  const onFit = (fitWork = 0): void => {
    done++;
    work += fitWork;
    options.onProgress?.(
      totalWork === undefined
        ? { done, total: totalFits }
        : { done, total: totalFits, work: Math.min(work, totalWork), totalWork },
    );
  };
  return {
    data,
    rowNumbers: Int32Array.from(labels.rows, (i) => table.rowNumbers[i] ?? i + 1),
    classNames: labels.classes.map((c) => c.name),
    original,
    given,
    flipped,
    injectKind: options.injectNoiseKind ?? 'uniform',
    splits,
    summary: {
      rows: original.length,
      setAside: labels.setAside.length,
      classes: labels.classes,
      features: featureColumns(columns, labels.column).map((c) => c.name),
      label: table.header[labels.column] ?? '',
      folds,
      seed,
      model,
      filter,
    },
    onFit,
    planRemainingWork: (remaining) => {
      if (totalWork !== undefined) totalWork = work + remaining;
    },
    crossValidate: (labelsToUse, fraction = 1) =>
      crossValidateTable(data, labelsToUse, splits, {
        model: model === 'auto' ? 'logreg' : model,
        seed,
        fraction,
        signal: options.signal,
        onFit,
      }),
  };
}

/** Confident learning on a run's out-of-fold probabilities, with issues named as the user sees them. */
export function describeDetection(run: TabularRun, detection: Detection): TabularDetection {
  const flipped = run.flipped ? new Set(run.flipped) : null;
  return {
    estimatedNoiseRate: detection.estimatedNoiseRate,
    flagged: detection.ranked.length,
    issues: Array.from(detection.ranked, (i) => ({
      position: i,
      row: run.rowNumbers[i]!,
      given: run.classNames[run.given[i]!]!,
      suggested: run.classNames[detection.suggested[i]!]!,
      score: detection.scores[i]!,
      injected: flipped ? flipped.has(i) : null,
    })),
    rowNumbers: run.rowNumbers,
    scores: detection.scores,
  };
}

/** The injected noise and how well `detection` finds it; null without injected noise. */
export function injectedNoise(run: TabularRun, detection: Detection, rate: number | undefined): InjectedNoise | null {
  if (!run.flipped || rate === undefined) return null;
  return {
    rate,
    kind: run.injectKind,
    flipped: run.flipped,
    flippedRows: Array.from(run.flipped, (i) => run.rowNumbers[i]!),
    trueNoiseRate: run.flipped.length / run.given.length,
    flags: scoreFlags(detection.ranked, run.flipped),
  };
}

/** The model report of a noise measurement. */
export function modelReport(choice: ModelChoice, noise: Awaited<ReturnType<typeof measureTableNoise>>): ModelReport {
  return {
    choice,
    chosen: noise.chosen,
    description: describeCandidate(noise.chosen),
    runnerUp: noise.runnerUp,
    candidates: noise.candidates,
    selectionRows: noise.selectionRows,
  };
}

/**
 * Label issues alone: the model chosen and cross-validated, the noise rate
 * and the capped flags — the same steps, and so the same numbers, as the
 * Worth report (tableNoise.ts).
 */
export async function detectTableIssues(prepared: PreparedTable, options: TabularOptions = {}): Promise<TableIssues> {
  const folds = options.folds ?? 5;
  const rows = prepared.labels.y.length;
  const run = startTabularRun(prepared, options, selectionFits(rows, folds, options.model ?? 'auto'));
  const noise = await measureTableNoise(run.data, run.given, run.splits, {
    model: run.summary.model,
    seed: run.summary.seed,
    filter: run.summary.filter,
    signal: options.signal,
    onFit: run.onFit,
  });
  return {
    summary: run.summary,
    model: modelReport(run.summary.model, noise),
    baselineAccuracy: accuracy(noise.cv.predicted, run.given),
    signal: noise.signal,
    noise: noise.signal.informative ? noise.noise : null,
    detection: describeDetection(run, noise.detection),
    injected: injectedNoise(run, noise.detection, options.injectNoise),
  };
}
