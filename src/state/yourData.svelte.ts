/**
 * "Your own data": a CSV the user brings, read in the table worker and
 * profiled here — its columns and their types, the label column, the class
 * balance and every problem found on the way.
 *
 * Imports are numbered: the latest one wins, and the result or progress of
 * an earlier one is ignored. A failed import leaves the previous good table
 * (and the user's choices about it) in place, so nothing is lost.
 *
 * With a store, the table, the user's choices and the latest report are saved
 * after every import, change and finished analysis, and restored when the page
 * starts (`ready`). Saving never touches what is on screen: a failure only
 * becomes a notice. `forget()` deletes the saved copy and clears the page.
 */
// Module by module, not through the index: the index also re-exports the parser, and papaparse belongs in the table worker.
import { includeColumn, type ColumnInfo } from '../engine/table/columnTypes.ts';
import { checkFeatures } from '../engine/table/featurize.ts';
import {
  checkLabels,
  dropClasses,
  mergeClasses,
  type ClassCount,
  type LabelCheck,
} from '../engine/table/labelColumn.ts';
import { plural, type TableProblem } from '../engine/table/problem.ts';
import {
  applyLabelEdits,
  effectiveEdit,
  givenLabels,
  labelDecisions,
  labelEditList,
  labelEditsFrom,
  NO_EDITS,
  issueScores,
  rowFlags,
  type LabelEdit,
  type LabelEdits,
} from '../engine/table/labelEdits.ts';
import type { CleanedCsv, ImportOptions, ImportedTable } from '../workers/tableProtocol.ts';
import type { TableImporter } from '../workers/tableClient.ts';
import { MODEL_CHOICES, type ModelChoice } from '../engine/types.ts';
import type { TableAnalysisRequest } from '../workers/protocol.ts';
import type { TableAnalyser } from './cellDeps.ts';
import { WorthAnalysis, type TabularWorth } from './worthAnalysis.svelte.ts';
import { TABULAR_FILES, TABULAR_FILE_NAMES, tabularPath, type TabularFile } from '../notebook/tabularFiles.ts';
import { tableAnalysisRequest } from './tableRequest.ts';
import { cellsBlob, restoreTable, tableToSave, type Saved, type TableStore } from './tableStore.ts';
import type { PackedCells } from '../engine/table/packedCells.ts';
import { TableReview } from './tableReview.svelte.ts';

export type { ClassCount, ColumnInfo, ImportedTable, LabelCheck, TableAnalysisRequest, TableProblem, TabularWorth };
export { TableReview, WorthAnalysis };

/** What goes into the cleaned CSV besides the user's decisions. */
export interface CleanedCsvChoices {
  /** Append source_row: each row's 1-based spreadsheet row in the file (header = row 1). */
  readonly sourceRow: boolean;
  /** Append label_issue_score, suggested_label and was_edited. */
  readonly extraColumns: boolean;
  /** Take the suggestion for every flagged row the user has not reviewed. */
  readonly acceptUnreviewed: boolean;
}

/** A file for the user to save. */
export interface Download {
  readonly filename: string;
  /** MIME type, e.g. "text/csv". */
  readonly type: string;
  readonly text: string;
}

/** The cleaned CSV, and what the cleaning did. */
export type CleanedDownload = Download & Omit<CleanedCsv, 'csv'>;

/** The bundled example CSVs, served from the app's own origin under data/ (the files the lessons' worth cells use). */
export const EXAMPLES = TABULAR_FILE_NAMES.map((file) => ({
  name: file,
  file: tabularPath(file),
  title: TABULAR_FILES[file].name,
  detail: TABULAR_FILES[file].detail,
}));

export type ExampleName = TabularFile;

/** Folds of the cross-validation a table is checked for (every class needs a row per fold). */
export const DEFAULT_FOLDS = 5;
/**
 * Whether a saved report was made by this version of the Worth analysis (the
 * one with the nested cleaning and the noise by class); earlier reports are
 * not restored — the table and the decisions are, and Analyse makes a new one.
 */
export function isCurrentWorth(worth: unknown): boolean {
  const w = worth as { noise?: { classes?: unknown }; report?: { verdict?: unknown } } | null;
  return Boolean(w?.noise?.classes && typeof w.report?.verdict === 'string');
}

/** Default seed and model of the Worth analysis (the same table and settings always give the same report). */
export const ANALYSIS_SEED = 0;
export const ANALYSIS_MODEL: ModelChoice = 'auto';
/** The folds a user may ask for. */
export const MIN_FOLDS = 2;
export const MAX_FOLDS = 20;

export interface YourDataDeps {
  /** Decodes, parses and profiles bytes (the table worker). */
  readonly importer: TableImporter;
  /** Loads a bundled example's bytes by its path under data/ (fetch from the app's own origin). */
  readonly loadExample: (file: string) => Promise<Uint8Array>;
  readonly importOptions?: ImportOptions;
  /** Runs the Worth analysis (the training worker pool); without it the page only profiles. */
  readonly analyser?: TableAnalyser;
  /** Clock for the analysis' time left; default performance.now. */
  readonly now?: () => number;
  /** Keeps the table between visits (IndexedDB); without it nothing survives a reload. */
  readonly store?: TableStore;
  /** Why there is no store (shown as the storage notice), when `store` is absent on purpose. */
  readonly storeUnavailable?: string;
}

export type ImportStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading'; readonly source: string; readonly fraction: number }
  | { readonly kind: 'ready'; readonly source: string }
  | {
      readonly kind: 'failed';
      readonly source: string;
      /** What is wrong with the file (at least one error), or empty when `message` says what failed. */
      readonly problems: readonly TableProblem[];
      /** A failure outside the file: the example could not be fetched, the worker stopped. */
      readonly message: string | null;
    };

/** The table on screen, with the user's choices about it. */
interface Loaded {
  readonly source: string;
  readonly table: ImportedTable;
  readonly columns: readonly ColumnInfo[];
  readonly label: number;
  /** Warnings from reading the file. */
  readonly importProblems: readonly TableProblem[];
  /** What the user changed in the rows (dropped or merged classes), newest last. */
  readonly edits: readonly string[];
}

const NO_GIVEN: ReadonlyMap<number, string> = new Map();

export class YourData {
  readonly #deps: YourDataDeps;
  #status = $state.raw<ImportStatus>({ kind: 'idle' });
  #loaded = $state.raw<Loaded | null>(null);
  #folds = $state.raw(DEFAULT_FOLDS);
  #model = $state.raw<ModelChoice>(ANALYSIS_MODEL);
  #seed = $state.raw(ANALYSIS_SEED);
  /** Number of the latest import; results of earlier ones are dropped. */
  #version = 0;
  #restoredFrom = $state.raw<string | null>(null);
  #storageNotice = $state.raw<string | null>(null);
  /** Saves and deletes, one after the other, in the order asked. */
  #storeQueue: Promise<void> = Promise.resolve();
  /** Store writes asked for and not yet settled (shown as "Saving…"). */
  #pendingWrites = $state(0);
  /** The newest snapshot waiting for its write; a later save replaces it rather than queueing another write. */
  #nextSave: Saved | null = null;
  /** The Blob of each table's cells, as saved (made once per table: by the table worker on import, else here). */
  readonly #blobs = new WeakMap<PackedCells, Blob>();

  /** The Worth analysis of the table on screen, or null without an analyser. */
  readonly analysis: WorthAnalysis | null;
  /** The user's decisions on the suspected labels. */
  readonly review: TableReview;
  /** The decisions the latest analysis was asked with, and those of the report on screen. */
  #requestedEdits: LabelEdits = NO_EDITS;
  #reportEdits = $state.raw<LabelEdits>(NO_EDITS);

  /** Settles when the saved table (if any) has been restored; never rejects. */
  readonly ready: Promise<void>;

  constructor(deps: YourDataDeps) {
    this.#deps = deps;
    this.analysis = deps.analyser
      ? new WorthAnalysis({
          trainer: deps.analyser,
          ...(deps.now ? { now: deps.now } : {}),
          onResult: () => {
            this.#reportEdits = this.#requestedEdits;
            this.#save();
          },
        })
      : null;
    this.review = new TableReview({ onChange: () => this.#save(), given: () => this.#given });
    if (!deps.store && deps.storeUnavailable) this.#storageNotice = deps.storeUnavailable;
    this.ready = this.#restore();
  }

  /** The source of the table restored from this browser's storage (until the next import), or null. */
  get restoredFrom(): string | null {
    return this.#restoredFrom;
  }

  /** What went wrong keeping the table in this browser, or null. */
  get storageNotice(): string | null {
    return this.#storageNotice;
  }

  /** True while a change is still being written to this browser's storage. */
  get saving(): boolean {
    return this.#pendingWrites > 0;
  }

  /** True when the table is kept in this browser between visits. */
  get persistent(): boolean {
    return this.#deps.store !== undefined;
  }

  get status(): ImportStatus {
    return this.#status;
  }

  /** Where the table on screen came from ("wine.csv", "pasted text"), or null. */
  get source(): string | null {
    return this.#loaded?.source ?? null;
  }

  get table(): ImportedTable | null {
    return this.#loaded?.table ?? null;
  }

  get columns(): readonly ColumnInfo[] {
    return this.#loaded?.columns ?? [];
  }

  /** Index of the label column, or -1 without a table. */
  get label(): number {
    return this.#loaded?.label ?? -1;
  }

  get folds(): number {
    return this.#folds;
  }

  get model(): ModelChoice {
    return this.#model;
  }

  get seed(): number {
    return this.#seed;
  }

  get edits(): readonly string[] {
    return this.#loaded?.edits ?? [];
  }

  /** The label each row has in the table on screen (trimmed), by spreadsheet row; empty without a label column. */
  readonly #given: ReadonlyMap<number, string> = $derived.by(() => {
    const loaded = this.#loaded;
    return loaded && loaded.label >= 0 ? givenLabels(loaded.table, loaded.label) : NO_GIVEN;
  });

  /**
   * The label each row has in the table on screen (the file's, after any
   * class edits; trimmed), by spreadsheet row: what "keep" keeps and what a
   * relabel is measured against.
   */
  get givenLabels(): ReadonlyMap<number, string> {
    return this.#given;
  }

  /** The table as the next analysis sees it: the user's review applied (removed rows out, relabels in). */
  readonly #reviewed: ImportedTable | null = $derived.by(() => {
    const loaded = this.#loaded;
    if (!loaded) return null;
    return loaded.label < 0 ? loaded.table : applyLabelEdits(loaded.table, loaded.label, this.review.edits);
  });

  /** Classes, rows set aside, rare classes and the regression check for the chosen label column (review applied). */
  readonly labelCheck: LabelCheck | null = $derived.by(() => {
    const loaded = this.#loaded;
    const table = this.#reviewed;
    if (!loaded || !table || loaded.label < 0) return null;
    return checkLabels(table, { column: loaded.label, folds: this.#folds });
  });

  /** How many rows' decisions differ from those the report on screen was measured with. */
  get editsSinceReport(): number {
    const now = this.review.edits;
    const then = this.#reportEdits;
    const given = this.#given;
    const effective = (row: number, edit: LabelEdit | undefined) => edit && effectiveEdit(edit, given.get(row));
    let changed = 0;
    for (const [row, raw] of now) {
      const edit = effective(row, raw)!;
      const before = effective(row, then.get(row));
      if (
        !before ||
        before.kind !== edit.kind ||
        (edit.kind === 'relabel' && before.kind === 'relabel' && before.label !== edit.label)
      )
        changed++;
    }
    for (const row of then.keys()) if (!now.has(row)) changed++;
    return changed;
  }

  /** Decisions the report on screen was measured with. */
  get reportEdits(): LabelEdits {
    return this.#reportEdits;
  }

  /** Every problem with the table on screen: reading it, its label column, its features. */
  readonly problems: readonly TableProblem[] = $derived.by(() => {
    const loaded = this.#loaded;
    if (!loaded) return [];
    return [
      ...loaded.importProblems,
      ...(this.labelCheck?.problems ?? []),
      ...checkFeatures(loaded.columns, loaded.label),
    ];
  });

  /** True when the table on screen can go on to training: a table and no errors. */
  get usable(): boolean {
    return this.#loaded !== null && !this.problems.some((p) => p.severity === 'error');
  }

  /** Why the table on screen cannot be analysed now, or null when it can. */
  get analyseBlocked(): string | null {
    if (!this.#loaded) return 'Load a table first.';
    const errors = this.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      return `Fix ${errors.length === 1 ? 'the problem' : `the ${errors.length} problems`} marked as errors above first: ${errors[0]!.message}`;
    }
    return null;
  }

  /** What the analysis of the table on screen needs: its rows, the included columns, the label, the folds; null when blocked. */
  analysisRequest(): TableAnalysisRequest | null {
    const loaded = this.#loaded;
    const table = this.#reviewed;
    if (!loaded || !table || this.analyseBlocked !== null) return null;
    return tableAnalysisRequest(table, loaded.columns, loaded.label, {
      folds: this.#folds,
      seed: this.#seed,
      model: this.#model,
    });
  }

  /** Runs the Worth analysis on the table on screen; false (and nothing runs) when it is blocked or there is no analyser. */
  analyse(): boolean {
    const request = this.analysisRequest();
    if (!request || !this.analysis) return false;
    this.#requestedEdits = this.review.edits;
    void this.analysis.run(request, this.#loaded!.source);
    return true;
  }

  /**
   * The cleaned CSV: the table with the user's decisions (and, if asked, the
   * latest report's suggestions for rows not reviewed), written in the table
   * worker in the file's delimiter; null without a table.
   */
  async cleanedCsv(choices: CleanedCsvChoices): Promise<CleanedDownload | null> {
    const loaded = this.#loaded;
    if (!loaded || loaded.label < 0) return null;
    const detection = this.analysis?.result?.worth.detection;
    const { header, cells, rowNumbers, hasHeader, delimiter } = loaded.table;
    const { csv, ...counts } = await this.#deps.importer.cleanedCsv({
      table: { header, cells, rowNumbers, hasHeader, delimiter },
      options: {
        label: loaded.label,
        edits: this.review.edits,
        ...(detection
          ? { flags: rowFlags(detection.issues), issueScores: issueScores(detection.rowNumbers, detection.scores) }
          : {}),
        ...choices,
      },
    });
    return { ...counts, filename: `${baseName(loaded.source)}-cleaned.csv`, type: 'text/csv', text: csv };
  }

  /**
   * The report on screen as JSON, with the settings and every decision
   * (`decisions`: row, given label, relabel/keep/remove, new label; and
   * `decisionsMeasured`, those the report was measured with); null without a report.
   */
  reportJson(): Download | null {
    const loaded = this.#loaded;
    const result = this.analysis?.result;
    if (!loaded || !result) return null;
    const { worth } = result;
    const document = {
      generator: 'Data-Centric Lab',
      source: result.source,
      outOfDate: this.analysis?.outOfDate ?? false,
      settings: worth.summary,
      report: worth.report,
      baseline: worth.baseline,
      afterCleaning: worth.afterCleaning,
      model: worth.model,
      signal: worth.signal,
      noise: worth.noise,
      classNames: worth.classNames,
      bootstrap: worth.bootstrap,
      learningCurve: worth.curve,
      noiseSensitivity: worth.sensitivity,
      suspected: worth.detection.issues,
      rowNumbering:
        "row: the row's 1-based line in the file as a spreadsheet counts it (header = row 1), as in the cleaned CSV's source_row column",
      decisions: labelDecisions(this.review.edits, this.#given),
      decisionsMeasured: labelDecisions(this.#reportEdits, this.#given),
      classEdits: loaded.edits,
      seconds: result.seconds,
    };
    return {
      filename: `${baseName(loaded.source)}-worth-report.json`,
      type: 'application/json',
      text: `${JSON.stringify(document, null, 2)}\n`,
    };
  }

  async importFile(file: File): Promise<void> {
    await this.#import(file.name, async () => new Uint8Array(await file.arrayBuffer()));
  }

  async importText(text: string): Promise<void> {
    await this.#import('pasted text', async () => new TextEncoder().encode(text));
  }

  async importExample(name: ExampleName): Promise<void> {
    const example = EXAMPLES.find((e) => e.name === name);
    if (!example) throw new RangeError(`unknown example "${name}"`);
    await this.#import(example.file.split('/').pop()!, () => this.#deps.loadExample(example.file));
  }

  setLabel(column: number): void {
    const loaded = this.#loaded;
    if (!loaded) return;
    if (!(Number.isInteger(column) && column >= 0 && column < loaded.table.header.length)) {
      throw new RangeError(`label column ${column} is not a column of this table`);
    }
    this.#loaded = { ...loaded, label: column };
    this.analysis?.invalidate();
    this.#save();
  }

  /** Takes column `index` in as a feature, or leaves it out. */
  include(index: number, included: boolean): void {
    const loaded = this.#loaded;
    if (!loaded) return;
    this.#loaded = { ...loaded, columns: includeColumn(loaded.columns, index, included) };
    this.analysis?.invalidate();
    this.#save();
  }

  setFolds(folds: number): void {
    if (!(Number.isInteger(folds) && folds >= MIN_FOLDS && folds <= MAX_FOLDS)) {
      throw new RangeError(`folds must be a whole number from ${MIN_FOLDS} to ${MAX_FOLDS}, got ${folds}`);
    }
    if (folds === this.#folds) return;
    this.#folds = folds;
    this.analysis?.invalidate();
    this.#save();
  }

  setModel(model: ModelChoice): void {
    if (!MODEL_CHOICES.includes(model)) throw new RangeError(`unknown model "${String(model)}"`);
    if (model === this.#model) return;
    this.#model = model;
    this.analysis?.invalidate();
    this.#save();
  }

  setSeed(seed: number): void {
    if (!(Number.isInteger(seed) && seed >= 0))
      throw new RangeError(`the seed must be a whole number ≥ 0, got ${seed}`);
    if (seed === this.#seed) return;
    this.#seed = seed;
    this.analysis?.invalidate();
    this.#save();
  }

  /** Removes the rows of the classes too small for the folds. */
  dropRareClasses(): void {
    const loaded = this.#loaded;
    const rare = this.labelCheck?.rareClasses ?? [];
    if (!loaded || rare.length === 0) return;
    const rows = rare.reduce((n, c) => n + c.count, 0);
    this.#loaded = {
      ...loaded,
      table: dropClasses(loaded.table, { column: loaded.label, classes: rare.map((c) => c.name) }),
      edits: [...loaded.edits, `Dropped ${describeClasses(rare)}: ${plural(rows, 'row')} removed.`],
    };
    this.analysis?.invalidate();
    this.#save();
  }

  /** Relabels the classes too small for the folds as `into` (an existing class or a new name). */
  mergeRareClasses(into: string): void {
    const loaded = this.#loaded;
    const rare = this.labelCheck?.rareClasses ?? [];
    const target = into.trim();
    if (!loaded || rare.length === 0 || target === '') return;
    this.#loaded = {
      ...loaded,
      table: mergeClasses(loaded.table, { column: loaded.label, classes: rare.map((c) => c.name), into: target }),
      edits: [...loaded.edits, `Merged ${describeClasses(rare)} into "${target}".`],
    };
    this.analysis?.invalidate();
    this.#save();
  }

  /** Forgets the table and any import in flight (on screen only; see `forget`). */
  reset(): void {
    this.#version++;
    this.#loaded = null;
    this.#folds = DEFAULT_FOLDS;
    this.#model = ANALYSIS_MODEL;
    this.#seed = ANALYSIS_SEED;
    this.#status = { kind: 'idle' };
    this.#restoredFrom = null;
    this.review.restore(NO_EDITS);
    this.#reportEdits = NO_EDITS;
    this.analysis?.reset();
  }

  /** Clears the page and deletes the saved copy from this browser; resolves when it is deleted (or failed to be). */
  async forget(): Promise<void> {
    this.reset();
    const store = this.#deps.store;
    if (!store) return;
    await this.#enqueue(
      () => store.forget(),
      (reason) => `Could not delete the saved data set from this browser (${reason}). Try again.`,
    );
  }

  /** Resolves when every save and delete asked for so far has settled. */
  settled(): Promise<void> {
    return this.#storeQueue;
  }

  /** The cells as the Blob a save writes: the one the table worker made, else made now (once per table). */
  #blobOf(cells: PackedCells): Blob {
    let blob = this.#blobs.get(cells);
    if (!blob) {
      blob = cellsBlob(cells);
      this.#blobs.set(cells, blob);
    }
    return blob;
  }

  #snapshot(): Saved | null {
    const loaded = this.#loaded;
    if (!loaded) return null;
    const result = this.analysis?.result ?? null;
    return {
      source: loaded.source,
      table: tableToSave(loaded.table, this.#blobOf(loaded.table.cells)),
      columns: loaded.columns,
      label: loaded.label,
      importProblems: loaded.importProblems,
      edits: loaded.edits,
      review: labelEditList(this.review.edits),
      folds: this.#folds,
      model: this.#model,
      seed: this.#seed,
      analysis: result
        ? {
            worth: result.worth,
            source: result.source,
            seconds: result.seconds,
            outOfDate: this.analysis?.outOfDate ?? false,
            review: labelEditList(this.#reportEdits),
          }
        : null,
    };
  }

  /**
   * Saves the page as it is now (taken now, written after earlier saves);
   * failures become the storage notice. Saves asked for while one waits to be
   * written coalesce: the waiting write takes the newest snapshot, so a burst
   * of review keystrokes costs one or two writes and the last state is never
   * stuck behind a queue of stale ones.
   */
  #save(): void {
    const store = this.#deps.store;
    const saved = this.#snapshot();
    if (!store || !saved) return;
    const waiting = this.#nextSave !== null;
    this.#nextSave = saved;
    if (waiting) return;
    void this.#enqueue(
      () => {
        const latest = this.#nextSave ?? saved;
        this.#nextSave = null;
        return store.save(latest);
      },
      (reason) =>
        `Could not save ${saved.source} in this browser (${reason}). It stays on screen, but will not survive a reload.`,
    );
  }

  #enqueue(work: () => Promise<void>, failure: (reason: string) => string): Promise<void> {
    this.#pendingWrites++;
    this.#storeQueue = this.#storeQueue.then(async () => {
      try {
        await work();
        this.#storageNotice = null;
      } catch (error) {
        this.#storageNotice = failure(error instanceof Error ? error.message : String(error));
      } finally {
        this.#pendingWrites--;
      }
    });
    return this.#storeQueue;
  }

  async #restore(): Promise<void> {
    const store = this.#deps.store;
    if (!store) return;
    const version = this.#version;
    let saved: Saved | null;
    try {
      saved = await store.load();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#storageNotice = `This browser does not let the lab keep your data (${reason}); it will not survive a reload.`;
      return;
    }
    // An import started meanwhile wins over the saved table.
    if (!saved || version !== this.#version) return;
    let restored: Awaited<ReturnType<typeof restoreTable>>;
    try {
      restored = await restoreTable(saved.table);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#storageNotice = `The data set saved in this browser could not be read back (${reason}); load it again.`;
      return;
    }
    if (version !== this.#version) return;
    if (restored.blob) this.#blobs.set(restored.table.cells, restored.blob);
    this.#loaded = {
      source: saved.source,
      table: restored.table,
      columns: saved.columns,
      label: saved.label,
      importProblems: saved.importProblems,
      edits: saved.edits,
    };
    this.#folds = saved.folds;
    this.#model = MODEL_CHOICES.includes(saved.model as ModelChoice) ? (saved.model as ModelChoice) : ANALYSIS_MODEL;
    this.#seed = Number.isInteger(saved.seed) && saved.seed! >= 0 ? saved.seed! : ANALYSIS_SEED;
    this.review.restore(labelEditsFrom(saved.review));
    this.#reportEdits = labelEditsFrom(saved.analysis?.review);
    this.#status = { kind: 'ready', source: saved.source };
    this.#restoredFrom = saved.source;
    if (saved.analysis && isCurrentWorth(saved.analysis.worth)) {
      const { worth, source, seconds, outOfDate } = saved.analysis;
      this.analysis?.restore({ worth, source, seconds }, outOfDate);
    } else {
      // No report, or one made by an earlier version of the analysis (its numbers are not comparable): analyse again.
      this.analysis?.reset();
    }
  }

  async #import(source: string, read: () => Promise<Uint8Array>): Promise<void> {
    const version = ++this.#version;
    const current = () => version === this.#version;
    this.#status = { kind: 'reading', source, fraction: 0 };
    try {
      const bytes = await read();
      if (!current()) return;
      const result = await this.#deps.importer.importTable(bytes, this.#deps.importOptions ?? {}, (fraction) => {
        if (current() && this.#status.kind === 'reading') this.#status = { kind: 'reading', source, fraction };
      });
      if (!current()) return;
      if (!result.ok) {
        this.#status = { kind: 'failed', source, problems: result.problems, message: null };
        return;
      }
      if (result.cellsBlob) this.#blobs.set(result.table.cells, result.cellsBlob);
      this.#loaded = {
        source,
        table: result.table,
        columns: result.columns,
        label: result.label,
        importProblems: result.problems,
        edits: [],
      };
      this.review.restore(NO_EDITS);
      this.#reportEdits = NO_EDITS;
      this.analysis?.reset();
      this.#restoredFrom = null;
      this.#status = { kind: 'ready', source };
      this.#save();
    } catch (error) {
      if (!current()) return;
      const reason = error instanceof Error ? error.message : String(error);
      this.#status = {
        kind: 'failed',
        source,
        problems: [],
        message: `Could not read ${source}: ${reason}. Try again; if it keeps failing, reload the page.`,
      };
    }
  }
}

function describeClasses(classes: readonly ClassCount[]): string {
  const names = classes.map((c) => `"${c.name}"`).join(', ');
  return `${classes.length === 1 ? 'class' : 'classes'} ${names}`;
}

/** A file name's stem for downloads: "wine.csv" → "wine", "pasted text" → "pasted-text". */
export function baseName(source: string): string {
  const stem = source.replace(/\.[^./\\]{1,8}$/, '').trim();
  const safe = stem.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '');
  return safe === '' ? 'table' : safe;
}
