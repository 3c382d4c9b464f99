import { describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { createCodeClient } from '../../src/workers/codeClient.ts';
import type { CodeApi } from '../../src/workers/codeProtocol.ts';
import type { WorkerLike } from '../../src/workers/pool.ts';

/** Fake code workers over MessageChannels: `run('hang')` never answers; anything else returns its length. */
function fakeWorkers() {
  const made: { terminated: boolean }[] = [];
  const createWorker = (): WorkerLike => {
    const { port1, port2 } = new MessageChannel();
    const api: CodeApi = {
      init: async () => ({ backend: 'fake' }),
      run: (code) =>
        code === 'hang'
          ? new Promise(() => {})
          : Promise.resolve({ ok: true, value: { kind: 'number', value: code.length }, logs: [] }),
    };
    Comlink.expose(api, port1 as unknown as Comlink.Endpoint);
    const record = { terminated: false };
    made.push(record);
    const endpoint = port2 as unknown as WorkerLike;
    endpoint.terminate = () => {
      record.terminated = true;
      port1.close();
      port2.close();
    };
    return endpoint;
  };
  return { made, createWorker };
}

describe('createCodeClient(createWorker, init): one worker, stopped by terminating it', () => {
  it('starts no worker until the first run, then reuses it', async () => {
    const { made, createWorker } = fakeWorkers();
    const client = createCodeClient(createWorker, { backend: 'wasm', dataUrl: 'x' });
    expect(made).toHaveLength(0);
    await expect(client.run('abc')).resolves.toMatchObject({ ok: true, value: { value: 3 } });
    await expect(client.run('abcd')).resolves.toMatchObject({ value: { value: 4 } });
    expect(made).toHaveLength(1);
  });

  it('aborting a run that never ends rejects it with an AbortError and terminates the worker; the next run gets a fresh one', async () => {
    const { made, createWorker } = fakeWorkers();
    const client = createCodeClient(createWorker, { backend: 'wasm', dataUrl: 'x' });
    const controller = new AbortController();
    const stuck = client.run('hang', { signal: controller.signal });
    controller.abort();
    await expect(stuck).rejects.toMatchObject({ name: 'AbortError' });
    expect(made[0]!.terminated).toBe(true);
    await expect(client.run('ok')).resolves.toMatchObject({ value: { value: 2 } });
    expect(made).toHaveLength(2);
  });

  it('a new run while one is going stops the old one (latest wins)', async () => {
    const { made, createWorker } = fakeWorkers();
    const client = createCodeClient(createWorker, { backend: 'wasm', dataUrl: 'x' });
    const first = client.run('hang');
    const second = client.run('later');
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    await expect(second).resolves.toMatchObject({ value: { value: 5 } });
    expect(made.map((m) => m.terminated)).toEqual([true, false]);
  });

  it('an already aborted signal rejects without starting a worker', async () => {
    const { made, createWorker } = fakeWorkers();
    const client = createCodeClient(createWorker, { backend: 'wasm', dataUrl: 'x' });
    await expect(client.run('x', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(made).toHaveLength(0);
  });
});
