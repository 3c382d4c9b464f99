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
import type { Objective } from '../engine/lbfgs.ts';
import { augmentedTensors, crossEntropy, tensorClassifier, type TrainingObjective } from './objective.ts';
import { train } from './train.ts';
import type { Classifier, FitOptions, FitResult } from './types.ts';

export interface LogRegOptions extends FitOptions {
  /** Inverse regularization strength, as scikit-learn's C. Default 1. */
  readonly C?: number;
  /** Gradient tolerance, as scikit-learn's tol. Default 1e-4. */
  readonly tolerance?: number;
}

/**
 * The L2-regularized cross-entropy and its gradient, written out so that one
 * evaluation is two matrix products and a handful of elementwise ops:
 *   X₁ = [X | 1] (N, D+1) and its transpose are built once; P = [W; b] (D+1, K)
 *   is exactly the flat parameter layout, so the intercept rides along in the
 *   products (no separate add, no separate column sum);
 *   probs = softmax(X₁·P), G = probs − Y, ∇ = X₁ᵀ·G / N, and the
 *   cross-entropy from each row's probability of its label (one gather);
 *   the penalty ½λ‖W‖² and its gradient λW are added here in float64.
 * Measured one change at a time in docs/performance.md.
 */
export function logRegObjective(data: LabelledMatrix, C: number): TrainingObjective {
  const { n, d, classes: k } = data;
  if (!(C > 0)) throw new RangeError(`C must be positive, got ${C}`);
  if (n === 0) throw new RangeError('cannot train on 0 examples');
  const lambda = 1 / (C * n);
  const { X1, X1T, Y, labelAt, dispose } = augmentedTensors(data);
  const size = (d + 1) * k;
  const weights = d * k;
  const p32 = new Float32Array(size);
  const objective: Objective = (p, grad) => {
    for (let i = 0; i < size; i++) p32[i] = p[i]!;
    const out = tf.tidy(() => {
      const probs = tf.softmax(tf.matMul(X1, tf.tensor2d(p32, [d + 1, k])));
      return tf.concat([
        tf.reshape(tf.matMul(X1T, tf.sub(probs, Y)), [-1]),
        tf.gather(tf.reshape(probs, [-1]), labelAt),
      ]);
    });
    const values = out.dataSync();
    out.dispose();
    let squared = 0;
    for (let i = 0; i < size; i++) grad[i] = values[i]! / n;
    for (let i = 0; i < weights; i++) {
      squared += p[i]! * p[i]!;
      grad[i]! += lambda * p[i]!;
    }
    return crossEntropy(values, size, n) + 0.5 * lambda * squared;
  };
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
