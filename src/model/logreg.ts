/**
 * Multinomial logistic regression with scikit-learn's L2 objective.
 *
 * scikit-learn's `LogisticRegression(C)` (lbfgs, multinomial) minimizes
 *   C · Σ_i CE(x_i, y_i) + ½‖W‖²          (the intercept b is not penalized),
 * which has the same minimizer as the mean form used here:
 *   (1/N) Σ_i CE(x_i, y_i) + (1 / (2·C·N)) ‖W‖².
 * Shapes: X (N, D), W (D, K), b (K), logits X·W + b (N, K); parameters flat as [W, b].
 * Trained full-batch from zeros by L-BFGS until max |∇| ≤ 1e-4 (scikit-learn's
 * `tol`), with loss and gradient computed by TF.js on the active backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LabelledMatrix } from '../engine/types.ts';
import { tensorClassifier, tensorObjective, trainingTensors, type TrainingObjective } from './objective.ts';
import { train } from './train.ts';
import type { Classifier, FitOptions, FitResult } from './types.ts';

export interface LogRegOptions extends FitOptions {
  /** Inverse regularization strength, as scikit-learn's C. Default 1. */
  readonly C?: number;
  /** Gradient tolerance, as scikit-learn's tol. Default 1e-4. */
  readonly tolerance?: number;
}

/** The L2-regularized cross-entropy and its gradient (written out: G = (softmax − Y) / N). */
export function logRegObjective(data: LabelledMatrix, C: number): TrainingObjective {
  const { n, d, classes: k } = data;
  if (!(C > 0)) throw new RangeError(`C must be positive, got ${C}`);
  if (n === 0) throw new RangeError('cannot train on 0 examples');
  const lambda = 1 / (C * n);
  const { X, Y, dispose } = trainingTensors(data);
  const size = d * k + k;
  const objective = tensorObjective(size, (p) => {
    const W = tf.tensor2d(p.subarray(0, d * k), [d, k]);
    const b = tf.tensor1d(p.subarray(d * k));
    const logp = tf.logSoftmax(tf.add(tf.matMul(X, W), b));
    const ce = tf.div(tf.neg(tf.sum(tf.mul(Y, logp))), n);
    const loss = tf.add(ce, tf.mul(0.5 * lambda, tf.sum(tf.square(W))));
    const G = tf.div(tf.sub(tf.exp(logp), Y), n);
    return { loss, gradients: [tf.add(tf.matMul(X, G, true, false), tf.mul(lambda, W)), tf.sum(G, 0)] };
  });
  return { size, objective, dispose };
}

export async function fitLogReg(data: LabelledMatrix, options: LogRegOptions): Promise<FitResult> {
  const { d, classes: k } = data;
  const objective = logRegObjective(data, options.C ?? 1);
  return train(
    objective,
    new Float64Array(objective.size),
    { maxIterations: options.maxIterations ?? 1000, gradientTolerance: options.tolerance ?? 1e-4 },
    options,
    (p) => linearClassifier(p.slice(0, d * k), p.slice(d * k), d, k),
  );
}

/** A softmax-linear classifier with weights W (D, K) and intercepts b (K). */
export function linearClassifier(weights: Float32Array, intercepts: Float32Array, d: number, k: number): Classifier {
  const W = tf.tensor2d(weights, [d, k]);
  const b = tf.tensor1d(intercepts);
  return tensorClassifier('logreg', k, (x, n) => tf.add(tf.matMul(tf.tensor2d(x, [n, d]), W), b), [W, b]);
}
