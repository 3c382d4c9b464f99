/**
 * The reader's progress through the lessons: which cells have finished a run
 * and which self-check questions were answered right, per lesson. Kept in
 * this browser (ProgressStore) and shown in the sidebar; it only grows — a
 * cell reset or a reload does not take back that it was run.
 */
import { untrack } from 'svelte';
import type { LessonOutline } from '../notebook/lessonOutline.ts';
import type { CellStatus } from '../notebook/cellStatus.ts';
import type { LessonProgressRecord, ProgressStore } from './progressStore.ts';

export type { LessonProgressRecord, ProgressStore };

const EMPTY: LessonProgressRecord = { ran: [], right: [] };

/** How far a reader is in one lesson. */
export interface LessonProgressSummary {
  readonly ran: number;
  readonly cells: number;
  readonly right: number;
  readonly checks: number;
  /** Every cell run and every check answered right. */
  readonly complete: boolean;
}

export class Progress {
  #records = $state.raw<Readonly<Record<string, LessonProgressRecord>>>({});
  #store: ProgressStore | null = null;
  #failed = $state.raw<string | null>(null);

  /** Why progress could not be read or kept in this browser, or null. */
  get failed(): string | null {
    return this.#failed;
  }

  /** Keeps progress in `store` from now on, after merging in what it holds. */
  async useStore(store: ProgressStore): Promise<void> {
    this.#store = store;
    try {
      const saved = await store.loadAll();
      const merged: Record<string, LessonProgressRecord> = { ...this.#records };
      for (const [slug, record] of Object.entries(saved)) {
        const now = merged[slug] ?? EMPTY;
        merged[slug] = { ran: union(record.ran, now.ran), right: union(record.right, now.right) };
      }
      this.#records = merged;
    } catch (error) {
      this.#failed = error instanceof Error ? error.message : String(error);
    }
  }

  /** A lesson's record (empty when nothing was done yet). */
  of(slug: string): LessonProgressRecord {
    return this.#records[slug] ?? EMPTY;
  }

  /** Counts for the sidebar: the lesson's cells and checks against what the record holds of them. */
  summary(lesson: LessonOutline): LessonProgressSummary {
    const record = this.of(lesson.slug);
    const cells = lesson.cellIds;
    const checks = lesson.checkLines.map(checkKey);
    const ran = cells.filter((id) => record.ran.includes(id)).length;
    const right = checks.filter((key) => record.right.includes(key)).length;
    return {
      ran,
      cells: cells.length,
      right,
      checks: checks.length,
      complete: ran === cells.length && right === checks.length,
    };
  }

  markRan(slug: string, cell: string): void {
    this.#add(slug, 'ran', cell);
  }

  markRight(slug: string, check: string): void {
    this.#add(slug, 'right', check);
  }

  #add(slug: string, list: keyof LessonProgressRecord, item: string): void {
    const record = this.of(slug);
    if (record[list].includes(item)) return;
    const next = { ...record, [list]: [...record[list], item] };
    this.#records = { ...this.#records, [slug]: next };
    this.#store?.save(slug, next).catch((error: unknown) => {
      this.#failed = error instanceof Error ? error.message : String(error);
    });
  }
}

/** The key a check is kept under: its line in the lesson file. */
export function checkKey(line: number): string {
  return `check@${line}`;
}

/** True once the cell has finished a run (also one put back from an earlier visit, even if out of date since). */
export function hasRun(status: CellStatus): boolean {
  return status.kind === 'done' || (status.kind === 'stale' && status.previous === 'done');
}

/**
 * Marks each cell of a lesson in `progress` as soon as it has run. Returns
 * the function that stops watching (leaving the lesson).
 */
export function trackProgress(
  slug: string,
  cells: Readonly<Record<string, { readonly status: CellStatus }>>,
  progress: Progress,
): () => void {
  return $effect.root(() => {
    for (const [id, cell] of Object.entries(cells)) {
      $effect(() => {
        if (hasRun(cell.status)) untrack(() => progress.markRan(slug, id));
      });
    }
  });
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
