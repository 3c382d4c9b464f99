import { describe, expect, it } from 'vitest';
import { onAbort } from '../support/onAbort.ts';
import { YourData, type YourDataDeps } from '../../src/state/yourData.svelte.ts';
import { cleanedCsv, importTable } from '../../src/workers/tableApi.ts';
import type { TableAnalyser } from '../../src/state/cellDeps.ts';
import type { TableAnalysisRequest, TabularProgress, TabularWorth } from '../../src/workers/protocol.ts';
import { fakeWorth } from './worthFixture.ts';

const GOOD =
  'size,colour,id,label\n3,red,1,a\n1,blue,2,b\n4,red,3,a\n1,blue,4,b\n5,red,5,a\n9,blue,6,b\n2,red,7,a\n6,blue,8,b\n5,red,9,a\n3,blue,10,b\n7,red,11,a\n';

interface Call {
  readonly request: TableAnalysisRequest;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((p: TabularProgress) => void) | undefined;
  resolve(worth: TabularWorth): void;
  reject(error: unknown): void;
}

/** A trainer that answers only when the test says so; aborting rejects at once, as the pool does. */
function fakeTrainer() {
  const calls: Call[] = [];
  const trainer: TableAnalyser = {
    analyseTable: (request, options = {}) =>
      new Promise<TabularWorth>((resolve, reject) => {
        onAbort(options.signal, () => {
          const error = new Error('cancelled');
          error.name = 'AbortError';
          reject(error);
        });
        calls.push({ request, signal: options.signal, onProgress: options.onProgress, resolve, reject });
      }),
  };
  return { trainer, calls };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

async function setup(text = GOOD) {
  const { trainer, calls } = fakeTrainer();
  let clock = 0;
  const deps: YourDataDeps = {
    importer: {
      importTable: async (bytes, options, onProgress) => importTable(bytes, options, onProgress),
      cleanedCsv: async (request) => cleanedCsv(request),
    },
    loadExample: async () => new Uint8Array(),
    analyser: trainer,
    now: () => clock,
  };
  const data = new YourData(deps);
  await data.importText(text);
  return { data, calls, analysis: data.analysis!, tick: (ms: number) => (clock += ms) };
}

describe('YourData.analyse (Worth analysis)', () => {
  it('analyse() builds the request from the included columns, the chosen label and the folds', async () => {
    const { data, calls } = await setup();
    data.include(1, false);
    data.setFolds(3);
    expect(data.analyse()).toBe(true);
    expect(calls).toHaveLength(1);
    const { request } = calls[0]!;
    expect(request.label).toBe(3);
    expect(request.folds).toBe(3);
    expect(request.seed).toBe(0);
    expect(request.model).toBe('auto');
    expect(request.table.header).toEqual(['size', 'colour', 'id', 'label']);
    expect(request.table.cells.rowCount).toBe(11);
    expect(Array.from(request.table.rowNumbers)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(request.columns.map((c) => [c.name, c.included])).toEqual([
      ['size', true],
      ['colour', false],
      ['id', false],
      ['label', true],
    ]);
    // Structured-clone friendly: what crosses to the worker survives a clone unchanged.
    expect(structuredClone(request)).toEqual(request);
  });

  it('the model and seed settings go into the request; each change marks the report out of date', async () => {
    const { data, calls } = await setup();
    data.analyse();
    calls[0]!.resolve(fakeWorth());
    await expect.poll(() => data.analysis?.status.kind).toBe('done');
    data.setModel('mlp');
    expect(data.analysis?.outOfDate).toBe(true);
    data.setSeed(7);
    data.analyse();
    expect(calls[1]!.request).toMatchObject({ model: 'mlp', seed: 7 });
    expect(() => data.setSeed(-1)).toThrow(/whole number/);
    expect(() => data.setFolds(1)).toThrow(/from 2 to 20/);
    expect(() => data.setFolds(21)).toThrow(/from 2 to 20/);
    expect(() => data.setModel('forest' as never)).toThrow(/unknown model/);
    expect([data.model, data.seed, data.folds]).toEqual(['mlp', 7, 5]);
  });

  it('status goes queued → running (k / n fits, time left) → done, and the report is kept', async () => {
    const { data, calls, analysis, tick } = await setup();
    data.analyse();
    expect(analysis.status.kind).toBe('queued');
    expect(analysis.busy).toBe(true);
    const call = calls[0]!;
    call.onProgress!({ done: 0, total: 35 });
    expect(analysis.status).toMatchObject({ kind: 'running', done: 0, total: 35 });
    tick(2000);
    call.onProgress!({ done: 5, total: 35 });
    expect(analysis.status).toMatchObject({ kind: 'running', done: 5, total: 35 });
    expect(analysis.secondsLeft).toBeCloseTo(12, 6);
    tick(12000);
    call.resolve(fakeWorth({ headlineTag: 'one' }));
    await flush();
    expect(analysis.status).toMatchObject({ kind: 'done', seconds: 14 });
    expect(analysis.result?.worth.report.headline).toMatch(/\[one\]$/);
    expect(analysis.result?.source).toBe('pasted text');
    expect(analysis.outOfDate).toBe(false);
    expect(analysis.secondsLeft).toBeNull();
  });

  it('the time left is paced by training rows when the progress gives them: fast sample fits do not promise an early end', async () => {
    const { data, calls, analysis, tick } = await setup();
    data.analyse();
    const call = calls[0]!;
    call.onProgress!({ done: 0, total: 80, work: 0, totalWork: 1_000_000 });
    tick(4000);
    // 20 of 80 fits done, but on a small sample: 2% of the rows to train on.
    call.onProgress!({ done: 20, total: 80, work: 20_000, totalWork: 1_000_000 });
    expect(analysis.secondsLeft).toBeCloseTo(196, 6); // 4 s per 2% → 196 s for the other 98%, not 12 s
  });

  it('changing the label, a column or the folds keeps the report but marks it out of date', async () => {
    const { data, calls, analysis } = await setup();
    data.analyse();
    calls[0]!.resolve(fakeWorth());
    await flush();
    data.include(0, false);
    expect(analysis.result).not.toBeNull();
    expect(analysis.outOfDate).toBe(true);
    expect(analysis.status).toEqual({ kind: 'stale', previous: 'done' });
    data.analyse();
    calls[1]!.resolve(fakeWorth({ headlineTag: 'two' }));
    await flush();
    expect(analysis.outOfDate).toBe(false);
    expect(analysis.result?.worth.report.headline).toMatch(/\[two\]$/);
  });

  it('a change while running: the run finishes as stale, its report out of date', async () => {
    const { data, calls, analysis } = await setup();
    data.analyse();
    calls[0]!.onProgress!({ done: 1, total: 35 });
    data.setFolds(3);
    calls[0]!.resolve(fakeWorth());
    await flush();
    expect(analysis.status).toEqual({ kind: 'stale', previous: 'done' });
    expect(analysis.outOfDate).toBe(true);
  });

  it('cancel() aborts the request, says cancelled, and keeps the previous report', async () => {
    const { data, calls, analysis } = await setup();
    data.analyse();
    calls[0]!.resolve(fakeWorth({ headlineTag: 'first' }));
    await flush();
    data.analyse();
    calls[1]!.onProgress!({ done: 3, total: 35 });
    analysis.cancel();
    expect(calls[1]!.signal?.aborted).toBe(true);
    await flush();
    expect(analysis.status).toEqual({ kind: 'idle', note: 'cancelled' });
    expect(analysis.busy).toBe(false);
    expect(analysis.result?.worth.report.headline).toMatch(/\[first\]$/);
    // A late answer from the cancelled run is dropped.
    calls[1]!.resolve(fakeWorth({ headlineTag: 'late' }));
    await flush();
    expect(analysis.result?.worth.report.headline).toMatch(/\[first\]$/);
  });

  it('the latest request wins: a second analyse() cancels the first, whose progress and result are dropped', async () => {
    const { data, calls, analysis } = await setup();
    data.analyse();
    data.analyse();
    expect(calls).toHaveLength(2);
    expect(calls[0]!.signal?.aborted).toBe(true);
    calls[0]!.onProgress!({ done: 30, total: 35 });
    calls[0]!.resolve(fakeWorth({ headlineTag: 'old' }));
    await flush();
    expect(analysis.status.kind).toBe('queued');
    calls[1]!.onProgress!({ done: 1, total: 35 });
    expect(analysis.status).toMatchObject({ kind: 'running', done: 1 });
    calls[1]!.resolve(fakeWorth({ headlineTag: 'new' }));
    await flush();
    expect(analysis.status.kind).toBe('done');
    expect(analysis.result?.worth.report.headline).toMatch(/\[new\]$/);
  });

  it('a failure shows its message and keeps the previous report', async () => {
    const { data, calls, analysis } = await setup();
    data.analyse();
    calls[0]!.resolve(fakeWorth({ headlineTag: 'kept' }));
    await flush();
    data.analyse();
    calls[1]!.reject(new Error('training worker 1 crashed: out of memory'));
    await flush();
    expect(analysis.status).toMatchObject({ kind: 'error', message: /crashed: out of memory/ });
    expect(analysis.result?.worth.report.headline).toMatch(/\[kept\]$/);
  });

  it('refuses to run while the table has errors, and says why', async () => {
    const { data, calls, analysis } = await setup();
    data.setLabel(0); // "size" as the label: one of the classes has a single row, too few for 5 folds
    expect(data.analyseBlocked).toMatch(/^Fix the problem marked as errors above first: /);
    expect(data.analyse()).toBe(false);
    expect(calls).toHaveLength(0);
    expect(analysis.status.kind).toBe('idle');
  });

  it('without a table analyse() is refused; a new import clears the report', async () => {
    const { data, calls, analysis } = await setup();
    data.analyse();
    calls[0]!.resolve(fakeWorth());
    await flush();
    await data.importText(GOOD);
    expect(analysis.result).toBeNull();
    data.reset();
    expect(data.analyseBlocked).toBe('Load a table first.');
    expect(data.analyse()).toBe(false);
  });

  it('a YourData without an analyser has no analysis', () => {
    const data = new YourData({
      importer: {
        importTable: async (bytes, options) => importTable(bytes, options),
        cleanedCsv: async (request) => cleanedCsv(request),
      },
      loadExample: async () => new Uint8Array(),
    });
    expect(data.analysis).toBeNull();
  });
});
