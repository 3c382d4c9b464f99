import { describe, expect, it } from 'vitest';
import { CurveCellState, type TrialRunner } from '../../src/state/curveCell.svelte.ts';
import { PlaygroundCellState } from '../../src/state/playgroundCell.svelte.ts';
import { ReviewCellState } from '../../src/state/reviewCell.svelte.ts';
import { LabelersCellState } from '../../src/state/labelersCell.svelte.ts';
import { WorthCellState } from '../../src/state/worthCell.svelte.ts';
import { CodeCellState } from '../../src/state/codeCell.svelte.ts';
import { resultJsonText } from '../../src/state/cellResults.ts';
import {
  CURVE_DEFAULTS,
  LABELERS_DEFAULTS,
  PLAYGROUND_DEFAULTS,
  REVIEW_DEFAULTS,
  WORTH_DEFAULTS,
} from '../../src/notebook/cellSchemas.ts';
import type { CellDeps } from '../../src/state/cellDeps.ts';
import type { EvaluateResult, ToyFitResult } from '../../src/workers/protocol.ts';
import type { TrialSpec } from '../../src/engine/sweep.ts';
import type { CodeRunResult } from '../../src/state/codeCell.svelte.ts';
import { fakeReviewDeps } from '../support/fakeReviewDeps.ts';
import { fakeWorth } from './worthFixture.ts';
import { fakeFashion } from '../support/fakeFixtures.ts';

const unused = () => Promise.reject(new Error('not used'));

describe('CurveCellState: resultTables() and resultJson()', () => {
  const accuracy = (t: TrialSpec) => 0.5 + 0.1 * Math.log2(t.size / 50) - (t.arm === 'noisy' ? 0.05 * (1 + t.seed) : 0);
  const runner: TrialRunner = {
    runTrial: async (spec) => ({
      spec,
      accuracy: accuracy(spec),
      accuracyNoisyTest: spec.arm === 'noisy' ? accuracy(spec) - 0.1 : null,
      trainAccuracyGiven: 1,
      trainAccuracyTrue: 1,
      iterations: 1,
      converged: true,
      milliseconds: 1,
      backend: 'test',
    }),
  };
  const cell = () =>
    new CurveCellState(
      {
        type: 'curve',
        id: 'curve',
        title: 'A curve',
        line: 1,
        params: { ...CURVE_DEFAULTS, sizes: [50, 100, 200], seeds: 2, n0: 100 },
        presets: [],
      },
      runner,
    );

  it('are empty / null before a run', () => {
    expect(cell().resultTables()).toEqual([]);
    expect(cell().resultJson()).toBeNull();
  });

  it('after a run: per size the clean and noisy means, spreads and seeds; JSON with params, outputs and trials', async () => {
    const c = cell();
    await c.run();
    const [table, ...rest] = c.resultTables();
    expect(rest).toEqual([]);
    expect(table!.columns).toEqual([
      'size',
      'clean_mean',
      'clean_sd',
      'clean_seeds',
      'noisy_mean',
      'noisy_sd',
      'noisy_seeds',
      'noisy_measured_on_noisy_test_mean',
    ]);
    expect(table!.rows.map((r) => r[0])).toEqual([50, 100, 200]);
    const first = table!.rows[0]!;
    expect(first[1]).toBeCloseTo(0.5, 12);
    expect(first[2]).toBeCloseTo(0, 12);
    expect(first[3]).toBe(2);
    expect(first[4]).toBeCloseTo(0.5 - 0.075, 12); // seeds 0 and 1: −0.05 and −0.10
    expect(first[5]).toBeGreaterThan(0);
    expect(first[7]).toBeCloseTo(0.5 - 0.075 - 0.1, 12);
    const json = c.resultJson()!;
    expect(json.cell).toEqual({ id: 'curve', type: 'curve', title: 'A curve' });
    expect(json.params).toEqual(c.params);
    expect(json.outputs).toEqual(c.outputs);
    expect((json.result as { trials: unknown[] }).trials).toHaveLength(12);
    expect(JSON.parse(resultJsonText(json)).cell.id).toBe('curve');
  });
});

describe('PlaygroundCellState: the points with their labels and the model’s predictions', () => {
  it('predicts each point from the grid cell holding it; nothing before a fit', async () => {
    const grid = 4;
    // Class 1 on the right half of the grid, class 0 on the left.
    const probabilities = new Float32Array(grid * grid * 2);
    for (let j = 0; j < grid; j++) {
      for (let i = 0; i < grid; i++) probabilities[(j * grid + i) * 2 + (i >= grid / 2 ? 1 : 0)] = 1;
    }
    const fit: ToyFitResult = {
      accuracy: 0.8,
      trainAccuracy: 0.9,
      memberAccuracies: [0.8],
      testPredictions: new Int32Array(0),
      probabilities,
      grid,
      iterations: 1,
      backend: 'test',
    };
    const cell = new PlaygroundCellState(
      { type: 'playground', id: 'toy', title: '', line: 1, params: { ...PLAYGROUND_DEFAULTS, points: 20, noise: 0.2 } },
      { fitToy: async () => fit },
    );
    expect(cell.resultTables()).toEqual([]);
    await cell.fit();
    const [table] = cell.resultTables();
    expect(table!.columns).toEqual(['x', 'y', 'true_label', 'given_label', 'wrong_label', 'predicted']);
    expect(table!.rows).toHaveLength(20);
    const { x } = cell.bounds;
    const middle = (x[0] + x[1]) / 2;
    for (const [px, , truth, given, wrong, predicted] of table!.rows) {
      expect(predicted).toBe((px as number) >= middle ? 1 : 0);
      expect(wrong).toBe(truth !== given);
    }
    expect(table!.rows.filter((r) => r[4]).length).toBe(cell.wrongLabels);
    const json = cell.resultJson()!;
    expect((json.result as { points: unknown[]; accuracy: number }).points).toHaveLength(20);
    expect((json.result as { accuracy: number }).accuracy).toBe(0.8);
  });
});

describe('ReviewCellState: the flagged items (and the budget curve once drawn)', () => {
  it('lists every flagged item, most suspect first, with the truth and the reader’s decision', async () => {
    const cell = new ReviewCellState(
      { type: 'review', id: 'review', title: '', line: 1, params: { ...REVIEW_DEFAULTS, size: 90, folds: 3 } },
      fakeReviewDeps(),
      () => 0,
    );
    expect(cell.resultTables()).toEqual([]);
    await cell.run();
    cell.decide(cell.items[0]!.position, { kind: 'remove' });
    const tables = cell.resultTables();
    expect(tables.map((t) => t.name)).toEqual(['flagged items']);
    const [items] = tables;
    expect(items!.rows).toHaveLength(cell.items.length);
    expect(items!.rows.length).toBeGreaterThan(0);
    expect(items!.rows.map((r) => r[0])).toEqual(cell.items.map((_, i) => i + 1));
    const decision = items!.columns.indexOf('decision');
    expect(items!.rows[0]![decision]).toBe('remove');
    expect(items!.rows[1]?.[decision] ?? '').toBe('');
    const json = cell.resultJson()!;
    expect((json.result as { flagged: unknown[] }).flagged).toHaveLength(cell.items.length);
    await cell.drawBudget();
    const budget = cell.resultTables().find((t) => t.name === 'budget curve');
    expect(budget?.columns).toEqual(['order', 'budget', 'accuracy', 'corrected']);
    expect(budget!.rows.length).toBe(cell.budget!.series.reduce((n, s) => n + s.points.length, 0));
  });
});

describe('LabelersCellState: per-class agreement', () => {
  it('one row per class, worst first, with its name and (after revising) the new agreement', async () => {
    const dataset = fakeFashion();
    const deps: CellDeps = {
      loadDataset: async () => dataset,
      trainer: {
        runTrial: unused,
        fitToy: unused,
        predictHeldOut: unused,
        fitAndEvaluate: async (): Promise<EvaluateResult> => Promise.reject(new Error('not used')),
      },
    };
    const cell = new LabelersCellState(
      { type: 'labelers', id: 'labelers', title: '', line: 1, params: { ...LABELERS_DEFAULTS, items: 600 } },
      deps,
      () => 0,
    );
    expect(cell.resultTables()).toEqual([]);
    await cell.load();
    const [table] = cell.resultTables();
    expect(table!.columns).toEqual(['class', 'name', 'agreement', 'ratings', 'revised', 'agreement_after_revision']);
    expect(table!.rows).toHaveLength(10);
    expect(table!.rows[0]![1]).toBe(cell.outputs.worstClass);
    expect(table!.rows[0]![2]).toBe(cell.before!.perClass[0]!.agreement);
    expect(table!.rows.every((r) => r[5] === null && r[4] === false)).toBe(true);
    cell.revise([6]);
    const revised = cell.resultTables()[0]!;
    const shirt = revised.rows.find((r) => r[1] === 'Shirt')!;
    expect(shirt[4]).toBe(true);
    expect(typeof shirt[5]).toBe('number');
    expect((cell.resultJson()!.result as { revised: number[] }).revised).toEqual([6]);
  });
});

describe('WorthCellState: the learning curve and the noise sensitivity', () => {
  it('one table each, from the report on screen', () => {
    const cell = new WorthCellState(
      { type: 'worth', id: 'cars', title: '', line: 1, params: WORTH_DEFAULTS },
      undefined,
    );
    expect(cell.resultTables()).toEqual([]);
    const worth = fakeWorth();
    expect(
      cell.restoreState({ params: { ...WORTH_DEFAULTS }, result: { params: WORTH_DEFAULTS, worth, seconds: 2 } }),
    ).toEqual([]);
    const [curve, sensitivity] = cell.resultTables();
    expect(curve!.name).toBe('learning curve');
    expect(curve!.rows).toEqual(worth.curve.map((p) => [p.fraction, p.size, p.accuracy, p.corrected, p.truth]));
    expect(sensitivity!.name).toBe('noise sensitivity');
    expect(sensitivity!.rows).toEqual(
      worth.sensitivity.points.map((p) => [p.extra, p.noise, p.accuracy, p.corrected, p.truth]),
    );
    const json = cell.resultJson()!;
    expect((json.result as { report: unknown }).report).toEqual(worth.report);
  });
});

describe('CodeCellState: the returned table, number or text', () => {
  const cellReturning = (result: CodeRunResult) =>
    new CodeCellState({ type: 'code', id: 'code', title: '', line: 1, params: { code: 'return 1' } }, () => ({
      run: async () => result,
      dispose: () => {},
    }));

  it('a table comes back as is; a number as one value; a chart gives its data as rows (lines: series, x, y; bars: label, value)', async () => {
    const table = cellReturning({
      ok: true,
      value: { kind: 'table', columns: ['training', 'accuracy'], rows: [['500 clean', 0.95]], omitted: 0 },
      logs: [],
    });
    expect(table.resultTables()).toEqual([]);
    await table.run();
    expect(table.resultTables()).toEqual([
      { name: 'table', columns: ['training', 'accuracy'], rows: [['500 clean', 0.95]] },
    ]);
    const number = cellReturning({ ok: true, value: { kind: 'number', value: 3 }, logs: [] });
    await number.run();
    expect(number.resultTables()).toEqual([{ name: 'value', columns: ['value'], rows: [[3]] }]);
    const plot = cellReturning({
      ok: true,
      value: {
        kind: 'plot',
        plot: {
          type: 'line',
          title: '',
          xLabel: 'training examples',
          yLabel: '',
          series: [
            {
              name: 'train',
              points: [
                { x: 25, y: 1 },
                { x: 50, y: 0.99 },
              ],
            },
            { name: 'test', points: [{ x: 25, y: 0.7 }] },
          ],
        },
      },
      logs: [],
    });
    await plot.run();
    expect(plot.resultTables()).toEqual([
      {
        name: 'chart',
        columns: ['series', 'training examples', 'y'],
        rows: [
          ['train', 25, 1],
          ['train', 50, 0.99],
          ['test', 25, 0.7],
        ],
      },
    ]);
    const bars = cellReturning({
      ok: true,
      value: {
        kind: 'plot',
        plot: {
          type: 'bar',
          title: 'T',
          xLabel: 'action',
          yLabel: 'accuracy',
          bars: [{ label: 'as it is', value: 0.5 }],
        },
      },
      logs: [],
    });
    await bars.run();
    expect(bars.resultTables()).toEqual([
      { name: 'chart', columns: ['action', 'accuracy'], rows: [['as it is', 0.5]] },
    ]);
    expect((plot.resultJson()!.result as { value: { kind: string } }).value.kind).toBe('plot');
    expect(plot.resultJson()!.params).toEqual({ code: 'return 1' });
  });
});
