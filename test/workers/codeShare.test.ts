import { describe, expect, it } from 'vitest';
import { createShare, type HelperJob } from '../../src/workers/codeShare.ts';
import { createCodeApi } from '../../src/workers/codeApi.ts';
import type { CodeRunResult } from '../../src/workers/codeProtocol.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../../src/cli/quietTfjsBanner.ts';

quietTfjsBanner();

const job = (seed: number): HelperJob => ({
  kind: 'heldOut',
  dataset: 'digits',
  model: 'logreg',
  settings: {},
  seed,
  trainRows: new Int32Array(0),
  trainLabels: new Int32Array(0),
  predictRows: new Int32Array(0),
});

describe('createShare(helper): a code worker hands fits to a helper only while it is busy itself', () => {
  it('one request at a time runs here, never in the helper', async () => {
    const sent: number[] = [];
    const share = createShare(async (j) => {
      sent.push(j.seed);
      return 'helper';
    });
    for (let seed = 0; seed < 3; seed++) await expect(share(job(seed), async () => 'here')).resolves.toBe('here');
    expect(sent).toEqual([]);
  });

  it('requests asked for together: one runs here, the next in the helper, the rest wait for whichever is free', async () => {
    const sent: number[] = [];
    let helping = 0;
    let most = 0;
    const share = createShare(async (j) => {
      sent.push(j.seed);
      most = Math.max(most, ++helping);
      await new Promise((resolve) => setTimeout(resolve, 5));
      helping--;
      return `helper ${j.seed}`;
    });
    let busyHere = 0;
    let mostHere = 0;
    const here = (seed: number) => async () => {
      mostHere = Math.max(mostHere, ++busyHere);
      await new Promise((resolve) => setTimeout(resolve, 5));
      busyHere--;
      return `here ${seed}`;
    };
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((seed) => share(job(seed), here(seed))));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(6);
    expect(most).toBe(1);
    expect(mostHere).toBe(1);
    // Each result is its own request's, wherever it ran.
    results.forEach((r, seed) => expect(r).toMatch(new RegExp(`^(here|helper) ${seed}$`)));
  });

  it('a helper that fails is not asked again: its job and the rest run here', async () => {
    let asked = 0;
    const share = createShare(async () => {
      asked++;
      throw new Error('the helper code worker failed');
    });
    const results = await Promise.all([0, 1, 2, 3].map((seed) => share(job(seed), async () => `here ${seed}`)));
    expect(results).toEqual(['here 0', 'here 1', 'here 2', 'here 3']);
    expect(asked).toBe(1);
  });
});

describe('a code cell with a helper worker gets the numbers it gets alone', () => {
  const value = (r: CodeRunResult) => {
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.value;
  };
  // Lesson 6's side-by-side pattern, small: settings and data plans for two seeds, asked for at once.
  const code = `
    const data = { dataset: 'digits', size: 150, noise: 0.15, model: 'mlp' };
    const runs = await Promise.all([0, 1].map((seed) => Promise.all([
      Promise.all([{}, { l2: 3 }, { hidden: 16 }].map((s) => lab.trainModel({ ...data, ...s, seed }))),
      Promise.all([{ review: 30 }, { add: 30 }, { review: 15, add: 15 }].map((p) => lab.improveData({ ...data, ...p, folds: 3, seed }))),
    ])));
    return JSON.stringify(runs);`;

  it('the same results, byte for byte, with fits and folds run in the helper', async () => {
    const alone = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
    await alone.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
    const helperApi = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
    await helperApi.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
    const kinds: string[] = [];
    const shared = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
    await shared.init({ backend: 'wasm', dataUrl: 'file:///unused/' }, async (j) => {
      kinds.push(j.kind);
      // Across workers a job travels by structured clone.
      return structuredClone(await helperApi.job(structuredClone(j)));
    });
    const expected = value(await alone.run(code));
    const got = value(await shared.run(code));
    expect(got).toEqual(expected);
    expect(kinds).toContain('fit');
    expect(kinds).toContain('heldOut');
  }, 120_000);
});
