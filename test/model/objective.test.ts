import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/model/backend.ts';
import { logRegObjective } from '../../src/model/logreg.ts';
import { mlpObjective } from '../../src/model/mlp.ts';
import { gradientError } from '../support/gradientCheck.ts';
import { generateToy } from '../../src/engine/toy2d.ts';
import { createRandom } from '../../src/engine/random.ts';
import type { LabelledMatrix } from '../../src/engine/types.ts';

const data: LabelledMatrix = generateToy({ shape: 'blobs', n: 40, classes: 3, random: createRandom(9) });

function randomParams(size: number, seed: number, scale = 0.5): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: size }, () => (2 * random() - 1) * scale);
}

/** The logistic-regression objective in float64, from its definition. */
function logRegReference(params: Float64Array, m: LabelledMatrix, C: number): number {
  const { n, d, classes: k } = m;
  let ce = 0;
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: k }, (_, c) => {
      let s = params[d * k + c]!;
      for (let j = 0; j < d; j++) s += m.x[i * d + j]! * params[j * k + c]!;
      return s;
    });
    const max = Math.max(...z);
    ce += max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0)) - z[m.y[i]!]!;
  }
  let w2 = 0;
  for (let i = 0; i < d * k; i++) w2 += params[i]! ** 2;
  return ce / n + w2 / (2 * C * n);
}

describe('training objectives (loss and hand-written gradients in TF.js)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('logRegObjective(data, C) equals (1/N)ΣCE + ‖W‖²/(2CN) computed in float64, intercept unpenalized', () => {
    for (const C of [1, 0.1]) {
      const objective = logRegObjective(data, C);
      const params = randomParams(objective.size, 1);
      const loss = objective.objective(params, new Float64Array(objective.size));
      expect(loss).toBeCloseTo(logRegReference(params, data, C), 5);
      objective.dispose();
    }
  });

  it('logRegObjective gradient matches central differences', () => {
    const objective = logRegObjective(data, 1);
    expect(gradientError(objective, randomParams(objective.size, 2))).toBeLessThan(2e-3);
    objective.dispose();
  });

  it('mlpObjective gradient (backpropagation) matches central differences', () => {
    const objective = mlpObjective(data, 5, 1e-2);
    expect(gradientError(objective, randomParams(objective.size, 3))).toBeLessThan(2e-3);
    objective.dispose();
  });

  it('mlpObjective with a wrong hidden size throws, and objectives leave no tensors after dispose()', () => {
    expect(() => mlpObjective(data, 0, 1e-4)).toThrow(/hidden units must be a positive integer/);
    const before = tf.memory().numTensors;
    const objective = mlpObjective(data, 4, 1e-4);
    objective.objective(randomParams(objective.size, 4), new Float64Array(objective.size));
    objective.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
