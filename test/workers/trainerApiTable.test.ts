import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as Comlink from 'comlink';
import { createTrainerApi } from '../../src/workers/trainerApi.ts';
import type { TableAnalysisRequest, TabularProgress, TrainerApi } from '../../src/workers/protocol.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { createRandom } from '../../src/engine/random.ts';
import { defaultLabelColumn, inferColumnTypes, packRows, parseTable } from '../../src/engine/table/index.ts';

function connect(): Comlink.Remote<TrainerApi> {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(
    createTrainerApi({ loadDataset: (name) => loadDatasetFile(name) }),
    port1 as unknown as Comlink.Endpoint,
  );
  return Comlink.wrap<TrainerApi>(port2 as unknown as Comlink.Endpoint);
}

/** public/data/tabular/wine.csv as the page holds it after an import. */
function wineRequest(overrides: Partial<TableAnalysisRequest> = {}): TableAnalysisRequest {
  const text = readFileSync(new URL('../../public/data/tabular/wine.csv', import.meta.url), 'utf8');
  const table = parseTable(text, { random: createRandom(0) });
  return {
    table: { header: table.header, cells: packRows(table.rows, table.header.length), rowNumbers: table.rowNumbers },
    columns: inferColumnTypes(table),
    label: defaultLabelColumn(table.header),
    folds: 5,
    seed: 0,
    model: 'logreg',
    ...overrides,
  };
}

describe('trainer API analyseTable over a MessageChannel', () => {
  let api: Comlink.Remote<TrainerApi>;
  beforeAll(async () => {
    api = connect();
    await api.init({ backend: 'wasm', dataUrl: 'file:///unused/' });
  });

  it('analyseTable(id, wine) returns the Worth report with file rows and class names, counting every fit', async () => {
    const progress: TabularProgress[] = [];
    const result = await api.analyseTable(
      'w',
      wineRequest(),
      Comlink.proxy((p: TabularProgress) => progress.push(p)),
    );
    expect(result.summary.rows).toBe(178);
    expect(result.summary.label).toBe('cultivar');
    expect(result.baseline.accuracy).toBeGreaterThan(0.9);
    expect(result.report.headline).toMatch(/suspected labels|No label looks wrong|No sign of wrong labels|Can't tell/);
    expect(result.report.noiseRate!.low).toBeLessThanOrEqual(result.report.noiseRate!.estimate);
    expect(result.report.method.length).toBeGreaterThan(0);
    expect(result.report.caveats.length).toBeGreaterThan(0);
    expect(result.curve.at(-1)!.fraction).toBe(1);
    expect(result.sensitivity.points.map((p) => p.extra)).toEqual([0, 0.1, 0.2]);
    for (const issue of result.detection.issues) {
      expect(issue.row).toBeGreaterThanOrEqual(2);
      expect(issue.given).toMatch(/^cultivar_[123]$/);
      expect(issue.suggested).toMatch(/^cultivar_[123]$/);
    }
    // Progress messages travel on the callback's own channel: they may land just after the result.
    await expect.poll(() => progress.at(-1)).toMatchObject({ done: result.fits, total: result.fits });
    // Paced by work too (training rows weighted by the model's cost): rising, the last near the plan.
    const last = progress.at(-1)!;
    expect(last.work! / last.totalWork!).toBeGreaterThan(0.95);
    expect(progress.map((p) => p.work)).toEqual(progress.map((p) => p.work).sort((a, b) => a! - b!));
    expect(progress.map((p) => p.done)).toEqual(progress.map((_, i) => i + 1));
    const memory = await api.memory();
    expect(memory.numTensors).toBe(0);
  });

  it('leaves out columns not included', async () => {
    const request = wineRequest();
    const columns = request.columns.map((c) => (c.name === 'proline' ? { ...c, included: false } : c));
    const result = await api.analyseTable('x', { ...request, columns });
    expect(result.summary.features).not.toContain('proline');
    expect(result.summary.features).toHaveLength(12);
  });

  it('a label column that is not a classification rejects saying why', async () => {
    const request = wineRequest({ label: 12 });
    await expect(api.analyseTable('r', request)).rejects.toThrow(/regression|number/i);
  });

  it('cancel(id) stops analyseTable with an AbortError', async () => {
    const running = api.analyseTable('c', wineRequest({ model: 'mlp' }));
    await new Promise((r) => setTimeout(r, 50));
    await api.cancel('c');
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  });
});
