import { describe, expect, it } from 'vitest';
import { ReviewCellState, REVIEW_ORDERS } from '../../src/state/reviewCell.svelte.ts';
import { CELL_OUTPUTS, REVIEW_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import type { ReviewCellSpec, ReviewParams } from '../../src/notebook/types.ts';
import type { EvaluateRequest } from '../../src/workers/protocol.ts';
import { FAKE_POOL, fakeAccuracy, fakeReviewDeps, flush, type FakeReviewDeps } from '../support/fakeReviewDeps.ts';

const SIZE = 90;
const FOLDS = 3;

/** The cell's parameters: one training set for the budget unless a test asks for more. */
const spec = (patch: Partial<ReviewParams> = {}): ReviewCellSpec => ({
  type: 'review',
  id: 'review',
  title: 'Find and fix',
  line: 1,
  params: { ...REVIEW_DEFAULTS, size: SIZE, folds: FOLDS, seeds: 1, ...patch },
});

function cellWith(deps: FakeReviewDeps, patch: Partial<ReviewParams> = {}) {
  return new ReviewCellState(spec(patch), deps, () => 0);
}

/** A cell that has finished one detection with the instant fake. */
async function detected(options: Parameters<typeof fakeReviewDeps>[0] = {}, patch: Partial<ReviewParams> = {}) {
  const deps = fakeReviewDeps(options);
  const cell = cellWith(deps, patch);
  await cell.run();
  return { cell, deps };
}

/** Resolves every pending request of the held fake, in order, until none are left. */
async function resolveAll(deps: FakeReviewDeps) {
  await flush();
  while (deps.pending.length) {
    deps.pending.shift()!.resolve();
    await flush();
  }
}

const sorted = (values: Iterable<number>) => [...values].sort((a, b) => a - b);

describe('ReviewCellState.run()', () => {
  it('finds the flipped labels and lists them ranked, most suspect first, with the model’s suggestion', async () => {
    const { cell, deps } = await detected();
    expect(cell.status.kind).toBe('done');
    const run = cell.result!;
    expect(run.rows).toHaveLength(SIZE);
    // 20% uniform noise: exactly round(0.2 · 90) = 18 flips, each to another class.
    expect(run.flipped).toHaveLength(18);
    for (const p of run.flipped) expect(run.given[p]).not.toBe(run.truth[p]);
    // The fake's held-out probabilities put 0.8 on the true class: every flip is flagged, nothing else.
    expect(sorted(cell.items.map((i) => i.position))).toEqual(sorted(run.flipped));
    expect(cell.items.map((i) => i.rank)).toEqual(cell.items.map((_, i) => i));
    for (let i = 1; i < cell.items.length; i++) {
      expect(cell.items[i]!.score).toBeGreaterThanOrEqual(cell.items[i - 1]!.score);
    }
    for (const item of cell.items) {
      expect(item.row).toBe(run.rows[item.position]);
      expect(item.given).toBe(run.given[item.position]);
      expect(item.suggested).toBe(item.truth);
      expect(item.score).toBeCloseTo(0.1, 6);
      expect(item.suggestedProbability).toBeCloseTo(0.8, 6);
    }
    // One held-out prediction per fold; the folds cover the training set once, never training on what they predict.
    expect(deps.calls.predict).toHaveLength(FOLDS);
    const predicted = deps.calls.predict.flatMap((r) => [...r.predictRows]);
    expect(sorted(predicted)).toEqual(sorted(run.rows));
    for (const request of deps.calls.predict) {
      const held = new Set(request.predictRows);
      expect(request.trainRows.some((row) => held.has(row))).toBe(false);
    }
  });

  it('publishes the outputs the lesson references: flags scored against the truth, estimated vs true noise', async () => {
    const { cell } = await detected();
    expect(Object.keys(cell.outputs).sort()).toEqual([...CELL_OUTPUTS.review].sort());
    expect(cell.outputs).toMatchObject({
      flagged: 18,
      truePositives: 18,
      precision: 1,
      recall: 1,
      f1: 1,
      trueNoise: 0.2,
      reviewed: 0,
      fixed: 0,
      accuracyBefore: null,
      accuracyAfter: null,
      // The budget's settings are known at once; its measurements only once it is drawn.
      budgetSeeds: 1,
      budgetAt: 18,
      budgetNoisyAccuracy: null,
      budgetCleanAccuracy: null,
      budgetConfidentAccuracy: null,
      budgetRandomAccuracy: null,
      paysFrom: null,
    });
    expect(cell.outputs.estimatedNoise).toBeCloseTo(0.2, 6);
  });

  it('scores false alarms: rows the model gets wrong are flagged too, and precision drops', async () => {
    // Rows ≡ 0 (mod 10) of the pool look like another class to the fake model.
    const { cell } = await detected({ wrongRows: (row) => row % 10 === 0 && row < FAKE_POOL });
    const run = cell.result!;
    const flipped = new Set(run.flipped);
    const falseAlarms = cell.items.filter((i) => !flipped.has(i.position));
    expect(falseAlarms.length).toBeGreaterThan(0);
    expect(cell.outputs.precision).toBeLessThan(1);
    expect(cell.outputs.flagged).toBe(cell.items.length);
    expect(cell.outputs.truePositives).toBe(cell.items.length - falseAlarms.length);
  });

  it('reports progress in folds, counting the fraction of folds in flight', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const cell = cellWith(deps);
    const done = cell.run();
    await flush();
    expect(cell.status.kind).toBe('running');
    expect(cell.task).toBe('detect');
    // Every fold reported iteration 1 of 2.
    expect(cell.progress).toMatchObject({ task: 'detect', done: 0, total: FOLDS, unit: 'folds' });
    expect(cell.progress.fraction).toBeCloseTo(0.5, 6);
    deps.pending.shift()!.resolve();
    await flush();
    expect(cell.progress.done).toBe(1);
    expect(cell.progress.fraction).toBeCloseTo((1 + 2 * 0.5) / FOLDS, 6);
    await resolveAll(deps);
    await done;
    expect(cell.status.kind).toBe('done');
    expect(cell.progress.fraction).toBe(1);
  });

  it('refuses to run while the parameters have problems, and keeps the valid ones', async () => {
    const deps = fakeReviewDeps();
    const cell = cellWith(deps);
    cell.setParams({ folds: 1, size: Number.NaN });
    expect(cell.problems.map((p) => p.split(':')[0])).toEqual(['size', 'folds']);
    expect(cell.params).toMatchObject({ folds: FOLDS, size: SIZE });
    await cell.run();
    expect(deps.calls.load).toEqual([]);
    expect(cell.status.kind).toBe('idle');
    expect(cell.result).toBeNull();
    cell.setParams({ folds: 4, size: 60 });
    expect(cell.problems).toEqual([]);
    await cell.run();
    expect(cell.status.kind).toBe('done');
    expect(cell.result?.rows).toHaveLength(60);
    expect(deps.calls.predict).toHaveLength(4);
  });

  it('says which data set failed to load, and how to recover', async () => {
    const deps = fakeReviewDeps();
    deps.failLoad('HTTP 404');
    const cell = cellWith(deps);
    await cell.run();
    expect(cell.status).toEqual({
      kind: 'error',
      runId: 1,
      message: 'Could not load the digits data set (HTTP 404). Check the connection and run again.',
    });
    expect(cell.result).toBeNull();
    await cell.run();
    expect(cell.status.kind).toBe('done');
  });

  it('a failing fold fails the run with its message, and the previous result stays', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const cell = cellWith(deps);
    const first = cell.run();
    await resolveAll(deps);
    await first;
    const previous = cell.result;
    cell.setParams({ seed: 3 });
    const second = cell.run();
    await flush();
    deps.pending.shift()!.reject(new Error('wasm trap'));
    await second;
    expect(cell.status).toMatchObject({ kind: 'error', message: 'Finding label issues failed: wasm trap' });
    expect(cell.result).toBe(previous);
    // The rest of that run's folds were cancelled.
    expect(deps.pending.every((p) => p.signal?.aborted)).toBe(true);
  });

  it('Cancel stops the run at once and keeps the previous result and decisions', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const cell = cellWith(deps);
    const first = cell.run();
    await resolveAll(deps);
    await first;
    const previous = cell.result;
    cell.accept(cell.items[0]!.position);
    cell.setParams({ seed: 7 });
    void cell.run();
    await flush();
    deps.pending.shift()!.resolve();
    await flush();
    expect(cell.progress.done).toBe(1);
    cell.cancel();
    await flush();
    expect(cell.status).toEqual({ kind: 'idle', note: 'cancelled' });
    expect(cell.busy).toBe(false);
    expect(deps.pending.every((p) => p.signal?.aborted)).toBe(true);
    expect(cell.result).toBe(previous);
    expect(cell.decisions.size).toBe(1);
    expect(cell.progress).toMatchObject({ done: 1, total: FOLDS, unit: 'folds' });
  });

  it('the latest request wins: a second Run cancels the first, whose late answers are ignored', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const cell = cellWith(deps);
    const first = cell.run();
    await flush();
    const firstFolds = deps.pending.splice(0);
    cell.setParams({ seed: 5 });
    const second = cell.run();
    await flush();
    expect(firstFolds.every((p) => p.signal?.aborted)).toBe(true);
    for (const p of firstFolds) p.resolve(); // too late: already rejected by the abort
    await resolveAll(deps);
    await Promise.all([first, second]);
    expect(cell.status.kind).toBe('done');
    expect(cell.result?.params.seed).toBe(5);
    expect(cell.outdated).toBe(false);
  });

  it('replaces the review list and the decisions only when a new detection finishes', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const cell = cellWith(deps);
    const first = cell.run();
    await resolveAll(deps);
    await first;
    cell.decide(cell.items[0]!.position, { kind: 'remove' });
    cell.setParams({ seed: 11 });
    expect(cell.status.kind).toBe('stale');
    expect(cell.outdated).toBe(true);
    const second = cell.run();
    await flush();
    expect(cell.decisions.size).toBe(1);
    expect(cell.items.length).toBeGreaterThan(0);
    await resolveAll(deps);
    await second;
    expect(cell.result?.params.seed).toBe(11);
    expect(cell.decisions.size).toBe(0);
    expect(cell.canUndo).toBe(false);
  });
});

describe('ReviewCellState decisions', () => {
  it('decide / accept record one decision per item, and the tally checks them against the truth', async () => {
    const { cell } = await detected();
    const [a, b, c] = cell.items;
    cell.accept(a!.position);
    cell.decide(b!.position, { kind: 'keep' });
    cell.decide(c!.position, { kind: 'remove' });
    expect(cell.decisions.get(a!.position)).toEqual({ kind: 'relabel', label: a!.suggested });
    expect(cell.tally).toMatchObject({ reviewed: 3, relabelled: 1, kept: 1, removed: 1, trulyWrong: 3 });
    // Accepting the (true) suggestion corrects; keeping a wrong label leaves it wrong; removing it drops it.
    expect(cell.tally).toMatchObject({ corrected: 1, stillWrong: 1, removedWrong: 1, introduced: 0 });
    expect(cell.changes).toBe(2);
    expect(cell.outputs).toMatchObject({ reviewed: 3, fixed: 1 });
    // Changing one's mind replaces the decision.
    cell.decide(b!.position, {
      kind: 'relabel',
      label: (b!.truth + 1) % 3 === b!.given ? (b!.truth + 2) % 3 : (b!.truth + 1) % 3,
    });
    expect(cell.tally).toMatchObject({ reviewed: 3, relabelled: 2, kept: 0, stillWrong: 1 });
  });

  it('relabelling to the given label counts as keeping it; a class out of range throws', async () => {
    const { cell } = await detected();
    const item = cell.items[0]!;
    cell.decide(item.position, { kind: 'relabel', label: item.given });
    expect(cell.decisions.get(item.position)).toEqual({ kind: 'keep' });
    expect(() => cell.decide(item.position, { kind: 'relabel', label: 3 })).toThrow(RangeError);
    expect(() => cell.decide(SIZE, { kind: 'keep' })).toThrow(RangeError);
  });

  it('undo steps back one decision at a time and returns the item it was about', async () => {
    const { cell } = await detected();
    const [a, b] = cell.items;
    cell.decide(a!.position, { kind: 'keep' });
    cell.decide(b!.position, { kind: 'remove' });
    cell.accept(a!.position);
    expect(cell.undo()).toBe(a!.position);
    expect(cell.decisions.get(a!.position)).toEqual({ kind: 'keep' });
    expect(cell.undo()).toBe(b!.position);
    expect(cell.decisions.has(b!.position)).toBe(false);
    expect(cell.undo()).toBe(a!.position);
    expect(cell.decisions.size).toBe(0);
    expect(cell.canUndo).toBe(false);
    expect(cell.undo()).toBeNull();
  });

  it('repeating the same decision adds no undo step', async () => {
    const { cell } = await detected();
    const item = cell.items[0]!;
    cell.accept(item.position);
    cell.accept(item.position);
    expect(cell.undo()).toBe(item.position);
    expect(cell.canUndo).toBe(false);
  });

  it('featuresOf(row) gives that data-set row’s pixels', async () => {
    const { cell, deps } = await detected();
    const row = cell.items[0]!.row;
    expect(Array.from(cell.featuresOf(row))).toEqual(Array.from(deps.dataset.x.subarray(row * 4, row * 4 + 4)));
  });
});

describe('ReviewCellState.retrain()', () => {
  it('trains on the decisions applied — removed rows dropped, relabels applied — and on the noisy labels', async () => {
    const { cell, deps } = await detected();
    const run = cell.result!;
    const [a, b, c] = cell.items;
    cell.accept(a!.position);
    cell.decide(b!.position, { kind: 'remove' });
    cell.decide(c!.position, { kind: 'keep' });
    await cell.retrain();
    expect(cell.status.kind).toBe('done');
    expect(cell.task).toBe('retrain');
    expect(deps.calls.evaluate).toHaveLength(2);
    const [before, after] = deps.calls.evaluate as [EvaluateRequest, EvaluateRequest];
    expect(Array.from(before.rows)).toEqual(Array.from(run.rows));
    expect(Array.from(before.labels)).toEqual(Array.from(run.given));
    expect(after.rows).toHaveLength(SIZE - 1);
    expect(Array.from(after.rows)).not.toContain(b!.row);
    const labelOf = (row: number) => after.labels[Array.from(after.rows).indexOf(row)];
    expect(labelOf(a!.row)).toBe(a!.suggested);
    expect(labelOf(c!.row)).toBe(c!.given);
    for (const request of [before, after]) {
      expect(request).toMatchObject({ dataset: 'digits', model: 'logreg', seed: 0 });
      expect(request.noisyTestLabels).toBe(run.noisyTestLabels);
    }
    const outcome = cell.retrained!;
    expect(outcome.trainingSize).toBe(SIZE - 1);
    expect(outcome.tally).toMatchObject({ relabelled: 1, removed: 1, kept: 1 });
    expect(outcome.before.accuracy).toBeCloseTo(fakeAccuracy(deps.dataset, before.rows, before.labels), 12);
    expect(outcome.after.accuracy).toBeCloseTo(fakeAccuracy(deps.dataset, after.rows, after.labels), 12);
    expect(outcome.after.accuracy).toBeGreaterThan(outcome.before.accuracy);
    expect(outcome.before.accuracyNoisyTest).not.toBeNull();
    expect(cell.outputs.accuracyBefore).toBe(outcome.before.accuracy);
    expect(cell.outputs.accuracyAfter).toBe(outcome.after.accuracy);
  });

  it('does not train again what it has measured: the same decisions reuse both fits', async () => {
    const { cell, deps } = await detected();
    cell.accept(cell.items[0]!.position);
    await cell.retrain();
    await cell.retrain();
    expect(deps.calls.evaluate).toHaveLength(2);
    cell.accept(cell.items[1]!.position);
    await cell.retrain();
    expect(deps.calls.evaluate).toHaveLength(3);
    expect(cell.retrained?.tally.relabelled).toBe(2);
  });

  it('retrainOutdated: a relabel or removal since the retrain outdates it, a keep or an undo back to it does not', async () => {
    const { cell } = await detected();
    expect(cell.retrainOutdated).toBe(false); // nothing retrained yet
    cell.accept(cell.items[0]!.position);
    await cell.retrain();
    expect(cell.retrainOutdated).toBe(false);
    cell.decide(cell.items[1]!.position, { kind: 'keep' });
    expect(cell.retrainOutdated).toBe(false); // the training set is the same
    cell.decide(cell.items[2]!.position, { kind: 'remove' });
    expect(cell.retrainOutdated).toBe(true);
    cell.undo();
    expect(cell.retrainOutdated).toBe(false);
    cell.decide(cell.items[0]!.position, { kind: 'keep' }); // the relabel taken back
    expect(cell.retrainOutdated).toBe(true);
  });

  it('with no changes trains only the noisy-label model: before and after are the same fit', async () => {
    const { cell, deps } = await detected();
    cell.decide(cell.items[0]!.position, { kind: 'keep' });
    await cell.retrain();
    expect(deps.calls.evaluate).toHaveLength(1);
    expect(cell.retrained?.after).toBe(cell.retrained?.before);
  });

  it('refuses to train when every example is removed', async () => {
    const { cell, deps } = await detected({}, { size: 60 });
    for (let p = 0; p < 60; p++) cell.decide(p, { kind: 'remove' });
    await cell.retrain();
    expect(cell.status).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/Every training example is removed/),
    });
    expect(deps.calls.evaluate).toHaveLength(0);
  });

  it('reports a failed fit and keeps the earlier outcome', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const cell = cellWith(deps);
    const detect = cell.run();
    await resolveAll(deps);
    await detect;
    cell.accept(cell.items[0]!.position);
    const first = cell.retrain();
    await resolveAll(deps);
    await first;
    const outcome = cell.retrained;
    cell.accept(cell.items[1]!.position);
    const second = cell.retrain();
    await flush();
    expect(deps.pending).toHaveLength(1); // the noisy-label fit is cached
    deps.pending.shift()!.reject(new Error('out of memory'));
    await second;
    expect(cell.status).toMatchObject({ kind: 'error', message: 'Retraining failed: out of memory' });
    expect(cell.retrained).toEqual(outcome);
  });
});

describe('ReviewCellState.drawBudget()', () => {
  it('streams the chart: points fill in as fits finish, in three orders, with the all-clean line', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const cell = cellWith(deps);
    const detect = cell.run();
    await resolveAll(deps);
    await detect;
    const drawing = cell.drawBudget();
    await flush();
    const chart = cell.budget!;
    expect(cell.task).toBe('budget');
    expect(chart.series.map((s) => s.order)).toEqual([...REVIEW_ORDERS]);
    expect(chart.wrong).toBe(18);
    expect(chart.size).toBe(SIZE);
    expect(chart.budgets[0]).toBe(0);
    expect(chart.budgets.at(-1)).toBe(27); // 1.5 × the 18 wrong labels
    expect(chart.done).toBe(0);
    expect(chart.total).toBe(deps.pending.length);
    expect(cell.progress).toMatchObject({ unit: 'fits', done: 0, total: chart.total });
    for (const s of chart.series) expect(s.points.every((p) => p.accuracy === null)).toBe(true);
    expect(chart.clean).toBeNull();

    deps.pending.shift()!.resolve(); // the first fit: budget 0, shared by every order
    await flush();
    const one = cell.budget!;
    expect(one.done).toBe(1);
    for (const s of one.series) expect(s.points[0]!.accuracy).toBe(0.9);
    expect(one.series[0]!.points.filter((p) => p.accuracy !== null)).toHaveLength(1);

    await resolveAll(deps);
    await drawing;
    const full = cell.budget!;
    expect(cell.status.kind).toBe('done');
    expect(full.done).toBe(full.total);
    expect(full.clean).toBe(1);
    for (const s of full.series) expect(s.points.every((p) => p.accuracy !== null)).toBe(true);
    const oracle = full.series.find((s) => s.order === 'oracle')!.points;
    const random = full.series.find((s) => s.order === 'random')!.points;
    // The oracle corrects one wrong label per label reviewed, and is clean once it has reviewed all 18.
    expect(oracle.map((p) => p.corrected)).toEqual(full.budgets.map((b) => Math.min(b, 18)));
    expect(oracle.at(-1)!.accuracy).toBe(full.clean);
    expect(random.at(-1)!.corrected).toBeLessThan(18);
  });

  it('averages several training sets: each other seed is detected with its own folds first, then fitted; means, spread, and from where review paid', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const cell = cellWith(deps, { seeds: 3, seed: 4 });
    const detect = cell.run();
    await resolveAll(deps);
    await detect;
    expect(deps.calls.predict).toHaveLength(FOLDS);
    const drawing = cell.drawBudget();
    await flush();
    // The reader's set is planned at once; seeds 5 and 6 are detected first (their folds queued after its fits).
    const first = cell.budget!;
    const ownFits = first.total / 3;
    expect(cell.progress.total).toBe(3 * ownFits + 2 * FOLDS);
    expect(first.seeds).toBe(3);
    expect(first.setsMeasured).toBe(0);
    expect(first.complete).toBe(false);
    expect(deps.pending.filter((p) => p.kind === 'evaluate')).toHaveLength(ownFits);
    expect(deps.pending.filter((p) => p.kind === 'predict').map((p) => p.request.seed)).toEqual([5, 5, 5, 6, 6, 6]);
    expect(deps.pending.findIndex((p) => p.kind === 'predict')).toBe(ownFits);
    await resolveAll(deps);
    await drawing;
    expect(cell.status.kind).toBe('done');
    const chart = cell.budget!;
    expect(chart.complete).toBe(true);
    expect(chart.setsMeasured).toBe(3);
    expect(chart.done).toBe(chart.total);
    expect(cell.progress).toMatchObject({ done: cell.progress.total });
    // Every set's fits are trained with that set's seed, and the others' keys do not collide with the reader's.
    const seeds = deps.calls.evaluate.map((r) => r.seed);
    expect(new Set(seeds)).toEqual(new Set([4, 5, 6]));
    expect(seeds.filter((s) => s === 4)).toHaveLength(ownFits);
    // The fake model's accuracy depends only on how many labels are right, and every set has 18 wrong labels:
    // equal means, no spread, three values per point.
    const noisy = 0.5 + 0.5 * (72 / 90);
    for (const series of chart.series) {
      expect(series.points[0]).toMatchObject({ budget: 0, accuracy: noisy, sd: 0, corrected: 0 });
      for (const p of series.points) expect(p.values).toHaveLength(3);
    }
    expect(chart.clean).toBe(1);
    expect(chart.cleanValues).toEqual([1, 1, 1]);
    // Every flag is a real error here, so review pays from the first budget on.
    expect(chart.paysFrom).toBe(chart.budgets[1]);
    expect(cell.outputs).toMatchObject({
      budgetSeeds: 3,
      budgetAt: 18,
      budgetNoisyAccuracy: noisy,
      budgetCleanAccuracy: 1,
      budgetConfidentAccuracy: 1,
      paysFrom: chart.budgets[1],
    });
    expect(cell.outputs.budgetRandomAccuracy as number).toBeLessThan(1);
    // The oracle follows confident learning's order without the right labels: never fewer corrected.
    const corrected = (order: string) => chart.series.find((s) => s.order === order)!.points.map((p) => p.corrected);
    corrected('oracle').forEach((c, i) => expect(c).toBeGreaterThanOrEqual(corrected('confident')[i]!));
  });

  it('the budget outputs wait for every training set: a cancelled budget publishes no partial mean', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const cell = cellWith(deps, { seeds: 2 });
    const detect = cell.run();
    await resolveAll(deps);
    await detect;
    void cell.drawBudget();
    await flush();
    const own = deps.pending.filter((p) => p.kind === 'evaluate');
    for (const p of own) p.resolve();
    await flush();
    cell.cancel();
    await flush();
    const chart = cell.budget!;
    expect(chart.setsMeasured).toBe(1);
    expect(chart.complete).toBe(false);
    expect(chart.paysFrom).toBeNull();
    expect(chart.series[0]!.points[0]!.values).toHaveLength(1);
    expect(cell.outputs).toMatchObject({ budgetNoisyAccuracy: null, budgetCleanAccuracy: null, paysFrom: null });
    // Drawing again detects the other set and fits only what is missing.
    deps.pending.length = 0;
    const before = deps.calls.evaluate.length;
    const again = cell.drawBudget();
    await resolveAll(deps);
    await again;
    expect(cell.budget!.complete).toBe(true);
    expect(deps.calls.evaluate.length - before).toBe(cell.budget!.total - own.length);
    expect(cell.outputs.budgetCleanAccuracy).toBe(1);
  });

  it('caches fits: drawing again trains nothing, and a retrained noisy-label fit is reused', async () => {
    const { cell, deps } = await detected();
    await cell.retrain(); // no decisions: the noisy-label fit only
    expect(deps.calls.evaluate).toHaveLength(1);
    await cell.drawBudget();
    const total = cell.budget!.total;
    expect(deps.calls.evaluate).toHaveLength(total); // budget 0 is the noisy-label fit, already measured
    await cell.drawBudget();
    expect(deps.calls.evaluate).toHaveLength(total);
    expect(cell.budget!.done).toBe(total);
  });

  it('a cancelled budget keeps its measured points, and drawing again fits only the rest', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const cell = cellWith(deps);
    const detect = cell.run();
    await resolveAll(deps);
    await detect;
    void cell.drawBudget();
    await flush();
    const total = deps.pending.length;
    deps.pending.shift()!.resolve();
    deps.pending.shift()!.resolve();
    await flush();
    cell.cancel();
    await flush();
    expect(cell.status).toEqual({ kind: 'idle', note: 'cancelled' });
    expect(cell.budget!.done).toBe(2);
    deps.pending.length = 0;
    const again = cell.drawBudget();
    await flush();
    expect(deps.pending).toHaveLength(total - 2);
    expect(cell.progress).toMatchObject({ done: 2, total });
    await resolveAll(deps);
    await again;
    expect(cell.budget!.done).toBe(total);
  });

  it('a retrain started during the budget wins: the budget’s fits are cancelled', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const cell = cellWith(deps);
    const detect = cell.run();
    await resolveAll(deps);
    await detect;
    const drawing = cell.drawBudget();
    await flush();
    const budgetFits = deps.pending.splice(0);
    cell.accept(cell.items[0]!.position);
    const retrain = cell.retrain();
    await flush();
    expect(budgetFits.every((p) => p.signal?.aborted)).toBe(true);
    await resolveAll(deps);
    await Promise.all([drawing, retrain]);
    expect(cell.status.kind).toBe('done');
    expect(cell.task).toBe('retrain');
    expect(cell.retrained).not.toBeNull();
  });

  it('lists fits that fail and still draws the rest', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const cell = cellWith(deps);
    const detect = cell.run();
    await resolveAll(deps);
    await detect;
    const drawing = cell.drawBudget();
    await flush();
    const total = deps.pending.length;
    deps.pending.pop()!.reject(new Error('NaN loss'));
    await resolveAll(deps);
    await drawing;
    expect(cell.status.kind).toBe('done');
    expect(cell.fitFailures).toEqual(['NaN loss']);
    expect(cell.budget!.done).toBe(total - 1);
  });

  it('does nothing before a detection', async () => {
    const deps = fakeReviewDeps();
    const cell = cellWith(deps);
    await cell.drawBudget();
    await cell.retrain();
    expect(cell.budget).toBeNull();
    expect(cell.retrained).toBeNull();
    expect(deps.calls.evaluate).toHaveLength(0);
    expect(cell.status.kind).toBe('idle');
  });
});

describe('ReviewCellState params', () => {
  it('resetParams brings back the lesson’s parameters and bumps the revision', async () => {
    const { cell } = await detected();
    cell.setParams({ seed: 9, filter: 'predicted_neq_given' });
    expect(cell.outdated).toBe(true);
    expect(cell.status.kind).toBe('stale');
    const revision = cell.revision;
    cell.resetParams();
    expect(cell.params).toEqual(spec().params);
    expect(cell.revision).toBe(revision + 1);
    expect(cell.outdated).toBe(false);
  });
});
