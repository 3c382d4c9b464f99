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
import type { FitOptions } from './types.ts';

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
}

export interface ToyFitResult {
  /** Accuracy on the clean test points. */
  readonly accuracy: number;
  /** Accuracy on the training points against the labels the model saw. */
  readonly trainAccuracy: number;
  /** `(grid·grid, K)` probabilities, row-major from the top-left cell. */
  readonly probabilities: Float32Array;
  readonly grid: number;
  readonly iterations: number;
  readonly backend: string;
}

/**
 * The playground model: a weaker L2 than the curve's (C = 100) so a few
 * noisy points visibly bend the boundary, and a 16-unit MLP.
 */
export async function fitToy(request: ToyFitRequest, options: Omit<FitOptions, 'seed'> = {}): Promise<ToyFitResult> {
  const { train, test, bounds, grid, seed } = request;
  const fit =
    request.model === 'logreg'
      ? await fitLogReg(train, { ...options, seed, C: 100 })
      : await fitMlp(train, { ...options, seed, hidden: 16, alpha: 1e-3, maxIterations: 500 });
  try {
    return {
      accuracy: accuracy(fit.classifier.predict(test.x, test.n), test.y),
      trainAccuracy: accuracy(fit.classifier.predict(train.x, train.n), train.y),
      probabilities: fit.classifier.predictProba(gridPoints(bounds, grid, grid), grid * grid),
      grid,
      iterations: fit.iterations,
      backend: tf.getBackend(),
    };
  } finally {
    fit.classifier.dispose();
  }
}
