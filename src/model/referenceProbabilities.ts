/**
 * A reference model's view of a data set, for instance-dependent noise:
 * out-of-fold probabilities of logistic regression (C = 1) for every row of
 * the data set (pool and test), from 5 stratified folds of the true labels.
 */
import { createRandom } from '../engine/random.ts';
import { foldSplits, outOfFoldProbabilities } from '../engine/confident/outOfFold.ts';
import type { Dataset } from '../engine/types.ts';
import { predictHeldOut } from './heldOut.ts';
import type { FitOptions } from './types.ts';

const STREAM_REFERENCE = 21;

export async function referenceProbabilities(
  dataset: Dataset,
  options: Omit<FitOptions, 'seed'> = {},
): Promise<Float64Array> {
  const labels = dataset.y;
  const k = dataset.classes;
  const splits = foldSplits(labels, { folds: 5, random: createRandom(0, STREAM_REFERENCE) });
  // Positions are data-set rows here: the folds cover every row.
  return outOfFoldProbabilities(dataset.n, k, splits, (split) =>
    predictHeldOut(
      dataset,
      {
        dataset: dataset.name,
        model: 'logreg',
        trainRows: split.train,
        trainLabels: Int32Array.from(split.train, (i) => labels[i]!),
        predictRows: split.holdout,
        seed: 0,
      },
      options,
    ),
  );
}
