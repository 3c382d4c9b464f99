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
import { isAbortError } from '../workers/protocol.ts';
import type { CellSnapshot } from './cellPersistence.ts';
import type { CellResultJson, ResultTable } from './cellResults.ts';
import type { DataState } from './labelersCell.svelte.ts';
import { CONFUSABLE_CLASSES, selectBatch, type LabelBatch } from './labelCellItems.ts';
import { presentations, scoreLabels, type LabelAnswer, type LabelScore } from './labelCellScore.ts';
import { classKeys, keyAction, type ClassKey } from './labelCellKeys.ts';
import { datasetLabelFile, readerLabelFile, type LabelFile, type LabelFileInput } from './labelCellFile.ts';
import { compareLabelers, type Comparison, type Labeler } from './labelCompare.ts';
import { readLabelFile, type BatchContext, type ImportedLabels } from './labelImport.ts';
import { decodeLabels, encodeLabels } from './labelLink.ts';
import { batchItems, datasetLabelsOf, labelMap, mapOf, withRelabels } from './labelCellPeople.ts';

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

/**
 * Who labels now: the reader (round 1: the batch), a partner the laptop was
 * passed to (the same batch, without the reader's answers in view), or in
 * round 2 either of them relabelling just the items the two disagreed on,
 * under the revised instructions.
 */
export interface Turn {
  readonly who: 'you' | 'partner';
  readonly round: 1 | 2;
}

/** The partner who labelled on this screen. */
export interface Partner {
  readonly name: string;
  readonly answers: readonly LabelAnswer[];
}

/** Round 2: the items the pair disagreed on, relabelled by each under the revised instructions. */
export interface Relabel {
  /** Batch item indices, in batch order. */
  readonly items: readonly number[];
  readonly you: readonly LabelAnswer[];
  readonly partner: readonly LabelAnswer[];
  /** The instructions round 1 was labelled under. */
  readonly instructionsBefore: string;
}

/** Labels that came from a file or a link: a partner elsewhere, or a student of a class. */
export interface OtherLabeler {
  readonly name: string;
  readonly source: 'file' | 'link';
  readonly fileName: string | null;
  /** Data-set row → class. */
  readonly labels: ReadonlyMap<number, number>;
  readonly instructions: string | null;
}

/** A pair's figures before and after round 2. */
export interface PairRounds {
  readonly before: Comparison;
  readonly after: Comparison | null;
}

/** The most label files a cell keeps (a large class). */
export const MAX_OTHER_LABELERS = 200;

/** The reader's name in comparisons. */
export const YOU = 'You';

const toLabeler = (other: OtherLabeler): Labeler => ({ name: other.name, labels: other.labels });

/** One model of the class comparison: trained on one set of labels of the batch items, scored on the clean test set. */
export interface ClassModel {
  /** A labeler's name, "Majority vote" or "Data set". */
  readonly name: string;
  readonly kind: 'labeler' | 'majority' | 'dataset';
  /** Items trained on. */
  readonly items: number;
  /** Share of its training labels that are the data set's. */
  readonly labelAccuracy: number;
  /** Accuracy on the clean test set; null while training. */
  readonly accuracy: number | null;
}

export interface ClassModels {
  readonly models: readonly ClassModel[];
  /** Models trained so far. */
  readonly done: number;
  readonly state: 'training' | 'done' | 'cancelled' | 'failed';
  readonly message: string | null;
  /** The labelers it was trained for (stale when they change). */
  readonly labelers: readonly string[];
}

export class LabelCellState {
  readonly spec: LabelCellSpec;
  readonly #deps: Pick<CellDeps, 'loadDataset'> & Partial<Pick<CellDeps, 'trainer'>>;
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
  #pending = $state.raw<{
    readonly answers: LabelAnswer[];
    readonly rows: readonly number[] | null;
    readonly partner: Partner | null;
    readonly relabel: Relabel | null;
  } | null>(null);
  #loading: Promise<void> | null = null;
  #turn = $state.raw<Turn>({ who: 'you', round: 1 });
  #partner = $state.raw<Partner | null>(null);
  #relabel = $state.raw<Relabel | null>(null);
  #others = $state.raw<readonly OtherLabeler[]>([]);
  /** What the last import said: the files taken (with their notes) and the ones refused, each named. */
  #importReport = $state.raw<{ readonly taken: readonly string[]; readonly refused: readonly string[] } | null>(null);
  /** A link's labels waiting for the data set (to check them against the batch). */
  #pendingLink: string | null = null;

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

  constructor(
    spec: LabelCellSpec,
    deps: Pick<CellDeps, 'loadDataset'> & Partial<Pick<CellDeps, 'trainer'>>,
    now: () => number = () => performance.now(),
  ) {
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
  /** Who labels now. */
  get turn(): Turn {
    return this.#turn;
  }
  /** The presentations of the turn now: the batch's sequence in round 1, the disagreed items in round 2. */
  get #sequence(): ArrayLike<number> | null {
    const batch = this.batch;
    if (!batch) return null;
    return this.#turn.round === 1 ? batch.sequence : (this.#relabel?.items ?? []);
  }
  /** The answers of the turn now. */
  get #turnAnswers(): readonly LabelAnswer[] {
    const { who, round } = this.#turn;
    if (round === 1) return who === 'you' ? this.#answers : (this.#partner?.answers ?? []);
    return this.#relabel?.[who] ?? [];
  }
  set #turnAnswers(answers: readonly LabelAnswer[]) {
    const { who, round } = this.#turn;
    if (round === 1 && who === 'you') this.#answers = answers;
    else if (round === 1) this.#partner = { name: this.#partner?.name ?? 'Partner', answers };
    else if (this.#relabel) this.#relabel = { ...this.#relabel, [who]: answers };
  }
  /** The reader's own first round is the cell's run (its status); the other turns are not. */
  get #ownTurn(): boolean {
    return this.#turn.who === 'you' && this.#turn.round === 1;
  }
  /** Presentations in the turn now (S = items + repeats in round 1). */
  get total(): number {
    const sequence = this.#sequence;
    return sequence ? sequence.length : this.#params.items + this.#params.repeats;
  }
  /** Presentations answered in the turn now (labelled or skipped). */
  get position(): number {
    return this.#turnAnswers.length;
  }
  /** The turn now is over. */
  get finished(): boolean {
    const sequence = this.#sequence;
    return sequence !== null && this.#turnAnswers.length >= sequence.length;
  }
  /** The reader went through the whole batch. */
  get yourFinished(): boolean {
    return this.batch !== null && this.#answers.length >= this.batch.sequence.length;
  }
  /** The item to label now; null before the data is in and once the turn is over. */
  get current(): CurrentItem | null {
    const data = this.#data;
    const batch = this.batch;
    const sequence = this.#sequence;
    if (data.kind !== 'ready' || !batch || !sequence) return null;
    const position = this.#turnAnswers.length;
    const item = sequence[position];
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
        this.#applyPendingLink();
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

  /** Takes back the last answer of the turn now: its item is on screen again. */
  undo(): boolean {
    if (this.#turnAnswers.length === 0) return false;
    this.#notice = null;
    this.#active = true;
    this.#shownAt = this.#now();
    if (!this.#ownTurn) {
      this.#turnAnswers = this.#turnAnswers.slice(0, -1);
      return true;
    }
    const wasDone = this.#status.kind === 'done';
    this.#answers = this.#answers.slice(0, -1);
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
    this.#partner = null;
    this.#relabel = null;
    this.#turn = { who: 'you', round: 1 };
    this.#active = false;
    this.#notice = null;
    this.#pending = null;
    this.#dispatch({ type: 'reset' });
  }

  // ── Two people: pass the laptop, revise the instructions, relabel ────────────

  /** The partner who labels (or labelled) on this screen; null when none. */
  get partner(): Partner | null {
    return this.#partner;
  }
  /** Round 2, when begun. */
  get relabel(): Relabel | null {
    return this.#relabel;
  }

  /**
   * Hands the batch to a partner on this screen: the same items in the same
   * order, with the reader's answers and figures out of view until the
   * partner is done. A partner who had begun goes on where they stopped.
   */
  passToPartner(name?: string): boolean {
    if (!this.yourFinished) {
      this.#notice = 'Finish your own batch first: then pass the laptop.';
      return false;
    }
    const given = name?.trim().slice(0, 60);
    const partnerName = given || this.#partner?.name || 'Partner';
    this.#partner = { name: partnerName, answers: this.#partner?.answers ?? [] };
    this.#turn = { who: 'partner', round: 1 };
    this.#active = false;
    this.#notice = null;
    return true;
  }

  /** Renames the partner (shown in every figure). */
  renamePartner(name: string): void {
    const trimmed = name.trim().slice(0, 60);
    if (this.#partner && trimmed) this.#partner = { ...this.#partner, name: trimmed };
  }

  /** Back to the reader's own view (the partner's answers so far are kept). */
  backToYou(): void {
    this.#turn = { who: 'you', round: this.#turn.round === 2 && this.#relabel ? 2 : 1 };
    if (this.#turn.round === 2 && this.#relabel && this.#relabel.you.length >= this.#relabel.items.length) {
      this.#turn = { who: 'you', round: 1 };
    }
    this.#active = false;
    this.#notice = null;
  }

  /** Drops the partner who labelled on this screen (the UI asks first), with round 2. */
  discardPartner(): void {
    this.#partner = null;
    this.#relabel = null;
    this.#turn = { who: 'you', round: 1 };
    this.#active = false;
  }

  /** The partner's labels, when they labelled at least one item. */
  #partnerLabeler(round: 1 | 2): Labeler | null {
    const batch = this.batch;
    const partner = this.#partner;
    if (!batch || !partner) return null;
    const labels = labelMap(batch, partner.answers);
    if (labels.size === 0) return null;
    return { name: partner.name, labels: round === 2 ? this.#withRelabels(labels, 'partner') : labels };
  }

  /** The reader's labels, when they labelled at least one item. */
  #yourLabeler(round: 1 | 2): Labeler | null {
    const batch = this.batch;
    if (!batch) return null;
    const labels = labelMap(batch, this.#answers);
    if (labels.size === 0) return null;
    return { name: YOU, labels: round === 2 ? this.#withRelabels(labels, 'you') : labels };
  }

  #withRelabels(labels: ReadonlyMap<number, number>, who: 'you' | 'partner'): ReadonlyMap<number, number> {
    const batch = this.batch;
    const relabel = this.#relabel;
    if (!batch || !relabel) return labels;
    return withRelabels(batch, labels, relabel.items, relabel[who]);
  }

  /** The pair compared: the reader and the partner on this screen, else the reader and the one file or link. */
  get #pairOther(): Labeler | null {
    return this.#partnerLabeler(1) ?? (this.#others.length === 1 ? toLabeler(this.#others[0]!) : null);
  }

  /**
   * The pair's figures: the reader against the partner (on this screen, or
   * the one file or link), before round 2 and, once both relabelled, after.
   * Null without a pair.
   */
  readonly pair: PairRounds | null = $derived.by(() => {
    const data = this.#data;
    const you = this.#yourLabeler(1);
    const other = this.#pairOther;
    if (data.kind !== 'ready' || !you || !other || !this.batch) return null;
    const compare = (labelers: Labeler[]) =>
      compareLabelers(this.batch!.rows, labelers, data.dataset.y, data.dataset.classes);
    const before = compare([you, other]);
    const relabel = this.#relabel;
    const partnerDone = this.#partner !== null && relabel !== null && relabel.partner.length >= relabel.items.length;
    const youDone = relabel !== null && relabel.you.length >= relabel.items.length;
    const after =
      relabel && youDone && (partnerDone || this.#partner === null)
        ? compare([this.#yourLabeler(2)!, this.#partner ? this.#partnerLabeler(2)! : other])
        : null;
    return { before, after };
  });

  /**
   * Round 2: the reader writes a rule for the classes the pair disagreed on
   * (the new instructions) and both relabel just the items they disagreed on,
   * the reader first. Replaces an earlier round 2.
   */
  startRelabel(instructions: string): boolean {
    const pair = this.pair;
    const batch = this.batch;
    const disagreed = pair?.before.pairs[0]?.disagreed ?? [];
    if (!batch || disagreed.length === 0) {
      this.#notice = 'There is nothing to relabel: the two of you agree on every item.';
      return false;
    }
    const before = this.instructions;
    this.setInstructions(instructions);
    const items = batchItems(batch, disagreed);
    this.#relabel = { items, you: [], partner: [], instructionsBefore: before };
    this.#turn = { who: 'you', round: 2 };
    this.#active = false;
    this.#notice = null;
    return true;
  }

  /** Back to round 2 for the reader (after looking at the figures, say). */
  resumeRelabel(): boolean {
    if (!this.#relabel) return false;
    this.#turn = { who: 'you', round: 2 };
    this.#active = false;
    return true;
  }

  /** The pair's labels of a data-set row: [the reader's, the other's], each null when not given (the latest round). */
  labelsOf(row: number): (number | null)[] {
    const round = this.#relabel ? 2 : 1;
    const you = this.#yourLabeler(round);
    const other = this.#partner ? this.#partnerLabeler(round) : this.#pairOther;
    return [you?.labels.get(row) ?? null, other?.labels.get(row) ?? null];
  }

  /** Round 2 passes to the partner on this screen, once the reader relabelled every disagreed item. */
  passRelabelToPartner(): boolean {
    const relabel = this.#relabel;
    if (!relabel || !this.#partner || relabel.you.length < relabel.items.length) return false;
    this.#turn = { who: 'partner', round: 2 };
    this.#active = false;
    return true;
  }

  /** Drops round 2 (the instructions stay as revised). */
  discardRelabel(): void {
    this.#relabel = null;
    this.#turn = { who: 'you', round: 1 };
    this.#active = false;
  }

  // ── Label files and links ────────────────────────────────────────────────

  /** Labels from files and links (a partner elsewhere, a class). */
  get others(): readonly OtherLabeler[] {
    return this.#others;
  }
  get importReport(): { readonly taken: readonly string[]; readonly refused: readonly string[] } | null {
    return this.#importReport;
  }

  #batchContext(): BatchContext | null {
    const batch = this.batch;
    if (!batch) return null;
    const p = this.#params;
    return { dataset: p.dataset, classNames: this.classNames, rows: batch.rows, seed: p.seed, items: p.items };
  }

  /**
   * Reads label files (one partner's, or a whole class's): each is checked on
   * its own; a bad one is named with its problem and the others are taken. A
   * file from a labeler already here replaces theirs. Nothing loaded before is lost.
   */
  importFiles(
    files: readonly { readonly name: string; readonly text: string }[],
    tooBig: readonly { readonly name: string; readonly bytes: number }[] = [],
  ): void {
    const context = this.#batchContext();
    if (!context) {
      this.#importReport = { taken: [], refused: ['The images are still loading: add the files again in a moment.'] };
      return;
    }
    const taken: string[] = [];
    const refused: string[] = tooBig.map(
      (f) =>
        `${f.name}: ${(f.bytes / 1e6).toFixed(0)} MB is far too large for a label file (a batch's is a few KB). Choose the file the label cell's “Download my labels” saved.`,
    );
    let others = [...this.#others];
    for (const file of files) {
      const outcome = readLabelFile(file.text, file.name, context);
      if (!outcome.ok) {
        refused.push(outcome.message);
        continue;
      }
      const added = this.#addOther(others, outcome.value, 'file');
      if (typeof added === 'string') refused.push(added);
      else {
        others = added.others;
        taken.push(
          `${file.name}: ${outcome.value.labels.size} labels by “${added.name}”${added.replaced ? ' (replaces their earlier file)' : ''}` +
            (outcome.notes.length ? ` — ${outcome.notes.join('; ')}` : ''),
        );
      }
    }
    this.#others = others;
    this.#importReport = { taken, refused };
  }

  #addOther(
    others: OtherLabeler[],
    imported: ImportedLabels,
    source: 'file' | 'link',
  ): { others: OtherLabeler[]; name: string; replaced: boolean } | string {
    const at = others.findIndex((o) => o.name === imported.name);
    if (at < 0 && others.length >= MAX_OTHER_LABELERS) {
      return `${imported.fileName}: this cell already holds ${MAX_OTHER_LABELERS} labelers' files; remove some first.`;
    }
    const other: OtherLabeler = {
      name: imported.name,
      source,
      fileName: source === 'file' ? imported.fileName : null,
      labels: imported.labels,
      instructions: imported.instructions,
    };
    const next = [...others];
    if (at >= 0) next[at] = other;
    else next.push(other);
    return { others: next, name: imported.name, replaced: at >= 0 };
  }

  /** Removes one labeler's file or link labels. */
  removeOther(name: string): void {
    this.#others = this.#others.filter((o) => o.name !== name);
    this.#importReport = null;
  }

  /** Removes every file's and link's labels (the UI asks first). */
  clearOthers(): void {
    this.#others = [];
    this.#importReport = null;
  }

  /** The reader's labels as link text (the query value); null before any label. */
  linkLabels(name = 'partner'): string | null {
    const you = this.#yourLabeler(1);
    const batch = this.batch;
    if (!you || !batch) return null;
    return encodeLabels(batch.rows, you.labels, name, this.#params.seed);
  }

  /** Takes a partner's labels from a link (checked once the images are in). */
  applyLinkLabels(text: string): void {
    this.#pendingLink = text;
    this.#applyPendingLink();
  }

  #applyPendingLink(): void {
    const text = this.#pendingLink;
    const context = this.#batchContext();
    if (text === null || !context) return;
    this.#pendingLink = null;
    const outcome = decodeLabels(text, context);
    if (!outcome.ok) {
      this.#importReport = { taken: [], refused: [`The link's labels: ${outcome.message}`] };
      return;
    }
    const added = this.#addOther([...this.#others], outcome.value, 'link');
    if (typeof added === 'string') {
      this.#importReport = { taken: [], refused: [added] };
      return;
    }
    this.#others = added.others;
    this.#importReport = {
      taken: [`From the link: ${outcome.value.labels.size} labels by “${added.name}”`],
      refused: [],
    };
  }

  // ── A class: every labeler at once ───────────────────────────────────────

  /** Everyone with labels: the reader, the partner on this screen (their latest labels) and every file or link. */
  get labelers(): readonly Labeler[] {
    const round = this.#relabel ? 2 : 1;
    return [this.#yourLabeler(round), this.#partnerLabeler(round), ...this.#others.map(toLabeler)].filter(
      (l): l is Labeler => l !== null,
    );
  }

  /** Every labeler compared at once (three or more: Fleiss' kappa, alpha, the most contested items). */
  readonly comparison: Comparison | null = $derived.by(() => {
    const data = this.#data;
    const labelers = this.labelers;
    if (data.kind !== 'ready' || !this.batch || labelers.length < 2) return null;
    return compareLabelers(this.batch.rows, labelers, data.dataset.y, data.dataset.classes);
  });

  #models = $state.raw<ClassModels | null>(null);
  #modelsController: AbortController | null = null;

  /** The class's models (a model per labeler, on the majority vote and on the data set's labels). */
  get models(): ClassModels | null {
    return this.#models;
  }
  /** Training needs the worker pool, the data and at least two labelers. */
  get canTrainModels(): boolean {
    return (
      this.#deps.trainer !== undefined && this.#data.kind === 'ready' && (this.comparison?.labelers.length ?? 0) >= 2
    );
  }

  /**
   * Trains one model on each labeler's labels of the batch items, one on the
   * majority vote and one on the data set's labels, all the same model and
   * seed, and scores each on the clean test set: what real human noise costs.
   */
  async trainModels(): Promise<void> {
    const trainer = this.#deps.trainer;
    const data = this.#data;
    const comparison = this.comparison;
    const batch = this.batch;
    if (!trainer || data.kind !== 'ready' || !comparison || !batch) return;
    this.#modelsController?.abort();
    const controller = new AbortController();
    this.#modelsController = controller;
    const y = data.dataset.y;
    const arm = (name: string, kind: ClassModel['kind'], labels: ReadonlyMap<number, number>) => {
      const rows = Int32Array.from(labels.keys());
      const values = Int32Array.from(labels.values());
      const right = rows.reduce((n, row, i) => n + (values[i] === y[row] ? 1 : 0), 0);
      return {
        model: {
          name,
          kind,
          items: rows.length,
          labelAccuracy: rows.length ? right / rows.length : NaN,
          accuracy: null,
        },
        rows,
        values,
      };
    };
    const labelers = this.labelers;
    const everyRow = datasetLabelsOf(
      labelers.map((l) => l.labels),
      y,
    );
    const arms = [
      ...labelers.map((l) => arm(l.name, 'labeler', l.labels)),
      arm('Majority vote', 'majority', comparison.majority),
      arm('Data set', 'dataset', everyRow),
    ].filter((a) => a.rows.length > 0);
    const names = labelers.map((l) => l.name);
    let models: ClassModel[] = arms.map((a) => a.model);
    let done = 0;
    this.#models = { models, done, state: 'training', message: null, labelers: names };
    const current = () => this.#modelsController === controller && !controller.signal.aborted;
    try {
      await Promise.all(
        arms.map((a, i) =>
          trainer
            .fitAndEvaluate(
              {
                dataset: this.#params.dataset,
                model: 'logreg',
                rows: a.rows,
                labels: a.values,
                seed: this.#params.seed,
              },
              { signal: controller.signal },
            )
            .then((result) => {
              if (!current()) return;
              models = models.map((m, j) => (j === i ? { ...m, accuracy: result.accuracy } : m));
              done += 1;
              this.#models = {
                models,
                done,
                state: done === arms.length ? 'done' : 'training',
                message: null,
                labelers: names,
              };
            }),
        ),
      );
    } catch (error) {
      if (!current()) return;
      controller.abort();
      this.#models = {
        models,
        done,
        state: isAbortError(error) ? 'cancelled' : 'failed',
        message: isAbortError(error) ? null : error instanceof Error ? error.message : String(error),
        labelers: names,
      };
    } finally {
      if (this.#modelsController === controller) this.#modelsController = null;
    }
  }

  /** Stops the class's models. */
  cancelModels(): void {
    const controller = this.#modelsController;
    if (!controller) return;
    this.#modelsController = null;
    controller.abort();
    const models = this.#models;
    if (models && models.state === 'training') this.#models = { ...models, state: 'cancelled' };
  }

  /** Back to the lesson's parameters and instructions, with no answers and no files. */
  resetToDefaults(): void {
    const datasetChanged = this.#params.dataset !== this.spec.params.dataset;
    this.#params = this.spec.params;
    this.#instructions = null;
    this.#others = [];
    this.#importReport = null;
    this.startOver();
    if (datasetChanged) void this.load();
  }

  /** Stops the class's models, the one thing that runs in the background. */
  cancel(): void {
    this.cancelModels();
  }

  saveState(): CellSnapshot {
    // Saved answers not yet put back (the data set is still loading) are kept as they were.
    const pending = this.#pending;
    const answers = pending ? pending.answers : this.#answers;
    const partner = pending ? pending.partner : this.#partner;
    const relabel = pending ? pending.relabel : this.#relabel;
    const instructions = this.#instructions;
    const others = this.#others;
    const params = this.#params as unknown as Record<string, unknown>;
    if (answers.length === 0 && instructions === null && !partner && others.length === 0) return { params };
    const rows = pending ? pending.rows : this.batch ? Array.from(this.batch.rows) : null;
    const packed = (list: readonly LabelAnswer[]) => list.map((a) => [a.label, Math.round(a.ms)]);
    return {
      params,
      result: {
        answers: packed(answers),
        rows,
        instructions,
        ...(partner ? { partner: { name: partner.name, answers: packed(partner.answers) } } : {}),
        ...(relabel
          ? {
              relabel: {
                items: [...relabel.items],
                you: packed(relabel.you),
                partner: packed(relabel.partner),
                instructionsBefore: relabel.instructionsBefore,
              },
            }
          : {}),
        ...(others.length
          ? {
              others: others.map((o) => ({
                name: o.name,
                source: o.source,
                fileName: o.fileName,
                rows: [...o.labels.keys()],
                labels: [...o.labels.values()],
                instructions: o.instructions,
              })),
            }
          : {}),
      },
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
    const readAnswers = (list: unknown, what: string): LabelAnswer[] | string => {
      const out: LabelAnswer[] = [];
      if (list === undefined) return out;
      if (!Array.isArray(list)) return `${what}: the saved labels are not a list`;
      for (const [i, entry] of (list as unknown[]).entries()) {
        const [label, ms] = Array.isArray(entry) ? (entry as unknown[]) : [undefined, undefined];
        const labelOk =
          label === null || (Number.isInteger(label) && (label as number) >= 0 && (label as number) < classes);
        if (!labelOk || typeof ms !== 'number' || !(ms >= 0)) {
          return `${what}: saved answer ${i + 1} is not a class of ${params.dataset} with a time`;
        }
        out.push({ label: label as number | null, ms });
      }
      return out;
    };
    const answers = readAnswers(result.answers, 'answers');
    if (typeof answers === 'string') return [answers];
    const record = (value: unknown) =>
      (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    let partner: Partner | null = null;
    if (result.partner !== undefined) {
      const saved = record(result.partner);
      const list = readAnswers(saved.answers, 'partner');
      if (typeof list === 'string') return [list];
      partner = {
        name: typeof saved.name === 'string' && saved.name.trim() ? saved.name.slice(0, 60) : 'Partner',
        answers: list,
      };
    }
    let relabel: Relabel | null = null;
    if (result.relabel !== undefined) {
      const saved = record(result.relabel);
      const you = readAnswers(saved.you, 'relabel');
      const theirs = readAnswers(saved.partner, 'relabel');
      if (typeof you === 'string') return [you];
      if (typeof theirs === 'string') return [theirs];
      const items =
        Array.isArray(saved.items) && saved.items.every((i) => Number.isInteger(i) && i >= 0)
          ? (saved.items as number[])
          : null;
      if (!items) return ['relabel: the saved items are not a list of items'];
      relabel = {
        items,
        you,
        partner: theirs,
        instructionsBefore:
          typeof saved.instructionsBefore === 'string' ? saved.instructionsBefore : params.instructions,
      };
    }
    const others: OtherLabeler[] = [];
    if (Array.isArray(result.others)) {
      for (const entry of (result.others as unknown[]).slice(0, MAX_OTHER_LABELERS)) {
        const o = record(entry);
        const rowsOk = Array.isArray(o.rows) && o.rows.every((r) => Number.isInteger(r));
        const labelsOk =
          Array.isArray(o.labels) &&
          o.labels.length === (o.rows as unknown[] | undefined)?.length &&
          o.labels.every((l) => Number.isInteger(l) && (l as number) >= 0 && (l as number) < classes);
        if (typeof o.name !== 'string' || !rowsOk || !labelsOk) continue; // a damaged entry is left out, the rest kept
        others.push({
          name: o.name,
          source: o.source === 'link' ? 'link' : 'file',
          fileName: typeof o.fileName === 'string' ? o.fileName : null,
          labels: mapOf(o.rows as number[], o.labels as number[]),
          instructions: typeof o.instructions === 'string' ? o.instructions : null,
        });
      }
    }
    const rows =
      Array.isArray(result.rows) && result.rows.every((r) => Number.isInteger(r)) ? (result.rows as number[]) : null;
    const datasetChanged = params.dataset !== this.#params.dataset;
    this.#params = params;
    this.#instructions =
      typeof result.instructions === 'string' && result.instructions.trim() ? result.instructions.slice(0, 4000) : null;
    this.startOver();
    this.#others = others;
    this.#importReport = null;
    this.#pending = answers.length || partner ? { answers, rows, partner, relabel } : null;
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
    if (!batch || data.kind !== 'ready') return [];
    const names = this.classNames;
    const name = (c: number | null | undefined) => (c === null || c === undefined ? '' : (names[c] ?? String(c)));
    const tables: ResultTable[] = [];
    if (this.#answers.length > 0) {
      tables.push({
        name: 'labels',
        columns: ['position', 'row', 'repeat', 'your_label', 'dataset_label', 'seconds'],
        rows: presentations(batch, this.#answers).map((p) => [
          p.position + 1,
          p.row,
          p.repeat,
          p.label === null ? 'skipped' : name(p.label),
          name(data.dataset.y[p.row]),
          Math.round(p.ms / 10) / 100,
        ]),
      });
    }
    const labelers = this.labelers;
    if (labelers.length >= 2) {
      // Every batch item someone labelled: each person's label (empty: not labelled) and the data set's.
      tables.push({
        name: 'everyone',
        columns: ['row', ...labelers.map((l) => l.name), 'dataset_label'],
        rows: Array.from(batch.rows)
          .filter((row) => labelers.some((l) => l.labels.has(row)))
          .map((row) => [row, ...labelers.map((l) => name(l.labels.get(row))), name(data.dataset.y[row])]),
      });
    }
    return tables;
  }

  resultJson(): CellResultJson | null {
    const file = this.labelFile();
    const score = this.score;
    const comparison = this.comparison;
    if ((!file || !score) && !comparison) return null;
    const { id, type, title } = this.spec;
    const name = (c: number | null) => (c === null ? null : (this.classNames[c] ?? String(c)));
    const models = this.#models;
    return {
      generator: 'Data-Centric Lab',
      cell: { id, type, title },
      params: this.#params,
      outputs: this.outputs,
      outOfDate: false,
      result: {
        ...(file && score
          ? {
              labels: file,
              agreement: score.agreement,
              kappa: score.kappa,
              perClass: score.perClass.map((c) => ({ ...c, name: name(c.class) })),
              matrix: Array.from(score.matrix),
              self: { pairs: score.self.pairs, same: score.self.same, agreement: score.self.agreement },
            }
          : {}),
        ...(comparison
          ? {
              people: {
                labelers: comparison.labelers,
                pairs: comparison.pairs.map((p) => ({
                  a: comparison.labelers[p.a],
                  b: comparison.labelers[p.b],
                  items: p.items,
                  agreement: p.agreement,
                  kappa: p.kappa,
                })),
                ...(this.pair?.after
                  ? {
                      afterRound2: this.pair.after.pairs[0]
                        ? { agreement: this.pair.after.pairs[0].agreement, kappa: this.pair.after.pairs[0].kappa }
                        : null,
                    }
                  : {}),
                fleiss: comparison.fleiss,
                fleissItems: comparison.fleissItems,
                alpha: comparison.alpha,
                vsMajority: comparison.vsMajority.map((v) => ({ ...v, labeler: comparison.labelers[v.labeler] })),
                contested: comparison.contested.map((c) => ({
                  row: c.row,
                  labels: c.labels.map(name),
                  majority: name(c.majority),
                  majorityShare: c.majorityShare,
                  datasetLabel: name(c.datasetLabel),
                })),
                ...(models && models.state === 'done' ? { models: models.models } : {}),
              },
            }
          : {}),
      },
    };
  }

  #record(label: number | null): boolean {
    if (!this.batch || this.finished) return false;
    const now = this.#now();
    const ms = this.#active ? Math.max(0, now - this.#shownAt) : 0;
    this.#turnAnswers = [...this.#turnAnswers, { label, ms }];
    this.#shownAt = now;
    this.#active = true;
    this.#notice = null;
    if (!this.#ownTurn) return true;
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
    const partnerFits = !pending.partner || pending.partner.answers.length <= batch.sequence.length;
    const relabelFits =
      !pending.relabel ||
      (pending.relabel.items.every((i) => i < batch.rows.length) &&
        pending.relabel.you.length <= pending.relabel.items.length &&
        pending.relabel.partner.length <= pending.relabel.items.length);
    this.#partner = partnerFits ? pending.partner : null;
    this.#relabel = partnerFits && relabelFits ? pending.relabel : null;
    if (this.#answers.length === 0) return;
    this.#startRun();
    if (this.finished) this.#dispatch({ type: 'finish', runId: this.#runId, at: this.#now() });
  }

  #dispatch(event: CellEvent): void {
    this.#status = cellStatusReducer(this.#status, event);
  }
}
