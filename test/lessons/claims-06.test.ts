/**
 * Lesson 6's words must match what its code cells compute. The cells run in
 * Node exactly as the code worker runs them (createCodeApi on wasm). The
 * prose holds no numbers; this holds its qualitative claims about the two
 * afternoons: validation reads lower than the clean test set; the stronger
 * L2 penalties help most and are what validation keeps; a bigger network
 * helps less, a smaller one or a weaker penalty hurts; the review corrects
 * most of the 60 wrong labels; new examples help, but less than the review;
 * and the data-centric afternoon gains more on average. It also holds the
 * lesson's description of the set-up to the API's defaults.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { createCodeApi } from '../../src/workers/codeApi.ts';
import type { CodeApi, CodeRunResult } from '../../src/workers/codeProtocol.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../../src/cli/quietTfjsBanner.ts';
import { DATASETS } from '../../src/engine/datasets.ts';

quietTfjsBanner();

const file = 'lessons/06-model-vs-data-centric.md';
const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const lesson = parseLesson(source, file);
const prose = source.replace(/\s+/g, ' ');

function code(id: string): string {
  const block = lesson.blocks.find((b) => b.kind === 'cell' && b.cell.id === id);
  if (block?.kind !== 'cell' || block.cell.type !== 'code') throw new Error(`${file} has no code cell "${id}"`);
  return block.cell.params.code;
}

let api: CodeApi;
const results: Record<string, CodeRunResult> = {};

beforeAll(async () => {
  api = createCodeApi({ loadDataset: (name) => loadDatasetFile(name) });
  await api.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
  for (const id of ['modelCentric', 'dataCentric']) results[id] = await api.run(code(id));
}, 180_000);

const number = (id: string) => {
  const r = results[id]!;
  if (!r.ok || r.value.kind !== 'number') throw new Error(`${id} did not return a number: ${JSON.stringify(r)}`);
  return r.value.value;
};

/** The printed "<option>: validation v%, test t%" lines of a cell, as fractions. */
function menu(id: string): Map<string, { validation: number; test: number }> {
  const r = results[id]!;
  if (!r.ok) throw new Error(`${id} failed: ${JSON.stringify(r)}`);
  const rows = new Map<string, { validation: number; test: number }>();
  for (const line of r.logs) {
    const m = /^(.*): validation ([\d.]+)%, test ([\d.]+)%$/.exec(line);
    if (m) rows.set(m[1]!, { validation: Number(m[2]) / 100, test: Number(m[3]) / 100 });
  }
  return rows;
}

const kept = (id: string) => results[id]!.logs.flatMap((l) => /^seed \d+: .*kept "(.*)"$/.exec(l)?.[1] ?? []);

describe(`${file}: claims`, () => {
  it('the set-up is as the prose describes it: 500 digits, 12% (60) wrong, 300 validation, 540 clean test', async () => {
    expect(prose).toContain('The data: 500 handwritten digits, and 12% of their labels are wrong (60 of them)');
    expect(prose).toContain('a **validation set** of 300 more digits');
    expect(prose).toContain('test set** (540 digits with correct labels)');
    expect(DATASETS.digits.testSize).toBe(540);
    for (const id of ['modelCentric', 'dataCentric']) {
      expect(code(id)).toContain("const data = { dataset: 'digits', size: 500, noise: 0.12, model: 'mlp' };");
      expect(code(id)).toContain('const seeds = [0, 1, 2];');
    }
    // 12% of 500 flip exactly; the review of 100 has at most 60 wrong labels to find; validation defaults to 300.
    const r = await api.run(
      "const i = await lab.labelIssues({ size: 500, noise: 0.12, folds: 3, model: 'mlp' });\nreturn Math.round(i.trueNoise * 500);",
    );
    expect(r).toMatchObject({ ok: true, value: { kind: 'number', value: 60 } });
    expect(code('modelCentric').match(/settings: \{/g)).toHaveLength(7); // as it is + six others
    expect(prose).toContain('try six other model settings');
  });

  it('more epochs change nothing: the network already trains until its loss stops improving', async () => {
    expect(prose).toContain('More epochs would change nothing');
    const r = await api.run(
      [
        "const data = { dataset: 'digits', size: 500, noise: 0.12, model: 'mlp', seed: 0 };",
        'const usual = await lab.trainModel(data);',
        'const longer = await lab.trainModel({ ...data, maxIterations: 3000 });',
        'return [usual.converged, usual.iterations < 1000, longer.accuracy === usual.accuracy].join();',
      ].join('\n'),
    );
    expect(r).toMatchObject({ ok: true, value: { kind: 'text', text: 'true,true,true' } });
  });

  it('modelCentric: validation accuracy reads lower than test accuracy for every setting', () => {
    const rows = menu('modelCentric');
    expect(rows.size).toBe(7);
    for (const { validation, test } of rows.values()) expect(validation).toBeLessThan(test);
  });

  it('modelCentric: the stronger L2 penalties help most and are kept; bigger helps less; smaller and weaker hurt', () => {
    const rows = menu('modelCentric');
    const base = rows.get('as it is: 64 hidden units, L2 1')!.test;
    const stronger = ['stronger L2: 3', 'much stronger L2: 10'].map((n) => rows.get(n)!.test);
    const others = [...rows].filter(([n]) => !n.includes('stronger L2')).map(([, r]) => r.test);
    expect(Math.min(...stronger)).toBeGreaterThan(Math.max(...others));
    expect(rows.get('bigger: 256 hidden units')!.test).toBeLessThan(Math.min(...stronger));
    expect(rows.get('smaller: 16 hidden units')!.test).toBeLessThan(base);
    expect(rows.get('weaker L2: 0.3')!.test).toBeLessThan(base);
    expect(kept('modelCentric')).toHaveLength(3);
    for (const name of kept('modelCentric')) expect(name).toMatch(/stronger L2/);
    expect(number('modelCentric')).toBeGreaterThan(1);
  });

  it('dataCentric: the review corrects most of the 60 wrong labels; new examples help, but less than the review', () => {
    const fixed = results.dataCentric!.logs.flatMap((l) => /corrected (\d+) wrong labels/.exec(l)?.[1] ?? []);
    expect(fixed).toHaveLength(3);
    for (const f of fixed) expect(Number(f)).toBeGreaterThan(30);
    const rows = menu('dataCentric');
    const base = rows.get('as it is')!.test;
    const review = rows.get('review the 100 most suspect labels')!.test;
    const add = rows.get('label 100 new examples of the 3 worst classes')!.test;
    expect(add).toBeGreaterThan(base);
    expect(add).toBeLessThan(review);
    // The data-centric cell starts from the very model the model-centric one calls "as it is".
    expect(base).toBe(menu('modelCentric').get('as it is: 64 hidden units, L2 1')!.test);
  });

  it('the data-centric afternoon gains more on average; the penalty alone wins a good part of that', () => {
    expect(number('dataCentric')).toBeGreaterThan(number('modelCentric'));
    expect(number('modelCentric')).toBeGreaterThan(0.5 * number('dataCentric'));
  });

  it('ends with "Try this" and 2–3 self-checks whose answers read the cells\' live values', () => {
    const kinds = lesson.blocks.map((b) => b.kind);
    const checks = lesson.blocks.filter((b) => b.kind === 'check');
    expect(checks.length).toBeGreaterThanOrEqual(2);
    expect(checks.length).toBeLessThanOrEqual(3);
    expect(kinds.slice(-checks.length)).toEqual(checks.map(() => 'check'));
    expect(lesson.blocks.some((b) => b.kind === 'prose' && /<h2[^>]*>Try this<\/h2>/.test(b.html))).toBe(true);
    expect(source).toContain('"{{modelCentric.value}}"');
    expect(source).toContain('"{{dataCentric.value}}"');
    expect(source).toContain('> **What this means for your project**');
  });
});
