import * as tf from '@tensorflow/tfjs-core';
import { accuracy } from '../engine/metrics.ts';
import type { TrialPreparer } from '../engine/trial.ts';
import type { TrialOutcome, TrialSpec } from '../engine/sweep.ts';
import { fitModel } from './fit.ts';
import type { FitOptions } from './types.ts';

/**
 * Runs one trial: prepares its (noisy) training subset, trains the model,
 * and measures accuracy on the clean test set and on the training subset
 * (against the labels it saw, and against the truth). Leaves no tensors.
 */
export async function runTrial(
  preparer: TrialPreparer,
  spec: TrialSpec,
  options: Omit<FitOptions, 'seed'> = {},
): Promise<TrialOutcome> {
  if (spec.dataset !== preparer.dataset.name) {
    throw new Error(`trial is for data set "${spec.dataset}" but "${preparer.dataset.name}" is loaded`);
  }
  const now = options.now ?? (() => performance.now());
  const started = now();
  const { train, trueLabels, test } = preparer.prepare(spec);
  const fit = await fitModel(spec.model, train, { ...options, seed: spec.seed });
  try {
    const testPredictions = fit.classifier.predict(test.x, test.n);
    const trainPredictions = fit.classifier.predict(train.x, train.n);
    return {
      spec,
      accuracy: accuracy(testPredictions, test.y),
      accuracyNoisyTest:
        spec.arm === 'noisy' ? accuracy(testPredictions, preparer.noisyTestLabels(spec.noise, spec.seed)) : null,
      trainAccuracyGiven: accuracy(trainPredictions, train.y),
      trainAccuracyTrue: accuracy(trainPredictions, trueLabels),
      iterations: fit.iterations,
      converged: fit.converged,
      milliseconds: now() - started,
      backend: tf.getBackend(),
    };
  } finally {
    fit.classifier.dispose();
  }
}
