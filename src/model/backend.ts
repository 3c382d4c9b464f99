import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['wasm', 'cpu'];

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
  if (requested === 'wasm') {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (options.wasmPaths) setWasmPaths(options.wasmPaths);
  }
  const ok = await tf.setBackend(requested);
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
