/**
 * The worker side of the protocol, written against injected loaders so it
 * runs the same in a Web Worker, in Node tests over a MessageChannel, and
 * anywhere else.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../engine/types.ts';
import { TrialPreparer } from '../engine/trial.ts';
import { memoizeAsync } from '../engine/memoize.ts';
import { initBackend, type BackendOptions } from '../model/backend.ts';
import { fitToy } from '../model/fitToy.ts';
import { fitAndEvaluate, predictHeldOut } from '../model/heldOut.ts';
import { referenceProbabilities } from '../model/referenceProbabilities.ts';
import { runTrial } from '../model/runTrial.ts';
import { analyseTable } from '../model/tabularWorth.ts';
import { checkLabels } from '../engine/table/labelColumn.ts';
import type { TrainerApi, WorkerInfo, WorkerInit } from './protocol.ts';

export interface TrainerDeps {
  /** Loads a data set by name from the folder `dataUrl`. */
  readonly loadDataset: (name: string, dataUrl: string) => Promise<Dataset>;
  readonly backendOptions?: BackendOptions;
}

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

  const track = async <T>(requestId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (running.has(requestId)) throw new Error(`request id "${requestId}" is already running`);
    const controller = new AbortController();
    running.set(requestId, controller);
    try {
      return await work(controller.signal);
    } finally {
      running.delete(requestId);
    }
  };

  return {
    async init(init: WorkerInit): Promise<WorkerInfo> {
      dataUrl = init.dataUrl;
      try {
        return { ...(await initBackend(init.backend, deps.backendOptions)), fallbackReason: null };
      } catch (error) {
        if (init.backend === 'cpu') throw error;
        const info = await initBackend('cpu');
        return {
          ...info,
          requested: init.backend,
          fallbackReason: error instanceof Error ? error.message : String(error),
        };
      }
    },

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
      return track(requestId, (signal) => {
        const labels = checkLabels(request.table, { column: request.label, folds: request.folds });
        const error = labels.problems.find((p) => p.severity === 'error');
        if (error) return Promise.reject(new RangeError(error.message));
        return analyseTable(
          { table: request.table, columns: request.columns, labels },
          {
            folds: request.folds,
            seed: request.seed,
            model: request.model,
            ...(request.injectNoise !== undefined ? { injectNoise: request.injectNoise } : {}),
            signal,
            ...(onProgress ? { onProgress } : {}),
          },
        );
      });
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
