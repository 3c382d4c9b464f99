// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import WorthCell from '../../src/ui/WorthCell.svelte';
import { WorthCellState } from '../../src/state/worthCell.svelte.ts';
import { WORTH_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import type { WorthCellSpec, WorthParams } from '../../src/notebook/types.ts';
import type { TableFiles } from '../../src/state/cellDeps.ts';
import { importTable } from '../../src/workers/tableApi.ts';
import type { TableAnalysisRequest, TabularProgress, TabularWorth } from '../../src/workers/protocol.ts';
import { fakeWorth } from '../state/worthFixture.ts';

const CSV =
  'size,colour,label\n' +
  Array.from({ length: 20 }, (_, i) => `${i % 7},${i % 2 ? 'red' : 'blue'},${i % 3 ? 'a' : 'b'}`).join('\n');

const spec = (patch: Partial<WorthParams> = {}): WorthCellSpec => ({
  type: 'worth',
  id: 'known',
  title: 'The Worth report on wine',
  line: 1,
  params: { ...WORTH_DEFAULTS, file: 'wine.csv', label: 'label', ...patch },
});

const settle = async () => {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
};

function mount(patch: Partial<WorthParams> = {}) {
  const calls: {
    request: TableAnalysisRequest;
    progress?: (p: TabularProgress) => void;
    finish(w: TabularWorth): void;
  }[] = [];
  const tables: TableFiles = {
    analyser: {
      analyseTable: (request, options = {}) =>
        new Promise((resolve) => calls.push({ request, progress: options.onProgress, finish: resolve })),
    },
    importer: { importTable: async (bytes) => importTable(bytes) },
    loadFile: async () => new TextEncoder().encode(CSV),
  };
  const cell = new WorthCellState(spec(patch), tables, () => 0);
  const view = render(WorthCell, { cell });
  const section = () => view.container.querySelector<HTMLElement>('[data-cell-id="known"]')!;
  return { cell, calls, section, ...view };
}

const injected = (): TabularWorth => {
  const worth = fakeWorth({ suspects: 3 });
  return {
    ...worth,
    baseline: { ...worth.baseline, truth: 0.97 },
    afterCleaning: { ...worth.afterCleaning, truth: 0.985 },
    injected: {
      rate: 0.1,
      kind: 'uniform',
      flipped: Int32Array.from([8, 10, 30, 40, 50]),
      flippedRows: [10, 12, 32, 42, 52],
      trueNoiseRate: 5 / 178,
      flags: { flagged: 3, truePositives: 2, precision: 2 / 3, recall: 0.4, f1: 0.5 },
    },
  };
};

afterEach(cleanup);

describe('<WorthCell>', () => {
  it('shows the cell’s parameters in a form, ready to run, with the hint', () => {
    const { section } = mount({ injectNoise: 0.1, folds: 4 });
    expect(section().dataset.status).toBe('idle');
    expect(screen.getByRole('heading', { name: 'The Worth report on wine' })).toBeTruthy();
    const form = section().querySelector('form')!;
    expect((form.querySelector('select[name="file"]') as HTMLSelectElement).value).toBe('wine.csv');
    expect((form.querySelector('input[name="label"]') as HTMLInputElement).value).toBe('label');
    expect((form.querySelector('input[name="injectNoise"]') as HTMLInputElement).value).toBe('10');
    expect((form.querySelector('input[name="folds"]') as HTMLInputElement).value).toBe('4');
    const model = form.querySelector('select[name="model"]') as HTMLSelectElement;
    expect(model.value).toBe('auto');
    expect([...model.options].map((o) => o.textContent)).toEqual([
      'Automatic (the better fit)',
      'Logistic regression',
      'Neural net (64 hidden units)',
    ]);
    expect(section().textContent).toMatch(/Press Run to analyse wine\.csv: 4-fold cross-validation/);
  });

  it('Run shows progress in fits, then the Worth report with its headline, method and caveats', async () => {
    const { calls, section } = mount();
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    expect(calls).toHaveLength(1);
    calls[0]!.progress!({ done: 7, total: 35 });
    await settle();
    expect(section().dataset.status).toBe('running');
    expect(screen.getByTestId('progress').textContent).toMatch(/7 \/ 35 fits/);
    expect(screen.getByRole('button', { name: 'Restart' })).toBeTruthy();
    calls[0]!.finish(fakeWorth({ suspects: 3 }));
    await settle();
    expect(section().dataset.status).toBe('done');
    expect(screen.getByTestId('worth-headline').textContent).toMatch(/Fixing the ~3 suspected labels is worth/);
    expect(screen.getByTestId('worth-interval').textContent).toMatch(/90% interval: 2\.0% to 7\.0%/);
    expect(screen.getByTestId('worth-caveats').textContent).toMatch(/assumed wrong at random/);
    expect(screen.getByTestId('worth-meta').textContent).toMatch(
      /wine\.csv · 178 rows · 13 features · label “cultivar”/,
    );
    expect(screen.getByTestId('confused-pair').textContent).toMatch(/1 of the 3 suspected labels swap/);
    expect(screen.queryByTestId('worth-truth')).toBeNull();
  });

  it('with injected noise: the truth beside the estimate', async () => {
    const { calls } = mount({ injectNoise: 0.1 });
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    expect(calls[0]!.request.injectNoise).toBe(0.1);
    calls[0]!.finish(injected());
    await settle();
    expect(screen.getByTestId('worth-truth').textContent).toMatch(/flipped 5 of 178 labels itself/);
    expect(screen.getByTestId('truth-estimate').textContent).toMatch(/4\.0%\s*\(2\.0% to 7\.0%\)/);
    expect(screen.getByTestId('truth-noise').textContent).toBe('2.8%');
    expect(screen.getByTestId('truth-hits').textContent).toBe('2');
    expect(screen.getByTestId('truth-scores').textContent).toBe('66.7% · 40.0%');
    expect(screen.getByTestId('truth-now').textContent).toBe('97.0%');
    // The truth after the report's cleaning, with its change from now.
    expect(screen.getByTestId('truth-after').textContent).toMatch(/^98\.5%\s*\+1\.5 points$/);
    expect(screen.getByTestId('truth-verdict').textContent).toMatch(/lies inside the interval/);
    expect(screen.getByTestId('worth-meta').textContent).toMatch(/10% of the labels flipped first/);
  });

  it('a bad value lists the problem and disables Run; fixing it enables Run again', async () => {
    const { section } = mount();
    const folds = section().querySelector('input[name="folds"]') as HTMLInputElement;
    await fireEvent.input(folds, { target: { value: '1' } });
    expect(screen.getByRole('alert').textContent).toBe('folds: must be a whole number from 2 to 10, got 1');
    expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(folds, { target: { value: '3' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('choosing another table brings its label column into the label field', async () => {
    const { cell, section } = mount({ label: 'cultivar' });
    const select = section().querySelector('select[name="file"]') as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: 'cars.csv' } });
    await settle();
    expect(cell.params).toMatchObject({ file: 'cars.csv', label: 'Origin' });
    expect((section().querySelector('input[name="label"]') as HTMLInputElement).value).toBe('Origin');
  });

  it('a label that is no column of the file fails with the columns listed', async () => {
    const { calls, section } = mount({ label: 'species' });
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    expect(calls).toHaveLength(0);
    expect(section().dataset.status).toBe('error');
    expect(screen.getByTestId('error').textContent).toBe(
      'The analysis failed: "species" is not a column of wine.csv. Its columns are: "size", "colour", "label".',
    );
  });

  it('changing a parameter after a run marks the report out of date; Cancel stops a run', async () => {
    const { calls, section } = mount();
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    calls[0]!.finish(fakeWorth());
    await settle();
    const seed = section().querySelector('input[name="seed"]') as HTMLInputElement;
    await fireEvent.input(seed, { target: { value: '3' } });
    await settle();
    expect(section().dataset.status).toBe('stale');
    expect(screen.getByTestId('worth-result').classList.contains('stale')).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(section().dataset.status).toBe('idle');
    expect(screen.getByTestId('cancelled').textContent).toMatch(/The report below is from the previous run/);
  });
});
