/**
 * A small convolutional network for the lab's images (digits 8×8,
 * Fashion-MNIST 14×14): X (N, H·W) seen as H×W images →
 * F filters of 3×3 ('same' zero padding) + bias → ReLU → 2×2 max pooling →
 * dense softmax (H/2 · W/2 · F → K). Default F = 16.
 *
 * Trained as the MLP is (mlp.ts), so that the two compare at equal effort:
 * the same objective form — mean cross-entropy plus (alpha / 2N) times the
 * squared weights (not the biases), default alpha 1 —, the same seeded
 * Glorot-uniform start drawn in JavaScript, and the same full-batch L-BFGS
 * with the same stopping rule and cap of 1000 iterations. Deterministic for a
 * seed on a backend.
 *
 * The convolution is a product: the 3×3 patches of every pixel (im2col) are
 * built once per fit as a (N·H·W, 9) matrix, so the forward pass is
 * matMul → ReLU → max over each 2×2 window → matMul, and its gradient is
 * products and masks too, ops every backend has (no conv gradient kernel is
 * needed; the wasm backend of TF.js 4.22 has none).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Objective } from '../engine/lbfgs.ts';
import { createRandom } from '../engine/random.ts';
import type { LabelledMatrix } from '../engine/types.ts';
import { fillGlorot, penalizedLoss, take, tensorClassifier, type TrainingObjective } from './objective.ts';
import { train } from './train.ts';
import type { Classifier, FitOptions, FitResult } from './types.ts';

/** Height and width of the images a data set's rows hold (row-major pixels). */
export interface ImageShape {
  readonly height: number;
  readonly width: number;
}

export interface CnnOptions extends FitOptions {
  readonly image: ImageShape;
  /** F: convolution filters. Default 16. */
  readonly filters?: number;
  /** L2 penalty, as the MLP's alpha. Default 1. */
  readonly alpha?: number;
}

const STREAM_INIT = 0x1418;
const KERNEL = 3;
const TAPS = KERNEL * KERNEL;

function layout(image: ImageShape, f: number, k: number) {
  const pooled = (image.height / 2) * (image.width / 2) * f;
  const offsets = { Wc: 0, bc: TAPS * f, Wd: TAPS * f + f, bd: TAPS * f + f + pooled * k };
  return { pooled, offsets, size: offsets.bd + k };
}

function checkShape(data: { d: number }, image: ImageShape, filters: number): void {
  const { height, width } = image;
  if (!(Number.isInteger(height) && Number.isInteger(width) && height >= 2 && width >= 2)) {
    throw new RangeError(`a CNN needs an image height and width of at least 2, got ${height}×${width}`);
  }
  if (height % 2 || width % 2) {
    throw new RangeError(`a CNN's 2×2 pooling needs an even image height and width, got ${height}×${width}`);
  }
  if (height * width !== data.d) {
    throw new RangeError(`a CNN for ${height}×${width} images needs ${height * width} columns, the data has ${data.d}`);
  }
  if (!(Number.isInteger(filters) && filters >= 1 && filters <= 256)) {
    throw new RangeError(`filters must be an integer from 1 to 256, got ${filters}`);
  }
}

/** Seeded Glorot-uniform start (weights and biases from the same range, as the MLP's). */
export function initialCnnParameters(image: ImageShape, f: number, k: number, seed: number): Float64Array {
  const { pooled, offsets, size } = layout(image, f, k);
  const random = createRandom(seed, STREAM_INIT);
  const params = new Float64Array(size);
  fillGlorot(params, random, offsets.Wc, offsets.Wd, TAPS, f); // Wc and bc
  fillGlorot(params, random, offsets.Wd, size, pooled, k); // Wd and bd
  return params;
}

/** The (N·H·W, 9) matrix of each pixel's 3×3 neighbourhood, zero outside the image. */
export function imagePatches(x: Float32Array, n: number, image: ImageShape): Float32Array {
  const { height: h, width: w } = image;
  const out = new Float32Array(n * h * w * TAPS);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const base = i * h * w;
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        for (let dr = -1; dr <= 1; dr++) {
          for (let dc = -1; dc <= 1; dc++) {
            const rr = r + dr;
            const cc = c + dc;
            out[at++] = rr >= 0 && rr < h && cc >= 0 && cc < w ? x[base + rr * w + cc]! : 0;
          }
        }
      }
    }
  }
  return out;
}

/** Logits (N, K) from patches (N·H·W, 9) and the four parameter tensors. */
function forward(
  patches: tf.Tensor2D,
  n: number,
  image: ImageShape,
  f: number,
  p: { Wc: tf.Tensor2D; bc: tf.Tensor1D; Wd: tf.Tensor2D; bd: tf.Tensor1D },
): tf.Tensor2D {
  const { height: h, width: w } = image;
  const maps = tf.relu(tf.add(tf.matMul(patches, p.Wc), p.bc)); // (N·H·W, F)
  const pooled = tf.max(tf.reshape(maps, [n * (h / 2), 2, w / 2, 2, f]), [1, 3]); // (N·H/2, W/2, F): each window's maximum
  return tf.add(tf.matMul(tf.reshape(pooled, [n, (h / 2) * (w / 2) * f]), p.Wd), p.bd);
}

function split(params: tf.Tensor1D, image: ImageShape, f: number, k: number) {
  const { pooled, offsets, size } = layout(image, f, k);
  return {
    Wc: tf.reshape(tf.slice(params, offsets.Wc, TAPS * f), [TAPS, f]) as tf.Tensor2D,
    bc: tf.slice(params, offsets.bc, f),
    Wd: tf.reshape(tf.slice(params, offsets.Wd, pooled * k), [pooled, k]) as tf.Tensor2D,
    bd: tf.slice(params, offsets.bd, size - offsets.bd),
  };
}

/**
 * Cross-entropy plus (alpha / 2N)(‖Wc‖² + ‖Wd‖²), with its gradient by
 * backpropagation written out (checked against finite differences in
 * test/model/cnn.test.ts). The products run in TF.js; ReLU, pooling, the
 * routing of the pooled gradient back to each window's maximum, and the
 * transposes run here over typed arrays (as TF.js ops on the wasm backend
 * they took most of the time: about 70 ms per evaluation on 500 digits,
 * against about 9 ms now).
 * With G = (P − Y) the logits' gradient times N: ∂Wd = Mᵀ·G, ∂M = G·Wdᵀ,
 * ∂Z is ∂M at each window's maximum where it is positive (ReLU) and 0
 * elsewhere, ∂Wc = patchesᵀ·∂Z; biases are the column sums.
 */
export function cnnObjective(
  data: LabelledMatrix,
  image: ImageShape,
  filters: number,
  alpha: number,
): TrainingObjective {
  const { n, classes: k } = data;
  if (n === 0) throw new RangeError('cannot train on 0 examples');
  checkShape(data, image, filters);
  const f = filters;
  const { height: h, width: w } = image;
  const { pooled, offsets, size } = layout(image, f, k);
  const patchValues = imagePatches(data.x, n, image);
  const patches = tf.tensor2d(patchValues, [n * h * w, TAPS]);
  const Y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(data.y, 'int32'), k), 'float32') as tf.Tensor2D);
  /** M (N, H/2 · W/2 · F): each window's largest ReLU output; `from`: the row of Z it came from (−1: all ≤ 0). */
  const M = new Float32Array(n * pooled);
  const from = new Int32Array(n * pooled);
  const wc = new Float32Array(TAPS * f);
  const bc = new Float32Array(f);
  const gradWc = new Float64Array(TAPS * f);
  const gradBc = new Float64Array(f);
  const wd = new Float32Array(pooled * k);
  const wdT = new Float32Array(k * pooled);
  const bd = new Float32Array(k);
  const G = new Float32Array(n * k);
  const GT = new Float32Array(k * n);
  const gradBd = new Float64Array(k);
  const objective: Objective = (p, grad) => {
    for (let i = 0; i < TAPS * f; i++) wc[i] = p[offsets.Wc + i]!;
    for (let i = 0; i < f; i++) bc[i] = p[offsets.bc + i]!;
    const Z = take(tf.tidy(() => tf.add(tf.matMul(patches, tf.tensor2d(wc, [TAPS, f])), tf.tensor1d(bc))));
    pool(Z as Float32Array, n, image, f, M, from);
    // The dense layer. Its products are plain ones (no transposed operand: slow on wasm), the transposes made here.
    for (let i = 0; i < pooled * k; i++) wd[i] = p[offsets.Wd + i]!;
    for (let c = 0; c < k; c++) bd[c] = p[offsets.bd + c]!;
    for (let i = 0; i < pooled; i++) for (let c = 0; c < k; c++) wdT[c * pooled + i] = wd[i * k + c]!;
    const flat = tf.tensor2d(M, [n, pooled]);
    let probs: Float32Array;
    let gradWdT: Float32Array;
    let gradM: Float32Array;
    try {
      probs = take(
        tf.tidy(() => tf.softmax(tf.add(tf.matMul(flat, tf.tensor2d(wd, [pooled, k])), tf.tensor1d(bd)))),
      ) as Float32Array;
      gradBd.fill(0);
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < k; c++) {
          const g = probs[r * k + c]! - (data.y[r] === c ? 1 : 0); // (P − Y), times N
          G[r * k + c] = g;
          GT[c * n + r] = g;
          gradBd[c]! += g;
        }
      }
      const [gradWdTt, gradMt] = tf.tidy(() => [
        tf.matMul(tf.tensor2d(GT, [k, n]), flat),
        tf.matMul(tf.tensor2d(G, [n, k]), tf.tensor2d(wdT, [k, pooled])),
      ]);
      gradWdT = take(gradWdTt!) as Float32Array;
      gradM = take(gradMt!) as Float32Array;
    } finally {
      flat.dispose();
    }
    gradConv(gradM, from, patchValues, f, gradWc, gradBc);
    for (let i = 0; i < TAPS * f; i++) grad[offsets.Wc + i] = gradWc[i]!;
    for (let i = 0; i < f; i++) grad[offsets.bc + i] = gradBc[i]!;
    for (let i = 0; i < pooled; i++)
      for (let c = 0; c < k; c++) grad[offsets.Wd + i * k + c] = gradWdT[c * pooled + i]!;
    for (let i = 0; i < k; i++) grad[offsets.bd + i] = gradBd[i]!;
    for (let i = 0; i < size; i++) grad[i]! /= n;
    return penalizedLoss(probs, data.y, k, p, grad, alpha, [
      [offsets.Wc, offsets.bc],
      [offsets.Wd, offsets.bd],
    ]);
  };
  return {
    size,
    objective,
    dispose() {
      patches.dispose();
      Y.dispose();
    },
  };
}

/** ∂Wc (9, F) and ∂bc (F), times N: each pooled gradient times the patch of the pixel its maximum came from. */
function gradConv(
  gradM: Float32Array,
  from: Int32Array,
  patches: Float32Array,
  f: number,
  gradWc: Float64Array,
  gradBc: Float64Array,
): void {
  gradWc.fill(0);
  gradBc.fill(0);
  for (let j0 = 0; j0 < gradM.length; j0 += f) {
    for (let c = 0; c < f; c++) {
      const row = from[j0 + c]!;
      if (row < 0) continue;
      const g = gradM[j0 + c]!;
      gradBc[c]! += g;
      const at = row * TAPS;
      for (let t = 0; t < TAPS; t++) gradWc[t * f + c]! += patches[at + t]! * g;
    }
  }
}

/**
 * ReLU and 2×2 max pooling of Z (N·H·W, F) into M (N, H/2, W/2, F), with the
 * row of Z each maximum came from (the first in the window on a tie; −1
 * where the whole window is ≤ 0, so ReLU passes no gradient).
 */
function pool(Z: Float32Array, n: number, image: ImageShape, f: number, M: Float32Array, from: Int32Array): void {
  const { height: h, width: w } = image;
  let j = 0;
  for (let i = 0; i < n; i++) {
    for (let pr = 0; pr < h / 2; pr++) {
      for (let pc = 0; pc < w / 2; pc++) {
        const top = i * h * w + 2 * pr * w + 2 * pc;
        const rows = [top, top + 1, top + w, top + w + 1] as const;
        const [a, b, c2, d] = [rows[0] * f, rows[1] * f, rows[2] * f, rows[3] * f];
        for (let c = 0; c < f; c++, j++) {
          // The first largest positive response of the window, as a row of Z; −1 when none is positive.
          let best = 0;
          let at = -1;
          const za = Z[a + c]!;
          const zb = Z[b + c]!;
          const zc = Z[c2 + c]!;
          const zd = Z[d + c]!;
          if (za > best) {
            best = za;
            at = rows[0];
          }
          if (zb > best) {
            best = zb;
            at = rows[1];
          }
          if (zc > best) {
            best = zc;
            at = rows[2];
          }
          if (zd > best) {
            best = zd;
            at = rows[3];
          }
          M[j] = best;
          from[j] = at;
        }
      }
    }
  }
}

export async function fitCnn(data: LabelledMatrix, options: CnnOptions): Promise<FitResult> {
  const { classes: k } = data;
  const f = options.filters ?? 16;
  const objective = cnnObjective(data, options.image, f, options.alpha ?? 1);
  return train(
    objective,
    initialCnnParameters(options.image, f, k, options.seed),
    {
      maxIterations: options.maxIterations ?? 1000,
      gradientTolerance: 1e-4,
      improvementTolerance: 1e-3,
      improvementWindow: 10,
    },
    options,
    (p) => cnnClassifier(p, options.image, f, k),
  );
}

function cnnClassifier(params: Float32Array, image: ImageShape, f: number, k: number): Classifier {
  const weights = tf.tidy(() => split(tf.tensor1d(params), image, f, k));
  const logits = (x: Float32Array, n: number) =>
    forward(tf.tensor2d(imagePatches(x, n, image), [n * image.height * image.width, TAPS]), n, image, f, weights);
  return tensorClassifier('cnn', k, logits, [weights.Wc, weights.bc, weights.Wd, weights.bd]);
}
