/**
 * Multinomial logistic regression with scikit-learn's L2 objective.
 *
 * scikit-learn's `LogisticRegression(C)` (lbfgs, multinomial) minimizes
 *   C · Σ_i CE(x_i, y_i) + ½‖W‖²          (the intercept b is not penalized),
 * which has the same minimizer as the mean form used here:
 *   (1/N) Σ_i CE(x_i, y_i) + (1 / (2·C·N)) ‖W‖².
 * Shapes: X (N, D), W (D, K), b (K), logits X·W + b (N, K).
 * Trained full-batch from zeros by L-BFGS until max |∇| ≤ 1e-4 (scikit-learn's
 * `tol`), with loss and gradient computed by TF.js on the active backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LabelledMatrix } from '../engine/types.ts';
import type { Objective } from '../engine/lbfgs.ts';
import { minimize } from './minimize.ts';
import type { Classifier, FitOptions, FitResult } from './types.ts';

export interface LogRegOptions extends FitOptions {
  /** Inverse regularization strength, as scikit-learn's C. Default 1. */
  readonly C?: number;
  /** Gradient tolerance, as scikit-learn's tol. Default 1e-4. */
  readonly tolerance?: number;
}

export async function fitLogReg(data: LabelledMatrix, options: LogRegOptions): Promise<FitResult> {
  const { n, d, classes: k } = data;
  const C = options.C ?? 1;
  if (!(C > 0)) throw new RangeError(`C must be positive, got ${C}`);
  if (n === 0) throw new RangeError('cannot train on 0 examples');
  const lambda = 1 / (C * n);
  const X = tf.tensor2d(data.x, [n, d]);
  const Y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(data.y, 'int32'), k), 'float32'));
  const size = d * k + k;
  const objective: Objective = (params, grad) => {
    const out = tf.tidy(() => {
      const p = Float32Array.from(params);
      const W = tf.tensor2d(p.subarray(0, d * k), [d, k]);
      const b = tf.tensor1d(p.subarray(d * k));
      const logp = tf.logSoftmax(tf.add(tf.matMul(X, W), b));
      const ce = tf.div(tf.neg(tf.sum(tf.mul(Y, logp))), n);
      const loss = tf.add(ce, tf.mul(0.5 * lambda, tf.sum(tf.square(W))));
      const G = tf.div(tf.sub(tf.exp(logp), Y), n);
      const gW = tf.add(tf.matMul(X, G, true, false), tf.mul(lambda, W));
      const gb = tf.sum(G, 0);
      return tf.concat([tf.reshape(gW, [-1]), gb, tf.reshape(loss, [1])]);
    });
    const values = out.dataSync();
    out.dispose();
    for (let i = 0; i < size; i++) grad[i] = values[i]!;
    return values[size]!;
  };
  try {
    const state = await minimize(
      objective,
      new Float64Array(size),
      { maxIterations: options.maxIterations ?? 1000, gradientTolerance: options.tolerance ?? 1e-4 },
      options,
    );
    const p = Float32Array.from(state.x);
    return {
      classifier: linearClassifier(p.slice(0, d * k), p.slice(d * k), d, k),
      iterations: state.iterations,
      evaluations: state.evaluations,
      loss: state.f,
      gradientMax: state.gradientMax,
      stopReason: state.stopped ?? 'max_iterations',
      converged: state.stopped === 'gradient' || state.stopped === 'function' || state.stopped === 'line_search',
    };
  } finally {
    X.dispose();
    Y.dispose();
  }
}

/** A softmax-linear classifier with weights W (D, K) and intercepts b (K). */
export function linearClassifier(weights: Float32Array, intercepts: Float32Array, d: number, k: number): Classifier {
  const W = tf.tensor2d(weights, [d, k]);
  const b = tf.tensor1d(intercepts);
  const run = <T extends 'probs' | 'labels'>(x: Float32Array, n: number, what: T) =>
    tf.tidy(() => {
      const logits = tf.add(tf.matMul(tf.tensor2d(x, [n, d]), W), b);
      return what === 'probs' ? tf.softmax(logits) : tf.argMax(logits, 1);
    });
  return {
    kind: 'logreg',
    classes: k,
    predictProba(x, n) {
      const t = run(x, n, 'probs');
      const out = t.dataSync() as Float32Array;
      t.dispose();
      return Float32Array.from(out);
    },
    predict(x, n) {
      const t = run(x, n, 'labels');
      const out = Int32Array.from(t.dataSync());
      t.dispose();
      return out;
    },
    dispose() {
      W.dispose();
      b.dispose();
    },
  };
}
