// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import YourDataPage from '../../src/ui/YourData.svelte';
import { YourData, type YourDataDeps } from '../../src/state/yourData.svelte.ts';
import { cleanedCsv, importTable } from '../../src/workers/tableApi.ts';

const deps: YourDataDeps = {
  importer: {
    importTable: async (bytes, options, onProgress) => importTable(bytes, options, onProgress),
    cleanedCsv: async (request) => cleanedCsv(request),
  },
  loadExample: async () => {
    throw new Error('HTTP 404');
  },
};

const settle = async () => {
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
};

const note = (i: number) => `"a fairly long free text note, number ${i}, about this row"`;
const CSV = [
  'weight,colour,comment,species',
  ...Array.from(
    { length: 12 },
    (_, i) => `${(i * 7) % 5}.5,${i % 2 ? 'red' : 'blue'},${note(i)},${i < 8 ? 'cat' : 'dog'}`,
  ),
  '1.5,red',
].join('\n');

async function pasted(text: string) {
  const data = new YourData(deps);
  render(YourDataPage, { data });
  await fireEvent.input(screen.getByLabelText('Paste CSV'), { target: { value: text } });
  await fireEvent.click(screen.getByRole('button', { name: 'Import pasted text' }));
  await settle();
  return data;
}

afterEach(cleanup);

describe('<YourData>', () => {
  it('says the data never leaves the browser, and shows no profile before an import', () => {
    render(YourDataPage, { data: new YourData(deps) });
    expect(screen.getByTestId('privacy').textContent).toMatch(/nothing is uploaded/);
    expect(screen.queryByTestId('profile')).toBeNull();
  });

  it('paste → the profile shows rows, column types, the free-text column left out, and the class balance', async () => {
    await pasted(CSV);
    const profile = screen.getByTestId('profile');
    expect(within(profile).getByTestId('stat-rows').textContent).toBe('12');
    expect(within(profile).getByTestId('stat-columns').textContent).toBe('4');
    expect(within(profile).getByTestId('stat-features').textContent).toBe('2');
    const row = (name: string) => profile.querySelector(`tr[data-column="${name}"]`) as HTMLElement;
    expect(row('weight').textContent).toContain('numeric');
    expect(row('colour').textContent).toContain('categorical');
    expect(row('comment').textContent).toContain('free text');
    expect(row('comment').textContent).toMatch(/left out/);
    expect((within(row('comment')).getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
    expect((within(row('weight')).getByRole('checkbox') as HTMLInputElement).checked).toBe(true);
    expect(row('species').textContent).toContain('label');
    const select = within(profile).getByRole('combobox', { name: /predict/ }) as HTMLSelectElement;
    expect(select.selectedOptions[0]!.textContent).toBe('species');
    const balance = within(profile).getByRole('list', { name: 'Class balance' });
    expect(
      within(balance)
        .getAllByTestId('class-count')
        .map((e) => e.textContent),
    ).toEqual(['8', '4']);
    expect(balance.querySelector('[data-class="cat"]')?.textContent).toContain('66.7%');
  });

  it('lists the ragged row as a warning with its row number', async () => {
    await pasted(CSV);
    const warning = screen.getByRole('region', { name: 'Warnings' });
    expect(within(warning).getByTestId('problem-row').textContent).toBe('row 14');
    expect(warning.textContent).toMatch(/set aside/);
  });

  it('ticking a left-out column includes it', async () => {
    const data = await pasted(CSV);
    const box = screen.getByRole('checkbox', { name: 'Include comment' });
    await fireEvent.click(box);
    expect(data.columns[2]!.included).toBe(true);
    expect(screen.getByTestId('stat-features').textContent).toBe('3');
  });

  it('a many-valued numeric label shows the regression warning; picking another column clears it', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'a' : 'b'},${(i * 13) % 40}.25`).join('\n');
    await pasted(`kind,price\n${rows}\n`);
    const warning = screen.getByTestId('regression-warning');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toMatch(/looks like a regression target/);
    expect(warning.textContent).toMatch(/Pick another column/);
    await fireEvent.change(screen.getByRole('combobox', { name: /predict/ }), { target: { value: '0' } });
    expect(screen.queryByTestId('regression-warning')).toBeNull();
    expect(screen.getByTestId('ready').textContent).toMatch(/ready/);
  });

  it('rare classes offer Drop, which removes their rows', async () => {
    const data = await pasted(
      'x,y\n' + ['3,a', '1,a', '4,a', '1,a', '5,a', '9,b', '2,b', '6,b', '5,b', '3,b', '5,c'].join('\n'),
    );
    const rare = screen.getByTestId('rare-classes');
    expect(rare.textContent).toMatch(/"c" \(1 row\)/);
    await fireEvent.click(within(rare).getByRole('button', { name: 'Drop these classes' }));
    expect(data.table?.cells.rowCount).toBe(10);
    expect(screen.queryByTestId('rare-classes')).toBeNull();
    expect(screen.getByText(/Dropped class "c": 1 row removed/)).toBeTruthy();
  });

  it('a failed import shows the error as an alert and keeps the previous profile', async () => {
    await pasted(CSV);
    await fireEvent.input(screen.getByLabelText('Paste CSV'), { target: { value: 'a,b,c\n' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Import pasted text' }));
    await settle();
    const alert = within(screen.getByTestId('import-failed')).getByRole('alert');
    expect(alert.textContent).toMatch(/Could not use pasted text\. Still showing pasted text below/);
    expect(alert.textContent).toMatch(/header .* but no data rows/);
    expect(screen.getByTestId('stat-rows').textContent).toBe('12');
  });

  it('the analysis settings: a folds value out of range is named and not applied', async () => {
    const analysing: YourDataDeps = { ...deps, analyser: { analyseTable: () => new Promise(() => {}) } };
    const data = new YourData(analysing);
    render(YourDataPage, { data });
    await data.importText(CSV);
    await settle();
    const settings = screen.getByTestId('analysis-settings');
    await fireEvent.input(within(settings).getByLabelText('Folds'), { target: { value: '1' } });
    expect(within(settings).getByRole('alert').textContent).toBe(
      'Folds must be a whole number from 2 to 20; still using 5.',
    );
    expect(data.folds).toBe(5);
    await fireEvent.input(within(settings).getByLabelText('Folds'), { target: { value: '3' } });
    expect(data.folds).toBe(3);
    expect(within(settings).queryByRole('alert')).toBeNull();
    await fireEvent.change(within(settings).getByLabelText('Model'), { target: { value: 'mlp' } });
    expect(data.model).toBe('mlp');
    await fireEvent.input(within(settings).getByLabelText('Seed'), { target: { value: '2.5' } });
    expect(within(settings).getByRole('alert').textContent).toMatch(/seed must be a whole number.*still using 0/);
  });
});
