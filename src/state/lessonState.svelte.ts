/**
 * A lesson being read: one state object per live cell, and the live values
 * its prose references ({{id.key}}).
 */
import type { Lesson } from '../notebook/types.ts';
import type { CellDeps } from './cellDeps.ts';
import { CurveCellState } from './curveCell.svelte.ts';
import { PlaygroundCellState } from './playgroundCell.svelte.ts';
import { ReviewCellState } from './reviewCell.svelte.ts';
import { LabelersCellState } from './labelersCell.svelte.ts';
import { WorthCellState } from './worthCell.svelte.ts';
import { CodeCellState } from './codeCell.svelte.ts';
import { LabelCellState } from './labelCell.svelte.ts';
import { ReactiveCells } from './reactiveCells.svelte.ts';

export type CellState =
  | CurveCellState
  | PlaygroundCellState
  | ReviewCellState
  | LabelersCellState
  | WorthCellState
  | CodeCellState
  | LabelCellState;

export class LessonState {
  readonly lesson: Lesson;
  /** Cell states by cell id. */
  readonly cells: Readonly<Record<string, CellState>>;
  /** Values flowing along the cells' `from:` links. */
  readonly reactive: ReactiveCells;
  #stopReactive: (() => void) | null = null;

  constructor(lesson: Lesson, deps: CellDeps) {
    this.lesson = lesson;
    const cells: Record<string, CellState> = {};
    for (const block of lesson.blocks) {
      if (block.kind !== 'cell') continue;
      const { cell } = block;
      switch (cell.type) {
        case 'curve':
          cells[cell.id] = new CurveCellState(cell, deps.trainer, {
            updateEveryMs: deps.updateEveryMs ?? 0,
            ...(deps.trialCache ? { cache: deps.trialCache } : {}),
          });
          break;
        case 'playground':
          cells[cell.id] = new PlaygroundCellState(cell, deps.trainer);
          break;
        case 'review':
          cells[cell.id] = new ReviewCellState(cell, deps);
          break;
        case 'labelers':
          cells[cell.id] = new LabelersCellState(cell, deps);
          break;
        case 'worth':
          cells[cell.id] = new WorthCellState(cell, deps.tables);
          break;
        case 'code':
          cells[cell.id] = new CodeCellState(cell, deps.createCodeRunner ?? null);
          break;
        case 'label':
          cells[cell.id] = new LabelCellState(cell, deps);
          break;
      }
    }
    this.cells = cells;
    this.reactive = new ReactiveCells(cells);
  }

  /** Values for {{id.key}} references, by cell id. */
  get outputs(): Record<string, Record<string, number | string | null>> {
    return Object.fromEntries(Object.entries(this.cells).map(([id, state]) => [id, state.outputs]));
  }

  /** Fits the cells that show a model straight away (the playgrounds) and loads the data the labelers cells label. */
  start(): void {
    this.#stopReactive ??= this.reactive.start();
    for (const state of Object.values(this.cells)) {
      // A playground put back with its fit (lessonSync.svelte.ts) needs no training.
      if (state instanceof PlaygroundCellState) {
        if (!state.result) void state.fit();
      } else if (state instanceof LabelersCellState) void state.load().then(() => state.resume());
      else if (state instanceof LabelCellState) void state.load();
      // A review put back with a detection on screen runs it again (its folds come from the result cache).
      else if (state instanceof ReviewCellState) void state.resume();
    }
  }

  /** Cancels all work of this lesson (leaving the page). */
  stop(): void {
    this.#stopReactive?.();
    this.#stopReactive = null;
    for (const state of Object.values(this.cells)) state.cancel();
  }
}
