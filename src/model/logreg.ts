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
import {
  augmentedTensors,
  crossEntropy,
  take,
  tensorClassifier,
  transposeInto,
  type TrainingObjective,
} from './objective.ts';
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
 *   cross-entropy from each row's probability of its label;
 *   the penalty ½λ‖W‖² and its gradient λW are added here in float64.
 * Both products are taken the other way round, (Pᵀ·X₁ᵀ)ᵀ and (Gᵀ·X₁)ᵀ: the
 * same sums, bit for bit, but with the data as the product's second operand,
 * which the wasm backend prepares once per fit rather than once per
 * evaluation, and with its wide side (N or D+1, not K) as the product's width,
 * which its kernels fill better. Measured one change at a time in docs/performance.md.
 */
export function logRegObjective(data: LabelledMatrix, C: number): TrainingObjective {
  const { n, d, classes: k } = data;
  if (!(C > 0)) throw new RangeError(`C must be positive, got ${C}`);
  if (n === 0) throw new RangeError('cannot train on 0 examples');
  const lambda = 1 / (C * n);
  const { X1, X1T, Y, dispose } = augmentedTensors(data);
  const size = (d + 1) * k;
  const weights = d * k;
  /** Pᵀ (K, D+1) in float32. */
  const pT = new Float32Array(size);
  const objective: Objective = (p, grad) => {
    transposeInto(p, d + 1, k, pT);
    const [probs, gradientT] = tf.tidy(() => {
      const probs = tf.softmax(tf.transpose(tf.matMul(tf.tensor2d(pT, [k, d + 1]), X1T!)));
      return [probs, tf.matMul(tf.transpose(tf.sub(probs, Y)), X1)];
    });
    const probabilities = take(probs!);
    const g = take(gradientT!);
    let squared = 0;
    for (let i = 0; i <= d; i++) for (let c = 0; c < k; c++) grad[i * k + c] = g[c * (d + 1) + i]! / n;
    for (let i = 0; i < weights; i++) {
      squared += p[i]! * p[i]!;
      grad[i]! += lambda * p[i]!;
    }
    return crossEntropy(probabilities, data.y, k) + 0.5 * lambda * squared;
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
