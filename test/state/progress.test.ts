// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { Progress, checkKey, hasRun, trackProgress } from '../../src/state/progress.svelte.ts';
import { createMemoryProgressStore, progressRecord } from '../../src/state/progressStore.ts';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { lessonOutline } from '../../src/notebook/lessonOutline.ts';
import { CurveCellState, type TrialRunner } from '../../src/state/curveCell.svelte.ts';
import { CURVE_DEFAULTS } from '../../src/notebook/cellSchemas.ts';

const lesson = lessonOutline(
  parseLesson(
    [
      '---',
      'title: Progress',
      'summary: Two cells and a check.',
      '---',
      '```cell curve',
      'id: a',
      '```',
      '```cell playground',
      'id: b',
      '```',
      '```check',
      'question: Q?',
      'answer: "{{a.factor}}"',
      '```',
      '',
    ].join('\n'),
    'lessons/97-progress.md',
  ),
);

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('Progress', () => {
  it('summary(lesson) counts the lesson’s cells run and checks answered right', () => {
    const progress = new Progress();
    expect(progress.summary(lesson)).toEqual({ ran: 0, cells: 2, right: 0, checks: 1, complete: false });
    progress.markRan('97-progress', 'a');
    progress.markRan('97-progress', 'a');
    progress.markRan('97-progress', 'gone'); // a cell the lesson no longer has does not count
    expect(progress.summary(lesson)).toMatchObject({ ran: 1, cells: 2 });
    progress.markRan('97-progress', 'b');
    progress.markRight('97-progress', checkKey(11));
    expect(progress.summary(lesson)).toEqual({ ran: 2, cells: 2, right: 1, checks: 1, complete: true });
  });

  it('keeps each change in its store, and a new Progress on that store reads it back', async () => {
    const store = createMemoryProgressStore();
    const progress = new Progress();
    await progress.useStore(store);
    progress.markRan('97-progress', 'a');
    progress.markRight('97-progress', 'check@11');
    await flush();
    expect(store.records.get('97-progress')).toEqual({ ran: ['a'], right: ['check@11'] });
    const again = new Progress();
    await again.useStore(store);
    expect(again.of('97-progress')).toEqual({ ran: ['a'], right: ['check@11'] });
  });

  it('useStore merges what was marked before the store answered with what it holds', async () => {
    const store = createMemoryProgressStore();
    await store.save('97-progress', { ran: ['a'], right: [] });
    const progress = new Progress();
    progress.markRan('97-progress', 'b');
    await progress.useStore(store);
    expect([...progress.of('97-progress').ran].sort()).toEqual(['a', 'b']);
  });

  it('a store that fails leaves progress on the page and says why', async () => {
    const progress = new Progress();
    await progress.useStore({
      loadAll: () => Promise.reject(new Error('no IndexedDB')),
      save: () => Promise.reject(new Error('quota')),
    });
    expect(progress.failed).toBe('no IndexedDB');
    progress.markRan('x', 'a');
    await flush();
    expect(progress.of('x').ran).toEqual(['a']);
    expect(progress.failed).toBe('quota');
  });
});

describe('progressRecord(value)', () => {
  it('takes a stored record, and refuses anything else', () => {
    expect(progressRecord({ ran: ['a'], right: ['check@3'] })).toEqual({ ran: ['a'], right: ['check@3'] });
    expect(progressRecord({ ran: ['a'] })).toEqual({ ran: ['a'], right: [] });
    expect(progressRecord({ ran: [1] })).toBeNull();
    expect(progressRecord(null)).toBeNull();
    expect(progressRecord('x')).toBeNull();
  });
});

describe('hasRun(status) and trackProgress(slug, cells, progress)', () => {
  it('a cell counts once it has finished a run, also when out of date since', () => {
    expect(hasRun({ kind: 'done', runId: 1, seconds: 1 })).toBe(true);
    expect(hasRun({ kind: 'stale', previous: 'done' })).toBe(true);
    expect(hasRun({ kind: 'stale', previous: 'error' })).toBe(false);
    expect(hasRun({ kind: 'idle', note: null })).toBe(false);
    expect(hasRun({ kind: 'error', runId: 1, message: 'x' })).toBe(false);
  });

  it('marks each cell as it finishes, and stops when told', async () => {
    const progress = new Progress();
    const runner: TrialRunner = {
      runTrial: async (spec) => ({
        spec,
        accuracy: 0.9,
        accuracyNoisyTest: null,
        trainAccuracyGiven: 1,
        trainAccuracyTrue: 1,
        iterations: 1,
        converged: true,
        milliseconds: 1,
        backend: 'test',
      }),
    };
    const curve = (id: string) =>
      new CurveCellState(
        {
          type: 'curve',
          id,
          title: '',
          line: 1,
          params: { ...CURVE_DEFAULTS, sizes: [50, 100], seeds: 1, n0: 50 },
          presets: [],
        },
        runner,
      );
    const a = curve('a');
    const b = curve('b');
    const stop = trackProgress('97-progress', { a, b }, progress);
    flushSync();
    expect(progress.of('97-progress').ran).toEqual([]);
    await a.run();
    flushSync();
    expect(a.status.kind).toBe('done');
    expect(progress.of('97-progress').ran).toEqual(['a']);
    stop();
    await b.run();
    flushSync();
    expect(progress.of('97-progress').ran).toEqual(['a']);
  });
});
