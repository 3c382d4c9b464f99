/**
 * Lesson 7's words must match what its cells compute. Run the playground and
 * the lesson's own code cells, exactly as written, with the same engine in
 * Node, and check each sentence the prose says about them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundCellSpec } from '../../src/notebook/types.ts';
import { PlaygroundCellState } from '../../src/state/playgroundCell.svelte.ts';
import { fitToy } from '../../src/model/fitToy.ts';
import { initBackend } from '../../src/model/backend.ts';
import type { CodeApi, CodeValue } from '../../src/workers/codeProtocol.ts';
import { nodeCodeApi, readLessonFile } from '../support/lessonFile.ts';

const file = 'lessons/07-small-data-and-overfitting.md';
const { cells, code, proseHtml: prose } = readLessonFile(file);

describe(`${file}: claims`, () => {
  let api: CodeApi;
  const run = async (id: string): Promise<CodeValue> => {
    const result = await api.run(code(id));
    if (!result.ok) throw new Error(`${id}: ${result.failure.message} (line ${result.failure.line})`);
    return result.value;
  };

  beforeAll(async () => {
    await initBackend('wasm');
    api = await nodeCodeApi();
  });

  it('the playground fits every given label, wrong ones included, and scores lower on clean test points; fixing the labels raises the test score', async () => {
    const spec = cells.find((c) => c.id === 'memo');
    if (spec?.type !== 'playground') throw new Error('lesson 7 has no playground "memo"');
    const cell = new PlaygroundCellState(spec as PlaygroundCellSpec, { fitToy: (r, o) => fitToy(r, o) });
    await cell.fit();
    const noisy = cell.outputs;
    expect(noisy.wrongLabels).toBeGreaterThan(0);
    expect(noisy.trainAccuracy).toBe(1);
    expect(noisy.accuracy!).toBeLessThan(noisy.trainAccuracy! - 0.1);
    cell.cleanAll();
    await cell.fit();
    expect(cell.outputs.trainAccuracy).toBe(1);
    expect(cell.outputs.accuracy!).toBeGreaterThan(noisy.accuracy!);
  }, 120_000);

  it('the train line sits at 100% at 25 examples; the test line climbs towards it and the seeds spread less as the data grows', async () => {
    const value = await run('overfit');
    if (value.kind !== 'plot' || value.plot.type !== 'line') throw new Error(`overfit returned ${value.kind}`);
    const series = (name: string) =>
      value.plot.type === 'line' && value.plot.series.find((s) => s.name === name)!.points;
    const train = series('train') || [];
    const test = series('test') || [];
    const worst = series('test, worst seed') || [];
    const best = series('test, best seed') || [];
    expect(train[0]!.y).toBe(1);
    const gap = (i: number) => train[i]!.y - test[i]!.y;
    const spread = (i: number) => best[i]!.y - worst[i]!.y;
    const last = test.length - 1;
    expect(gap(0)).toBeGreaterThan(0.1);
    expect(gap(last)).toBeLessThan(gap(0) / 2);
    expect(test[last]!.y).toBeGreaterThan(test[0]!.y);
    expect(spread(last)).toBeLessThan(spread(0));
    expect(prose).toMatch(/the network gets every one of them right/);
  }, 120_000);

  it('the gap cell is the mean train-minus-test gap at 25 examples, in points, and it is large', async () => {
    const value = await run('gap');
    expect(value.kind).toBe('number');
    expect(value.kind === 'number' && value.value).toBeGreaterThan(10);
  }, 120_000);

  it('both models fit 25 digits perfectly; only the test column tells them apart', async () => {
    const value = await run('models');
    if (value.kind !== 'table') throw new Error(`models returned ${value.kind}`);
    const col = (name: string) => value.columns.indexOf(name);
    const small = value.rows.filter((r) => r[col('size')] === 25);
    expect(small.map((r) => r[col('model')])).toEqual(['logreg', 'mlp']);
    for (const row of small) {
      expect(row[col('train')]).toBe(1);
      expect(row[col('test')] as number).toBeLessThan(0.9);
    }
    expect(prose).toMatch(/Both models fit 25 digits perfectly/);
  }, 120_000);
});
