// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import LessonTools from '../../src/ui/LessonTools.svelte';
import CellTools from '../../src/ui/CellTools.svelte';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { LessonState } from '../../src/state/lessonState.svelte.ts';
import { LessonSync } from '../../src/state/lessonSync.svelte.ts';
import { CurveCellState } from '../../src/state/curveCell.svelte.ts';
import { createMemoryNotebookStore } from '../../src/state/notebookStore.ts';
import type { CellDeps } from '../../src/state/cellDeps.ts';

const lesson = parseLesson(
  `---
title: Test
summary: For the tools.
---
\`\`\`cell curve
id: curve
sizes: [50, 100]
n0: 50
\`\`\`
`,
  'lessons/07-tools.md',
);

const never = () => new Promise<never>(() => {});
const deps: CellDeps = {
  trainer: { runTrial: never, fitToy: never, predictHeldOut: never, fitAndEvaluate: never },
  loadDataset: never,
};

async function setup(copyText?: (text: string) => Promise<void>) {
  const state = new LessonState(lesson, deps);
  const copied: string[] = [];
  const sync = new LessonSync(state, {
    store: createMemoryNotebookStore(),
    saveDelayMs: 0,
    href: (hash) => `http://example.test/sub/path/${hash}`,
    copyText:
      copyText ??
      (async (text) => {
        copied.push(text);
      }),
  });
  await sync.open();
  return { state, sync, copied, curve: state.cells.curve as CurveCellState };
}

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
};

afterEach(cleanup);

describe('<CellTools> and <LessonTools>', () => {
  it('Copy link copies the cell’s link with its parameters and seed, and shows it in a field', async () => {
    const { sync, copied, curve } = await setup();
    curve.setParams({ seed: 3, noise: 0.2 });
    render(CellTools, { id: 'curve', sync });
    await fireEvent.click(screen.getByRole('button', { name: /Copy link: this cell/ }));
    await settle();
    const link = 'http://example.test/sub/path/#/07-tools?curve.noise=0.2&curve.seed=3';
    expect(copied).toEqual([link]);
    expect((screen.getByTestId('share-link') as HTMLInputElement).value).toBe(link);
    expect(screen.getByTestId('copy-outcome').textContent).toBe('Copied.');
  });

  it('without a clipboard the link is still shown, with what to do', async () => {
    const { sync } = await setup(() => Promise.reject(new Error('permission denied')));
    render(LessonTools, { sync });
    await fireEvent.click(screen.getByRole('button', { name: /Copy link to lesson/ }));
    await settle();
    expect((screen.getByTestId('share-link') as HTMLInputElement).value).toBe(
      'http://example.test/sub/path/#/07-tools',
    );
    expect(screen.getByTestId('copy-outcome').textContent).toMatch(
      /Could not copy \(permission denied\): select the link and copy it/,
    );
  });

  it('Reset lesson asks first; keeping changes nothing, confirming brings back the lesson’s parameters', async () => {
    const { sync, curve } = await setup();
    curve.setParams({ seed: 3, seeds: 2 });
    render(LessonTools, { sync });
    await fireEvent.click(screen.getByRole('button', { name: 'Reset lesson' }));
    expect(screen.getByTestId('confirm-reset-lesson').textContent).toMatch(/what you did in them[^]*is\s+discarded/);
    await fireEvent.click(screen.getByRole('button', { name: 'Keep my work' }));
    expect(curve.params.seed).toBe(3);
    await fireEvent.click(screen.getByRole('button', { name: 'Reset lesson' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(curve.params.seed).toBe(0);
    expect(curve.params.seeds).toBe(5);
  });

  it('shows link problems as alerts naming the parameter', async () => {
    const state = new LessonState(lesson, deps);
    const sync = new LessonSync(state, {});
    sync.applyLink('curve.seeds=0');
    await sync.open();
    render(LessonTools, { sync });
    expect(screen.getByRole('alert').textContent).toMatch(/curve\.seeds: must be a whole number from 1 to 20, got 0/);
    expect(screen.getByText(/Not kept: this browser offers no storage/)).toBeTruthy();
  });
});
