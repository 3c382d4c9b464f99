/**
 * State of a curve cell: its parameters, the sweep it is running, the
 * outcomes streaming in, and the summary and readout derived from them.
 * Latest request wins: Run while running cancels the earlier sweep.
 */
import { IDLE, cellStatusReducer, isBusy, type CellEvent, type CellStatus } from '../notebook/cellStatus.ts';
import { readCurveParams } from '../notebook/cellSchemas.ts';
import { curveSweepSpec } from '../notebook/curveSweep.ts';
import { classNamesOf, uniformPriors } from '../engine/datasets.ts';
import { noiseRateOf } from '../engine/noise/spec.ts';
import type { CurveCellSpec, CurveParams, CurvePreset } from '../notebook/types.ts';
import { planSweep, summarizeSweep, type SweepSpec, type SweepSummary, type TrialOutcome } from '../engine/sweep.ts';
import type { TrialSpec } from '../workers/protocol.ts';
import type { TrialRunner } from './cellDeps.ts';

export type { TrialRunner };
import { isAbortError } from '../workers/protocol.ts';
import type { TrialCache } from './trialCache.ts';
import { sameValue, type CellSnapshot } from './cellPersistence.ts';
import { SvelteMap } from 'svelte/reactivity';
import { curveSizing, type CurveSizing } from '../engine/sizing/curveSizing.ts';
import { curveResultJson, curveResultTables, type CellResultJson, type ResultTable } from './cellResults.ts';

/** How the cell meets its environment. */
export interface CurveCellOptions {
  /** The clock (ms). Default performance.now. */
  readonly now?: () => number;
  /**
   * Results and progress reach the page at most this often (ms), the latest
   * always within that time; 0 (the default) applies each at once. A sweep of
   * 80 fits in a second would otherwise redraw the chart 80 times, and on two
   * cores the main thread's redraws take CPU from the training workers.
   */
  readonly updateEveryMs?: number;
  /** Finished trials to reuse instead of training again (shared by the page's cells). */
  readonly cache?: TrialCache;
}

export interface TrialFailure {
  readonly spec: TrialSpec;
  readonly message: string;
}

export class CurveCellState {
  readonly spec: CurveCellSpec;
  readonly #runner: TrialRunner;
  readonly #now: () => number;
  #params = $state.raw<CurveParams>() as CurveParams;
  #problems = $state.raw<readonly string[]>([]);
  #status = $state.raw<CellStatus>(IDLE);
  #sweep = $state.raw<SweepSpec | null>(null);
  #outcomes = $state.raw<readonly TrialOutcome[]>([]);
  #failures = $state.raw<readonly TrialFailure[]>([]);
  /** Fraction done of each trial in flight, by trial index. */
  readonly #partial = new SvelteMap<number, number>();
  /** Bumped when parameters are replaced wholesale (preset, reset), so forms reload their text. */
  #revision = $state(0);
  #runId = 0;
  #controller: AbortController | null = null;
  readonly #updateEveryMs: number;
  readonly #cache: TrialCache | null;
  #reused = $state(0);
  /** Seconds the latest finished run took (kept with a saved result). */
  #lastSeconds = 0;
  /** Results and progress not yet shown (see CurveCellOptions.updateEveryMs); partial null = finished. */
  #pending: { outcomes: TrialOutcome[]; failures: TrialFailure[]; partial: Map<number, number | null> } =
    emptyPending();
  #flushTimer: ReturnType<typeof setTimeout> | null = null;
  #lastFlush = -Infinity;

  readonly summary: SweepSummary | null = $derived(this.#sweep ? summarizeSweep(this.#sweep, this.#outcomes) : null);

  /**
   * Once a run has ended: power laws fitted to the noisy and the clean curve
   * (engine/sizing), the noisy one followed to the clean accuracy at N0 —
   * how much noisy data would buy what cleaning buys — with bootstrap intervals.
   */
  readonly sizing: CurveSizing | null = $derived(
    this.#sweep && this.summary && !this.busy ? curveSizing(this.#sweep, this.summary) : null,
  );

  constructor(spec: CurveCellSpec, runner: TrialRunner, options: CurveCellOptions | (() => number) = {}) {
    const {
      now = () => performance.now(),
      updateEveryMs = 0,
      cache = null,
    } = typeof options === 'function' ? { now: options } : options;
    this.spec = spec;
    this.#runner = runner;
    this.#now = now;
    this.#updateEveryMs = updateEveryMs;
    this.#cache = cache;
    this.#params = spec.params;
  }

  get params(): CurveParams {
    return this.#params;
  }
  get status(): CellStatus {
    return this.#status;
  }
  get busy(): boolean {
    return isBusy(this.#status);
  }
  /** Problems with the current parameters; Run is refused while there are any. */
  get problems(): readonly string[] {
    return this.#problems;
  }
  get sweep(): SweepSpec | null {
    return this.#sweep;
  }
  get outcomes(): readonly TrialOutcome[] {
    return this.#outcomes;
  }
  get failures(): readonly TrialFailure[] {
    return this.#failures;
  }
  get revision(): number {
    return this.#revision;
  }
  get presets(): readonly CurvePreset[] {
    return this.spec.presets;
  }

  /** Trials of the current sweep taken from earlier runs instead of trained. */
  get reused(): number {
    return this.#reused;
  }

  /** Trials finished plus the fraction done of those in flight, over the total. */
  get progress(): { done: number; total: number; fraction: number } {
    const total = this.#sweep ? planSize(this.#sweep) : 0;
    const done = this.#outcomes.length + this.#failures.length;
    let partial = 0;
    for (const f of this.#partial.values()) partial += f;
    return { done, total, fraction: total ? Math.min(1, (done + partial) / total) : 0 };
  }

  /** Seconds left, extrapolated from the time spent so far; null until there is a basis. */
  get secondsLeft(): number | null {
    const status = this.#status;
    if (status.kind !== 'running') return null;
    // Extrapolate from the trials being trained; reused ones took no time.
    const { total, fraction } = this.progress;
    const reused = this.#reused;
    if (total <= reused) return null;
    const trained = (fraction * total - reused) / (total - reused);
    const elapsed = (this.#now() - status.startedAt) / 1000;
    if (trained < 0.02 || elapsed < 0.5) return null;
    return (elapsed * (1 - trained)) / trained;
  }

  /**
   * Sets parameters from form values (strings or numbers). Values are checked;
   * problems are listed and Run waits until they are fixed, while the other
   * values are kept.
   */
  setParams(patch: Readonly<Record<string, unknown>>): void {
    const merged = { ...this.#params, ...patch };
    const { params, problems } = readCurveParams(merged, this.#params);
    this.#params = params; // invalid fields keep their last good value; the form keeps what was typed
    this.#problems = problems.map((p) => `${p.key}: ${p.reason}`).filter((p, i, all) => all.indexOf(p) === i);
    if (this.#sweep) this.#dispatch({ type: 'invalidate' });
  }

  applyPreset(preset: CurvePreset): void {
    this.#params = preset.params;
    this.#problems = [];
    this.#revision++;
    if (this.#sweep) this.#dispatch({ type: 'invalidate' });
  }

  reset(): void {
    this.cancel();
    this.#dropPending();
    this.#params = this.spec.params;
    this.#problems = [];
    this.#revision++;
    this.#sweep = null;
    this.#outcomes = [];
    this.#failures = [];
    this.#reused = 0;
    this.#dispatch({ type: 'reset' });
  }

  /** The lesson's parameters and no results (the uniform cell interface of cellPersistence.ts; same as reset()). */
  resetToDefaults(): void {
    this.reset();
  }

  /** The parameters and, once a sweep has finished, its spec (what the numbers answer) and outcomes. */
  saveState(): CellSnapshot {
    const status = this.#status;
    const finished = status.kind === 'done' || (status.kind === 'stale' && status.previous === 'done');
    const sweep = this.#sweep;
    const outcomes = this.#outcomes;
    return {
      params: this.#params as unknown as Record<string, unknown>,
      ...(finished && sweep && outcomes.length
        ? { result: { sweep, outcomes, seconds: this.#lastSeconds } satisfies SavedCurveResult }
        : {}),
    };
  }

  /**
   * Applies saved or linked parameters (over the lesson's) and shows a saved
   * sweep again without training: its outcomes also go to the trial cache.
   * With any problem nothing changes and the problems come back.
   */
  restoreState(saved: CellSnapshot): readonly string[] {
    const { params, problems } = readCurveParams(saved.params, this.spec.params);
    if (problems.length) return problems.map((p) => `${p.key}: ${p.reason}`);
    this.reset();
    this.#params = params;
    const result = savedCurveResult(saved.result);
    if (result) {
      const runId = ++this.#runId;
      this.#sweep = result.sweep;
      this.#outcomes = result.outcomes;
      this.#reused = result.outcomes.length; // nothing trained: the cell says so
      for (const outcome of result.outcomes) this.#cache?.set(outcome);
      this.#dispatch({ type: 'submit', runId });
      this.#dispatch({ type: 'start', runId, total: planSize(result.sweep), at: 0 });
      this.#dispatch({ type: 'finish', runId, at: result.seconds * 1000 });
      if (!sameValue(curveSweepSpec(params), result.sweep)) this.#dispatch({ type: 'invalidate' });
    }
    return [];
  }

  /** Starts a sweep with the current parameters, cancelling any earlier one. */
  async run(): Promise<void> {
    if (this.#problems.length) return;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const runId = ++this.#runId;
    const sweep = curveSweepSpec(this.#params);
    const trials = planSweep(sweep);
    this.#sweep = sweep;
    this.#outcomes = [];
    this.#failures = [];
    this.#partial.clear();
    this.#dropPending();
    this.#dispatch({ type: 'submit', runId });
    this.#dispatch({ type: 'start', runId, total: trials.length, at: this.#now() });
    const current = () => runId === this.#runId && !controller.signal.aborted;
    const cache = this.#cache;
    const reused = cache ? trials.map((trial) => cache.get(trial)) : [];
    this.#reused = reused.filter(Boolean).length;
    for (const outcome of reused) if (outcome) this.#pending.outcomes.push(outcome);
    if (this.#reused) this.#flush(runId);
    await Promise.all(
      trials.map((trial, index) =>
        reused[index]
          ? null
          : this.#runner
              .runTrial(trial, {
                signal: controller.signal,
                onProgress: (p) => {
                  if (!current()) return;
                  this.#pending.partial.set(index, p.iteration / p.maxIterations);
                  this.#requestFlush(runId);
                },
              })
              .then(
                (outcome) => {
                  cache?.set(outcome); // a fact, even if this run was superseded
                  if (!current()) return;
                  this.#pending.outcomes.push(outcome);
                  this.#pending.partial.set(index, null);
                  this.#requestFlush(runId);
                },
                (error: unknown) => {
                  if (!current() || isAbortError(error)) return;
                  this.#pending.failures.push({
                    spec: trial,
                    message: error instanceof Error ? error.message : String(error),
                  });
                  this.#pending.partial.set(index, null);
                  this.#requestFlush(runId);
                },
              ),
      ),
    );
    if (!current()) return;
    this.#flush(runId);
    this.#controller = null;
    if (this.#outcomes.length === 0 && this.#failures.length > 0) {
      this.#dispatch({ type: 'fail', runId, message: this.#failures[0]!.message });
    } else {
      this.#dispatch({ type: 'finish', runId, at: this.#now() });
    }
  }

  /** Stops the running sweep; results so far stay on screen. */
  cancel(): void {
    if (!this.#controller) return;
    this.#controller.abort();
    this.#controller = null;
    this.#flush(this.#runId); // what had finished stays
    this.#partial.clear();
    this.#dispatch({ type: 'cancel', runId: this.#runId });
  }

  /** The results as tables for a CSV download (cellResults.ts); none before a result. */
  resultTables(): ResultTable[] {
    return curveResultTables(this);
  }

  /** The parameters, outputs and main result data for a JSON download (cellResults.ts); null before a result. */
  resultJson(): CellResultJson | null {
    return curveResultJson(this);
  }

  /** Values prose can reference as {{id.key}}; null until known. */
  get outputs(): Record<string, number | string | null> {
    const s = this.summary;
    const exchange = s?.exchange ?? null;
    const sweep = this.#sweep;
    return {
      factor: exchange?.status === 'interpolated' ? exchange.factor : null,
      equivalentN: exchange?.status === 'interpolated' ? exchange.equivalentN : null,
      n0: sweep?.n0 ?? null,
      cleanAtN0: s?.tripled?.cleanAtN0 ?? exchange?.target ?? null,
      noisyAt3N0: s?.tripled?.noisyAt3N0 ?? null,
      noise: sweep ? noiseRateOf(sweep.noise, uniformPriors(classNamesOf(sweep.dataset, 10).length)) : null,
      seeds: s ? s.minSeeds : null,
      dataset: sweep?.dataset ?? null,
      ...this.#sizingOutputs(),
    };
  }

  /** The power-law outputs (see `sizing`); null until a run has ended. */
  #sizingOutputs(): Record<string, number | null> {
    const sizing = this.sizing;
    const n0 = this.#sweep?.n0 ?? null;
    return {
      needed: sizing?.noisy.needed ?? null,
      neededLow: sizing?.noisy.neededInterval.low ?? null,
      neededHigh: sizing?.noisy.neededInterval.high ?? null,
      neededFactor: sizing && n0 ? sizing.noisy.needed / n0 : null,
      ceilingAccuracy: sizing?.noisy.ceiling ?? null,
      ceilingLowAccuracy: sizing?.noisy.ceilingInterval.low ?? null,
      ceilingHighAccuracy: sizing?.noisy.ceilingInterval.high ?? null,
      cleanCeilingAccuracy: sizing?.clean.ceiling ?? null,
    };
  }

  /** Shows pending results now, or at the latest `updateEveryMs` after the last time they were shown. */
  #requestFlush(runId: number): void {
    const wait = this.#lastFlush + this.#updateEveryMs - this.#now();
    if (wait <= 0) this.#flush(runId);
    else this.#flushTimer ??= setTimeout(() => this.#flush(runId), wait);
  }

  /** Applies pending results and progress of run `runId` to the state the page shows. */
  #flush(runId: number): void {
    if (this.#flushTimer !== null) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    const { outcomes, failures, partial } = this.#pending;
    this.#pending = emptyPending();
    if (runId !== this.#runId) return;
    this.#lastFlush = this.#now();
    if (outcomes.length) this.#outcomes = [...this.#outcomes, ...outcomes];
    if (failures.length) this.#failures = [...this.#failures, ...failures];
    for (const [index, fraction] of partial) {
      if (fraction === null) this.#partial.delete(index);
      else this.#partial.set(index, fraction);
    }
    if (outcomes.length || failures.length) {
      const { done, total } = this.progress;
      this.#dispatch({ type: 'progress', runId, done, total });
    }
  }

  #dropPending(): void {
    if (this.#flushTimer !== null) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    this.#pending = emptyPending();
    this.#lastFlush = -Infinity;
  }

  #dispatch(event: CellEvent): void {
    this.#status = cellStatusReducer(this.#status, event);
    if (this.#status.kind === 'done') this.#lastSeconds = this.#status.seconds;
  }
}

/** A finished sweep as saved: what it answers (`sweep`), its outcomes and how long it took. */
export interface SavedCurveResult {
  readonly sweep: SweepSpec;
  readonly outcomes: readonly TrialOutcome[];
  readonly seconds: number;
}

/** A saved sweep, or null when the value is not one (an older or damaged record). */
function savedCurveResult(value: unknown): SavedCurveResult | null {
  if (typeof value !== 'object' || value === null) return null;
  const { sweep, outcomes, seconds } = value as Partial<Record<keyof SavedCurveResult, unknown>>;
  const okSweep =
    typeof sweep === 'object' &&
    sweep !== null &&
    Array.isArray((sweep as SweepSpec).sizes) &&
    typeof (sweep as SweepSpec).seeds === 'number';
  const okOutcomes =
    Array.isArray(outcomes) &&
    outcomes.length > 0 &&
    outcomes.every(
      (o: unknown) =>
        typeof o === 'object' &&
        o !== null &&
        typeof (o as TrialOutcome).accuracy === 'number' &&
        typeof (o as TrialOutcome).spec === 'object',
    );
  if (!okSweep || !okOutcomes) return null;
  return {
    sweep: sweep as SweepSpec,
    outcomes: outcomes as TrialOutcome[],
    seconds: typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : 0,
  };
}

function planSize(sweep: SweepSpec): number {
  return sweep.sizes.length * 2 * sweep.seeds;
}

function emptyPending(): { outcomes: TrialOutcome[]; failures: TrialFailure[]; partial: Map<number, number | null> } {
  return { outcomes: [], failures: [], partial: new Map() };
}
