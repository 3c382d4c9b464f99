/**
 * "Prepare this lesson" on a small lesson, trained for real in this process
 * (the worker's API, wasm): every cell runs, in order, with progress; a cell
 * that fails is named and the others still run; an abort stops before the next cell.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { LessonState } from '../../src/state/lessonState.svelte.ts';
import { prepareLesson, type PrepareProgress } from '../../src/state/prepareLesson.ts';
import type { CellDeps } from '../../src/state/cellDeps.ts';
import { createTrainerApi } from '../../src/workers/trainerApi.ts';
import { DATA_DIR, loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../../src/cli/quietTfjsBanner.ts';

quietTfjsBanner();

const SOURCE = `---
title: Tiny
summary: Two cells.
---

# Tiny

\`\`\`cell playground
id: toy
points: 40
\`\`\`

\`\`\`cell curve
id: curve
sizes: [50, 100]
seeds: 1
n0: 50
\`\`\`
`;

let deps: CellDeps;

beforeAll(async () => {
  const api = createTrainerApi({ loadDataset: (name, dir) => loadDatasetFile(name, dir) });
  await api.init({ backend: 'wasm', dataUrl: DATA_DIR });
  let id = 0;
  deps = {
    loadDataset: (name) => loadDatasetFile(name),
    trainer: {
      runTrial: (spec, options) => api.runTrial(`r${id++}`, spec, options?.onProgress),
      fitToy: (request, options) => api.fitToy(`r${id++}`, request, options?.onProgress),
      predictHeldOut: (request, options) => api.predictHeldOut(`r${id++}`, request, options?.onProgress),
      fitAndEvaluate: (request, options) => api.fitAndEvaluate(`r${id++}`, request, options?.onProgress),
    },
  };
}, 60_000);

describe('prepareLesson', () => {
  it('runs every cell in lesson order and reports each step', async () => {
    const state = new LessonState(parseLesson(SOURCE, 'tiny.md'), deps);
    const steps: PrepareProgress[] = [];
    const result = await prepareLesson(state.cells, { onProgress: (p) => steps.push(p) });
    expect(result).toEqual({ done: 2, total: 2, current: null, failed: [] });
    expect(steps.map((s) => s.current)).toEqual(['toy', 'curve', null]);
    expect(state.cells.toy!.status.kind).toBe('done');
    expect(state.cells.curve!.status.kind).toBe('done');
    expect(state.outputs.curve!.cleanAtN0).toEqual(expect.any(Number));
  }, 120_000);

  it('names a cell that fails and still runs the others; an abort stops before the next cell', async () => {
    const failing: CellDeps = {
      ...deps,
      trainer: { ...deps.trainer, fitToy: () => Promise.reject(new Error('worker lost')) },
    };
    const state = new LessonState(parseLesson(SOURCE, 'tiny.md'), failing);
    const result = await prepareLesson(state.cells);
    expect(result.failed).toEqual(['toy']);
    expect(state.cells.curve!.status.kind).toBe('done');

    const controller = new AbortController();
    controller.abort();
    const fresh = new LessonState(parseLesson(SOURCE, 'tiny.md'), deps);
    const none = await prepareLesson(fresh.cells, { signal: controller.signal });
    expect(none.done).toBe(0);
    expect(fresh.cells.curve!.status.kind).toBe('idle');
  }, 120_000);
});
