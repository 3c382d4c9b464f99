/**
 * Lesson 9's words must match what its code cells compute. The cells run in
 * Node exactly as the code worker runs them (createCodeApi on wasm). The
 * prose holds no numbers; this holds its qualitative claims: input tests
 * flag both features of every covariate-shift batch and no concept-drift
 * batch; accuracy barely moves under covariate shift and drops sharply under
 * concept drift; retraining on one freshly labelled batch wins it back. It
 * also holds the lesson's description of the stream (sizes, phases, the
 * shift) to the API's defaults, and that the self-checks read live values.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeApi } from '../../src/workers/codeProtocol.ts';
import { nodeCodeApi, readLessonFile, runCodeCells, type CellResults } from '../support/lessonFile.ts';

const file = 'lessons/09-data-and-concept-drift.md';
const { source, code, proseText: prose } = readLessonFile(file);

let api: CodeApi;
let cells: CellResults;

beforeAll(async () => {
  api = await nodeCodeApi();
  cells = await runCodeCells(api, code, ['monitor', 'alarms', 'retrain']);
}, 120_000);

function series(name: string): Map<number, number> {
  const r = cells.results.monitor!;
  if (!r.ok || r.value.kind !== 'plot') throw new Error(`monitor did not return a plot: ${JSON.stringify(r)}`);
  const s = r.value.plot.type === 'line' ? r.value.plot.series.find((x) => x.name === name) : undefined;
  if (!s) throw new Error(`monitor has no series "${name}"`);
  return new Map(s.points.map((p) => [p.x, p.y]));
}

const number = (id: string) => cells.number(id);

const STABLE = [1, 2, 3];
const COVARIATE = [4, 5, 6];
const CONCEPT = [7, 8, 9, 10];
const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

describe(`${file}: claims`, () => {
  it('the stream is as the prose describes it: 500 reference examples, batches of 300, phases 1–3, 4–6, 7–10', async () => {
    expect(prose).toContain('A reference set of 500 labelled examples');
    expect(prose).toContain('batches of 300 arrive');
    expect(prose).toContain('`x1` moves 1.5 standard deviations');
    expect(prose).toContain('5% of its labels are wrong');
    const r = await api.run(
      'const s = lab.driftStream({ seed: 0 });\nreturn JSON.stringify([s.reference.x.length, s.batches.map((b) => b.x.length), s.batches.map((b) => b.phase)]);',
    );
    expect(r).toMatchObject({
      ok: true,
      value: {
        kind: 'text',
        text: JSON.stringify([
          500,
          Array(10).fill(300),
          [...STABLE.map(() => 'stable'), ...COVARIATE.map(() => 'covariate'), ...CONCEPT.map(() => 'concept')],
        ]),
      },
    });
  });

  it('monitor: every covariate batch has both features flagged, no concept batch has any', () => {
    const flagged = series('features flagged');
    for (const b of COVARIATE) expect(flagged.get(b)).toBe(1);
    for (const b of CONCEPT) expect(flagged.get(b)).toBe(0);
    // Printed detail: covariate p-values practically zero, PSI far above 0.25.
    const logs = cells.results.monitor!.logs.filter((l) => /\(covariate\)/.test(l));
    expect(logs).toHaveLength(COVARIATE.length);
    for (const line of logs) {
      for (const [, p] of line.matchAll(/KS p ([\d.e+-]+)/g)) expect(Number(p)).toBeLessThan(1e-6);
      for (const [, psi] of line.matchAll(/PSI ([\d.]+)/g)) expect(Number(psi)).toBeGreaterThan(0.25);
    }
  });

  it('monitor: accuracy barely moves under covariate shift and drops sharply under concept drift', () => {
    const accuracy = series('accuracy');
    const at = (batches: number[]) => mean(batches.map((b) => accuracy.get(b)!));
    expect(Math.abs(at(COVARIATE) - at(STABLE))).toBeLessThan(0.03);
    expect(at(STABLE) - at(CONCEPT)).toBeGreaterThan(0.2);
  });

  it('alarms: no concept-drift batch is flagged by an input test', () => {
    expect(number('alarms')).toBe(0);
  });

  it('retrain: one freshly labelled batch wins back the accuracy lost to concept drift', () => {
    const gain = number('retrain');
    expect(gain).toBeGreaterThan(20);
    const [old, retrained] = [...cells.results.retrain!.logs[0]!.matchAll(/([\d.]+)%/g)].map((m) => Number(m[1]) / 100);
    const accuracy = series('accuracy');
    // Back to within 5 points of the accuracy before the rule changed.
    expect(retrained).toBeGreaterThan(mean(STABLE.map((b) => accuracy.get(b)!)) - 0.05);
    expect(old).toBeLessThan(0.7);
  });

  // The shape every lesson shares (Try this, 2–3 checks last, the project box, under 15 minutes) is
  // checked for all of them in lessons.test.ts; here, that the checks ask for this lesson's results.
  it('the self-checks are answered from the values its cells return', () => {
    expect(source).toContain('"{{alarms.value}}"');
    expect(source).toContain('"{{retrain.value}}"');
  });
});
