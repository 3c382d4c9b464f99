import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createLab } from '../../src/workers/codeLab.ts';
import { createCodeApi } from '../../src/workers/codeApi.ts';
import type { CodeApi, CodeValue } from '../../src/workers/codeProtocol.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';

const DOC = 'docs/lab-api.md';

/** The ```js blocks of docs/lab-api.md, each with the kind of value its info string says it returns. */
function docExamples(): { kind: CodeValue['kind']; code: string; line: number }[] {
  const text = readFileSync(new URL(`../../${DOC}`, import.meta.url), 'utf8');
  return [...text.matchAll(/^```js (\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({
    kind: m[1] as CodeValue['kind'],
    code: m[2]!.replace(/\n$/, ''),
    line: text.slice(0, m.index).split('\n').length,
  }));
}

describe('createCodeApi(deps): runs code against lab in Node, as the code worker does', () => {
  let api: CodeApi;
  beforeAll(async () => {
    api = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
    await api.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
  });

  it('run() before init() rejects saying what to do', async () => {
    const fresh = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
    await expect(fresh.run('return 1')).rejects.toThrow(/call init\(\) first/);
  });

  it('run(code, controls, onLine) hears each printed line while the code still runs, in order', async () => {
    const heard: { line: string; settled: boolean }[] = [];
    let settled = false;
    const running = api.run(
      "print('first', 1.23456); await new Promise((r) => setTimeout(r, 30)); print('second'); return 7;",
      {},
      (line) => heard.push({ line, settled }),
    );
    const result = await running.finally(() => (settled = true));
    expect(heard).toEqual([
      { line: 'first 1.235', settled: false },
      { line: 'second', settled: false },
    ]);
    expect(result).toMatchObject({ ok: true, logs: ['first 1.235', 'second'] });
  });

  const examples = docExamples();
  it(`${DOC} has an example of every documented lab function`, () => {
    const all = examples.map((e) => e.code).join('\n');
    // Every function the lab offers, read from the lab itself, so a new one cannot go undocumented.
    const lab = createLab({ loadDataset: (name) => loadDatasetFile(name) });
    const names = Object.entries(lab).flatMap(([name, v]) => (typeof v === 'function' ? [name] : []));
    expect(names).toEqual(expect.arrayContaining(['train', 'curve', 'driftTests', 'coverage', 'slices', 'trainModel']));
    for (const name of names) expect(all, `lab.${name} has no example in ${DOC}`).toContain(`lab.${name}(`);
    expect(all).toContain('plot.line(');
    expect(all).toContain('plot.bar(');
  });

  for (const example of examples) {
    it(`${DOC}:${example.line} returns a ${example.kind} without error`, async () => {
      const result = await api.run(example.code);
      if (!result.ok)
        throw new Error(`${DOC}:${example.line}: ${result.failure.message} (line ${result.failure.line})`);
      expect(result.value.kind).toBe(example.kind);
    });
  }

  it('the same code gives the same numbers (seeded)', async () => {
    const code =
      "const r = await lab.train({ dataset: 'digits', size: 120, noise: 0.2, seed: 3 });\nreturn r.accuracy;";
    const [a, b] = [await api.run(code), await api.run(code)];
    expect(a).toEqual(b);
    expect(a.ok && a.value.kind === 'number' && a.value.value > 0.3).toBe(true);
  });

  it('lab.train: accuracyNoisyTest is null without noise and a number with it', async () => {
    const result = await api.run(
      "const c = await lab.train({ size: 100 });\nconst n = await lab.train({ size: 100, noise: 0.3 });\nreturn [c.accuracyNoisyTest, typeof n.accuracyNoisyTest, c.trainAccuracy === c.trainAccuracyTrue].join(' ')",
    );
    expect(result).toMatchObject({ ok: true, value: { kind: 'text', text: ' number true' } });
  });

  it('a bad option fails on the line of the call, naming the option and the known ones', async () => {
    const result = await api.run('const x = 1;\nawait lab.train({ sise: 500 });');
    expect(result).toMatchObject({
      ok: false,
      failure: {
        kind: 'runtime',
        line: 2,
        message: expect.stringMatching(/unknown option "sise" \(known: dataset, size/),
      },
    });
  });

  it('an out-of-range value says the range: lab.curve sizes beyond the pool', async () => {
    const result = await api.run("return await lab.curve({ dataset: 'digits', sizes: [100, 5000] })");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.message).toMatch(/sizes must be .* from 10 to 1257; got \[100,5000\]/);
  });

  it('lab.agreement of label lists of different lengths explains the mismatch', async () => {
    const result = await api.run('return lab.agreement([0, 1, 2], [0, 1])');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.message).toMatch(/same items; got 3 and 2/);
  });

  it('lab.agreement of identical single-class labels: kappa is null with a reason, not NaN', async () => {
    const result = await api.run('return lab.agreement([1, 1], [1, 1])');
    expect(result.ok && result.value.kind === 'json' && JSON.parse(result.value.json)).toMatchObject({
      items: 2,
      agreement: 1,
      kappa: null,
      reason: expect.any(String),
    });
  });

  it('print() lines come back with the value, and with a failure', async () => {
    expect(await api.run("print('a', 1, [2]);\nreturn 3")).toMatchObject({ ok: true, logs: ['a 1 [\n  2\n]'] });
    expect(await api.run("print('before');\nthrow new Error('boom')")).toMatchObject({
      ok: false,
      logs: ['before'],
      failure: { message: 'Error: boom', line: 2 },
    });
  });

  it('print() rounds a number to 4 significant digits (whole numbers as they are), also inside objects', async () => {
    expect(
      await api.run('print(0.953745, 1257, 25.6666, -0.0111111, 1 / 3);\nprint({ a: 0.123456, b: [2, 0.98765] })'),
    ).toMatchObject({
      ok: true,
      logs: ['0.9537 1257 25.67 -0.01111 0.3333', '{\n  "a": 0.1235,\n  "b": [\n    2,\n    0.9877\n  ]\n}'],
    });
  });

  it('controls reach the code by name; a name the cell has no control for fails naming the ones it has', async () => {
    expect(await api.run('return controls.size * 2;', { size: 21 })).toMatchObject({
      ok: true,
      value: { kind: 'number', value: 42 },
    });
    expect(await api.run("return controls.slice + ' ' + controls.on;", { slice: 'rotated', on: true })).toMatchObject({
      ok: true,
      value: { kind: 'text', text: 'rotated true' },
    });
    expect(await api.run('const n = 1;\nreturn controls.sise;', { size: 21 })).toMatchObject({
      ok: false,
      failure: { message: 'ReferenceError: controls.sise: this cell has no control "sise" (it has: size)', line: 2 },
    });
    expect(await api.run('controls.size = 3;\nreturn controls.size;', { size: 21 })).toMatchObject({ ok: false });
    expect(await api.run('return JSON.stringify(controls);', { size: 21 })).toMatchObject({
      ok: true,
      value: { kind: 'text', text: '{"size":21}' },
    });
  });
});
