/**
 * Train on a small 2-D data set and map the model's class probabilities over
 * a grid, for drawing decision regions.
 */
import * as tf from '@tensorflow/tfjs-core';
import { accuracy } from '../engine/metrics.ts';
import { gridPoints, type Bounds } from '../engine/toy2d.ts';
import type { LabelledMatrix, ModelKind } from '../engine/types.ts';
import { fitLogReg } from './logreg.ts';
import { fitMlp } from './mlp.ts';
import type { Classifier, FitOptions } from './types.ts';

export interface ToyFitRequest {
  readonly model: ModelKind;
  /** Training points with the labels the model should see. */
  readonly train: LabelledMatrix;
  /** Clean test points. */
  readonly test: LabelledMatrix;
  readonly bounds: Bounds;
  /** Grid resolution (cells per side). */
  readonly grid: number;
  readonly seed: number;
  /**
   * R: networks trained from R seeded starting points and averaged (their
   * class probabilities), for the MLP. Default 1. Logistic regression has
   * one optimum, so it is trained once whatever R.
   */
  readonly starts?: number;
}

export interface ToyFitResult {
  /** Accuracy on the clean test points. */
  readonly accuracy: number;
  /** Accuracy on the training points against the labels the model saw. */
  readonly trainAccuracy: number;
  /** `(R)` test accuracy of each averaged network on its own (one entry for a single model). */
  readonly memberAccuracies: readonly number[];
  /** `(n_test)` the model's class for each clean test point (for paired comparisons, engine/measurementNoise.ts). */
  readonly testPredictions: Int32Array;
  /** `(grid·grid, K)` probabilities, row-major from the top-left cell. */
  readonly probabilities: Float32Array;
  readonly grid: number;
  /** Optimizer iterations, summed over the averaged networks. */
  readonly iterations: number;
  readonly backend: string;
}

/**
 * The playground model: a weaker L2 than the curve's (C = 100) so a few
 * noisy points visibly bend the boundary, and a 16-unit MLP — or the average
 * of R of them from different starting points: one network on 80 points
 * lands in a different optimum for each start, and the test accuracies of
 * those optima differ by several points, more than fixing a label changes it.
 */
export async function fitToy(request: ToyFitRequest, options: Omit<FitOptions, 'seed'> = {}): Promise<ToyFitResult> {
  const { train, test, bounds, grid, seed } = request;
  const starts = request.model === 'logreg' ? 1 : (request.starts ?? 1);
  if (!(Number.isInteger(starts) && starts >= 1))
    throw new RangeError(`starts must be a positive integer, got ${starts}`);
  const k = train.classes;
  const cells = gridPoints(bounds, grid, grid);
  const testProbs = new Float32Array(test.n * k);
  const trainProbs = new Float32Array(train.n * k);
  const gridProbs = new Float32Array(grid * grid * k);
  const memberAccuracies: number[] = [];
  let iterations = 0;
  const add = (sum: Float32Array, probs: Float32Array) => {
    for (let i = 0; i < sum.length; i++) sum[i]! += probs[i]! / starts;
  };
  for (let member = 0; member < starts; member++) {
    const fit =
      request.model === 'logreg'
        ? await fitLogReg(train, { ...options, seed, C: 100 })
        : await fitMlp(train, { ...options, seed, member, hidden: 16, alpha: 1e-3, maxIterations: 500 });
    const classifier: Classifier = fit.classifier;
    try {
      const probs = classifier.predictProba(test.x, test.n);
      add(testProbs, probs);
      memberAccuracies.push(accuracy(argMax(probs, k), test.y));
      add(trainProbs, classifier.predictProba(train.x, train.n));
      add(gridProbs, classifier.predictProba(cells, grid * grid));
      iterations += fit.iterations;
    } finally {
      classifier.dispose();
    }
  }
  const testPredictions = argMax(testProbs, k);
  return {
    accuracy: accuracy(testPredictions, test.y),
    trainAccuracy: accuracy(argMax(trainProbs, k), train.y),
    memberAccuracies,
    testPredictions,
    probabilities: gridProbs,
    grid,
    iterations,
    backend: tf.getBackend(),
  };
}

/** `(N)` the most probable class of each row of `(N, K)` probabilities (the first on a tie). */
function argMax(probs: Float32Array, k: number): Int32Array {
  const n = probs.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c]! > probs[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}
