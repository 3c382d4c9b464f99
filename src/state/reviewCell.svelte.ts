/**
 * State of a review cell: find label issues in a training set with known
 * injected noise (confident learning on out-of-fold probabilities from the
 * worker pool), let the reader review the flagged items, retrain with their
 * fixes, and draw the cleaning budget (accuracy against labels reviewed, for
 * three review orders).
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
  budgetSteps,
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
} from '../engine/confident/index.ts';
import type { EvaluateRequest, EvaluateResult } from '../workers/protocol.ts';
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

/** One finished detection: the training set, its labels and what confident learning found. */
export interface ReviewRun {
  /** The parameters it ran with (the form may have moved on since). */
  readonly params: ReviewParams;
  readonly dataset: Dataset;
  readonly classNames: readonly string[];
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
  /** The flags scored against the truly flipped positions. */
  readonly flags: FlagScores;
  /** The realized noise rate: flipped / N. */
  readonly trueNoise: number;
  /** `(N_test)` the test labels with the same noise, for the misleading measurement. */
  readonly noisyTestLabels: Int32Array;
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
  /** Accuracy on the clean test set; null until measured. */
  readonly accuracy: number | null;
  /** Wrong labels corrected within this budget. */
  readonly corrected: number;
}

export interface BudgetChart {
  readonly budgets: readonly number[];
  readonly series: readonly { readonly order: ReviewOrder; readonly points: readonly BudgetSeriesPoint[] }[];
  /** Accuracy with every label clean; null until measured. */
  readonly clean: number | null;
  /** Truly wrong labels in the training set. */
  readonly wrong: number;
  readonly size: number;
  /** Fits measured and planned. */
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
  /** Fits measured for the current detection, by training-set key. */
  readonly #fits = new SvelteMap<string, EvaluateResult>();
  #fitFailures = $state.raw<readonly string[]>([]);
  #plan = $state.raw<BudgetPlan | null>(null);
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
    const plan = this.#plan;
    const run = this.#run;
    if (!plan || !run) return null;
    const accuracyOf = (fit: number) => this.#fits.get(budgetKey(plan, fit))?.accuracy ?? null;
    let done = 0;
    plan.fits.forEach((_, i) => (done += this.#fits.has(budgetKey(plan, i)) ? 1 : 0));
    return {
      budgets: plan.budgets,
      series: REVIEW_ORDERS.map((order) => ({
        order,
        points: plan.points
          .filter((p) => p.order === order)
          .map((p) => ({ budget: p.budget, accuracy: accuracyOf(p.fit), corrected: p.corrected })),
      })),
      clean: accuracyOf(plan.cleanFit),
      wrong: run.flipped.length,
      size: run.rows.length,
      done,
      total: plan.fits.length,
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
      const { size, noise, seed, folds } = params;
      const prepared = preparer.prepare({ dataset: params.dataset, size, noise, seed });
      const rows = Int32Array.from(preparer.order(seed).subarray(0, size));
      const given = prepared.train.y;
      const splits = foldSplits(given, { folds, random: createRandom(seed, STREAM_FOLDS) });
      const at = (positions: Int32Array, values: Int32Array) => Int32Array.from(positions, (i) => values[i]!);
      const probs = await outOfFoldProbabilities(size, k, splits, (split: FoldSplit, fold) =>
        this.#tracked(runId, reference.length + fold, current, (options) =>
          this.#deps.trainer.predictHeldOut(
            {
              dataset: params.dataset,
              model: params.model,
              trainRows: at(split.train, rows),
              trainLabels: at(split.train, given),
              predictRows: at(split.holdout, rows),
              seed,
            },
            { ...options, signal },
          ),
        ),
      );
      if (!current()) return;
      const detection = detectLabelIssues(given, probs, k, { filter: params.filter });
      const noisyTestLabels = preparer.noisyTestLabels(noise, seed);
      const testTruth = preparer.test.y;
      let wrongTest = 0;
      for (let i = 0; i < testTruth.length; i++) if (noisyTestLabels[i] !== testTruth[i]) wrongTest++;
      this.#run = {
        params,
        dataset,
        classNames: dataset.classNames.length >= k ? dataset.classNames : classNamesOf(params.dataset, k),
        rows,
        given,
        truth: prepared.trueLabels,
        flipped: prepared.flipped,
        probs,
        detection,
        flags: scoreFlags(detection.ranked, prepared.flipped),
        trueNoise: size ? prepared.flipped.length / size : 0,
        noisyTestLabels,
        testLabelNoise: testTruth.length ? wrongTest / testTruth.length : 0,
      };
      this.#decisions = NO_DECISIONS;
      this.#history = [];
      this.#fits.clear();
      this.#fitFailures = [];
      this.#plan = null;
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
          this.#evaluate(runId, index, current, signal, run, fitKey, fitRows, fitLabels),
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
   * Draws the cleaning budget: one fit per distinct training-label set of
   * every (order, budget) point, plus all labels clean. Fits run
   * concurrently in the pool and stream into the chart; fits measured before
   * (a cancelled request, the retrain's noisy-label fit) are not repeated.
   */
  async drawBudget(): Promise<void> {
    const run = this.#run;
    if (!run) return;
    const plan = (this.#plan ??= budgetPlan(run));
    const keys = plan.fits.map((_, i) => budgetKey(plan, i));
    const missing = plan.fits.map((fit, i) => ({ fit, key: keys[i]! })).filter(({ key }) => !this.#fits.has(key));
    const { runId, signal, current } = this.#begin('budget');
    this.#dispatch({ type: 'start', runId, total: plan.fits.length, at: this.#now() });
    this.#total = plan.fits.length;
    this.#setDone(runId, plan.fits.length - missing.length);
    this.#fitFailures = [];
    const failures: string[] = [];
    await Promise.all(
      missing.map(({ fit, key }, index) =>
        this.#evaluate(runId, index, current, signal, run, key, run.rows, fit.labels).catch((error: unknown) => {
          if (!current() || isAbortError(error)) return;
          failures.push(messageOf(error));
          this.#fitFailures = [...failures];
          this.#setDone(runId, this.#done + 1);
        }),
      ),
    );
    if (!current()) return;
    if (missing.length > 0 && failures.length === missing.length) {
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

  async #evaluate(
    runId: number,
    slot: number,
    current: () => boolean,
    signal: AbortSignal,
    run: ReviewRun,
    key: string,
    rows: Int32Array,
    labels: Int32Array,
  ): Promise<void> {
    const request: EvaluateRequest = {
      dataset: run.params.dataset,
      model: run.params.model,
      rows,
      labels,
      seed: run.params.seed,
      noisyTestLabels: run.noisyTestLabels,
    };
    const result = await this.#tracked(runId, slot, current, (options) =>
      this.#deps.trainer.fitAndEvaluate(request, { ...options, signal }),
    );
    // A fit is a fact about this detection's training set: keep it even if a newer request superseded this one.
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

function budgetPlan(run: ReviewRun): BudgetPlan {
  const n = run.rows.length;
  return planCleaningBudget({
    given: run.given,
    truth: run.truth,
    orders: {
      confident: confidentReviewOrder(run.detection.ranked, run.detection.scores),
      random: randomReviewOrder(n, createRandom(run.params.seed, STREAM_RANDOM_REVIEW)),
      oracle: oracleReviewOrder(n, run.flipped),
    } satisfies Record<ReviewOrder, Int32Array>,
    budgets: budgetSteps(run.flipped.length, n),
  });
}

/** The fit cache key of a budget fit: its corrected positions; none is the noisy-label fit. */
function budgetKey(plan: BudgetPlan, fit: number): string {
  const key = plan.fits[fit]!.key;
  return key === '' ? GIVEN_KEY : `truth:${key}`;
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
