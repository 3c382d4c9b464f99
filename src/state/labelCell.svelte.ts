/**
 * State of a label cell: the reader labels a batch of a data set's images
 * themself — number keys or letters, undo, skip — and sees how far their
 * labels agree with the data set's, and with themself on the items that
 * came back (labelCellItems.ts chooses them; labelCellScore.ts scores them;
 * labelCellFile.ts writes the label file `lab agreement` reads).
 *
 * What the reader did is `answers`: one `{ label | null, ms }` per
 * presentation answered, in order (`(A)`, A ≤ S). Undo drops the last one.
 * The batch itself is never stored: it follows from the parameters and the
 * data set, and its rows are kept beside the answers only to check, on
 * restore, that the answers still belong to it.
 *
 * Kept between visits (cellPersistence.ts):
 *   params   LabelParams (the lesson's, or a link's)
 *   result   { answers: [label | null, ms][], rows: number[], instructions: string | null }
 *            instructions: the reader's own text; null = the lesson's
 *
 * Status: idle until the first answer; running while labelling (done / total
 * presentations); done once every presentation is answered. Undo from done
 * runs again; Start over goes back to idle.
 */
import { IDLE, cellStatusReducer, type CellEvent, type CellStatus } from '../notebook/cellStatus.ts';
import { readLabelParams } from '../notebook/cellSchemas.ts';
import type { LabelCellSpec, LabelParams } from '../notebook/types.ts';
import { DATASETS, isDatasetName } from '../engine/datasets.ts';
import { datasetSplit } from '../engine/trial.ts';
import type { CellDeps } from './cellDeps.ts';
import type { CellSnapshot } from './cellPersistence.ts';
import type { CellResultJson, ResultTable } from './cellResults.ts';
import type { DataState } from './labelersCell.svelte.ts';
import { CONFUSABLE_CLASSES, selectBatch, type LabelBatch } from './labelCellItems.ts';
import { presentations, scoreLabels, type LabelAnswer, type LabelScore } from './labelCellScore.ts';
import { classKeys, keyAction, type ClassKey } from './labelCellKeys.ts';
import { datasetLabelFile, readerLabelFile, type LabelFile, type LabelFileInput } from './labelCellFile.ts';

export type { DataState };

/** The item on screen. */
export interface CurrentItem {
  /** Presentation index, 0…S−1. */
  readonly position: number;
  /** Index into the batch. */
  readonly item: number;
  /** Data-set row. */
  readonly row: number;
  /** `(D)` its pixels in [0, 1]. */
  readonly features: Float32Array;
}

export class LabelCellState {
  readonly spec: LabelCellSpec;
  readonly #deps: Pick<CellDeps, 'loadDataset'>;
  readonly #now: () => number;
  #params = $state.raw<LabelParams>() as LabelParams;
  #data = $state.raw<DataState>() as DataState;
  #answers = $state.raw<readonly LabelAnswer[]>([]);
  /** The reader's own instructions; null = the lesson's. */
  #instructions = $state.raw<string | null>(null);
  #status = $state.raw<CellStatus>(IDLE);
  /** The reader pressed Start (or Continue): keys work and the clock runs. */
  #active = $state(false);
  /** A message about the last thing that did nothing (a key that is no class, saved labels that no longer fit). */
  #notice = $state.raw<string | null>(null);
  /** When the item on screen appeared (ms, #now's clock). */
  #shownAt = 0;
  #runId = 0;
  /** Saved answers waiting for the data set, to be checked against the batch. */
  #pending = $state.raw<{ readonly answers: LabelAnswer[]; readonly rows: readonly number[] | null } | null>(null);
  #loading: Promise<void> | null = null;

  /** The batch; null until the data set is loaded. */
  readonly batch: LabelBatch | null = $derived.by(() => {
    const data = this.#data;
    if (data.kind !== 'ready') return null;
    const { dataset } = data;
    const p = this.#params;
    return selectBatch({
      pool: datasetSplit(dataset).pool,
      labels: dataset.y,
      classes: dataset.classes,
      confusable: CONFUSABLE_CLASSES[p.dataset],
      items: p.items,
      share: p.confusable,
      repeats: p.repeats,
      seed: p.seed,
    });
  });

  /** Every figure for the answers so far; null until the data set is loaded. */
  readonly score: LabelScore | null = $derived.by(() => {
    const data = this.#data;
    const batch = this.batch;
    if (data.kind !== 'ready' || !batch) return null;
    return scoreLabels(batch, this.#answers, data.dataset.y, data.dataset.classes);
  });

  constructor(spec: LabelCellSpec, deps: Pick<CellDeps, 'loadDataset'>, now: () => number = () => performance.now()) {
    this.spec = spec;
    this.#deps = deps;
    this.#now = now;
    this.#params = spec.params;
    this.#data = { kind: 'loading', name: spec.params.dataset };
  }

  get params(): LabelParams {
    return this.#params;
  }
  get data(): DataState {
    return this.#data;
  }
  get status(): CellStatus {
    return this.#status;
  }
  get answers(): readonly LabelAnswer[] {
    return this.#answers;
  }
  get notice(): string | null {
    return this.#notice;
  }
  get active(): boolean {
    return this.#active;
  }
  /** The instructions in force: the reader's own, or the lesson's. */
  get instructions(): string {
    return this.#instructions ?? this.#params.instructions;
  }
  /** The reader changed the instructions. */
  get instructionsEdited(): boolean {
    return this.#instructions !== null;
  }
  get classNames(): readonly string[] {
    const data = this.#data;
    if (data.kind === 'ready') return data.dataset.classNames;
    return isDatasetName(this.#params.dataset) ? DATASETS[this.#params.dataset].classNames : [];
  }
  /** Each class's keys (number and letter). */
  get keys(): readonly ClassKey[] {
    return classKeys(this.classNames, CONFUSABLE_CLASSES[this.#params.dataset]);
  }
  /** The data set's image shape (null for a table). */
  get image(): { readonly width: number; readonly height: number } | null {
    return this.#data.kind === 'ready' ? this.#data.dataset.image : null;
  }
  /** Presentations in the batch, S = items + repeats. */
  get total(): number {
    return this.batch?.sequence.length ?? this.#params.items + this.#params.repeats;
  }
  /** Presentations answered (labelled or skipped). */
  get position(): number {
    return this.#answers.length;
  }
  get finished(): boolean {
    return this.batch !== null && this.#answers.length >= this.batch.sequence.length;
  }
  /** The item to label now; null before the data is in and once the batch is done. */
  get current(): CurrentItem | null {
    const data = this.#data;
    const batch = this.batch;
    if (data.kind !== 'ready' || !batch) return null;
    const position = this.#answers.length;
    const item = batch.sequence[position];
    if (item === undefined) return null;
    const row = batch.rows[item]!;
    const { d, x } = data.dataset;
    return { position, item, row, features: x.subarray(row * d, (row + 1) * d) };
  }
  /** `(D)` the pixels of data-set row `row`. */
  featuresOf(row: number): Float32Array {
    const data = this.#data;
    if (data.kind !== 'ready') return new Float32Array(0);
    const { d, x } = data.dataset;
    return x.subarray(row * d, (row + 1) * d);
  }

  /** Loads the data set (once; again after a failure). Never rejects: a failure is `data`. */
  load(): Promise<void> {
    const name = this.#params.dataset;
    const data = this.#data;
    if (data.kind === 'ready' && data.name === name) return Promise.resolve();
    if (data.kind === 'loading' && data.name === name && this.#loading) return this.#loading;
    this.#data = { kind: 'loading', name };
    const stillWanted = () => this.#data.kind === 'loading' && this.#data.name === name;
    this.#loading = this.#deps.loadDataset(name).then(
      (dataset) => {
        if (!stillWanted()) return;
        this.#data = { kind: 'ready', name, dataset };
        this.#applyPending();
      },
      (error: unknown) => {
        if (stillWanted()) {
          this.#data = { kind: 'failed', name, message: error instanceof Error ? error.message : String(error) };
        }
      },
    );
    return this.#loading;
  }

  /** Starts (or continues) labelling: keys work and the clock for the item on screen starts now. */
  begin(): void {
    this.#active = true;
    this.#shownAt = this.#now();
  }

  /** Labels the item on screen `label`; false (and nothing changes) when it is no class or there is no item. */
  answer(label: number): boolean {
    if (!Number.isInteger(label) || label < 0 || label >= this.classNames.length) {
      this.#notice = `There is no class ${String(label)}.`;
      return false;
    }
    return this.#record(label);
  }

  /** Skips the item on screen: it counts as not labelled. */
  skip(): boolean {
    return this.#record(null);
  }

  /** Takes back the last answer: its item is on screen again. */
  undo(): boolean {
    if (this.#answers.length === 0) return false;
    const wasDone = this.#status.kind === 'done';
    this.#answers = this.#answers.slice(0, -1);
    this.#notice = null;
    this.#active = true;
    this.#shownAt = this.#now();
    if (this.#answers.length === 0) this.#dispatch({ type: 'reset' });
    else if (wasDone) this.#startRun();
    else this.#dispatch({ type: 'progress', runId: this.#runId, done: this.#answers.length, total: this.total });
    return true;
  }

  /** A key pressed while labelling; true when it did something (the page should not act on it too). */
  key(event: Parameters<typeof keyAction>[0]): boolean {
    const action = keyAction(event, this.keys);
    if (!action) {
      if (event.key.length === 1 && /\S/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
        this.#notice = `“${event.key}” is not a key for a class: use the number or the underlined letter on the buttons.`;
      }
      return false;
    }
    if (action.kind === 'undo') return this.undo();
    if (action.kind === 'skip') return this.skip();
    return this.answer(action.class);
  }

  /** Replaces the written instructions (empty text: back to the lesson's). */
  setInstructions(text: string): void {
    const trimmed = text.trim().slice(0, 4000);
    this.#instructions = trimmed && trimmed !== this.#params.instructions ? trimmed : null;
  }

  /** Discards every answer (the UI asks first) and starts the batch again; the instructions stay. */
  startOver(): void {
    this.#answers = [];
    this.#active = false;
    this.#notice = null;
    this.#pending = null;
    this.#dispatch({ type: 'reset' });
  }

  /** Back to the lesson's parameters and instructions, with no answers. */
  resetToDefaults(): void {
    const datasetChanged = this.#params.dataset !== this.spec.params.dataset;
    this.#params = this.spec.params;
    this.#instructions = null;
    this.startOver();
    if (datasetChanged) void this.load();
  }

  /** Nothing runs in the background. */
  cancel(): void {}

  saveState(): CellSnapshot {
    // Saved answers not yet put back (the data set is still loading) are kept as they were.
    const pending = this.#pending;
    const answers = pending ? pending.answers : this.#answers;
    const instructions = this.#instructions;
    const params = this.#params as unknown as Record<string, unknown>;
    if (answers.length === 0 && instructions === null) return { params };
    const rows = pending ? pending.rows : this.batch ? Array.from(this.batch.rows) : null;
    return {
      params,
      result: { answers: answers.map((a) => [a.label, Math.round(a.ms)]), rows, instructions },
    };
  }

  restoreState(saved: CellSnapshot): readonly string[] {
    const { params, problems } = readLabelParams(saved.params, this.spec.params);
    if (problems.length) return problems.map((p) => `${p.key}: ${p.reason}`);
    const classes = DATASETS[params.dataset].classes;
    const result = (typeof saved.result === 'object' && saved.result !== null ? saved.result : {}) as Record<
      string,
      unknown
    >;
    const answers: LabelAnswer[] = [];
    if (result.answers !== undefined) {
      if (!Array.isArray(result.answers)) return ['answers: the saved labels are not a list'];
      for (const [i, entry] of (result.answers as unknown[]).entries()) {
        const [label, ms] = Array.isArray(entry) ? (entry as unknown[]) : [undefined, undefined];
        const labelOk =
          label === null || (Number.isInteger(label) && (label as number) >= 0 && (label as number) < classes);
        if (!labelOk || typeof ms !== 'number' || !(ms >= 0)) {
          return [`answers: saved answer ${i + 1} is not a class of ${params.dataset} with a time`];
        }
        answers.push({ label: label as number | null, ms });
      }
    }
    const rows =
      Array.isArray(result.rows) && result.rows.every((r) => Number.isInteger(r)) ? (result.rows as number[]) : null;
    const datasetChanged = params.dataset !== this.#params.dataset;
    this.#params = params;
    this.#instructions =
      typeof result.instructions === 'string' && result.instructions.trim() ? result.instructions.slice(0, 4000) : null;
    this.startOver();
    this.#pending = answers.length ? { answers, rows } : null;
    if (datasetChanged) void this.load();
    else this.#applyPending();
    return [];
  }

  /** Values prose can reference as {{id.key}}; null until known. */
  get outputs(): Record<string, number | string | null> {
    const score = this.score;
    const labelled = score && score.labelled > 0 ? score : null;
    const worst = labelled?.perClass[0];
    return {
      agreement: labelled ? labelled.agreement : null,
      kappa: labelled?.kappa.defined ? labelled.kappa.kappa : null,
      selfAgreement: score && score.self.pairs > 0 ? score.self.agreement : null,
      labelled: score ? score.labelled : null,
      skipped: score ? score.skipped : null,
      worstClass:
        worst && !Number.isNaN(worst.agreement) ? (this.classNames[worst.class] ?? String(worst.class)) : null,
      secondsPerItem: score && Number.isFinite(score.medianSeconds) ? score.medianSeconds : null,
    };
  }

  /** What the label files are made from; null before any label. */
  #fileInput(): LabelFileInput | null {
    const batch = this.batch;
    const score = this.score;
    if (!batch || !score || score.labelled === 0) return null;
    return {
      params: this.#params,
      classNames: this.classNames,
      batch,
      answers: this.#answers,
      score,
      instructions: this.instructions,
      savedAt: Date.now(),
    };
  }

  /** The reader's label file; null before any label. */
  labelFile(): LabelFile | null {
    const input = this.#fileInput();
    return input ? readerLabelFile(input) : null;
  }

  /** The data set's labels of the same items; null before any label. */
  datasetFile(): LabelFile | null {
    const input = this.#fileInput();
    return input ? datasetLabelFile(input) : null;
  }

  /** Per presentation: the item, the answers and the data set's label (a CSV download). */
  resultTables(): ResultTable[] {
    const batch = this.batch;
    const data = this.#data;
    if (!batch || data.kind !== 'ready' || this.#answers.length === 0) return [];
    const names = this.classNames;
    return [
      {
        name: 'labels',
        columns: ['position', 'row', 'repeat', 'your_label', 'dataset_label', 'seconds'],
        rows: presentations(batch, this.#answers).map((p) => [
          p.position + 1,
          p.row,
          p.repeat,
          p.label === null ? 'skipped' : (names[p.label] ?? String(p.label)),
          names[data.dataset.y[p.row]!] ?? String(data.dataset.y[p.row]),
          Math.round(p.ms / 10) / 100,
        ]),
      },
    ];
  }

  resultJson(): CellResultJson | null {
    const file = this.labelFile();
    const score = this.score;
    if (!file || !score) return null;
    const { id, type, title } = this.spec;
    return {
      generator: 'Data-Centric Lab',
      cell: { id, type, title },
      params: this.#params,
      outputs: this.outputs,
      outOfDate: false,
      result: {
        labels: file,
        agreement: score.agreement,
        kappa: score.kappa,
        perClass: score.perClass.map((c) => ({ ...c, name: this.classNames[c.class] ?? String(c.class) })),
        matrix: Array.from(score.matrix),
        self: { pairs: score.self.pairs, same: score.self.same, agreement: score.self.agreement },
      },
    };
  }

  #record(label: number | null): boolean {
    const batch = this.batch;
    if (!batch || this.finished) return false;
    const now = this.#now();
    const ms = this.#active ? Math.max(0, now - this.#shownAt) : 0;
    this.#answers = [...this.#answers, { label, ms }];
    this.#shownAt = now;
    this.#active = true;
    this.#notice = null;
    if (this.#status.kind !== 'running') this.#startRun();
    else this.#dispatch({ type: 'progress', runId: this.#runId, done: this.#answers.length, total: this.total });
    if (this.finished) this.#dispatch({ type: 'finish', runId: this.#runId, at: now });
    return true;
  }

  /** Status to running, as if the labelling so far had taken the time it did. */
  #startRun(): void {
    const runId = ++this.#runId;
    const spent = this.#answers.reduce((sum, a) => sum + a.ms, 0);
    this.#dispatch({ type: 'submit', runId });
    this.#dispatch({ type: 'start', runId, total: this.total, at: this.#now() - spent });
    this.#dispatch({ type: 'progress', runId, done: this.#answers.length, total: this.total });
  }

  /** Puts saved answers back once the batch is known, if they still belong to it. */
  #applyPending(): void {
    const pending = this.#pending;
    const batch = this.batch;
    if (!pending || !batch) return;
    this.#pending = null;
    const sameRows =
      pending.rows === null ||
      (pending.rows.length === batch.rows.length && pending.rows.every((r, i) => r === batch.rows[i]));
    if (!sameRows || pending.answers.length > batch.sequence.length) {
      this.#notice = 'Your saved labels were for another batch of items, so they could not be put back.';
      return;
    }
    this.#answers = pending.answers;
    this.#startRun();
    if (this.finished) this.#dispatch({ type: 'finish', runId: this.#runId, at: this.#now() });
  }

  #dispatch(event: CellEvent): void {
    this.#status = cellStatusReducer(this.#status, event);
  }
}
