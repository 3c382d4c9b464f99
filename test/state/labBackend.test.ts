import { describe, expect, it } from 'vitest';
import { Lab } from '../../src/state/lab.svelte.ts';
import type { TrainerPool } from '../../src/workers/pool.ts';
import type { WorkerInfo } from '../../src/workers/protocol.ts';

/** A pool whose workers start on `name` when `requested` was asked for. */
function fakePool(name: string, requested: string) {
  let resolve!: (info: WorkerInfo) => void;
  const ready = new Promise<WorkerInfo>((r) => (resolve = r));
  const pool = { size: 2, ready: () => ready } as unknown as TrainerPool;
  const start = () =>
    resolve({ name, requested, simd: null, fallbackReason: name === requested ? null : 'did not start' } as WorkerInfo);
  return { pool, start };
}

const newLab = (pool: TrainerPool) => new Lab(pool, [], () => Promise.reject(new Error('no data here')));

describe('Lab.useBackend: the backend decision scopes every cache key', () => {
  it('keys results by the decided backend, and by the one that runs when the workers fell back', async () => {
    const fell = fakePool('wasm', 'webgpu');
    const lab = newLab(fell.pool);
    lab.useBackend({ backend: 'webgpu', reason: 'forced by ?backend=webgpu', forced: true });
    expect(lab.backendDecision?.backend).toBe('webgpu');
    expect([lab.trialCache.scope, lab.resultCache.scope]).toEqual(['webgpu', 'webgpu']);
    fell.start();
    await Promise.resolve();
    await Promise.resolve();
    expect(lab.backend).toMatchObject({ kind: 'ready', info: { name: 'wasm' } });
    expect([lab.trialCache.scope, lab.resultCache.scope]).toEqual(['wasm', 'wasm']);

    const ran = fakePool('webgl', 'webgl');
    const other = newLab(ran.pool);
    other.useBackend({ backend: 'webgl', reason: 'forced by ?backend=webgl', forced: true });
    ran.start();
    await Promise.resolve();
    await Promise.resolve();
    expect(other.trialCache.scope).toBe('webgl');
  });
});
