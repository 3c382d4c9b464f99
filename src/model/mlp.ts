/**
 * A one-hidden-layer perceptron: X (N, D) → ReLU(X·W1 + b1) (N, H) → softmax(·W2 + b2) (N, K).
 *
 * Objective as scikit-learn's MLPClassifier: mean cross-entropy plus
 * (alpha / (2N)) (‖W1‖² + ‖W2‖²). The default alpha = 1 is the same L2 as the
 * logistic regression's C = 1. (scikit-learn's default, 1e-4, trained to
 * convergence, memorizes every noisy label; scikit-learn's own MLP escapes
 * that only because Adam stops after 200 epochs, before converging.)
 *
 * Weights start from a seeded Glorot-uniform draw (scikit-learn's bound
 * √(6 / (fan_in + fan_out)), biases too), made in JavaScript from our own
 * generator so the start is the same on every backend. Trained full-batch by
 * L-BFGS until max |∇| ≤ 1e-4, or until the loss has improved by less than
 * 1e-3 over the last 10 iterations — converged for every purpose here: the
 * float32 loss cannot resolve much finer progress, and accuracy no longer
 * moves (measured: tightening this to 1e-4 changes test accuracy by < 1
 * point at 2–5× the time). At most 1000 iterations; a fit that hits the cap
 * reports `converged: false`. Loss and gradient (backpropagation written
 * out, checked against finite differences in the tests) by TF.js.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LabelledMatrix } from '../engine/types.ts';
import { createRandom } from '../engine/random.ts';
import type { Objective } from '../engine/lbfgs.ts';
import {
  augmentedTensors,
  fillGlorot,
  penalizedLoss,
  take,
  tensorClassifier,
  type TrainingObjective,
} from './objective.ts';
import { matMulTransposeA } from './transposedProduct.ts';
import { train } from './train.ts';
import type { Classifier, FitOptions, FitResult } from './types.ts';

export interface MlpOptions extends FitOptions {
  /** H: hidden units. Default 64. */
  readonly hidden?: number;
  /** L2 penalty, as scikit-learn's alpha. Default 1 (see above). */
  readonly alpha?: number;
  /** Gradient tolerance. Default 1e-4. */
  readonly tolerance?: number;
  /** Stop when the loss improves by less than this over 10 iterations. Default 1e-3. */
  readonly improvementTolerance?: number;
  /** Which of the seed's starting points to train from (initialMlpParameters). Default 0. */
  readonly member?: number;
}

const STREAM_INIT = 0x1417;

/** Parameter layout in the flat vector: W1, b1, W2, b2. */
function layout(d: number, h: number, k: number) {
  const shapes = { W1: [d, h], b1: [h], W2: [h, k], b2: [k] } as const;
  const offsets = { W1: 0, b1: d * h, W2: d * h + h, b2: d * h + h + h * k };
  return { shapes, offsets, size: d * h + h + h * k + k };
}

/**
 * Seeded Glorot-uniform initial parameters, as scikit-learn draws them (W and
 * b from the same range). `member` > 0 draws another start from the same seed
 * (for averaging several starts, fitToy.ts); member 0 is the single network's start.
 */
export function initialMlpParameters(d: number, h: number, k: number, seed: number, member = 0): Float64Array {
  const { offsets, size } = layout(d, h, k);
  const random = member === 0 ? createRandom(seed, STREAM_INIT) : createRandom(seed, STREAM_INIT, member);
  const params = new Float64Array(size);
  fillGlorot(params, random, offsets.W1, offsets.W2, d, h); // W1 and b1
  fillGlorot(params, random, offsets.W2, size, h, k); // W2 and b2
  return params;
}

/**
 * Cross-entropy plus (alpha / 2N)(‖W1‖² + ‖W2‖²), with its gradient by
 * backpropagation. As in the logistic regression, the biases ride along as a
 * row of ones: X₁ = [X | 1] is built once, P1 = [W1; b1] `(D+1, H)` and
 * P2 = [W2; b2] `(H+1, K)` are slices of the flat parameters as they are,
 * and the penalty and its gradient are added in float64.
 *
 * Written for the wasm backend's speed without changing a bit of its result
 * (checked against the plain formulation in test/model/objective.test.ts):
 * - H₁ = [relu(X₁·P1) | 1] comes from one product, X₁·[P1 | e] with e the
 *   unit column that picks X₁'s ones (relu(1) = 1), instead of a concat,
 *   padded with columns of 0 to a multiple of 4 (they add exact zeros);
 * - G2·W2ᵀ is G2·[W2ᵀ | 0] with the transpose built here, a plain product
 *   (its extra columns are 0 and drop out);
 * - X₁ᵀ·G1 is taken as (G1ᵀ·X₁)ᵀ, the same sums with the data as the
 *   product's second operand, prepared once per fit;
 * - H₁ᵀ·G2 is summed here as the wasm backend sums a transposed product
 *   (matMulTransposeA), and the loss picks each row's probability here.
 */
export function mlpObjective(data: LabelledMatrix, hidden: number, alpha: number): TrainingObjective {
  const { n, d, classes: k } = data;
  const h = hidden;
  if (n === 0) throw new RangeError('cannot train on 0 examples');
  if (!(Number.isInteger(h) && h > 0)) throw new RangeError(`hidden units must be a positive integer, got ${h}`);
  const { offsets, size } = layout(d, h, k);
  const { X1, Y, dispose: disposeData } = augmentedTensors(data, { transposed: false });
  /** Columns of H₁: the hidden units, the ones, and zeros up to a multiple of 4 (the kernel's width; they add 0). */
  const w = Math.ceil((h + 1) / 4) * 4;
  /** [P1 | e | 0] `(D+1, W)`: e is 1 in the row of X₁'s ones, so H₁'s column H is relu(1) = 1. */
  const p1 = new Float32Array((d + 1) * w);
  p1[d * w + h] = 1;
  /** [P2; 0] `(W, K)` and [W2ᵀ | 0] `(K, W)`. */
  const p2 = new Float32Array(w * k);
  const w2t = new Float32Array(k * w);
  const g2 = new Float32Array(n * k);
  const gradient2 = new Float32Array(w * k);
  const objective: Objective = (p, grad) => {
    for (let i = 0; i <= d; i++) for (let j = 0; j < h; j++) p1[i * w + j] = p[i * h + j]!;
    for (let i = 0; i < (h + 1) * k; i++) p2[i] = p[offsets.W2 + i]!;
    for (let j = 0; j < h; j++) for (let c = 0; c < k; c++) w2t[c * w + j] = p2[j * k + c]!;
    const [H1t, probst, gradient1t] = tf.tidy(() => {
      const H1 = tf.relu(tf.matMul(X1, tf.tensor2d(p1, [d + 1, w])));
      const probs = tf.softmax(tf.matMul(H1, tf.tensor2d(p2, [w, k])));
      // Backpropagation (times N): G2 = ∂/∂Z2 (N, K), G1 = ∂/∂Z1 (N, W); relu'(z) = step(relu(z)).
      const G1 = tf.mul(tf.matMul(tf.sub(probs, Y), tf.tensor2d(w2t, [k, w])), tf.step(H1));
      return [H1, probs, tf.matMul(tf.transpose(G1), X1)];
    });
    const H1 = take(H1t!);
    const probs = take(probst!);
    const gradient1 = take(gradient1t!); // (W, D+1): row j < H is ∂/∂P1[·, j], the rest unused
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < k; c++) g2[r * k + c] = probs[r * k + c]! - (data.y[r] === c ? 1 : 0);
    }
    matMulTransposeA(H1, g2, n, w, k, gradient2); // (W, K): its first H+1 rows are ∂/∂P2
    for (let i = 0; i <= d; i++) for (let j = 0; j < h; j++) grad[i * h + j] = gradient1[j * (d + 1) + i]! / n;
    for (let i = 0; i < (h + 1) * k; i++) grad[offsets.W2 + i] = gradient2[i]! / n;
    return penalizedLoss(probs, data.y, k, p, grad, alpha, [
      [offsets.W1, offsets.b1],
      [offsets.W2, offsets.b2],
    ]);
  };
  return { size, objective, dispose: disposeData };
}

export async function fitMlp(data: LabelledMatrix, options: MlpOptions): Promise<FitResult> {
  const { d, classes: k } = data;
  const h = options.hidden ?? 64;
  const objective = mlpObjective(data, h, options.alpha ?? 1);
  return train(
    objective,
    initialMlpParameters(d, h, k, options.seed, options.member ?? 0),
    {
      maxIterations: options.maxIterations ?? 1000,
      gradientTolerance: options.tolerance ?? 1e-4,
      improvementTolerance: options.improvementTolerance ?? 1e-3,
      improvementWindow: 10,
    },
    options,
    (p) => mlpClassifier(p, d, h, k),
  );
}

function mlpClassifier(params: Float32Array, d: number, h: number, k: number): Classifier {
  const { offsets, size } = layout(d, h, k);
  const W1 = tf.tensor2d(params.slice(offsets.W1, offsets.b1), [d, h]);
  const b1 = tf.tensor1d(params.slice(offsets.b1, offsets.W2));
  const W2 = tf.tensor2d(params.slice(offsets.W2, offsets.b2), [h, k]);
  const b2 = tf.tensor1d(params.slice(offsets.b2, size));
  const logits = (x: Float32Array, n: number) =>
    tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(tf.tensor2d(x, [n, d]), W1), b1)), W2), b2);
  return tensorClassifier('mlp', k, logits, [W1, b1, W2, b2]);
}
