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
  it('a number shows large', async () => {
    cellAnswering({ ok: true, value: { kind: 'number', value: 0.9537037 }, logs: [] });
    await run();
    expect(screen.getByTestId('code-number').textContent).toBe('0.9537');
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
    ).toEqual(['5000.9', '1,000']);
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
