/**
 * What the sidebar and the reader's progress need of a lesson — its slug,
 * title, summary, time, and which cells and self-checks it has — without its
 * prose and cell parameters. The app ships every lesson's outline with the
 * page and loads a lesson itself only when it is opened (see
 * scripts/vite-plugin-lessons.ts), so the page stays small as the course grows.
 */
import type { Lesson, LessonMeta } from './types.ts';

export interface LessonOutline {
  readonly slug: string;
  readonly meta: LessonMeta;
  /** The ids of the lesson's cells, in order. */
  readonly cellIds: readonly string[];
  /** The line of each self-check in the lesson file, in order (a check's key). */
  readonly checkLines: readonly number[];
}

/** A lesson's outline, and how to load the lesson itself. */
export interface LessonEntry extends LessonOutline {
  readonly load: () => Promise<Lesson>;
}

export function lessonOutline(lesson: Lesson): LessonOutline {
  return {
    slug: lesson.slug,
    meta: lesson.meta,
    cellIds: lesson.blocks.flatMap((b) => (b.kind === 'cell' ? [b.cell.id] : [])),
    checkLines: lesson.blocks.flatMap((b) => (b.kind === 'check' ? [b.check.line] : [])),
  };
}

/** An entry for a lesson already in memory (tests, and tools that parse lessons themselves). */
export function lessonEntry(lesson: Lesson): LessonEntry {
  return { ...lessonOutline(lesson), load: async () => lesson };
}
