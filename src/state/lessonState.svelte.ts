/**
 * A lesson being read: one state object per live cell, and the live values
 * its prose references ({{id.key}}).
 */
import type { Lesson } from '../notebook/types.ts';
import { CurveCellState, type TrialRunner } from './curveCell.svelte.ts';
import { PlaygroundCellState, type ToyFitter } from './playgroundCell.svelte.ts';

export type CellState = CurveCellState | PlaygroundCellState;

export class LessonState {
  readonly lesson: Lesson;
  /** Cell states by cell id. */
  readonly cells: Readonly<Record<string, CellState>>;

  constructor(lesson: Lesson, trainer: TrialRunner & ToyFitter) {
    this.lesson = lesson;
    const cells: Record<string, CellState> = {};
    for (const block of lesson.blocks) {
      if (block.kind !== 'cell') continue;
      const { cell } = block;
      cells[cell.id] =
        cell.type === 'curve' ? new CurveCellState(cell, trainer) : new PlaygroundCellState(cell, trainer);
    }
    this.cells = cells;
  }

  /** Values for {{id.key}} references, by cell id. */
  get outputs(): Record<string, Record<string, number | string | null>> {
    return Object.fromEntries(Object.entries(this.cells).map(([id, state]) => [id, state.outputs]));
  }

  /** Fits the cells that show a model straight away (the playgrounds). */
  start(): void {
    for (const state of Object.values(this.cells)) if (state instanceof PlaygroundCellState) void state.fit();
  }

  /** Cancels all work of this lesson (leaving the page). */
  stop(): void {
    for (const state of Object.values(this.cells)) state.cancel();
  }
}
