/**
 * Training on chosen rows with chosen labels: the building blocks of
 * cross-validation (predict a held-out fold), of the cleaning-budget curve and
 * of retraining on relabelled data (fit, then measure on the clean test set).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, ModelKind } from '../engine/types.ts';
import { accuracy } from '../engine/metrics.ts';
import { gatherRows, type TrialPreparer } from '../engine/trial.ts';
import { fitModel, type ModelSettings } from './fit.ts';
import type { FitOptions } from './types.ts';

export interface HeldOutRequest {
  readonly dataset: string;
  readonly model: ModelKind;
  /** Data-set rows to train on, with the labels to train with. */
  readonly trainRows: Int32Array;
  readonly trainLabels: Int32Array;
  /** Data-set rows to predict. */
  readonly predictRows: Int32Array;
  readonly seed: number;
}

/** Trains on the train rows and returns `(predictRows, K)` probabilities, row-major. */
export async function predictHeldOut(
  dataset: Dataset,
  request: HeldOutRequest,
  options: Omit<FitOptions, 'seed'> & ModelSettings = {},
): Promise<Float32Array> {
  if (request.trainRows.length !== request.trainLabels.length) {
    throw new RangeError(`${request.trainRows.length} training rows but ${request.trainLabels.length} labels`);
  }
  const fit = await fitModel(request.model, gatherRows(dataset, request.trainRows, request.trainLabels), {
    ...options,
    seed: request.seed,
  });
  try {
    const target = gatherRows(dataset, request.predictRows);
    return fit.classifier.predictProba(target.x, target.n);
  } finally {
    fit.classifier.dispose();
  }
}

export interface EvaluateRequest {
  readonly dataset: string;
  readonly model: ModelKind;
  /** Data-set rows to train on, with the labels to train with (noisy, relabelled, …). */
  readonly rows: Int32Array;
  readonly labels: Int32Array;
  readonly seed: number;
  /**
   * Optional noisy labels for the test set, in test-set order: the accuracy
   * against them is reported beside the accuracy against the true labels.
   */
  readonly noisyTestLabels?: Int32Array;
}

export interface EvaluateResult {
  /** Accuracy on the clean test set. */
  readonly accuracy: number;
  /** Accuracy on the test set against `noisyTestLabels`, or null. */
  readonly accuracyNoisyTest: number | null;
  /** Accuracy on the training rows against the labels trained with. */
  readonly trainAccuracyGiven: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly backend: string;
}

/** Trains on the rows with the given labels and measures it on the clean test set. */
export async function fitAndEvaluate(
  preparer: TrialPreparer,
  request: EvaluateRequest,
  options: Omit<FitOptions, 'seed'> & ModelSettings = {},
): Promise<EvaluateResult> {
  const { dataset, test } = preparer;
  if (request.rows.length !== request.labels.length) {
    throw new RangeError(`${request.rows.length} training rows but ${request.labels.length} labels`);
  }
  const train = gatherRows(dataset, request.rows, request.labels);
  const fit = await fitModel(request.model, train, { ...options, seed: request.seed });
  try {
    const predicted = fit.classifier.predict(test.x, test.n);
    const noisy = request.noisyTestLabels;
    if (noisy && noisy.length !== test.n)
      throw new RangeError(`${noisy.length} noisy test labels for ${test.n} test rows`);
    return {
      accuracy: accuracy(predicted, test.y),
      accuracyNoisyTest: noisy ? accuracy(predicted, noisy) : null,
      trainAccuracyGiven: accuracy(fit.classifier.predict(train.x, train.n), train.y),
      iterations: fit.iterations,
      converged: fit.converged,
      backend: tf.getBackend(),
    };
  } finally {
    fit.classifier.dispose();
  }
}
