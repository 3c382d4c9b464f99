import { beforeAll, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { createTrainerApi } from '../../src/workers/trainerApi.ts';
import type { FitProgress, TrainerApi } from '../../src/workers/protocol.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { generateToy, TOY_BOUNDS } from '../../src/engine/toy2d.ts';
import { createRandom } from '../../src/engine/random.ts';
import { CLEAN } from '../../src/engine/trial.ts';

/** The trainer API exposed over a MessageChannel, exactly as a worker exposes it. */
function connect(): Comlink.Remote<TrainerApi> {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(
    createTrainerApi({ loadDataset: (name) => loadDatasetFile(name) }),
    port1 as unknown as Comlink.Endpoint,
  );
  return Comlink.wrap<TrainerApi>(port2 as unknown as Comlink.Endpoint);
}

describe('trainer API over a MessageChannel (comlink)', () => {
  let api: Comlink.Remote<TrainerApi>;
  beforeAll(async () => {
    api = connect();
    await api.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
  });

  it('runTrial before init() rejects with a message saying what to do', async () => {
    const fresh = connect();
    await expect(
      fresh.runTrial('x', { dataset: 'digits', model: 'logreg', size: 50, noise: CLEAN, seed: 0, arm: 'clean' }),
    ).rejects.toThrow(/call init\(\) first/);
  });

  it('runTrial on an unknown data set rejects naming the known ones', async () => {
    await expect(
      api.runTrial('y', { dataset: 'nope', model: 'logreg', size: 50, noise: CLEAN, seed: 0, arm: 'clean' }),
    ).rejects.toThrow(/unknown data set "nope" \(known: digits, fashion\)/);
  });

  it('runTrial reports progress through a proxied callback', async () => {
    const iterations: number[] = [];
    const outcome = await api.runTrial(
      'p',
      { dataset: 'digits', model: 'mlp', size: 400, noise: CLEAN, seed: 0, arm: 'clean' },
      Comlink.proxy((p: FitProgress) => iterations.push(p.iteration)),
    );
    expect(outcome.converged || outcome.iterations === 300).toBe(true);
    expect(iterations.length).toBeGreaterThan(0);
    expect(iterations).toEqual([...iterations].sort((a, b) => a - b));
  });

  it('fitToy maps (grid², K) probabilities that sum to 1 and measures accuracy on the clean test points', async () => {
    const random = createRandom(1);
    const train = generateToy({ shape: 'blobs', n: 60, classes: 3, random });
    const test = generateToy({ shape: 'blobs', n: 200, classes: 3, random });
    const result = await api.fitToy('t', { model: 'logreg', train, test, bounds: TOY_BOUNDS.blobs, grid: 10, seed: 0 });
    expect(result.probabilities.length).toBe(10 * 10 * 3);
    for (let i = 0; i < 100; i++) {
      const row = result.probabilities.slice(3 * i, 3 * i + 3);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    expect(result.accuracy).toBeGreaterThan(0.8);
    expect(result.backend).toBe('wasm');
  });

  it('heartbeat(onAlive, ms) ticks only while a request runs, on the injected timer', async () => {
    const intervals: { callback: () => void; ms: number; cleared: boolean }[] = [];
    const direct = createTrainerApi({
      loadDataset: (name) => loadDatasetFile(name),
      timers: {
        setInterval: (callback, ms) => intervals.push({ callback, ms, cleared: false }) - 1,
        clearInterval: (handle) => void (intervals[handle as number]!.cleared = true),
      },
    });
    await direct.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
    let beats = 0;
    direct.heartbeat(() => void beats++, 250);
    expect(intervals).toEqual([]); // idle: silent
    const running = direct.runTrial('h', {
      dataset: 'digits',
      model: 'logreg',
      size: 100,
      noise: CLEAN,
      seed: 0,
      arm: 'clean',
    });
    expect(intervals).toHaveLength(1);
    expect(intervals[0]).toMatchObject({ ms: 250, cleared: false });
    intervals[0]!.callback();
    intervals[0]!.callback();
    expect(beats).toBe(2);
    await running;
    expect(intervals).toHaveLength(1);
    expect(intervals[0]!.cleared).toBe(true);
    expect(() => direct.heartbeat(() => {}, 0)).toThrow(/period > 0/);
  });

  it('cancel(id) stops that request with an AbortError; the API stays usable', async () => {
    const running = api.runTrial('c', {
      dataset: 'fashion',
      model: 'mlp',
      size: 3000,
      noise: CLEAN,
      seed: 0,
      arm: 'clean',
    });
    await new Promise((r) => setTimeout(r, 100));
    await api.cancel('c');
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    const memory = await api.memory();
    expect(memory.numTensors).toBe(0);
  });

  it('runTrial with boundary noise builds the reference model once and flips the hardest labels', async () => {
    const spec = { dataset: 'digits', model: 'logreg', size: 300, seed: 0, arm: 'noisy' } as const;
    const boundary = await api.runTrial('b1', { ...spec, noise: { kind: 'boundary', rate: 0.2 } });
    const uniform = await api.runTrial('u1', { ...spec, noise: { kind: 'uniform', rate: 0.2 } });
    // Boundary flips sit where the model is unsure, each to the plausible class: the model can fit them more easily.
    expect(boundary.trainAccuracyGiven).toBeGreaterThan(uniform.trainAccuracyGiven);
    expect(boundary.accuracy).toBeGreaterThan(0.5);
    const again = await api.runTrial('b2', { ...spec, noise: { kind: 'boundary', rate: 0.2 } });
    expect(again.accuracy).toBe(boundary.accuracy);
  });

  it('predictHeldOut and fitAndEvaluate train on the rows and labels they are given', async () => {
    const rows = Int32Array.from({ length: 400 }, (_, i) => i);
    const labels = new Int32Array(400).fill(3); // every label says "3"
    const probs = await api.predictHeldOut('h', {
      dataset: 'digits',
      model: 'logreg',
      trainRows: rows.subarray(0, 300),
      trainLabels: labels.subarray(0, 300),
      predictRows: rows.subarray(300),
      seed: 0,
    });
    expect(probs.length).toBe(100 * 10);
    expect(probs[3]).toBeGreaterThan(0.9); // it learned the only label it saw
    const evaluated = await api.fitAndEvaluate('e', { dataset: 'digits', model: 'logreg', rows, labels, seed: 0 });
    expect(evaluated.trainAccuracyGiven).toBe(1);
    expect(evaluated.accuracy).toBeLessThan(0.2); // against the true test labels it is ~10% right
    expect(evaluated.accuracyNoisyTest).toBeNull();
  });
});
