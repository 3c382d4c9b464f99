import { describe, expect, it } from 'vitest';
import { onAbort } from '../support/onAbort.ts';
import {
  LabelersCellState,
  STREAM_ITEMS,
  SUGGEST_GAP,
  agreementFigures,
  annotatorSpec,
  majorityVote,
  sampleItems,
  suggestClasses,
  type ClassFigures,
} from '../../src/state/labelersCell.svelte.ts';
import type { CellDeps } from '../../src/state/cellDeps.ts';
import type { LabelersCellSpec, LabelersParams } from '../../src/notebook/types.ts';
import { AMBIGUITY_PRESETS, CELL_OUTPUTS, LABELERS_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import { DATASETS } from '../../src/engine/datasets.ts';
import { TrialPreparer } from '../../src/engine/trial.ts';
import { createRandom } from '../../src/engine/random.ts';
import { simulateAnnotator } from '../../src/engine/agreement/index.ts';
import type { Dataset } from '../../src/engine/types.ts';
import type { EvaluateRequest, EvaluateResult, FitProgress } from '../../src/workers/protocol.ts';
import { abortError } from '../../src/workers/pool.ts';

const UPPER_BODY = new Set(AMBIGUITY_PRESETS['upper-body']!.rules.map((r) => r.from));

/** A synthetic Fashion-MNIST stand-in: `perClass` rows of each of 10 classes (or all of one class). */
function fakeDataset(perClass: number, options: { oneClass?: boolean } = {}): Dataset {
  const n = perClass * 10;
  const y = Int32Array.from({ length: n }, (_, i) => (options.oneClass ? 0 : i % 10));
  return {
    name: 'fashion',
    title: 'Fake fashion',
    n,
    d: 2,
    classes: 10,
    classNames: DATASETS.fashion.classNames,
    x: Float32Array.from({ length: n * 2 }, (_, i) => i % 7),
    y,
    image: null,
    split: null,
    source: 'test',
    license: 'test',
  };
}

/** Accuracy that follows the share of training labels that are right, so better labels train a better model. */
function fakeResult(dataset: Dataset, request: EvaluateRequest): EvaluateResult {
  let right = 0;
  request.rows.forEach((row, i) => (right += request.labels[i] === dataset.y[row] ? 1 : 0));
  const accuracy = 0.5 + 0.4 * (right / request.rows.length);
  return {
    accuracy,
    accuracyNoisyTest: accuracy - 0.05,
    trainAccuracyGiven: 1,
    iterations: 10,
    converged: true,
    backend: 'test',
  };
}

interface Pending {
  readonly request: EvaluateRequest;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((p: FitProgress) => void) | undefined;
  resolve(): void;
  reject(error: unknown): void;
}

/** Fake deps: `loadDataset` serves the dataset; fits finish at once, or when the test says (`hold`). */
function fakeDeps(dataset: Dataset, mode: 'instant' | 'hold' = 'instant', loadError?: Error) {
  const pending: Pending[] = [];
  const requests: EvaluateRequest[] = [];
  const loads: string[] = [];
  const unused = () => Promise.reject(new Error('not used by the labelers cell'));
  const deps: CellDeps = {
    loadDataset: (name) => {
      loads.push(name);
      return loadError ? Promise.reject(loadError) : Promise.resolve(dataset);
    },
    trainer: {
      runTrial: unused,
      fitToy: unused,
      predictHeldOut: unused,
      fitAndEvaluate: (request, options) =>
        new Promise<EvaluateResult>((resolve, reject) => {
          requests.push(request);
          onAbort(options?.signal, () => reject(abortError()));
          if (mode === 'instant') return resolve(fakeResult(dataset, request));
          pending.push({
            request,
            signal: options?.signal,
            onProgress: options?.onProgress,
            resolve: () => resolve(fakeResult(dataset, request)),
            reject,
          });
        }),
    },
  };
  return { deps, pending, requests, loads };
}

const params = (patch: Partial<LabelersParams> = {}): LabelersParams => ({
  ...LABELERS_DEFAULTS,
  items: 600,
  ...patch,
});
const spec = (patch: Partial<LabelersParams> = {}): LabelersCellSpec => ({
  type: 'labelers',
  id: 'labelers',
  title: 'Two labelers',
  line: 1,
  params: params(patch),
});

async function loaded(patch: Partial<LabelersParams> = {}, dataset = fakeDataset(100), mode?: 'instant' | 'hold') {
  const fake = fakeDeps(dataset, mode);
  const cell = new LabelersCellState(spec(patch), fake.deps, () => 0);
  await cell.load();
  return { cell, ...fake };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('majorityVote(labels, classes)', () => {
  it('takes the most frequent class of each item', () => {
    const labels = [
      [0, 1, 2],
      [1, 1, 2],
      [1, 2, 0],
    ].map((l) => Int32Array.from(l));
    expect(Array.from(majorityVote(labels, 3))).toEqual([1, 1, 2]);
  });

  it('breaks ties to labeler A, so two labelers give labeler A’s labels', () => {
    const a = Int32Array.from([0, 1, 2, 3]);
    const b = Int32Array.from([1, 1, 0, 2]);
    expect(Array.from(majorityVote([a, b], 4))).toEqual([0, 1, 2, 3]);
    const three = [[0], [1], [2]].map((l) => Int32Array.from(l));
    expect(Array.from(majorityVote(three, 3))).toEqual([0]);
  });

  it('breaks a tie A is not part of to the earliest labeler among the tied', () => {
    const labels = [[0], [1], [2], [2], [1]].map((l) => Int32Array.from(l));
    expect(Array.from(majorityVote(labels, 3))).toEqual([1]);
  });

  it('returns an empty array for no items', () => {
    expect(majorityVote([new Int32Array(0), new Int32Array(0)], 3)).toEqual(new Int32Array(0));
  });
});

describe('suggestClasses(perClass)', () => {
  const row = (cls: number, agreement: number): ClassFigures => ({ class: cls, agreement, ratings: 10 });

  it(`suggests the classes at least ${SUGGEST_GAP} below the median class, in the given (worst-first) order`, () => {
    const perClass = [row(6, 0.5), row(2, 0.84), row(4, 0.86), row(0, 0.94), row(1, 0.95), row(3, 0.96)];
    // The median is (0.86 + 0.94) / 2 = 0.90, so the cut is 0.80: only 0.5 lies below it.
    expect(suggestClasses(perClass)).toEqual([6]);
  });

  it('suggests nothing when every class is about as consistent as the rest, or for no classes', () => {
    expect(suggestClasses([row(0, 0.93), row(1, 0.95), row(2, 0.97)])).toEqual([]);
    expect(suggestClasses([])).toEqual([]);
  });

  it('ignores classes no one used (NaN)', () => {
    expect(suggestClasses([row(0, 0.4), row(1, 0.9), row(2, 0.95), row(3, NaN)])).toEqual([0]);
  });
});

describe('agreementFigures(labels, truth, classes)', () => {
  it('gives percent agreement, Cohen’s kappa, the A-vs-B matrix and each labeler’s accuracy for two labelers', () => {
    const truth = Int32Array.from([0, 0, 1, 1]);
    const a = Int32Array.from([0, 0, 1, 1]);
    const b = Int32Array.from([0, 1, 1, 1]);
    const f = agreementFigures([a, b], truth, 2);
    expect(f.agreement).toBe(0.75);
    expect(f.pairs).toHaveLength(1);
    // p_o = 0.75, p_e = (2·1 + 2·3)/16 = 0.5 → κ = 0.5
    expect(f.meanKappa).toBeCloseTo(0.5, 12);
    expect(Array.from(f.matrix)).toEqual([1, 1, 0, 2]);
    expect(f.accuracies).toEqual([1, 0.75]);
    expect(f.majorityAccuracy).toBe(1);
    expect(f.fleiss).toBeNull();
    expect(f.alpha).toBeNull();
    expect(f.confusions).toEqual([{ pair: [0, 1], count: 1, byDirection: [1, 0], share: 1 }]);
  });

  it('adds Fleiss’ kappa, Krippendorff’s alpha and every pair for three labelers', () => {
    const truth = Int32Array.from([0, 1, 2, 0, 1, 2]);
    const labels = [
      [0, 1, 2, 0, 1, 2],
      [0, 1, 2, 0, 2, 2],
      [0, 1, 1, 0, 1, 2],
    ].map((l) => Int32Array.from(l));
    const f = agreementFigures(labels, truth, 3);
    expect(f.pairs.map((p) => [p.a, p.b])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(f.fleiss?.defined).toBe(true);
    expect(f.alpha?.defined).toBe(true);
    expect(f.agreement).toBeCloseTo((5 / 6 + 5 / 6 + 4 / 6) / 3, 12);
  });

  it('sorts per-class agreement worst first, classes no one used last', () => {
    const truth = Int32Array.from([0, 0, 1, 1]);
    const a = Int32Array.from([0, 0, 1, 1]);
    const b = Int32Array.from([0, 0, 0, 1]);
    const f = agreementFigures([a, b], truth, 3);
    expect(f.perClass.map((c) => c.class)).toEqual([1, 0, 2]);
    expect(f.perClass[2]!.agreement).toBeNaN();
  });

  it('answers an undefined kappa with a reason and a null mean kappa, never NaN', () => {
    const same = Int32Array.from([1, 1, 1]);
    const f = agreementFigures([same, same], same, 3);
    expect(f.agreement).toBe(1);
    expect(f.pairs[0]!.kappa).toMatchObject({ defined: false, reason: expect.stringMatching(/same single class/) });
    expect(f.meanKappa).toBeNull();
  });

  it('throws a RangeError for fewer than two labelers', () => {
    expect(() => agreementFigures([new Int32Array(2)], new Int32Array(2), 2)).toThrow(/at least 2 labelers/);
  });
});

describe('sampleItems(preparer, items, seed) and annotatorSpec(params, classes, revised)', () => {
  it('takes a stratified sample from the pool, at most the whole pool', () => {
    const preparer = new TrialPreparer(fakeDataset(100));
    const rows = sampleItems(preparer, 200, 3);
    const counts = new Array(10).fill(0);
    for (const row of rows) counts[preparer.dataset.y[row]!]++;
    expect(counts).toEqual(new Array(10).fill(20));
    expect(new Set(rows).size).toBe(200);
    expect(rows.every((row) => preparer.split.pool.includes(row))).toBe(true);
    expect(sampleItems(preparer, 10_000, 3)).toHaveLength(preparer.maxSize);
  });

  it('uses the preset’s rules and removes the ambiguity of the revised classes', () => {
    const base = annotatorSpec({ accuracy: 0.9, ambiguity: 'upper-body' }, 10);
    expect(base).toEqual({ accuracy: 0.9, classes: 10, ambiguity: AMBIGUITY_PRESETS['upper-body']!.rules });
    const revised = annotatorSpec({ accuracy: 0.9, ambiguity: 'upper-body' }, 10, [0, 2, 4, 6]);
    expect(revised.ambiguity).toEqual([]);
    expect(annotatorSpec({ accuracy: 0.9, ambiguity: 'none' }, 10).ambiguity).toEqual([]);
  });
});

describe('LabelersCellState', () => {
  it('has every output null before the data set is loaded, with exactly the keys of CELL_OUTPUTS.labelers', () => {
    const cell = new LabelersCellState(spec(), fakeDeps(fakeDataset(100)).deps);
    expect(Object.keys(cell.outputs)).toEqual(CELL_OUTPUTS.labelers);
    expect(Object.values(cell.outputs).every((v) => v === null)).toBe(true);
    expect(cell.data.kind).toBe('loading');
    expect(cell.simulation).toBeNull();
  });

  it('load() loads the data set once and simulates the labelers, each on its own seeded stream', async () => {
    const { cell, loads } = await loaded({ labelers: 2, accuracy: 0.9 });
    await cell.load();
    expect(loads).toEqual(['fashion']);
    const sim = cell.simulation!;
    expect(sim.rows).toHaveLength(600);
    expect(sim.labels).toHaveLength(2);
    const expected = (r: number) =>
      simulateAnnotator(sim.truth, {
        accuracy: 0.9,
        classes: 10,
        ambiguity: AMBIGUITY_PRESETS['upper-body']!.rules,
        random: createRandom(0, STREAM_ITEMS, r),
      });
    expect(sim.labels[0]).toEqual(expected(0));
    expect(sim.labels[1]).toEqual(expected(1));
    expect(sim.labels[0]).not.toEqual(sim.labels[1]);
    expect(cell.outputs.agreement).toBe(cell.before!.agreement);
    expect(cell.outputs.kappa).toBeGreaterThan(0);
    expect(cell.outputs.kappa).toBeLessThan(1);
    expect(cell.outputs.fleiss).toBeNull();
    expect(cell.outputs.accuracyBefore).toBeNull();
  });

  it('is deterministic: the same spec and seed give the same labels and figures; another seed differs', async () => {
    const one = (await loaded()).cell;
    const two = (await loaded()).cell;
    expect(two.simulation!.labels).toEqual(one.simulation!.labels);
    expect(two.outputs).toEqual(one.outputs);
    one.setParams({ seed: 1 });
    expect(one.simulation!.labels[0]).not.toEqual(two.simulation!.labels[0]);
  });

  it('finds the ambiguous classes: the worst classes and the suggestion are shirts, T-shirts, pullovers, coats', async () => {
    const { cell } = await loaded();
    const worst = cell.before!.perClass.slice(0, 4).map((c) => c.class);
    expect(new Set(worst)).toEqual(UPPER_BODY);
    expect(cell.suggested.length).toBeGreaterThan(0);
    expect(cell.suggested.every((c) => UPPER_BODY.has(c))).toBe(true);
    expect(cell.picked).toEqual(cell.suggested);
    expect(cell.outputs.worstClass).toBe(DATASETS.fashion.classNames[worst[0]!]);
    expect(cell.before!.confusions[0]!.pair.every((c) => UPPER_BODY.has(c))).toBe(true);
  });

  it('revise() relabels with the same seeds: only items of classes whose rules change are relabelled, and agreement rises', async () => {
    const { cell } = await loaded();
    cell.revise([6, 0]);
    expect(cell.revised).toEqual([0, 6]);
    const before = cell.simulation!;
    const after = cell.revisedSimulation!;
    expect(after.rows).toEqual(before.rows);
    // 0 and 6 lose their rules; 2 and 4 sent items to 6, so their rules shrink; the other six classes keep theirs.
    const touched = new Set([0, 2, 4, 6]);
    let changed = 0;
    for (let r = 0; r < 2; r++) {
      before.labels[r]!.forEach((label, i) => {
        if (after.labels[r]![i] === label) return;
        changed++;
        expect(touched.has(before.truth[i]!)).toBe(true);
      });
    }
    expect(changed).toBeGreaterThan(0);
    expect(cell.after!.agreement).toBeGreaterThan(cell.before!.agreement);
    expect(cell.outputs.revisedAgreement).toBe(cell.after!.agreement);
    expect(cell.outputs.revisedKappa).toBeGreaterThan(cell.outputs.kappa as number);
    cell.undoRevision();
    expect(cell.revisedSimulation).toBeNull();
    expect(cell.outputs.revisedAgreement).toBeNull();
  });

  it('pick(class, on) ticks and unticks classes, starting from the suggestion; revise() uses the ticks', async () => {
    const { cell } = await loaded();
    const suggested = [...cell.suggested];
    cell.pick(9, true);
    expect(cell.picked).toEqual([...suggested, 9].sort((a, b) => a - b));
    cell.pick(9, false);
    for (const c of suggested) cell.pick(c, false);
    expect(cell.picked).toEqual([]);
    cell.revise();
    expect(cell.revised).toBeNull(); // nothing ticked: nothing to revise
    cell.pick(6, true);
    cell.revise();
    expect(cell.revised).toEqual([6]);
  });

  it('with one class only, kappa is undefined: outputs.kappa, fleiss and alpha are null, agreement is 100%', async () => {
    const { cell } = await loaded({ labelers: 3, accuracy: 1, ambiguity: 'none' }, fakeDataset(30, { oneClass: true }));
    expect(cell.outputs.agreement).toBe(1);
    expect(cell.before!.pairs[0]!.kappa.defined).toBe(false);
    expect(cell.outputs.kappa).toBeNull();
    expect(cell.outputs.fleiss).toBeNull();
    expect(cell.outputs.alpha).toBeNull();
    expect(cell.before!.fleiss?.defined).toBe(false);
    expect(cell.outputs.worstClass).toBe('T-shirt/top');
  });

  it('with three labelers gives Fleiss’ kappa and Krippendorff’s alpha as outputs', async () => {
    const { cell } = await loaded({ labelers: 3 });
    expect(cell.before!.pairs).toHaveLength(3);
    expect(cell.outputs.fleiss).toBeGreaterThan(0);
    expect(cell.outputs.alpha).toBeGreaterThan(0);
    expect(cell.outputs.alpha).toBeCloseTo(cell.outputs.fleiss as number, 2);
  });

  it('train() does nothing before a revision; then fits before and after at once and reports both', async () => {
    const { cell, requests, deps } = await loaded();
    await cell.train();
    expect(requests).toHaveLength(0);
    expect(cell.canTrain).toBe(false);
    cell.revise([0, 2, 4, 6]);
    expect(cell.canTrain).toBe(true);
    await cell.train();
    expect(requests).toHaveLength(2);
    const [before, after] = requests;
    expect(before!.rows).toEqual(cell.simulation!.rows);
    expect(before!.labels).toEqual(cell.simulation!.labels[0]); // two labelers: majority with ties to A = A
    expect(after!.labels).toEqual(cell.revisedSimulation!.labels[0]);
    expect(before).toMatchObject({ dataset: 'fashion', model: 'logreg', seed: 0 });
    const testSize = new TrialPreparer(await deps.loadDataset('fashion')).split.test.length;
    expect(before!.noisyTestLabels).toHaveLength(testSize);
    expect(cell.status.kind).toBe('done');
    const trained = cell.trained!;
    expect(trained.after.labelAccuracy).toBeGreaterThan(trained.before.labelAccuracy);
    expect(cell.outputs.accuracyAfter).toBeGreaterThan(cell.outputs.accuracyBefore as number);
    expect(cell.outputs.accuracyBefore).toBeCloseTo(0.5 + 0.4 * trained.before.labelAccuracy, 12);
    expect(trained.before.accuracyLabelledTest).toBeCloseTo(trained.before.accuracy - 0.05, 12);
    expect(trained).toMatchObject({ revised: [0, 2, 4, 6], model: 'logreg', items: 600, labelers: 2 });
  });

  it('train() reports the two fits’ progress, and cancel() stops both and keeps earlier results', async () => {
    const { cell, pending } = await loaded({}, fakeDataset(100), 'hold');
    cell.revise([6]);
    const run = cell.train();
    expect(cell.status.kind).toBe('running');
    expect(pending).toHaveLength(2);
    pending[0]!.onProgress!({ iteration: 50, maxIterations: 100, loss: 1, gradientMax: 1 });
    expect(cell.progress).toBeCloseTo(0.25, 12);
    pending[1]!.resolve();
    await flush();
    expect(cell.status).toMatchObject({ kind: 'running', done: 1, total: 2 });
    expect(cell.progress).toBeCloseTo(0.75, 12);
    cell.cancel();
    await run;
    expect(cell.status).toEqual({ kind: 'idle', note: 'cancelled' });
    expect(pending[0]!.signal?.aborted).toBe(true);
    expect(cell.trained).toBeNull();
    expect(cell.outputs.accuracyBefore).toBeNull();
  });

  it('train() while training cancels the earlier fits: the latest request wins', async () => {
    const { cell, pending } = await loaded({}, fakeDataset(100), 'hold');
    cell.revise([6]);
    const first = cell.train();
    const firstFits = pending.slice();
    cell.revise([0, 2, 4, 6]);
    const second = cell.train();
    expect(firstFits.every((p) => p.signal?.aborted)).toBe(true);
    firstFits[0]!.resolve(); // a late result of the superseded run is ignored
    for (const p of pending.slice(2)) p.resolve();
    await Promise.all([first, second]);
    expect(cell.status.kind).toBe('done');
    expect(cell.trained?.revised).toEqual([0, 2, 4, 6]);
  });

  it('a failed fit puts the cell in error with the message and stops the other fit', async () => {
    const { cell, pending } = await loaded({}, fakeDataset(100), 'hold');
    cell.revise([6]);
    const run = cell.train();
    pending[1]!.reject(new Error('training worker 2 crashed: out of memory'));
    await run;
    expect(cell.status).toMatchObject({ kind: 'error', message: 'training worker 2 crashed: out of memory' });
    expect(pending[0]!.signal?.aborted).toBe(true);
    expect(cell.trained).toBeNull();
  });

  it('setParams() recomputes the simulation and marks trained results stale; a change mid-run finishes stale', async () => {
    const { cell, pending } = await loaded({}, fakeDataset(100), 'hold');
    cell.revise([6]);
    const run = cell.train();
    cell.setParams({ accuracy: 0.8 });
    for (const p of pending) p.resolve();
    await run;
    expect(cell.status).toEqual({ kind: 'stale', previous: 'done' });
    expect(cell.simulation!.spec.accuracy).toBe(0.8);
    expect(cell.revised).toEqual([6]); // the revision carries over to the new parameters
    expect(cell.after).not.toBeNull();
  });

  it('changing the revision after training marks the results stale', async () => {
    const { cell } = await loaded();
    cell.revise([6]);
    await cell.train();
    expect(cell.status.kind).toBe('done');
    cell.revise([6]);
    expect(cell.status.kind).toBe('done'); // the same classes again: nothing changed
    cell.revise([0, 6]);
    expect(cell.status).toEqual({ kind: 'stale', previous: 'done' });
  });

  it('setParams() with a bad value lists the problem and keeps the last good value', async () => {
    const { cell } = await loaded();
    cell.setParams({ labelers: 9 });
    expect(cell.problems).toEqual(['labelers: must be a whole number from 2 to 5, got 9']);
    expect(cell.params.labelers).toBe(2);
    expect(cell.canTrain).toBe(false);
    cell.setParams({ ambiguity: 'look-alike digits' });
    expect(cell.problems).toEqual(['ambiguity: "look-alike digits" is for the digits data set, not fashion']);
    expect(cell.params.ambiguity).toBe('upper-body');
    cell.setParams({ labelers: 3, ambiguity: 'none' });
    expect(cell.problems).toEqual([]);
    expect(cell.simulation!.labels).toHaveLength(3);
  });

  it('lists only the ambiguity presets that fit the data set', () => {
    const cell = new LabelersCellState(spec(), fakeDeps(fakeDataset(10)).deps);
    expect(cell.ambiguityOptions.map((o) => o.value)).toEqual(['none', 'upper-body']);
  });

  it('reset() restores the spec’s parameters, clears the revision and results, and bumps the revision', async () => {
    const { cell } = await loaded();
    cell.setParams({ seed: 5 });
    cell.revise([6]);
    await cell.train();
    const revision = cell.revision;
    cell.reset();
    expect(cell.params).toEqual(spec().params);
    expect(cell.revised).toBeNull();
    expect(cell.trained).toBeNull();
    expect(cell.status).toEqual({ kind: 'idle', note: null });
    expect(cell.revision).toBe(revision + 1);
  });

  it('load() that fails reports the message; load() again retries', async () => {
    const dataset = fakeDataset(10);
    const failing = fakeDeps(dataset, 'instant', new Error('HTTP 404 for data/fashion.dcl.gz'));
    const cell = new LabelersCellState(spec(), failing.deps);
    await cell.load();
    expect(cell.data).toEqual({ kind: 'failed', name: 'fashion', message: 'HTTP 404 for data/fashion.dcl.gz' });
    expect(cell.simulation).toBeNull();
    await cell.load();
    expect(failing.loads).toEqual(['fashion', 'fashion']);
  });
});
