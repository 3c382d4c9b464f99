/**
 * State of a worth cell: the Worth report on a bundled CSV, trained for real
 * in the worker pool, as the data page makes it for a user's own file.
 *
 * Run loads the file's bytes (once per file and cell), has the table worker
 * parse and profile them, finds the label column, builds the analysis
 * request from the parameters and hands it to a WorthAnalysis, which owns
 * the status, progress, cancel and "latest run wins". While the file is
 * loading the cell shows as queued; a file that cannot be used (a label that
 * is no column, classes too small for the folds) fails with the reason.
 *
 * With injected noise the truth is known, and the run does one more thing
 * after the analysis: it retrains the analysis' model with every flipped
 * label set back, on the analysis' own folds (the analyser's restoreLabels),
 * so the cell can show what fixing exactly the wrong labels buys beside what
 * the report's own cleaning gets. Its fits count in the same progress.
 *
 * Deterministic: the folds, the injected noise, the subsets and the bootstrap
 * are all seeded by `seed`, so the same parameters give the same numbers on
 * the same backend.
 */
import { isCurrentWorth } from './yourData.svelte.ts';
import { CELL_OUTPUTS, readWorthParams } from '../notebook/cellSchemas.ts';
import type { CellStatus } from '../notebook/cellStatus.ts';
import { TABULAR_FILES, isTabularFile, tabularPath, type TabularFile } from '../notebook/tabularFiles.ts';
import type { WorthCellSpec, WorthParams } from '../notebook/types.ts';
import { describeDataEquivalent } from '../engine/worth/worthReport.ts';
import type { RestoredLabels, TableAnalysisRequest, TableProgressCallback } from '../workers/protocol.ts';
import type { ImportResult } from '../workers/tableProtocol.ts';
import type { TableFiles } from './cellDeps.ts';
import { confusedPair, type ConfusedPair } from './confusedPair.ts';
import { analysisProblems, columnIndex, tableAnalysisRequest } from './tableRequest.ts';
import { WorthAnalysis, type TabularWorth } from './worthAnalysis.svelte.ts';
import type { CellSnapshot } from './cellPersistence.ts';
import { worthResultJson, worthResultTables, type CellResultJson, type ResultTable } from './cellResults.ts';

export type { ConfusedPair, RestoredLabels, TabularWorth };

/** A finished report and the parameters it answers. */
export interface WorthCellResult {
  readonly params: WorthParams;
  readonly worth: TabularWorth;
  /** With injected noise: the model retrained with the flipped labels set back; else null. */
  readonly restored: RestoredLabels | null;
  readonly seconds: number;
}

type Preparing = { readonly kind: 'loading' } | { readonly kind: 'failed'; readonly message: string } | null;

/** Stands in for the table deps on a page that has none: every run fails saying so. */
const NO_TABLES: TableFiles = {
  analyser: { analyseTable: () => Promise.reject(new Error('this page cannot analyse tables')) },
  importer: { importTable: () => Promise.reject(new Error('this page has no table reader')) },
  loadFile: () => Promise.reject(new Error('this page cannot load bundled files')),
};

export class WorthCellState {
  readonly spec: WorthCellSpec;
  /** Status, progress and cancel of the analysis itself. */
  readonly analysis: WorthAnalysis;
  readonly #deps: TableFiles;
  #params = $state.raw<WorthParams>() as WorthParams;
  #problems = $state.raw<readonly string[]>([]);
  #revision = $state(0);
  #preparing = $state.raw<Preparing>(null);
  #result = $state.raw<WorthCellResult | null>(null);
  #runId = 0;
  /** Parsed files by name: a file is fetched and parsed once per cell. */
  readonly #imports: Partial<Record<TabularFile, Promise<ImportResult>>> = {};

  /** The restoration that followed the latest analysis, keyed by the report it follows. */
  #restored: { readonly worth: TabularWorth; readonly restored: RestoredLabels } | null = null;

  constructor(spec: WorthCellSpec, deps: TableFiles | undefined, now?: () => number) {
    this.spec = spec;
    this.#deps = deps ?? NO_TABLES;
    const analyser = this.#deps.analyser;
    this.analysis = new WorthAnalysis({
      trainer: { analyseTable: (request, options) => this.#analyse(analyser, request, options) },
      ...(now ? { now } : {}),
    });
    this.#params = spec.params;
  }

  get params(): WorthParams {
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

  /** Queued while the file loads; then the analysis' own status. */
  get status(): CellStatus {
    const preparing = this.#preparing;
    if (preparing?.kind === 'loading') return { kind: 'queued', runId: this.#runId, outdated: false };
    if (preparing?.kind === 'failed') return { kind: 'error', runId: this.#runId, message: preparing.message };
    return this.analysis.status;
  }

  get busy(): boolean {
    return this.#preparing?.kind === 'loading' || this.analysis.busy;
  }

  /** True while the file is being fetched and parsed (before the fits start). */
  get loading(): boolean {
    return this.#preparing?.kind === 'loading';
  }

  /** Estimated seconds until the analysis finishes, or null. */
  get secondsLeft(): number | null {
    return this.analysis.secondsLeft;
  }

  /** The latest finished report (kept through cancels, failures and parameter changes), or null. */
  get result(): WorthCellResult | null {
    return this.#result;
  }

  /** The parameters differ from those of the report on screen. */
  get outdated(): boolean {
    return this.#result !== null && !sameParams(this.#result.params, this.#params);
  }

  /** Where the flags cluster: the most often swapped pair of classes, or null without flags. */
  get confusedPair(): ConfusedPair | null {
    return this.#result ? confusedPair(this.#result.worth.detection.issues) : null;
  }

  /**
   * Sets parameters from form values. A new file without a label of its own
   * brings the file's label column along, unless the label was changed by hand.
   */
  setParams(patch: Readonly<Record<string, unknown>>): void {
    const current = this.#params;
    const next: Record<string, unknown> = { ...current, ...patch };
    const file = patch.file;
    if (
      typeof file === 'string' &&
      isTabularFile(file) &&
      !('label' in patch) &&
      current.label === TABULAR_FILES[current.file].label
    ) {
      next.label = TABULAR_FILES[file].label;
    }
    const { params, problems } = readWorthParams(next, current);
    this.#params = params;
    this.#problems = problems.map((p) => `${p.key}: ${p.reason}`).filter((p, i, all) => all.indexOf(p) === i);
    this.#changed();
  }

  /** Back to the lesson's parameters; the report stays. */
  resetParams(): void {
    this.#params = this.spec.params;
    this.#problems = [];
    this.#revision++;
    this.#changed();
  }

  /** Alias of resetParams() (the uniform cell interface of cellPersistence.ts). */
  resetToDefaults(): void {
    this.resetParams();
  }

  /** The parameters and the latest report with the parameters it answers. */
  saveState(): CellSnapshot {
    return {
      params: this.#params as unknown as Record<string, unknown>,
      ...(this.#result ? { result: this.#result } : {}),
    };
  }

  /**
   * Applies saved or linked parameters (over the lesson's) and shows a saved
   * report again, marked out of date when it answers other parameters. With
   * any problem nothing changes and the problems come back.
   */
  restoreState(saved: CellSnapshot): readonly string[] {
    const { params, problems } = readWorthParams(saved.params, this.spec.params);
    if (problems.length) return problems.map((p) => `${p.key}: ${p.reason}`);
    this.cancel();
    this.#params = params;
    this.#problems = [];
    this.#preparing = null;
    this.#revision++;
    const result = savedWorthResult(saved.result);
    if (result) {
      this.#result = result;
      this.analysis.restore(
        { worth: result.worth, source: result.params.file, seconds: result.seconds },
        !sameParams(result.params, params),
      );
    } else if (this.#result && this.outdated) {
      this.analysis.invalidate();
    }
    return [];
  }

  /** Loads and parses the file (once), then runs the Worth analysis; resolves when it settles. */
  async run(): Promise<void> {
    if (this.#problems.length) return;
    const params = this.#params;
    const runId = ++this.#runId;
    if (this.analysis.busy) this.analysis.cancel();
    this.#preparing = { kind: 'loading' };
    let request: TableAnalysisRequest;
    try {
      const imported = await this.#import(params.file);
      if (runId !== this.#runId) return;
      const built = buildRequest(imported, params);
      if (!built.ok) {
        this.#preparing = { kind: 'failed', message: built.message };
        return;
      }
      request = built.request;
    } catch (error) {
      if (runId !== this.#runId) return;
      this.#preparing = {
        kind: 'failed',
        message: `Could not load ${params.file} (${messageOf(error)}). Check the connection and run again.`,
      };
      return;
    }
    this.#preparing = null;
    const before = this.analysis.result;
    await this.analysis.run(request, params.file);
    const after = this.analysis.result;
    if (runId !== this.#runId || !after || after === before) return;
    const restored = this.#restored?.worth === after.worth ? this.#restored.restored : null;
    this.#result = { params, worth: after.worth, restored, seconds: after.seconds };
    // The form moved on while the file was loading: the report answers the old parameters.
    if (!sameParams(params, this.#params)) this.analysis.invalidate();
  }

  /** Stops the run in flight; the report on screen stays. */
  cancel(): void {
    if (this.#preparing?.kind === 'loading') {
      this.#runId++;
      this.#preparing = null;
    }
    this.analysis.cancel();
  }

  /** The results as tables for a CSV download (cellResults.ts); none before a result. */
  resultTables(): ResultTable[] {
    return worthResultTables(this);
  }

  /** The parameters, outputs and main result data for a JSON download (cellResults.ts); null before a result. */
  resultJson(): CellResultJson | null {
    return worthResultJson(this);
  }

  /** Values prose can reference as {{id.key}}: null until a report exists; NaN (shown as —) where it does not apply. */
  get outputs(): Record<string, number | string | null> {
    const worth = this.#result?.worth;
    if (!worth) return Object.fromEntries(CELL_OUTPUTS.worth.map((key) => [key, null]));
    const restored = this.#result?.restored ?? null;
    const { report, injected, baseline, afterCleaning } = worth;
    const equivalent = report.dataEquivalent;
    const pair = confusedPair(worth.detection.issues);
    const cleaning = afterCleaning.cleaning;
    const folds = Math.max(worth.summary.folds - 1, 1);
    return {
      rows: worth.summary.rows,
      features: worth.summary.features.length,
      suspected: report.suspected,
      noiseEstimate: report.noiseRate?.estimate ?? NaN,
      noiseLow: report.noiseRate?.low ?? NaN,
      noiseHigh: report.noiseRate?.high ?? NaN,
      noiseConfidentLearning: worth.detection.estimatedNoiseRate,
      anchorRows: worth.noise.anchorRows,
      verdict: report.verdict,
      model: worth.model.description,
      accuracyObserved: baseline.accuracy,
      majority: worth.signal.majority,
      accuracyNow: report.accuracyNow?.estimate ?? NaN,
      accuracyAfter: report.accuracyAfterCleaning?.estimate ?? NaN,
      gain: report.gain ? points(report.gain.estimate) : '—',
      gainLow: report.gain ? points(report.gain.low) : '—',
      gainHigh: report.gain ? points(report.gain.high) : '—',
      factor: equivalent && equivalent.status !== 'beyond_range' ? equivalent.factor : NaN,
      equivalent: equivalent ? describeDataEquivalent(equivalent) : 'not claimed',
      headline: report.headline,
      confusedPair: pair ? pair.classes.join(' ↔ ') : 'none',
      confusedPairFlags: pair?.flags ?? 0,
      trueNoise: injected?.trueNoiseRate ?? NaN,
      flipped: injected?.flipped.length ?? NaN,
      truePositives: injected?.flags.truePositives ?? NaN,
      precision: injected?.flags.precision ?? NaN,
      recall: injected?.flags.recall ?? NaN,
      accuracyNowTruth: baseline.truth ?? NaN,
      accuracyAfterTruth: afterCleaning.truth ?? NaN,
      gainAfterTruth:
        injected && baseline.truth !== null && afterCleaning.truth !== null
          ? points(afterCleaning.truth - baseline.truth)
          : '—',
      accuracyRestoredTruth: restored?.accuracy ?? NaN,
      gainRestoredTruth: restored && baseline.truth !== null ? points(restored.accuracy - baseline.truth) : '—',
      // Each row is in the training rows of all folds but its own: per-fold sums over (folds − 1) count each row once.
      fixesRight: cleaning.fixesRight === null ? NaN : Math.round(cleaning.fixesRight / folds),
      fixesWrong: cleaning.fixesWrong === null ? NaN : Math.round(cleaning.fixesWrong / folds),
    };
  }

  /**
   * The analysis, and with injected noise the restoration after it, as one
   * request: progress counts the fits of both (the restoration's
   * folds × splits are added to the total once the analysis says how many
   * splits it ran).
   */
  async #analyse(
    analyser: TableFiles['analyser'],
    request: TableAnalysisRequest,
    options: { readonly signal?: AbortSignal; readonly onProgress?: TableProgressCallback } = {},
  ): Promise<TabularWorth> {
    const { signal, onProgress } = options;
    const restoring = request.injectNoise !== undefined && request.injectNoise > 0 && analyser.restoreLabels;
    // Until the analysis ends, the restoration is planned at one fit per fold of each of its two splits.
    const planned = restoring ? 2 * request.folds : 0;
    const worth = await analyser.analyseTable(request, {
      ...(signal ? { signal } : {}),
      onProgress: ({ done, total }) => onProgress?.({ done, total: total + planned }),
    });
    if (!restoring || request.injectNoise === undefined) return worth;
    const { kind, l2 } = worth.model.chosen;
    const analysed = worth.fits;
    const restored = await analyser.restoreLabels!(
      { ...request, injectNoise: request.injectNoise, candidate: { kind, l2 }, repeats: worth.repeats },
      {
        ...(signal ? { signal } : {}),
        onProgress: ({ done, total }) => onProgress?.({ done: analysed + done, total: analysed + total }),
      },
    );
    this.#restored = { worth, restored };
    return worth;
  }

  #changed(): void {
    if (this.#preparing?.kind === 'failed') this.#preparing = null;
    if ((this.#result && this.outdated) || this.analysis.busy) this.analysis.invalidate();
  }

  #import(file: TabularFile): Promise<ImportResult> {
    let imported = this.#imports[file];
    if (!imported) {
      imported = this.#deps
        .loadFile(tabularPath(file))
        .then((bytes) => this.#deps.importer.importTable(bytes))
        .catch((error: unknown) => {
          delete this.#imports[file]; // a failed load is tried again on the next run
          throw error;
        });
      this.#imports[file] = imported;
    }
    return imported;
  }
}

/** The analysis request for `params` on a parsed file, or why there is none. */
export function buildRequest(
  imported: ImportResult,
  params: WorthParams,
): { readonly ok: true; readonly request: TableAnalysisRequest } | { readonly ok: false; readonly message: string } {
  const fail = (message: string) => ({ ok: false, message }) as const;
  if (!imported.ok) {
    const first = imported.problems.find((p) => p.severity === 'error') ?? imported.problems[0];
    return fail(`${params.file} cannot be read: ${first?.message ?? 'unknown problem'}`);
  }
  const { table, columns } = imported;
  const label = columnIndex(table.header, params.label);
  if (label < 0) {
    return fail(
      `"${params.label}" is not a column of ${params.file}. Its columns are: ${table.header.map((h) => `"${h}"`).join(', ')}.`,
    );
  }
  const error = analysisProblems(table, columns, label, params.folds).find((p) => p.severity === 'error');
  if (error) return fail(`${params.file} with label "${table.header[label]}" cannot be analysed: ${error.message}`);
  return { ok: true, request: tableAnalysisRequest(table, columns, label, params) };
}

/** A saved report, or null when the value is not one (an older or damaged record). */
function savedWorthResult(value: unknown): WorthCellResult | null {
  if (typeof value !== 'object' || value === null) return null;
  const { params, worth, restored, seconds } = value as Partial<Record<keyof WorthCellResult, unknown>>;
  if (typeof params !== 'object' || params === null || typeof worth !== 'object' || worth === null) return null;
  const read = readWorthParams(params as Record<string, unknown>);
  const report = worth as Partial<TabularWorth>;
  if (read.problems.length || typeof report.report !== 'object' || typeof report.summary !== 'object') return null;
  // A report of an earlier version of the analysis is not shown again: the cell runs anew.
  if (!isCurrentWorth(worth)) return null;
  // With injected noise the restoration belongs to the result: a record saved without it runs anew.
  const restoredLabels = isRestoredLabels(restored) ? restored : null;
  if (read.params.injectNoise > 0 && !restoredLabels) return null;
  return {
    params: read.params,
    worth: worth as TabularWorth,
    restored: restoredLabels,
    seconds: typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : 0,
  };
}

function isRestoredLabels(value: unknown): value is RestoredLabels {
  if (typeof value !== 'object' || value === null) return false;
  const { accuracy, restored, perSplit } = value as Partial<Record<keyof RestoredLabels, unknown>>;
  return (
    typeof accuracy === 'number' && Number.isFinite(accuracy) && typeof restored === 'number' && Array.isArray(perSplit)
  );
}

function sameParams(a: WorthParams, b: WorthParams): boolean {
  return (
    a.file === b.file &&
    a.label === b.label &&
    a.injectNoise === b.injectNoise &&
    a.folds === b.folds &&
    a.model === b.model &&
    a.seed === b.seed
  );
}

/** A change of accuracy in points: "+4.0 points", "−3.1 points". */
function points(delta: number): string {
  return `${delta >= 0 ? '+' : '−'}${(100 * Math.abs(delta)).toFixed(1)} points`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
