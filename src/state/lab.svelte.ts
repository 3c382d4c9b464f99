/**
 * The application's root state: the training pool and what it reports, and
 * the lessons. Owns nothing visual; components read it through context.
 */
import type { Lesson } from '../notebook/types.ts';
import type { LessonEntry } from '../notebook/lessonOutline.ts';
import type { Dataset } from '../engine/types.ts';
import { memoizeAsync } from '../engine/memoize.ts';
import { TrialCache } from './trialCache.ts';
import type { BackendDecision } from './backendChoice.ts';
import { ResultCache } from './resultCache.ts';
import { Progress } from './progress.svelte.ts';
import type { NotebookStore } from './notebookStore.ts';
import type { TrialOutcome } from '../engine/sweep.ts';
import type { CellDeps, TableFiles } from './cellDeps.ts';
import type { CodeRunner } from '../workers/codeClient.ts';
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

/** What lessons need to keep and share their cells (see Lab.useNotebook). */
export interface LabNotebook {
  readonly store: NotebookStore | null;
  /** Resolves when the kept trial results are back in the cache. */
  readonly ready: Promise<void>;
  readonly copyText: ((text: string) => Promise<void>) | null;
}

export class Lab {
  readonly pool: TrainerPool;
  /** Finished sweep trials, reused by every curve cell on the page (and kept across reloads, see useNotebook). */
  readonly trialCache = new TrialCache({ persist: (key, outcome) => this.#persistTrial(key, outcome) });
  #notebook: LabNotebook = { store: null, ready: Promise.resolve(), copyText: null };
  /** Trained folds, fits and table analyses by request hash, reused by every cell (kept across reloads with a notebook store). */
  readonly resultCache = new ResultCache({ store: () => this.#notebook.store });
  /** Every lesson's outline (for the sidebar and progress); the lesson itself loads when opened (`loadLesson`). */
  readonly lessons: readonly LessonEntry[];
  /** Lessons loaded so far, by slug (a failed load is forgotten, so the next visit tries again). */
  readonly #loaded: Record<string, Promise<Lesson> | undefined> = {};
  /** Cells run and self-checks answered, per lesson (kept in this browser once main.ts gives it a store). */
  readonly progress = new Progress();
  /** Loads a shipped data set on this thread (memoized). */
  readonly loadDataset: (name: string) => Promise<Dataset>;
  #backend = $state.raw<BackendStatus>({ kind: 'starting' });
  #decision = $state.raw<BackendDecision | null>(null);
  #notices = $state.raw<readonly string[]>([]);
  #workers = $state.raw<readonly (WorkerInfo | null)[]>([]);

  /** The bundled tables of worth cells (their analyses run in the pool), or null. */
  readonly #tables: Omit<TableFiles, 'analyser'> | null;
  /** Starts a code cell's worker, or null (code cells then say they cannot run). */
  readonly #createCodeRunner: (() => CodeRunner) | null;

  constructor(
    pool: TrainerPool,
    lessons: readonly LessonEntry[],
    loadDataset: (name: string) => Promise<Dataset>,
    tables?: Omit<TableFiles, 'analyser'>,
    createCodeRunner?: () => CodeRunner,
  ) {
    this.pool = pool;
    this.#tables = tables ?? null;
    this.#createCodeRunner = createCodeRunner ?? null;
    this.lessons = lessons;
    this.loadDataset = memoizeAsync(loadDataset);
    pool.ready().then(
      (info) => {
        this.#backend = { kind: 'ready', info, workers: pool.size };
        // A backend that did not start (its workers fell back): results are the fallback's, and kept as its.
        if (this.#decision && info.name !== this.#decision.backend) this.#scope(info.name);
      },
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

  /** Why the page trains on its backend (state/backendChoice.ts), once decided. */
  get backendDecision(): BackendDecision | null {
    return this.#decision;
  }

  /**
   * The page's backend decision: shown by the status line, and part of every
   * cache key (results are deterministic per backend). Call it before
   * useNotebook and before any request.
   */
  useBackend(decision: BackendDecision): void {
    this.#decision = decision;
    this.#scope(decision.backend);
  }

  #scope(backend: string): void {
    this.trialCache.scope = backend;
    this.resultCache.scope = backend;
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
      trainer: this.resultCache.wrapTrainer(this.pool),
      loadDataset: this.loadDataset,
      updateEveryMs: UPDATE_EVERY_MS,
      trialCache: this.trialCache,
      ...(this.#tables ? { tables: { analyser: this.resultCache.wrapAnalyser(this.pool), ...this.#tables } } : {}),
      ...(this.#createCodeRunner ? { createCodeRunner: this.#createCodeRunner } : {}),
    };
  }

  /**
   * Keeps the lessons' cells and finished trials in `store` between visits
   * (main.ts): the kept trials go back into the cache now, and every new one
   * is kept. `copyText` puts sharing links on the clipboard.
   */
  useNotebook(options: { readonly store?: NotebookStore; readonly copyText?: (text: string) => Promise<void> }): void {
    const store = options.store ?? null;
    const ready = store
      ? store.loadResults().then(
          (entries) =>
            this.trialCache.preload(
              entries.filter(([key]) => this.trialCache.inScope(key)).map(([, outcome]) => outcome as TrialOutcome),
            ),
          (error: unknown) =>
            this.notice(
              `Results kept from earlier visits could not be read (${error instanceof Error ? error.message : String(error)}); they will be trained again.`,
            ),
        )
      : Promise.resolve();
    this.#notebook = { store, ready, copyText: options.copyText ?? null };
  }

  /** Where lessons keep their cells, when the kept results are back, and the clipboard. */
  get notebook(): LabNotebook {
    return this.#notebook;
  }

  #persistTrial(key: string, outcome: TrialOutcome): void {
    // A result not kept is only trained again later; the page goes on.
    this.#notebook.store?.saveResult(key, outcome).catch(() => undefined);
  }

  /** A lesson's outline, or undefined when there is no lesson of that slug. */
  lesson(slug: string): LessonEntry | undefined {
    return this.lessons.find((l) => l.slug === slug);
  }

  /** Loads a lesson (once; again after a failure, e.g. offline before it was cached). */
  loadLesson(entry: LessonEntry): Promise<Lesson> {
    let loading = this.#loaded[entry.slug];
    if (!loading) {
      loading = entry.load();
      this.#loaded[entry.slug] = loading;
      loading.catch(() => (this.#loaded[entry.slug] = undefined));
    }
    return loading;
  }
}
