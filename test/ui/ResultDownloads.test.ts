// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import ResultDownloads from '../../src/ui/ResultDownloads.svelte';
import type { ResultTable } from '../../src/engine/csvText.ts';
import type { CellResultJson } from '../../src/state/cellResults.ts';

afterEach(cleanup);

describe('<ResultDownloads>', () => {
  const table: ResultTable = { name: 'curve', columns: ['size', 'name'], rows: [[50, 'a,b']] };
  const json: CellResultJson = {
    generator: 'Data-Centric Lab',
    cell: { id: 'curve', type: 'curve', title: '' },
    params: { seeds: 1 },
    outputs: { factor: 3.2 },
    outOfDate: false,
    result: { sizes: new Int32Array([50]) },
  };

  it('before a result: the buttons are there but disabled', () => {
    render(ResultDownloads, { id: 'curve', slug: '01-x', source: { resultTables: () => [], resultJson: () => null } });
    expect(screen.getAllByRole('button').every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
  });

  it('saves the table as CSV and the results as JSON, named after the lesson and the cell', async () => {
    const saved: { text: string; filename: string; type: string }[] = [];
    render(ResultDownloads, {
      id: 'curve',
      slug: '01-x',
      source: { resultTables: () => [table], resultJson: () => json },
      save: (text: string, filename: string, type: string) => saved.push({ text, filename, type }),
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Download results as CSV' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Download results as JSON' }));
    expect(saved[0]).toEqual({ text: 'size,name\r\n50,"a,b"\r\n', filename: '01-x-curve.csv', type: 'text/csv' });
    expect(saved[1]!.filename).toBe('01-x-curve.json');
    expect(saved[1]!.type).toBe('application/json');
    expect(JSON.parse(saved[1]!.text)).toEqual({
      lesson: '01-x',
      ...json,
      result: { sizes: [50] },
    });
  });

  it('several tables: one CSV button each, the file named after the table', async () => {
    const saved: string[] = [];
    render(ResultDownloads, {
      id: 'review',
      slug: '04-x',
      source: {
        resultTables: () => [table, { ...table, name: 'budget curve' }],
        resultJson: () => json,
      },
      save: (_text: string, filename: string) => saved.push(filename),
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Download CSV: budget curve' }));
    expect(saved).toEqual(['04-x-review-budget-curve.csv']);
  });
});
