/**
 * Lesson 6's words must match what its code cells compute. The cells run in
 * Node exactly as the code worker runs them (createCodeApi on wasm). The
 * prose holds no numbers; this holds its qualitative claims about the two
 * afternoons: validation reads lower than the clean test set; the stronger
 * L2 penalties help most and are what validation keeps; a bigger network
 * helps less, a smaller one or a weaker penalty hurts; every setting with the
 * usual cap converged before it in every seed; the data-centric afternoon
 * commits to one plan (the review), which flags fewer than 100 labels and
 * corrects most of the 60 wrong ones; that plan gains more than the
 * model-centric best on average; new (noisily labelled) examples gain the
 * least; half of each is within a point of the review. It also holds the
 * lesson's description of the set-up to the API's defaults.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeApi } from '../../src/workers/codeProtocol.ts';
import { nodeCodeApi, readLessonFile, runCodeCells, type CellResults } from '../support/lessonFile.ts';
import { DATASETS } from '../../src/engine/datasets.ts';

const file = 'lessons/06-model-vs-data-centric.md';
const { source, code, proseText: prose } = readLessonFile(file);

const CELLS = ['modelCentric', 'dataCentric', 'afternoons'];
let api: CodeApi;
let cells: CellResults;

beforeAll(async () => {
  api = await nodeCodeApi();
  cells = await runCodeCells(api, code, CELLS);
}, 240_000);

const number = (id: string) => cells.number(id);

const logs = (id: string) => cells.logs(id);

interface MenuRow {
  validation: number;
  test: number;
  converged: number;
  seeds: number;
  iterations: number;
}

/** The model-centric cell's printed per-setting lines, accuracies as fractions. */
function menu(): Map<string, MenuRow> {
  const rows = new Map<string, MenuRow>();
  for (const line of logs('modelCentric')) {
    const m =
      /^(.*): validation ([\d.]+)%, test ([\d.]+)%; loss stopped improving in (\d+) of (\d+) seeds, at most (\d+) iterations$/.exec(
        line,
      );
    if (m) {
      const [validation, test, converged, seeds, iterations] = m.slice(2).map(Number) as [
        number,
        number,
        number,
        number,
        number,
      ];
      rows.set(m[1]!, { validation: validation / 100, test: test / 100, converged, seeds, iterations });
    }
  }
  return rows;
}

/** The side-by-side cell's printed "<afternoon>: gain g points (per seed: …)" lines. */
function afternoons(): Map<string, { gain: number; perSeed: number[] }> {
  const rows = new Map<string, { gain: number; perSeed: number[] }>();
  for (const line of logs('afternoons')) {
    const m = /^(.*): gain (-?[\d.]+) points \(per seed: (.*)\)$/.exec(line);
    if (m) rows.set(m[1]!, { gain: Number(m[2]), perSeed: m[3]!.split(', ').map(Number) });
  }
  return rows;
}

const kept = (id: string) => cells.results[id]!.logs.flatMap((l) => /^seed \d+: .*kept "(.*)"$/.exec(l)?.[1] ?? []);

describe(`${file}: claims`, () => {
  it('the set-up is as the prose describes it: 500 digits, 12% (60) wrong, 300 validation, 540 clean test', async () => {
    expect(prose).toContain('The data: 500 handwritten digits, and 12% of their labels are wrong (60 of them)');
    expect(prose).toContain('a **validation set** of 300 more digits');
    expect(prose).toContain('test set** (540 digits with correct labels)');
    expect(DATASETS.digits.testSize).toBe(540);
    for (const id of CELLS) {
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

  it('more epochs change nothing: every setting with the usual cap converged before it, in every seed', async () => {
    expect(prose).toContain('More epochs would change nothing');
    expect(prose).toContain(
      'in every seed every setting of the menu below with the usual cap of 1,000 iterations stops before reaching that cap',
    );
    const rows = menu();
    expect(rows.size).toBe(7);
    for (const [name, row] of rows) {
      expect(row.seeds).toBe(3);
      if (name.startsWith('stop early: 100 iterations')) {
        // The one capped setting: stopped by the cap, not by itself.
        expect(row.iterations).toBe(100);
      } else {
        expect(row.converged, name).toBe(3);
        expect(row.iterations, name).toBeLessThan(1000);
      }
    }
    expect(code('modelCentric').match(/maxIterations/g)).toHaveLength(1); // only the stop-early setting sets a cap
    // And longer training does change nothing for the default (seed 0).
    const r = await api.run(
      [
        "const data = { dataset: 'digits', size: 500, noise: 0.12, model: 'mlp', seed: 0 };",
        'const usual = await lab.trainModel(data);',
        'const longer = await lab.trainModel({ ...data, maxIterations: 3000 });',
        'return String(longer.accuracy === usual.accuracy);',
      ].join('\n'),
    );
    expect(r).toMatchObject({ ok: true, value: { kind: 'text', text: 'true' } });
  });

  it('modelCentric: validation accuracy reads lower than test accuracy for every setting', () => {
    const rows = menu();
    expect(rows.size).toBe(7);
    for (const { validation, test } of rows.values()) expect(validation).toBeLessThan(test);
  });

  it('modelCentric: the stronger L2 penalties help most and are kept; bigger helps less; smaller and weaker hurt', () => {
    const rows = menu();
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

  it('dataCentric commits to one plan: the review flags fewer than 100 labels and corrects most of the 60 wrong ones', () => {
    expect(code('dataCentric')).toContain('const plan = { review: 100 };');
    expect(code('dataCentric')).not.toMatch(/add:|validationAccuracy/); // one plan, nothing chosen by results
    expect(prose).toContain('the afternoon commits to one plan before seeing any result');
    expect(prose).toContain('Confident learning flagged fewer than 100 labels in each seed');
    const seeds = logs('dataCentric').flatMap((l) => {
      const m = /^seed \d+: reviewed (\d+) labels, corrected (\d+) wrong ones;/.exec(l);
      return m ? [{ reviewed: Number(m[1]), fixed: Number(m[2]) }] : [];
    });
    expect(seeds).toHaveLength(3);
    for (const { reviewed, fixed } of seeds) {
      expect(reviewed).toBeLessThan(100);
      expect(fixed).toBeGreaterThan(30); // most of the 60
    }
  });

  it("afternoons: the committed review and the model-centric best are the two cells' numbers, per seed", () => {
    const rows = afternoons();
    expect([...rows.keys()]).toEqual([
      'model-centric best',
      'review up to 100 suspect labels',
      'label 100 new examples',
      'review up to 50 suspect labels + label 50 new examples',
    ]);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // The side-by-side cell recomputes the first two cells' afternoons; they must agree.
    expect(mean(rows.get('model-centric best')!.perSeed)).toBeCloseTo(number('modelCentric'), 1);
    expect(mean(rows.get('review up to 100 suspect labels')!.perSeed)).toBeCloseTo(number('dataCentric'), 1);
    const r = cells.results.afternoons!;
    expect(r.ok && r.value.kind).toBe('plot');
  });

  it('the committed review gains more than the model-centric best on average; the penalty alone wins a good part', () => {
    expect(prose).toContain(
      'the review the afternoon committed to gained more than the best model setting, on average over the three seeds',
    );
    expect(number('dataCentric')).toBeGreaterThan(number('modelCentric'));
    expect(number('modelCentric')).toBeGreaterThan(0.5 * number('dataCentric'));
  });

  it('new examples carry 12% wrong labels and gain the least; half of each is within a point of the review', () => {
    const wrong = logs('afternoons').flatMap(
      (l) => /^seed \d+, label 100 new examples: .*; (\d+) of these 100 new labels wrong$/.exec(l)?.[1] ?? [],
    );
    expect(wrong).toEqual(['12', '12', '12']);
    expect(prose).toContain('12 of the 100 new labels are wrong themselves');
    const rows = afternoons();
    const add = rows.get('label 100 new examples')!.gain;
    for (const [name, { gain }] of rows) if (name !== 'label 100 new examples') expect(add).toBeLessThan(gain);
    const review = rows.get('review up to 100 suspect labels')!.gain;
    const mix = rows.get('review up to 50 suspect labels + label 50 new examples')!.gain;
    expect(Math.abs(mix - review)).toBeLessThan(1);
    expect(prose).toContain('Half of each did about as well as the review alone (within a point)');
  });

  // The shape every lesson shares (Try this, 2–3 checks last, the project box, under 15 minutes) is
  // checked for all of them in lessons.test.ts; here, that the checks ask for this lesson's results.
  it('the self-checks are answered from the values its cells return', () => {
    expect(source).toContain('"{{modelCentric.value}}"');
    expect(source).toContain('"{{dataCentric.value}}"');
  });
});
