import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  DEFAULT_FOLDS,
  YourData,
  type TableAnalysisRequest,
  type YourDataDeps,
} from '../../src/state/yourData.svelte.ts';
import { cleanedCsv, importTable } from '../../src/workers/tableApi.ts';
import type { ImportProgress, ImportResult } from '../../src/workers/tableProtocol.ts';
import { createMemoryStore, restoreTable, type Saved, type TableStore } from '../../src/state/tableStore.ts';
import { createRandom, randomInt } from '../../src/engine/random.ts';
import type { LabelEdit } from '../../src/engine/table/labelEdits.ts';
import { fakeWorth } from './worthFixture.ts';
import { unpackRows } from '../../src/engine/table/packedCells.ts';

const GOOD =
  'size,colour,label\n3,red,a\n1,blue,b\n4,red,a\n1,blue,b\n5,red,a\n9,blue,b\n2,red,a\n6,blue,b\n5,red,a\n3,blue,b\n';
/** GOOD plus a class "c" of three rows (rare for 4 folds and up). */
const RARE_TEXT = GOOD + '11,red,c\n12,blue,c\n13,red,c\n';
const OTHER = 'height,kind\n1.5,x\n2.5,y\n3.5,x\n4.5,y\n5.5,x\n6.5,y\n7.5,x\n8.5,y\n9.5,x\n10.5,y\n';

interface Call {
  readonly bytes: Uint8Array;
  readonly onProgress: ImportProgress | undefined;
  resolve(): void;
}

/** An importer that runs the real pipeline (in-process) but answers only when the test says so. */
function heldDeps(examples: Record<string, string> = {}) {
  const calls: Call[] = [];
  const deps: YourDataDeps = {
    importer: {
      importTable: (bytes, options, onProgress) =>
        new Promise<ImportResult>((resolve) =>
          calls.push({ bytes, onProgress, resolve: () => resolve(importTable(bytes, options, onProgress)) }),
        ),
      cleanedCsv: async (request) => cleanedCsv(request),
    },
    loadExample: async (file) => {
      const text = examples[file];
      if (text === undefined) throw new Error(`HTTP 404 for ${file}`);
      return new TextEncoder().encode(text);
    },
  };
  return { deps, calls };
}

/** An importer that answers at once with the real pipeline. */
function instantDeps(examples: Record<string, string> = {}): YourDataDeps {
  return {
    importer: {
      importTable: async (bytes, options, onProgress) => importTable(bytes, options, onProgress),
      cleanedCsv: async (request) => cleanedCsv(request),
    },
    loadExample: async (file) => {
      const text = examples[file];
      if (text === undefined) throw new Error(`HTTP 404 for ${file}`);
      return new TextEncoder().encode(text);
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

async function loaded(text = GOOD) {
  const data = new YourData(instantDeps());
  await data.importText(text);
  return data;
}

describe('YourData.importText / importFile', () => {
  it('importText(csv) makes the table, columns, default label and class balance', async () => {
    const data = await loaded();
    expect(data.status).toEqual({ kind: 'ready', source: 'pasted text' });
    expect(data.table?.header).toEqual(['size', 'colour', 'label']);
    expect(data.columns.map((c) => c.type)).toEqual(['numeric', 'categorical', 'categorical']);
    expect(data.label).toBe(2);
    expect(data.folds).toBe(DEFAULT_FOLDS);
    expect(data.labelCheck?.classes).toEqual([
      { name: 'a', count: 5 },
      { name: 'b', count: 5 },
    ]);
    expect(data.problems).toEqual([]);
    expect(data.usable).toBe(true);
  });

  it('importFile(a Windows-1252 file) reads the accented names and keeps the notice with the table', async () => {
    const data = new YourData(instantDeps());
    const latin1 = Uint8Array.from('name,city,label\nJos\u00e9,Z\u00fcrich,a\nRen\u00e9e,K\u00f6ln,b\n', (c) =>
      c.charCodeAt(0),
    );
    await data.importFile(new File([latin1], 'old-excel.csv'));
    expect(data.status).toEqual({ kind: 'ready', source: 'old-excel.csv' });
    expect(unpackRows(data.table!.cells).map((r) => r.slice(0, 2))).toEqual([
      ['José', 'Zürich'],
      ['Renée', 'Köln'],
    ]);
    const notice = data.problems.find((p) => p.code === 'read-as-windows-1252');
    expect(notice?.severity).toBe('warning');
    expect(notice?.message).toContain('for example on line 2: "José"');
  });

  it('importFile(file) reads the file’s bytes and names the table after the file', async () => {
    const data = new YourData(instantDeps());
    await data.importFile(new File([OTHER], 'mine.csv', { type: 'text/csv' }));
    expect(data.source).toBe('mine.csv');
    expect(data.table?.header).toEqual(['height', 'kind']);
    expect(data.label).toBe(1);
  });

  it('reports reading progress, then ready', async () => {
    const { deps, calls } = heldDeps();
    const data = new YourData(deps);
    const done = data.importText(GOOD);
    await flush();
    expect(data.status).toEqual({ kind: 'reading', source: 'pasted text', fraction: 0 });
    calls[0]!.onProgress?.(0.5);
    expect(data.status).toEqual({ kind: 'reading', source: 'pasted text', fraction: 0.5 });
    calls[0]!.resolve();
    await done;
    expect(data.status.kind).toBe('ready');
  });

  it('importExample(name) loads the bundled file through loadExample', async () => {
    const wine = readFileSync('public/data/tabular/wine.csv', 'utf8');
    const data = new YourData(instantDeps({ 'tabular/wine.csv': wine }));
    await data.importExample('wine.csv');
    expect(data.source).toBe('wine.csv');
    expect(data.table?.cells.rowCount).toBe(178);
    expect(data.table?.header[data.label]).toBe('cultivar');
    expect(data.labelCheck?.classes.map((c) => c.count)).toEqual([59, 71, 48]);
  });
});

describe('YourData: bad input keeps the previous table', () => {
  const cases: [string, string | Uint8Array, string][] = [
    ['an empty file', '', 'empty'],
    ['a header only', 'a,b,label\n', 'header-only'],
    ['only ragged rows', 'a,b,label\n1,2\n3,4\n', 'ragged-rows'],
    ['a binary file', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1]), 'binary'],
    [
      'an Excel workbook',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('xl/workbook.xml')]),
      'binary',
    ],
    ['broken UTF-16 text', new Uint8Array([0xff, 0xfe, 0x61, 0, 0x2c]), 'utf16'],
    ['an unclosed quote', 'a,label\n"1,x\n2,y\n', 'unterminated-quote'],
  ];
  for (const [what, input, code] of cases) {
    it(`${what} → failed with the "${code}" problem; the previous table stays`, async () => {
      const data = await loaded();
      const before = data.table;
      const file = new File([input as BlobPart], 'bad.csv');
      await data.importFile(file);
      expect(data.status.kind).toBe('failed');
      if (data.status.kind !== 'failed') return;
      expect(data.status.source).toBe('bad.csv');
      expect(data.status.problems.map((p) => p.code)).toEqual([code]);
      expect(data.status.problems[0]!.message.length).toBeGreaterThan(20);
      expect(data.table).toBe(before);
      expect(data.source).toBe('pasted text');
    });
  }

  it('more than 500 columns → too-many-columns', async () => {
    const data = await loaded();
    const header = Array.from({ length: 501 }, (_, i) => `c${i}`).join(',');
    await data.importText(`${header}\n${Array.from({ length: 501 }, () => '1').join(',')}\n`);
    expect(data.status.kind === 'failed' && data.status.problems.map((p) => p.code)).toEqual(['too-many-columns']);
    expect(data.table?.header).toEqual(['size', 'colour', 'label']);
  });

  it('an example that cannot be fetched → failed with a message, the table stays', async () => {
    const data = new YourData(instantDeps());
    await data.importText(GOOD);
    await data.importExample('breast_cancer.csv');
    expect(data.status.kind).toBe('failed');
    expect(data.status.kind === 'failed' && data.status.message).toMatch(/Could not read breast_cancer\.csv: HTTP 404/);
    expect(data.table?.header).toEqual(['size', 'colour', 'label']);
  });

  it('ragged rows among good ones are a warning with the row number, and the rest is used', async () => {
    const data = await loaded(GOOD + '11,red\n12,blue,b\n');
    expect(data.status.kind).toBe('ready');
    expect(data.table?.cells.rowCount).toBe(11);
    expect(data.problems).toMatchObject([{ code: 'ragged-rows', severity: 'warning', row: 12 }]);
  });

  it('missing labels are set aside and counted', async () => {
    const data = await loaded(GOOD + '11,red,\n12,blue,NA\n');
    expect(data.labelCheck?.setAside).toHaveLength(2);
    expect(data.problems).toMatchObject([{ code: 'missing-labels', severity: 'warning', row: 12 }]);
    expect(data.usable).toBe(true);
  });
});

describe('YourData: the latest import wins', () => {
  it('a slow earlier import finishing last is ignored, progress included', async () => {
    const { deps, calls } = heldDeps();
    const data = new YourData(deps);
    const first = data.importText(GOOD);
    await flush();
    const second = data.importText(OTHER);
    await flush();
    calls[1]!.resolve();
    await second;
    calls[0]!.onProgress?.(0.9);
    calls[0]!.resolve();
    await first;
    expect(data.status).toEqual({ kind: 'ready', source: 'pasted text' });
    expect(data.table?.header).toEqual(['height', 'kind']);
  });

  it('reset() forgets the table and drops the import in flight', async () => {
    const { deps, calls } = heldDeps();
    const data = new YourData(deps);
    const pending = data.importText(GOOD);
    await flush();
    data.reset();
    calls[0]!.resolve();
    await pending;
    expect(data.status).toEqual({ kind: 'idle' });
    expect(data.table).toBeNull();
    expect(data.label).toBe(-1);
  });
});

describe('YourData: label column, includes, rare classes', () => {
  it('setLabel(i) rechecks the labels; a many-valued numeric column looks like regression', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i * 1.5},${i % 2 ? 'a' : 'b'}`).join('\n');
    const data = await loaded(`price,kind\n${rows}\n`);
    expect(data.label).toBe(1);
    expect(data.labelCheck?.looksLikeRegression).toBe(false);
    data.setLabel(0);
    expect(data.label).toBe(0);
    expect(data.labelCheck?.looksLikeRegression).toBe(true);
    expect(data.problems.map((p) => p.code)).toEqual(['regression-target']);
    expect(data.usable).toBe(false);
    expect(() => data.setLabel(2)).toThrow(RangeError);
  });

  it('a single class is an error naming the class', async () => {
    const data = await loaded('x,label\n1,a\n2,a\n3,a\n');
    expect(data.problems).toMatchObject([{ code: 'single-class', severity: 'error' }]);
    expect(data.problems[0]!.message).toContain('"a"');
  });

  it('include(i, on) toggles a column; leaving every feature out is a no-features error', async () => {
    const data = await loaded();
    data.include(0, false);
    expect(data.columns[0]!.included).toBe(false);
    expect(data.problems).toEqual([]);
    data.include(1, false);
    expect(data.problems.map((p) => p.code)).toEqual(['no-features']);
    data.include(0, true);
    expect(data.columns[0]!.included).toBe(true);
    expect(data.problems).toEqual([]);
  });

  it('a free-text column is left out by default with its reason, and can be taken in', async () => {
    const notes = (i: number) => `this is a longer note number ${i} about the row`;
    const rows = Array.from({ length: 12 }, (_, i) => `${i},"${notes(i)}",${i % 2 ? 'a' : 'b'}`).join('\n');
    const data = await loaded(`x,notes,label\n${rows}\n`);
    const text = data.columns[1]!;
    expect(text.type).toBe('text');
    expect(text.included).toBe(false);
    expect(text.reason).toMatch(/left out/);
    data.include(1, true);
    expect(data.columns[1]!.included).toBe(true);
  });

  const RARE = GOOD + '11,red,c\n12,blue,d\n13,red,d\n';

  it('classes with fewer rows than the folds are listed; dropRareClasses() removes their rows', async () => {
    const data = await loaded(RARE);
    expect(data.labelCheck?.rareClasses).toEqual([
      { name: 'c', count: 1 },
      { name: 'd', count: 2 },
    ]);
    expect(data.problems.map((p) => p.code)).toEqual(['rare-classes']);
    data.dropRareClasses();
    expect(data.table?.cells.rowCount).toBe(10);
    expect(data.labelCheck?.classes.map((c) => c.name)).toEqual(['a', 'b']);
    expect(data.problems).toEqual([]);
    expect(data.edits).toEqual(['Dropped classes "c", "d": 3 rows removed.']);
  });

  it('mergeRareClasses(into) relabels them; merging into an existing class makes it usable', async () => {
    const data = await loaded(RARE);
    data.mergeRareClasses('b');
    expect(data.table?.cells.rowCount).toBe(13);
    expect(data.labelCheck?.classes).toEqual([
      { name: 'a', count: 5 },
      { name: 'b', count: 8 },
    ]);
    expect(data.usable).toBe(true);
    expect(data.edits).toEqual(['Merged classes "c", "d" into "b".']);
  });

  it('setFolds(n) changes which classes count as rare', async () => {
    const data = await loaded(RARE);
    data.setFolds(2);
    expect(data.labelCheck?.rareClasses.map((c) => c.name)).toEqual(['c']);
    expect(() => data.setFolds(1)).toThrow(RangeError);
  });

  it('a failed import keeps the user’s choices about the table on screen', async () => {
    const data = await loaded(RARE);
    data.include(1, false);
    data.setLabel(1);
    await data.importText('');
    expect(data.status.kind).toBe('failed');
    expect(data.label).toBe(1);
    expect(data.columns[1]!.included).toBe(false);
  });
});

describe('YourData: kept in this browser (store)', () => {
  const analyser = { analyseTable: async () => fakeWorth() };

  function storedDeps(store: TableStore): YourDataDeps {
    return { ...instantDeps(), store, analyser };
  }

  async function started(store: TableStore) {
    const data = new YourData(storedDeps(store));
    await data.ready;
    return data;
  }

  it('saves after an import, and after each change', async () => {
    const store = createMemoryStore();
    const data = await started(store);
    await data.importText(RARE_TEXT);
    await data.settled();
    expect(store.saved).toMatchObject({ source: 'pasted text', label: 2, folds: DEFAULT_FOLDS, edits: [] });
    expect((await restoreTable(store.saved!.table)).table.cells.rowCount).toBe(13);
    data.include(0, false);
    await data.settled();
    expect(store.saved?.columns[0]!.included).toBe(false);
    data.setFolds(4);
    await data.settled();
    expect(store.saved?.folds).toBe(4);
    data.dropRareClasses();
    await data.settled();
    expect((await restoreTable(store.saved!.table)).table.cells.rowCount).toBe(10);
    expect(store.saved?.edits).toEqual(['Dropped class "c": 3 rows removed.']);
    data.setLabel(1);
    await data.settled();
    expect(store.saved?.label).toBe(1);
  });

  it('saves the report when an analysis finishes, and marks it out of date after a change', async () => {
    const store = createMemoryStore();
    const data = await started(store);
    await data.importText(GOOD);
    expect(data.analyse()).toBe(true);
    await expect.poll(() => data.analysis?.status.kind).toBe('done');
    await data.settled();
    expect(store.saved?.analysis).toMatchObject({ source: 'pasted text', outOfDate: false });
    expect(store.saved?.analysis?.worth.summary.rows).toBe(178);
    data.include(1, false);
    await data.settled();
    expect(store.saved?.analysis?.outOfDate).toBe(true);
  });

  it('saves the cells as the Blob the table worker made, and makes one itself only when the rows change', async () => {
    const writes: Saved[] = [];
    const store: TableStore = {
      load: async () => null,
      save: async (saved) => void writes.push(saved),
      forget: async () => {},
    };
    const fromWorker = new Blob(['made by the worker']);
    const deps = storedDeps(store);
    const data = new YourData({
      ...deps,
      importer: {
        ...deps.importer,
        importTable: async (bytes, options, onProgress) => {
          const result = importTable(bytes, options, onProgress);
          return result.ok ? { ...result, cellsBlob: fromWorker } : result;
        },
      },
    });
    await data.ready;
    await data.importText(RARE_TEXT);
    data.setFolds(4);
    await data.settled();
    const blobs = () => writes.map((w) => (w.table as { cellsBlob: Blob }).cellsBlob);
    expect(blobs().every((b) => b === fromWorker)).toBe(true);
    data.dropRareClasses();
    await data.settled();
    const made = blobs().at(-1)!;
    expect(made).not.toBe(fromWorker);
    expect((await restoreTable(writes.at(-1)!.table)).table.cells.rowCount).toBe(10);
  });

  it('keeps the model, seed and folds settings across a reload', async () => {
    const store = createMemoryStore();
    const data = await started(store);
    await data.importText(GOOD);
    data.setModel('mlp');
    data.setSeed(3);
    data.setFolds(4);
    await data.settled();
    expect(store.saved).toMatchObject({ model: 'mlp', seed: 3, folds: 4 });
    const again = await started(store);
    expect([again.model, again.seed, again.folds]).toEqual(['mlp', 3, 4]);
    expect(again.analysisRequest()).toMatchObject({ model: 'mlp', seed: 3, folds: 4 });
  });

  it('restores the saved table, choices and report on start, with the restored note', async () => {
    const store = createMemoryStore();
    const first = await started(store);
    await first.importText(GOOD);
    first.include(0, false);
    first.analyse();
    await expect.poll(() => first.analysis?.status.kind).toBe('done');
    first.setFolds(3);
    await first.settled();

    const data = await started(store);
    expect(data.restoredFrom).toBe('pasted text');
    expect(data.status).toEqual({ kind: 'ready', source: 'pasted text' });
    expect(data.table?.header).toEqual(['size', 'colour', 'label']);
    expect(data.columns[0]!.included).toBe(false);
    expect(data.folds).toBe(3);
    expect(data.analysis?.result?.worth.summary.rows).toBe(178);
    expect(data.analysis?.outOfDate).toBe(true);
    expect(data.analysis?.status.kind).toBe('stale');
    // A new import replaces it, and the note goes.
    await data.importText(OTHER);
    expect(data.restoredFrom).toBeNull();
  });

  it('restores a table saved before the cells were packed (rows of strings), packing it', async () => {
    const data = await started(
      createMemoryStore({
        source: 'old.csv',
        table: {
          header: ['size', 'label'],
          rows: [
            ['1', 'a'],
            ['2', 'b'],
            ['3', 'a'],
          ],
          rowNumbers: Int32Array.from([2, 3, 4]),
          hasHeader: true,
          delimiter: ',',
          totalRows: 3,
        },
        columns: [],
        label: 1,
        importProblems: [],
        edits: [],
        folds: 2,
        analysis: null,
      }),
    );
    expect(data.restoredFrom).toBe('old.csv');
    expect(unpackRows(data.table!.cells)).toEqual([
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'a'],
    ]);
    expect(data.labelCheck?.classes).toEqual([
      { name: 'a', count: 2 },
      { name: 'b', count: 1 },
    ]);
  });

  it('an import started before the restore settles wins', async () => {
    const store = createMemoryStore();
    await (await started(store)).importText(GOOD);
    const data = new YourData(storedDeps(store));
    await data.importText(OTHER);
    await data.ready;
    expect(data.table?.header).toEqual(['height', 'kind']);
    expect(data.restoredFrom).toBeNull();
  });

  it('forget() deletes the saved copy and clears the page', async () => {
    const store = createMemoryStore();
    const data = await started(store);
    await data.importText(GOOD);
    await data.settled();
    expect(store.saved).not.toBeNull();
    await data.forget();
    expect(store.saved).toBeNull();
    expect(data.table).toBeNull();
    expect(data.status).toEqual({ kind: 'idle' });
    const again = await started(store);
    expect(again.table).toBeNull();
    expect(again.restoredFrom).toBeNull();
  });

  it('saves coalesce: a burst of changes waits as one write behind the one in flight, and the last state is stored', async () => {
    const memory = createMemoryStore();
    let gate: Promise<void> | null = null;
    let release = () => {};
    let writes = 0;
    const store: TableStore = {
      load: () => memory.load(),
      forget: () => memory.forget(),
      save: async (next) => {
        writes++;
        if (gate) await gate;
        await memory.save(next);
      },
    };
    const data = await started(store);
    await data.importText(GOOD);
    await data.settled();
    expect(data.saving).toBe(false);
    writes = 0;
    gate = new Promise<void>((resolve) => (release = resolve));
    data.setFolds(4);
    await expect.poll(() => writes).toBe(1);
    expect(data.saving).toBe(true);
    // Four more changes while the first write is held: they wait as one write, not four.
    data.setSeed(3);
    data.setModel('mlp');
    data.include(0, false);
    data.setFolds(3);
    gate = null;
    release();
    await data.settled();
    expect(writes).toBe(2);
    expect(memory.saved).toMatchObject({ folds: 3, seed: 3, model: 'mlp' });
    expect(memory.saved?.columns[0]!.included).toBe(false);
    expect(data.saving).toBe(false);
  });

  it('a failing store becomes a notice; the table on screen stays', async () => {
    const failing: TableStore = {
      load: async () => {
        throw new Error('private mode');
      },
      save: async () => {
        throw new Error('quota exceeded');
      },
      forget: async () => {
        throw new Error('gone');
      },
    };
    const data = await started(failing);
    expect(data.storageNotice).toMatch(/private mode/);
    await data.importText(GOOD);
    await data.settled();
    expect(data.storageNotice).toMatch(/Could not save pasted text.*quota exceeded.*stays on screen/);
    expect(data.table?.cells.rowCount).toBe(10);
    data.include(0, false);
    await data.settled();
    expect(data.columns[0]!.included).toBe(false);
    await data.forget();
    expect(data.storageNotice).toMatch(/Could not delete.*gone/);
  });

  it('without a store nothing is kept, and storeUnavailable is the notice', async () => {
    const data = new YourData({ ...instantDeps(), storeUnavailable: 'No storage here.' });
    await data.ready;
    expect(data.persistent).toBe(false);
    expect(data.storageNotice).toBe('No storage here.');
  });
});

describe('YourData: reviewing suspected labels and exporting', () => {
  /** A report flagging rows 2 (given a → b) and 3 (given b → a) of GOOD. */
  function flagging(): ReturnType<typeof fakeWorth> {
    const worth = fakeWorth({ suspects: 0, rows: 10 });
    return {
      ...worth,
      summary: {
        ...worth.summary,
        rows: 10,
        label: 'label',
        features: ['size', 'colour'],
        classes: [
          { name: 'a', count: 5 },
          { name: 'b', count: 5 },
        ],
      },
      detection: {
        ...worth.detection,
        flagged: 2,
        issues: [
          { position: 0, row: 2, given: 'a', suggested: 'b', score: 0.05, injected: null },
          { position: 1, row: 3, given: 'b', suggested: 'a', score: 0.1, injected: null },
        ],
        rowNumbers: Int32Array.from({ length: 10 }, (_, i) => i + 2),
        scores: Float64Array.from({ length: 10 }, (_, i) => (i === 0 ? 0.05 : i === 1 ? 0.1 : 0.75)),
      },
    };
  }

  async function reviewed(store = createMemoryStore()) {
    const requests: unknown[] = [];
    const data = new YourData({
      ...instantDeps(),
      store,
      analyser: {
        analyseTable: async (request) => {
          requests.push(request);
          return flagging();
        },
      },
    });
    await data.ready;
    await data.importText(GOOD);
    data.analyse();
    await expect.poll(() => data.analysis?.status.kind).toBe('done');
    return { data, store, requests };
  }

  it('decisions are saved with the table and restored after a reload; a new import clears them', async () => {
    const { data, store } = await reviewed();
    data.review.decide(2, { kind: 'relabel', label: 'b' });
    data.review.decide(3, { kind: 'remove' });
    await data.settled();
    expect(store.saved?.review).toEqual([
      [2, { kind: 'relabel', label: 'b' }],
      [3, { kind: 'remove' }],
    ]);
    const again = new YourData({ ...instantDeps(), store, analyser: { analyseTable: async () => flagging() } });
    await again.ready;
    expect(again.review.tally).toEqual({ reviewed: 2, relabelled: 1, kept: 0, removed: 1 });
    expect(again.editsSinceReport).toBe(2);
    await again.importText(OTHER);
    expect(again.review.edits.size).toBe(0);
  });

  it('the next analysis trains on the reviewed labels; the report then counts them as measured', async () => {
    const { data, requests } = await reviewed();
    data.review.decide(2, { kind: 'relabel', label: 'b' });
    data.review.decide(3, { kind: 'remove' });
    expect(data.editsSinceReport).toBe(2);
    // The label check sees the reviewed labels: class a is now too small for 5 folds.
    expect(data.labelCheck?.classes).toEqual([
      { name: 'a', count: 4 },
      { name: 'b', count: 5 },
    ]);
    expect(data.analyse()).toBe(false);
    expect(data.analyseBlocked).toMatch(/fewer rows than/);
    data.setFolds(3);
    expect(data.analyse()).toBe(true);
    await expect.poll(() => requests.length).toBe(2);
    const request = requests[1] as TableAnalysisRequest;
    expect(request.table.cells.rowCount).toBe(9);
    expect(unpackRows(request.table.cells)[0]).toEqual(['3', 'red', 'b']);
    expect(Array.from(request.table.rowNumbers).slice(0, 3)).toEqual([2, 4, 5]);
    await expect.poll(() => data.editsSinceReport).toBe(0);
    expect(data.reportEdits.size).toBe(2);
  });

  it('cleanedCsv() writes the original columns with the decisions, and the added columns when asked', async () => {
    const { data } = await reviewed();
    data.review.decide(3, { kind: 'remove' });
    const plain = await data.cleanedCsv({ sourceRow: false, extraColumns: false, acceptUnreviewed: false });
    expect(plain).toMatchObject({ filename: 'pasted-text-cleaned.csv', rows: 9, relabelled: 0, removed: 1 });
    expect(plain!.text.split('\n')[0]).toBe('size,colour,label');
    expect(plain!.text.split('\n')[1]).toBe('3,red,a');
    const full = await data.cleanedCsv({ sourceRow: true, extraColumns: true, acceptUnreviewed: true });
    const lines = full!.text.trim().split('\n');
    expect(lines[0]).toBe('size,colour,label,source_row,label_issue_score,suggested_label,was_edited');
    expect(lines[1]).toBe('3,red,b,2,0.9500,b,true');
    expect(lines[2]).toBe('4,red,a,4,0.2500,,false'); // row 3 was removed: the gap shows where
    expect(full).toMatchObject({ relabelled: 1, accepted: 1, removed: 1 });
  });

  it('cleanedCsv() names the source-row column past the user’s own, and writes a header for a headerless file', async () => {
    const clash = await loaded('source_row,colour,label\n' + GOOD.split('\n').slice(1).join('\n'));
    const named = await clash.cleanedCsv({ sourceRow: true, extraColumns: false, acceptUnreviewed: false });
    expect(named!.text.split('\n').slice(0, 2)).toEqual(['source_row,colour,label,source_row_2', '3,red,a,2']);
    const headerless = await loaded('1,x,a\n2,y,b\n3,x,a\n4,y,b\n5,x,a\n6,y,b\n');
    const file = await headerless.cleanedCsv({ sourceRow: true, extraColumns: false, acceptUnreviewed: false });
    expect(file!.text.split('\n').slice(0, 2)).toEqual(['column_1,column_2,column_3,source_row', '1,x,a,1']);
  });

  it('a relabel back to the row’s given label is not a change: the tally always matches what the cleaned CSV changes', async () => {
    const { data } = await reviewed();
    data.review.decide(2, { kind: 'relabel', label: 'b' });
    expect(data.review.tally.relabelled).toBe(1);
    data.review.decide(2, { kind: 'relabel', label: 'a' }); // row 2 is an "a" in the file
    expect(data.review.edits.get(2)).toEqual({ kind: 'keep' });
    expect(data.review.tally).toEqual({ reviewed: 1, relabelled: 0, kept: 1, removed: 0 });
    // Any sequence of decisions and undos (seeded): the page's counts are the CSV's.
    const random = createRandom(3);
    const choices: LabelEdit[] = [
      { kind: 'relabel', label: 'a' },
      { kind: 'relabel', label: 'b' },
      { kind: 'keep' },
      { kind: 'remove' },
    ];
    for (let step = 0; step < 40; step++) {
      if (randomInt(random, 6) === 0) data.review.undo();
      else data.review.decide(2 + randomInt(random, 10), choices[randomInt(random, choices.length)]!);
      const file = await data.cleanedCsv({ sourceRow: true, extraColumns: true, acceptUnreviewed: false });
      const { tally } = data.review;
      expect([file!.relabelled, file!.removed]).toEqual([tally.relabelled, tally.removed]);
      const lines = file!.text.trim().split('\n').slice(1);
      expect(lines).toHaveLength(10 - tally.removed);
      expect(lines.filter((line) => line.endsWith(',true'))).toHaveLength(tally.relabelled);
    }
  });

  it('reportJson() holds the report, the settings and every decision with its given and new label', async () => {
    const { data } = await reviewed();
    data.review.decide(2, { kind: 'keep' });
    data.review.decide(3, { kind: 'relabel', label: 'a' });
    data.review.decide(9, { kind: 'remove' }); // a row this report does not flag
    data.review.decide(4, { kind: 'relabel', label: 'a' }); // row 4 is an "a": a keep
    const file = data.reportJson()!;
    expect(file.filename).toBe('pasted-text-worth-report.json');
    const json = JSON.parse(file.text);
    expect(json.report.headline).toBe(data.analysis!.result!.worth.report.headline);
    expect(json.settings.label).toBe('label');
    expect(json.decisions).toEqual([
      { row: 2, given: 'a', decision: 'keep', newLabel: 'a' },
      { row: 3, given: 'b', decision: 'relabel', newLabel: 'a' },
      { row: 4, given: 'a', decision: 'keep', newLabel: 'a' },
      { row: 9, given: 'b', decision: 'remove', newLabel: null },
    ]);
    expect(json.decisionsMeasured).toEqual([]);
    expect(json.rowNumbering).toMatch(/header = row 1.*source_row/);
    expect(json.suspected).toHaveLength(2);
    data.reset();
    expect(data.reportJson()).toBeNull();
  });
});
