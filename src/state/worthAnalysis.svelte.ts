/**
 * The Worth analysis of a user's table: one request at a time in the worker
 * pool, with progress, cancel and "latest request wins".
 *
 * - `run(request)` cancels any run in flight and submits a new one; its
 *   status goes queued → running (k / n fits) → done, through the cell-status
 *   reducer. Results and progress of a superseded run are dropped.
 * - `cancel()` stops the run in flight; the previous report stays on screen.
 * - `invalidate()` says the inputs changed: the report stays, marked out of
 *   date (`outOfDate`), until a new run replaces it.
 */
import { IDLE, cellStatusReducer, isBusy, type CellEvent, type CellStatus } from '../notebook/cellStatus.ts';
import { isAbortError, type TableAnalysisRequest, type TabularWorth } from '../workers/protocol.ts';
import type { TableAnalyser } from './cellDeps.ts';
import { secondsLeft } from './timeLeft.ts';

export type { TabularWorth };

export interface WorthAnalysisDeps {
  readonly trainer: TableAnalyser;
  /** Clock in milliseconds (for the time left); default performance.now. */
  readonly now?: () => number;
  /** Called when a run finishes with a new report (to save it). */
  readonly onResult?: (result: WorthResult) => void;
}

/** A finished report and what it answers. */
export interface WorthResult {
  readonly worth: TabularWorth;
  /** Where the table came from ("wine.csv"). */
  readonly source: string;
  readonly seconds: number;
  /** The inputs version the report answers (see `outOfDate`). */
  readonly inputs: number;
}

export class WorthAnalysis {
  readonly #deps: WorthAnalysisDeps;
  #status = $state.raw<CellStatus>(IDLE);
  #result = $state.raw<WorthResult | null>(null);
  #secondsLeft = $state.raw<number | null>(null);
  /** Bumped whenever the inputs change. */
  #inputs = $state.raw(0);
  #runId = 0;
  #controller: AbortController | null = null;

  constructor(deps: WorthAnalysisDeps) {
    this.#deps = deps;
  }

  get status(): CellStatus {
    return this.#status;
  }

  get busy(): boolean {
    return isBusy(this.#status);
  }

  /** The latest finished report (kept through cancels, failures and input changes), or null. */
  get result(): WorthResult | null {
    return this.#result;
  }

  /** True when the inputs changed after the report on screen was asked for. */
  get outOfDate(): boolean {
    return this.#result !== null && this.#result.inputs !== this.#inputs;
  }

  /** Estimated seconds until the run in flight finishes (from the pace of its fits so far, per training row), or null. */
  get secondsLeft(): number | null {
    return this.#status.kind === 'running' ? this.#secondsLeft : null;
  }

  /** Starts a run for `request` (cancelling any in flight); resolves when it settles. */
  async run(request: TableAnalysisRequest, source: string): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const runId = ++this.#runId;
    const inputs = this.#inputs;
    const now = this.#deps.now ?? (() => performance.now());
    let startedAt = now();
    this.#secondsLeft = null;
    this.#dispatch({ type: 'submit', runId });
    try {
      const worth = await this.#deps.trainer.analyseTable(request, {
        signal: controller.signal,
        onProgress: (progress) => {
          const { done, total } = progress;
          if (runId !== this.#runId) return;
          if (this.#status.kind === 'queued') {
            startedAt = now();
            this.#dispatch({ type: 'start', runId, total, at: startedAt });
          }
          this.#dispatch({ type: 'progress', runId, done, total });
          this.#secondsLeft = secondsLeft((now() - startedAt) / 1000, progress);
        },
      });
      if (runId !== this.#runId) return;
      if (this.#status.kind === 'queued') this.#dispatch({ type: 'start', runId, total: 0, at: startedAt });
      const at = now();
      this.#result = { worth, source, seconds: (at - startedAt) / 1000, inputs };
      this.#dispatch({ type: 'finish', runId, at });
      this.#deps.onResult?.(this.#result);
    } catch (error) {
      if (runId !== this.#runId) return;
      if (isAbortError(error)) this.#dispatch({ type: 'cancel', runId });
      else this.#dispatch({ type: 'fail', runId, message: error instanceof Error ? error.message : String(error) });
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  }

  /** Stops the run in flight; the previous report stays. */
  cancel(): void {
    const status = this.#status;
    if (!isBusy(status) || !('runId' in status)) return;
    this.#controller?.abort();
    this.#controller = null;
    this.#dispatch({ type: 'cancel', runId: status.runId });
    this.#runId++; // whatever the cancelled run still sends is dropped
  }

  /** The inputs changed: the report on screen no longer answers them. */
  invalidate(): void {
    this.#inputs++;
    this.#dispatch({ type: 'invalidate' });
  }

  /** Shows a saved report again (after a reload); `outOfDate` marks it as answering earlier inputs. */
  restore(report: Omit<WorthResult, 'inputs'>, outOfDate: boolean): void {
    this.reset();
    this.#result = { ...report, inputs: this.#inputs };
    this.#status = { kind: 'done', runId: this.#runId, seconds: report.seconds };
    if (outOfDate) this.invalidate();
  }

  /** Forgets the report and stops any run (a new table). */
  reset(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#runId++;
    this.#inputs++;
    this.#result = null;
    this.#secondsLeft = null;
    this.#dispatch({ type: 'reset' });
  }

  #dispatch(event: CellEvent): void {
    this.#status = cellStatusReducer(this.#status, event);
  }
}
