/**
 * Out-of-fold predicted probabilities: split the examples into k stratified
 * folds; for each fold, train on the others and predict the held-out fold,
 * so every example's probabilities come from a model that never saw it.
 * The training itself is injected (`predict`), so the same orchestration runs
 * over the worker pool in the browser and in-process in Node.
 */
import type { Random } from '../random.ts';
import { stratifiedKFold } from './folds.ts';

/** The randomness stream of the folds: `createRandom(seed, STREAM_FOLDS)`, the same in the browser and the CLI. */
export const STREAM_FOLDS = 31;

/** One fold: positions (into the examples) to train on and to hold out, ascending. */
export interface FoldSplit {
  readonly train: Int32Array;
  readonly holdout: Int32Array;
}

export function foldSplits(
  labels: Int32Array,
  options: { readonly folds: number; readonly random: Random },
): FoldSplit[] {
  const assignment = stratifiedKFold(labels, options);
  return Array.from({ length: options.folds }, (_, f) => {
    const train: number[] = [];
    const holdout: number[] = [];
    assignment.forEach((fold, i) => (fold === f ? holdout : train).push(i));
    return { train: Int32Array.from(train), holdout: Int32Array.from(holdout) };
  });
}

/**
 * Runs `predict` for every fold (concurrently; the caller decides where) and
 * assembles the `(N, K)` out-of-fold probabilities, row-major.
 * `predict` returns `(holdout, K)` probabilities in the holdout's order.
 */
export async function outOfFoldProbabilities(
  n: number,
  k: number,
  splits: readonly FoldSplit[],
  predict: (split: FoldSplit, fold: number) => Promise<ArrayLike<number>>,
): Promise<Float64Array> {
  const out = new Float64Array(n * k);
  const seen = new Uint8Array(n);
  await Promise.all(
    splits.map(async (split, fold) => {
      const probs = await predict(split, fold);
      if (probs.length !== split.holdout.length * k) {
        throw new RangeError(`fold ${fold}: expected ${split.holdout.length}×${k} probabilities, got ${probs.length}`);
      }
      split.holdout.forEach((i, row) => {
        for (let c = 0; c < k; c++) out[i * k + c] = probs[row * k + c]!;
        seen[i] = 1;
      });
    }),
  );
  const missing = seen.indexOf(0);
  if (missing >= 0) throw new RangeError(`example ${missing} is in no fold's holdout`);
  return out;
}
