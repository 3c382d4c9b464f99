// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import LineTable from '../../src/ui/LineTable.svelte';
import MatrixTable from '../../src/ui/MatrixTable.svelte';
import PlaygroundTable from '../../src/ui/PlaygroundTable.svelte';
import PlotHost from '../../src/ui/PlotHost.svelte';
import WorthReport from '../../src/ui/WorthReport.svelte';
import { linePlot } from '../../src/ui/plots/linePlot.ts';
import { fakeWorth } from '../state/worthFixture.ts';

afterEach(cleanup);

/** The table's cells, row by row, header cells included. */
const cells = (table: HTMLElement) =>
  [...table.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim()));

describe('<LineTable>', () => {
  it('one row per x (sorted, from every series), one column per series; a missing point is "—"', () => {
    render(LineTable, {
      series: [
        {
          name: 'clean',
          key: 'clean',
          color: '#000',
          points: [
            { x: 100, y: 0.9 },
            { x: 50, y: 0.8 },
          ],
        },
        {
          name: 'noisy',
          key: 'noisy',
          color: '#000',
          points: [
            { x: 50, y: 0.7 },
            { x: 200, y: Number.NaN },
          ],
        },
      ],
      caption: 'Accuracy by size',
      xTitle: 'Training rows',
      xFormat: (v: number) => `${v} rows`,
    });
    const table = screen.getByRole('table', { name: 'Accuracy by size' });
    expect(cells(table)).toEqual([
      ['Training rows', 'clean', 'noisy'],
      ['50 rows', '80.0%', '70.0%'],
      ['100 rows', '90.0%', '—'],
      ['200 rows', '—', '—'],
    ]);
    expect(table.closest('details')?.classList.contains('data-table')).toBe(true);
  });

  it('with no series, an empty body', () => {
    render(LineTable, { series: [], caption: 'Nothing', xTitle: 'x', xFormat: String });
    expect(cells(screen.getByRole('table', { name: 'Nothing' }))).toEqual([['x']]);
  });
});

describe('<MatrixTable>', () => {
  it('K×K counts, row-major, rows the row labeler, columns the column labeler; the diagonal in bold', () => {
    render(MatrixTable, {
      counts: [5, 1, 0, 2, 7, 3, 0, Number.NaN, 9],
      classNames: ['cat', 'dog', 'fox'],
      rowLabel: 'labeler A',
      columnLabel: 'labeler B',
      caption: 'Original instructions',
    });
    const table = screen.getByRole('table', { name: /Original instructions: items by labeler A’s label/ });
    expect(cells(table)).toEqual([
      ['labeler A ↓ · labeler B →', 'cat', 'dog', 'fox'],
      ['cat', '5', '1', '0'],
      ['dog', '2', '7', '3'],
      ['fox', '0', '—', '9'],
    ]);
    expect([...table.querySelectorAll('td.agree strong')].map((s) => s.textContent)).toEqual(['5', '7', '9']);
  });

  it('a single class: one cell', () => {
    render(MatrixTable, { counts: [4], classNames: ['only'], rowLabel: 'A', columnLabel: 'B', caption: 'One' });
    expect(cells(screen.getByRole('table'))).toEqual([
      ['A ↓ · B →', 'only'],
      ['only', '4'],
    ]);
  });
});

describe('<PlaygroundTable>', () => {
  const props = () => ({
    points: Float32Array.from([-1, 1, 1, -1, 0.5, 0.5]),
    given: Int32Array.from([0, 0, 1]),
    truth: Int32Array.from([0, 1, 1]),
    classNames: ['class A', 'class B'],
    bounds: { x: [-2, 2] as const, y: [-2, 2] as const },
    // 2 × 2 grid, row-major from the top-left: class A on the left, class B on the right.
    grid: { nx: 2, ny: 2, probabilities: Float32Array.from([0.9, 0.1, 0.2, 0.8, 0.7, 0.3, 0.4, 0.6]) },
    brush: 1,
    onpoint: vi.fn(),
    onadd: vi.fn(),
  });

  it('lists every point: coordinates, given and true label (wrong ones marked), the model’s prediction there', () => {
    render(PlaygroundTable, props());
    expect(cells(screen.getByRole('table'))).toEqual([
      ['Point', 'x', 'y', 'Given label', 'True label', 'Model predicts', 'Change'],
      ['1', '-1.00', '1.00', 'class A', 'class A', 'class A', 'Relabel point 1 as class B'],
      ['2', '1.00', '-1.00', 'class A (wrong)', 'class B', 'class B', 'Fix point 2'],
      ['3', '0.50', '0.50', 'class B', 'class B', 'class B', 'Relabel point 3 as class B'],
    ]);
  });

  it('before the first fit there is no prediction column', () => {
    render(PlaygroundTable, { ...props(), grid: null });
    expect(screen.queryByRole('columnheader', { name: 'Model predicts' })).toBeNull();
  });

  it('each point’s button does what a click on the point does; relabelling to its own class is disabled', async () => {
    const p = props();
    render(PlaygroundTable, p);
    await fireEvent.click(screen.getByRole('button', { name: 'Fix point 2' }));
    expect(p.onpoint).toHaveBeenCalledWith(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Relabel point 1 as class B' }));
    expect(p.onpoint).toHaveBeenLastCalledWith(0);
    expect((screen.getByRole('button', { name: 'Relabel point 3 as class B' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('adds a point at the typed coordinates, only inside the bounds', async () => {
    const p = props();
    render(PlaygroundTable, p);
    const add = screen.getByRole('button', { name: 'Add a point of class B' }) as HTMLButtonElement;
    await fireEvent.input(screen.getByLabelText('x'), { target: { value: '1.5' } });
    await fireEvent.input(screen.getByLabelText('y'), { target: { value: '-0.25' } });
    await tick();
    await fireEvent.submit(add.form!);
    expect(p.onadd).toHaveBeenCalledWith(1.5, -0.25);
    await fireEvent.input(screen.getByLabelText('x'), { target: { value: '3' } });
    await tick();
    expect(add.disabled).toBe(true);
  });
});

describe('chart alternatives in place', () => {
  it('<PlotHost label> names its chart as a group (aria-label needs a role on a div)', () => {
    const draw = (document: Document) =>
      linePlot([], { document, title: 'Empty', xTitle: 'x', yTitle: 'y', xFormat: String });
    render(PlotHost, { render: draw, label: 'Learning curve' });
    expect(screen.getByRole('group', { name: 'Learning curve' }).querySelector('svg[role="img"]')).not.toBeNull();
  });

  it('<WorthReport> puts a data table beside each of its three charts', () => {
    render(WorthReport, { worth: fakeWorth() });
    const curve = within(screen.getByTestId('worth-curve')).getByRole('table');
    expect(cells(curve)).toEqual([
      [
        'Training rows (per fold)',
        'as labelled, estimated on true labels',
        'as labelled, scored against the labels as given',
        'after cleaning (nested), estimated on true labels',
      ],
      ['18', '88.0%', '85.0%', '—'],
      ['36', '93.0%', '90.0%', '—'],
      ['71', '96.0%', '93.0%', '—'],
      ['142', '97.5%', '95.0%', '99.0%'],
    ]);
    const matrix = within(screen.getByTestId('worth-matrix')).getByRole('table');
    expect(cells(matrix)[0]).toEqual(['Given ↓ · True →', 'cultivar_1', 'cultivar_2', 'cultivar_3']);
    expect(cells(matrix)[1]).toEqual(['cultivar_1', '97.0%', '2.5%', '2.0%']);
    const sensitivity = within(screen.getByTestId('worth-sensitivity')).getByRole('table');
    expect(cells(sensitivity).map((row) => row[0])).toEqual(['Share of wrong labels (estimated)', '4%', '13%', '22%']);
  });
});
