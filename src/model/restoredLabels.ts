/**
 * What fixing exactly the truly wrong labels buys, where the truth is known:
 * a table with noise the lab injected itself (tabular.ts startTabularRun) is
 * cross-validated once more with every flipped label set back to its label
 * in the file — the same rows, the same fold splits as the Worth analysis
 * (`repeatSplits`), the same model — and scored against the labels as in the
 * file. Beside the Worth report's `baseline.truth` (trained on the noisy
 * labels, same folds) the difference is the gain of a perfect cleaning; the
 * report's `afterCleaning.truth` is what its automatic cleaning gets.
 *
 * Shapes: M labelled rows, K classes. Fits: folds × repeats.
 * No Node APIs: the same code runs in the CLI, the tests and a worker.
 */
import { accuracy } from '../engine/metrics.ts';
import { startTabularRun, type PreparedTable, type TabularOptions } from './tabular.ts';
import { crossValidateTable } from './tabularFolds.ts';
import { repeatSplits } from './tabularWorth.ts';
import type { Candidate } from './tableNoise.ts';

export interface RestoredLabelsOptions extends TabularOptions {
  /** The injected noise (required: without it nothing is restored). */
  readonly injectNoise: number;
  /** The model the Worth analysis chose (`TabularWorth.model.chosen`). */
  readonly candidate: Candidate;
  /** The fold splits the Worth analysis ran on (`TabularWorth.repeats`). */
  readonly repeats: number;
}

export interface RestoredLabels {
  /** Labels set back to the file's (the injected flips). */
  readonly restored: number;
  /** Out-of-fold accuracy against the labels as in the file, trained on them: mean over the splits. */
  readonly accuracy: number;
  /** The same, split by split (split 0 is the analysis' own). */
  readonly perSplit: readonly number[];
  readonly fits: number;
}

/** Fits restoredLabels makes. */
export function restoredLabelsFits(folds: number, repeats: number): number {
  return folds * repeats;
}

/** Cross-validates the model on the labels as in the file, on the Worth analysis' fold splits (see the file header). */
export async function restoredLabels(prepared: PreparedTable, options: RestoredLabelsOptions): Promise<RestoredLabels> {
  const { candidate, repeats } = options;
  if (!(options.injectNoise > 0)) throw new RangeError('restoring labels needs injected noise (injectNoise > 0)');
  if (!(Number.isInteger(repeats) && repeats >= 1)) {
    throw new RangeError(`repeats must be a whole number ≥ 1, got ${repeats}`);
  }
  const folds = options.folds ?? 5;
  const fits = restoredLabelsFits(folds, repeats);
  const run = startTabularRun(prepared, options, fits);
  const { original, given, data } = run;
  const seed = run.summary.seed;
  const perSplit: number[] = [];
  for (let r = 0; r < repeats; r++) {
    // The analysis' splits are stratified on the labels it trained with (the noisy ones): the same here.
    const splits = r === 0 ? run.splits : repeatSplits(given, folds, seed, r);
    const cv = await crossValidateTable(data, original, splits, {
      model: candidate.kind,
      l2: candidate.l2,
      seed,
      signal: options.signal,
      onFit: run.onFit,
    });
    perSplit.push(accuracy(cv.predicted, original));
  }
  return {
    restored: run.flipped?.length ?? 0,
    accuracy: perSplit.reduce((s, v) => s + v, 0) / perSplit.length,
    perSplit,
    fits,
  };
}
