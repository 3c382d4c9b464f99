/**
 * The reference model behind boundary noise (noise/boundary.ts): logistic
 * regression, out-of-fold over every row of a data set, from 5 stratified
 * folds of the true labels, seed 0. These are its settings and its folds, so
 * the worker (model/referenceProbabilities.ts) and the page (the review cell,
 * which trains the folds in the worker pool) produce the same probabilities.
 */
import type { ModelKind } from '../types.ts';
import { createRandom } from '../random.ts';
import { foldSplits, type FoldSplit } from './outOfFold.ts';

export const REFERENCE_MODEL: ModelKind = 'logreg';
export const REFERENCE_FOLDS = 5;
export const REFERENCE_SEED = 0;
/** The randomness stream of the reference folds: `createRandom(REFERENCE_SEED, STREAM_REFERENCE)`. */
export const STREAM_REFERENCE = 21;

/** The reference model's folds over a data set's rows, from its true labels `(N_dataset)`. */
export function referenceFoldSplits(labels: Int32Array): FoldSplit[] {
  return foldSplits(labels, { folds: REFERENCE_FOLDS, random: createRandom(REFERENCE_SEED, STREAM_REFERENCE) });
}
