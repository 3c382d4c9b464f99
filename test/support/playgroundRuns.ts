/**
 * Drives a lesson's playground cell in Node, as a reader would: the same
 * state class and the same fitToy the page's worker runs, each edit awaited
 * until its fit has landed.
 */
import type { PlaygroundCellSpec, PlaygroundParams } from '../../src/notebook/types.ts';
import { PlaygroundCellState } from '../../src/state/playgroundCell.svelte.ts';
import { fitToy } from '../../src/model/fitToy.ts';
import type { ToyFitResult } from '../../src/model/fitToy.ts';

export interface PlaygroundRun {
  readonly cell: PlaygroundCellState;
  /** Runs an edit (or nothing) and waits for the fit it started; returns the fit on screen. */
  step(edit?: (cell: PlaygroundCellState) => void): Promise<ToyFitResult>;
}

/** A playground cell of `spec` with `patch` over its parameters (new points when the seed or shape changes). */
export function playgroundRun(spec: PlaygroundCellSpec, patch: Partial<PlaygroundParams> = {}): PlaygroundRun {
  let latest: Promise<unknown> = Promise.resolve();
  const cell = new PlaygroundCellState(
    { ...spec, params: { ...spec.params, ...patch } },
    {
      fitToy: (request, options) => {
        const fit = fitToy(request, options);
        latest = fit.catch(() => undefined);
        return fit;
      },
    },
  );
  return {
    cell,
    async step(edit) {
      if (edit) edit(cell);
      else void cell.fit();
      await latest;
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (cell.status.kind !== 'done' || !cell.result)
        throw new Error(`playground fit did not finish: ${cell.status.kind}`);
      return cell.result;
    },
  };
}

/** The share of `flags` that are true. */
export function share(flags: readonly boolean[]): number {
  return flags.filter(Boolean).length / flags.length;
}
