/**
 * A reference model's view of a data set, for instance-dependent noise:
 * out-of-fold probabilities of logistic regression (C = 1) for every row of
 * the training pool, from 5 stratified folds of the true labels. Test rows are
 * left at zero (noise never touches them).
 */
import { createRandom } from '../engine/random.ts';
import { foldSplits, outOfFoldProbabilities } from '../engine/confident/outOfFold.ts';
import type { Dataset } from '../engine/types.ts';
import { datasetSplit } from '../engine/trial.ts';
import { predictHeldOut } from './heldOut.ts';
import type { FitOptions } from './types.ts';

const STREAM_REFERENCE = 21;

export async function referenceProbabilities(
  dataset: Dataset,
  options: Omit<FitOptions, 'seed'> = {},
): Promise<Float64Array> {
  const { pool } = datasetSplit(dataset);
  const labels = Int32Array.from(pool, (row) => dataset.y[row]!);
  const k = dataset.classes;
  const splits = foldSplits(labels, { folds: 5, random: createRandom(0, STREAM_REFERENCE) });
  const rowsOf = (positions: Int32Array) => Int32Array.from(positions, (i) => pool[i]!);
  const poolProbs = await outOfFoldProbabilities(pool.length, k, splits, (split) =>
    predictHeldOut(
      dataset,
      {
        dataset: dataset.name,
        model: 'logreg',
        trainRows: rowsOf(split.train),
        trainLabels: Int32Array.from(split.train, (i) => labels[i]!),
        predictRows: rowsOf(split.holdout),
        seed: 0,
      },
      options,
    ),
  );
  const out = new Float64Array(dataset.n * k);
  pool.forEach((row, i) => out.set(poolProbs.subarray(i * k, i * k + k), row * k));
  return out;
}
