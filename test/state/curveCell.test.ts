import { describe, expect, it, vi } from 'vitest';
import { onAbort } from '../support/onAbort.ts';
import { CurveCellState } from '../../src/state/curveCell.svelte.ts';
import { TrialCache } from '../../src/state/trialCache.ts';
import type { TrialRunner } from '../../src/state/curveCell.svelte.ts';
import type { CurveCellSpec } from '../../src/notebook/types.ts';
import { CURVE_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import type { TrialOutcome, TrialSpec } from '../../src/engine/sweep.ts';
import { abortError } from '../../src/workers/pool.ts';
import { curveSizing } from '../../src/engine/sizing/curveSizing.ts';

const spec: CurveCellSpec = {
  type: 'curve',
  id: 'curve',
  title: 'Curve',
  line: 1,
  params: { ...CURVE_DEFAULTS, sizes: [50, 100, 200], seeds: 2, n0: 50 },
  presets: [
    {
      name: 'Heavy',
      description: '',
      params: { ...CURVE_DEFAULTS, sizes: [50, 100, 200], seeds: 1, n0: 50, noise: { kind: 'uniform', rate: 0.3 } },
    },
  ],
};

/** Accuracy that grows with log N and drops with noise: a curve with a known exchange rate. */
const fakeAccuracy = (t: TrialSpec) => 0.5 + 0.1 * Math.log2(t.size / 50) - (t.noise as { rate: number }).rate;

const outcome = (t: TrialSpec): TrialOutcome => ({
  spec: t,
  accuracy: fakeAccuracy(t),
  accuracyNoisyTest: null,
  trainAccuracyGiven: 1,
  trainAccuracyTrue: 1,
  iterations: 10,
  converged: true,
  milliseconds: 1,
  backend: 'test',
});

/** A runner whose trials finish when the test says so. */
function manualRunner() {
  const pending: { spec: TrialSpec; resolve: () => void; reject: (e: unknown) => void; signal?: AbortSignal }[] = [];
  const runner: TrialRunner = {
    runTrial: (t, options) =>
      new Promise<TrialOutcome>((resolve, reject) => {
        const entry = { spec: t, resolve: () => resolve(outcome(t)), reject, signal: options?.signal };
        onAbort(options?.signal, () => reject(abortError()));
        pending.push(entry);
      }),
  };
  return { runner, pending };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('CurveCellState', () => {
  it('run() plans clean and noisy trials for every size and seed and streams the summary', async () => {
    const { runner, pending } = manualRunner();
    let now = 0;
    const cell = new CurveCellState(spec, runner, () => now);
    const done = cell.run();
    expect(cell.status.kind).toBe('running');
    expect(pending.length).toBe(3 * 2 * 2);
    expect(cell.progress).toMatchObject({ done: 0, total: 12 });
    pending[0]!.resolve();
    await flush();
    expect(cell.progress.done).toBe(1);
    expect(cell.summary?.clean[0]?.count).toBe(1);
    expect(cell.summary?.exchange).toBeNull();
    now = 2000;
    for (const p of pending.slice(1)) p.resolve();
    await done;
    expect(cell.status).toMatchObject({ kind: 'done', seconds: 2 });
    // noisy = clean − 0.1: reaching clean(50) = 0.5 needs log2(N/50) = 1 → N = 100, factor 2.
    expect(cell.summary?.exchange).toMatchObject({ status: 'interpolated', equivalentN: expect.closeTo(100, 6) });
    expect(cell.outputs.factor).toBeCloseTo(2, 6);
    expect(cell.outputs.n0).toBe(50);
  });

  it('with updateEveryMs, results reach the page at most that often, the latest within that time, all at the end', async () => {
    vi.useFakeTimers();
    try {
      const { runner, pending } = manualRunner();
      let now = 0;
      const cell = new CurveCellState(spec, runner, { now: () => now, updateEveryMs: 100 });
      const done = cell.run();
      pending[0]!.resolve();
      await vi.advanceTimersByTimeAsync(0);
      expect(cell.progress.done).toBe(1); // the first result shows at once
      now = 10;
      pending[1]!.resolve();
      pending[2]!.resolve();
      await vi.advanceTimersByTimeAsync(0);
      expect(cell.progress.done).toBe(1); // held: the page was updated 10 ms ago
      expect(cell.summary?.clean[0]?.count).toBe(1);
      now = 100;
      await vi.advanceTimersByTimeAsync(90);
      expect(cell.progress.done).toBe(3); // shown together, 100 ms after the last update
      now = 120;
      for (const p of pending.slice(3)) p.resolve();
      await done; // finishing shows everything without waiting
      expect(cell.progress.done).toBe(12);
      expect(cell.status.kind).toBe('done');
    } finally {
      vi.useRealTimers();
    }
  });

  it('with updateEveryMs, cancel() keeps the results that had finished but were not shown yet', async () => {
    vi.useFakeTimers();
    try {
      const { runner, pending } = manualRunner();
      const cell = new CurveCellState(spec, runner, { now: () => 0, updateEveryMs: 1000 });
      const done = cell.run();
      pending[0]!.resolve();
      pending[1]!.resolve();
      await vi.advanceTimersByTimeAsync(0);
      expect(cell.progress.done).toBe(1);
      cell.cancel();
      await done;
      expect(cell.outcomes.length).toBe(2);
      expect(cell.status).toEqual({ kind: 'idle', note: 'cancelled' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('with a cache, a second run trains only the trials it has not seen: the clean arm survives a noise change', async () => {
    const cache = new TrialCache();
    const { runner, pending } = manualRunner();
    const cell = new CurveCellState(spec, runner, { cache });
    const first = cell.run();
    for (const p of pending) p.resolve();
    await first;
    expect(cache.size).toBe(12);
    expect(cell.reused).toBe(0);

    pending.length = 0;
    const again = cell.run(); // same parameters: nothing to train
    expect(pending.length).toBe(0);
    await again;
    expect(cell.reused).toBe(12);
    expect(cell.status.kind).toBe('done');
    expect(cell.outcomes.length).toBe(12);

    cell.setParams({ noise: 0.2 }); // the noisy arm changes, the clean arm does not
    const changed = cell.run();
    expect(pending.length).toBe(6);
    expect(pending.every((p) => p.spec.arm === 'noisy')).toBe(true);
    expect(cell.reused).toBe(6);
    for (const p of pending) p.resolve();
    await changed;
    expect(cell.outcomes.length).toBe(12);
    expect(cell.summary?.noisy.every((point) => point.count === 2)).toBe(true);
  });

  it('secondsLeft extrapolates from the trials trained so far, not counting reused ones', async () => {
    const cache = new TrialCache();
    let now = 0;
    const { runner, pending } = manualRunner();
    const cell = new CurveCellState(spec, runner, { now: () => now, cache });
    const first = cell.run();
    expect(cell.secondsLeft).toBeNull(); // no basis yet
    for (const p of pending.slice(0, 3)) p.resolve();
    await flush();
    now = 3000; // 3 of 12 trials in 3 s: 9 s left
    expect(cell.secondsLeft).toBeCloseTo(9, 6);
    for (const p of pending.slice(3)) p.resolve();
    await first;
    expect(cell.secondsLeft).toBeNull(); // done

    cell.setParams({ seeds: 3 }); // 12 of 18 trials reused; 6 to train
    pending.length = 0;
    now = 10_000;
    const second = cell.run();
    expect(cell.reused).toBe(12);
    pending[0]!.resolve();
    pending[1]!.resolve();
    await flush();
    now = 12_000; // 2 of 6 trained in 2 s: 4 s left (not 2 × 4/14 s)
    expect(cell.secondsLeft).toBeCloseTo(4, 6);
    for (const p of pending.slice(2)) p.resolve();
    await second;
  });

  it('cancel() stops the sweep, keeps the results so far and marks the cell cancelled', async () => {
    const { runner, pending } = manualRunner();
    const cell = new CurveCellState(spec, runner);
    const done = cell.run();
    pending[0]!.resolve();
    await flush();
    cell.cancel();
    await done;
    expect(cell.status).toEqual({ kind: 'idle', note: 'cancelled' });
    expect(cell.outcomes.length).toBe(1);
    expect(pending.every((p) => p.signal?.aborted)).toBe(true);
  });

  it('run() while running cancels the earlier sweep: the latest request wins', async () => {
    const { runner, pending } = manualRunner();
    const cell = new CurveCellState(spec, runner);
    const first = cell.run();
    const firstBatch = pending.slice();
    cell.setParams({ noise: 0.2 });
    const second = cell.run();
    expect(firstBatch.every((p) => p.signal?.aborted)).toBe(true);
    firstBatch[0]!.resolve(); // a late result from the superseded run is ignored
    for (const p of pending.slice(firstBatch.length)) p.resolve();
    await Promise.all([first, second]);
    expect(cell.status.kind).toBe('done');
    expect(cell.outcomes.length).toBe(12);
    expect(cell.outcomes.every((o) => o.spec.arm === 'clean' || (o.spec.noise as { rate: number }).rate === 0.2)).toBe(
      true,
    );
  });

  it('a failed trial is reported and left out while the rest go on', async () => {
    const { runner, pending } = manualRunner();
    const cell = new CurveCellState(spec, runner);
    const done = cell.run();
    pending[0]!.reject(new Error('training worker 1 crashed: boom'));
    for (const p of pending.slice(1)) p.resolve();
    await done;
    expect(cell.status.kind).toBe('done');
    expect(cell.failures).toEqual([{ spec: pending[0]!.spec, message: 'training worker 1 crashed: boom' }]);
    expect(cell.outcomes.length).toBe(11);
  });

  it('every trial failing puts the cell in error with the message', async () => {
    const { runner, pending } = manualRunner();
    const cell = new CurveCellState(spec, runner);
    const done = cell.run();
    for (const p of pending) p.reject(new Error('no data'));
    await done;
    expect(cell.status).toMatchObject({ kind: 'error', message: 'no data' });
  });

  it('setParams() with a bad value lists the problem, blocks run() and keeps the last good value', async () => {
    const { runner, pending } = manualRunner();
    const cell = new CurveCellState(spec, runner);
    cell.setParams({ sizes: [100, 50] });
    expect(cell.problems).toEqual(['sizes: must increase (100 then 50)']);
    expect(cell.params.sizes).toEqual([50, 100, 200]);
    await cell.run();
    expect(pending.length).toBe(0);
    cell.setParams({ sizes: [50, 100] });
    expect(cell.problems).toEqual([]);
    expect(cell.params.sizes).toEqual([50, 100]);
  });

  it('changing parameters after a run marks the results stale; a preset replaces them wholesale', async () => {
    const { runner, pending } = manualRunner();
    const cell = new CurveCellState(spec, runner);
    const done = cell.run();
    for (const p of pending) p.resolve();
    await done;
    cell.setParams({ seeds: 3 });
    expect(cell.status).toEqual({ kind: 'stale', previous: 'done' });
    const revision = cell.revision;
    cell.applyPreset(spec.presets[0]!);
    expect(cell.params.noise).toEqual({ kind: 'uniform', rate: 0.3 });
    expect(cell.revision).toBe(revision + 1);
    cell.reset();
    expect(cell.params).toEqual(spec.params);
    expect(cell.summary).toBeNull();
    expect(cell.status.kind).toBe('idle');
  });

  it('changing a parameter mid-run lets the run finish as stale, not done', async () => {
    const { runner, pending } = manualRunner();
    const cell = new CurveCellState(spec, runner);
    const done = cell.run();
    cell.setParams({ noise: 0.3 });
    for (const p of pending) p.resolve();
    await done;
    expect(cell.status).toEqual({ kind: 'stale', previous: 'done' });
  });

  it('setParams() reports each problem once, even when a value repeats', () => {
    const cell = new CurveCellState(spec, manualRunner().runner);
    cell.setParams({ sizes: [5, 5] });
    expect(cell.problems).toEqual(['sizes: 5 is not a whole number ≥ 10', 'sizes: must increase (5 then 5)']);
  });
});

describe('CurveCellState sizing outputs', () => {
  it('outputs.needed, neededLow/High, neededFactor and the ceilings are null while running and the engine’s curveSizing once done', async () => {
    const { runner, pending } = manualRunner();
    const cell = new CurveCellState(spec, runner, () => 0);
    const done = cell.run();
    for (const p of pending.slice(0, -1)) p.resolve();
    await flush();
    expect(cell.outputs.needed).toBeNull();
    expect(cell.outputs.ceilingAccuracy).toBeNull();
    pending.at(-1)!.resolve();
    await done;
    const sizing = curveSizing(cell.sweep!, cell.summary!)!;
    expect(cell.outputs).toMatchObject({
      needed: sizing.noisy.needed,
      neededLow: sizing.noisy.neededInterval.low,
      neededHigh: sizing.noisy.neededInterval.high,
      neededFactor: sizing.noisy.needed / 50,
      ceilingAccuracy: sizing.noisy.ceiling,
      ceilingLowAccuracy: sizing.noisy.ceilingInterval.low,
      ceilingHighAccuracy: sizing.noisy.ceilingInterval.high,
      cleanCeilingAccuracy: sizing.clean.ceiling,
    });
    expect(sizing.target).toBeCloseTo(0.5, 12);
  });
});
