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
 * Adapts a TF.js computation of loss and gradients to the optimizer: the
 * float64 parameters go in as float32, and one download brings back the
 * gradients (in order, flattened) and the loss. No tensor outlives a call.
 */
export function tensorObjective(
  size: number,
  compute: (params: Float32Array) => { loss: tf.Tensor; gradients: tf.Tensor[] },
): Objective {
  return (params, grad) => {
    const out = tf.tidy(() => {
      const { loss, gradients } = compute(Float32Array.from(params));
      return tf.concat([...gradients.map((g) => tf.reshape(g, [-1])), tf.reshape(loss, [1])]);
    });
    const values = out.dataSync();
    out.dispose();
    for (let i = 0; i < size; i++) grad[i] = values[i]!;
    return values[size]!;
  };
}

/** The training matrix and its one-hot labels as tensors: X (N, D), Y (N, K). */
export function trainingTensors(data: LabelledMatrix): { X: tf.Tensor2D; Y: tf.Tensor2D; dispose(): void } {
  const X = tf.tensor2d(data.x, [data.n, data.d]);
  const Y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(data.y, 'int32'), data.classes), 'float32') as tf.Tensor2D);
  return {
    X,
    Y,
    dispose() {
      X.dispose();
      Y.dispose();
    },
  };
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
