/**
 * State of a code cell: the code as the reader edited it, the run going on
 * (in its own worker, see workers/codeClient.ts) and what the last run
 * returned or where it failed. Latest run wins; Stop ends a run at once,
 * even one stuck in an endless loop; a run going on for `slowAfterMs` is
 * flagged `slow`, so the page can offer to stop it.
 */
import type { CellSnapshot } from './cellPersistence.ts';
import { IDLE, cellStatusReducer, isBusy, type CellEvent, type CellStatus } from '../notebook/cellStatus.ts';
import type { CodeCellSpec } from '../notebook/types.ts';
import type { CodeRunner } from '../workers/codeClient.ts';
import type { CodeRunResult } from '../workers/codeProtocol.ts';
import { isAbortError } from '../workers/protocol.ts';
import { codeResultJson, codeResultTables, type CellResultJson, type ResultTable } from './cellResults.ts';
import { formatReadout } from '../engine/quantity.ts';
import { controlDefaults, controlProblem, type CodeControl, type CodeControlValue } from '../notebook/codeSchema.ts';

/** The values of a cell's controls by name. */
export type ControlValues = Readonly<Record<string, CodeControlValue>>;

const sameValues = (a: ControlValues, b: ControlValues) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => Object.is(a[k], b[k]));

export type { CodeRunner, CodeRunResult };

export interface CodeCellOptions {
  /** The clock (ms). Default performance.now. */
  readonly now?: () => number;
  /** Timers for the "still running" notice; injectable for tests. */
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
  /** After this long a run counts as slow and the page offers to stop it. Default 10 s. */
  readonly slowAfterMs?: number;
}

/** Said when the page has no code worker (tests, or a page built without one). */
export const NO_RUNNER = 'Code cannot run on this page: it has no code worker. Open the lesson in the app to run it.';

/** The longest code a cell keeps between visits. */
export const MAX_CODE_CHARS = 100_000;
/** Printed lines shown while a run goes on: the last few (the result shows them all). */
export const LIVE_LINES = 6;

export class CodeCellState {
  readonly spec: CodeCellSpec;
  readonly #createRunner: (() => CodeRunner) | null;
  #runner: CodeRunner | null = null;
  readonly #now: () => number;
  readonly #setTimeout: (callback: () => void, ms: number) => unknown;
  readonly #clearTimeout: (handle: unknown) => void;
  readonly #slowAfterMs: number;
  #code = $state.raw('');
  /** The controls' values as the reader set them (a number field may hold NaN while being typed). */
  #values = $state.raw<Record<string, unknown>>({});
  /** The control values the result on screen came from. */
  #ranValues: ControlValues | null = null;
  #status = $state.raw<CellStatus>(IDLE);
  #result = $state.raw<CodeRunResult | null>(null);
  /** The last LIVE_LINES lines the running code printed, as it printed them. */
  #live = $state.raw<readonly string[]>([]);
  /** The code the result on screen came from. */
  #ranCode = $state.raw<string | null>(null);
  #slow = $state(false);
  #slowTimer: unknown = null;
  #runId = 0;
  #controller: AbortController | null = null;

  constructor(spec: CodeCellSpec, createRunner: (() => CodeRunner) | null, options: CodeCellOptions = {}) {
    this.spec = spec;
    this.#createRunner = createRunner;
    this.#now = options.now ?? (() => performance.now());
    this.#setTimeout = options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms));
    this.#clearTimeout = options.clearTimeout ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    this.#slowAfterMs = options.slowAfterMs ?? 10_000;
    this.#code = spec.params.code;
    this.#values = controlDefaults(this.controls);
  }

  /** The cell's controls, as the lesson declares them (none: the editor is the cell). */
  get controls(): readonly CodeControl[] {
    return this.spec.controls ?? [];
  }
  /** The value of each control now (what the fields show). */
  get values(): Readonly<Record<string, unknown>> {
    return this.#values;
  }
  /** What is wrong with the values typed into the controls; Run waits until there is nothing. */
  get problems(): readonly string[] {
    return this.controls.flatMap((c) => controlProblem(c, this.#values[c.name]) ?? []);
  }
  /** True when a control differs from the lesson's value. */
  get controlsChanged(): boolean {
    return this.controls.some((c) => !Object.is(this.#values[c.name], c.value));
  }

  /** Sets one control (each keystroke); a result on screen from other values is marked out of date. */
  setControl(name: string, value: CodeControlValue): void {
    if (!this.controls.some((c) => c.name === name) || Object.is(this.#values[name], value)) return;
    this.#values = { ...this.#values, [name]: value };
    this.#invalidateIfChanged();
  }

  /** The control values to run with, or null while one is not usable. */
  #usableValues(): ControlValues | null {
    return this.problems.length ? null : (this.#values as ControlValues);
  }

  #invalidateIfChanged(): void {
    if (this.#ranCode === null) return;
    const ranValues = this.#ranValues ?? {};
    if (this.#code !== this.#ranCode || !sameValues(this.#values as ControlValues, ranValues)) {
      this.#dispatch({ type: 'invalidate' });
    }
  }

  /** The code as the reader has it now (what persistence stores). */
  get code(): string {
    return this.#code;
  }
  /** True when the code differs from the lesson's. */
  get edited(): boolean {
    return this.#code !== this.spec.params.code;
  }
  get status(): CellStatus {
    return this.#status;
  }
  get busy(): boolean {
    return isBusy(this.#status);
  }
  /** The last finished run's value or failure; null before the first. */
  get result(): CodeRunResult | null {
    return this.#result;
  }
  /** While a run goes on: the last lines it printed so far (lab.fit prints one per epoch). */
  get liveLines(): readonly string[] {
    return this.#live;
  }
  /** The control values the result on screen came from; null without controls or before a run. */
  get ranValues(): ControlValues | null {
    return this.#ranValues;
  }
  /** The code the result on screen came from (to quote the line an error points at). */
  get ranCode(): string | null {
    return this.#ranCode;
  }
  /** Seconds after which a run counts as slow. */
  get slowAfterSeconds(): number {
    return this.#slowAfterMs / 1000;
  }
  /** True once a run has gone on for `slowAfterMs`. */
  get slow(): boolean {
    return this.#slow;
  }
  /** Why the cell cannot run at all, or null. */
  get unavailable(): string | null {
    return this.#createRunner ? null : NO_RUNNER;
  }

  /** Replaces the code (each keystroke); a result on screen from other code is marked out of date. */
  setCode(code: string): void {
    if (code === this.#code) return;
    this.#code = code;
    this.#invalidateIfChanged();
  }

  /** Puts the lesson's code back (the result on screen stays, marked out of date if it came from other code). */
  reset(): void {
    this.setCode(this.spec.params.code);
  }

  /** The cell's parameters: the code as edited and, when it has controls, their values. */
  get params(): { readonly code: string; readonly controls?: Readonly<Record<string, unknown>> } {
    return this.controls.length ? { code: this.#code, controls: this.#values } : { code: this.#code };
  }

  /**
   * What a sharing link carries: the controls' values by name (usable ones
   * only) beside the lesson's — never code, so a link cannot bring code to
   * run. Only values that differ go into the link (lessonSync.svelte.ts).
   */
  get linkState(): { readonly params: ControlValues; readonly defaults: ControlValues } {
    const params: Record<string, CodeControlValue> = {};
    for (const c of this.controls) {
      const value = this.#values[c.name];
      if (controlProblem(c, value) === null) params[c.name] = value as CodeControlValue;
    }
    return { params, defaults: controlDefaults(this.controls) };
  }

  /**
   * Sets the controls a link names (values decoded to the defaults' shape);
   * the others go back to the lesson's values and the code stays as the
   * reader has it. A value its field would refuse, or a name the cell has no
   * control for, is named and leaves that control at the lesson's value.
   */
  applyLinkState(values: Readonly<Record<string, unknown>>): readonly string[] {
    const problems: string[] = [];
    const names = this.controls.map((c) => c.name);
    for (const name of Object.keys(values)) {
      if (!names.includes(name)) {
        problems.push(
          `${name}: this cell has no control “${name}” (${names.length ? `it has: ${names.join(', ')}` : 'it has none'})`,
        );
      }
    }
    this.resetControls();
    for (const c of this.controls) {
      if (!(c.name in values)) continue;
      const problem = controlProblem(c, values[c.name]);
      if (problem) problems.push(problem);
      else this.setControl(c.name, values[c.name] as CodeControlValue);
    }
    return problems;
  }

  /** The lesson's code and control values. */
  resetToDefaults(): void {
    this.reset();
    this.resetControls();
  }

  /** Puts the controls back to the lesson's values. */
  resetControls(): void {
    for (const c of this.controls) this.setControl(c.name, c.value);
  }

  /** The code as edited and, after a run that succeeded, its result with the code it came from. */
  saveState(): CellSnapshot {
    const result = this.#result;
    const kept =
      result?.ok && this.#ranCode !== null && this.status.kind === 'done'
        ? { code: this.#ranCode, ...(this.#ranValues ? { controls: this.#ranValues } : {}), result }
        : undefined;
    // Control values are kept only once changed, so a cell as the lesson has it stays pristine (nothing to keep).
    const params = this.controlsChanged ? { ...this.params } : { code: this.#code };
    return { params, ...(kept ? { result: kept } : {}) };
  }

  /**
   * Puts back saved code and control values; code that is not text up to
   * MAX_CODE_CHARS, and a control value its field would refuse, are named and
   * change nothing (the rest is still put back).
   */
  restoreState(saved: CellSnapshot): readonly string[] {
    const code = saved.params.code;
    if (typeof code !== 'string') return ['code: must be text'];
    if (code.length > MAX_CODE_CHARS) return [`code: longer than ${MAX_CODE_CHARS.toLocaleString('en-US')} characters`];
    const problems: string[] = [];
    const savedValues = saved.params.controls;
    if (savedValues !== undefined && (typeof savedValues !== 'object' || savedValues === null)) {
      problems.push('controls: must be a map of values');
    } else if (savedValues) {
      for (const c of this.controls) {
        if (!(c.name in savedValues)) continue;
        const value = (savedValues as Record<string, unknown>)[c.name];
        const problem = controlProblem(c, value);
        if (problem) problems.push(problem);
        else this.setControl(c.name, value as CodeControlValue);
      }
    }
    this.setCode(code);
    const kept = saved.result as { code?: unknown; controls?: unknown; result?: CodeRunResult } | undefined;
    const keptValues = (kept?.controls ?? {}) as ControlValues;
    // A kept result is shown only for the very code and values it came from; a new run replaces it as usual.
    if (
      kept &&
      kept.code === code &&
      typeof keptValues === 'object' &&
      sameValues(keptValues, this.controls.length ? (this.#values as ControlValues) : {}) &&
      kept.result?.ok === true &&
      this.#runId === 0
    ) {
      const runId = ++this.#runId;
      const at = this.#now();
      this.#result = kept.result;
      this.#ranCode = code;
      this.#ranValues = this.controls.length ? keptValues : null;
      this.#dispatch({ type: 'submit', runId });
      this.#dispatch({ type: 'start', runId, total: 1, at });
      this.#dispatch({ type: 'finish', runId, at });
    }
    return problems;
  }

  /** Runs the current code, stopping a run still going. */
  async run(): Promise<void> {
    if (!this.#createRunner) return;
    const values = this.#usableValues();
    if (!values) return;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const runId = ++this.#runId;
    const code = this.#code;
    this.#dispatch({ type: 'submit', runId });
    this.#dispatch({ type: 'start', runId, total: 1, at: this.#now() });
    this.#watchSlow(runId);
    this.#runner ??= this.#createRunner();
    try {
      this.#live = [];
      const result = await this.#runner.run(code, {
        signal: controller.signal,
        controls: values,
        onLine: (line) => {
          if (runId === this.#runId) this.#live = [...this.#live.slice(1 - LIVE_LINES), line];
        },
      });
      if (runId !== this.#runId) return;
      this.#result = result;
      this.#ranCode = code;
      this.#ranValues = this.controls.length ? values : null;
      if (result.ok) this.#dispatch({ type: 'finish', runId, at: this.#now() });
      else this.#dispatch({ type: 'fail', runId, message: result.failure.message });
    } catch (error) {
      if (runId !== this.#runId || isAbortError(error)) return;
      const message = error instanceof Error ? error.message : String(error);
      this.#result = { ok: false, failure: { kind: 'runtime', message, line: null, column: null }, logs: [] };
      this.#ranCode = code;
      this.#ranValues = this.controls.length ? values : null;
      this.#dispatch({ type: 'fail', runId, message });
    } finally {
      if (runId === this.#runId) {
        this.#controller = null;
        this.#stopWatching();
      }
    }
  }

  /** Stops the run going on (its worker is terminated; the next run starts a fresh one). */
  stop(): void {
    if (!this.#controller) return;
    this.#controller.abort();
    this.#controller = null;
    this.#stopWatching();
    this.#dispatch({ type: 'cancel', runId: this.#runId });
  }

  /** Leaving the page: same as stop. */
  cancel(): void {
    this.stop();
  }

  /** The results as tables for a CSV download (cellResults.ts); none before a result. */
  resultTables(): ResultTable[] {
    return codeResultTables(this);
  }

  /** The parameters, outputs and main result data for a JSON download (cellResults.ts); null before a result. */
  resultJson(): CellResultJson | null {
    return codeResultJson(this);
  }

  /** Values prose can reference as {{id.value}}: the returned number or text, else null. */
  get outputs(): Record<string, number | string | null> {
    const result = this.#result;
    if (!result?.ok) return { value: null };
    const { value } = result;
    return { value: value.kind === 'number' ? value.value : value.kind === 'text' ? value.text : null };
  }

  /**
   * How prose shows output `key` ({{id.value}}) when the code returned a
   * lab.value with a unit: rounded as the result shows it, a share in percent
   * ("12.3%", "4.4"); null otherwise (the page's usual format).
   */
  showOutput(key: string, value: number | string | null): string | null {
    const result = this.#result;
    if (key !== 'value' || typeof value !== 'number' || !result?.ok || result.value.kind !== 'number') return null;
    return result.value.unit === undefined ? null : formatReadout(value, result.value.unit);
  }

  #watchSlow(runId: number): void {
    this.#stopWatching();
    this.#slowTimer = this.#setTimeout(() => {
      if (runId === this.#runId && this.busy) this.#slow = true;
    }, this.#slowAfterMs);
  }

  #stopWatching(): void {
    if (this.#slowTimer !== null) this.#clearTimeout(this.#slowTimer);
    this.#slowTimer = null;
    this.#slow = false;
  }

  #dispatch(event: CellEvent): void {
    this.#status = cellStatusReducer(this.#status, event);
  }
}

export type { CodeValue, CodePlot, CodeFailure } from '../workers/codeProtocol.ts';
