/// <reference lib="webworker" />
/**
 * Web Worker entry of code cells: exposes the code API over comlink. The
 * implementation is codeApi.ts, testable in-process. Runs the reader's code,
 * so once TF.js has started it takes network and storage out of its global
 * scope (lockDown.ts); data sets load through a fetch bound beforehand.
 *
 * CSP: this file is served from the app's own origin as its own script, so
 * the page's <meta> policy does not govern it (a worker's policy comes with
 * its own response) and it may compile code without 'unsafe-eval' on the
 * page. See docs/lab-api.md, "Security".
 */
import * as Comlink from 'comlink';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createCodeApi } from './codeApi.ts';
import { fetchDataset } from './fetchDataset.ts';
import { lockDown } from './lockDown.ts';
import { indexedDbLabStore } from './labStore.ts';
import type { CodeApi } from './codeProtocol.ts';

const absolute = (url: string) => new URL(url, self.location.href).href;
const ownFetch: typeof fetch = fetch.bind(self);
// Taken before lockDown removes indexedDB: the lab keeps costly results there for the other cells' workers.
const store = typeof indexedDB === 'undefined' ? undefined : indexedDbLabStore(indexedDB);

const api = createCodeApi({
  loadDataset: (name, dataUrl) => fetchDataset(name, dataUrl, ownFetch),
  ...(store ? { store } : {}),
  backendOptions: {
    wasmPaths: {
      'tfjs-backend-wasm.wasm': absolute(wasmUrl),
      'tfjs-backend-wasm-simd.wasm': absolute(simdUrl),
      'tfjs-backend-wasm-threaded-simd.wasm': absolute(threadedUrl),
    },
  },
});

const exposed: CodeApi = {
  async init(init, helper) {
    const info = await api.init(init, helper);
    const left = lockDown(self);
    if (left.length) console.warn(`code worker: could not remove ${left.join(', ')}`);
    return info;
  },
  run: (code, controls, onLine) => api.run(code, controls, onLine),
  job: (job) => api.job(job),
};

Comlink.expose(exposed);
