import { describe, expect, it } from 'vitest';
import { onAbort } from '../support/onAbort.ts';
import { WorthCellState, buildRequest } from '../../src/state/worthCell.svelte.ts';
import { confusedPair } from '../../src/state/confusedPair.ts';
import { WORTH_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import type { WorthCellSpec, WorthParams } from '../../src/notebook/types.ts';
import type { TableFiles } from '../../src/state/cellDeps.ts';
import { importTable } from '../../src/workers/tableApi.ts';
import type { TableAnalysisRequest, TabularProgress, TabularWorth } from '../../src/workers/protocol.ts';
import { fakeWorth } from './worthFixture.ts';

/** 11 rows, two classes, a numeric, a categorical and an ID column. */
const CSV =
  'size,colour,id,label\n3,red,1,a\n1,blue,2,b\n4,red,3,a\n1,blue,4,b\n5,red,5,a\n9,blue,6,b\n2,red,7,a\n6,blue,8,b\n5,red,9,a\n3,blue,10,b\n7,red,11,a\n';

const spec = (patch: Partial<WorthParams> = {}): WorthCellSpec => ({
  type: 'worth',
  id: 'worth',
  title: '',
  line: 1,
  params: { ...WORTH_DEFAULTS, file: 'wine.csv', label: 'label', ...patch },
});

interface Call {
  readonly request: TableAnalysisRequest;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((p: TabularProgress) => void) | undefined;
  resolve(worth: TabularWorth): void;
}

/** Table deps whose analyses answer only when the test says so; aborting rejects at once, as the pool does. */
function fakeTables(text = CSV) {
  const calls: Call[] = [];
  const loads: string[] = [];
  let imports = 0;
  let failLoads = 0;
  let holdLoad: Promise<void> | null = null;
  const tables: TableFiles = {
    analyser: {
      analyseTable: (request, options = {}) =>
        new Promise<TabularWorth>((resolve, reject) => {
          onAbort(options.signal, () => {
            const error = new Error('cancelled');
            error.name = 'AbortError';
            reject(error);
          });
          calls.push({ request, signal: options.signal, onProgress: options.onProgress, resolve });
        }),
    },
    importer: {
      importTable: async (bytes, options, onProgress) => {
        imports++;
        return importTable(bytes, options, onProgress);
      },
    },
    loadFile: async (path) => {
      loads.push(path);
      if (holdLoad) await holdLoad;
      if (failLoads > 0) {
        failLoads--;
        throw new Error('HTTP 404');
      }
      return new TextEncoder().encode(text);
    },
  };
  return {
    tables,
    calls,
    loads,
    imports: () => imports,
    failNextLoad: () => (failLoads = 1),
    /** Holds every load until the returned function is called. */
    holdLoads: () => {
      let release!: () => void;
      holdLoad = new Promise((r) => (release = r));
      return () => {
        holdLoad = null;
        release();
      };
    },
  };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

const injectedWorth = (): TabularWorth => {
  const worth = fakeWorth({ suspects: 3 });
  return {
    ...worth,
    baseline: { ...worth.baseline, truth: 0.97 },
    afterCleaning: { ...worth.afterCleaning, truth: 0.985 },
    injected: {
      rate: 0.1,
      kind: 'uniform',
      flipped: Int32Array.from([8, 10, 30]),
      flippedRows: [10, 12, 32],
      trueNoiseRate: 3 / 178,
      flags: { flagged: 3, truePositives: 2, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 },
    },
  };
};

describe('WorthCellState.run()', () => {
  it('loads data/tabular/<file>, builds the request from the label and the parameters, and goes queued → running → done', async () => {
    const fake = fakeTables();
    let clock = 0;
    const cell = new WorthCellState(spec({ folds: 3, seed: 4, model: 'mlp' }), fake.tables, () => clock);
    expect(cell.status.kind).toBe('idle');
    const done = cell.run();
    expect(cell.status.kind).toBe('queued');
    expect(cell.loading).toBe(true);
    expect(cell.busy).toBe(true);
    await flush();
    expect(fake.loads).toEqual(['tabular/wine.csv']);
    expect(fake.calls).toHaveLength(1);
    const { request } = fake.calls[0]!;
    expect(request).toMatchObject({ label: 3, folds: 3, seed: 4, model: 'mlp' });
    expect(request).not.toHaveProperty('injectNoise');
    expect(request.table.header).toEqual(['size', 'colour', 'id', 'label']);
    expect(request.table.cells.rowCount).toBe(11);
    expect(request.columns.map((c) => [c.name, c.included])).toEqual([
      ['size', true],
      ['colour', true],
      ['id', false],
      ['label', true],
    ]);
    expect(structuredClone(request)).toEqual(request);
    expect(cell.loading).toBe(false);
    fake.calls[0]!.onProgress!({ done: 6, total: 21 });
    expect(cell.status).toMatchObject({ kind: 'running', done: 6, total: 21 });
    clock += 3000;
    const worth = fakeWorth();
    fake.calls[0]!.resolve(worth);
    await done;
    expect(cell.status.kind).toBe('done');
    expect(cell.busy).toBe(false);
    expect(cell.result).toMatchObject({ worth, params: cell.params });
  });

  it('passes injectNoise to the worker when it is above 0', async () => {
    const fake = fakeTables();
    const cell = new WorthCellState(spec({ injectNoise: 0.2 }), fake.tables);
    void cell.run();
    await flush();
    expect(fake.calls[0]!.request.injectNoise).toBe(0.2);
  });

  it('finds the label column ignoring case, and fails naming the columns when there is none', async () => {
    const fake = fakeTables();
    const cell = new WorthCellState(spec({ label: 'LABEL' }), fake.tables);
    void cell.run();
    await flush();
    expect(fake.calls[0]!.request.label).toBe(3);

    const missing = new WorthCellState(spec({ label: 'species' }), fake.tables);
    await missing.run();
    expect(missing.status).toMatchObject({
      kind: 'error',
      message: '"species" is not a column of wine.csv. Its columns are: "size", "colour", "id", "label".',
    });
    expect(fake.calls).toHaveLength(1);
  });

  it('fails with the reason when the classes are too small for the folds, without training', async () => {
    const fake = fakeTables();
    const cell = new WorthCellState(spec({ folds: 10 }), fake.tables);
    await cell.run();
    expect(cell.status.kind).toBe('error');
    expect(cell.status.kind === 'error' && cell.status.message).toMatch(
      /^wine\.csv with label "label" cannot be analysed: /,
    );
    expect(fake.calls).toHaveLength(0);
  });

  it('reads each file once per cell: a second run reuses the parsed table', async () => {
    const fake = fakeTables();
    const cell = new WorthCellState(spec(), fake.tables);
    void cell.run();
    await flush();
    fake.calls[0]!.resolve(fakeWorth());
    await flush();
    cell.setParams({ seed: 1 });
    void cell.run();
    await flush();
    expect(fake.calls).toHaveLength(2);
    expect(fake.loads).toEqual(['tabular/wine.csv']);
    expect(fake.imports()).toBe(1);
  });

  it('a file that cannot be loaded fails with the reason, and the next run tries again', async () => {
    const fake = fakeTables();
    fake.failNextLoad();
    const cell = new WorthCellState(spec(), fake.tables);
    await cell.run();
    expect(cell.status).toMatchObject({
      kind: 'error',
      message: 'Could not load wine.csv (HTTP 404). Check the connection and run again.',
    });
    void cell.run();
    await flush();
    expect(fake.loads).toHaveLength(2);
    expect(fake.calls).toHaveLength(1);
  });

  it('without table deps, Run fails saying so', async () => {
    const cell = new WorthCellState(spec(), undefined);
    await cell.run();
    expect(cell.status).toMatchObject({ kind: 'error' });
    expect(cell.status.kind === 'error' && cell.status.message).toMatch(/cannot load bundled files/);
  });

  it('cancel() while the file loads stops before any training', async () => {
    const fake = fakeTables();
    const release = fake.holdLoads();
    const cell = new WorthCellState(spec(), fake.tables);
    const done = cell.run();
    expect(cell.busy).toBe(true);
    cell.cancel();
    expect(cell.busy).toBe(false);
    release();
    await done;
    expect(fake.calls).toHaveLength(0);
    expect(cell.status.kind).toBe('idle');
  });

  it('cancel() during the analysis aborts it; the report on screen stays', async () => {
    const fake = fakeTables();
    const cell = new WorthCellState(spec(), fake.tables);
    void cell.run();
    await flush();
    const worth = fakeWorth();
    fake.calls[0]!.resolve(worth);
    await flush();
    cell.setParams({ seed: 1 });
    const second = cell.run();
    await flush();
    cell.cancel();
    await second;
    expect(fake.calls[1]!.signal?.aborted).toBe(true);
    expect(cell.status).toEqual({ kind: 'idle', note: 'cancelled' });
    expect(cell.result?.worth).toBe(worth);
  });

  it('the latest run wins: a run started before it finishes is cancelled and its result ignored', async () => {
    const fake = fakeTables();
    const cell = new WorthCellState(spec(), fake.tables);
    const first = cell.run();
    await flush();
    cell.setParams({ seed: 5 });
    const second = cell.run();
    await flush();
    expect(fake.calls[0]!.signal?.aborted).toBe(true);
    fake.calls[0]!.resolve(fakeWorth({ headlineTag: 'old' }));
    const latest = fakeWorth({ headlineTag: 'new' });
    fake.calls[1]!.resolve(latest);
    await Promise.all([first, second]);
    expect(cell.result?.worth).toBe(latest);
    expect(cell.result?.params.seed).toBe(5);
    expect(cell.status.kind).toBe('done');
  });

  it('the same parameters build the same request', async () => {
    const fake = fakeTables();
    const a = new WorthCellState(spec({ injectNoise: 0.1 }), fake.tables);
    const b = new WorthCellState(spec({ injectNoise: 0.1 }), fake.tables);
    void a.run();
    void b.run();
    await flush();
    expect(fake.calls[0]!.request).toEqual(fake.calls[1]!.request);
  });
});

describe('WorthCellState parameters', () => {
  it('setParams({file}) brings the new file’s label column unless the label was changed by hand', () => {
    const cell = new WorthCellState({ ...spec(), params: WORTH_DEFAULTS }, fakeTables().tables);
    cell.setParams({ file: 'wine.csv' });
    expect(cell.params).toMatchObject({ file: 'wine.csv', label: 'cultivar' });
    cell.setParams({ label: 'alcohol' });
    cell.setParams({ file: 'breast_cancer.csv' });
    expect(cell.params).toMatchObject({ file: 'breast_cancer.csv', label: 'alcohol' });
    expect(cell.problems).toEqual([]);
  });

  it('setParams(bad values) lists the problems and Run waits until they are fixed', async () => {
    const fake = fakeTables();
    const cell = new WorthCellState(spec(), fake.tables);
    cell.setParams({ folds: 1, injectNoise: 1.5 });
    expect(cell.problems).toEqual([
      'injectNoise: must be from 0% (the labels as in the file) to 90% (the field “Flip labels first”), got 150%',
      'folds: must be a whole number from 2 to 10, got 1',
    ]);
    await cell.run();
    expect(fake.loads).toEqual([]);
    expect(cell.status.kind).toBe('idle');
    cell.setParams({ folds: 3, injectNoise: 0.1 });
    expect(cell.problems).toEqual([]);
  });

  it('changing a parameter after a run marks the report out of date; resetParams() brings the lesson’s back', async () => {
    const fake = fakeTables();
    const cell = new WorthCellState(spec(), fake.tables);
    void cell.run();
    await flush();
    fake.calls[0]!.resolve(fakeWorth());
    await flush();
    expect(cell.outdated).toBe(false);
    const revision = cell.revision;
    cell.setParams({ model: 'mlp' });
    expect(cell.outdated).toBe(true);
    expect(cell.status.kind).toBe('stale');
    cell.resetParams();
    expect(cell.params).toEqual(spec().params);
    expect(cell.outdated).toBe(false);
    expect(cell.revision).toBe(revision + 1);
  });

  it('a parameter changed while the file loads leaves the report out of date', async () => {
    const fake = fakeTables();
    const release = fake.holdLoads();
    const cell = new WorthCellState(spec(), fake.tables);
    const done = cell.run();
    cell.setParams({ seed: 8 });
    release();
    await flush();
    expect(fake.calls[0]!.request.seed).toBe(WORTH_DEFAULTS.seed);
    fake.calls[0]!.resolve(fakeWorth());
    await done;
    expect(cell.outdated).toBe(true);
    expect(cell.status.kind).toBe('stale');
  });
});

describe('WorthCellState.outputs', () => {
  it('every output is null before a run', () => {
    const cell = new WorthCellState(spec(), fakeTables().tables);
    expect(Object.values(cell.outputs).every((v) => v === null)).toBe(true);
  });

  it('after a run: the report’s figures; the truth outputs are NaN without injected noise', async () => {
    const fake = fakeTables();
    const cell = new WorthCellState(spec(), fake.tables);
    void cell.run();
    await flush();
    const worth = fakeWorth({ suspects: 3 });
    fake.calls[0]!.resolve(worth);
    await flush();
    const out = cell.outputs;
    expect(out).toMatchObject({
      rows: 178,
      features: 13,
      suspected: 3,
      noiseEstimate: 0.04,
      noiseLow: 0.02,
      noiseHigh: 0.07,
      accuracyObserved: 0.95,
      accuracyNow: 0.975,
      accuracyAfter: 0.99,
      gain: '+1.5 points',
      headline: worth.report.headline,
      confusedPair: 'cultivar_1 ↔ cultivar_2',
      confusedPairFlags: 1,
    });
    expect(out.equivalent).toMatch(/data/);
    for (const key of ['trueNoise', 'flipped', 'truePositives', 'precision', 'recall', 'accuracyNowTruth']) {
      expect(out[key], key).toBeNaN();
    }
  });

  it('the estimate’s parts beside it: confident learning’s own count, the rows the plateau looked at, the model, the verdict', async () => {
    const fake = fakeTables();
    const cell = new WorthCellState(spec(), fake.tables);
    void cell.run();
    await flush();
    const worth = fakeWorth();
    fake.calls[0]!.resolve({ ...worth, detection: { ...worth.detection, estimatedNoiseRate: 0.12 } });
    await flush();
    expect(cell.outputs).toMatchObject({
      noiseConfidentLearning: 0.12,
      anchorRows: 53,
      model: 'logistic regression (C = 1)',
      verdict: worth.report.verdict,
      majority: 0.4,
      gainLow: '+0.4 points',
      gainHigh: '+3.0 points',
    });
    for (const key of ['fixesRight', 'fixesWrong']) expect(cell.outputs[key], key).toBeNaN();
  });

  it('a report without a noise rate (the features barely predict the label): the numbers are NaN, the words say why', async () => {
    const fake = fakeTables();
    const cell = new WorthCellState(spec(), fake.tables);
    void cell.run();
    await flush();
    const worth = fakeWorth();
    fake.calls[0]!.resolve({
      ...worth,
      report: {
        ...worth.report,
        verdict: 'no_signal',
        noiseRate: null,
        accuracyNow: null,
        accuracyAfterCleaning: null,
        gain: null,
        dataEquivalent: null,
      },
    });
    await flush();
    for (const key of ['noiseEstimate', 'noiseLow', 'noiseHigh', 'accuracyNow', 'accuracyAfter', 'factor']) {
      expect(cell.outputs[key], key).toBeNaN();
    }
    expect(cell.outputs).toMatchObject({ gain: '—', equivalent: 'not claimed', verdict: 'no_signal' });
  });

  it('with injected noise: the true rate, the flips, the flags’ scores and the accuracies against the file’s labels', async () => {
    const fake = fakeTables();
    const cell = new WorthCellState(spec({ injectNoise: 0.1 }), fake.tables);
    void cell.run();
    await flush();
    fake.calls[0]!.resolve(injectedWorth());
    await flush();
    expect(cell.outputs).toMatchObject({
      trueNoise: 3 / 178,
      flipped: 3,
      truePositives: 2,
      precision: 2 / 3,
      recall: 2 / 3,
      accuracyNowTruth: 0.97,
      accuracyAfterTruth: 0.985,
    });
  });
});

describe('confusedPair(issues)', () => {
  it('confusedPair([]) is null', () => {
    expect(confusedPair([])).toBeNull();
  });

  it('counts given ↔ suggested pairs in either direction, names them in alphabetical order', () => {
    const pair = confusedPair([
      { given: 'USA', suggested: 'Japan' },
      { given: 'Japan', suggested: 'Europe' },
      { given: 'Europe', suggested: 'Japan' },
    ]);
    expect(pair).toEqual({ classes: ['Europe', 'Japan'], flags: 2 });
  });

  it('a tie goes to the pair met first', () => {
    const pair = confusedPair([
      { given: 'b', suggested: 'a' },
      { given: 'c', suggested: 'a' },
      { given: 'a', suggested: 'c' },
      { given: 'a', suggested: 'b' },
    ]);
    expect(pair).toEqual({ classes: ['a', 'b'], flags: 2 });
  });
});

describe('buildRequest(imported, params)', () => {
  it('a file that could not be read gives its first error', () => {
    const imported = importTable(new TextEncoder().encode(''));
    expect(imported.ok).toBe(false);
    const built = buildRequest(imported, spec().params);
    expect(built.ok).toBe(false);
    expect(!built.ok && built.message).toMatch(/^wine\.csv cannot be read: /);
  });
});
