import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createTrainerApi } from '../../src/workers/trainerApi.ts';
import { TrainerPool, WorkerCrashError, defaultPoolSize } from '../../src/workers/pool.ts';
import type { TrainerApi, TrialSpec } from '../../src/workers/protocol.ts';
import { isAbortError } from '../../src/workers/protocol.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { CLEAN } from '../../src/engine/trial.ts';
import { inProcessWorker, type InProcessWorker } from '../support/inProcessWorker.ts';

const trial = (size: number, seed: number, overrides: Partial<TrialSpec> = {}): TrialSpec => ({
  dataset: 'digits',
  model: 'logreg',
  size,
  noise: CLEAN,
  seed,
  arm: 'clean',
  ...overrides,
});

function makePool(
  options: {
    size?: number;
    wrapApi?: (api: TrainerApi) => TrainerApi;
    grace?: number;
    stall?: number;
    /** Holds every data set load this long (inside the request, so the worker's heartbeat runs meanwhile). */
    loadDelayMs?: number;
  } = {},
) {
  const workers: InProcessWorker[] = [];
  const delay = options.loadDelayMs ?? 0;
  const api = createTrainerApi({
    loadDataset: async (name) => {
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      return loadDatasetFile(name);
    },
  });
  const pool = new TrainerPool({
    size: options.size ?? 2,
    init: { backend: 'wasm', dataUrl: 'file:///unused/' },
    cancelGraceMs: options.grace ?? 1000,
    stallTimeoutMs: options.stall ?? 30_000,
    createWorker: () => {
      const worker = inProcessWorker(options.wrapApi ? options.wrapApi(api) : api);
      workers.push(worker);
      return worker;
    },
  });
  return { pool, workers };
}

describe('TrainerPool (in-process workers over MessageChannel)', () => {
  let pools: TrainerPool[] = [];
  const track = <T extends { pool: TrainerPool }>(made: T): T => {
    pools.push(made.pool);
    return made;
  };
  beforeAll(async () => {
    const { pool } = track(makePool({ size: 1 }));
    await pool.ready();
  });
  afterAll(() => {
    for (const pool of pools) pool.dispose();
    pools = [];
  });

  it('defaultPoolSize(hardwareConcurrency) is at least 1 and at most 8', () => {
    expect(defaultPoolSize(undefined)).toBe(2);
    expect(defaultPoolSize(0)).toBe(1);
    expect(defaultPoolSize(1)).toBe(1);
    expect(defaultPoolSize(4)).toBe(4);
    expect(defaultPoolSize(64)).toBe(8);
  });

  it('ready() reports the backend that actually loaded', async () => {
    const { pool } = track(makePool({ size: 1 }));
    const info = await pool.ready();
    expect(info.name).toBe('wasm');
    expect(info.fallbackReason).toBeNull();
  });

  it('runTrial(spec) resolves with the outcome, deterministically, and streams progress', async () => {
    const { pool } = track(makePool({ size: 2 }));
    const progress: number[] = [];
    const spec = trial(300, 3, { arm: 'noisy', noise: { kind: 'uniform', rate: 0.2 } });
    const a = await pool.runTrial(spec, { onProgress: (p) => progress.push(p.iteration) });
    const b = await pool.runTrial(spec);
    expect(a.accuracy).toBeGreaterThan(0.7);
    expect(a.accuracy).toBe(b.accuracy);
    expect(a.iterations).toBe(b.iterations);
    expect(a.trainAccuracyGiven).toBeLessThan(1);
    expect(a.spec).toEqual(spec);
  });

  it('results stream back as trials finish, each resolving its own promise', async () => {
    const { pool } = track(makePool({ size: 2 }));
    const order: number[] = [];
    const sizes = [600, 50, 400, 100];
    const outcomes = await Promise.all(
      sizes.map((n, i) =>
        pool.runTrial(trial(n, i)).then((o) => {
          order.push(o.spec.size);
          return o;
        }),
      ),
    );
    expect(outcomes.map((o) => o.spec.size)).toEqual(sizes);
    expect(new Set(order)).toEqual(new Set(sizes));
  });

  it('cancelling a queued request rejects it with an AbortError and it never runs', async () => {
    let started = 0;
    const { pool } = track(
      makePool({
        size: 1,
        wrapApi: (api) => ({
          ...api,
          runTrial: (...args) => {
            started++;
            return api.runTrial(...args);
          },
        }),
      }),
    );
    await pool.ready();
    const first = pool.runTrial(trial(200, 0));
    const controller = new AbortController();
    const second = pool.runTrial(trial(200, 1), { signal: controller.signal });
    controller.abort();
    await expect(second).rejects.toSatisfy(isAbortError);
    await first;
    expect(started).toBe(1);
  });

  it('cancelling a running request rejects it at once and frees the worker for the next', async () => {
    const { pool, workers } = track(makePool({ size: 1 }));
    await pool.ready();
    const controller = new AbortController();
    const long = pool.runTrial(trial(1250, 0, { model: 'mlp' }), { signal: controller.signal });
    const next = pool.runTrial(trial(100, 0));
    await new Promise((r) => setTimeout(r, 50));
    let nextDone = false;
    void next.then(() => (nextDone = true));
    controller.abort();
    await expect(long).rejects.toSatisfy(isAbortError);
    expect(nextDone).toBe(false); // rejected without waiting for the worker's next result
    const outcome = await next;
    expect(outcome.spec.size).toBe(100);
    expect(workers.length).toBe(1); // stopped cooperatively: no replacement needed
  });

  it('a worker that ignores cancel is terminated and replaced after the grace period', async () => {
    const { pool, workers } = track(
      makePool({
        size: 1,
        grace: 100,
        wrapApi: (api) => ({ ...api, cancel: () => {}, runTrial: () => new Promise(() => {}) }),
      }),
    );
    await pool.ready();
    const controller = new AbortController();
    const stuck = pool.runTrial(trial(100, 0), { signal: controller.signal });
    controller.abort();
    await expect(stuck).rejects.toSatisfy(isAbortError);
    await new Promise((r) => setTimeout(r, 250));
    expect(workers[0]!.terminated).toBe(true);
    expect(workers.length).toBe(2);
  });

  it('a crashed worker is replaced: its trial is reported as an error and the rest go on', async () => {
    const { pool, workers } = track(makePool({ size: 2 }));
    await pool.ready();
    const specs = [trial(1250, 0, { model: 'mlp' }), trial(200, 1), trial(200, 2), trial(200, 3)];
    const settled = Promise.allSettled(specs.map((s) => pool.runTrial(s)));
    await new Promise((r) => setTimeout(r, 30));
    workers[0]!.crash('out of memory (simulated)');
    const results = await settled;
    expect(results[0]!.status).toBe('rejected');
    const reason = (results[0] as PromiseRejectedResult).reason as Error;
    expect(reason).toBeInstanceOf(WorkerCrashError);
    expect(reason.message).toMatch(/crashed: out of memory/);
    expect(results.slice(1).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers.length).toBe(3);
    // The replacement works.
    await expect(pool.runTrial(trial(100, 9))).resolves.toMatchObject({ spec: { size: 100 } });
  });

  it('a request failing with a WebAssembly trap is reported as a crash and its worker replaced', async () => {
    let calls = 0;
    const { pool, workers } = track(
      makePool({
        size: 1,
        wrapApi: (api) => ({
          ...api,
          runTrial: (...args) => {
            if (++calls === 1) {
              const trap = new Error('Aborted(OOM). Build with -sASSERTIONS for more info.');
              trap.name = 'RuntimeError';
              return Promise.reject(trap);
            }
            return api.runTrial(...args);
          },
        }),
      }),
    );
    await pool.ready();
    await expect(pool.runTrial(trial(100, 0))).rejects.toThrow(WorkerCrashError);
    expect(workers[0]!.terminated).toBe(true);
    await expect(pool.runTrial(trial(100, 0))).resolves.toMatchObject({ spec: { size: 100 } });
  });

  it('a request that goes silent (no progress, no result) past the stall timeout is a crash; the worker is replaced', async () => {
    const { pool, workers } = track(
      makePool({ size: 1, stall: 150, wrapApi: (api) => ({ ...api, runTrial: () => new Promise(() => {}) }) }),
    );
    await pool.ready();
    await expect(pool.runTrial(trial(100, 0))).rejects.toThrow(/stopped responding/);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers.length).toBe(2);
  });

  it('a long request that reports no progress outlives the stall timeout: its worker heartbeat keeps it alive', async () => {
    // The data set takes 1 s to load (inside the request), five stall periods with no progress: only the heartbeat speaks.
    const { pool, workers } = track(
      makePool({
        size: 1,
        stall: 200,
        loadDelayMs: 1000,
        wrapApi: (api) => ({ ...api, runTrial: (id, spec) => api.runTrial(id, spec) }),
      }),
    );
    await pool.ready();
    const started = performance.now();
    const outcome = await pool.runTrial(trial(200, 0));
    expect(performance.now() - started).toBeGreaterThan(200); // longer than the stall timeout, in silence
    expect(outcome.spec.size).toBe(200);
    expect(workers.length).toBe(1);
  });

  it('a worker that works on but sends no heartbeat (its event loop blocked, or gone) is still a crash after the stall timeout', async () => {
    const { pool, workers } = track(
      makePool({
        size: 1,
        stall: 300,
        loadDelayMs: 3000,
        wrapApi: (api) => ({ ...api, heartbeat: () => {}, runTrial: (id, spec) => api.runTrial(id, spec) }),
      }),
    );
    await pool.ready();
    await expect(pool.runTrial(trial(200, 0))).rejects.toThrow(
      /training worker 1 crashed: it stopped responding \(no progress for 0 s\)/,
    );
    expect(workers[0]!.terminated).toBe(true);
    expect(workers.length).toBe(2);
  });

  it('on an injected clock with the default 30 s stall: heartbeats keep a silent request alive for minutes; 30 s of silence ends it', async () => {
    let clock = 0;
    let timers: { at: number; callback: () => void }[] = [];
    const turn = () => new Promise((r) => setTimeout(r, 0)); // real time: lets comlink's messages through
    const advance = async (ms: number) => {
      clock += ms;
      for (let due = timers.filter((t) => t.at <= clock); due.length; due = timers.filter((t) => t.at <= clock)) {
        timers = timers.filter((t) => t.at > clock);
        for (const t of due) t.callback();
      }
      for (let i = 0; i < 5; i++) await turn();
    };
    let beat: (() => void) | null = null;
    let period = 0;
    const fake = {
      init: async () => ({ name: 'cpu', requested: 'cpu', simd: null, fallbackReason: null }),
      heartbeat: (onAlive: () => void, everyMs: number) => {
        beat = onAlive;
        period = everyMs;
      },
      runTrial: () => new Promise<never>(() => {}), // works forever, never reports progress
      fitToy: () => new Promise<never>(() => {}),
      cancel: () => {},
    } as unknown as TrainerApi;
    const workers: InProcessWorker[] = [];
    const pool = new TrainerPool({
      size: 1,
      init: { backend: 'cpu', dataUrl: 'file:///unused/' },
      createWorker: () => {
        const worker = inProcessWorker(fake);
        workers.push(worker);
        return worker;
      },
      setTimeout: (callback, ms) => void timers.push({ at: clock + ms, callback }),
      now: () => clock,
    });
    pools.push(pool);
    await pool.ready();
    expect(period).toBe(1000);
    let outcome = 'running';
    pool.runTrial(trial(100, 0)).catch((error: Error) => (outcome = error.message));
    await advance(0);
    for (let second = 0; second < 300; second += 10) {
      await advance(10_000);
      beat!();
      await advance(0);
    }
    expect(outcome).toBe('running'); // five minutes, no progress, a beat every 10 s
    expect(workers).toHaveLength(1);
    await advance(29_000);
    expect(outcome).toBe('running');
    await advance(1_000);
    expect(outcome).toBe('training worker 1 crashed: it stopped responding (no progress for 30 s)');
    expect(workers[0]!.terminated).toBe(true);
  });

  it('slow cancels replace the worker without counting as failures: the pool never gives up over them', async () => {
    const { pool, workers } = track(
      makePool({
        size: 1,
        grace: 20,
        wrapApi: (api) => ({ ...api, cancel: () => {}, runTrial: () => new Promise(() => {}) }),
      }),
    );
    for (let round = 0; round < 5; round++) {
      await pool.ready();
      const controller = new AbortController();
      const stuck = pool.runTrial(trial(100, round), { signal: controller.signal });
      await new Promise((r) => setTimeout(r, 10));
      controller.abort();
      await expect(stuck).rejects.toSatisfy(isAbortError);
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(workers.length).toBe(6);
    // Still accepted (pending on the fresh worker), not refused as a broken pool.
    const next = pool.runTrial(trial(100, 9));
    next.catch(() => {});
    const pending = new Promise((resolve) => setTimeout(() => resolve('pending'), 50));
    await expect(Promise.race([next, pending])).resolves.toBe('pending');
  });

  it('a worker error outside a request reports, leaves requests unaffected', async () => {
    const { pool, workers } = track(makePool({ size: 1 }));
    await pool.ready();
    workers[0]!.crash('stray error');
    await expect(pool.runTrial(trial(100, 0))).resolves.toMatchObject({ spec: { size: 100 } });
  });

  it('100 trials leave no tensors behind (tf.memory().numTensors flat)', async () => {
    const { pool } = track(makePool({ size: 2 }));
    await pool.ready();
    await pool.runTrial(trial(50, 0)); // warm up: dataset cached, backend kernels ready
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          pool.runTrial(
            trial(50 + 10 * i, batch, {
              model: i % 3 === 0 ? 'mlp' : 'logreg',
              arm: i % 2 ? 'noisy' : 'clean',
              noise: i % 2 ? { kind: 'uniform', rate: 0.3 } : CLEAN,
            }),
          ),
        ),
      );
      counts.push(tf.memory().numTensors);
    }
    expect(counts.every((c) => c === before)).toBe(true);
    const memory = await pool.memory();
    expect(memory.every((m) => m.numTensors === before)).toBe(true);
  });

  it('a trial that fails (bad spec) rejects with its message and the worker stays usable', async () => {
    const { pool } = track(makePool({ size: 1 }));
    await expect(pool.runTrial(trial(99999, 0))).rejects.toThrow(/training-set size must be an integer from 1 to 1257/);
    await expect(pool.runTrial(trial(100, 0))).resolves.toMatchObject({ spec: { size: 100 } });
  });

  it('dispose() rejects pending requests and terminates the workers', async () => {
    const { pool, workers } = track(makePool({ size: 1 }));
    const pending = pool.runTrial(trial(100, 0));
    pool.dispose();
    await expect(pending).rejects.toSatisfy(isAbortError);
    expect(workers.every((w) => w.terminated)).toBe(true);
  });
});
