import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/model/backend.ts';
import { fitLogReg, linearClassifier } from '../../src/model/logreg.ts';
import { fitMlp, initialMlpParameters } from '../../src/model/mlp.ts';
import { generateToy } from '../../src/engine/toy2d.ts';
import { createRandom } from '../../src/engine/random.ts';
import type { LabelledMatrix } from '../../src/engine/types.ts';

const data: LabelledMatrix = generateToy({ shape: 'blobs', n: 90, classes: 3, random: createRandom(5) });

describe('fitLogReg (wasm backend)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('fitLogReg(data) converges: max |gradient| at the optimum within the tolerance', async () => {
    const fit = await fitLogReg(data, { seed: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.stopReason).toBe('gradient');
    expect(fit.gradientMax).toBeLessThanOrEqual(1e-4);
    fit.classifier.dispose();
  });

  it('fitLogReg(data) is deterministic: same data, same loss, iterations and predictions', async () => {
    const a = await fitLogReg(data, { seed: 0 });
    const b = await fitLogReg(data, { seed: 1 });
    expect(a.loss).toBe(b.loss);
    expect(a.iterations).toBe(b.iterations);
    expect(Array.from(a.classifier.predictProba(data.x, data.n))).toEqual(
      Array.from(b.classifier.predictProba(data.x, data.n)),
    );
    a.classifier.dispose();
    b.classifier.dispose();
  });

  it('fitLogReg with C ≤ 0 or no rows throws a RangeError naming the problem', async () => {
    await expect(fitLogReg(data, { seed: 0, C: 0 })).rejects.toThrow(/C must be positive/);
    await expect(
      fitLogReg({ ...data, n: 0, x: new Float32Array(0), y: new Int32Array(0) }, { seed: 0 }),
    ).rejects.toThrow(/0 examples/);
  });

  it('fitLogReg stops when its AbortSignal fires, leaving no tensors', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    controller.abort();
    await expect(fitLogReg(data, { seed: 0, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    let ticks = 0;
    const late = new AbortController();
    const promise = fitLogReg(data, {
      seed: 0,
      signal: late.signal,
      yieldEveryMs: 0,
      onProgress: () => {
        if (++ticks === 2) late.abort();
      },
    });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(ticks).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('linearClassifier(W, b) predicts argmax(xW + b)', () => {
    const clf = linearClassifier(Float32Array.from([1, 0, 0, 1]), Float32Array.from([0, 0.5]), 2, 2);
    expect(Array.from(clf.predict(Float32Array.from([2, 0, 0, 2, 0, 0]), 3))).toEqual([0, 1, 1]);
    clf.dispose();
  });
});

describe('fitMlp (wasm backend)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('initialMlpParameters(d, h, k, seed) is seeded Glorot-uniform: same seed same draw, within ±√(6/(fan_in+fan_out))', () => {
    const a = initialMlpParameters(2, 4, 3, 7);
    expect(Array.from(a)).toEqual(Array.from(initialMlpParameters(2, 4, 3, 7)));
    expect(Array.from(a)).not.toEqual(Array.from(initialMlpParameters(2, 4, 3, 8)));
    const bound1 = Math.sqrt(6 / (2 + 4));
    expect(a.slice(0, 2 * 4 + 4).every((v) => Math.abs(v) <= bound1)).toBe(true);
    expect(a.length).toBe(2 * 4 + 4 + 4 * 3 + 3);
  });

  it('initialMlpParameters(d, h, k, seed, member) draws another start per member; member 0 is the single start', () => {
    const single = Array.from(initialMlpParameters(2, 4, 3, 7));
    expect(Array.from(initialMlpParameters(2, 4, 3, 7, 0))).toEqual(single);
    const second = Array.from(initialMlpParameters(2, 4, 3, 7, 1));
    expect(second).not.toEqual(single);
    expect(second).toEqual(Array.from(initialMlpParameters(2, 4, 3, 7, 1)));
    expect(second).not.toEqual(Array.from(initialMlpParameters(2, 4, 3, 7, 2)));
  });

  it('fitMlp fits a non-linear shape (moons) that logistic regression cannot', async () => {
    const moons = generateToy({ shape: 'moons', n: 200, spread: 0.1, random: createRandom(2) });
    const mlp = await fitMlp(moons, { seed: 0, hidden: 16 });
    const lr = await fitLogReg(moons, { seed: 0 });
    const acc = (p: Int32Array) => p.filter((v, i) => v === moons.y[i]).length / moons.n;
    expect(acc(mlp.classifier.predict(moons.x, moons.n))).toBeGreaterThan(0.97);
    expect(acc(lr.classifier.predict(moons.x, moons.n))).toBeLessThan(0.92);
    mlp.classifier.dispose();
    lr.classifier.dispose();
  });

  it('fitMlp is deterministic for a seed and differs across seeds', async () => {
    const a = await fitMlp(data, { seed: 3, hidden: 8, maxIterations: 30 });
    const b = await fitMlp(data, { seed: 3, hidden: 8, maxIterations: 30 });
    const c = await fitMlp(data, { seed: 4, hidden: 8, maxIterations: 30 });
    expect(a.loss).toBe(b.loss);
    expect(c.loss).not.toBe(a.loss);
    for (const f of [a, b, c]) f.classifier.dispose();
  });
});
