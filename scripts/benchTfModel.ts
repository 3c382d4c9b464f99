/**
 * `npm run bench`, section 11: the reader's own TF.js model (issue 16) — the
 * small CNN of docs/lab-api.md ("Your own model") trained with `lab.fit` in a
 * code cell's API in Node (WebAssembly), beside the lab's MLP on the same
 * 1,000 Fashion-MNIST examples with 20% of the labels flipped; and lesson
 * 6's built-in CNN (lab.trainModel, model 'cnn') beside the MLP on 500
 * digits. Times are informational (a shared, noisy machine).
 */
import { createCodeApi } from '../src/workers/codeApi.ts';
import { loadDatasetFile } from '../src/cli/loadDatasetFile.ts';

export interface TfModelBench {
  /** The CNN's fit (`lab.fit`'s own `milliseconds`), per run. */
  readonly fitMs: number[];
  readonly cnnAccuracy: number;
  readonly mlpAccuracy: number;
  /** Tensors alive before and after the runs (the same when nothing leaks). */
  /** Lesson 6's built-in CNN (lab.trainModel, model 'cnn': 500 digits, 12% flipped, L-BFGS), per run. */
  readonly builtinCnnMs: number[];
  readonly builtinCnnAccuracy: number;
  /** The lab's MLP on the same data, per run, for scale. */
  readonly builtinMlpMs: number[];
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

const CODE = `
const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [14, 14, 1], filters: 8, kernelSize: 3, activation: 'relu' }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const options = { dataset: 'fashion', size: 1000, noise: 0.2, seed: 0 };
const cnn = await lab.fit(model, { ...options, epochs: 5, verbose: 0 });
const mlp = await lab.train({ ...options, model: 'mlp' });
return { ms: cnn.milliseconds, cnn: cnn.accuracy, mlp: mlp.accuracy, tensors: tf.memory().numTensors };
`;

export async function benchTfModel(runs = 3): Promise<TfModelBench> {
  const api = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
  await api.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
  const count = await api.run('return tf.memory().numTensors;');
  const before = count.ok && count.value.kind === 'number' ? count.value.value : NaN;
  const fitMs: number[] = [];
  let cnnAccuracy = NaN;
  let mlpAccuracy = NaN;
  const builtinCnnMs: number[] = [];
  const builtinMlpMs: number[] = [];
  let builtinCnnAccuracy = NaN;
  for (let i = 0; i < runs; i++) {
    // A new seed each run: the lab keeps fits it has made, and a kept fit takes no time.
    const builtin = await api.run(`
      const data = { dataset: 'digits', size: 500, noise: 0.12, seed: ${100 + i} };
      let t = performance.now();
      const cnn = await lab.trainModel({ ...data, model: 'cnn' });
      const cnnMs = performance.now() - t;
      t = performance.now();
      await lab.trainModel({ ...data, model: 'mlp' });
      return { cnnMs, mlpMs: performance.now() - t, accuracy: cnn.accuracy };`);
    if (!builtin.ok || builtin.value.kind !== 'json') throw new Error("the lab's CNN failed");
    const b = JSON.parse(builtin.value.json) as { cnnMs: number; mlpMs: number; accuracy: number };
    builtinCnnMs.push(b.cnnMs);
    builtinMlpMs.push(b.mlpMs);
    builtinCnnAccuracy = b.accuracy;
  }
  for (let i = 0; i < runs; i++) {
    const result = await api.run(CODE);
    if (!result.ok) throw new Error(`the docs' CNN failed: ${result.failure.message}`);
    if (result.value.kind !== 'json') throw new Error(`the docs' CNN returned ${result.value.kind}`);
    const r = JSON.parse(result.value.json) as { ms: number; cnn: number; mlp: number };
    fitMs.push(r.ms);
    cnnAccuracy = r.cnn;
    mlpAccuracy = r.mlp;
  }
  const after = await api.run('return tf.memory().numTensors;');
  return {
    fitMs,
    cnnAccuracy,
    mlpAccuracy,
    builtinCnnMs,
    builtinCnnAccuracy,
    builtinMlpMs,
    tensorsBefore: before,
    tensorsAfter: after.ok && after.value.kind === 'number' ? after.value.value : NaN,
  };
}
