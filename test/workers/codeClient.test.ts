import { describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { createCodeClient } from '../../src/workers/codeClient.ts';
import type { CodeApi } from '../../src/workers/codeProtocol.ts';
import type { WorkerLike } from '../../src/workers/pool.ts';
import type { Helper, HelperJob } from '../../src/workers/codeShare.ts';

const JOB: HelperJob = {
  kind: 'heldOut',
  dataset: 'digits',
  model: 'logreg',
  settings: {},
  seed: 0,
  trainRows: new Int32Array(0),
  trainLabels: new Int32Array(0),
  predictRows: new Int32Array(0),
};

/** Fake code workers over MessageChannels: `run('hang')` never answers; anything else returns its length. */
function fakeWorkers() {
  const made: { terminated: boolean }[] = [];
  const createWorker = (): WorkerLike => {
    const { port1, port2 } = new MessageChannel();
    let helper: Helper | undefined;
    const api: CodeApi = {
      init: async (_init, given) => {
        helper = given;
        return { backend: 'fake' };
      },
      // As a helper: a job's answer is its seed times ten.
      job: async (j) => j.seed * 10,
      run: async (code) => {
        if (code === 'hang') return new Promise(() => {});
        // 'help N': the code worker hands a job of seed N to its helper and returns the answer.
        const help = /^help (\d+)$/.exec(code);
        const value = help ? ((await helper!({ ...JOB, seed: Number(help[1]) })) as number) : code.length;
        return { ok: true, value: { kind: 'number', value }, logs: [] };
      },
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

  it("a code worker's jobs go to one helper worker, started on the first job and shared by the page's code cells", async () => {
    const { made, createWorker } = fakeWorkers();
    const init = { backend: 'wasm', dataUrl: 'helper-test' } as const;
    const first = createCodeClient(createWorker, init);
    const second = createCodeClient(createWorker, init);
    await expect(first.run('abc')).resolves.toMatchObject({ value: { value: 3 } });
    expect(made).toHaveLength(1);
    await expect(first.run('help 4')).resolves.toMatchObject({ value: { value: 40 } });
    expect(made).toHaveLength(2);
    await expect(second.run('help 5')).resolves.toMatchObject({ value: { value: 50 } });
    expect(made).toHaveLength(3); // the second cell's own worker; the helper is the same
  });
});
