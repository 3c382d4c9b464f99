import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createCodeApi } from '../../src/workers/codeApi.ts';
import { createLab } from '../../src/workers/codeLab.ts';
import { TrialPreparer, type TrialData } from '../../src/engine/trial.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { initBackend } from '../../src/model/backend.ts';
import type { CodeApi, CodeRunResult } from '../../src/workers/codeProtocol.ts';

/** A small dense model on digits (64 features, 10 classes) with seeded initial weights. */
const DENSE = `tf.sequential({ layers: [
  tf.layers.dense({ inputShape: [64], units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
  tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
] })`;

const value = (result: CodeRunResult): unknown => {
  if (!result.ok) throw new Error(`run failed: ${result.failure.message} (line ${result.failure.line})`);
  return result.value.kind === 'json' ? JSON.parse(result.value.json) : result.value;
};

describe('tf and lab.fit in code cells (Node, wasm)', () => {
  let api: CodeApi;
  beforeAll(async () => {
    api = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
    await api.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
  });
  afterEach(() => vi.restoreAllMocks());

  it('code sees tf: the same TF.js engine and backend as the lab (wasm)', async () => {
    const result = await api.run('return { backend: tf.getBackend(), sum: tf.tensor([1, 2, 3]).sum().dataSync()[0] }');
    expect(value(result)).toEqual({ backend: 'wasm', sum: 6 });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('a returned tensor shows its values; a printed one prints as TF.js prints it', async () => {
    const matrix = await api.run('print(tf.tensor([1, 2]));\nreturn tf.tensor2d([[1, 2], [3, 4]]);');
    expect(value(matrix)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(matrix.logs).toEqual(['Tensor\n    [1, 2]']);
    expect(value(await api.run('return tf.scalar(3).add(4);'))).toMatchObject({ kind: 'number', value: 7 });
  });

  it('lab.fit trains on exactly the rows and labels lab.train uses (same seed, size, noise) and the same test set', async () => {
    await initBackend('wasm');
    const lab = createLab({ loadDataset: (name) => loadDatasetFile(name) });
    const prepared: TrialData[] = [];
    const real = TrialPreparer.prototype.prepare;
    vi.spyOn(TrialPreparer.prototype, 'prepare').mockImplementation(function (this: TrialPreparer, spec) {
      const data = real.call(this, spec);
      prepared.push(data);
      return data;
    });
    const options = { dataset: 'digits', size: 150, noise: 0.3, seed: 7 } as const;
    const trained = await lab.train(options);
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [64], units: 10, activation: 'softmax' })],
    });
    const fitted = await lab.fit(model, { ...options, epochs: 2, verbose: 0 });
    model.dispose();
    expect(prepared).toHaveLength(2);
    const [a, b] = prepared as [TrialData, TrialData];
    expect(b.train.n).toBe(150);
    expect(Array.from(b.train.x)).toEqual(Array.from(a.train.x));
    expect(Array.from(b.train.y)).toEqual(Array.from(a.train.y));
    expect(Array.from(b.flipped)).toEqual(Array.from(a.flipped));
    expect(b.flipped.length).toBeGreaterThan(0);
    expect(b.test).toBe(a.test);
    // Both report against the clean test set and the noisy one.
    expect(trained.accuracyNoisyTest).not.toBeNull();
    expect(fitted.accuracyNoisyTest).not.toBeNull();
    expect(fitted.accuracy).toBeGreaterThan(0);
    expect(fitted.accuracy).toBeLessThanOrEqual(1);
  });

  it('lab.fit returns test and train accuracy, the epochs and the history; prints a line per epoch', async () => {
    const result = await api.run(
      `const model = ${DENSE};\nreturn await lab.fit(model, { dataset: 'digits', size: 200, seed: 1, epochs: 3 });`,
    );
    const r = value(result) as Record<string, unknown>;
    expect(r.epochs).toBe(3);
    expect(r.accuracy).toBeGreaterThan(0.2);
    expect(r.accuracyNoisyTest).toBeNull();
    expect((r.history as { loss: number[] }).loss).toHaveLength(3);
    expect((r.history as { acc: number[] }).acc).toHaveLength(3);
    expect(result.logs.filter((l) => /^epoch \d\/3: loss [\d.]+, acc [\d.]+$/.test(l))).toHaveLength(3);
  });

  it('a fit is seeded: the same code gives the same numbers', async () => {
    const code = `const model = ${DENSE};\nconst r = await lab.fit(model, { size: 200, noise: 0.2, seed: 4, epochs: 2, batchSize: 16, verbose: 0 });\nreturn [r.accuracy, r.history.loss];`;
    const [a, b] = [await api.run(code), await api.run(code)];
    expect(a.ok).toBe(true);
    expect(a).toEqual(b);
    const other = await api.run(code.replace('seed: 4', 'seed: 5'));
    expect(other).not.toEqual(a);
  });

  it('two fits at once (Promise.all) give each its sequential numbers, and Math.random is restored after', async () => {
    const fit = (seed: number) =>
      `(async () => { const model = ${DENSE}; const r = await lab.fit(model, { size: 200, noise: 0.2, seed: ${seed}, epochs: 2, batchSize: 16, verbose: 0 }); return [r.accuracy, r.history.loss]; })()`;
    const random: unknown = Reflect.get(Math, 'random');
    const one = value(await api.run(`return await ${fit(4)};`));
    const two = value(await api.run(`return await ${fit(5)};`));
    const both = value(await api.run(`return await Promise.all([${fit(4)}, ${fit(5)}]);`));
    expect(both).toEqual([one, two]);
    expect(Reflect.get(Math, 'random')).toBe(random);
  });

  it('images: a conv2d model with inputShape [14, 14, 1] trains on Fashion-MNIST 14×14', async () => {
    const result = await api.run(`const model = tf.sequential({ layers: [
  tf.layers.conv2d({ inputShape: [14, 14, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
  tf.layers.maxPooling2d({ poolSize: 2 }),
  tf.layers.flatten(),
  tf.layers.dense({ units: 10, activation: 'softmax' }),
] });
return (await lab.fit(model, { dataset: 'fashion', size: 100, epochs: 1, verbose: 0 })).accuracy;`);
    const v = value(result) as { kind: string; value: number };
    expect(v.kind).toBe('number');
    expect(v.value).toBeGreaterThan(0);
  });

  it('a model that does not fit the data set gets a message saying what to use', async () => {
    const wrongInput = await api.run(
      `return await lab.fit(tf.sequential({ layers: [tf.layers.dense({ inputShape: [64], units: 10 })] }), { dataset: 'fashion' });`,
    );
    expect(wrongInput.ok).toBe(false);
    expect(!wrongInput.ok && wrongInput.failure.message).toMatch(/input shape is \[64\].*\[196\] or \[14, 14, 1\]/);
    const wrongOutput = await api.run(
      `return await lab.fit(tf.sequential({ layers: [tf.layers.dense({ inputShape: [64], units: 3 })] }));`,
    );
    expect(!wrongOutput.ok && wrongOutput.failure.message).toMatch(/output shape is \[null, 3\].*units: 10/);
    const notAModel = await api.run(`return await lab.fit({ fit() {} });`);
    expect(!notAModel.ok && notAModel.failure.message).toMatch(/must be a TF\.js model/);
    const badOption = await api.run(`return await lab.fit(${DENSE}, { epoch: 3 });`);
    expect(!badOption.ok && badOption.failure.message).toMatch(/unknown option "epoch"/);
  });

  describe('no tensors left behind', () => {
    const fit = (extra: string) =>
      `const model = ${DENSE};\nconst kept = tf.ones([5, 5]);\nawait lab.fit(model, { size: 100, epochs: 3, verbose: 0${extra} });`;

    it('after a run that trains a model and leaves tensors and variables around', async () => {
      const before = tf.memory().numTensors;
      const result = await api.run(
        `${fit('')}\nconst v = tf.variable(tf.zeros([3]));\nreturn kept.sum().dataSync()[0];`,
      );
      expect(value(result)).toMatchObject({ kind: 'number', value: 25 });
      expect(tf.memory().numTensors).toBe(before);
    });

    it('after a run that throws during the fit', async () => {
      const before = tf.memory().numTensors;
      const result = await api.run(fit(", onEpoch: (e) => { if (e === 2) throw new Error('stop here'); }"));
      expect(!result.ok && result.failure.message).toBe('Error: stop here');
      expect(tf.memory().numTensors).toBe(before);
    });

    it('after a fit stopped early (model.stopTraining)', async () => {
      const before = tf.memory().numTensors;
      const result = await api.run(
        `${fit(', onEpoch: (e) => { if (e === 1) model.stopTraining = true; }').replace(
          'await lab.fit',
          'return await lab.fit',
        )}`,
      );
      expect((value(result) as { epochs: number }).epochs).toBe(1);
      expect(tf.memory().numTensors).toBe(before);
    });

    it('after a run that throws outside the fit, and after the lab’s own training', async () => {
      const before = tf.memory().numTensors;
      const thrown = await api.run(`const m = ${DENSE};\ntf.randomNormal([10, 10]);\nthrow new Error('bad');`);
      expect(thrown.ok).toBe(false);
      const trained = await api.run(`return (await lab.train({ size: 100, model: 'mlp' })).accuracy;`);
      expect(trained.ok).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});

describe('kernels the wasm backend lacks (bridged from cpu)', () => {
  it('conv2d and depthwise conv gradients on wasm equal those on cpu', async () => {
    const grads = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(
          Array.from({ length: 2 * 5 * 5 * 2 }, (_, i) => Math.sin(i)),
          [2, 5, 5, 2],
        );
        const f = tf.tensor4d(
          Array.from({ length: 3 * 3 * 2 * 3 }, (_, i) => Math.cos(i)),
          [3, 3, 2, 3],
        );
        const d = tf.tensor4d(
          Array.from({ length: 3 * 3 * 2 * 1 }, (_, i) => Math.cos(2 * i)),
          [3, 3, 2, 1],
        );
        const [gx, gf] = tf.grads((a, b) =>
          tf
            .conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same')
            .square()
            .sum(),
        )([x, f]);
        const [sx, sf] = tf.grads((a, b) =>
          tf
            .conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'valid')
            .square()
            .sum(),
        )([x, f]);
        const [dx, df] = tf.grads((a, b) => tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid').sum())([
          x,
          d,
        ]);
        return [gx, gf, sx, sf, dx, df].map((g) => Array.from(g!.dataSync()));
      });
    await initBackend('cpu');
    const onCpu = grads();
    await initBackend('wasm');
    const onWasm = grads();
    expect(onWasm.length).toBe(6);
    onWasm.forEach((g, i) => g.forEach((v, j) => expect(v, `gradient ${i}, value ${j}`).toBeCloseTo(onCpu[i]![j]!, 3)));
    expect(tf.getBackend()).toBe('wasm');
  });
});

describe('usesTf(code): which runs load the full TF.js', () => {
  it('code naming tf loads it; code that does not (or names only tfx, x.tf) does not', async () => {
    const { usesTf } = await import('../../src/workers/codeRunTensors.ts');
    expect(usesTf('const m = tf.sequential();')).toBe(true);
    expect(usesTf('return typeof tf')).toBe(true);
    expect(usesTf('return (await lab.train({ size: 100 })).accuracy;')).toBe(false);
    expect(usesTf('const tfx = 1; return o.tf + tfx + $tf + tf_;')).toBe(false);
  });
});

describe('on the cpu backend too (Node)', () => {
  it('lab.fit trains and leaves no tensors when the worker runs on cpu', async () => {
    const api = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
    await expect(api.init({ backend: 'cpu', dataUrl: 'file:///unused/' })).resolves.toEqual({ backend: 'cpu' });
    try {
      const before = tf.memory().numTensors;
      const result = await api.run(
        `const model = ${DENSE};\nconst r = await lab.fit(model, { size: 100, epochs: 2, verbose: 0 });\nreturn { backend: tf.getBackend(), accuracy: r.accuracy };`,
      );
      const r = value(result) as { backend: string; accuracy: number };
      expect(r.backend).toBe('cpu');
      expect(r.accuracy).toBeGreaterThan(0);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      await initBackend('wasm');
    }
  });
});
