/// <reference lib="webworker" />
/**
 * Web Worker entry: exposes the trainer API over comlink. Nothing else lives
 * here — the implementation is trainerApi.ts, testable in-process.
 */
import * as Comlink from 'comlink';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createTrainerApi } from './trainerApi.ts';
import { fetchDataset } from './fetchDataset.ts';

const absolute = (url: string) => new URL(url, self.location.href).href;

Comlink.expose(
  createTrainerApi({
    loadDataset: (name, dataUrl) => fetchDataset(name, dataUrl),
    backendOptions: {
      wasmPaths: {
        'tfjs-backend-wasm.wasm': absolute(wasmUrl),
        'tfjs-backend-wasm-simd.wasm': absolute(simdUrl),
        'tfjs-backend-wasm-threaded-simd.wasm': absolute(threadedUrl),
      },
    },
  }),
);
