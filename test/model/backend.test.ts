import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, startBackend, timeBackends } from '../../src/model/backend.ts';
import { fitModel } from '../../src/model/fit.ts';
import { digitsSplit } from '../support/digitsSplit.ts';
import { accuracy } from '../../src/engine/metrics.ts';

describe('starting and timing backends (src/model/backend.ts), in Node', () => {
  afterAll(async () => {
    await initBackend('wasm');
  });

  it('a GPU backend Node cannot start falls back to WebAssembly, saying why', async () => {
    const started = await startBackend('webgpu');
    expect(started).toMatchObject({ name: 'wasm', requested: 'webgpu' });
    expect(started.fallbackReason).toMatch(/no WebGPU/);
    expect(tf.getBackend()).toBe('wasm');
    const plain = await startBackend('cpu');
    expect(plain).toMatchObject({ name: 'cpu', requested: 'cpu', fallbackReason: null });
  });

  it('timeBackends times each backend on the same job, and names the ones that cannot run', async () => {
    const timings = await timeBackends(['wasm', 'cpu', 'webgpu'], { evaluations: 2 });
    expect(timings.wasm).toEqual({ ms: expect.any(Number) });
    expect(timings.cpu).toEqual({ ms: expect.any(Number) });
    expect((timings.wasm as { ms: number }).ms).toBeGreaterThan(0);
    expect(timings.webgpu).toEqual({ error: expect.stringMatching(/no WebGPU/) });
  });

  it('the CLI’s two backends train the CNN to the same predictions, near enough (each deterministic)', async () => {
    const n = 200;
    const { train, test } = await digitsSplit(n);
    const run = async () => {
      const fit = await fitModel('cnn', train, { seed: 1, image: { height: 8, width: 8 }, filters: 4 });
      const predicted = fit.classifier.predict(test.x, n);
      fit.classifier.dispose();
      return predicted;
    };
    await initBackend('wasm');
    const onWasm = await run();
    expect(await run()).toEqual(onWasm);
    await initBackend('cpu');
    const onCpu = await run();
    expect(await run()).toEqual(onCpu);
    const agree = onWasm.filter((c, i) => c === onCpu[i]).length / n;
    expect(agree).toBeGreaterThan(0.9);
    expect(Math.abs(accuracy(onWasm, test.y) - accuracy(onCpu, test.y))).toBeLessThan(0.05);
  });
});
