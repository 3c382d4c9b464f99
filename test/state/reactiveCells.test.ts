// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { onAbort } from '../support/onAbort.ts';
import { flushSync } from 'svelte';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { LessonState } from '../../src/state/lessonState.svelte.ts';
import { CurveCellState } from '../../src/state/curveCell.svelte.ts';
import { PlaygroundCellState } from '../../src/state/playgroundCell.svelte.ts';
import type { CellDeps } from '../../src/state/cellDeps.ts';
import { uniformToyFit } from '../support/fakeFixtures.ts';
import type { ToyFitRequest, TrialOutcome, TrialSpec } from '../../src/workers/protocol.ts';
import { abortError } from '../../src/workers/pool.ts';

/** toy → cost (its noise is toy's accuracy) → echo (its noise is the noise cost ran with). */
const SOURCE = `---
title: Links
summary: Cells taking values from cells.
---
Prose.

\`\`\`cell playground
id: toy
points: 20
\`\`\`

\`\`\`cell curve
id: cost
sizes: [50, 100]
seeds: 2
n0: 50
from:
  noise: toy.accuracy
\`\`\`

\`\`\`cell playground
id: echo
points: 20
from:
  noise: cost.noise
\`\`\`
`;
const lesson = parseLesson(SOURCE, 'lessons/07-links.md');

interface Held {
  readonly spec: TrialSpec;
  readonly signal: AbortSignal | undefined;
  resolve(): void;
}

/**
 * Fakes: a toy fit's accuracy is `accuracyOf(seed)` (the test sets it), so a
 * new upstream seed gives a new upstream value; trials answer at once, or are
 * held until the test resolves them.
 */
function fakes() {
  const accuracyOf = new Map<number, number>();
  const fits: ToyFitRequest[] = [];
  const held: Held[] = [];
  const trials = { hold: false, started: [] as TrialSpec[] };
  const outcome = (spec: TrialSpec): TrialOutcome => ({
    spec,
    accuracy: 0.5 + spec.size / 1000 - (spec.arm === 'noisy' ? 0.05 : 0),
    accuracyNoisyTest: null,
    trainAccuracyGiven: 1,
    trainAccuracyTrue: 1,
    iterations: 1,
    converged: true,
    milliseconds: 1,
    backend: 'test',
  });
  const deps: CellDeps = {
    trainer: {
      runTrial: (spec, options) => {
        trials.started.push(spec);
        if (!trials.hold) return Promise.resolve(outcome(spec));
        return new Promise((resolve, reject) => {
          onAbort(options?.signal, () => reject(abortError()));
          held.push({ spec, signal: options?.signal, resolve: () => resolve(outcome(spec)) });
        });
      },
      fitToy: async (request) => {
        fits.push(request);
        return uniformToyFit(request, {
          accuracy: accuracyOf.get(request.seed) ?? 0.2,
          trainAccuracy: 1,
          iterations: 1,
        });
      },
      predictHeldOut: () => Promise.reject(new Error('not in this test')),
      fitAndEvaluate: () => Promise.reject(new Error('not in this test')),
    },
    loadDataset: () => Promise.reject(new Error('not in this test')),
  };
  return { deps, accuracyOf, fits, held, trials };
}

const settle = async () => {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
};

function open(f: ReturnType<typeof fakes>) {
  const state = new LessonState(lesson, f.deps);
  const toy = state.cells.toy as PlaygroundCellState;
  const cost = state.cells.cost as CurveCellState;
  const echo = state.cells.echo as PlaygroundCellState;
  return { state, toy, cost, echo, reactive: state.reactive };
}

const rateOf = (noise: unknown) => (noise as { rate: number }).rate;

describe('ReactiveCells over LessonState', () => {
  it('orders the cells sources first and lists the linked parameters', () => {
    const { reactive } = open(fakes());
    expect(reactive.order).toEqual(['toy', 'cost', 'echo']);
    expect(reactive.linkedParams('cost')).toEqual(['noise']);
    expect(reactive.linkedParams('toy')).toEqual([]);
    expect(reactive.view('toy')).toBeNull();
  });

  it('before the sources have values, each dependent is waiting for its direct source', () => {
    const { reactive } = open(fakes());
    expect(reactive.view('cost')).toMatchObject({
      waitingFor: 'toy',
      inputs: [{ param: 'noise', cell: 'toy', output: 'accuracy', value: null, problem: null }],
    });
    expect(reactive.view('echo')?.waitingFor).toBe('cost');
  });

  it('passes a settled source value on through setParams; a long cell waits to be run', async () => {
    const f = fakes();
    f.accuracyOf.set(1, 0.3);
    const { state, toy, cost, echo, reactive } = open(f);
    state.start();
    await settle();
    expect(toy.status.kind).toBe('done');
    expect(rateOf(cost.params.noise)).toBe(toy.outputs.accuracy);
    expect(reactive.view('cost')).toMatchObject({ waitingFor: null, inputs: [{ value: toy.outputs.accuracy }] });
    expect(cost.status.kind).toBe('idle'); // a curve is a long run: not started by itself
    expect(f.trials.started).toHaveLength(0);
    expect(reactive.view('echo')?.waitingFor).toBe('cost');
    expect(echo.params.noise).toBe(0);
    state.stop();
  });

  it('a cheap dependent re-runs by itself with the new value once its source has run', async () => {
    const f = fakes();
    f.accuracyOf.set(1, 0.3);
    const { state, cost, echo, reactive } = open(f);
    state.start();
    await settle();
    const fitsBefore = f.fits.length;
    await cost.run();
    await settle();
    expect(cost.status.kind).toBe('done');
    expect(echo.params.noise).toBe(cost.outputs.noise);
    expect(f.fits.length).toBeGreaterThan(fitsBefore);
    expect(echo.status.kind).toBe('done');
    expect(reactive.view('echo')?.waitingFor).toBeNull();
    state.stop();
  });

  it('changing an upstream parameter marks every dependent stale, then hands on the new value', async () => {
    const f = fakes();
    f.accuracyOf.set(1, 0.3);
    f.accuracyOf.set(2, 0.25);
    const { state, toy, cost, reactive } = open(f);
    state.start();
    await settle();
    await cost.run();
    await settle();
    expect(cost.status.kind).toBe('done');

    toy.setParams({ seed: 2 }); // refits: toy is running, its output not yet settled
    flushSync();
    expect(toy.status.kind).toBe('running');
    expect(reactive.view('cost')?.waitingFor).toBe('toy');
    expect(reactive.status('cost', cost.status).kind).toBe('stale');
    expect(reactive.view('echo')?.waitingFor).toBe('cost'); // transitively
    expect(reactive.status('echo', state.cells.echo!.status).kind).toBe('stale');

    await settle();
    expect(toy.status.kind).toBe('done');
    expect(rateOf(cost.params.noise)).toBe(toy.outputs.accuracy);
    expect(rateOf(cost.params.noise)).not.toBe(rateOf(cost.sweep?.noise));
    expect(cost.status.kind).toBe('stale'); // out of date: run again
    expect(reactive.view('cost')?.waitingFor).toBeNull();
    expect(reactive.view('echo')?.waitingFor).toBe('cost');

    reactive.run('cost');
    await settle();
    expect(cost.status.kind).toBe('done');
    expect(rateOf(cost.sweep?.noise)).toBe(toy.outputs.accuracy);
    state.stop();
  });

  it('latest request wins: a dependent running with the old value is cancelled and restarted', async () => {
    const f = fakes();
    f.accuracyOf.set(1, 0.3);
    f.accuracyOf.set(2, 0.25);
    const { state, toy, cost } = open(f);
    state.start();
    await settle();
    f.trials.hold = true;
    void cost.run();
    await settle();
    const first = [...f.held];
    expect(first.length).toBeGreaterThan(0);
    expect(cost.status.kind).toBe('running');

    toy.setParams({ seed: 2 });
    await settle();
    expect(first.every((h) => h.signal?.aborted)).toBe(true);
    const restarted = f.held.filter((h) => !first.includes(h));
    expect(restarted.length).toBeGreaterThan(0);
    expect(restarted.every((h) => h.spec.arm === 'clean' || rateOf(h.spec.noise) === toy.outputs.accuracy)).toBe(true);
    expect(cost.status.kind).toBe('running');
    for (const h of restarted) h.resolve();
    await settle();
    expect(cost.status.kind).toBe('done');
    expect(rateOf(cost.sweep?.noise)).toBe(toy.outputs.accuracy);
    state.stop();
  });

  it('a value the dependent refuses is named at the cell, and the parameter keeps its last good value', async () => {
    const f = fakes();
    f.accuracyOf.set(1, 0.95); // a curve's noise must be at most 0.9
    const { state, cost, reactive } = open(f);
    state.start();
    await settle();
    expect(cost.params.noise).toEqual(cost.spec.params.noise);
    const problem = reactive.view('cost')?.inputs[0]?.problem ?? '';
    expect(problem).toContain('toy.accuracy = 0.95 cannot be used');
    expect(problem).toContain('noise');
    state.stop();
  });

  it('a reset dependent takes the linked value again', async () => {
    const f = fakes();
    f.accuracyOf.set(1, 0.3);
    const { state, toy, cost } = open(f);
    state.start();
    await settle();
    cost.reset();
    await settle();
    expect(rateOf(cost.params.noise)).toBe(toy.outputs.accuracy);
    state.stop();
  });

  it('stops passing values on after stop()', async () => {
    const f = fakes();
    f.accuracyOf.set(1, 0.3);
    f.accuracyOf.set(2, 0.25);
    const { state, toy, cost } = open(f);
    state.start();
    await settle();
    state.stop();
    const before = rateOf(cost.params.noise);
    toy.setParams({ seed: 2 });
    await settle();
    expect(toy.outputs.accuracy).not.toBe(before);
    expect(rateOf(cost.params.noise)).toBe(before);
  });
});
