import * as tf from '@tensorflow/tfjs-core';
import type { Objective } from '../engine/lbfgs.ts';
import type { LabelledMatrix, ModelKind } from '../engine/types.ts';
import type { Classifier } from './types.ts';

/** A model's training loss as an L-BFGS objective over its flat parameter vector. */
export interface TrainingObjective {
  /** Number of parameters. */
  readonly size: number;
  /** Loss at `params`; writes the gradient into `grad`. */
  readonly objective: Objective;
  /** Frees the tensors the objective holds (the training data). */
  dispose(): void;
}

/**
 * X₁ = [X | 1] `(N, D+1)`, its transpose `(D+1, N)` (unless `transposed` is
 * false) and the one-hot labels Y `(N, K)`.
 */
export function augmentedTensors(
  data: LabelledMatrix,
  options: { readonly transposed?: boolean } = {},
): {
  X1: tf.Tensor2D;
  X1T: tf.Tensor2D | null;
  Y: tf.Tensor2D;
  dispose(): void;
} {
  const { n, d, classes: k } = data;
  const x1 = new Float32Array(n * (d + 1));
  for (let i = 0; i < n; i++) {
    x1.set(data.x.subarray(i * d, (i + 1) * d), i * (d + 1));
    x1[i * (d + 1) + d] = 1;
  }
  const X1 = tf.tensor2d(x1, [n, d + 1]);
  const X1T = options.transposed === false ? null : tf.transpose(X1);
  const Y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(data.y, 'int32'), k), 'float32') as tf.Tensor2D);
  return {
    X1,
    X1T,
    Y,
    dispose() {
      X1.dispose();
      X1T?.dispose();
      Y.dispose();
    },
  };
}

/** Probabilities below this count as this: a wild line-search step may underflow one to 0, and log 0 is −∞. */
export const SMALLEST_PROBABILITY = 1e-37;

/** Mean −log p of each row's own label: `probs` `(N, K)` row-major, `labels` `(N)`. */
export function crossEntropy(probs: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  const n = labels.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum -= Math.log(Math.max(probs[i * k + labels[i]!]!, SMALLEST_PROBABILITY));
  return sum / n;
}

/** `dst` `(cols, rows)` = the transpose of `src` `(rows, cols)`, both row-major; values rounded to float32. */
export function transposeInto(src: ArrayLike<number>, rows: number, cols: number, dst: Float32Array): Float32Array {
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) dst[j * rows + i] = src[i * cols + j]!;
  return dst;
}

/**
 * Fills `params[start, end)` from `random` uniformly in ±√(6 / (fanIn +
 * fanOut)): the Glorot-uniform range scikit-learn draws a layer's weights and
 * biases from (the MLP's and the CNN's seeded starts).
 */
export function fillGlorot(
  params: Float64Array,
  random: () => number,
  start: number,
  end: number,
  fanIn: number,
  fanOut: number,
): void {
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = start; i < end; i++) params[i] = (2 * random() - 1) * bound;
}

/**
 * Adds the gradient of the L2 penalty (lambda / 2)‖p[start, end)‖² to `grad`
 * and returns `squared` + ‖p[start, end)‖², summed on from `squared` (so
 * ranges penalized one after another sum exactly as one running total); the
 * objective adds (lambda / 2) times the total.
 */
export function penalizeRange(
  p: ArrayLike<number>,
  grad: Float64Array,
  start: number,
  end: number,
  lambda: number,
  squared = 0,
): number {
  for (let i = start; i < end; i++) {
    squared += p[i]! * p[i]!;
    grad[i]! += lambda * p[i]!;
  }
  return squared;
}

/**
 * The training loss: mean cross-entropy of `probs` plus (alpha / 2N) times
 * the squared parameters in `weights` (ranges of `p`; biases are left out),
 * whose gradient is added to `grad` here. Ranges are summed in order as one
 * running total.
 */
export function penalizedLoss(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  k: number,
  p: ArrayLike<number>,
  grad: Float64Array,
  alpha: number,
  weights: readonly (readonly [number, number])[],
): number {
  const lambda = alpha / labels.length;
  const squared = weights.reduce((sum, [start, end]) => penalizeRange(p, grad, start, end, lambda, sum), 0);
  return crossEntropy(probs, labels, k) + 0.5 * lambda * squared;
}

/** Reads a tensor's values and disposes it. */
export function take<T extends tf.Tensor>(tensor: T): Float32Array | Int32Array | Uint8Array {
  const values = tensor.dataSync();
  tensor.dispose();
  return values as Float32Array | Int32Array | Uint8Array;
}

/**
 * A classifier from a function computing logits `(N, K)` for rows x; it owns
 * `weights` and frees them on dispose().
 */
export function tensorClassifier(
  kind: ModelKind,
  classes: number,
  logits: (x: Float32Array, n: number) => tf.Tensor,
  weights: readonly tf.Tensor[],
): Classifier {
  return {
    kind,
    classes,
    predictProba: (x, n) => Float32Array.from(take(tf.tidy(() => tf.softmax(logits(x, n))))),
    predict: (x, n) => Int32Array.from(take(tf.tidy(() => tf.argMax(logits(x, n), 1)))),
    dispose() {
      for (const t of weights) t.dispose();
    },
  };
}
