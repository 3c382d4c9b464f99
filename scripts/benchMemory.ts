/**
 * Memory check for `npm run bench`, run as its own process so it can force
 * garbage collection:
 *
 *   node --expose-gc --import tsx scripts/benchMemory.ts [fits]
 *
 * The training worker's own code (workers/trainerApi.ts, on the wasm
 * backend) runs in-process: `fits` logistic-regression trials on digits,
 * cycling sizes 50–300, clean and 10% noise, seeds 0–4. At fits 100, halfway and
 * `fits` it records TF.js tensors and bytes, the wasm heap and the JS heap
 * (after gc), and prints them as one line of JSON.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createTrainerApi } from '../src/workers/trainerApi.ts';
import { loadDatasetFile } from '../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../src/cli/quietTfjsBanner.ts';
import type { TrialSpec } from '../src/engine/sweep.ts';
import { CLEAN } from '../src/engine/trial.ts';

export interface MemorySample {
  readonly fits: number;
  readonly numTensors: number;
  readonly numBytes: number;
  /** Size of the wasm backend's linear memory (it only ever grows). */
  readonly wasmHeap: number | null;
  /** process.memoryUsage().heapUsed after gc. */
  readonly jsHeap: number;
}

export interface MemoryReport {
  readonly backend: string;
  readonly gc: boolean;
  readonly milliseconds: number;
  readonly samples: MemorySample[];
}

quietTfjsBanner();
const FITS = Number(process.argv[2] ?? 1000);
const SIZES = [50, 100, 150, 200, 250, 300];
const SEEDS = 5;
const gc = (globalThis as { gc?: () => void }).gc;

const api = createTrainerApi({ loadDataset: (name) => loadDatasetFile(name) });
const info = await api.init({ backend: 'wasm', dataUrl: 'unused: the data sets load from public/data/' });

function sample(fits: number): MemorySample {
  gc?.();
  gc?.();
  const { numTensors, numBytes } = api.memory();
  const wasm = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm;
  return {
    fits,
    numTensors,
    numBytes,
    wasmHeap: wasm?.HEAPU8?.byteLength ?? null,
    jsHeap: process.memoryUsage().heapUsed,
  };
}

const samples: MemorySample[] = [];
const started = performance.now();
for (let fit = 1; fit <= FITS; fit++) {
  const noisy = fit % 2 === 0;
  const spec: TrialSpec = {
    dataset: 'digits',
    model: 'logreg',
    size: SIZES[Math.floor((fit - 1) / 2) % SIZES.length]!,
    noise: noisy ? { kind: 'uniform', rate: 0.1 } : CLEAN,
    seed: Math.floor((fit - 1) / (2 * SIZES.length)) % SEEDS,
    arm: noisy ? 'noisy' : 'clean',
  };
  await api.runTrial(`fit-${fit}`, spec, () => {});
  if (fit === 100 || fit === Math.round((100 + FITS) / 2) || fit === FITS) samples.push(sample(fit));
}
const report: MemoryReport = {
  backend: info.name,
  gc: gc !== undefined,
  milliseconds: performance.now() - started,
  samples,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
