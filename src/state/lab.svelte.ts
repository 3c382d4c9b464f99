/**
 * The application's root state: the training pool and what it reports, and
 * the lessons. Owns nothing visual; components read it through context.
 */
import type { Lesson } from '../notebook/types.ts';
import type { Dataset } from '../engine/types.ts';
import { memoizeAsync } from '../engine/memoize.ts';
import { TrialCache } from './trialCache.ts';
import type { CellDeps, TableFiles } from './cellDeps.ts';
import type { TrainerPool } from '../workers/pool.ts';
import type { WorkerInfo } from '../workers/protocol.ts';

export type { WorkerInfo };

export type BackendStatus =
  | { readonly kind: 'starting' }
  | { readonly kind: 'ready'; readonly info: WorkerInfo; readonly workers: number }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * How often streaming sweep results redraw the page (ms): often enough to
 * look live, rarely enough that redrawing leaves the CPU to the workers
 * (see docs/performance.md).
 */
export const UPDATE_EVERY_MS = 150;

export class Lab {
  readonly pool: TrainerPool;
  /** Finished sweep trials, reused by every curve cell on the page. */
  readonly trialCache = new TrialCache();
  readonly lessons: readonly Lesson[];
  /** Loads a shipped data set on this thread (memoized). */
  readonly loadDataset: (name: string) => Promise<Dataset>;
  #backend = $state.raw<BackendStatus>({ kind: 'starting' });
  #notices = $state.raw<readonly string[]>([]);
  #workers = $state.raw<readonly (WorkerInfo | null)[]>([]);

  /** The bundled tables of worth cells (their analyses run in the pool), or null. */
  readonly #tables: Omit<TableFiles, 'analyser'> | null;

  constructor(
    pool: TrainerPool,
    lessons: readonly Lesson[],
    loadDataset: (name: string) => Promise<Dataset>,
    tables?: Omit<TableFiles, 'analyser'>,
  ) {
    this.pool = pool;
    this.#tables = tables ?? null;
    this.lessons = lessons;
    this.loadDataset = memoizeAsync(loadDataset);
    pool.ready().then(
      (info) => (this.#backend = { kind: 'ready', info, workers: pool.size }),
      (error: unknown) =>
        (this.#backend = { kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  }

  get backend(): BackendStatus {
    return this.#backend;
  }

  /** What each training worker runs on, by worker index (null until it has started). */
  get workers(): readonly (WorkerInfo | null)[] {
    return this.#workers;
  }

  workerReady(info: WorkerInfo, index: number): void {
    const next = [...this.#workers];
    while (next.length <= index) next.push(null);
    next[index] = info;
    this.#workers = next;
  }

  /** Messages about the workers (a crash, a replacement) for the status line. */
  get notices(): readonly string[] {
    return this.#notices;
  }

  notice(message: string): void {
    this.#notices = [...this.#notices.slice(-4), message];
  }

  /** What a lesson's cells need: the pool, the data-set loader and the bundled tables. */
  get cellDeps(): CellDeps {
    return {
      trainer: this.pool,
      loadDataset: this.loadDataset,
      updateEveryMs: UPDATE_EVERY_MS,
      trialCache: this.trialCache,
      ...(this.#tables ? { tables: { analyser: this.pool, ...this.#tables } } : {}),
    };
  }

  lesson(slug: string): Lesson | undefined {
    return this.lessons.find((l) => l.slug === slug);
  }
}
