/**
 * The application's root state: the training pool and what it reports, and
 * the lessons. Owns nothing visual; components read it through context.
 */
import type { Lesson } from '../notebook/types.ts';
import type { TrainerPool } from '../workers/pool.ts';
import type { WorkerInfo } from '../workers/protocol.ts';

export type { WorkerInfo };

export type BackendStatus =
  | { readonly kind: 'starting' }
  | { readonly kind: 'ready'; readonly info: WorkerInfo; readonly workers: number }
  | { readonly kind: 'failed'; readonly message: string };

export class Lab {
  readonly pool: TrainerPool;
  readonly lessons: readonly Lesson[];
  #backend = $state.raw<BackendStatus>({ kind: 'starting' });
  #notices = $state.raw<readonly string[]>([]);
  #workers = $state.raw<readonly (WorkerInfo | null)[]>([]);

  constructor(pool: TrainerPool, lessons: readonly Lesson[]) {
    this.pool = pool;
    this.lessons = lessons;
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

  lesson(slug: string): Lesson | undefined {
    return this.lessons.find((l) => l.slug === slug);
  }
}
