/**
 * The page side of one code worker. The worker starts on the first run (most
 * visits never run code). Stopping a run terminates the worker — the only
 * way to end a loop that never yields — and the next run starts a fresh one.
 * A run started while another is going stops the other first: latest wins.
 *
 * The page's code workers share one helper code worker, started the first
 * time a cell asks for fits faster than its own worker can train them
 * (codeShare.ts; most lessons never do): it runs only those jobs, never a
 * reader's code.
 */
import * as Comlink from 'comlink';
import type { CodeApi, CodeControls, CodeRunResult, CodeWorkerInit } from './codeProtocol.ts';
import type { Helper } from './codeShare.ts';
import { ABORT_ERROR } from './protocol.ts';
import type { WorkerLike } from './pool.ts';

export interface CodeRunOptions {
  /** Aborting stops the run at once (the worker is terminated). */
  readonly signal?: AbortSignal;
  /** The cell's control values, read by the code as `controls.name`. */
  readonly controls?: CodeControls;
  /** Hears each line the code prints, as it prints it. */
  readonly onLine?: (line: string) => void;
}

export interface CodeRunner {
  /** Runs code in the worker; rejects with an AbortError when stopped, and with an Error when the worker fails. */
  run(code: string, options?: CodeRunOptions): Promise<CodeRunResult>;
}

function abortError(): Error {
  const error = new Error('the run was stopped');
  error.name = ABORT_ERROR;
  return error;
}

/** The helper code worker of each backend and data folder, shared by every code cell of the page. */
const helpers = new Map<
  string,
  { readonly remote: Comlink.Remote<CodeApi>; readonly ready: Promise<unknown>; readonly failed: Promise<never> }
>();

/** Runs a job in the shared helper worker, starting it first if need be; a helper that fails is dropped. */
function sharedHelper(createWorker: () => WorkerLike, init: CodeWorkerInit): Helper {
  const key = `${init.backend} ${init.dataUrl}`;
  return async (job) => {
    let helper = helpers.get(key);
    if (!helper) {
      const worker = createWorker();
      const remote = Comlink.wrap<CodeApi>(worker);
      const failed = new Promise<never>((_, reject) => {
        worker.addEventListener('error', () => reject(new Error('the helper code worker failed')));
      });
      const started = { remote, failed, ready: Promise.race([remote.init(init), failed]) };
      helper = started;
      helpers.set(key, started);
      failed.catch(() => {
        if (helpers.get(key) === started) helpers.delete(key);
        remote[Comlink.releaseProxy]();
        worker.terminate();
      });
    }
    await helper.ready;
    return Promise.race([helper.remote.job(job), helper.failed]);
  };
}

export function createCodeClient(createWorker: () => WorkerLike, init: CodeWorkerInit): CodeRunner {
  const helper = Comlink.proxy(sharedHelper(createWorker, init));
  let current: {
    worker: WorkerLike;
    remote: Comlink.Remote<CodeApi>;
    ready: Promise<unknown>;
    failed: Promise<never>;
  } | null = null;
  /** Stops the run in progress, if any. */
  let active: { readonly stop: () => void } | null = null;

  const start = () => {
    const worker = createWorker();
    const remote = Comlink.wrap<CodeApi>(worker);
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (event) => {
        const message = (event as ErrorEvent).message;
        reject(new Error(`the code worker failed${message ? `: ${message}` : ''}; run again to start a fresh one`));
      });
    });
    failed.catch(() => {}); // observed by the run that is waiting, if any
    const ready = Promise.race([remote.init(init, helper), failed]);
    return { worker, remote, ready, failed };
  };

  const terminate = () => {
    if (!current) return;
    current.remote[Comlink.releaseProxy]();
    current.worker.terminate();
    current = null;
  };

  return {
    async run(code, options = {}) {
      active?.stop();
      const { signal } = options;
      if (signal?.aborted) throw abortError();
      current ??= start();
      const mine = current;
      let stop = () => {};
      const stopped = new Promise<never>((_, reject) => {
        stop = () => {
          if (current === mine) terminate();
          reject(abortError());
        };
      });
      stopped.catch(() => {});
      const token = { stop };
      active = token;
      signal?.addEventListener('abort', stop, { once: true });
      try {
        await Promise.race([mine.ready, stopped]);
        const onLine = options.onLine ? Comlink.proxy(options.onLine) : undefined;
        return await Promise.race([mine.remote.run(code, options.controls ?? {}, onLine), mine.failed, stopped]);
      } catch (error) {
        if (current === mine && (error as Error).name !== ABORT_ERROR) terminate(); // a failed worker is not reused
        throw error;
      } finally {
        signal?.removeEventListener('abort', stop);
        if (active === token) active = null;
      }
    },
  };
}
