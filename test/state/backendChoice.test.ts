import { describe, expect, it, vi } from 'vitest';
import {
  decideBackend,
  fromTimings,
  gpuCandidates,
  isSoftwareRenderer,
  readBackendParam,
  type GpuProbe,
} from '../../src/state/backendChoice.ts';
import { ResultCache } from '../../src/state/resultCache.ts';
import { TrialCache } from '../../src/state/trialCache.ts';

const headless: GpuProbe = {
  webgl: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)',
  webgpu: null,
};
const laptop: GpuProbe = {
  webgl: 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
  webgpu: { description: 'intel gen-9', fallback: false },
};

function memoryStore() {
  let value: string | null = null;
  return { get: () => value, set: (v: string) => void (value = v) };
}

describe('the page’s backend decision (src/state/backendChoice.ts)', () => {
  it('tells software renderers from real GPUs', () => {
    expect(isSoftwareRenderer(headless.webgl!)).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('Microsoft Basic Render Driver')).toBe(true);
    expect(isSoftwareRenderer(laptop.webgl!)).toBe(false);
    expect(isSoftwareRenderer('Apple M1')).toBe(false);
    expect(gpuCandidates(headless)).toEqual({
      candidates: [],
      why: expect.stringContaining('WebGL renders in software'),
    });
    expect(gpuCandidates(laptop).candidates).toEqual(['webgpu', 'webgl']);
    expect(gpuCandidates({ webgl: null, webgpu: { description: 'x', fallback: true } }).why).toMatch(
      /WebGPU offers only a software adapter; no WebGL 2/,
    );
  });

  it('?backend= forces a backend; an unknown one is named and the choice is automatic', async () => {
    expect(readBackendParam('webgl')).toEqual({ backend: 'webgl', problem: null });
    expect(readBackendParam(null)).toEqual({ backend: null, problem: null });
    expect(readBackendParam('gpu').problem).toMatch(/\?backend=gpu is not a backend.*wasm, webgl, webgpu, cpu/);
    const time = vi.fn();
    const forced = await decideBackend({ param: 'webgpu', probe: async () => headless, time });
    expect(forced).toMatchObject({ backend: 'webgpu', forced: true, reason: 'forced by ?backend=webgpu' });
    const unknown = await decideBackend({ param: 'gpu', probe: async () => headless, time });
    expect(unknown).toMatchObject({ backend: 'wasm', forced: false, problem: expect.stringMatching(/gpu/) });
    expect(time).not.toHaveBeenCalled();
  });

  it('without a real GPU (headless Chromium) it chooses WebAssembly without timing anything', async () => {
    const time = vi.fn();
    for (const probe of [headless, { webgl: null, webgpu: null }]) {
      const d = await decideBackend({ param: null, probe: async () => probe, time });
      expect(d.backend).toBe('wasm');
      expect(d.reason).toMatch(/^no GPU to use \(.*\), so WebAssembly$/);
    }
    const failing = await decideBackend({ param: null, probe: () => Promise.reject(new Error('x')), time });
    expect(failing.backend).toBe('wasm');
    expect(time).not.toHaveBeenCalled();
  });

  it('with a real GPU it times WebAssembly against it, keeps the faster, and remembers it for this GPU and browser', async () => {
    const store = memoryStore();
    const time = vi.fn(async () => ({ wasm: { ms: 300 }, webgpu: { error: 'no device' }, webgl: { ms: 100 } }));
    const first = await decideBackend({ param: null, probe: async () => laptop, time, browser: 'A', store });
    expect(time).toHaveBeenCalledWith(['wasm', 'webgpu', 'webgl']);
    expect(first.backend).toBe('webgl');
    expect(first.reason).toBe(
      'the GPU was 3.0× faster than WebAssembly on a timing test (WebAssembly 300 ms, WebGL 100 ms, WebGPU failed)',
    );
    const again = await decideBackend({ param: null, probe: async () => laptop, time, browser: 'A', store });
    expect(time).toHaveBeenCalledTimes(1);
    expect(again).toMatchObject({ backend: 'webgl', reason: expect.stringMatching(/kept from an earlier visit$/) });
    // Another browser (or GPU) times again.
    await decideBackend({ param: null, probe: async () => laptop, time, browser: 'B', store });
    expect(time).toHaveBeenCalledTimes(2);
    // A GPU slower than WebAssembly loses; a timing that throws means WebAssembly.
    expect(fromTimings({ wasm: { ms: 80 }, webgl: { ms: 200 } })).toMatchObject({
      backend: 'wasm',
      reason: 'WebAssembly was fastest on a timing test (WebAssembly 80 ms, WebGL 200 ms)',
    });
    const broken = await decideBackend({
      param: null,
      probe: async () => laptop,
      time: () => Promise.reject(new Error('crashed')),
    });
    expect(broken).toMatchObject({ backend: 'wasm', reason: 'the timing test failed (crashed), so WebAssembly' });
  });

  it('cache keys include the backend: a result kept on one backend is not served on another', async () => {
    const cache = new ResultCache();
    cache.scope = 'wasm';
    const compute = vi.fn(async (_request: unknown) => ({ accuracy: 0.9 }));
    const trainer = cache.wrapTrainer({ fitAndEvaluate: compute } as never) as unknown as {
      fitAndEvaluate: typeof compute;
    };
    await trainer.fitAndEvaluate({ a: 1 });
    await trainer.fitAndEvaluate({ a: 1 });
    expect(compute).toHaveBeenCalledTimes(1);
    cache.scope = 'webgl';
    await trainer.fitAndEvaluate({ a: 1 });
    expect(compute).toHaveBeenCalledTimes(2);

    const kept: string[] = [];
    const trials = new TrialCache({ persist: (key) => kept.push(key) });
    trials.scope = 'webgl';
    const spec = { dataset: 'digits', model: 'logreg', size: 100, noise: { kind: 'uniform', rate: 0 }, seed: 0 };
    trials.set({ spec, accuracy: 0.9 } as never);
    expect(kept[0]).toMatch(/^webgl\//);
    expect(trials.inScope(kept[0]!)).toBe(true);
    trials.scope = 'wasm';
    expect(trials.inScope(kept[0]!)).toBe(false);
    expect(trials.get(spec as never)).toBeUndefined();
  });
});
