import { beforeAll, describe, expect, it, vi } from 'vitest';
import { STREAM_FOLDS, foldSplits } from '../../src/engine/confident/outOfFold.ts';
import { createRandom, randomNormal } from '../../src/engine/random.ts';
import { fitFeaturizer } from '../../src/engine/table/featurize.ts';
import { checkLabels, inferColumnTypes, parseTable } from '../../src/engine/table/index.ts';
import { initBackend } from '../../src/model/backend.ts';
import { detectTableIssues, type PreparedTable, type TabularProgress } from '../../src/model/tabular.ts';
import { tableLearningCurve } from '../../src/model/tabularCurve.ts';
import { foldTrainingRows } from '../../src/model/tabularFolds.ts';
import { analyseTable } from '../../src/model/tabularWorth.ts';

// Spy on the featurizer the driver fits, to see which rows each fit saw.
vi.mock('../../src/engine/table/featurize.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/engine/table/featurize.ts')>();
  return { ...actual, fitFeaturizer: vi.fn(actual.fitFeaturizer) };
});

const CLASSES = ['bird', 'cat', 'dog'];

/**
 * A synthetic CSV: an id column (left out as an ID), two numeric features
 * (x1 separates the classes, x2 is noise), a categorical column that leans
 * towards the class, about 5% missing cells, and the label last.
 */
function syntheticCsv(n: number, seed = 1): string {
  const random = createRandom(seed);
  const lines = ['id,x1,x2,colour,label'];
  for (let i = 0; i < n; i++) {
    const c = i % CLASSES.length;
    const x1 = random() < 0.05 ? '' : (3 * c + randomNormal(random)).toFixed(3);
    const x2 = randomNormal(random).toFixed(3);
    const colour = random() < 0.05 ? 'NA' : random() < 0.7 ? ['red', 'green', 'blue'][c]! : 'grey';
    lines.push(`${i + 1},${x1},${x2},${colour},${CLASSES[c]}`);
  }
  return `${lines.join('\n')}\n`;
}

function prepare(text: string, folds = 5): PreparedTable {
  const table = parseTable(text, { random: createRandom(0) });
  const labels = checkLabels(table, { column: table.header.length - 1, folds });
  return { table, columns: inferColumnTypes(table), labels };
}

const fitSpy = vi.mocked(fitFeaturizer);
/** The ids (first cell) of the rows each fitFeaturizer call since `from` was given. */
const fittedIds = (from: number): number[][] =>
  fitSpy.mock.calls.slice(from).map(([rows]) => rows.map((row) => Number(row[0])));

describe('tabular driver (wasm backend)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  const prepared = prepare(syntheticCsv(90));

  it('the synthetic table: id left out, x1, x2 and colour used as features', () => {
    expect(prepared.columns.map((c) => [c.name, c.type, c.included])).toEqual([
      ['id', 'id', false],
      ['x1', 'numeric', true],
      ['x2', 'numeric', true],
      ['colour', 'categorical', true],
      ['label', 'categorical', true],
    ]);
  });

  it('detectTableIssues fits one featurizer per fold and model setting, on exactly that fold’s training rows', async () => {
    const from = fitSpy.mock.calls.length;
    await detectTableIssues(prepared, { folds: 5, seed: 3, model: 'logreg' });
    const splits = foldSplits(prepared.labels.y, { folds: 5, random: createRandom(3, STREAM_FOLDS) });
    const calls = fittedIds(from);
    // 4 logistic-regression settings (CANDIDATES) × 5 folds, fold after fold for each setting.
    expect(calls).toHaveLength(20);
    // Row i of the labelled rows has id i + 1 (every row has a label).
    calls.forEach((ids, call) => {
      const f = call % 5;
      expect([...ids].sort((a, b) => a - b)).toEqual(Array.from(splits[f]!.train, (i) => i + 1));
      const holdout = new Set(Array.from(splits[f]!.holdout, (i) => i + 1));
      expect(ids.some((id) => holdout.has(id))).toBe(false);
    });
  });

  it('analyseTable: no featurizer of the nested cleaning ever sees the outer fold’s held-out rows', async () => {
    const from = fitSpy.mock.calls.length;
    await analyseTable(prepared, { folds: 3, seed: 5, model: 'logreg', repeats: 1, resamples: 50, extraNoise: [] });
    const splits = foldSplits(prepared.labels.y, { folds: 3, random: createRandom(5, STREAM_FOLDS) });
    const calls = fittedIds(from);
    const holdouts = splits.map((s) => new Set(Array.from(s.holdout, (i) => i + 1)));
    // Every fit is on rows inside one outer fold's training rows (the inner folds cut them further).
    for (const ids of calls) {
      expect(holdouts.some((holdout) => ids.every((id) => !holdout.has(id)))).toBe(true);
    }
    // The inner cross-validation fits (4 inner folds per outer fold) are on ¾ of an outer training fold.
    const inner = calls.filter((ids) => ids.length < 50 && ids.length > 40);
    expect(inner.length).toBeGreaterThanOrEqual(12);
  });

  it('tableLearningCurve fits the featurizer on the fold’s training subset only, not the whole fold', async () => {
    const from = fitSpy.mock.calls.length;
    const curve = await tableLearningCurve(prepared, { folds: 3, seed: 2, fractions: [0.5] });
    const splits = foldSplits(prepared.labels.y, { folds: 3, random: createRandom(2, STREAM_FOLDS) });
    const calls = fittedIds(from);
    expect(calls).toHaveLength(3);
    calls.forEach((ids, f) => {
      const subset = foldTrainingRows(splits[f]!, { fraction: 0.5, seed: 2, fold: f, classes: 3 });
      expect(ids).toEqual(Array.from(subset, (i) => i + 1));
      expect(ids.length).toBe(Math.round(0.5 * splits[f]!.train.length));
    });
    expect(curve.sizes[0]).toBeCloseTo(calls.reduce((sum, ids) => sum + ids.length, 0) / 3, 10);
  });

  it('analyseTable: the report, curve, sensitivity and issues fit together', async () => {
    const progress: TabularProgress[] = [];
    const result = await analyseTable(prepared, {
      folds: 5,
      seed: 0,
      resamples: 200,
      model: 'logreg',
      onProgress: (p) => progress.push(p),
    });
    // 4 settings × 5 folds to choose the model; then 2 splits × 5 folds × (3 curve fractions + 4 inner + 1 cleaned),
    // 5 more for the second split's full cross-validation, 2 extra-noise levels × 5.
    const fits = 20 + 2 * 5 * 8 + 5 + 10;
    expect(result.fits).toBe(fits);
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: fits }, (_, i) => i + 1));
    expect(new Set(progress.map((p) => p.total))).toEqual(new Set([fits]));
    // Progress is also paced by training rows: rising, ending at the rows planned (within rounding of fold sizes).
    const work = progress.map((p) => p.work ?? NaN);
    expect(work).toEqual([...work].sort((a, b) => a - b));
    const planned = progress[0]!.totalWork!;
    expect(work.at(-1)! / planned).toBeGreaterThan(0.97);
    expect(work.at(-1)!).toBeLessThanOrEqual(planned);
    // The 20 selection fits train on 72 rows each; a curve fit on 1/8 of them far fewer.
    expect(work[19]).toBe(20 * 72);
    expect(result.summary).toMatchObject({ rows: 90, folds: 5, features: ['x1', 'x2', 'colour'], label: 'label' });
    expect(result.baseline.accuracy).toBeGreaterThan(0.6); // 3 classes: chance is 1/3
    const sizes = result.curve.map((p) => p.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(sizes.at(-1)).toBe(72); // 4/5 of 90 rows
    expect(result.curve.at(-1)!.accuracy).toBe(result.baseline.accuracy);
    expect(result.sensitivity.points.map((p) => p.extra)).toEqual([0, 0.1, 0.2]);
    const { report, noise, detection } = result;
    expect(noise.low).toBeLessThanOrEqual(noise.estimate);
    expect(noise.high).toBeGreaterThanOrEqual(noise.estimate);
    expect(report.accuracyNow?.estimate).toBe(result.baseline.corrected);
    expect(report.accuracyAfterCleaning?.estimate).toBe(result.afterCleaning.corrected);
    expect(report.suspected).toBe(detection.flagged);
    // The suspects are capped at the estimated number of wrong labels.
    expect(detection.flagged).toBeLessThanOrEqual(Math.round(noise.estimate * 90));
    expect(detection.issues).toHaveLength(detection.flagged);
    for (const issue of detection.issues) {
      expect(issue.row).toBe(issue.position + 2); // header is row 1, no blank lines
      expect(CLASSES).toContain(issue.given);
      expect(CLASSES).toContain(issue.suggested);
      expect(issue.injected).toBeNull();
    }
    expect(result.injected).toBeNull();
    expect(result.baseline.truth).toBeNull();
  });

  it('analyseTable is deterministic for a seed', async () => {
    const options = { folds: 3, seed: 7, resamples: 100, injectNoise: 0.2, model: 'logreg', repeats: 1 } as const;
    const a = await analyseTable(prepared, options);
    const b = await analyseTable(prepared, options);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('detectTableIssues with injected noise scores the flags against the flipped rows', async () => {
    const result = await detectTableIssues(prepared, { folds: 5, seed: 0, injectNoise: 0.2, model: 'logreg' });
    const injected = result.injected!;
    expect(injected.kind).toBe('uniform');
    expect(injected.flipped).toHaveLength(18); // round(0.2 · 90)
    expect(injected.trueNoiseRate).toBeCloseTo(0.2, 12);
    expect(injected.flippedRows).toEqual(Array.from(injected.flipped, (i) => i + 2));
    expect(injected.flags.flagged).toBe(result.detection.flagged);
    const marked = result.detection.issues.filter((x) => x.injected).length;
    expect(marked).toBe(injected.flags.truePositives);
    expect(injected.flags.recall).toBeCloseTo(marked / 18, 12);
  });

  it('analyseTable stops with an AbortError when the signal fires between fits', async () => {
    const controller = new AbortController();
    let fits = 0;
    const run = analyseTable(prepared, {
      folds: 5,
      resamples: 50,
      model: 'logreg',
      signal: controller.signal,
      onProgress: ({ done }) => {
        fits = done;
        if (done === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(fits).toBe(3);
  });

  it('an already-aborted signal stops before the first fit', async () => {
    const onProgress = vi.fn();
    await expect(detectTableIssues(prepared, { signal: AbortSignal.abort(), onProgress })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(onProgress).not.toHaveBeenCalled();
  });

  it('a held-out row never shapes the features it is predicted from (constructed leakage case)', async () => {
    // One extreme value in x2: fitted on all rows, it would shift every fold's standardization.
    const text = syntheticCsv(60, 4).replace(/\n(1,[^,]*),[^,]*,/, '\n$1,100000,');
    const table = prepare(text, 3);
    const from = fitSpy.mock.calls.length;
    await detectTableIssues(table, { folds: 3, seed: 0, model: 'logreg' });
    const fitted = fitSpy.mock.results.slice(from).map((r) => r.value as ReturnType<typeof fitFeaturizer>);
    const calls = fittedIds(from);
    calls.forEach((ids, f) => {
      const x2 = fitted[f]!.encoders.find((e) => e.name === 'x2');
      if (x2?.kind !== 'numeric') throw new Error('x2 should be numeric');
      // The fold holding row id 1 out has a mean of a few units; the others see the outlier.
      expect(x2.mean > 1000).toBe(ids.includes(1));
    });
  });
});
