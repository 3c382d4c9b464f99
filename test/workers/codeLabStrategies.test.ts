import { beforeAll, describe, expect, it } from 'vitest';
import { createCodeApi } from '../../src/workers/codeApi.ts';
import type { CodeApi, CodeRunResult } from '../../src/workers/codeProtocol.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../../src/cli/quietTfjsBanner.ts';

quietTfjsBanner();

const json = (r: CodeRunResult) => {
  if (!r.ok || r.value.kind !== 'text') throw new Error(JSON.stringify(r));
  return JSON.parse(r.value.text);
};
const failure = (r: CodeRunResult) => {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.failure.message;
};

describe('lab.trainModel and lab.improveData (model-centric vs. data-centric)', () => {
  let api: CodeApi;
  beforeAll(async () => {
    api = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
    await api.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
  });

  it('lab.trainModel with default settings trains exactly the model lab.train trains', async () => {
    const r = await api.run(
      "const a = await lab.trainModel({ size: 150, noise: 0.1, seed: 2, model: 'mlp' });\n" +
        "const b = await lab.train({ size: 150, noise: 0.1, seed: 2, model: 'mlp' });\n" +
        'return JSON.stringify([a.accuracy === b.accuracy, a.trainAccuracy === b.trainAccuracy, a.iterations === b.iterations, typeof a.validationAccuracy]);',
    );
    expect(json(r)).toEqual([true, true, true, 'number']);
  });

  it('lab.trainModel: hidden and l2 change the model; validation 0 gives a null validation accuracy', async () => {
    const r = await api.run(
      "const base = { size: 120, noise: 0.2, model: 'mlp', seed: 1 };\n" +
        'const a = await lab.trainModel(base);\n' +
        'const b = await lab.trainModel({ ...base, hidden: 8 });\n' +
        'const c = await lab.trainModel({ ...base, l2: 10 });\n' +
        'const d = await lab.trainModel({ ...base, maxIterations: 5, validation: 0 });\n' +
        "const e = await lab.trainModel({ size: 120, model: 'logreg', l2: 1 });\n" +
        "const f = await lab.trainModel({ size: 120, model: 'logreg' });\n" +
        'return JSON.stringify([a.accuracy !== b.accuracy, a.accuracy !== c.accuracy, d.iterations, d.validationAccuracy, e.accuracy === f.accuracy]);',
    );
    expect(json(r)).toEqual([true, true, 5, null, true]);
  });

  it('lab.improveData: reviewing fixes wrong labels and adding grows the set by the targeted classes', async () => {
    const r = await api.run(
      'const base = { size: 200, noise: 0.2, seed: 0, folds: 3 };\n' +
        'const none = await lab.improveData(base);\n' +
        'const plain = await lab.trainModel({ size: 200, noise: 0.2, seed: 0 });\n' +
        'const review = await lab.improveData({ ...base, review: 40 });\n' +
        'const add = await lab.improveData({ ...base, add: 30, targets: 2 });\n' +
        'return JSON.stringify([none.accuracy === plain.accuracy, none.size, review.reviewed, review.fixed > 20, review.fixed <= 40, add.size, add.added, add.targets.length]);',
    );
    expect(json(r)).toEqual([true, 200, 40, true, true, 230, 30, 2]);
  });

  it('lab.improveData: new examples are labelled by the same noisy process (seeded), or as addedNoise says', async () => {
    const r = await api.run(
      'const base = { size: 200, noise: 0.2, seed: 0, add: 30 };\n' +
        'const a = await lab.improveData(base);\n' +
        'const b = await lab.improveData(base);\n' +
        'const clean = await lab.improveData({ ...base, addedNoise: 0 });\n' +
        'const heavy = await lab.improveData({ ...base, addedNoise: 0.5 });\n' +
        'return JSON.stringify([a.addedWrong, a.accuracy === b.accuracy, clean.addedWrong, heavy.addedWrong, clean.targets.join() === a.targets.join()]);',
    );
    expect(json(r)).toEqual([6, true, 0, 15, true]);
  });

  it("lab.trainModel and lab.improveData with model 'cnn': the small CNN on each data set's images, deterministic, filters change it", async () => {
    const r = await api.run(
      "const base = { size: 120, noise: 0.1, model: 'cnn', seed: 2, validation: 60 };\n" +
        'const a = await lab.trainModel(base);\n' +
        'const again = await lab.trainModel(base);\n' +
        'const few = await lab.trainModel({ ...base, filters: 4 });\n' +
        'const reviewed = await lab.improveData({ ...base, review: 10, folds: 2 });\n' +
        "const fashion = await lab.trainModel({ ...base, dataset: 'fashion', maxIterations: 30 });\n" +
        'return JSON.stringify([a.accuracy > 0.5, a.converged, a.accuracy === again.accuracy, few.accuracy !== a.accuracy, reviewed.reviewed, fashion.iterations, fashion.accuracy > 0.3]);',
    );
    expect(json(r)).toEqual([true, true, true, true, 10, 30, true]);
  });

  it('bad options say what to give', async () => {
    const cases: [string, RegExp][] = [
      ['await lab.trainModel({ hidden: 32 })', /hidden needs model: 'mlp'/],
      ["await lab.trainModel({ model: 'mlp', hidden: 0 })", /hidden must be a whole number from 1 to 1024; got 0/],
      ['await lab.trainModel({ l2: -1 })', /l2 must be a number from 0.0001 to 1000; got -1/],
      ['await lab.trainModel({ maxIterations: 1.5 })', /maxIterations must be a whole number from 1 to 5000/],
      ['await lab.trainModel({ size: 1200 })', /size must be a whole number from 10 to 957; got 1200/],
      [
        "await lab.trainModel({ noise: { kind: 'boundary', rate: 0.1 } })",
        /noise kind must be one of uniform, pairs, systematic/,
      ],
      ['await lab.trainModel({ epochs: 5 })', /unknown option "epochs"/],
      [
        "await lab.trainModel({ model: 'mlp', filters: 8 })",
        /filters needs model: 'cnn' \(the MLP has no convolution\)/,
      ],
      [
        "await lab.trainModel({ model: 'cnn', hidden: 8 })",
        /hidden needs model: 'mlp' \(the CNN has no hidden units\)/,
      ],
      ["await lab.trainModel({ model: 'cnn', filters: 0 })", /filters must be a whole number from 1 to 256; got 0/],
      ["await lab.trainModel({ model: 'rnn' })", /model must be one of logreg, mlp, cnn; got "rnn"/],
      ['await lab.improveData({ add: 10, validation: 0 })', /add needs a validation set/],
      ['await lab.improveData({ review: 501 })', /review must be a whole number from 0 to 500/],
      [
        'await lab.improveData({ add: 10, addedNoise: 1.5 })',
        /lab.improveData: addedNoise must be a rate from 0 to 0.9/,
      ],
    ];
    for (const [code, message] of cases) expect(failure(await api.run(code))).toMatch(message);
  });
});
