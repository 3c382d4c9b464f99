/**
 * "Prepare this lesson": runs every cell of a lesson ahead of a class, in
 * the order they appear, so a demo never waits. Each cell runs as its own Run
 * button would; the curve cells share the page's trial cache, so a prepared
 * sweep is instant when shown. A cell that fails is named and the rest go on.
 */
import { CodeCellState } from './codeCell.svelte.ts';
import { CurveCellState } from './curveCell.svelte.ts';
import { LabelersCellState } from './labelersCell.svelte.ts';
import { LabelCellState } from './labelCell.svelte.ts';
import type { CellState } from './lessonState.svelte.ts';
import { PlaygroundCellState } from './playgroundCell.svelte.ts';
import { ReviewCellState } from './reviewCell.svelte.ts';
import { WorthCellState } from './worthCell.svelte.ts';

export interface PrepareProgress {
  /** Cells finished (done or failed). */
  readonly done: number;
  readonly total: number;
  /** The cell running now, or null when finished. */
  readonly current: string | null;
  /** Ids of the cells that ended in an error. */
  readonly failed: readonly string[];
}

/** Runs one cell the way its main button does; resolves when it settles. */
async function runCell(cell: CellState): Promise<void> {
  if (cell instanceof CurveCellState) await cell.run();
  else if (cell instanceof PlaygroundCellState) await cell.fit();
  else if (cell instanceof ReviewCellState) {
    await cell.run();
    // The prose quotes the retrained accuracy — train on the labels as they stand (no review yet, so before =
    // after) — and the cleaning budget's averages: draw it too.
    if (cell.status.kind === 'done') {
      await cell.retrain();
      await cell.drawBudget();
    }
  } else if (cell instanceof WorthCellState) await cell.run();
  else if (cell instanceof CodeCellState) await cell.run();
  // The reader labels a label cell's items; preparing only loads them.
  else if (cell instanceof LabelCellState) await cell.load();
  else if (cell instanceof LabelersCellState) {
    await cell.load();
    // The lesson's comparison needs revised instructions: take the classes the cell suggests (ticked by default).
    if (!cell.canTrain) cell.revise();
    if (cell.canTrain) await cell.train();
  }
}

/**
 * Runs `cells` one after the other (each already spreads its work over the
 * worker pool). `signal` stops before the next cell; `onProgress` hears each step.
 */
export async function prepareLesson(
  cells: Readonly<Record<string, CellState>>,
  options: { readonly signal?: AbortSignal; readonly onProgress?: (progress: PrepareProgress) => void } = {},
): Promise<PrepareProgress> {
  const ids = Object.keys(cells);
  const failed: string[] = [];
  let done = 0;
  const report = (current: string | null): PrepareProgress => {
    const progress = { done, total: ids.length, current, failed: [...failed] };
    options.onProgress?.(progress);
    return progress;
  };
  for (const id of ids) {
    if (options.signal?.aborted) break;
    report(id);
    const cell = cells[id]!;
    try {
      await runCell(cell);
      if (cell.status.kind === 'error') failed.push(id);
    } catch {
      failed.push(id);
    }
    done++;
  }
  return report(null);
}
