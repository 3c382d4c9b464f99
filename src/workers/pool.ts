/**
 * A pool of training workers behind the one protocol (protocol.ts).
 *
 * - Requests queue first-in first-out and run on the first free worker.
 * - Every request has an id; cancelling (its AbortSignal) removes it from the
 *   queue or asks its worker to stop, and rejects it at once with an
 *   AbortError. A worker that has not stopped within `cancelGraceMs` is
 *   terminated and replaced.
 * - A worker that crashes is replaced; its request is rejected with a
 *   WorkerCrashError and the others go on. Crashing means: an `error` event,
 *   a request failing with a WebAssembly trap (the module is then unusable),
 *   or a request that shows no sign of life for `stallTimeoutMs` (a worker the
 *   browser killed sends nothing at all). Signs of life are the request's
 *   progress and the worker's heartbeat (`TrainerApi.heartbeat`, every
 *   `heartbeatMs` while it works): a fit that runs for minutes without
 *   reporting progress is alive as long as its worker's event loop turns; a
 *   worker stuck in one synchronous step, or gone, falls silent and is replaced.
 */
import * as Comlink from 'comlink';
import type {
  EvaluateRequest,
  EvaluateResult,
  HeldOutRequest,
  MemoryInfo,
  ProgressCallback,
  RestoreLabelsRequest,
  RestoredLabels,
  TableAnalysisRequest,
  TableProgressCallback,
  TabularWorth,
  ToyFitRequest,
  ToyFitResult,
  TrainerApi,
  TrialOutcome,
  TrialSpec,
  WorkerInfo,
  WorkerInit,
} from './protocol.ts';
import { ABORT_ERROR } from './protocol.ts';

/** What the pool needs of a worker: a comlink endpoint that can be terminated. */
export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

export interface PoolOptions {
  /** Number of workers (at least 1). */
  readonly size: number;
  readonly createWorker: () => WorkerLike;
  readonly init: WorkerInit;
  /** How long a cancelled request may keep its worker before the worker is replaced. Default 1000 ms. */
  readonly cancelGraceMs?: number;
  /** A running request silent this long (no progress, no heartbeat, no result) counts as a crash. Default 30 s. */
  readonly stallTimeoutMs?: number;
  /** How often a busy worker sends a sign of life. Default 1 s (at most a quarter of the stall timeout). */
  readonly heartbeatMs?: number;
  /** Called when a worker has started (again) and knows its backend. */
  readonly onWorkerReady?: (info: WorkerInfo, index: number) => void;
  /** Called when a worker crashed or was replaced. */
  readonly onWorkerLost?: (reason: string, index: number) => void;
  /** Timer and clock for the grace period and the stall watchdog, injectable for tests. */
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  readonly now?: () => number;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressCallback;
}

export interface TableRequestOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: TableProgressCallback;
}

/** The worker running a request crashed; the request did not finish. */
export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

/** The pool cannot run requests (its workers fail to start). */
export class PoolBrokenError extends Error {
  override name = 'PoolBrokenError';
}

/** Size from the machine's cores: at least 1, at most 8. */
export function defaultPoolSize(hardwareConcurrency: number | undefined): number {
  return Math.min(8, Math.max(1, Math.floor(hardwareConcurrency ?? 2)));
}

export function abortError(message = 'cancelled'): Error {
  const error = new Error(message);
  error.name = ABORT_ERROR;
  return error;
}

/** Runs one request on a worker; `onProgress` is the request's own progress callback, proxied. */
type Run<T, P> = (api: Comlink.Remote<TrainerApi>, id: string, onProgress: (progress: P) => void) => Promise<T>;

interface Job {
  readonly id: string;
  readonly run: Run<unknown, unknown>;
  readonly onProgress: ((progress: unknown) => void) | undefined;
  /** When the job last showed a sign of life (start or progress). */
  lastBeat: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  settled: boolean;
  detach: () => void;
}

interface Slot {
  readonly index: number;
  readonly worker: WorkerLike;
  readonly api: Comlink.Remote<TrainerApi>;
  info: WorkerInfo | null;
  job: Job | null;
  alive: boolean;
  readonly removeListeners: () => void;
}

const MAX_CONSECUTIVE_FAILURES = 3;

export class TrainerPool {
  readonly size: number;
  readonly #options: PoolOptions;
  readonly #queue: Job[] = [];
  readonly #slots: Slot[] = [];
  readonly #ready: Promise<WorkerInfo>;
  #resolveReady!: (info: WorkerInfo) => void;
  #rejectReady!: (error: unknown) => void;
  #broken: Error | null = null;
  #failures = 0;
  #nextId = 0;
  #disposed = false;
  readonly #watched = new WeakMap<AbortSignal, Set<Job>>();

  constructor(options: PoolOptions) {
    this.#options = options;
    this.size = Math.max(1, Math.floor(options.size));
    this.#ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.#ready.catch(() => {}); // observed through ready() and failed requests
    for (let i = 0; i < this.size; i++) this.#slots.push(this.#spawn(i));
  }

  /** Resolves with the first worker's backend once it has started. */
  ready(): Promise<WorkerInfo> {
    return this.#ready;
  }

  runTrial(spec: TrialSpec, options: RequestOptions = {}): Promise<TrialOutcome> {
    return this.#submit(options, (api, id, onProgress) => api.runTrial(id, spec, onProgress));
  }

  fitToy(request: ToyFitRequest, options: RequestOptions = {}): Promise<ToyFitResult> {
    return this.#submit(options, (api, id, onProgress) => api.fitToy(id, request, onProgress));
  }

  predictHeldOut(request: HeldOutRequest, options: RequestOptions = {}): Promise<Float32Array> {
    return this.#submit(options, (api, id, onProgress) => api.predictHeldOut(id, request, onProgress));
  }

  fitAndEvaluate(request: EvaluateRequest, options: RequestOptions = {}): Promise<EvaluateResult> {
    return this.#submit(options, (api, id, onProgress) => api.fitAndEvaluate(id, request, onProgress));
  }

  /** The Worth report on a user's table; progress counts fits done out of fits planned. */
  analyseTable(request: TableAnalysisRequest, options: TableRequestOptions = {}): Promise<TabularWorth> {
    return this.#submit(options, (api, id, onProgress) => api.analyseTable(id, request, onProgress));
  }

  /** With injected noise: the analysis' model retrained with the flipped labels set back (model/restoredLabels.ts). */
  restoreLabels(request: RestoreLabelsRequest, options: TableRequestOptions = {}): Promise<RestoredLabels> {
    return this.#submit(options, (api, id, onProgress) => api.restoreLabels(id, request, onProgress));
  }

  /** TF.js memory of every live worker (waits for each to be idle-ready). */
  async memory(): Promise<MemoryInfo[]> {
    return Promise.all(this.#slots.map((s) => s.api.memory()));
  }

  /** Terminates every worker and rejects everything pending. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const error = abortError('the training pool was shut down');
    for (const job of this.#queue.splice(0)) this.#settle(job, { error });
    for (const slot of this.#slots) {
      if (slot.job) this.#settle(slot.job, { error });
      this.#kill(slot);
    }
  }

  #submit<T, P = Parameters<ProgressCallback>[0]>(
    options: { readonly signal?: AbortSignal; readonly onProgress?: (progress: P) => void },
    run: Run<T, P>,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.#disposed) return reject(abortError('the training pool was shut down'));
      if (this.#broken) return reject(this.#broken);
      const { signal } = options;
      if (signal?.aborted) return reject(abortError());
      const job: Job = {
        id: `r${++this.#nextId}`,
        run: run as Run<unknown, unknown>,
        onProgress: options.onProgress as ((progress: unknown) => void) | undefined,
        lastBeat: 0,
        resolve: resolve as (value: unknown) => void,
        reject,
        signal,
        settled: false,
        detach: () => {},
      };
      if (signal) job.detach = this.#watch(signal, job);
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  /**
   * Cancels `job` when `signal` aborts. One listener per signal, however many
   * requests share it (a sweep passes the same signal to all its trials).
   */
  #watch(signal: AbortSignal, job: Job): () => void {
    let jobs = this.#watched.get(signal);
    if (!jobs) {
      const set = new Set<Job>();
      jobs = set;
      this.#watched.set(signal, set);
      signal.addEventListener(
        'abort',
        () => {
          this.#watched.delete(signal);
          for (const j of [...set]) this.#cancel(j);
        },
        { once: true },
      );
    }
    jobs.add(job);
    return () => jobs.delete(job);
  }

  #cancel(job: Job): void {
    if (job.settled) return;
    const queued = this.#queue.indexOf(job);
    if (queued >= 0) this.#queue.splice(queued, 1);
    this.#settle(job, { error: abortError() });
    const slot = this.#slots.find((s) => s.job === job);
    if (!slot) return;
    slot.api.cancel(job.id).catch(() => {});
    const grace = this.#options.cancelGraceMs ?? 1000;
    this.#setTimer(() => {
      // Not a failure of the worker: a long step outlasted the grace period. Replace it without counting.
      if (slot.job === job && slot.alive)
        this.#replace(slot, `request ${job.id} did not stop within ${grace}ms`, false);
    }, grace);
  }

  #setTimer(callback: () => void, ms: number): void {
    (this.#options.setTimeout ?? ((cb: () => void, t: number) => globalThis.setTimeout(cb, t)))(callback, ms);
  }

  #now(): number {
    return (this.#options.now ?? (() => performance.now()))();
  }

  #stallMs(): number {
    return this.#options.stallTimeoutMs ?? 30_000;
  }

  /** The worker in `slot` is alive: its running request counts as heard from now. */
  #alive(slot: Slot): void {
    if (slot.alive && slot.job && !slot.job.settled) slot.job.lastBeat = this.#now();
  }

  /** Arms the stall watchdog of a running job: a crash when it shows no sign of life for the whole period. */
  #watchdog(slot: Slot, job: Job): void {
    const stall = this.#stallMs();
    const check = () => {
      if (slot.job !== job || !slot.alive || job.settled) return;
      const silent = this.#now() - job.lastBeat;
      if (silent >= stall)
        this.#replace(slot, `it stopped responding (no progress for ${Math.round(silent / 1000)} s)`);
      else this.#setTimer(check, stall - silent);
    };
    this.#setTimer(check, stall);
  }

  #dispatch(): void {
    if (this.#disposed) return;
    for (const slot of this.#slots) {
      if (!slot.alive || slot.info === null || slot.job !== null) continue;
      const job = this.#queue.shift();
      if (!job) return;
      slot.job = job;
      job.lastBeat = this.#now();
      const onProgress = Comlink.proxy((progress: unknown) => {
        job.lastBeat = this.#now();
        if (!job.settled) job.onProgress?.(progress);
      });
      this.#watchdog(slot, job);
      job.run(slot.api, job.id, onProgress).then(
        (value) => this.#finish(slot, job, { value }),
        (error: unknown) => this.#finish(slot, job, { error }),
      );
    }
  }

  #finish(slot: Slot, job: Job, outcome: { value: unknown } | { error: unknown }): void {
    if (slot.job !== job) return; // the worker was replaced meanwhile; the job was already settled
    if ('error' in outcome && isWasmTrap(outcome.error)) {
      // The WebAssembly module is unusable after a trap: replace the worker; the job fails as a crash.
      this.#replace(slot, (outcome.error as Error).message);
      return;
    }
    slot.job = null;
    if ('value' in outcome) this.#failures = 0;
    this.#settle(job, outcome);
    this.#dispatch();
  }

  #settle(job: Job, outcome: { value: unknown } | { error: unknown }): void {
    if (job.settled) return;
    job.settled = true;
    job.detach();
    if ('value' in outcome) job.resolve(outcome.value);
    else job.reject(outcome.error);
  }

  #spawn(index: number): Slot {
    const worker = this.#options.createWorker();
    const api = Comlink.wrap<TrainerApi>(worker);
    const onError = (event: Event) => {
      const message = (event as ErrorEvent).message || 'the worker stopped unexpectedly';
      if (event.cancelable) event.preventDefault();
      this.#replace(slot, message);
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    const slot: Slot = {
      index,
      worker,
      api,
      info: null,
      job: null,
      alive: true,
      removeListeners: () => {
        worker.removeEventListener('error', onError);
        worker.removeEventListener('messageerror', onError);
      },
    };
    const every = this.#options.heartbeatMs ?? Math.min(1000, this.#stallMs() / 4);
    api
      .heartbeat(
        Comlink.proxy(() => this.#alive(slot)),
        every,
      )
      .catch(() => {});
    api.init(this.#options.init).then(
      (info) => {
        if (!slot.alive) return;
        slot.info = info;
        this.#resolveReady(info);
        this.#options.onWorkerReady?.(info, index);
        this.#dispatch();
      },
      (error: unknown) => {
        if (!slot.alive) return;
        this.#replace(slot, `the worker could not start: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return slot;
  }

  #kill(slot: Slot): void {
    slot.alive = false;
    slot.removeListeners();
    slot.api[Comlink.releaseProxy]();
    slot.worker.terminate();
  }

  #replace(slot: Slot, reason: string, countsAsFailure = true): void {
    if (!slot.alive || this.#disposed) return;
    this.#kill(slot);
    if (slot.job)
      this.#settle(slot.job, { error: new WorkerCrashError(`training worker ${slot.index + 1} crashed: ${reason}`) });
    this.#options.onWorkerLost?.(reason, slot.index);
    if (countsAsFailure && ++this.#failures >= MAX_CONSECUTIVE_FAILURES * this.size) {
      this.#broken = new PoolBrokenError(`training workers keep failing (${reason}); reload the page to try again`);
      this.#rejectReady(this.#broken);
      for (const job of this.#queue.splice(0)) this.#settle(job, { error: this.#broken });
      return;
    }
    const fresh = this.#spawn(slot.index);
    this.#slots[slot.index] = fresh;
  }
}

/** A WebAssembly trap (abort, out of memory, unreachable): the worker's module cannot be trusted after it. */
export function isWasmTrap(error: unknown): boolean {
  if (!(error instanceof Error) && typeof error !== 'object') return false;
  const { name, message } = error as { name?: string; message?: string };
  return name === 'RuntimeError' || /^Aborted\(|memory access out of bounds|Out of memory/i.test(message ?? '');
}
