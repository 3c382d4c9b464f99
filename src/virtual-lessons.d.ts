declare module 'virtual:lessons' {
  import type { Lesson } from './notebook/types.ts';
  const lessons: readonly Lesson[];
  export default lessons;
}
