import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** Every backend the lab can run on; the GPU ones only in a browser (see src/workers/backendChoice.ts). */
export type BackendName = 'wasm' | 'cpu' | 'webgl' | 'webgpu';
export const ALL_BACKENDS: readonly BackendName[] = ['wasm', 'webgl', 'webgpu', 'cpu'];
/** The backends of Node (the CLI and tests): no native binary to download, no GPU. */
export type NodeBackendName = 'wasm' | 'cpu';
export const BACKENDS: readonly NodeBackendName[] = ['wasm', 'cpu'];

export interface BackendInfo {
  /** The backend that actually loaded (tfjs silently falls back when one fails). */
  readonly name: string;
  /** The backend that was asked for. */
  readonly requested: BackendName;
  /** For wasm: whether the SIMD build is in use. */
  readonly simd: boolean | null;
}

export interface BackendOptions {
  /** URLs of the three tfjs wasm binaries (needed in browsers; Node finds them itself). */
  readonly wasmPaths?: Record<string, string>;
}

/**
 * Switches TF.js to `requested` and reports what actually loaded. The wasm
 * build's threads are turned off: they hang in minified builds (see
 * ../shared/STACK.md) and bring nothing on two cores.
 */
export async function initBackend(requested: BackendName, options: BackendOptions = {}): Promise<BackendInfo> {
  // Always, whatever is asked for: when a GPU backend fails, TF.js may start the others itself (tf.ready()),
  // and a wasm backend started without its paths fails for good in this worker.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (options.wasmPaths) setWasmPaths(options.wasmPaths);
  // The GPU backends load only in a worker that runs on them (their code is in chunks of their own).
  if (requested === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  if (requested === 'webgpu') {
    if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) {
      throw new Error('this browser offers no WebGPU here (navigator.gpu is missing)');
    }
    if (!(await navigator.gpu.requestAdapter())) throw new Error('this browser offers no WebGPU adapter here');
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  const ok = await tf.setBackend(requested);
  if (!ok) throw new Error(`TF.js could not start the "${requested}" backend`);
  await tf.ready();
  const name = tf.getBackend();
  if (!ok || name !== requested) {
    throw new Error(`TF.js could not start the "${requested}" backend (running "${name}" instead)`);
  }
  return {
    name,
    requested,
    simd: requested === 'wasm' ? Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : null,
  };
}

/** What a worker started on, and why not on the backend asked for (null when it is that one). */
export interface StartedBackend extends BackendInfo {
  readonly fallbackReason: string | null;
}

/**
 * Starts `requested`; when it cannot start, WebAssembly, and when that cannot
 * either, the plain JavaScript cpu backend — saying why in `fallbackReason`.
 */
export async function startBackend(requested: BackendName, options: BackendOptions = {}): Promise<StartedBackend> {
  const chain: BackendName[] = [requested, ...(['wasm', 'cpu'] as const).filter((b) => b !== requested)];
  let reason: string | null = null;
  let last: unknown = null;
  for (const name of chain) {
    try {
      const info = await initBackend(name, options);
      return { ...info, requested, fallbackReason: reason };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reason = reason === null ? message : `${reason}; then ${message}`;
      last = error;
    }
  }
  throw new Error(reason ?? 'no backend could start', { cause: last });
}

/** Milliseconds a backend took for the timing job, or why it could not run it. */
export type BackendTiming = { readonly ms: number } | { readonly error: string };

/**
 * Times each of `backends` on a job like the lab's: evaluations of the
 * 64-unit network's loss and gradient on 1,000 rows of 64 features (one
 * warm-up evaluation first, whose shader compilation or first call is not
 * counted). Leaves the worker on the last backend timed; start the chosen one
 * afterwards.
 */
export async function timeBackends(
  backends: readonly BackendName[],
  options: BackendOptions & { readonly evaluations?: number } = {},
): Promise<Partial<Record<BackendName, BackendTiming>>> {
  const { mlpObjective } = await import('./mlp.ts');
  const n = 1000;
  const d = 64;
  const x = Float32Array.from({ length: n * d }, (_, i) => ((i * 7919) % 17) / 16);
  const y = Int32Array.from({ length: n }, (_, i) => (i * 31) % 10);
  const out: Partial<Record<BackendName, BackendTiming>> = {};
  for (const name of backends) {
    try {
      await initBackend(name, options);
      const objective = mlpObjective({ n, d, classes: 10, x, y }, 64, 1);
      try {
        const params = Float64Array.from({ length: objective.size }, (_, i) => (((i * 104729) % 13) - 6) / 60);
        const grad = new Float64Array(objective.size);
        objective.objective(params, grad);
        const start = performance.now();
        for (let i = 0; i < (options.evaluations ?? 10); i++) objective.objective(params, grad);
        out[name] = { ms: performance.now() - start };
      } finally {
        objective.dispose();
      }
    } catch (error) {
      out[name] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  return out;
}
