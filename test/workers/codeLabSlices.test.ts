import { beforeAll, describe, expect, it } from 'vitest';
import { createCodeApi } from '../../src/workers/codeApi.ts';
import type { CodeApi } from '../../src/workers/codeProtocol.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';

describe('lab.slices / lab.sliceExperiment (createSliceLab), run as a code cell runs them', () => {
  let api: CodeApi;
  beforeAll(async () => {
    api = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
    await api.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
  });

  const run = async (code: string) => api.run(code);
  const text = async (code: string) => {
    const r = await run(code);
    if (!r.ok) throw new Error(r.failure.message);
    if (r.value.kind !== 'text') throw new Error(`returned ${r.value.kind}`);
    return JSON.parse(r.value.text) as unknown;
  };

  it('slices: one row per slice with shares summing to 1, gaps = humanLevel − accuracy on validation and on test, the same numbers twice', async () => {
    const code =
      'const r = await lab.slices({ size: 300, seeds: 1, seed: 2 });\nreturn JSON.stringify({ names: lab.sliceNames, r });';
    const a = (await text(code)) as {
      names: string[];
      r: {
        slices: Record<string, number | string>[];
        trainSize: number;
        validationSize: number;
        checked: number;
        validation: Record<string, number>;
        overall: Record<string, number>;
      };
    };
    expect(a.names).toEqual(['clean', 'noisy background', 'low contrast', 'rotated']);
    expect(a.r.slices.map((s) => s.slice)).toEqual(a.names);
    expect(a.r.slices.reduce((s, r) => s + (r.share as number), 0)).toBeCloseTo(1, 12);
    expect(a.r.slices.reduce((s, r) => s + (r.trainCount as number), 0)).toBe(300);
    for (const s of a.r.slices) {
      expect(s.gap).toBeCloseTo((s.humanLevel as number) - (s.accuracy as number), 12);
      expect(s.validationGap).toBeCloseTo((s.validationHumanLevel as number) - (s.validationAccuracy as number), 12);
      expect(s.potential).toBeCloseTo((s.share as number) * (s.validationGap as number), 12);
      // Validation and test are different images: the two accuracies are measured apart.
      expect(s.validationAccuracy).toBeGreaterThan(0);
    }
    expect(a.r.slices.map((s) => s.validationAccuracy)).not.toEqual(a.r.slices.map((s) => s.accuracy));
    // Fashion: 2,000 of the 12,000 pool images are validation.
    expect(a.r.validationSize).toBe(2000);
    expect(a.r.slices.reduce((s, r) => s + (r.validationCount as number), 0)).toBe(2000);
    expect(a.r.validation.gap).toBeCloseTo(a.r.validation.humanLevel! - a.r.validation.accuracy!, 12);
    expect(a.r.overall.gap).toBeCloseTo(a.r.overall.humanLevel! - a.r.overall.accuracy!, 12);
    expect(a.r.checked).toBe(0);
    expect(a.r.trainSize).toBe(300);
    expect(await text(code)).toEqual(a);
  });

  it('sliceExperiment: addRandom and addSlice add count examples; cleanSlice fixes only wrong labels of the slice', async () => {
    const r = (await text(
      `const o = { size: 300, seeds: 1, count: 50 };
       const out = {};
       for (const action of ['none', 'addRandom', 'addSlice', 'cleanSlice']) {
         const r = await lab.sliceExperiment({ ...o, action, slice: 'low contrast' });
         out[action] = [r.changed, r.trainSize, r.slices[2].trainCount, r.slice, r.checked];
       }
       out.cleanRotated = (await lab.sliceExperiment({ ...o, action: 'cleanSlice', slice: 'rotated' })).changed;
       return JSON.stringify(out);`,
    )) as Record<'none' | 'addRandom' | 'addSlice' | 'cleanSlice', [number, number, number, string | null, number]> & {
      cleanRotated: number;
    };
    expect(r.none).toEqual([0, 300, r.none[2], null, 0]);
    expect(r.addRandom.slice(0, 2)).toEqual([50, 350]);
    expect(r.addSlice).toEqual([50, 350, r.none[2] + 50, 'low contrast', 0]);
    expect(r.cleanSlice[0]).toBeGreaterThan(0);
    expect(r.cleanSlice[0]).toBeLessThan(r.none[2]);
    // Cleaning checks every training example of the slice.
    expect(r.cleanSlice[4]).toBe(r.none[2]);
    expect(r.cleanRotated).toBe(0);
  });

  it('a bad option throws naming it and what to give', async () => {
    const cases: [string, RegExp][] = [
      ['lab.slices({ action: "addSlice" })', /lab\.slices: unknown option "action" \(known: dataset, size/],
      ['lab.sliceExperiment({ action: "more" })', /action must be one of 'none', 'addRandom'/],
      ['lab.sliceExperiment({ slice: "blurry" })', /slice must be one of 'clean', 'noisy background'/],
      ['lab.slices({ size: 7000 })', /size must be a whole number from 50 to 6000; got 7000/],
      ['lab.slices({ seeds: 0 })', /seeds must be a whole number from 1 to 10/],
      ['lab.slices({ model: "svm" })', /model must be one of logreg, mlp; got "svm"/],
      ['lab.slices({ dataset: "mnist" })', /dataset must be one of digits, fashion; got "mnist"/],
      ['lab.slices(5)', /pass an options object/],
      [
        'lab.sliceExperiment({ dataset: "digits", size: 600, action: "addSlice", slice: "rotated", count: 200 })',
        /lab\.sliceExperiment: only \d+ more "rotated" examples in the pool, asked for 200/,
      ],
    ];
    for (const [call, message] of cases) {
      const r = await run(`return await ${call};`);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.failure.message).toMatch(message);
    }
  });
});
