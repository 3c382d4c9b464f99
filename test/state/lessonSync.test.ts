// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { LessonState } from '../../src/state/lessonState.svelte.ts';
import { LessonSync } from '../../src/state/lessonSync.svelte.ts';
import { createMemoryNotebookStore, type NotebookStore } from '../../src/state/notebookStore.ts';
import { TrialCache } from '../../src/state/trialCache.ts';
import { CurveCellState } from '../../src/state/curveCell.svelte.ts';
import { PlaygroundCellState } from '../../src/state/playgroundCell.svelte.ts';
import { ReviewCellState } from '../../src/state/reviewCell.svelte.ts';
import { CodeCellState } from '../../src/state/codeCell.svelte.ts';
import type { CellDeps } from '../../src/state/cellDeps.ts';
import { uniformToyFit } from '../support/fakeFixtures.ts';
import type { TrialOutcome, TrialSpec } from '../../src/engine/sweep.ts';

const SOURCE = `---
title: Test
summary: A lesson for the tests.
---
Some prose.

\`\`\`cell curve
id: curve
sizes: [50, 100]
seeds: 2
n0: 50
\`\`\`

\`\`\`cell playground
id: toy
points: 20
\`\`\`

\`\`\`cell review
id: review
size: 200
\`\`\`
`;
const lesson = parseLesson(SOURCE, 'lessons/05-test.md');

/** Accuracy made from the spec, so equal specs give equal numbers. */
const outcome = (t: TrialSpec): TrialOutcome => ({
  spec: t,
  accuracy: 0.5 + t.size / 1000 + t.seed / 100 - (t.arm === 'noisy' ? 0.05 : 0),
  accuracyNoisyTest: null,
  trainAccuracyGiven: 1,
  trainAccuracyTrue: 1,
  iterations: 1,
  converged: true,
  milliseconds: 1,
  backend: 'test',
});

function deps(counter: { trials: number; fits: number }): CellDeps {
  return {
    trainer: {
      runTrial: async (spec) => {
        counter.trials++;
        return outcome(spec);
      },
      fitToy: async (request) => {
        counter.fits++;
        return uniformToyFit(request, { accuracy: 0.9, trainAccuracy: 0.95, iterations: 3 });
      },
      predictHeldOut: () => Promise.reject(new Error('not in this test')),
      fitAndEvaluate: () => Promise.reject(new Error('not in this test')),
    },
    loadDataset: () => Promise.reject(new Error('not in this test')),
    trialCache: new TrialCache(),
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
};

/** A page visit: a fresh LessonState and LessonSync over the same store; `link` as if opened from a link. */
async function visit(store: NotebookStore | null, link?: string) {
  const counter = { trials: 0, fits: 0 };
  const state = new LessonState(lesson, deps(counter));
  const sync = new LessonSync(state, { store, saveDelayMs: 0, now: () => 1_700_000_000_000 });
  if (link) sync.applyLink(link);
  await sync.open();
  await settle();
  const cells = {
    curve: state.cells.curve as CurveCellState,
    toy: state.cells.toy as PlaygroundCellState,
    review: state.cells.review as ReviewCellState,
  };
  const leave = async () => {
    await sync.flush();
    sync.close();
    state.stop();
  };
  return { state, sync, cells, counter, leave };
}

describe('LessonSync over LessonState', () => {
  it('restores changed parameters after a reload, and forgets cells left at the lesson’s values', async () => {
    const store = createMemoryNotebookStore();
    const first = await visit(store);
    first.cells.curve.setParams({ seed: 4, noise: 0.3 });
    first.cells.review.setParams({ folds: 3 });
    await settle();
    await first.leave();
    expect([...store.cells.keys()].map((k) => k.split('\u0000')[1]).sort()).toEqual(['curve', 'review', 'toy']);

    const second = await visit(store);
    expect(second.cells.curve.params.seed).toBe(4);
    expect(second.cells.curve.params.noise).toEqual({ kind: 'uniform', rate: 0.3 });
    expect(second.cells.review.params.folds).toBe(3);
    expect(second.sync.restoredAt('curve')).toBe(1_700_000_000_000);
    expect(second.sync.notices).toEqual([]);
    await second.leave();
  });

  it('shows a finished sweep again without training, marked as reused and answering its parameters', async () => {
    const store = createMemoryNotebookStore();
    const first = await visit(store);
    await first.cells.curve.run();
    await settle();
    const numbers = first.cells.curve.outputs;
    expect(first.counter.trials).toBe(8);
    await first.leave();

    const second = await visit(store);
    const { curve } = second.cells;
    expect(second.counter.trials).toBe(0);
    expect(curve.status.kind).toBe('done');
    expect(curve.reused).toBe(8);
    expect(curve.outputs).toEqual(numbers);
    expect(curve.sweep?.firstSeed).toBe(curve.params.seed);
    // Running again takes every trial from the cache the restore filled.
    await curve.run();
    expect(second.counter.trials).toBe(0);
    expect(curve.reused).toBe(8);
    // A changed parameter marks the restored numbers as answering the old ones.
    curve.setParams({ seed: 9 });
    expect(curve.status.kind).toBe('stale');
    await second.leave();
  });

  it('the playground comes back with its edits and its fit, without fitting again', async () => {
    const store = createMemoryNotebookStore();
    const first = await visit(store);
    expect(first.counter.fits).toBe(1);
    first.cells.toy.addPoint(0.1, 0.2);
    await settle();
    const given = Array.from(first.cells.toy.data.given);
    await first.leave();

    const second = await visit(store);
    expect(second.counter.fits).toBe(0);
    expect(Array.from(second.cells.toy.data.given)).toEqual(given);
    expect(second.cells.toy.status.kind).toBe('done');
    expect(second.cells.toy.result?.accuracy).toBe(0.9);
    await second.leave();
  });

  it('resetCell and resetLesson bring back the lesson’s values, and a reload keeps them', async () => {
    const store = createMemoryNotebookStore();
    const first = await visit(store);
    first.cells.curve.setParams({ seed: 4 });
    first.cells.review.setParams({ folds: 3 });
    await settle();
    first.sync.resetCell('curve');
    expect(first.cells.curve.params).toEqual(
      lesson.blocks.flatMap((b) => (b.kind === 'cell' && b.cell.id === 'curve' ? [b.cell.params] : []))[0],
    );
    first.sync.resetLesson();
    await settle();
    expect(first.cells.review.params.folds).toBe(5);
    await first.leave();
    expect([...store.cells.keys()].map((k) => k.split('\u0000')[1])).toEqual(['toy']); // only its fit is kept

    const second = await visit(store);
    expect(second.cells.curve.params.seed).toBe(0);
    expect(second.cells.review.params.folds).toBe(5);
    await second.leave();
  });

  it('a link’s parameters win over saved ones; the other parameters are the lesson’s', async () => {
    const store = createMemoryNotebookStore();
    const first = await visit(store);
    first.cells.curve.setParams({ seeds: 3, seed: 4 });
    await settle();
    const link = first.sync.linkHash('curve');
    expect(link).toBe('#/05-test?curve.seeds=3&curve.seed=4');
    first.cells.curve.setParams({ seeds: 1, seed: 8, noise: 0.4 });
    await settle();
    await first.leave();

    const second = await visit(store, link.split('?')[1]);
    expect(second.cells.curve.params.seeds).toBe(3);
    expect(second.cells.curve.params.seed).toBe(4);
    expect(second.cells.curve.params.noise).toEqual({ kind: 'uniform', rate: 0.1 });
    expect(second.sync.notices).toEqual([
      { level: 'info', text: expect.stringMatching(/shared link: “curve” has its parameters/) },
    ]);
    await second.leave();
  });

  it('bad link values: a notice names the parameter, and that cell keeps the lesson’s values', async () => {
    const { cells, sync, leave } = await visit(
      null,
      'curve.noise=2&curve.seed=5&toy.nois=0.1&ghost.seed=1&review.folds=3',
    );
    expect(cells.curve.params.seed).toBe(0);
    expect(cells.curve.params.noise).toEqual({ kind: 'uniform', rate: 0.1 });
    expect(cells.review.params.folds).toBe(3);
    const problems = sync.notices.filter((n) => n.level === 'problem').map((n) => n.text);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(
      /curve\.noise: must be between 0\.01 and 0\.9, got 2.*“curve” keeps the lesson's values/,
    );
    expect(problems[1]).toMatch(/toy\.nois: unknown parameter/);
    expect(problems[2]).toMatch(/no cell “ghost” \(its cells: curve, toy, review\)/);
    await leave();
  });

  it('a damaged saved record is reported and the cell shows the lesson’s values', async () => {
    const store = createMemoryNotebookStore();
    await store.saveCell('05-test', 'curve', { v: 1, type: 'curve', savedAt: 1, params: { seeds: 99 } });
    await store.saveCell('05-test', 'review', { v: 1, type: 'curve', savedAt: 1, params: {} });
    const { cells, sync, leave } = await visit(store);
    expect(cells.curve.params.seeds).toBe(2);
    expect(sync.notices.map((n) => n.text)).toEqual([
      expect.stringMatching(
        /saved values for cell “curve” could not be used \(seeds: must be a whole number from 1 to 20, got 99\)/,
      ),
      expect.stringMatching(/cell “review” could not be used \(it was saved for a curve cell/),
    ]);
    await leave();
  });

  it('a store that fails says so, and the lesson still starts from its values', async () => {
    const broken: NotebookStore = {
      ...createMemoryNotebookStore(),
      loadLesson: () => Promise.reject(new Error('quota exceeded')),
      saveCell: () => Promise.reject(new Error('quota exceeded')),
    };
    const { cells, sync, counter, leave } = await visit(broken);
    expect(counter.fits).toBe(1);
    cells.curve.setParams({ seed: 2 });
    await settle();
    expect(sync.saveStatus).toBe('failed');
    expect(sync.notices.map((n) => n.text)).toEqual([
      expect.stringMatching(/could not be read \(quota exceeded\)/),
      expect.stringMatching(/could not be saved in this browser \(quota exceeded\).*copy a link/),
    ]);
    await leave();
  });
});

describe('LessonSync and code cells', () => {
  const CODE = parseLesson(
    `---\ntitle: Code\nsummary: One code cell.\n---\nProse.\n\n\`\`\`cell code\nid: c\ncode: |\n  return 1;\n\`\`\`\n`,
    'lessons/05-code.md',
  );

  async function open(store: NotebookStore, link?: string) {
    const state = new LessonState(CODE, deps({ trials: 0, fits: 0 }));
    const sync = new LessonSync(state, { store, saveDelayMs: 0, now: () => 1 });
    if (link) sync.applyLink(link);
    await sync.open();
    await settle();
    return { state, sync, cell: state.cells.c as CodeCellState };
  }

  it('keeps the edited code across a reload, but a link never carries code', async () => {
    const store = createMemoryNotebookStore();
    const first = await open(store);
    first.cell.setCode('return 2;\n');
    await settle();
    await first.sync.flush();
    first.sync.close();
    const second = await open(store);
    expect(second.cell.code).toBe('return 2;\n');
    expect(second.sync.linkHash('c')).toBe('#/05-code');
    second.sync.close();

    const linked = await open(createMemoryNotebookStore(), `c.code=${encodeURIComponent('return 3;')}`);
    expect(linked.cell.code.trim()).toBe('return 1;');
    expect(linked.sync.notices.map((n) => n.text).join(' ')).toMatch(/c\.code, which links cannot carry/);
    linked.sync.close();
  });
});

describe('LessonSync and the controls of code cells: links carry their values', () => {
  const CONTROLS = parseLesson(
    [
      '---',
      'title: Controls',
      'summary: A code cell with controls.',
      '---',
      'Prose.',
      '',
      '```cell code',
      'id: c',
      'controls:',
      '  size: { label: Training digits, value: 500, min: 100, max: 900, step: 50 }',
      '  noise: { label: Share of wrong labels, value: 0.12, min: 0, max: 0.5, step: 0.01 }',
      '  mlp: { label: Use the network, value: false }',
      'code: |',
      '  return controls.noise;',
      '```',
      '',
    ].join('\n'),
    'lessons/06-controls.md',
  );

  async function open(link?: string) {
    const state = new LessonState(CONTROLS, deps({ trials: 0, fits: 0 }));
    const sync = new LessonSync(state, { store: createMemoryNotebookStore(), saveDelayMs: 0, now: () => 1 });
    if (link) sync.applyLink(link);
    await sync.open();
    await settle();
    return { sync, cell: state.cells.c as CodeCellState };
  }

  it('a link holds only the changed controls (as the code reads them) and reopens with them', async () => {
    const first = await open();
    expect(first.sync.linkHash()).toBe('#/06-controls');
    first.cell.setControl('noise', 0.3);
    first.cell.setControl('mlp', true);
    const hash = first.sync.linkHash();
    expect(hash).toBe('#/06-controls?c.noise=0.3&c.mlp=true');
    first.sync.close();

    const second = await open(hash.slice(hash.indexOf('?') + 1));
    expect(second.cell.values).toEqual({ size: 500, noise: 0.3, mlp: true });
    expect(second.sync.linkHash()).toBe(hash);
    expect(second.sync.notices.map((n) => n.text).join(' ')).toMatch(/Opened a shared link: “c”/);
    second.sync.close();
  });

  it('a link keeps the code the reader has (links never carry code)', async () => {
    const first = await open();
    first.cell.setCode('return 2;');
    first.sync.applyLink('c.noise=0.2');
    expect([first.cell.code, first.cell.values.noise]).toEqual(['return 2;', 0.2]);
    first.sync.close();
  });

  it('a bad link value is named with the range in percent; the other values still apply', async () => {
    const { cell, sync } = await open('c.noise=1.2&c.size=700&c.sise=3');
    expect(cell.values).toEqual({ size: 700, noise: 0.12, mlp: false });
    const text = sync.notices.map((n) => n.text).join(' ');
    expect(text).toContain('Share of wrong labels (noise): must be between 0% and 50%, got 120%');
    expect(text).toContain(
      "The link's values for cell “c”: sise: this cell has no control “sise” (it has: size, noise, mlp)",
    );
    expect(text).toContain('(the others were applied)');
    sync.close();
  });
});
