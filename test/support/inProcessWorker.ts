/**
 * A "worker" that runs in this process: the trainer API exposed with comlink
 * on one end of a MessageChannel, the pool on the other. It can be made to
 * crash (an `error` event, as a real Worker dispatches) or to ignore cancel.
 */
import * as Comlink from 'comlink';
import type { TrainerApi } from '../../src/workers/protocol.ts';
import type { WorkerLike } from '../../src/workers/pool.ts';

export interface InProcessWorker extends WorkerLike {
  /** Simulates an uncaught error in the worker. */
  crash(message: string): void;
  readonly terminated: boolean;
}

export function inProcessWorker(api: TrainerApi): InProcessWorker {
  const { port1, port2 } = new MessageChannel();
  // Terminating a real worker kills its work; here the work shares our process, so cancel it instead.
  const inFlight = new Set<string>();
  const tracked =
    <A extends unknown[], R>(run: (id: string, ...rest: A) => Promise<R>) =>
    async (id: string, ...rest: A): Promise<R> => {
      inFlight.add(id);
      try {
        return await run(id, ...rest);
      } finally {
        inFlight.delete(id);
      }
    };
  const exposed: TrainerApi = {
    ...api,
    runTrial: tracked(api.runTrial.bind(api)),
    fitToy: tracked(api.fitToy.bind(api)),
  };
  Comlink.expose(exposed, port1 as unknown as Comlink.Endpoint);
  const events = new EventTarget();
  let terminated = false;
  const endpoint = port2 as unknown as Comlink.Endpoint;
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => {
      if (!terminated) endpoint.postMessage(message, transfer);
    },
    addEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      if (type === 'message') endpoint.addEventListener(type, listener as EventListener);
      else events.addEventListener(type, listener);
    },
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      if (type === 'message') endpoint.removeEventListener(type, listener as EventListener);
      else events.removeEventListener(type, listener);
    },
    terminate() {
      terminated = true;
      for (const id of inFlight) api.cancel(id);
      port1.close();
      port2.close();
    },
    crash(message: string) {
      const event = new Event('error', { cancelable: true });
      Object.defineProperty(event, 'message', { value: message });
      events.dispatchEvent(event);
    },
    get terminated() {
      return terminated;
    },
  };
}
