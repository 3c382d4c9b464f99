/**
 * Lesson 4's words must match what its review cell computes. Most numbers in
 * the prose are live ({{review.key}}); this holds the rest: the cell's
 * settings ("20% of the labels of 1,000 digits"), that every live reference
 * gets a value once the reader has run, reviewed and retrained, and the
 * qualitative claims — the predicted_neq_given filter loses precision, noisy
 * test labels make a model look worse than it is, confident learning's order
 * beats random order. The cell state runs in Node on the worker's own API
 * (wasm), exactly as in the browser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { CELL_OUTPUTS } from '../../src/notebook/cellSchemas.ts';
import type { ReviewCellSpec } from '../../src/notebook/types.ts';
import { ReviewCellState } from '../../src/state/reviewCell.svelte.ts';
import type { CellDeps } from '../../src/state/cellDeps.ts';
import { createTrainerApi } from '../../src/workers/trainerApi.ts';
import { DATA_DIR, loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../../src/cli/quietTfjsBanner.ts';

quietTfjsBanner();

const file = 'lessons/04-finding-label-errors.md';
const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const lesson = parseLesson(source, file);

function reviewSpec(): ReviewCellSpec {
  const block = lesson.blocks.find((b) => b.kind === 'cell' && b.cell.id === 'review');
  if (block?.kind !== 'cell' || block.cell.type !== 'review') throw new Error(`${file} has no review cell "review"`);
  return block.cell;
}

/** The worker's API, in this process: the same training code the browser cell calls. */
async function nodeDeps(): Promise<CellDeps> {
  const api = createTrainerApi({ loadDataset: (name, dir) => loadDatasetFile(name, dir) });
  const info = await api.init({ backend: 'wasm', dataUrl: DATA_DIR });
  expect(info.name).toBe('wasm');
  let id = 0;
  const unused = () => Promise.reject(new Error('not used by the review cell'));
  return {
    loadDataset: (name) => loadDatasetFile(name),
    trainer: {
      runTrial: unused,
      fitToy: unused,
      predictHeldOut: (request, options) => api.predictHeldOut(`r${id++}`, request, options?.onProgress),
      fitAndEvaluate: (request, options) => api.fitAndEvaluate(`r${id++}`, request, options?.onProgress),
    },
  };
}

describe(`${file}: claims`, () => {
  const spec = reviewSpec();
  let cell: ReviewCellState;
  let precisionDefault: number;

  beforeAll(async () => {
    cell = new ReviewCellState(spec, await nodeDeps());
    await cell.run();
    expect(cell.status.kind).toBe('done');
    precisionDefault = cell.outputs.precision as number;
  }, 180_000);

  it('the cell is what the prose says: 20% of the labels of 1,000 digits flipped, 5 folds', () => {
    expect(source).toContain('20% of the labels of 1,000 digits have been flipped');
    expect(spec.params).toMatchObject({
      dataset: 'digits',
      noise: { kind: 'uniform', rate: 0.2 },
      size: 1000,
      folds: 5,
      filter: 'prune_by_noise_rate',
    });
    expect(cell.outputs.trueNoise).toBe(0.2);
    expect(cell.result?.flipped).toHaveLength(200);
  });

  it('confident learning finds most of the wrong labels, and estimates the noise rate near the truth', () => {
    const [flagged, truePositives, precision, recall, estimatedNoise] = [
      'flagged',
      'truePositives',
      'precision',
      'recall',
      'estimatedNoise',
    ].map((key) => Number(cell.outputs[key])) as [number, number, number, number, number];
    expect(flagged).toBeGreaterThan(0);
    expect(truePositives).toBeLessThanOrEqual(flagged);
    // cleanlab on 5-fold logistic-regression probabilities: precision 0.91, recall 0.90 (DESIGN.md §6).
    expect(precision).toBeGreaterThan(0.8);
    expect(recall).toBeGreaterThan(0.8);
    expect(Math.abs(estimatedNoise - 0.2)).toBeLessThan(0.05);
  });

  it('every {{review.key}} in the prose is an output of the cell, with a value once reviewed and retrained', async () => {
    const refs = [...source.matchAll(/\{\{\s*review\.(\w+)\s*\}\}/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(cell.outputs).sort()).toEqual([...CELL_OUTPUTS.review].sort());
    // Review the first 50 flagged items by accepting the model's suggestion, then retrain.
    for (const item of cell.items.slice(0, 50)) cell.accept(item.position);
    await cell.retrain();
    expect(cell.status.kind).toBe('done');
    for (const key of refs) {
      expect(Object.keys(cell.outputs), key).toContain(key);
      expect(cell.outputs[key], key).not.toBeNull();
    }
    expect(cell.outputs).toMatchObject({ reviewed: 50, fixed: 50 });
  }, 120_000);

  it('retraining on the reviewed labels moves clean-test accuracy up', () => {
    const outcome = cell.retrained!;
    expect(outcome.after.accuracy).toBeGreaterThan(outcome.before.accuracy);
  });

  it('“Measured against test labels with the same noise, a model looks worse than it is”', () => {
    const { before, after } = cell.retrained!;
    expect(before.accuracyNoisyTest).not.toBeNull();
    expect(before.accuracyNoisyTest!).toBeLessThan(before.accuracy - 0.1);
    expect(after.accuracyNoisyTest!).toBeLessThan(after.accuracy - 0.1);
  });

  it('the cleaning budget: confident-learning order corrects more and scores higher than random; the oracle reaches clean', async () => {
    await cell.drawBudget();
    expect(cell.status.kind).toBe('done');
    const chart = cell.budget!;
    const series = (order: string) => chart.series.find((s) => s.order === order)!.points;
    const at = chart.budgets.indexOf(chart.budgets.reduce((a, b) => (Math.abs(b - 200) < Math.abs(a - 200) ? b : a)));
    const [confident, random, oracle] = [series('confident')[at]!, series('random')[at]!, series('oracle')[at]!];
    expect(confident.corrected).toBeGreaterThan(2 * random.corrected);
    expect(oracle.corrected).toBe(200);
    expect(confident.accuracy!).toBeGreaterThan(random.accuracy!);
    expect(oracle.accuracy).toBe(chart.clean);
  }, 180_000);

  it('switching the filter to predicted_neq_given flags more labels and precision drops', async () => {
    const flagged = cell.outputs.flagged as number;
    cell.setParams({ filter: 'predicted_neq_given' });
    await cell.run();
    expect(cell.status.kind).toBe('done');
    expect(cell.outputs.flagged as number).toBeGreaterThan(flagged);
    expect(cell.outputs.precision as number).toBeLessThan(precisionDefault);
  }, 180_000);
});
