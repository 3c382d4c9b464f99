/**
 * Everything a lesson's cells use, in this process: the trainer worker's API
 * (wasm), the table worker's import and the bundled tables, the code worker's
 * API and the shipped data files — the same code the page's workers run, so a
 * LessonState built on these deps runs exactly as "Prepare this lesson" does
 * in the browser.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CellDeps } from '../../src/state/cellDeps.ts';
import { TrialCache } from '../../src/state/trialCache.ts';
import { createTrainerApi } from '../../src/workers/trainerApi.ts';
import { importTable } from '../../src/workers/tableApi.ts';
import { DATA_DIR, loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../../src/cli/quietTfjsBanner.ts';
import { nodeCodeApi } from './lessonFile.ts';

export async function nodeCellDeps(): Promise<CellDeps> {
  quietTfjsBanner();
  const api = createTrainerApi({ loadDataset: (name, dir) => loadDatasetFile(name, dir) });
  const info = await api.init({ backend: 'wasm', dataUrl: DATA_DIR });
  if (info.name !== 'wasm') throw new Error(`the trainer started on ${info.name}, not wasm`);
  // One code API for every code cell (the page starts a worker per cell; the results are the same).
  const code = await nodeCodeApi();
  let id = 0;
  const next = () => `n${id++}`;
  return {
    loadDataset: (name) => loadDatasetFile(name),
    trialCache: new TrialCache(),
    trainer: {
      runTrial: (spec, options) => api.runTrial(next(), spec, options?.onProgress),
      fitToy: (request, options) => api.fitToy(next(), request, options?.onProgress),
      predictHeldOut: (request, options) => api.predictHeldOut(next(), request, options?.onProgress),
      fitAndEvaluate: (request, options) => api.fitAndEvaluate(next(), request, options?.onProgress),
    },
    tables: {
      analyser: { analyseTable: (request, options) => api.analyseTable(next(), request, options?.onProgress) },
      importer: { importTable: async (bytes, options, onProgress) => importTable(bytes, options, onProgress) },
      loadFile: async (path) => new Uint8Array(await readFile(join(DATA_DIR, path))),
    },
    createCodeRunner: () => ({ run: (source, options) => code.run(source, options?.controls) }),
  };
}
