// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { onAbort } from '../support/onAbort.ts';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import CodeCell from '../../src/ui/CodeCell.svelte';
import { CodeCellState, type CodeRunner, type CodeRunResult } from '../../src/state/codeCell.svelte.ts';
import type { CodeCellSpec } from '../../src/notebook/types.ts';

const spec: CodeCellSpec = { type: 'code', id: 'c', title: 'Try it', line: 1, params: { code: 'return 1;' } };

/** A cell whose runner answers every run with `result` (or never, for null). */
function cellAnswering(result: CodeRunResult | null, options = {}) {
  const runs: string[] = [];
  const runner: CodeRunner = {
    run: (code, { signal } = {}) => {
      runs.push(code);
      return result
        ? Promise.resolve(result)
        : new Promise((_, reject) =>
            onAbort(signal, () => reject(Object.assign(new Error('x'), { name: 'AbortError' }))),
          );
    },
  };
  const cell = new CodeCellState(spec, () => runner, options);
  render(CodeCell, { cell });
  return { cell, runs };
}

async function run() {
  await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
  await new Promise((resolve) => setTimeout(resolve, 0));
  await tick();
}

afterEach(cleanup);

describe('<CodeCell>: edit, run and see the value', () => {
  it('a number shows large, rounded: 1 decimal from 1 up, 3 significant digits below', async () => {
    cellAnswering({ ok: true, value: { kind: 'number', value: 0.9537037 }, logs: [] });
    await run();
    expect(screen.getByTestId('code-number').textContent).toBe('0.954');
  });

  it('a table shows its columns and rows', async () => {
    cellAnswering({
      ok: true,
      value: {
        kind: 'table',
        columns: ['size', 'accuracy'],
        rows: [
          [500, 0.9],
          [1000, null],
        ],
        omitted: 0,
      },
      logs: ['hello'],
    });
    await run();
    const table = screen.getByTestId('code-table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['size', 'accuracy']);
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((tr) => tr.textContent),
    ).toEqual(['50090%', '1,000']); // accuracy in [0, 1]: a rate, in percent
    expect(screen.getByTestId('code-logs').textContent).toBe('hello');
  });

  it('a plot draws an SVG with its data as a table', async () => {
    cellAnswering({
      ok: true,
      value: {
        kind: 'plot',
        plot: {
          type: 'line',
          title: 'Accuracy by size',
          xLabel: 'size',
          yLabel: 'accuracy',
          series: [
            {
              name: 'clean',
              points: [
                { x: 100, y: 0.8 },
                { x: 200, y: 0.9 },
              ],
            },
          ],
        },
      },
      logs: [],
    });
    await run();
    const svg = screen.getByTestId('code-plot').querySelector('svg');
    expect(svg?.querySelector('title')?.textContent).toBe('Accuracy by size');
    expect(svg?.querySelectorAll('.series circle')).toHaveLength(2);
    expect(within(screen.getByTestId('code-plot-table')).getAllByRole('row')).toHaveLength(3);
  });

  it('a bar chart draws one bar per value', async () => {
    cellAnswering({
      ok: true,
      value: {
        kind: 'plot',
        plot: {
          type: 'bar',
          title: 'B',
          xLabel: 'x',
          yLabel: 'y',
          bars: [
            { label: 'a', value: 1 },
            { label: 'b', value: -2 },
          ],
        },
      },
      logs: [],
    });
    await run();
    expect(screen.getByTestId('code-plot').querySelectorAll('svg rect[fill]').length).toBeGreaterThanOrEqual(2);
  });

  it('an error shows its message, its line number and the text of that line', async () => {
    const { cell } = cellAnswering({
      ok: false,
      failure: { kind: 'runtime', message: 'TypeError: x is not a function', line: 2, column: 1 },
      logs: [],
    });
    cell.setCode('const x = 1;\nx();');
    await tick();
    await run();
    const error = screen.getByRole('alert');
    expect(error.textContent).toMatch(/stopped with an error on line 2: TypeError: x is not a function/);
    expect(error.querySelector('pre')?.textContent).toBe('2 | x();');
    expect(cell.code).toBe('const x = 1;\nx();');
  });

  it('a run that returns nothing says to end with return', async () => {
    cellAnswering({ ok: true, value: { kind: 'none' }, logs: [] });
    await run();
    expect(screen.getByTestId('code-none').textContent).toMatch(/returned nothing/);
  });

  it('typing edits the code; Ctrl+Enter runs it; Tab indents; Reset code brings the lesson code back', async () => {
    const { cell, runs } = cellAnswering({ ok: true, value: { kind: 'text', text: 'ok' }, logs: [] });
    const editor = screen.getByLabelText(/JavaScript/) as HTMLTextAreaElement;
    await fireEvent.input(editor, { target: { value: 'return 2;' } });
    expect(cell.code).toBe('return 2;');
    await fireEvent.keyDown(editor, { key: 'Enter', ctrlKey: true });
    expect(runs).toEqual(['return 2;']);
    editor.setSelectionRange(0, 0);
    await fireEvent.keyDown(editor, { key: 'Tab' });
    expect(cell.code).toBe('  return 2;');
    await fireEvent.click(screen.getByRole('button', { name: 'Reset code' }));
    expect(cell.code).toBe('return 1;');
    await tick();
    expect(editor.value).toBe('return 1;');
  });

  it('a run that goes on shows Stop; after slowAfterMs it asks about an endless loop; Stop ends it', async () => {
    const pending: (() => void)[] = [];
    const { cell } = cellAnswering(null, {
      setTimeout: (f: () => void) => pending.push(f),
      clearTimeout: () => {},
      slowAfterMs: 3000,
    });
    await run();
    expect(screen.getByTestId('code-running').textContent).toMatch(/Running/);
    pending.forEach((f) => f());
    await tick();
    expect(screen.getByTestId('code-running').textContent).toMatch(/Still running after 3 s — an endless loop\?/);
    await fireEvent.click(document.querySelector('[data-action="stop-slow"]')!);
    await tick();
    expect(cell.status).toEqual({ kind: 'idle', note: 'cancelled' });
    expect(screen.getByTestId('code-stopped').textContent).toMatch(/Stopped/);
  });
});

describe('<CodeCell> with controls: the controls, Run and the result first; the code behind "Show the code"', () => {
  const withControls: CodeCellSpec = {
    ...spec,
    params: { code: 'return controls.size;' },
    controls: [
      {
        kind: 'number',
        name: 'size',
        label: 'Training images',
        value: 1000,
        min: 200,
        max: 4000,
        step: 100,
        integer: true,
      },
      {
        kind: 'select',
        name: 'slice',
        label: 'Slice',
        value: 'a',
        options: [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ],
      },
      { kind: 'checkbox', name: 'clean', label: 'Clean', value: false },
    ],
  };

  function renderWithControls() {
    const runs: { code: string; controls: unknown }[] = [];
    const runner: CodeRunner = {
      run: (code, { controls } = {}) => {
        runs.push({ code, controls });
        return Promise.resolve({
          ok: true,
          value: { kind: 'number', value: (controls?.size as number) ?? 0 },
          logs: [],
        });
      },
    };
    const cell = new CodeCellState(withControls, () => runner);
    const { container } = render(CodeCell, { cell });
    return { cell, runs, container };
  }

  it('shows the fields, hides the code, runs with the values; a change marks the result out of date', async () => {
    const { cell, runs, container } = renderWithControls();
    const details = container.querySelector('details.show-code') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('textarea')).not.toBeNull();
    const size = screen.getByRole('spinbutton', { name: 'Training images' });
    expect((size as HTMLInputElement).value).toBe('1000');
    await run();
    expect(runs.at(-1)).toEqual({ code: 'return controls.size;', controls: { size: 1000, slice: 'a', clean: false } });
    expect(screen.getByTestId('code-number').textContent).toBe('1,000');
    await fireEvent.input(size, { target: { value: '2000' } });
    await fireEvent.change(screen.getByRole('combobox', { name: 'Slice' }), { target: { value: 'b' } });
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Clean' }));
    expect(cell.status.kind).toBe('stale');
    await run();
    expect(runs.at(-1)!.controls).toEqual({ size: 2000, slice: 'b', clean: true });
    expect(cell.status.kind).toBe('done');
  });

  it('a value out of range is named and Run waits; Reset brings the lesson values back', async () => {
    const { cell } = renderWithControls();
    await fireEvent.input(screen.getByRole('spinbutton', { name: 'Training images' }), { target: { value: '9000' } });
    expect(screen.getByRole('alert').textContent).toContain(
      'Training images (size): must be between 200 and 4000, got 9000',
    );
    expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(cell.values.size).toBe(1000);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('<CodeCell>: a returned number is rounded sensibly', () => {
  for (const [value, shown] of [
    [4.38333, '4.4'],
    [25.6666, '25.7'],
    [1257, '1,257'],
    [-0.0111111, '−0.0111'],
    [3, '3'],
  ] as const) {
    it(`${value} shows as ${shown}`, async () => {
      cellAnswering({ ok: true, value: { kind: 'number', value }, logs: [] });
      await run();
      expect(screen.getByTestId('code-number').textContent).toBe(shown);
    });
  }
});

describe('<CodeCell>: a lab.value shows its label and unit', () => {
  it('points: the label above, the unit after the number', async () => {
    const { cell } = cellAnswering({
      ok: true,
      value: { kind: 'number', value: 4.3833, label: 'Gain from cleaning', unit: 'points' },
      logs: [],
    });
    await run();
    expect(screen.getByTestId('code-label').textContent).toBe('Gain from cleaning');
    expect(screen.getByTestId('code-number').textContent!.replace(/\s+/g, ' ').trim()).toBe('4.4 points');
    // Prose readouts ({{c.value}}) round the same way; the sentence names the unit.
    expect(cell.showOutput('value', 4.3833)).toBe('4.4');
    expect(cell.outputs.value).toBe(4.3833);
  });

  it('percent: a share shows as a percentage', async () => {
    const { cell } = cellAnswering({ ok: true, value: { kind: 'number', value: 0.1234, unit: 'percent' }, logs: [] });
    await run();
    expect(screen.queryByTestId('code-label')).toBeNull();
    expect(screen.getByTestId('code-number').textContent!.trim()).toBe('12.3%');
    expect(cell.showOutput('value', 0.1234)).toBe('12.3%');
  });

  it('a bare number has no label, and prose shows it as before', async () => {
    const { cell } = cellAnswering({ ok: true, value: { kind: 'number', value: 4.3833 }, logs: [] });
    await run();
    expect(screen.queryByTestId('code-label')).toBeNull();
    expect(cell.showOutput('value', 4.3833)).toBeNull();
  });
});

describe('<CodeCell>: a share control is entered in percent', () => {
  const withShare: CodeCellSpec = {
    ...spec,
    params: { code: 'return controls.noise;' },
    controls: [
      {
        kind: 'number',
        name: 'noise',
        label: 'Share of wrong labels',
        value: 0.12,
        min: 0,
        max: 0.5,
        step: 0.01,
        integer: false,
        percent: true,
      },
      { kind: 'number', name: 'seeds', label: 'Seeds', value: 3, min: 1, max: 10, step: 1, integer: true },
    ],
  };

  it('shows 12 %, takes 30 as 0.3, and names 120 with the range in percent without touching the other field', async () => {
    const runs: unknown[] = [];
    const cell = new CodeCellState(withShare, () => ({
      run: async (_code, options) => (runs.push(options?.controls), { ok: true, value: { kind: 'none' }, logs: [] }),
    }));
    render(CodeCell, { cell });
    const field = screen.getByLabelText(/Share of wrong labels/) as HTMLInputElement;
    expect([field.value, field.max, field.step]).toEqual(['12', '50', '1']);
    expect(field.closest('label')!.textContent).toContain('%');
    await fireEvent.input(screen.getByLabelText('Seeds'), { target: { value: '5' } });
    await fireEvent.input(field, { target: { value: '30' } });
    expect(cell.values).toEqual({ noise: 0.3, seeds: 5 });
    await fireEvent.input(field, { target: { value: '120' } });
    expect(screen.getByRole('alert').textContent).toContain(
      'Share of wrong labels (noise): must be between 0% and 50%, got 120%',
    );
    expect((screen.getByLabelText('Seeds') as HTMLInputElement).value).toBe('5');
    expect(cell.values.seeds).toBe(5);
    await fireEvent.input(field, { target: { value: '29' } });
    await run();
    expect(runs).toEqual([{ noise: 0.29, seeds: 5 }]);
  });
});
