import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/model/backend.ts';
import { cnnObjective, fitCnn, imagePatches, initialCnnParameters } from '../../src/model/cnn.ts';
import { fitModel } from '../../src/model/fit.ts';
import { createRandom } from '../../src/engine/random.ts';
import { accuracy } from '../../src/engine/metrics.ts';
import type { LabelledMatrix } from '../../src/engine/types.ts';
import { gradientError } from '../support/gradientCheck.ts';
import { digitsSplit } from '../support/digitsSplit.ts';

/** Random 4×4 "images" in 3 classes. */
function images(n: number, seed: number, side = 4): LabelledMatrix {
  const random = createRandom(seed);
  const d = side * side;
  return {
    n,
    d,
    classes: 3,
    x: Float32Array.from({ length: n * d }, () => random()),
    y: Int32Array.from({ length: n }, (_, i) => i % 3),
  };
}

/** The objective at `params` in float64, from the definition: conv 3×3 'same' → ReLU → 2×2 max → dense → softmax CE + L2. */
function reference(params: Float64Array, m: LabelledMatrix, side: number, f: number, alpha: number): number {
  const k = m.classes;
  const half = side / 2;
  const pooled = half * half * f;
  const wc = (t: number, c: number) => params[t * f + c]!;
  const bc = (c: number) => params[9 * f + c]!;
  const wdAt = 9 * f + f;
  const bdAt = wdAt + pooled * k;
  let ce = 0;
  for (let i = 0; i < m.n; i++) {
    const px = (r: number, c: number) =>
      r < 0 || c < 0 || r >= side || c >= side ? 0 : m.x[i * side * side + r * side + c]!;
    const feature: number[] = [];
    for (let pr = 0; pr < half; pr++) {
      for (let pc = 0; pc < half; pc++) {
        for (let c = 0; c < f; c++) {
          let best = 0;
          for (let q = 0; q < 4; q++) {
            const r = 2 * pr + (q >> 1);
            const col = 2 * pc + (q & 1);
            let z = bc(c);
            for (let t = 0; t < 9; t++) z += px(r + Math.floor(t / 3) - 1, col + (t % 3) - 1) * wc(t, c);
            best = Math.max(best, z);
          }
          feature.push(best);
        }
      }
    }
    const z = Array.from({ length: k }, (_, c) =>
      feature.reduce((s, v, j) => s + v * params[wdAt + j * k + c]!, params[bdAt + c]!),
    );
    const max = Math.max(...z);
    ce += max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0)) - z[m.y[i]!]!;
  }
  let squared = 0;
  for (let i = 0; i < 9 * f; i++) squared += params[i]! ** 2;
  for (let i = wdAt; i < bdAt; i++) squared += params[i]! ** 2;
  return ce / m.n + (alpha / (2 * m.n)) * squared;
}

describe('the small CNN (src/model/cnn.ts)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('imagePatches holds each pixel’s 3×3 neighbourhood, zero outside the image', () => {
    const x = Float32Array.from({ length: 16 }, (_, i) => i + 1); // one 4×4 image: 1…16
    const patches = imagePatches(x, 1, { height: 4, width: 4 });
    expect(Array.from(patches.subarray(0, 9))).toEqual([0, 0, 0, 0, 1, 2, 0, 5, 6]); // the top-left pixel
    expect(Array.from(patches.subarray(5 * 9, 6 * 9))).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11]); // row 1, column 1
  });

  it('its loss equals the definition computed in float64, and its gradient matches central differences', () => {
    const data = images(12, 1);
    const objective = cnnObjective(data, { height: 4, width: 4 }, 3, 0.5);
    const random = createRandom(2);
    const params = Float64Array.from({ length: objective.size }, () => (2 * random() - 1) * 0.5);
    expect(objective.objective(params, new Float64Array(objective.size))).toBeCloseTo(
      reference(params, data, 4, 3, 0.5),
      5,
    );
    expect(gradientError(objective, params)).toBeLessThan(2e-3);
    objective.dispose();
  });

  it('refuses shapes it cannot pool, and leaves no tensors behind', async () => {
    const data = images(6, 3);
    expect(() => cnnObjective(data, { height: 3, width: 3 }, 4, 1)).toThrow(/even image height and width/);
    expect(() => cnnObjective(data, { height: 4, width: 2 }, 4, 1)).toThrow(/needs 8 columns, the data has 16/);
    expect(() => cnnObjective(data, { height: 4, width: 4 }, 0, 1)).toThrow(/filters must be an integer/);
    expect(() => fitModel('cnn', data, { seed: 0 })).toThrow(/needs the images' height and width/);
    expect(() => fitModel('mlp', data, { seed: 0, filters: 4 })).toThrow(/filters needs model cnn/);
    const before = tf.memory().numTensors;
    const fit = await fitCnn(data, { seed: 0, image: { height: 4, width: 4 }, filters: 2, maxIterations: 5 });
    fit.classifier.predict(data.x, data.n);
    fit.classifier.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('learns handwritten digits, deterministically for a seed, and its start depends on the seed', async () => {
    const n = 300;
    const { train, test } = await digitsSplit(n);
    const image = { height: 8, width: 8 };
    const run = async () => {
      const fit = await fitModel('cnn', train, { seed: 4, image, filters: 8 });
      const predicted = fit.classifier.predict(test.x, n);
      fit.classifier.dispose();
      return { accuracy: accuracy(predicted, test.y), converged: fit.converged, iterations: fit.iterations };
    };
    const first = await run();
    expect(first.converged).toBe(true);
    expect(first.accuracy).toBeGreaterThan(0.75); // chance is 0.1; 300 clean digits
    expect(await run()).toEqual(first);
    expect(initialCnnParameters(image, 8, 10, 4)).not.toEqual(initialCnnParameters(image, 8, 10, 5));
  });
});
