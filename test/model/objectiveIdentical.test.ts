/**
 * The training objectives are written for the wasm backend's speed
 * (src/model/logreg.ts, src/model/mlp.ts); every lesson's numbers rest on
 * them computing exactly what the plain formulation computes. Here the plain
 * formulation — the TF.js ops as the textbook writes them: X₁·P, a concat for
 * H's column of ones, transposed products for the gradients, a gather for the
 * loss — is the reference, and the loss and every gradient entry must be
 * equal bit for bit (a 0 may differ in sign only), at random parameters and
 * along a real fit, for data sets wider and longer than the backend's blocks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/model/backend.ts';
import { logRegObjective } from '../../src/model/logreg.ts';
import { initialMlpParameters, mlpObjective } from '../../src/model/mlp.ts';
import { SMALLEST_PROBABILITY } from '../../src/model/objective.ts';
import { hasWasmTransposedProduct, matMulTransposeA, matMulTransposeAJs } from '../../src/model/transposedProduct.ts';
import type { TrainingObjective } from '../../src/model/objective.ts';
import { Lbfgs } from '../../src/engine/lbfgs.ts';
import { createRandom } from '../../src/engine/random.ts';
import type { LabelledMatrix } from '../../src/engine/types.ts';

/** Image-like rows: values in [0, 1], a third of them exactly 0. */
function imageLike(n: number, d: number, k: number, seed: number): LabelledMatrix {
  const random = createRandom(seed);
  const x = Float32Array.from({ length: n * d }, () => (random() < 1 / 3 ? 0 : random()));
  const y = Int32Array.from({ length: n }, () => Math.floor(random() * k));
  return { x, y, n, d, classes: k };
}

function plainTensors(data: LabelledMatrix) {
  const { n, d, classes: k } = data;
  const x1 = new Float32Array(n * (d + 1));
  for (let i = 0; i < n; i++) {
    x1.set(data.x.subarray(i * d, (i + 1) * d), i * (d + 1));
    x1[i * (d + 1) + d] = 1;
  }
  const X1 = tf.tensor2d(x1, [n, d + 1]);
  return {
    X1,
    X1T: tf.transpose(X1),
    Y: tf.cast(tf.oneHot(tf.tensor1d(data.y, 'int32'), k), 'float32') as tf.Tensor2D,
    labelAt: tf.tensor1d(
      Int32Array.from(data.y, (y, i) => i * k + y),
      'int32',
    ),
  };
}

function plainLoss(values: ArrayLike<number>, from: number, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum -= Math.log(Math.max(values[from + i]!, SMALLEST_PROBABILITY));
  return sum / n;
}

/** The logistic regression's objective as first written: X₁·P, X₁ᵀ·G, a gather, a concat. */
function plainLogReg(data: LabelledMatrix, C: number) {
  const { n, d, classes: k } = data;
  const { X1, X1T, Y, labelAt } = plainTensors(data);
  const size = (d + 1) * k;
  const p32 = new Float32Array(size);
  return (p: Float64Array, grad: Float64Array) => {
    for (let i = 0; i < size; i++) p32[i] = p[i]!;
    const values = tf
      .tidy(() => {
        const probs = tf.softmax(tf.matMul(X1, tf.tensor2d(p32, [d + 1, k])));
        return tf.concat([
          tf.reshape(tf.matMul(X1T, tf.sub(probs, Y)), [-1]),
          tf.gather(tf.reshape(probs, [-1]), labelAt),
        ]);
      })
      .dataSync();
    const lambda = 1 / (C * n);
    let squared = 0;
    for (let i = 0; i < size; i++) grad[i] = values[i]! / n;
    for (let i = 0; i < d * k; i++) {
      squared += p[i]! * p[i]!;
      grad[i]! += lambda * p[i]!;
    }
    return plainLoss(values, size, n) + 0.5 * lambda * squared;
  };
}

/** The MLP's objective as first written: a concat for H₁, transposed products for G2·W2ᵀ and H₁ᵀ·G2. */
function plainMlp(data: LabelledMatrix, h: number, alpha: number) {
  const { n, d, classes: k } = data;
  const { X1, X1T, Y, labelAt } = plainTensors(data);
  const ones = tf.ones([n, 1]);
  const o = { W1: 0, b1: d * h, W2: d * h + h, b2: d * h + h + h * k };
  const size = o.b2 + k;
  const p32 = new Float32Array(size);
  return (p: Float64Array, grad: Float64Array) => {
    for (let i = 0; i < size; i++) p32[i] = p[i]!;
    const values = tf
      .tidy(() => {
        const P1 = tf.tensor2d(p32.subarray(o.W1, o.W2), [d + 1, h]);
        const W2 = tf.tensor2d(p32.subarray(o.W2, o.b2), [h, k]);
        const P2 = tf.tensor2d(p32.subarray(o.W2, size), [h + 1, k]);
        const H = tf.relu(tf.matMul(X1, P1));
        const H1 = tf.concat([H, ones], 1);
        const probs = tf.softmax(tf.matMul(H1, P2));
        const G2 = tf.sub(probs, Y);
        const G1 = tf.mul(tf.matMul(G2, W2, false, true), tf.step(H));
        return tf.concat([
          tf.reshape(tf.matMul(X1T, G1), [-1]),
          tf.reshape(tf.matMul(H1, G2, true, false), [-1]),
          tf.gather(tf.reshape(probs, [-1]), labelAt),
        ]);
      })
      .dataSync();
    const lambda = alpha / n;
    let squared = 0;
    for (let i = 0; i < size; i++) grad[i] = values[i]! / n;
    for (const [start, end] of [
      [o.W1, o.b1],
      [o.W2, o.b2],
    ] as const) {
      for (let i = start; i < end; i++) {
        squared += p[i]! * p[i]!;
        grad[i]! += lambda * p[i]!;
      }
    }
    return plainLoss(values, size, n) + 0.5 * lambda * squared;
  };
}

/** Positions where two gradients differ (a 0 of either sign counts as equal). */
function differences(a: Float64Array, b: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) out.push(i);
  return out;
}

/** Compares the objectives at `points` and along `steps` L-BFGS iterations from `start`. */
function expectIdentical(
  fast: TrainingObjective,
  plain: (p: Float64Array, g: Float64Array) => number,
  points: Float64Array[],
  start: Float64Array,
  steps: number,
) {
  const g1 = new Float64Array(fast.size);
  const g2 = new Float64Array(fast.size);
  const compare = (p: Float64Array) => {
    const f1 = fast.objective(p, g1);
    const f2 = plain(p, g2);
    expect(f1).toBe(f2);
    expect(differences(g1, g2)).toEqual([]);
  };
  for (const p of points) compare(p);
  // Along a fit: the optimizer only ever sees what the objective returns.
  const optimizer = new Lbfgs((p, g) => {
    compare(p);
    return fast.objective(p, g);
  }, start);
  for (let i = 0; i < steps && !optimizer.done; i++) optimizer.step();
  expect(optimizer.state.iterations).toBeGreaterThan(0);
}

function randomParams(size: number, seed: number, scale: number): Float64Array {
  const random = createRandom(seed, 7);
  return Float64Array.from({ length: size }, () => (2 * random() - 1) * scale);
}

describe('the fast objectives equal the plain formulation bit for bit (wasm)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('matMulTransposeA (WebAssembly SIMD, and its JavaScript fallback) equals tf.matMul(A, B, true, false) on wasm', () => {
    expect(hasWasmTransposedProduct()).toBe(true);
    for (const [n, p, q] of [
      [1, 3, 2],
      [48, 5, 4],
      [49, 7, 10],
      [500, 65, 10],
      [131, 257, 10],
    ] as const) {
      const random = createRandom(n * 1000 + p, 3);
      const a = Float32Array.from({ length: n * p }, () => (random() < 0.4 ? 0 : random() * 4 - 2));
      const b = Float32Array.from({ length: n * q }, () => random() * 2 - 1);
      const expected = tf.tidy(() => tf.matMul(tf.tensor2d(a, [n, p]), tf.tensor2d(b, [n, q]), true, false).dataSync());
      const wasm = matMulTransposeA(a, b, n, p, q, new Float32Array(p * q));
      expect(differences(Float64Array.from(wasm), Float64Array.from(expected))).toEqual([]);
      const js = matMulTransposeAJs(a, b, n, p, q, new Float32Array(p * q));
      expect(differences(Float64Array.from(js), Float64Array.from(expected))).toEqual([]);
    }
  });

  it('logistic regression: loss and gradient, at random points and along a fit', () => {
    for (const [n, d, k, C] of [
      [130, 20, 4, 1],
      [600, 65, 10, 0.1],
    ] as const) {
      const data = imageLike(n, d, k, n);
      const fast = logRegObjective(data, C);
      const points = [1, 2].map((seed) => randomParams(fast.size, seed, 0.5));
      expectIdentical(fast, plainLogReg(data, C), points, new Float64Array(fast.size), 15);
      fast.dispose();
    }
  });

  it('the fast objectives leave no tensors behind', () => {
    const data = imageLike(60, 6, 3, 1);
    const before = tf.memory().numTensors;
    for (const objective of [logRegObjective(data, 1), mlpObjective(data, 4, 1)]) {
      objective.objective(randomParams(objective.size, 3, 0.5), new Float64Array(objective.size));
      objective.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('MLP: loss and gradient, at random points and along a fit from its seeded start', () => {
    for (const [n, d, k, h, alpha] of [
      [97, 9, 3, 5, 0.01],
      [500, 64, 10, 64, 1],
      [333, 64, 10, 256, 3],
    ] as const) {
      const data = imageLike(n, d, k, n + h);
      const fast = mlpObjective(data, h, alpha);
      const points = [1, 2].map((seed) => randomParams(fast.size, seed, 0.3));
      expectIdentical(fast, plainMlp(data, h, alpha), points, initialMlpParameters(d, h, k, 4), 15);
      fast.dispose();
    }
  });
});
