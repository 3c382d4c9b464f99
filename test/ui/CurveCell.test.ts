// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { onAbort } from '../support/onAbort.ts';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import CurveCell from '../../src/ui/CurveCell.svelte';
import { CurveCellState, type TrialRunner } from '../../src/state/curveCell.svelte.ts';
import { TrialCache } from '../../src/state/trialCache.ts';
import { CURVE_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import type { CurveCellSpec } from '../../src/notebook/types.ts';
import type { TrialOutcome, TrialSpec } from '../../src/engine/sweep.ts';
import { abortError } from '../../src/workers/pool.ts';

const spec: CurveCellSpec = {
  type: 'curve',
  id: 'curve',
  title: 'Clean vs. noisy',
  line: 1,
  params: { ...CURVE_DEFAULTS, sizes: [50, 100, 200, 400], seeds: 2, n0: 50 },
  presets: [
    {
      name: 'Heavier noise',
      description: '30% of labels flipped',
      params: {
        ...CURVE_DEFAULTS,
        sizes: [50, 100, 200, 400],
        seeds: 1,
        n0: 50,
        noise: { kind: 'uniform', rate: 0.3 },
      },
    },
  ],
};

/** Accuracy rising 10 points per doubling; noise costs its rate: the exchange factor is 2^(10·rate). */
const outcome = (t: TrialSpec): TrialOutcome => ({
  spec: t,
  accuracy: 0.5 + 0.1 * Math.log2(t.size / 50) - (t.noise as { rate: number }).rate,
  accuracyNoisyTest: null,
  trainAccuracyGiven: 1,
  trainAccuracyTrue: 1,
  iterations: 1,
  converged: true,
  milliseconds: 1,
  backend: 'test',
});

function runner(mode: 'instant' | 'hold'): TrialRunner & { held: (() => void)[] } {
  const held: (() => void)[] = [];
  return {
    held,
    runTrial: (t, options) =>
      new Promise((resolve, reject) => {
        onAbort(options?.signal, () => reject(abortError()));
        if (mode === 'instant') resolve(outcome(t));
        else held.push(() => resolve(outcome(t)));
      }),
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
};

afterEach(cleanup);

describe('<CurveCell>', () => {
  it('renders its controls and presets, with data-cell-id and data-status', () => {
    const { container } = render(CurveCell, { cell: new CurveCellState(spec, runner('instant')) });
    const section = container.querySelector('[data-cell-id="curve"]');
    expect(section?.getAttribute('data-status')).toBe('idle');
    expect(screen.getByRole('button', { name: 'Heavier noise' })).toBeTruthy();
    expect((screen.getByLabelText('Training-set sizes') as HTMLInputElement).value).toBe('50, 100, 200, 400');
    expect(screen.getByText(/train 16 models/)).toBeTruthy();
  });

  it('Run draws the chart and the readout "cleaning at N0 is worth ≈ k× more noisy data"', async () => {
    const { container } = render(CurveCell, { cell: new CurveCellState(spec, runner('instant')) });
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    expect(container.querySelector('[data-cell-id="curve"]')?.getAttribute('data-status')).toBe('done');
    expect(container.querySelectorAll('.plot svg').length).toBe(1);
    const readout = screen.getByTestId('readout');
    // 10% noise costs 10 points = one doubling: the factor is 2.
    expect(within(readout).getByTestId('factor').textContent).toBe('2.0×');
    expect(readout.textContent).toMatch(/Mean of 2 seeds/);
    expect(container.querySelectorAll('.data-table tbody tr').length).toBe(4);
  });

  it('chart: power-law draws the fitted law with its band, dashed past the measured sizes, and a readout of the cell’s own outputs', async () => {
    const cell = new CurveCellState({ ...spec, chart: 'power-law' }, runner('instant'));
    const { container } = render(CurveCell, { cell });
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    const figure = screen.getByTestId('sizing-figure');
    const svg = figure.querySelector('svg.sizing-plot')!;
    expect(svg).toBeTruthy();
    expect(svg.querySelectorAll('.series-noisy .band').length).toBe(1);
    expect(svg.querySelectorAll('.series-clean .band').length).toBe(1);
    expect(svg.querySelector('.marker-measured-end')).toBeTruthy();
    expect(container.querySelectorAll('.data-table tbody tr').length).toBe(4);
    const needed = screen.getByTestId('sizing-needed').textContent!.replace(/\s+/g, ' ');
    const show = (v: number) => Math.round(v).toLocaleString('en-US');
    expect(needed).toContain(show(cell.outputs.needed as number));
    expect(screen.queryByTestId('readout')).toBeNull();
  });

  it('the readout gives no “add larger sizes” advice once the sizes reach the data set’s pool', async () => {
    const cell = new CurveCellState(
      { ...spec, params: { ...spec.params, sizes: [50, 100, 200, 1250], noise: { kind: 'uniform', rate: 0.9 } } },
      runner('instant'),
    );
    render(CurveCell, { cell });
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    const readout = screen.getByTestId('readout').textContent!.replace(/\s+/g, ' ');
    expect(readout).toMatch(/nearly all 1,257 training examples/);
    expect(readout).not.toMatch(/Add larger sizes/);
  });

  it('says how many fits a run reused from earlier runs, and when nothing needed training', async () => {
    const cell = new CurveCellState(spec, runner('instant'), { cache: new TrialCache() });
    render(CurveCell, { cell });
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    expect(screen.queryByTestId('reused')).toBeNull(); // all trained
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    expect(screen.getByTestId('reused').textContent).toMatch(/All 16 fits reused .*nothing needed training\./);
    cell.setParams({ noise: 0.2 });
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    expect(screen.getByTestId('reused').textContent).toMatch(/8 of 16 fits reused .*only the other 8 were trained\./);
  });

  it('shows progress while trials stream in, and Cancel keeps what finished', async () => {
    const slow = runner('hold');
    const { container } = render(CurveCell, { cell: new CurveCellState(spec, slow) });
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    expect(container.querySelector('[data-cell-id="curve"]')?.getAttribute('data-status')).toBe('running');
    slow.held[0]!();
    slow.held[1]!();
    await settle();
    expect(screen.getByTestId('progress').textContent).toMatch(/2 \/ 16 trials/);
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(container.querySelector('[data-cell-id="curve"]')?.getAttribute('data-status')).toBe('idle');
    expect(screen.getByTestId('cancelled').textContent).toMatch(/Cancelled after 2 of 16 trials/);
    expect(container.querySelectorAll('.plot svg').length).toBe(1);
  });

  it('a bad sizes list shows what is wrong, disables Run, and keeps the typed text', async () => {
    render(CurveCell, { cell: new CurveCellState(spec, runner('instant')) });
    const sizes = screen.getByLabelText('Training-set sizes') as HTMLInputElement;
    await fireEvent.input(sizes, { target: { value: '50, 20000' } });
    await settle();
    expect(screen.getByRole('alert').textContent).toMatch(
      /sizes: 20000 is more than the 1257 training examples of digits/,
    );
    expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(true);
    expect(sizes.value).toBe('50, 20000');
  });

  it('a preset replaces the parameters and the form shows them', async () => {
    render(CurveCell, { cell: new CurveCellState(spec, runner('instant')) });
    await fireEvent.click(screen.getByRole('button', { name: 'Heavier noise' }));
    await settle();
    expect(screen.getByText('30%')).toBeTruthy();
    expect((screen.getByLabelText('Seeds') as HTMLInputElement).value).toBe('1');
  });

  it('Reset brings every field back, including one left showing a rejected value', async () => {
    render(CurveCell, { cell: new CurveCellState(spec, runner('instant')) });
    const seeds = screen.getByLabelText('Seeds') as HTMLInputElement;
    await fireEvent.input(seeds, { target: { value: '25' } });
    await settle();
    expect(screen.getByRole('alert').textContent).toMatch(/seeds: must be a whole number from 1 to 20, got 25/);
    await fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await settle();
    expect((screen.getByLabelText('Seeds') as HTMLInputElement).value).toBe('2');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('typing repeated or non-numeric sizes lists each problem once and quotes the bad entries', async () => {
    render(CurveCell, { cell: new CurveCellState(spec, runner('instant')) });
    await fireEvent.input(screen.getByLabelText('Training-set sizes'), { target: { value: 'abc, def' } });
    await settle();
    expect(screen.getByRole('alert').textContent).toMatch(/sizes: "abc", "def" are not a number/);
    await fireEvent.input(screen.getByLabelText('Training-set sizes'), { target: { value: '5, 5' } });
    await settle();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'sizes: 5 is not a whole number ≥ 10',
      'sizes: must increase (5 then 5)',
    ]);
  });
});
