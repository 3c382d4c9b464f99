/**
 * State of a labelers cell: simulated labelers label a stratified sample of a
 * data set's training pool; how far they agree, where they part, what
 * revising the labeling instructions for some classes changes, and what it
 * buys a model trained on their labels.
 *
 * Shapes: N items, K classes, R labelers (2–5). Labels are `(N)` whole
 * numbers in [0, K), one array per labeler, items in the same order.
 * The disagreement matrix is `(K, K)`, rows = labeler A, columns = labeler B.
 *
 * The pipeline, each step a pure function below:
 *   sampleItems        the first N rows of the seed's near-stratified pool order
 *   annotatorSpec      accuracy + the ambiguity preset's rules (− the revised classes)
 *   labelWith          R labelers, labeler r drawing from createRandom(seed, stream, r)
 *   agreementFigures   agreement, kappas, per-class agreement, matrix, confusions,
 *                      each labeler's accuracy against the truth
 *   suggestClasses     the classes well below the typical class's agreement
 *   majorityVote       the labels a model trains on (ties: earliest labeler, so A)
 *
 * Revised labelers keep their seeds, and `simulateAnnotator` takes the same
 * draws for every item whatever its spec, so revising relabels only items of
 * the revised classes and of the classes whose rule sent items to them (that
 * rule shrinks, see `reviseInstructions`); every other label stays.
 *
 * The simulation is cheap and runs on the page as a `$derived`; training runs
 * in the worker pool (two fits at once, before and after), with progress,
 * cancel, and the latest request winning. Status advances only through
 * `cellStatusReducer`.
 */
import { IDLE, cellStatusReducer, isBusy, type CellEvent, type CellStatus } from '../notebook/cellStatus.ts';
import { AMBIGUITY_PRESETS, readLabelersParams } from '../notebook/cellSchemas.ts';
import type { LabelersCellSpec, LabelersParams } from '../notebook/types.ts';
import { DATASETS, isDatasetName } from '../engine/datasets.ts';
import { createRandom } from '../engine/random.ts';
import { TrialPreparer } from '../engine/trial.ts';
import type { Dataset } from '../engine/types.ts';
import {
  cohenKappa,
  disagreementMatrix,
  fleissKappa,
  krippendorffAlpha,
  perClassAgreementAmong,
  percentAgreement,
  rankDisagreements,
  simulateAnnotator,
  toRatings,
  reviseInstructions,
  type AnnotatorSpec,
  type ClassPairDisagreement,
  type CohenKappa,
  type FleissKappa,
  type KrippendorffAlpha,
} from '../engine/agreement/index.ts';
import type { CellDeps } from './cellDeps.ts';
import type { CellSnapshot } from './cellPersistence.ts';
import { isAbortError, type EvaluateResult } from '../workers/protocol.ts';
import { labelersResultJson, labelersResultTables, type CellResultJson, type ResultTable } from './cellResults.ts';

/** Random streams: labeler r labels the items from (seed, STREAM_ITEMS, r), the test set from (seed, STREAM_TEST, r). */
export const STREAM_ITEMS = 41;
export const STREAM_TEST = 42;
/** A class is suggested for revision when its agreement is this far below the median class's. */
export const SUGGEST_GAP = 0.1;
/** How many confused class pairs to list. */
export const MOST_CONFUSED = 5;

/** "labeler A", "labeler B", … */
export function labelerName(r: number): string {
  return `labeler ${String.fromCharCode(65 + r)}`;
}

// ── Pure steps ──────────────────────────────────────────────────────────────

/** The items: the first `items` rows of seed `seed`'s near-stratified order of the pool (at most the pool). */
export function sampleItems(preparer: TrialPreparer, items: number, seed: number): Int32Array {
  return preparer.order(seed).slice(0, Math.min(items, preparer.maxSize));
}

/**
 * The instructions every labeler follows: `accuracy`, and the ambiguity
 * preset's rules with the ambiguity removed for the `revised` classes.
 */
export function annotatorSpec(
  params: Pick<LabelersParams, 'accuracy' | 'ambiguity'>,
  classes: number,
  revised: readonly number[] = [],
): AnnotatorSpec {
  const rules = AMBIGUITY_PRESETS[params.ambiguity]?.rules ?? [];
  const spec: AnnotatorSpec = { accuracy: params.accuracy, classes, ambiguity: rules };
  return revised.length ? reviseInstructions(spec, revised) : spec;
}

/** R labelers following `spec`, each with its own stream: `(R)` label arrays, each `(N)`. */
export function labelWith(
  truth: Int32Array,
  spec: AnnotatorSpec,
  options: { readonly labelers: number; readonly seed: number; readonly stream: number },
): Int32Array[] {
  return Array.from({ length: options.labelers }, (_, r) =>
    simulateAnnotator(truth, { ...spec, random: createRandom(options.seed, options.stream, r) }),
  );
}

/**
 * The label each item gets by majority vote of the labelers; a tie goes to
 * the earliest labeler among the tied classes' voters — labeler A whenever
 * A's class is tied, so with two labelers it is labeler A's labels.
 */
export function majorityVote(labels: readonly Int32Array[], classes: number): Int32Array {
  const n = labels[0]?.length ?? 0;
  const out = new Int32Array(n);
  const votes = new Int32Array(classes);
  for (let i = 0; i < n; i++) {
    votes.fill(0);
    let best = labels[0]![i]!;
    for (const labeler of labels) votes[labeler[i]!]!++;
    for (const labeler of labels) if (votes[labeler[i]!]! > votes[best]!) best = labeler[i]!;
    out[i] = best;
  }
  return out;
}

/** Fraction of `labels` equal to `truth`; NaN for none. */
export function accuracyAgainst(labels: ArrayLike<number>, truth: ArrayLike<number>): number {
  if (labels.length === 0) return NaN;
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === truth[i]) right++;
  return right / labels.length;
}

export interface PairFigures {
  /** Labeler indices, a < b. */
  readonly a: number;
  readonly b: number;
  readonly agreement: number;
  readonly kappa: CohenKappa;
}

export interface ClassFigures {
  readonly class: number;
  /** Among all labelers (for two: 2·both / (A's + B's)); NaN when no one used the class. */
  readonly agreement: number;
  /** Ratings in the class, over all labelers. */
  readonly ratings: number;
}

export interface AgreementFigures {
  readonly items: number;
  readonly labelers: number;
  readonly classes: number;
  /** Percent agreement, mean over pairs of labelers (the one pair's for two). */
  readonly agreement: number;
  /** Every pair of labelers, (A, B) first. */
  readonly pairs: readonly PairFigures[];
  /** Mean of the pairs' Cohen's kappas (Light's kappa; the one pair's for two); null if any is undefined. */
  readonly meanKappa: number | null;
  /** Three or more labelers only. */
  readonly fleiss: FleissKappa | null;
  readonly alpha: KrippendorffAlpha | null;
  /** Per-class agreement among all labelers, worst first (classes no one used last). */
  readonly perClass: readonly ClassFigures[];
  /** `(K, K)` labeler A (rows) vs. labeler B (columns). */
  readonly matrix: Int32Array;
  /** The class pairs confused most, over all pairs of labelers. */
  readonly confusions: readonly ClassPairDisagreement[];
  /** `(R)` each labeler's accuracy against the true labels. */
  readonly accuracies: readonly number[];
  /** Accuracy of the majority-vote labels (what a model trains on) against the true labels. */
  readonly majorityAccuracy: number;
}

/** Every figure the cell shows for R ≥ 2 labelers' labels of items whose true labels are `truth`. */
export function agreementFigures(labels: readonly Int32Array[], truth: Int32Array, classes: number): AgreementFigures {
  if (labels.length < 2) throw new RangeError(`agreementFigures: needs at least 2 labelers, got ${labels.length}`);
  const pairs: PairFigures[] = [];
  const summed = new Int32Array(classes * classes);
  for (let a = 0; a < labels.length; a++) {
    for (let b = a + 1; b < labels.length; b++) {
      pairs.push({
        a,
        b,
        agreement: percentAgreement(labels[a]!, labels[b]!),
        kappa: cohenKappa(labels[a]!, labels[b]!, { classes }),
      });
      disagreementMatrix(labels[a]!, labels[b]!, classes).forEach((n, i) => (summed[i]! += n));
    }
  }
  const kappas = pairs.map((p) => p.kappa);
  const ratings = toRatings(labels);
  const many = labels.length >= 3;
  const perClass = perClassAgreementAmong(ratings, classes)
    .map((c) => ({ class: c.class, agreement: c.agreement, ratings: c.ratings }))
    .sort(worstFirst);
  return {
    items: truth.length,
    labelers: labels.length,
    classes,
    agreement: pairs.reduce((sum, p) => sum + p.agreement, 0) / pairs.length,
    pairs,
    meanKappa: kappas.every((k) => k.defined)
      ? kappas.reduce((sum, k) => sum + (k.defined ? k.kappa : 0), 0) / kappas.length
      : null,
    fleiss: many ? fleissKappa(ratings, { classes }) : null,
    alpha: many ? krippendorffAlpha(ratings, { level: 'nominal', classes }) : null,
    perClass,
    matrix: disagreementMatrix(labels[0]!, labels[1]!, classes),
    confusions: rankDisagreements(summed, classes).slice(0, MOST_CONFUSED),
    accuracies: labels.map((l) => accuracyAgainst(l, truth)),
    majorityAccuracy: accuracyAgainst(majorityVote(labels, classes), truth),
  };
}

/** Lowest agreement first; classes no one used (NaN) last; ties by class. */
function worstFirst(p: ClassFigures, q: ClassFigures): number {
  const pn = Number.isNaN(p.agreement);
  const qn = Number.isNaN(q.agreement);
  if (pn !== qn) return pn ? 1 : -1;
  return (pn ? 0 : p.agreement - q.agreement) || p.class - q.class;
}

/**
 * Classes to suggest for revision: those whose agreement is at least
 * `SUGGEST_GAP` below the median class's, worst first. Empty when every class
 * is about as consistent as the rest.
 */
export function suggestClasses(perClass: readonly ClassFigures[]): number[] {
  const values = perClass
    .map((c) => c.agreement)
    .filter((v) => !Number.isNaN(v))
    .sort((x, y) => x - y);
  if (values.length === 0) return [];
  const mid = values.length / 2;
  const median = values.length % 2 ? values[Math.floor(mid)]! : (values[mid - 1]! + values[mid]!) / 2;
  return perClass.filter((c) => c.agreement <= median - SUGGEST_GAP).map((c) => c.class);
}

/** One run of the labelers on the items. */
export interface LabelersSimulation {
  readonly dataset: string;
  /** The seed the labelers' streams were drawn from. */
  readonly seed: number;
  /** `(N)` data-set rows of the items. */
  readonly rows: Int32Array;
  /** `(N)` the items' true labels. */
  readonly truth: Int32Array;
  readonly spec: AnnotatorSpec;
  /** `(R)` × `(N)`. */
  readonly labels: readonly Int32Array[];
  readonly figures: AgreementFigures;
}

/** The labelers labelling the items under the instructions revised for `revised` (none: the original ones). */
export function simulateLabelers(
  preparer: TrialPreparer,
  params: LabelersParams,
  revised: readonly number[] = [],
): LabelersSimulation {
  const { dataset } = preparer;
  const rows = sampleItems(preparer, params.items, params.seed);
  const truth = Int32Array.from(rows, (row) => dataset.y[row]!);
  const spec = annotatorSpec(params, dataset.classes, revised);
  const labels = labelWith(truth, spec, { labelers: params.labelers, seed: params.seed, stream: STREAM_ITEMS });
  const figures = agreementFigures(labels, truth, dataset.classes);
  return { dataset: params.dataset, seed: params.seed, rows, truth, spec, labels, figures };
}

/** What a model is trained on for one arm: the items with the labelers' majority labels. */
export interface TrainingArm {
  readonly rows: Int32Array;
  readonly labels: Int32Array;
  /** The test set as the same labelers would label it (majority vote), in test-set order. */
  readonly testLabels: Int32Array;
  /** Accuracy of `labels` against the true labels. */
  readonly labelAccuracy: number;
}

export function trainingArm(preparer: TrialPreparer, simulation: LabelersSimulation): TrainingArm {
  const { dataset, split } = preparer;
  const k = dataset.classes;
  const labelers = simulation.labels.length;
  const { seed } = simulation;
  const testTruth = Int32Array.from(split.test, (row) => dataset.y[row]!);
  const testLabels = majorityVote(labelWith(testTruth, simulation.spec, { labelers, seed, stream: STREAM_TEST }), k);
  const labels = majorityVote(simulation.labels, k);
  return { rows: simulation.rows, labels, testLabels, labelAccuracy: accuracyAgainst(labels, simulation.truth) };
}

// ── State ───────────────────────────────────────────────────────────────────

/** The data set on the page: `name` is the name it was asked for by. */
export type DataState =
  | { readonly kind: 'loading'; readonly name: string }
  | { readonly kind: 'ready'; readonly name: string; readonly dataset: Dataset }
  | { readonly kind: 'failed'; readonly name: string; readonly message: string };

/** One arm's trained model, measured on the test set. */
export interface TrainedArm {
  /** Accuracy on the clean test set (true labels). */
  readonly accuracy: number;
  /** Accuracy against the labelers' own (majority) labels of the test set: what one would measure without the truth. */
  readonly accuracyLabelledTest: number | null;
  /** Accuracy of the training labels against the truth. */
  readonly labelAccuracy: number;
  readonly converged: boolean;
}

export interface TrainedComparison {
  readonly before: TrainedArm;
  readonly after: TrainedArm;
  /** The classes whose instructions were revised. */
  readonly revised: readonly number[];
  readonly model: LabelersParams['model'];
  readonly items: number;
  readonly labelers: number;
}

export class LabelersCellState {
  readonly spec: LabelersCellSpec;
  readonly #deps: CellDeps;
  readonly #now: () => number;
  #params = $state.raw<LabelersParams>() as LabelersParams;
  #problems = $state.raw<readonly string[]>([]);
  /** Bumped when parameters are replaced wholesale (Reset), so forms reload. */
  #revision = $state(0);
  #data = $state.raw<DataState>() as DataState;
  /** Classes the reader ticked; null = follow the suggestion. */
  #picked = $state.raw<readonly number[] | null>(null);
  /** Classes whose instructions were revised; null = not revised. */
  #revised = $state.raw<readonly number[] | null>(null);
  #status = $state.raw<CellStatus>(IDLE);
  #trained = $state.raw<TrainedComparison | null>(null);
  /** A saved record said a trained comparison was on screen: train it again once the data is in (its fits come from the result cache). */
  #resumePending = false;
  /** The comparison put back by resume(), while it is the one on screen. */
  #resumedTrained = $state.raw<TrainedComparison | null>(null);
  /** Fraction done of the two fits (before, after). */
  #fitProgress = $state.raw<readonly [number, number]>([0, 0]);
  #runId = 0;
  #controller: AbortController | null = null;
  #loading: Promise<void> | null = null;
  #preparer: TrialPreparer | null = null;

  /** The labelers under the original instructions; null until the data set is loaded. */
  readonly simulation: LabelersSimulation | null = $derived.by(() => {
    const preparer = this.#preparerOf(this.#data);
    return preparer ? this.#simulate(preparer, []) : null;
  });

  /** The same labelers under the revised instructions; null until revised. */
  readonly revisedSimulation: LabelersSimulation | null = $derived.by(() => {
    const preparer = this.#preparerOf(this.#data);
    const revised = this.revised;
    return preparer && revised ? this.#simulate(preparer, revised) : null;
  });

  readonly before: AgreementFigures | null = $derived(this.simulation?.figures ?? null);
  readonly after: AgreementFigures | null = $derived(this.revisedSimulation?.figures ?? null);
  /** Classes pre-ticked for revision: well below the typical class's agreement, worst first. */
  readonly suggested: readonly number[] = $derived(this.before ? suggestClasses(this.before.perClass) : []);

  constructor(spec: LabelersCellSpec, deps: CellDeps, now: () => number = () => performance.now()) {
    this.spec = spec;
    this.#deps = deps;
    this.#now = now;
    this.#params = spec.params;
    this.#data = { kind: 'loading', name: spec.params.dataset };
  }

  get params(): LabelersParams {
    return this.#params;
  }
  get problems(): readonly string[] {
    return this.#problems;
  }
  get revision(): number {
    return this.#revision;
  }
  get data(): DataState {
    return this.#data;
  }
  get status(): CellStatus {
    return this.#status;
  }
  get busy(): boolean {
    return isBusy(this.#status);
  }
  /** Class names of the data set, indexed by label. */
  get classNames(): readonly string[] {
    const data = this.#data;
    if (data.kind === 'ready') return data.dataset.classNames;
    const name = this.#params.dataset;
    return isDatasetName(name) ? DATASETS[name].classNames : [];
  }
  /** The classes ticked for revision (the suggestion until the reader ticks one), worst first. */
  get picked(): readonly number[] {
    return this.#picked ?? this.suggested;
  }
  /** The classes whose instructions are revised, in class order; null when not revised. */
  get revised(): readonly number[] | null {
    return this.#revised;
  }
  get trained(): TrainedComparison | null {
    return this.#trained;
  }
  /** The comparison on screen was trained again on restore (resume()), not by the reader. */
  get resumed(): boolean {
    return this.#trained !== null && this.#trained === this.#resumedTrained;
  }
  /** Ambiguity presets usable with the current data set. */
  get ambiguityOptions(): readonly { readonly value: string; readonly label: string; readonly description: string }[] {
    return Object.entries(AMBIGUITY_PRESETS)
      .filter(([, preset]) => preset.dataset === null || preset.dataset === this.#params.dataset)
      .map(([value, preset]) => ({ value, label: value, description: preset.description }));
  }
  /** The two fits' progress, 0…1. */
  get progress(): number {
    const [a, b] = this.#fitProgress;
    return (a + b) / 2;
  }
  /** Training needs valid parameters, the data, and revised instructions to compare with. */
  get canTrain(): boolean {
    return this.#problems.length === 0 && this.simulation !== null && this.#revised !== null;
  }

  /**
   * Loads the current data set (once per name; again after a failure). The
   * simulation appears when it is in. Never rejects: a failure is `data`.
   */
  load(): Promise<void> {
    const name = this.#params.dataset;
    const data = this.#data;
    if (data.kind === 'ready' && data.name === name) return Promise.resolve();
    if (data.kind === 'loading' && data.name === name && this.#loading) return this.#loading;
    this.#data = { kind: 'loading', name };
    const stillWanted = () => this.#data.kind === 'loading' && this.#data.name === name;
    this.#loading = this.#deps.loadDataset(name).then(
      (dataset) => {
        if (stillWanted()) this.#data = { kind: 'ready', name, dataset };
      },
      (error: unknown) => {
        if (stillWanted()) {
          this.#data = { kind: 'failed', name, message: error instanceof Error ? error.message : String(error) };
        }
      },
    );
    return this.#loading;
  }

  /**
   * Sets parameters from form values. Values are checked; problems are listed
   * and the invalid fields keep their last good value. Trained results go stale.
   */
  setParams(patch: Readonly<Record<string, unknown>>): void {
    const merged = { ...this.#params, ...patch };
    const { params, problems } = readLabelersParams(merged, this.#params);
    const ambiguityWrong = problems.some((p) => p.key === 'ambiguity');
    const next = ambiguityWrong ? { ...params, ambiguity: this.#params.ambiguity } : params;
    const datasetChanged = next.dataset !== this.#params.dataset;
    this.#params = next;
    this.#problems = problems.map((p) => `${p.key}: ${p.reason}`).filter((p, i, all) => all.indexOf(p) === i);
    if (datasetChanged) {
      this.#picked = null;
      this.#revised = null;
      void this.load();
    }
    this.#dispatch({ type: 'invalidate' });
  }

  /** Ticks or unticks a class for revision. */
  pick(cls: number, on: boolean): void {
    const others = this.picked.filter((c) => c !== cls);
    this.#picked = (on ? [...others, cls] : others).sort((a, b) => a - b);
  }

  /** Revises the instructions for `classes` (default: the ticked ones) and relabels. */
  revise(classes: readonly number[] = this.picked): void {
    const k = this.classNames.length;
    const valid = classes
      .filter((c, i) => classes.indexOf(c) === i && Number.isInteger(c) && c >= 0 && c < k)
      .sort((a, b) => a - b);
    if (valid.length === 0) return;
    const previous = this.#revised;
    this.#revised = valid;
    if (!previous || previous.join() !== valid.join()) this.#dispatch({ type: 'invalidate' });
  }

  /** Back to the original instructions. */
  undoRevision(): void {
    if (!this.#revised) return;
    this.#revised = null;
    this.#dispatch({ type: 'invalidate' });
  }

  reset(): void {
    this.cancel();
    const datasetChanged = this.spec.params.dataset !== this.#params.dataset;
    this.#params = this.spec.params;
    this.#problems = [];
    this.#revision++;
    this.#picked = null;
    this.#revised = null;
    this.#trained = null;
    this.#resumePending = false;
    this.#dispatch({ type: 'reset' });
    if (datasetChanged) void this.load();
  }

  /** Alias of reset() (the uniform cell interface of cellPersistence.ts). */
  resetToDefaults(): void {
    this.reset();
  }

  /**
   * The parameters and the reader's choices: the classes ticked and the
   * revised instructions, and `trained: true` when a comparison answering
   * them is on screen (it is trained again on restore, from the result cache).
   */
  saveState(): CellSnapshot {
    const picked = this.#picked;
    const revised = this.#revised;
    const trained = this.#trained !== null && this.#status.kind === 'done';
    return {
      params: this.#params as unknown as Record<string, unknown>,
      ...(picked || revised ? { result: { picked, revised, ...(trained ? { trained } : {}) } } : {}),
    };
  }

  /**
   * Applies saved or linked parameters (over the lesson's) and the saved
   * choices; a trained comparison is not kept (train again to see it). With
   * any problem nothing changes and the problems come back.
   */
  restoreState(saved: CellSnapshot): readonly string[] {
    const { params, problems } = readLabelersParams(saved.params, this.spec.params);
    if (problems.length) return problems.map((p) => `${p.key}: ${p.reason}`);
    this.reset();
    const datasetChanged = params.dataset !== this.#params.dataset;
    this.#params = params;
    const classes = DATASETS[params.dataset].classNames.length;
    const choice = (value: unknown): number[] | null =>
      Array.isArray(value) && value.every((c) => Number.isInteger(c) && c >= 0 && c < classes)
        ? [...(value as number[])]
        : null;
    const result = (typeof saved.result === 'object' && saved.result !== null ? saved.result : {}) as Record<
      string,
      unknown
    >;
    this.#picked = choice(result.picked);
    const revised = choice(result.revised);
    this.#revised = revised && revised.length ? revised : null;
    this.#resumePending = result.trained === true;
    if (datasetChanged) void this.load();
    return [];
  }

  /** Once the data is in, trains the comparison again if the restored record had one on screen (LessonState.start). */
  async resume(): Promise<void> {
    if (!this.#resumePending) return;
    await this.load();
    if (!this.#resumePending) return; // reset or restored again meanwhile
    this.#resumePending = false;
    if (this.#trained || this.busy) return;
    await this.train();
    if (this.#trained && this.#status.kind === 'done') this.#resumedTrained = this.#trained;
  }

  /**
   * Trains the model twice at once in the worker pool — on the labels under
   * the original instructions and under the revised ones — and measures both
   * on the clean test set. Cancels any earlier training: the latest wins.
   */
  async train(): Promise<void> {
    const preparer = this.#preparerOf(this.#data);
    const before = this.simulation;
    const after = this.revisedSimulation;
    const revised = this.#revised;
    if (!this.canTrain || !preparer || !before || !after || !revised) return;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const runId = ++this.#runId;
    const current = () => runId === this.#runId && !controller.signal.aborted;
    const params = this.#params;
    const arms = [trainingArm(preparer, before), trainingArm(preparer, after)] as const;
    this.#fitProgress = [0, 0];
    this.#dispatch({ type: 'submit', runId });
    this.#dispatch({ type: 'start', runId, total: 2, at: this.#now() });
    let done = 0;
    const fit = (arm: TrainingArm, index: 0 | 1): Promise<EvaluateResult> =>
      this.#deps.trainer
        .fitAndEvaluate(
          {
            dataset: params.dataset,
            model: params.model,
            rows: arm.rows,
            labels: arm.labels,
            seed: params.seed,
            noisyTestLabels: arm.testLabels,
          },
          {
            signal: controller.signal,
            onProgress: (p) => {
              if (!current()) return;
              const next: [number, number] = [...this.#fitProgress];
              next[index] = p.maxIterations > 0 ? Math.min(1, p.iteration / p.maxIterations) : 0;
              this.#fitProgress = next;
            },
          },
        )
        .then((result) => {
          if (current()) {
            const next: [number, number] = [...this.#fitProgress];
            next[index] = 1;
            this.#fitProgress = next;
            this.#dispatch({ type: 'progress', runId, done: ++done, total: 2 });
          }
          return result;
        });
    try {
      const [resultBefore, resultAfter] = await Promise.all([fit(arms[0], 0), fit(arms[1], 1)]);
      if (!current()) return;
      const arm = (result: EvaluateResult, training: TrainingArm): TrainedArm => ({
        accuracy: result.accuracy,
        accuracyLabelledTest: result.accuracyNoisyTest,
        labelAccuracy: training.labelAccuracy,
        converged: result.converged,
      });
      this.#trained = {
        before: arm(resultBefore, arms[0]),
        after: arm(resultAfter, arms[1]),
        revised,
        model: params.model,
        items: before.rows.length,
        labelers: before.labels.length,
      };
      this.#controller = null;
      this.#dispatch({ type: 'finish', runId, at: this.#now() });
    } catch (error) {
      if (!current() || isAbortError(error)) return;
      controller.abort(); // the other fit is of no use alone
      this.#controller = null;
      this.#fitProgress = [0, 0];
      this.#dispatch({ type: 'fail', runId, message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Stops the training in flight; earlier results stay on screen. */
  cancel(): void {
    if (!this.#controller) return;
    this.#controller.abort();
    this.#controller = null;
    this.#fitProgress = [0, 0];
    this.#dispatch({ type: 'cancel', runId: this.#runId });
  }

  /** The results as tables for a CSV download (cellResults.ts); none before a result. */
  resultTables(): ResultTable[] {
    return labelersResultTables(this);
  }

  /** The parameters, outputs and main result data for a JSON download (cellResults.ts); null before a result. */
  resultJson(): CellResultJson | null {
    return labelersResultJson(this);
  }

  /** Values prose can reference as {{id.key}}; null until known (kappa: also when undefined). */
  get outputs(): Record<string, number | string | null> {
    const before = this.before;
    const after = this.after;
    const trained = this.#trained;
    const worst = before?.perClass[0];
    return {
      agreement: before?.agreement ?? null,
      kappa: before?.meanKappa ?? null,
      fleiss: before?.fleiss?.defined ? before.fleiss.kappa : null,
      alpha: before?.alpha?.defined ? before.alpha.alpha : null,
      worstClass:
        worst && !Number.isNaN(worst.agreement) ? (this.classNames[worst.class] ?? String(worst.class)) : null,
      revisedAgreement: after?.agreement ?? null,
      revisedKappa: after?.meanKappa ?? null,
      accuracyBefore: trained?.before.accuracy ?? null,
      accuracyAfter: trained?.after.accuracy ?? null,
    };
  }

  #preparerOf(data: DataState): TrialPreparer | null {
    if (data.kind !== 'ready') return null;
    if (this.#preparer?.dataset !== data.dataset) this.#preparer = new TrialPreparer(data.dataset);
    return this.#preparer;
  }

  #simulate(preparer: TrialPreparer, revised: readonly number[]): LabelersSimulation {
    return simulateLabelers(preparer, this.#params, revised);
  }

  #dispatch(event: CellEvent): void {
    this.#status = cellStatusReducer(this.#status, event);
  }
}
