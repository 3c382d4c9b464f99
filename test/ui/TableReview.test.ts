// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import TableReview from '../../src/ui/TableReview.svelte';
import ExportPanel from '../../src/ui/ExportPanel.svelte';
import { YourData, type TabularWorth, type YourDataDeps } from '../../src/state/yourData.svelte.ts';
import { cleanedCsv, importTable } from '../../src/workers/tableApi.ts';
import { fakeWorth } from '../state/worthFixture.ts';

const settle = async () => {
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
};

/** `classes` classes named c1, c2, …, three rows each: spreadsheet rows 2, 3, … cycle through them. */
function tableOf(classes: readonly string[]): string {
  const rows = Array.from({ length: 3 * classes.length }, (_, i) => `${i}.5,${classes[i % classes.length]}`);
  return ['size,label', ...rows].join('\n') + '\n';
}

/** A report on that table flagging rows 2, 3 and 4, each suggesting the next class. */
function flagging(classes: readonly string[]): TabularWorth {
  const worth = fakeWorth({ suspects: 0, rows: 3 * classes.length });
  return {
    ...worth,
    summary: {
      ...worth.summary,
      label: 'label',
      features: ['size'],
      classes: classes.map((name) => ({ name, count: 3 })),
    },
    detection: {
      ...worth.detection,
      flagged: 3,
      issues: [0, 1, 2].map((i) => ({
        position: i,
        row: i + 2,
        given: classes[i]!,
        suggested: classes[(i + 1) % classes.length]!,
        score: 0.05 * (i + 1),
        injected: null,
      })),
    },
  };
}

async function reviewing(classes: readonly string[]) {
  const deps: YourDataDeps = {
    importer: {
      importTable: async (bytes, options, onProgress) => importTable(bytes, options, onProgress),
      cleanedCsv: async (request) => cleanedCsv(request),
    },
    loadExample: async () => {
      throw new Error('HTTP 404');
    },
    analyser: { analyseTable: async () => flagging(classes) },
  };
  const data = new YourData(deps);
  await data.importText(tableOf(classes));
  data.setFolds(2);
  expect(data.analyse()).toBe(true);
  await expect.poll(() => data.analysis?.status.kind).toBe('done');
  const view = render(TableReview, { data, worth: data.analysis!.result!.worth });
  render(ExportPanel, { data });
  return { data, ...view };
}

const rows = () => [...document.querySelectorAll<HTMLElement>('[role="row"][data-rank]')];
const tally = (key: string) => Number(document.querySelector(`[data-tally="${key}"]`)?.textContent);
const press = async (key: string, target: Element = document.activeElement!) => {
  await fireEvent.keyDown(target, { key });
  await settle();
};

afterEach(cleanup);

describe('<TableReview>', () => {
  it('shows the key of every class in the key help, and the class names in the row’s menu', async () => {
    await reviewing(['cat', 'dog', 'bird']);
    const help = screen.getByTestId('class-keys');
    expect(within(help).getByRole('list', { name: 'Relabel as' })).toBeTruthy();
    expect(
      within(help)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['1 cat', '2 dog', '3 bird']);
    expect(screen.getByTestId('review-keys').textContent).toMatch(/arrow keys only choose/);
    const menu = within(rows()[0]!).getByLabelText('Relabel row 1 as') as HTMLSelectElement;
    expect([...menu.options].map((o) => o.textContent)).toEqual(['Relabel…', 'cat (given)', 'dog', 'bird']);
    // The columns show the names alone.
    expect(rows()[0]!.querySelector('.given .class')?.textContent).toBe('cat');
    expect(rows()[0]!.querySelector('.suggested .class')?.textContent).toBe('dog');
  });

  it('a digit key relabels the row as any class, not only the suggested one, and moves on', async () => {
    const { data } = await reviewing(['cat', 'dog', 'bird']);
    const [first, second] = rows();
    first!.focus();
    await press('3'); // row 2 is a cat; the model suggests dog; 3 is bird
    expect(data.review.edits.get(2)).toEqual({ kind: 'relabel', label: 'bird' });
    expect(first!.querySelector('.decision')?.textContent?.trim()).toBe('relabelled → bird');
    expect(document.activeElement).toBe(second);
    await press('4'); // there is no fourth class
    expect(data.review.edits.has(3)).toBe(false);
  });

  it('the class menu only chooses: a change (as the arrow keys make) decides nothing; Enter applies, Escape drops it', async () => {
    const { data } = await reviewing(['cat', 'dog', 'bird']);
    const first = rows()[0]!;
    const menu = within(first).getByLabelText('Relabel row 1 as') as HTMLSelectElement;
    menu.focus();
    await fireEvent.keyDown(menu, { key: 'ArrowDown' });
    await fireEvent.change(menu, { target: { value: '2' } });
    await settle();
    expect(data.review.edits.size).toBe(0);
    expect(menu.value).toBe('2');
    await press('Escape', menu);
    expect(data.review.edits.size).toBe(0);
    expect(document.activeElement).toBe(first);
    expect(menu.value).toBe('');

    await fireEvent.change(menu, { target: { value: '2' } });
    await press('Enter', menu);
    expect(data.review.edits.get(2)).toEqual({ kind: 'relabel', label: 'bird' });
    expect(document.activeElement).toBe(first); // back on the row, so the keys carry on
  });

  it('a relabel back to the row’s given label is a keep: the tallies match what the cleaned CSV changes', async () => {
    const { data } = await reviewing(['cat', 'dog', 'bird']);
    rows()[0]!.focus();
    await press('2'); // row 2: cat → dog
    await press('1'); // row 3: dog → cat
    expect([tally('relabelled'), tally('kept')]).toEqual([2, 0]);
    await press('ArrowUp');
    await press('ArrowUp');
    await press('1'); // row 2 back to cat, its given label
    expect(data.review.edits.get(2)).toEqual({ kind: 'keep' });
    expect(rows()[0]!.getAttribute('data-decision')).toBe('keep');
    expect([tally('reviewed'), tally('relabelled'), tally('kept')]).toEqual([2, 1, 1]);
    expect(screen.getByTestId('export-tally').textContent).toBe(
      '1 label changed, 0 rows removed, 1 label kept as given',
    );
    const file = await data.cleanedCsv({ sourceRow: true, extraColumns: true, acceptUnreviewed: false });
    expect([file!.relabelled, file!.removed]).toEqual([1, 0]);
  });

  it('with more than ten classes, two digits name a class, and the page shows the first one typed', async () => {
    const classes = Array.from({ length: 12 }, (_, i) => `c${i + 1}`);
    const { data } = await reviewing(classes);
    const help = within(screen.getByTestId('class-keys'));
    expect(help.getByRole('list', { name: 'Relabel: type both digits' })).toBeTruthy();
    expect(help.getAllByRole('listitem').map((li) => li.textContent)).toEqual(
      classes.map((c, i) => `${String(i + 1).padStart(2, '0')} ${c}`),
    );
    rows()[0]!.focus();
    await press('1');
    expect(screen.getByTestId('typed-key').textContent).toMatch(/Relabel as 1…/);
    expect(data.review.edits.size).toBe(0);
    await press('2');
    expect(data.review.edits.get(2)).toEqual({ kind: 'relabel', label: 'c12' });
    await press('0');
    await press('Escape'); // cancels the digit typed
    expect(screen.getByTestId('typed-key').textContent?.trim()).toBe('');
    await press('1');
    await press('3'); // "13" is no class: nothing happens
    await press('7'); // nor is a code starting with 7
    expect(data.review.edits.has(3)).toBe(false);
    expect(screen.getByTestId('typed-key').textContent?.trim()).toBe('');
    await press('0');
    await press('9');
    expect(data.review.edits.get(3)).toEqual({ kind: 'relabel', label: 'c9' });
  });
});

describe('<ExportPanel>', () => {
  it('names the source-row column past one the table already has', async () => {
    const data = new YourData({
      importer: {
        importTable: async (bytes, options, onProgress) => importTable(bytes, options, onProgress),
        cleanedCsv: async (request) => cleanedCsv(request),
      },
      loadExample: async () => new Uint8Array(),
    });
    await data.importText('Source_Row,label\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n');
    render(ExportPanel, { data });
    expect(screen.getByTestId('source-row-name').textContent).toBe('source_row_2');
    expect(screen.getByTestId('export').textContent).toMatch(/the header is row 1/);
  });
});
