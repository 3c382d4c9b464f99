// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import YourDataPage from '../../src/ui/YourData.svelte';
import WorthReport from '../../src/ui/WorthReport.svelte';
import { YourData, type YourDataDeps } from '../../src/state/yourData.svelte.ts';
import { cleanedCsv, importTable } from '../../src/workers/tableApi.ts';
import type { TabularProgress, TabularWorth } from '../../src/workers/protocol.ts';
import { fakeWorth } from '../state/worthFixture.ts';

const settle = async () => {
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
};

const CSV =
  'size,colour,label\n' +
  Array.from({ length: 20 }, (_, i) => `${i % 7},${i % 2 ? 'red' : 'blue'},${i % 3 ? 'a' : 'b'}`).join('\n');

function page(worth: TabularWorth) {
  let progress: ((p: TabularProgress) => void) | undefined;
  let finish: (() => void) | undefined;
  const deps: YourDataDeps = {
    importer: {
      importTable: async (bytes, options, onProgress) => importTable(bytes, options, onProgress),
      cleanedCsv: async (request) => cleanedCsv(request),
    },
    loadExample: async () => new Uint8Array(),
    analyser: {
      analyseTable: (_request, options = {}) =>
        new Promise((resolve) => {
          progress = options.onProgress;
          finish = () => resolve(worth);
        }),
    },
  };
  const data = new YourData(deps);
  render(YourDataPage, { data });
  return { data, progress: (p: TabularProgress) => progress!(p), finish: () => finish!() };
}

afterEach(cleanup);

describe('<YourData> Analyse section and <WorthReport>', () => {
  it('Analyse shows progress in fits, then the report: headline, interval, figures, method, caveats, suspected rows', async () => {
    const { data, progress, finish } = page(fakeWorth({ suspects: 3 }));
    await data.importText(CSV);
    await settle();
    await fireEvent.click(screen.getByRole('button', { name: 'Analyse' }));
    progress({ done: 7, total: 35 });
    await settle();
    expect(screen.getByTestId('analyse-progress').textContent).toMatch(/7 \/ 35 fits/);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    finish();
    await settle();
    expect(screen.getByTestId('worth-headline').textContent).toMatch(/Fixing the ~3 suspected labels is worth/);
    expect(screen.getByTestId('worth-interval').textContent).toMatch(/90% interval: 2\.0% to 7\.0%/);
    expect(screen.getByTestId('worth-now').textContent).toMatch(
      /97\.5%.*interval 95\.0% to 99\.0%.*95\.0% against the labels as given/s,
    );
    expect(screen.getByTestId('worth-after').textContent).toMatch(
      /99\.0%.*\+1\.5 points \(90% interval \+0\.4 to \+3\.0\)/s,
    );
    expect(screen.getByTestId('worth-method').querySelectorAll('li').length).toBe(7);
    expect(screen.getByTestId('worth-model').textContent).toMatch(
      /Model: logistic regression \(C = 1\), chosen from 2 settings/,
    );
    // The noise by class: a table and a heat map with its data table.
    const byClass = within(screen.getByTestId('worth-class-noise')).getAllByRole('row');
    expect(byClass.map((r) => [...r.children].map((c) => c.textContent?.trim()).join(' '))).toEqual([
      'True class Labelled as another class',
      'cultivar_1 3.0%',
      'cultivar_2 5.0%',
      'cultivar_3 4.0%',
    ]);
    expect(document.querySelectorAll('svg.matrix-plot')).toHaveLength(1);
    expect(screen.getByTestId('worth-caveats').textContent).toMatch(/assumed wrong at random/);
    // On the data page the suspected rows are the review list's rows.
    expect(screen.queryByTestId('suspected-rows')).toBeNull();
    const rows = within(screen.getByTestId('table-review')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-position'))).toEqual(['10', '12', '14']);
    expect(rows.map((r) => r.querySelector('.given')?.textContent?.trim())).toEqual([
      'cultivar_1',
      'cultivar_2',
      'cultivar_3',
    ]);
    expect(rows.map((r) => r.querySelector('.score')?.textContent?.trim())).toEqual(['0.01', '0.02', '0.03']);
    expect(document.querySelectorAll('svg.line-plot')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Analyse again' })).toBeTruthy();
  });

  it('on its own (a lesson), lists 50 suspected rows, then "show more"', async () => {
    render(WorthReport, { worth: fakeWorth({ suspects: 120, rows: 300 }) });
    const rows = within(screen.getByTestId('suspected-rows')).getAllByTestId('suspect');
    expect(rows).toHaveLength(50);
    expect(Array.from(rows[1]!.querySelectorAll('td'), (td) => td.textContent)).toEqual([
      '12',
      'cultivar_2',
      'cultivar_3',
      '0.020',
    ]);
    await fireEvent.click(screen.getByRole('button', { name: /Show more \(70 left\)/ }));
    expect(screen.getAllByTestId('suspect')).toHaveLength(100);
    expect(screen.queryByTestId('chart-save')).toBeNull();
  });

  it('with many classes the noise matrix goes under the per-class table, so it gets the whole width', async () => {
    const few = fakeWorth();
    render(WorthReport, { worth: few });
    const beside = screen.getByTestId('worth-matrix').parentElement!;
    expect(beside.classList.contains('by-class')).toBe(true);
    expect(beside.classList.contains('stacked')).toBe(false);
    cleanup();

    const k = 8;
    const names = Array.from({ length: k }, (_, j) => `disease-${j + 1}`);
    const matrix = Array.from({ length: k * k }, (_, at) => (at % (k + 1) === 0 ? 0.93 : 0.01));
    const many: TabularWorth = {
      ...few,
      classNames: names,
      noise: {
        ...few.noise,
        classes: { ...few.noise.classes, flipRates: names.map(() => 0.07), matrix, priors: names.map(() => 1 / k) },
      },
    };
    render(WorthReport, { worth: many });
    const stacked = screen.getByTestId('worth-matrix').parentElement!;
    expect(stacked.classList.contains('stacked')).toBe(true);
    const rows = within(screen.getByTestId('worth-class-noise')).getAllByRole('row');
    expect(rows).toHaveLength(k + 1);
    expect(rows.at(-1)!.textContent).toMatch(/disease-8\s*7\.0%/);
  });

  it('on the data page, the review list shows 50 rows, then the next 50', async () => {
    const { data, finish } = page(fakeWorth({ suspects: 120, rows: 300 }));
    await data.importText(CSV);
    await settle();
    await fireEvent.click(screen.getByRole('button', { name: 'Analyse' }));
    finish();
    await settle();
    const review = screen.getByTestId('table-review');
    expect(within(review).getAllByRole('row')).toHaveLength(51);
    await fireEvent.click(within(review).getByRole('button', { name: 'Show 50 more' }));
    expect(within(review).getAllByRole('row')).toHaveLength(101);
    // Learning curve, noise sensitivity, noise matrix.
    expect(screen.getAllByTestId('chart-save')).toHaveLength(3);
  });

  it('a changed choice marks the report out of date; a table with errors disables Analyse and says why', async () => {
    const { data, finish } = page(fakeWorth());
    await data.importText(CSV);
    await settle();
    await fireEvent.click(screen.getByRole('button', { name: 'Analyse' }));
    finish();
    await settle();
    data.include(1, false);
    await settle();
    expect(screen.getByTestId('analyse-stale').textContent).toMatch(/Out of date/);
    data.setLabel(0);
    await settle();
    expect(screen.getByTestId('analyse-blocked').textContent).toMatch(/first:/);
    expect((screen.getByRole('button', { name: 'Analyse again' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
