/**
 * State of a review cell: find label issues in a training set with known
 * injected noise (confident learning on out-of-fold probabilities from the
 * worker pool), let the reader review the flagged items, retrain with their
 * fixes, and draw the cleaning budget (accuracy against labels reviewed, for
 * three review orders, averaged over `seeds` training sets drawn the same way:
 * the reader's own and the next seeds', each with its own detection).
 *
 * Three kinds of request — detect (Run), retrain and budget — share one
 * status and one run-id counter: the latest request wins and cancels the one
 * in flight. Results of a cancelled request stay; fits already measured are
 * cached per detection, so drawing the budget again only trains what is
 * missing. A new detection replaces the review list and the decisions only
 * once it has finished; until then nothing the reader decided is lost.
 *
 * Positions index the training set (0…N−1); rows are data-set rows.
 */
import { SvelteMap } from 'svelte/reactivity';
import { IDLE, cellStatusReducer, isBusy, type CellEvent, type CellStatus } from '../notebook/cellStatus.ts';
import { readReviewParams } from '../notebook/cellSchemas.ts';
import type { ReviewCellSpec, ReviewParams } from '../notebook/types.ts';
import { classNamesOf } from '../engine/datasets.ts';
import { createRandom } from '../engine/random.ts';
import { TrialPreparer } from '../engine/trial.ts';
import type { Dataset } from '../engine/types.ts';
import {
  applyReviewDecisions,
  budgetPaysFrom,
  budgetSteps,
  summarizeBudget,
  confidentReviewOrder,
  detectLabelIssues,
  NO_DECISIONS,
  withDecision,
  foldSplits,
  oracleReviewOrder,
  outOfFoldProbabilities,
  planCleaningBudget,
  randomReviewOrder,
  referenceFoldSplits,
  REFERENCE_MODEL,
  REFERENCE_SEED,
  scoreFlags,
  STREAM_FOLDS,
  STREAM_RANDOM_REVIEW,
  tallyReviewDecisions,
  type BudgetPlan,
  type Detection,
  type FlagScores,
  type FoldSplit,
  type ReviewDecision,
  type ReviewTally,
  type SetBudget,
} from '../engine/confident/index.ts';
import type { EvaluateRequest, EvaluateResult, HeldOutRequest } from '../workers/protocol.ts';
import { isAbortError } from '../workers/protocol.ts';
import type { CellDeps, RequestOptions } from './cellDeps.ts';
import type { CellSnapshot } from './cellPersistence.ts';
import { reviewResultJson, reviewResultTables, type CellResultJson, type ResultTable } from './cellResults.ts';

export type { ReviewDecision, ReviewTally };

/** What the cell is doing (or last did). */
export type ReviewTask = 'detect' | 'retrain' | 'budget';

/** The review orders of the cleaning-budget chart. */
export type ReviewOrder = 'confident' | 'random' | 'oracle';
export const REVIEW_ORDERS: readonly ReviewOrder[] = ['confident', 'random', 'oracle'];

/** One training set and what confident learning found in it: the reader's, or another seed's for the budget. */
export interface DetectedSet {
  /** The seed that drew the training set, its noise and its folds. */
  readonly seed: number;
  /** `(N)` data-set rows of the training set. */
  readonly rows: Int32Array;
  /** `(N)` the labels the model saw (noisy). */
  readonly given: Int32Array;
  /** `(N)` the true labels. */
  readonly truth: Int32Array;
  /** Positions whose label the injected noise flipped. */
  readonly flipped: Int32Array;
  /** `(N, K)` out-of-fold predicted probabilities. */
  readonly probs: Float64Array;
  readonly detection: Detection;
  /** `(N_test)` the test labels with the same noise, for the misleading measurement. */
  readonly noisyTestLabels: Int32Array;
}

/** One finished detection: the training set, its labels and what confident learning found. */
export interface ReviewRun extends DetectedSet {
  /** The parameters it ran with (the form may have moved on since). */
  readonly params: ReviewParams;
  readonly dataset: Dataset;
  readonly classNames: readonly string[];
  /** The flags scored against the truly flipped positions. */
  readonly flags: FlagScores;
  /** The realized noise rate: flipped / N. */
  readonly trueNoise: number;
  /** Fraction of those noisy test labels that are wrong. */
  readonly testLabelNoise: number;
}

/** One flagged item in the review list, most suspect first. */
export interface ReviewItem {
  readonly position: number;
  /** Data-set row (for drawing the item). */
  readonly row: number;
  /** 0-based place in the list. */
  readonly rank: number;
  readonly given: number;
  /** The model's most likely class (argmax of the out-of-fold probabilities). */
  readonly suggested: number;
  /** Self-confidence: the out-of-fold probability of the given label. Low = suspect. */
  readonly score: number;
  /** The out-of-fold probability of the suggested class. */
  readonly suggestedProbability: number;
  /** The true label (known: the noise was injected). */
  readonly truth: number;
}

/** What "Retrain with my fixes" measured. */
export interface RetrainOutcome {
  /** Trained on the noisy labels. */
  readonly before: EvaluateResult;
  /** Trained with the reader's decisions applied. */
  readonly after: EvaluateResult;
  /** The decisions it used. */
  readonly tally: ReviewTally;
  /** Training examples after removals. */
  readonly trainingSize: number;
}

export interface BudgetSeriesPoint {
  readonly budget: number;
  /** Accuracy on the clean test set, the mean over the training sets measured at this point; null before any. */
  readonly accuracy: number | null;
  /** Standard deviation of those accuracies (0 with one). */
  readonly sd: number;
  /** The accuracy of each training set measured, in seed order. */
  readonly values: readonly number[];
  /** Wrong labels corrected within this budget, the mean over the training sets planned so far. */
  readonly corrected: number;
}

export interface BudgetChart {
  readonly budgets: readonly number[];
  readonly series: readonly { readonly order: ReviewOrder; readonly points: readonly BudgetSeriesPoint[] }[];
  /** Accuracy with every label clean, the mean over the training sets measured; null before any. */
  readonly clean: number | null;
  readonly cleanSd: number;
  readonly cleanValues: readonly number[];
  /** Truly wrong labels in the reader's training set (the budgets are planned from it). */
  readonly wrong: number;
  readonly size: number;
  /** Training sets the chart averages once complete: seeds seed … seed + seeds − 1. */
  readonly seeds: number;
  /** Training sets with every point measured. */
  readonly setsMeasured: number;
  /** Every point of every training set is measured. */
  readonly complete: boolean;
  /**
   * Once complete: the fewest labels reviewed from which the confident-learning
   * order beat the noisy labels in every training set, at that budget and
   * every larger one; null before, or when it never did.
   */
  readonly paysFrom: number | null;
  /** Fits measured and planned (training sets not detected yet count as many fits as the reader's). */
  readonly done: number;
  readonly total: number;
}

export interface ReviewProgress {
  readonly task: ReviewTask | null;
  readonly done: number;
  readonly total: number;
  /** Done plus the fraction of the work in flight, over the total. */
  readonly fraction: number;
  /** What is counted: cross-validation folds or model fits. */
  readonly unit: 'folds' | 'fits';
}

const GIVEN_KEY = 'given';

export class ReviewCellState {
  readonly spec: ReviewCellSpec;
  readonly #deps: CellDeps;
  readonly #now: () => number;
  #params = $state.raw<ReviewParams>() as ReviewParams;
  #problems = $state.raw<readonly string[]>([]);
  #revision = $state(0);
  #status = $state.raw<CellStatus>(IDLE);
  #task = $state.raw<ReviewTask | null>(null);
  #done = $state(0);
  #total = $state(0);
  readonly #partial = new SvelteMap<number, number>();
  #run = $state.raw<ReviewRun | null>(null);
  #decisions = $state.raw<ReadonlyMap<number, ReviewDecision>>(NO_DECISIONS);
  #history = $state.raw<readonly { readonly position: number; readonly previous: ReviewDecision | null }[]>([]);
  /** Fits measured for the current detection (and the budget's other training sets), by training-set key. */
  readonly #fits = new SvelteMap<string, EvaluateResult>();
  #fitFailures = $state.raw<readonly string[]>([]);
  /** The preparer of the current detection: its data set and reference model, for the budget's other seeds. */
  #preparer: TrialPreparer | null = null;
  /** The cleaning budget's budgets, once first drawn for the current detection. */
  #budgets = $state.raw<readonly number[] | null>(null);
  /** The budget plan of each training set, by seed. */
  readonly #plans = new SvelteMap<number, BudgetPlan>();
  /** The budget's other training sets, detected, by seed. */
  readonly #sets = new SvelteMap<number, DetectedSet>();
  #retrained = $state.raw<{ readonly key: string; readonly tally: ReviewTally; readonly trainingSize: number } | null>(
    null,
  );
  #runId = 0;
  #controller: AbortController | null = null;
  /** A saved record said a detection was on screen: run it again on start (its folds come from the result cache). */
  #resumePending = false;
  /** The detection put back by resume(), while it is the one on screen. */
  #resumedRun = $state.raw<ReviewRun | null>(null);

  readonly items: readonly ReviewItem[] = $derived(this.#run ? reviewItems(this.#run) : []);
  readonly tally: ReviewTally = $derived(
    this.#run
      ? tallyReviewDecisions(this.#decisions, this.#run.given, this.#run.truth)
      : tallyReviewDecisions(NO_DECISIONS, new Int32Array(0), new Int32Array(0)),
  );

  constructor(spec: ReviewCellSpec, deps: CellDeps, now: () => number = () => performance.now()) {
    this.spec = spec;
    this.#deps = deps;
    this.#now = now;
    this.#params = spec.params;
  }

  get params(): ReviewParams {
    return this.#params;
  }
  /** Problems with the current parameters; Run is refused while there are any. */
  get problems(): readonly string[] {
    return this.#problems;
  }
  /** Bumped when the parameters are replaced wholesale (reset), so forms reload. */
  get revision(): number {
    return this.#revision;
  }
  get status(): CellStatus {
    return this.#status;
  }
  get busy(): boolean {
    return isBusy(this.#status);
  }
  /** The request the status is about. */
  get task(): ReviewTask | null {
    return this.#task;
  }
  get progress(): ReviewProgress {
    let partial = 0;
    for (const f of this.#partial.values()) partial += f;
    const total = this.#total;
    return {
      task: this.#task,
      done: this.#done,
      total,
      fraction: total ? Math.min(1, (this.#done + partial) / total) : 0,
      unit: this.#task === 'detect' ? 'folds' : 'fits',
    };
  }
  /** The latest finished detection, or null. */
  get result(): ReviewRun | null {
    return this.#run;
  }
  /** The detection on screen was run again on restore (resume()), not by the reader. */
  get resumed(): boolean {
    return this.#run !== null && this.#run === this.#resumedRun;
  }
  /** The parameters differ from those of the detection on screen. */
  get outdated(): boolean {
    return this.#run !== null && !sameParams(this.#run.params, this.#params);
  }
  get decisions(): ReadonlyMap<number, ReviewDecision> {
    return this.#decisions;
  }
  get canUndo(): boolean {
    return this.#history.length > 0;
  }
  /** Decisions that change the training set (relabels and removals). */
  get changes(): number {
    let changes = 0;
    for (const d of this.#decisions.values()) if (d.kind !== 'keep') changes++;
    return changes;
  }
  /** Fits that failed in the latest budget or retrain request. */
  get fitFailures(): readonly string[] {
    return this.#fitFailures;
  }

  /** The retrain result, once both fits are known. */
  get retrained(): RetrainOutcome | null {
    const r = this.#retrained;
    if (!r) return null;
    const before = this.#fits.get(GIVEN_KEY);
    const after = this.#fits.get(r.key);
    return before && after ? { before, after, tally: r.tally, trainingSize: r.trainingSize } : null;
  }

  /**
   * The retrain on screen no longer matches the decisions: a relabel or
   * removal was made or taken back since (keeping a label changes nothing
   * the model trains on).
   */
  get retrainOutdated(): boolean {
    const r = this.#retrained;
    return r !== null && r.key !== decisionsKey(this.#decisions);
  }

  /** The cleaning-budget chart's data so far; null before it was first drawn. */
  get budget(): BudgetChart | null {
    const run = this.#run;
    const budgets = this.#budgets;
    if (!run || !budgets) return null;
    const seeds = budgetSeeds(run.params);
    const main = this.#plans.get(run.seed);
    const sets: SetBudget[] = [];
    let done = 0;
    let total = 0;
    let setsMeasured = 0;
    for (const seed of seeds) {
      const plan = this.#plans.get(seed);
      if (!plan) {
        total += main?.fits.length ?? 0;
        continue;
      }
      const accuracyOf = (fit: number) => this.#fits.get(fitKey(seed, run.seed, plan, fit))?.accuracy ?? null;
      const accuracy: Record<string, (number | null)[]> = {};
      const corrected: Record<string, number[]> = {};
      for (const order of REVIEW_ORDERS) {
        const points = plan.points.filter((p) => p.order === order);
        accuracy[order] = points.map((p) => accuracyOf(p.fit));
        corrected[order] = points.map((p) => p.corrected);
      }
      let measured = 0;
      plan.fits.forEach((_, i) => (measured += accuracyOf(i) === null ? 0 : 1));
      done += measured;
      total += plan.fits.length;
      if (measured === plan.fits.length) setsMeasured++;
      sets.push({ accuracy, corrected, clean: accuracyOf(plan.cleanFit) });
    }
    const summary = summarizeBudget(budgets, REVIEW_ORDERS, sets);
    const complete = setsMeasured === seeds.length;
    return {
      budgets,
      series: summary.series.map((s) => ({
        order: s.order as ReviewOrder,
        points: s.points.map(({ budget, mean, sd, values, corrected }) => ({
          budget,
          accuracy: mean,
          sd,
          values,
          corrected,
        })),
      })),
      clean: summary.clean.mean,
      cleanSd: summary.clean.sd,
      cleanValues: summary.clean.values,
      wrong: run.flipped.length,
      size: run.rows.length,
      seeds: seeds.length,
      setsMeasured,
      complete,
      paysFrom: complete ? budgetPaysFrom(budgets, sets, 'confident') : null,
      done,
      total,
    };
  }

  /** The pixels (or features) of a data-set row: `(D)` values in [0, 1]. */
  featuresOf(row: number): Float32Array {
    const dataset = this.#run?.dataset;
    if (!dataset) return new Float32Array(0);
    return dataset.x.subarray(row * dataset.d, (row + 1) * dataset.d);
  }

  /**
   * Sets parameters from form values. Problems are listed and Run waits until
   * they are fixed. The review list and the decisions stay until a new run.
   */
  setParams(patch: Readonly<Record<string, unknown>>): void {
    const { params, problems } = readReviewParams({ ...this.#params, ...patch }, this.#params);
    this.#params = params;
    this.#problems = problems.map((p) => `${p.key}: ${p.reason}`).filter((p, i, all) => all.indexOf(p) === i);
    if (this.#run || this.busy) this.#dispatch({ type: 'invalidate' });
  }

  /** Back to the lesson's parameters; the review list and the decisions stay. */
  resetParams(): void {
    this.#resumePending = false;
    this.#params = this.spec.params;
    this.#problems = [];
    this.#revision++;
    if (this.#run && this.outdated) this.#dispatch({ type: 'invalidate' });
  }

  /** Alias of resetParams() (the uniform cell interface of cellPersistence.ts). */
  resetToDefaults(): void {
    this.resetParams();
  }

  /**
   * The parameters, and `ran: true` when a detection answering them is on
   * screen. The run itself holds the whole data set, too big to keep: a
   * restored cell runs it again on start (resume()), its folds then come from
   * the result cache (resultCache.ts) without training.
   */
  saveState(): CellSnapshot {
    const ran = this.#run !== null && !this.outdated;
    return { params: this.#params as unknown as Record<string, unknown>, ...(ran ? { result: { ran: true } } : {}) };
  }

  /** Applies saved or linked parameters (over the lesson's). With any problem nothing changes and the problems come back. */
  restoreState(saved: CellSnapshot): readonly string[] {
    const { params, problems } = readReviewParams(saved.params, this.spec.params);
    if (problems.length) return problems.map((p) => `${p.key}: ${p.reason}`);
    this.#params = params;
    this.#problems = [];
    this.#revision++;
    if (this.#run || this.busy) this.#dispatch({ type: 'invalidate' });
    this.#resumePending = (saved.result as { ran?: unknown } | undefined)?.ran === true;
    return [];
  }

  /** Runs the detection again if the restored record had one on screen (LessonState.start). */
  async resume(): Promise<void> {
    if (!this.#resumePending) return;
    this.#resumePending = false;
    if (this.#run || this.busy) return;
    await this.run();
    if (this.#run && !this.outdated) this.#resumedRun = this.#run;
  }

  /**
   * Finds label issues: loads the data set, injects the noise, trains the
   * cross-validation folds in the pool and runs confident learning. The
   * review list and decisions are replaced when it finishes.
   */
  async run(): Promise<void> {
    if (this.#problems.length) return;
    const params = this.#params;
    const { runId, signal, current } = this.#begin('detect');
    try {
      const dataset = await this.#deps.loadDataset(params.dataset).catch((error: unknown) => {
        throw new Error(
          `Could not load the ${params.dataset} data set (${messageOf(error)}). Check the connection and run again.`,
        );
      });
      if (!current()) return;
      const k = dataset.classes;
      const reference = params.noise.kind === 'boundary' ? referenceFoldSplits(dataset.y) : [];
      this.#dispatch({ type: 'start', runId, total: reference.length + params.folds, at: this.#now() });
      this.#total = reference.length + params.folds;
      let referenceProbabilities: Float64Array | undefined;
      if (reference.length) {
        referenceProbabilities = await outOfFoldProbabilities(dataset.n, k, reference, (split, fold) =>
          this.#tracked(runId, fold, current, (options) =>
            this.#deps.trainer.predictHeldOut(
              {
                dataset: params.dataset,
                model: REFERENCE_MODEL,
                trainRows: split.train,
                trainLabels: Int32Array.from(split.train, (row) => dataset.y[row]!),
                predictRows: split.holdout,
                seed: REFERENCE_SEED,
              },
              { ...options, signal },
            ),
          ),
        );
        if (!current()) return;
      }
      const preparer = new TrialPreparer(dataset, { referenceProbabilities });
      const set = await detectSet(params, preparer, params.seed, (request, fold) =>
        this.#tracked(runId, reference.length + fold, current, (options) =>
          this.#deps.trainer.predictHeldOut(request, { ...options, signal }),
        ),
      );
      if (!current()) return;
      const testTruth = preparer.test.y;
      let wrongTest = 0;
      for (let i = 0; i < testTruth.length; i++) if (set.noisyTestLabels[i] !== testTruth[i]) wrongTest++;
      const { size } = params;
      this.#run = {
        ...set,
        params,
        dataset,
        classNames: dataset.classNames.length >= k ? dataset.classNames : classNamesOf(params.dataset, k),
        flags: scoreFlags(set.detection.ranked, set.flipped),
        trueNoise: size ? set.flipped.length / size : 0,
        testLabelNoise: testTruth.length ? wrongTest / testTruth.length : 0,
      };
      this.#preparer = preparer;
      this.#decisions = NO_DECISIONS;
      this.#history = [];
      this.#fits.clear();
      this.#fitFailures = [];
      this.#budgets = null;
      this.#plans.clear();
      this.#sets.clear();
      this.#retrained = null;
      this.#end(runId);
    } catch (error) {
      this.#failed(runId, current, error, 'Finding label issues failed');
    }
  }

  /** Stops the request in flight; results so far stay. */
  cancel(): void {
    if (!this.#controller) return;
    this.#controller.abort();
    this.#controller = null;
    this.#partial.clear();
    this.#dispatch({ type: 'cancel', runId: this.#runId });
  }

  /**
   * Records a decision about the item at `position` (replacing an earlier
   * one). Relabelling to the given label counts as keeping it.
   */
  decide(position: number, decision: ReviewDecision): void {
    const run = this.#run;
    if (!run) return;
    if (!(Number.isInteger(position) && position >= 0 && position < run.given.length)) {
      throw new RangeError(`no training example at position ${position}`);
    }
    if (decision.kind === 'relabel') {
      const k = run.dataset.classes;
      if (!(Number.isInteger(decision.label) && decision.label >= 0 && decision.label < k)) {
        throw new RangeError(`label ${decision.label} is not a class in [0, ${k})`);
      }
      if (decision.label === run.given[position]) decision = { kind: 'keep' };
    }
    const previous = this.#decisions.get(position) ?? null;
    if (previous && sameDecision(previous, decision)) return;
    this.#decisions = withDecision(this.#decisions, position, decision);
    this.#history = [...this.#history, { position, previous }];
  }

  /** Relabels the item at `position` to the model's suggestion. */
  accept(position: number): void {
    const run = this.#run;
    if (!run) return;
    this.decide(position, { kind: 'relabel', label: run.detection.suggested[position]! });
  }

  /** Undoes the latest decision; returns the position it was about, or null when there is none. */
  undo(): number | null {
    const last = this.#history.at(-1);
    if (!last) return null;
    this.#decisions = withDecision(this.#decisions, last.position, last.previous);
    this.#history = this.#history.slice(0, -1);
    return last.position;
  }

  /**
   * Trains on the labels with the reader's decisions applied (removed items
   * dropped) and on the noisy labels, and measures both on the clean test set
   * and against equally noisy test labels.
   */
  async retrain(): Promise<void> {
    const run = this.#run;
    if (!run) return;
    const decisions = this.#decisions;
    const { rows, labels } = applyReviewDecisions(run.rows, run.given, decisions);
    const key = decisionsKey(decisions);
    const tally = tallyReviewDecisions(decisions, run.given, run.truth);
    const { runId, signal, current } = this.#begin('retrain');
    if (rows.length === 0) {
      this.#dispatch({
        type: 'fail',
        runId,
        message: 'Every training example is removed, so there is nothing to train on. Undo some removals.',
      });
      this.#controller = null;
      return;
    }
    const wanted: [string, Int32Array, Int32Array][] = [[GIVEN_KEY, run.rows, run.given]];
    if (key !== GIVEN_KEY) wanted.push([key, rows, labels]);
    const missing = wanted.filter(([k]) => !this.#fits.has(k));
    this.#dispatch({ type: 'start', runId, total: wanted.length, at: this.#now() });
    this.#total = wanted.length;
    this.#setDone(runId, wanted.length - missing.length);
    this.#fitFailures = [];
    try {
      await Promise.all(
        missing.map(([fitKey, fitRows, fitLabels], index) =>
          this.#evaluate(runId, index, current, signal, run, run, fitKey, fitRows, fitLabels),
        ),
      );
      if (!current()) return;
      this.#retrained = { key, tally, trainingSize: rows.length };
      this.#end(runId);
    } catch (error) {
      this.#failed(runId, current, error, 'Retraining failed');
    }
  }

  /**
   * Draws the cleaning budget: for each of the `seeds` training sets (the
   * reader's, then the next seeds' — each detected first, with its own folds),
   * one fit per distinct training-label set of every (order, budget) point,
   * plus all labels clean. Work runs concurrently in the pool, the reader's
   * set first, and streams into the chart; folds and fits measured before (a
   * cancelled request, the retrain's noisy-label fit) are not repeated.
   */
  async drawBudget(): Promise<void> {
    const run = this.#run;
    const preparer = this.#preparer;
    if (!run || !preparer) return;
    const budgets = (this.#budgets ??= budgetSteps(run.flipped.length, run.rows.length));
    if (!this.#plans.has(run.seed)) this.#plans.set(run.seed, budgetPlan(run, budgets));
    const main = this.#plans.get(run.seed)!;
    const seeds = budgetSeeds(run.params);
    /** Seeds whose training set this request detects: their folds count as work. */
    const detecting = seeds.filter((seed) => seed !== run.seed && !this.#sets.has(seed));
    const work = () => {
      let done = 0;
      let total = 0;
      for (const seed of seeds) {
        if (detecting.includes(seed)) total += run.params.folds;
        const plan = this.#plans.get(seed);
        total += plan?.fits.length ?? main.fits.length;
        plan?.fits.forEach((_, i) => (done += this.#fits.has(fitKey(seed, run.seed, plan, i)) ? 1 : 0));
      }
      return { done, total };
    };
    const { runId, signal, current } = this.#begin('budget');
    const start = work();
    this.#dispatch({ type: 'start', runId, total: start.total, at: this.#now() });
    this.#total = start.total;
    this.#setDone(runId, start.done);
    this.#fitFailures = [];
    const failures: string[] = [];
    const failed = (error: unknown) => {
      if (!current() || isAbortError(error)) return;
      failures.push(messageOf(error));
      this.#fitFailures = [...failures];
    };
    let slot = 0;
    let attempted = 0;
    const measure = async (seed: number) => {
      let set: DetectedSet | undefined = seed === run.seed ? run : this.#sets.get(seed);
      if (!set) {
        try {
          set = await detectSet(run.params, preparer, seed, (request) =>
            this.#tracked(runId, slot++, current, (options) =>
              this.#deps.trainer.predictHeldOut(request, { ...options, signal }),
            ),
          );
        } catch (error) {
          attempted++;
          failed(error);
          return;
        }
        // A detection is a fact about these parameters: keep it even if a newer request superseded this one.
        if (this.#run !== run) return;
        this.#sets.set(seed, set);
        this.#plans.set(seed, budgetPlan(set, budgets));
        if (current()) {
          this.#total = work().total;
          this.#dispatch({ type: 'progress', runId, done: this.#done, total: this.#total });
        }
      }
      const plan = this.#plans.get(seed)!;
      const detected = set;
      const missing = plan.fits
        .map((fit, i) => ({ fit, key: fitKey(seed, run.seed, plan, i) }))
        .filter(({ key }) => !this.#fits.has(key));
      await Promise.all(
        missing.map(({ fit, key }) => {
          attempted++;
          return this.#evaluate(runId, slot++, current, signal, run, detected, key, detected.rows, fit.labels).catch(
            (error: unknown) => {
              failed(error);
              if (current() && !isAbortError(error)) this.#setDone(runId, this.#done + 1);
            },
          );
        }),
      );
    };
    await Promise.all(seeds.map(measure));
    if (!current()) return;
    if (attempted > 0 && failures.length === attempted) {
      this.#failed(runId, current, new Error(failures[0]), 'Drawing the cleaning budget failed');
    } else {
      this.#end(runId);
    }
  }

  /** The results as tables for a CSV download (cellResults.ts); none before a result. */
  resultTables(): ResultTable[] {
    return reviewResultTables(this);
  }

  /** The parameters, outputs and main result data for a JSON download (cellResults.ts); null before a result. */
  resultJson(): CellResultJson | null {
    return reviewResultJson(this);
  }

  /** Values prose can reference as {{id.key}}; null until known. */
  get outputs(): Record<string, number | string | null> {
    const run = this.#run;
    const flags = run?.flags;
    const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);
    const retrained = this.retrained;
    const tally = this.tally;
    return {
      flagged: flags?.flagged ?? null,
      truePositives: flags?.truePositives ?? null,
      precision: finite(flags?.precision),
      recall: finite(flags?.recall),
      f1: finite(flags?.f1),
      estimatedNoise: finite(run?.detection.estimatedNoiseRate),
      trueNoise: run ? run.trueNoise : null,
      reviewed: run ? tally.reviewed : null,
      fixed: run ? tally.relabelled : null,
      accuracyBefore: retrained?.before.accuracy ?? this.#fits.get(GIVEN_KEY)?.accuracy ?? null,
      accuracyAfter: retrained?.after.accuracy ?? null,
      ...this.#budgetOutputs(),
    };
  }

  /**
   * The cleaning budget's outputs: how many training sets it averages and the
   * budget nearest the number of wrong labels once a detection is on screen;
   * the means (and `paysFrom`, NaN when it never paid) only once every point
   * of every training set is measured, so the prose never quotes a partial mean.
   */
  #budgetOutputs(): Record<string, number | null> {
    const run = this.#run;
    const budgets = run ? (this.#budgets ?? budgetSteps(run.flipped.length, run.rows.length)) : null;
    const at = run && budgets ? nearestBudget(budgets, run.flipped.length) : null;
    const chart = this.budget;
    const done = chart?.complete ? chart : null;
    const mean = (order: ReviewOrder, budget: number) =>
      done?.series.find((s) => s.order === order)?.points.find((p) => p.budget === budget)?.accuracy ?? null;
    return {
      budgetSeeds: run ? run.params.seeds : null,
      budgetAt: at,
      budgetNoisyAccuracy: mean('confident', 0),
      budgetCleanAccuracy: done ? done.clean : null,
      budgetConfidentAccuracy: at === null ? null : mean('confident', at),
      budgetRandomAccuracy: at === null ? null : mean('random', at),
      paysFrom: done ? (done.paysFrom ?? NaN) : null,
    };
  }

  /** Starts a request: cancels the one in flight, takes a new run id. */
  #begin(task: ReviewTask): { runId: number; signal: AbortSignal; current: () => boolean } {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const runId = ++this.#runId;
    this.#task = task;
    this.#done = 0;
    this.#total = 0;
    this.#partial.clear();
    this.#dispatch({ type: 'submit', runId });
    // Work on a detection whose parameters the form has since changed answers the old inputs.
    if (task !== 'detect' && this.outdated) this.#dispatch({ type: 'invalidate' });
    const current = () => runId === this.#runId && !controller.signal.aborted;
    return { runId, signal: controller.signal, current };
  }

  #end(runId: number): void {
    this.#controller = null;
    this.#partial.clear();
    this.#dispatch({ type: 'finish', runId, at: this.#now() });
  }

  #failed(runId: number, current: () => boolean, error: unknown, what: string): void {
    if (!current() || isAbortError(error)) return;
    this.#controller?.abort(); // stop the rest of this request's work
    this.#controller = null;
    this.#partial.clear();
    const message = messageOf(error);
    this.#dispatch({
      type: 'fail',
      runId,
      message: message.startsWith('Could not load') ? message : `${what}: ${message}`,
    });
  }

  #setDone(runId: number, done: number): void {
    if (runId !== this.#runId) return;
    this.#done = done;
    this.#dispatch({ type: 'progress', runId, done, total: this.#total });
  }

  /** Runs one unit of work with progress reporting; counts it done when it resolves. */
  async #tracked<T>(
    runId: number,
    slot: number,
    current: () => boolean,
    work: (options: Pick<RequestOptions, 'onProgress'>) => Promise<T>,
  ): Promise<T> {
    const result = await work({
      onProgress: (p) => {
        if (current()) this.#partial.set(slot, p.maxIterations ? p.iteration / p.maxIterations : 0);
      },
    });
    if (current()) {
      this.#partial.delete(slot);
      this.#setDone(runId, this.#done + 1);
    }
    return result;
  }

  /** Fits `labels` on `rows` of `set` (the reader's or another seed's), keeping the result under `key`. */
  async #evaluate(
    runId: number,
    slot: number,
    current: () => boolean,
    signal: AbortSignal,
    run: ReviewRun,
    set: DetectedSet,
    key: string,
    rows: Int32Array,
    labels: Int32Array,
  ): Promise<void> {
    const request: EvaluateRequest = {
      dataset: run.params.dataset,
      model: run.params.model,
      rows,
      labels,
      seed: set.seed,
      noisyTestLabels: set.noisyTestLabels,
    };
    const result = await this.#tracked(runId, slot, current, (options) =>
      this.#deps.trainer.fitAndEvaluate(request, { ...options, signal }),
    );
    // A fit is a fact about this detection's training sets: keep it even if a newer request superseded this one.
    if (this.#run === run) this.#fits.set(key, result);
  }

  #dispatch(event: CellEvent): void {
    this.#status = cellStatusReducer(this.#status, event);
  }
}

function reviewItems(run: ReviewRun): ReviewItem[] {
  const { detection, probs, rows, given, truth } = run;
  const k = run.dataset.classes;
  return Array.from(detection.ranked, (position, rank) => {
    const suggested = detection.suggested[position]!;
    return {
      position,
      row: rows[position]!,
      rank,
      given: given[position]!,
      suggested,
      score: detection.scores[position]!,
      suggestedProbability: probs[position * k + suggested]!,
      truth: truth[position]!,
    };
  });
}

/** The budget nearest `wrong` (the first of two equally near): where reviewing as many labels as are wrong is read. */
export function nearestBudget(budgets: readonly number[], wrong: number): number | null {
  if (budgets.length === 0) return null;
  return budgets.reduce((best, b) => (Math.abs(b - wrong) < Math.abs(best - wrong) ? b : best), budgets[0]!);
}

/**
 * Detects the label issues of seed `seed`'s training set under `params`: its
 * noisy labels (`preparer`), out-of-fold probabilities from `params.folds`
 * folds (`predict`, one call per fold), confident learning's flags.
 */
async function detectSet(
  params: ReviewParams,
  preparer: TrialPreparer,
  seed: number,
  predict: (request: HeldOutRequest, fold: number) => Promise<Float32Array>,
): Promise<DetectedSet> {
  const { size, noise, folds } = params;
  const k = preparer.dataset.classes;
  const prepared = preparer.prepare({ dataset: params.dataset, size, noise, seed });
  const rows = Int32Array.from(preparer.order(seed).subarray(0, size));
  const given = prepared.train.y;
  const splits = foldSplits(given, { folds, random: createRandom(seed, STREAM_FOLDS) });
  const at = (positions: Int32Array, values: Int32Array) => Int32Array.from(positions, (i) => values[i]!);
  const probs = await outOfFoldProbabilities(size, k, splits, (split: FoldSplit, fold) =>
    predict(
      {
        dataset: params.dataset,
        model: params.model,
        trainRows: at(split.train, rows),
        trainLabels: at(split.train, given),
        predictRows: at(split.holdout, rows),
        seed,
      },
      fold,
    ),
  );
  return {
    seed,
    rows,
    given,
    truth: prepared.trueLabels,
    flipped: prepared.flipped,
    probs,
    detection: detectLabelIssues(given, probs, k, { filter: params.filter }),
    noisyTestLabels: preparer.noisyTestLabels(noise, seed),
  };
}

/** The seeds of the cleaning budget's training sets: seed … seed + seeds − 1. */
export function budgetSeeds(params: Pick<ReviewParams, 'seed' | 'seeds'>): number[] {
  return Array.from({ length: params.seeds }, (_, i) => params.seed + i);
}

/**
 * The three review orders of a training set, planned at `budgets`. The oracle
 * follows confident learning's order with the right labels skipped, so the
 * gap between the two is review time spent on labels that were right.
 */
function budgetPlan(set: DetectedSet, budgets: readonly number[]): BudgetPlan {
  const n = set.rows.length;
  const confident = confidentReviewOrder(set.detection.ranked, set.detection.scores);
  return planCleaningBudget({
    given: set.given,
    truth: set.truth,
    orders: {
      confident,
      random: randomReviewOrder(n, createRandom(set.seed, STREAM_RANDOM_REVIEW)),
      oracle: oracleReviewOrder(n, set.flipped, { ranking: confident }),
    } satisfies Record<ReviewOrder, Int32Array>,
    budgets,
  });
}

/**
 * The fit cache key of a budget fit: its corrected positions (none is the
 * noisy-label fit), prefixed by the seed for a training set other than the
 * reader's (`main`).
 */
function fitKey(seed: number, main: number, plan: BudgetPlan, fit: number): string {
  const key = plan.fits[fit]!.key;
  const own = key === '' ? GIVEN_KEY : `truth:${key}`;
  return seed === main ? own : `seed ${seed}:${own}`;
}

/** The fit cache key of the reader's decisions: the relabels and removals; none is the noisy-label fit. */
function decisionsKey(decisions: ReadonlyMap<number, ReviewDecision>): string {
  const changes = [...decisions]
    .filter(([, d]) => d.kind !== 'keep')
    .sort(([a], [b]) => a - b)
    .map(([p, d]) => (d.kind === 'relabel' ? `${p}=${d.label}` : `${p}-`));
  return changes.length ? `review:${changes.join(',')}` : GIVEN_KEY;
}

function sameDecision(a: ReviewDecision, b: ReviewDecision): boolean {
  return a.kind === b.kind && (a.kind !== 'relabel' || a.label === (b as { label: number }).label);
}

function sameParams(a: ReviewParams, b: ReviewParams): boolean {
  return canonical(a) === canonical(b);
}

/** JSON with object keys sorted, so equal parameters compare equal whatever order they were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
