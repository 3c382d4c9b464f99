/**
 * The worker side of the protocol, written against injected loaders so it
 * runs the same in a Web Worker, in Node tests over a MessageChannel, and
 * anywhere else.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../engine/types.ts';
import { TrialPreparer } from '../engine/trial.ts';
import { memoizeAsync } from '../engine/memoize.ts';
import { startBackend, timeBackends, type BackendOptions } from '../model/backend.ts';
import { fitToy } from '../model/fitToy.ts';
import { fitAndEvaluate, predictHeldOut } from '../model/heldOut.ts';
import { referenceProbabilities } from '../model/referenceProbabilities.ts';
import { runTrial } from '../model/runTrial.ts';
import { analyseTable } from '../model/tabularWorth.ts';
import { restoredLabels } from '../model/restoredLabels.ts';
import type { PreparedTable } from '../model/tabular.ts';
import { checkLabels } from '../engine/table/labelColumn.ts';
import { unpackRows } from '../engine/table/packedCells.ts';
import type { TableAnalysisRequest, TrainerApi, WorkerInfo, WorkerInit } from './protocol.ts';

export interface TrainerDeps {
  /** Loads a data set by name from the folder `dataUrl`. */
  readonly loadDataset: (name: string, dataUrl: string) => Promise<Dataset>;
  readonly backendOptions?: BackendOptions;
  /** The heartbeat's timer, injectable for tests; default the global setInterval / clearInterval. */
  readonly timers?: HeartbeatTimers;
}

export interface HeartbeatTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const GLOBAL_TIMERS: HeartbeatTimers = {
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
};

export function createTrainerApi(deps: TrainerDeps): TrainerApi {
  let dataUrl: string | null = null;
  const running = new Map<string, AbortController>();
  const loadDataset = memoizeAsync((name) => deps.loadDataset(name, dataUrl!));
  const dataset = (name: string): Promise<Dataset> => {
    if (dataUrl === null) throw new Error('the worker was not initialised: call init() first');
    return loadDataset(name);
  };
  const preparer = memoizeAsync(async (name) => new TrialPreparer(await dataset(name)));
  /** A preparer that can make boundary noise: it knows a reference model's out-of-fold probabilities. */
  const referencePreparer = memoizeAsync(async (name) => {
    const data = await dataset(name);
    return new TrialPreparer(data, { referenceProbabilities: await referenceProbabilities(data) });
  });

  // The heartbeat ticks while at least one request runs (heartbeat() sets it up).
  const timers = deps.timers ?? GLOBAL_TIMERS;
  let alive: { readonly onAlive: () => void; readonly everyMs: number } | null = null;
  let ticking: unknown = null;
  const beat = (): void => {
    // A page that went away rejects the call: nothing to do about it here.
    Promise.resolve(alive?.onAlive()).catch(() => {});
  };
  const syncHeartbeat = (): void => {
    const wanted = alive !== null && running.size > 0;
    if (wanted && ticking === null) ticking = timers.setInterval(beat, alive!.everyMs);
    else if (!wanted && ticking !== null) {
      timers.clearInterval(ticking);
      ticking = null;
    }
  };

  const track = async <T>(requestId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (running.has(requestId)) throw new Error(`request id "${requestId}" is already running`);
    const controller = new AbortController();
    running.set(requestId, controller);
    syncHeartbeat();
    try {
      return await work(controller.signal);
    } finally {
      running.delete(requestId);
      syncHeartbeat();
    }
  };

  return {
    async init(init: WorkerInit): Promise<WorkerInfo> {
      dataUrl = init.dataUrl;
      return startBackend(init.backend, deps.backendOptions);
    },

    timeBackends: (backends) => timeBackends(backends, deps.backendOptions),

    runTrial(requestId, spec, onProgress) {
      return track(requestId, async (signal) => {
        const p = await (spec.noise.kind === 'boundary' ? referencePreparer : preparer)(spec.dataset);
        signal.throwIfAborted();
        return runTrial(p, spec, { signal, ...(onProgress ? { onProgress } : {}) });
      });
    },

    fitToy(requestId, request, onProgress) {
      return track(requestId, (signal) => fitToy(request, { signal, ...(onProgress ? { onProgress } : {}) }));
    },

    predictHeldOut(requestId, request, onProgress) {
      return track(requestId, async (signal) => {
        const data = await dataset(request.dataset);
        signal.throwIfAborted();
        return predictHeldOut(data, request, { signal, ...(onProgress ? { onProgress } : {}) });
      });
    },

    fitAndEvaluate(requestId, request, onProgress) {
      return track(requestId, async (signal) => {
        const p = await preparer(request.dataset);
        signal.throwIfAborted();
        return fitAndEvaluate(p, request, { signal, ...(onProgress ? { onProgress } : {}) });
      });
    },

    analyseTable(requestId, request, onProgress) {
      return track(requestId, async (signal) =>
        analyseTable(preparedTable(request), {
          folds: request.folds,
          seed: request.seed,
          model: request.model,
          ...(request.injectNoise !== undefined ? { injectNoise: request.injectNoise } : {}),
          signal,
          ...(onProgress ? { onProgress } : {}),
        }),
      );
    },

    restoreLabels(requestId, request, onProgress) {
      return track(requestId, async (signal) =>
        restoredLabels(preparedTable(request), {
          folds: request.folds,
          seed: request.seed,
          model: request.model,
          injectNoise: request.injectNoise,
          candidate: request.candidate,
          repeats: request.repeats,
          signal,
          ...(onProgress ? { onProgress } : {}),
        }),
      );
    },

    heartbeat(onAlive, everyMs) {
      if (!(everyMs > 0)) throw new RangeError(`the heartbeat needs a period > 0 ms, got ${everyMs}`);
      if (ticking !== null) timers.clearInterval(ticking);
      ticking = null;
      alive = { onAlive, everyMs };
      syncHeartbeat();
    },

    cancel(requestId) {
      running.get(requestId)?.abort();
    },

    memory() {
      const { numTensors, numBytes } = tf.memory();
      return { numTensors, numBytes };
    },
  };
}

/** A table request's rows unpacked and its labels checked; a RangeError naming the problem when they cannot be used. */
function preparedTable(request: TableAnalysisRequest): PreparedTable {
  const { header, cells, rowNumbers } = request.table;
  const table = { header, rows: unpackRows(cells), rowNumbers };
  const labels = checkLabels(table, { column: request.label, folds: request.folds });
  const error = labels.problems.find((p) => p.severity === 'error');
  if (error) throw new RangeError(error.message);
  return { table, columns: request.columns, labels };
}
