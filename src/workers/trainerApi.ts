/**
 * The worker side of the protocol, written against injected loaders so it
 * runs the same in a Web Worker, in Node tests over a MessageChannel, and
 * anywhere else.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../engine/types.ts';
import { TrialPreparer } from '../engine/trial.ts';
import { initBackend, type BackendOptions } from '../model/backend.ts';
import { fitToy } from '../model/fitToy.ts';
import { runTrial } from '../model/runTrial.ts';
import type { TrainerApi, WorkerInfo, WorkerInit } from './protocol.ts';

export interface TrainerDeps {
  /** Loads a data set by name from the folder `dataUrl`. */
  readonly loadDataset: (name: string, dataUrl: string) => Promise<Dataset>;
  readonly backendOptions?: BackendOptions;
}

export function createTrainerApi(deps: TrainerDeps): TrainerApi {
  let dataUrl: string | null = null;
  const preparers = new Map<string, Promise<TrialPreparer>>();
  const running = new Map<string, AbortController>();

  const preparer = (name: string): Promise<TrialPreparer> => {
    if (dataUrl === null) throw new Error('the worker was not initialised: call init() first');
    let p = preparers.get(name);
    if (!p) {
      p = deps.loadDataset(name, dataUrl).then((dataset) => new TrialPreparer(dataset));
      p.catch(() => preparers.delete(name)); // let a later request retry
      preparers.set(name, p);
    }
    return p;
  };

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
        const p = await preparer(spec.dataset);
        signal.throwIfAborted();
        return runTrial(p, spec, { signal, ...(onProgress ? { onProgress } : {}) });
      });
    },

    fitToy(requestId, request, onProgress) {
      return track(requestId, (signal) => fitToy(request, { signal, ...(onProgress ? { onProgress } : {}) }));
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
