/**
 * lab.coverage (src/workers/codeLabCoverage.ts) run as a code cell runs it:
 * through createCodeApi on wasm, with the shipped data sets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodeApi } from '../../src/workers/codeApi.ts';
import type { CodeApi } from '../../src/workers/codeProtocol.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';

let api: CodeApi;
beforeAll(async () => {
  api = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
  await api.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
});

async function json(code: string): Promise<unknown> {
  const result = await api.run(`return JSON.stringify(await (async () => { ${code} })());`);
  if (!result.ok) throw new Error(result.failure.message);
  if (result.value.kind !== 'text') throw new Error(`expected text, got ${result.value.kind}`);
  return JSON.parse(result.value.text);
}

async function failure(code: string): Promise<string> {
  const result = await api.run(code);
  if (result.ok) throw new Error(`expected ${code} to fail`);
  return result.failure.message;
}

describe('lab.coverage({ dataset, size, rareClass, rareShare, add, seed, model })', () => {
  it('makes the rare class rareShare of the training set and the others share the rest', async () => {
    const r = (await json(
      "const r = await lab.coverage({ dataset: 'digits', size: 500, rareClass: 8, rareShare: 0.02 }); return r;",
    )) as { trainSize: number; rareCount: number; rareName: string; perClass: { trainCount: number }[] };
    expect(r.trainSize).toBe(500);
    expect(r.rareCount).toBe(10);
    expect(r.rareName).toBe('8');
    const counts = r.perClass.map((c) => c.trainCount);
    expect(counts[8]).toBe(10);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(500);
    for (const [c, n] of counts.entries()) if (c !== 8) expect(Math.abs(n - 490 / 9)).toBeLessThan(2);
  });

  it('takes a class name as rareClass, case aside, and reports recall, precision and test counts', async () => {
    const r = (await json(
      "return await lab.coverage({ dataset: 'fashion', size: 1000, rareClass: 'sandal', rareShare: 0.015 });",
    )) as {
      rareClass: number;
      rareCount: number;
      rareRecall: number;
      accuracy: number;
      macroRecall: number;
      perClass: { testCount: number; recall: number; precision: number }[];
    };
    expect(r.rareClass).toBe(5);
    expect(r.rareCount).toBe(15);
    expect(r.perClass.map((c) => c.testCount)).toEqual(Array(10).fill(300));
    expect(r.rareRecall).toBe(r.perClass[5]!.recall);
    // Balanced test set: the macro-averaged recall is the accuracy.
    expect(r.macroRecall).toBeCloseTo(r.accuracy, 12);
    for (const c of r.perClass) {
      expect(c.recall).toBeGreaterThanOrEqual(0);
      expect(c.precision).toBeLessThanOrEqual(1);
    }
  });

  it('add: { rare: n } adds n of the rare class; { everything: n } keeps the mix', async () => {
    const [targeted, everything] = (await json(
      "const o = { dataset: 'digits', size: 500, rareClass: 3, rareShare: 0.02 };\nreturn [await lab.coverage({ ...o, add: { rare: 40 } }), await lab.coverage({ ...o, add: { everything: 100 } })];",
    )) as { trainSize: number; rareCount: number }[];
    expect([targeted!.trainSize, targeted!.rareCount]).toEqual([540, 50]);
    expect([everything!.trainSize, everything!.rareCount]).toEqual([600, 12]);
  });

  it('the same options give the same numbers (seeded); another seed another sample', async () => {
    const code = "return await lab.coverage({ dataset: 'digits', size: 300, rareClass: 1, seed: SEED });";
    const a = await json(code.replace('SEED', '4'));
    expect(await json(code.replace('SEED', '4'))).toEqual(a);
    expect(await json(code.replace('SEED', '5'))).not.toEqual(a);
  });

  it('bad options throw naming the option and what to give', async () => {
    expect(await failure('await lab.coverage({ rare: 1 })')).toMatch(
      /lab\.coverage: unknown option "rare" \(known: dataset, size, rareClass, rareShare, add, seed, model\)/,
    );
    expect(await failure("await lab.coverage({ rareClass: 'Sandal' })")).toMatch(
      /rareClass must be a class number from 0 to 9 or a class name \(0, 1, .*\); got "Sandal"/,
    );
    expect(await failure('await lab.coverage({ rareShare: 2 })')).toMatch(
      /rareShare must be a number from 0 to 1; got 2/,
    );
    expect(await failure('await lab.coverage({ add: 50 })')).toMatch(
      /add must be \{ rare: n \} .* or \{ everything: n \}/,
    );
    expect(await failure('await lab.coverage({ add: { rare: -1 } })')).toMatch(/add\.rare must be a whole number/);
    expect(await failure("await lab.coverage({ model: 'svm' })")).toMatch(
      /model must be one of logreg, mlp; got "svm"/,
    );
    expect(await failure("await lab.coverage({ dataset: 'mnist' })")).toMatch(/dataset must be one of digits, fashion/);
    expect(await failure('await lab.coverage({ size: 5 })')).toMatch(/size must be a whole number from 10 to 1257/);
  });

  it('asking for more than the pool has left throws, naming the class', async () => {
    expect(
      await failure("await lab.coverage({ dataset: 'digits', size: 500, rareClass: 0, add: { rare: 500 } })"),
    ).toMatch(/lab\.coverage: class 0 has \d+ unused pool rows; 500 more were asked for/);
  });
});
