declare module 'virtual:lessons' {
  import type { LessonEntry } from './notebook/lessonOutline.ts';
  /** Every lesson's outline, in file order, and how to load the lesson itself (a chunk of its own). */
  const lessons: readonly LessonEntry[];
  export default lessons;
}
