import { describe, expect, it } from 'vitest';
import { onAbort } from '../support/onAbort.ts';
import { PlaygroundCellState, type ToyFitter } from '../../src/state/playgroundCell.svelte.ts';
import type { PlaygroundCellSpec } from '../../src/notebook/types.ts';
import { PLAYGROUND_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import type { ToyFitRequest, ToyFitResult } from '../../src/workers/protocol.ts';
import { abortError } from '../../src/workers/pool.ts';

const spec: PlaygroundCellSpec = {
  type: 'playground',
  id: 'toy',
  title: '',
  line: 1,
  params: { ...PLAYGROUND_DEFAULTS, points: 40, noise: 0.25, seed: 3 },
};

/** A fitter whose "accuracy" is n / 100, so a test can tell which request a result answers. */
function fitter() {
  const requests: ToyFitRequest[] = [];
  const pending: (() => void)[] = [];
  const api: ToyFitter = {
    fitToy: (request, options) =>
      new Promise<ToyFitResult>((resolve, reject) => {
        requests.push(request);
        onAbort(options?.signal, () => reject(abortError()));
        pending.push(() =>
          resolve({
            accuracy: request.train.n / 100,
            trainAccuracy: 1,
            memberAccuracies: [request.train.n / 100],
            testPredictions: new Int32Array(request.test.n),
            probabilities: new Float32Array(request.grid * request.grid * request.train.classes),
            grid: request.grid,
            iterations: 1,
            backend: 'test',
          }),
        );
      }),
  };
  return { api, requests, pending };
}

describe('PlaygroundCellState', () => {
  it('new PlaygroundCellState(spec) draws the points and flips exactly round(noise·n) labels, deterministically', () => {
    const a = new PlaygroundCellState(spec, fitter().api);
    const b = new PlaygroundCellState(spec, fitter().api);
    expect(a.data.truth.length).toBe(40);
    expect(a.wrongLabels).toBe(10);
    expect(Array.from(a.data.given)).toEqual(Array.from(b.data.given));
    expect(a.outputs).toMatchObject({ points: 40, wrongLabels: 10, accuracy: null });
  });

  it('fit() sends the given (noisy) labels and clean test points; the result lands in outputs', async () => {
    const f = fitter();
    const cell = new PlaygroundCellState(spec, f.api);
    const done = cell.fit();
    expect(cell.status.kind).toBe('running');
    expect(Array.from(f.requests[0]!.train.y)).toEqual(Array.from(cell.data.given));
    expect(f.requests[0]!.test.n).toBe(500);
    f.pending[0]!();
    await done;
    expect(cell.status.kind).toBe('done');
    expect(cell.outputs.accuracy).toBe(0.4);
  });

  it('fit({starts, testPoints}) asks for that many starts and test points; change is null until a second fit on the same test points', async () => {
    const f = fitter();
    const cell = new PlaygroundCellState({ ...spec, params: { ...spec.params, starts: 4, testPoints: 300 } }, f.api);
    const first = cell.fit();
    expect(f.requests[0]).toMatchObject({ starts: 4, test: { n: 300 } });
    f.pending[0]!();
    await first;
    expect(cell.change).toBeNull();
    expect(cell.accuracyNoise).toBeCloseTo(2 * Math.sqrt((0.4 * 0.6) / 300), 12);
    cell.addPoint(0, 0);
    f.pending[1]!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The fake fitter scores n / 100 and predicts class 0 everywhere: +1 point, no disagreement, no spread.
    expect(cell.change?.delta).toBeCloseTo(0.01, 12);
    expect(cell.change?.noise).toBe(0);
    cell.setParams({ seed: 4 });
    expect(cell.change).toBeNull();
  });

  it('clickPoint(i) on a wrong label restores the truth; on a right label it applies the brush class', async () => {
    const f = fitter();
    const cell = new PlaygroundCellState(spec, f.api);
    const { truth, given } = cell.data;
    const wrong = given.findIndex((g, i) => g !== truth[i]);
    const right = given.findIndex((g, i) => g === truth[i]);
    cell.clickPoint(wrong);
    expect(cell.data.given[wrong]).toBe(truth[wrong]);
    expect(cell.wrongLabels).toBe(9);
    cell.brush = 1 - truth[right]!;
    cell.clickPoint(right);
    expect(cell.data.given[right]).toBe(1 - truth[right]!);
    expect(cell.wrongLabels).toBe(10);
    expect(f.requests.length).toBe(2); // every edit retrains
  });

  it('each edit cancels the fit still running: the latest request wins', async () => {
    const f = fitter();
    const cell = new PlaygroundCellState(spec, f.api);
    const first = cell.fit();
    cell.addPoint(0.5, 0.5);
    f.pending[0]!(); // the superseded fit's result is ignored
    await first;
    expect(cell.result).toBeNull();
    f.pending[1]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(cell.result?.accuracy).toBe(0.41);
    expect(cell.data.truth.length).toBe(41);
  });

  it('setParams({noise}) re-draws the flips over the same points; a bad value is refused with a reason', () => {
    const cell = new PlaygroundCellState(spec, fitter().api);
    const points = cell.data.points;
    expect(cell.setParams({ noise: 0.5 })).toEqual([]);
    expect(cell.data.points).toBe(points);
    expect(cell.wrongLabels).toBe(20);
    expect(cell.setParams({ noise: 2 })).toEqual(['noise: must be between 0 and 0.9, got 2']);
    expect(cell.params.noise).toBe(0.5);
    cell.cleanAll();
    expect(cell.wrongLabels).toBe(0);
  });
});
