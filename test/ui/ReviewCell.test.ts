// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import ReviewCell from '../../src/ui/ReviewCell.svelte';
import { ReviewCellState } from '../../src/state/reviewCell.svelte.ts';
import { REVIEW_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import type { ReviewCellSpec, ReviewParams } from '../../src/notebook/types.ts';
import { fakeReviewDeps, type FakeReviewDeps } from '../support/fakeReviewDeps.ts';

const spec = (patch: Partial<ReviewParams> = {}): ReviewCellSpec => ({
  type: 'review',
  id: 'review',
  title: 'Find and fix the wrong labels',
  line: 1,
  params: { ...REVIEW_DEFAULTS, size: 90, folds: 3, ...patch },
});

const settle = async () => {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
};

/** What the canvases drew: jsdom has no 2-D context, so a recording stand-in replaces it. */
let drawn: ImageData[] = [];
beforeEach(() => {
  drawn = [];
  const context = {
    createImageData: (width: number, height: number) =>
      ({ width, height, data: new Uint8ClampedArray(width * height * 4) }) as ImageData,
    putImageData: (image: ImageData) => drawn.push(image),
  };
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    (() => context) as unknown as typeof HTMLCanvasElement.prototype.getContext,
  );
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function mount(deps: FakeReviewDeps = fakeReviewDeps(), patch: Partial<ReviewParams> = {}) {
  const cell = new ReviewCellState(spec(patch), deps, () => 0);
  const view = render(ReviewCell, { cell });
  const section = () => view.container.querySelector('[data-cell-id="review"]')!;
  return { cell, deps, ...view, section };
}

async function ran(deps?: FakeReviewDeps, patch: Partial<ReviewParams> = {}) {
  const mounted = mount(deps, patch);
  await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
  await settle();
  return mounted;
}

const rows = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('[role="row"][data-rank]')];
const tallyOf = (container: HTMLElement, key: string) =>
  Number(container.querySelector(`[data-tally="${key}"]`)?.textContent);

describe('<ReviewCell>', () => {
  it('renders its controls with the lesson’s parameters and says what Run will do', () => {
    const { section } = mount();
    expect(section().getAttribute('data-status')).toBe('idle');
    expect((screen.getByLabelText('Training examples') as HTMLInputElement).value).toBe('90');
    expect((screen.getByLabelText('Folds') as HTMLInputElement).value).toBe('3');
    expect((screen.getByLabelText('Filter') as HTMLSelectElement).value).toBe('prune_by_noise_rate');
    expect((screen.getByLabelText('Data set') as HTMLSelectElement).value).toBe('digits');
    expect(screen.getByText(/train 3 models \(one per fold\)/)).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();
  });

  it('Run shows the scored summary and the ranked list, each item drawn from its pixels', async () => {
    const { section, container, cell } = await ran();
    expect(section().getAttribute('data-status')).toBe('done');
    const summary = screen.getByTestId('review-summary');
    expect(summary.querySelector('[data-output="flagged"]')?.textContent).toBe('18');
    expect(summary.querySelector('[data-output="precision"]')?.textContent).toBe('100.0%');
    expect(summary.querySelector('[data-output="f1"]')?.textContent).toBe('1.00');
    expect(summary.querySelector('[data-output="trueNoise"]')?.textContent).toBe('20.0%');
    expect(summary.textContent).toMatch(/18 of them were truly wrong/);

    const list = rows(container);
    expect(list).toHaveLength(18);
    const first = cell.items[0]!;
    expect(list[0]!.getAttribute('data-position')).toBe(String(first.position));
    expect(within(list[0]!).getByRole('img').getAttribute('aria-label')).toBe(
      `Item 1, labelled ${first.given} (${['zero', 'one', 'two'][first.given]})`,
    );
    expect(list[0]!.querySelector('.score')?.textContent).toBe('0.10');
    expect(list[0]!.querySelector('.suggested .class')?.textContent).toContain(String(first.suggested));
    // One canvas per item, each 2×2 pixels, ink where the feature is 1.
    expect(container.querySelectorAll('canvas')).toHaveLength(18);
    expect(drawn).toHaveLength(18);
    const pixels = cell.featuresOf(first.row);
    expect(drawn[0]!.width).toBe(2);
    expect(Array.from({ length: 4 }, (_, i) => drawn[0]!.data[4 * i])).toEqual(
      Array.from(pixels, (v) => Math.round(255 * (1 - v))),
    );
    expect(screen.getByText(/relabel as that class/)).toBeTruthy();
  });

  it('the keyboard reviews the list: ↓ moves, a digit relabels, Enter accepts, Delete removes, u undoes', async () => {
    const { container, cell } = await ran();
    const items = cell.items;
    let list = rows(container);
    list[0]!.focus();
    await fireEvent.keyDown(list[0]!, { key: 'ArrowDown' });
    await settle();
    expect(document.activeElement).toBe(rows(container)[1]);
    expect(rows(container)[1]!.getAttribute('aria-selected')).toBe('true');

    // Item 2: relabel to its true class with the digit key; the focus moves on.
    await fireEvent.keyDown(document.activeElement!, { key: String(items[1]!.truth) });
    await settle();
    expect(cell.decisions.get(items[1]!.position)).toEqual({ kind: 'relabel', label: items[1]!.truth });
    expect(document.activeElement).toBe(rows(container)[2]);
    expect(tallyOf(container, 'relabelled')).toBe(1);

    await fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    await settle();
    await fireEvent.keyDown(document.activeElement!, { key: 'Delete' });
    await settle();
    await fireEvent.keyDown(document.activeElement!, { key: ' ' });
    await settle();
    expect(tallyOf(container, 'reviewed')).toBe(4);
    expect(tallyOf(container, 'relabelled')).toBe(2);
    expect(tallyOf(container, 'removed')).toBe(1);
    expect(tallyOf(container, 'kept')).toBe(1);
    // Checked against the truth: two correct relabels and one wrong label removed; the kept one is still wrong.
    expect(tallyOf(container, 'right')).toBe(3);
    expect(tallyOf(container, 'wrong')).toBe(1);
    list = rows(container);
    expect(list[3]!.getAttribute('data-decision')).toBe('remove');
    expect(document.activeElement).toBe(list[5]);

    // u undoes the Space (item 5) and goes back to it; Ctrl+Z undoes the Delete (item 4).
    await fireEvent.keyDown(document.activeElement!, { key: 'u' });
    await settle();
    expect(document.activeElement).toBe(rows(container)[4]);
    expect(tallyOf(container, 'kept')).toBe(0);
    await fireEvent.keyDown(document.activeElement!, { key: 'z', ctrlKey: true });
    await settle();
    expect(document.activeElement).toBe(rows(container)[3]);
    expect(tallyOf(container, 'removed')).toBe(0);
    expect(tallyOf(container, 'reviewed')).toBe(2);

    // k goes back up; ↑ at the top stays at the top.
    await fireEvent.keyDown(document.activeElement!, { key: 'k' });
    await fireEvent.keyDown(document.activeElement!, { key: 'k' });
    await fireEvent.keyDown(document.activeElement!, { key: 'k' });
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    await settle();
    expect(document.activeElement).toBe(rows(container)[0]);
  });

  it('ignores digits that are not a class, and keys typed into the row’s own controls', async () => {
    const { container, cell } = await ran();
    const first = rows(container)[0]!;
    first.focus();
    await fireEvent.keyDown(first, { key: '7' }); // only classes 0–2 exist
    await settle();
    expect(cell.decisions.size).toBe(0);
    expect(document.activeElement).toBe(first);
    await fireEvent.keyDown(within(first).getByRole('button', { name: 'Keep' }), { key: 'x' });
    await settle();
    expect(cell.decisions.size).toBe(0);
  });

  it('the row buttons and the relabel menu decide with the mouse', async () => {
    const { container, cell } = await ran();
    const [a, b, c] = rows(container);
    const items = cell.items;
    await fireEvent.click(within(a!).getByRole('button', { name: /^Accept/ }));
    await fireEvent.click(within(b!).getByRole('button', { name: 'Remove' }));
    const other = [0, 1, 2].find((k) => k !== items[2]!.given && k !== items[2]!.truth)!;
    // Choosing in the menu (as the arrow keys do) decides nothing; the Relabel button applies the choice.
    const menu = within(c!).getByLabelText('Relabel item 3 as');
    const apply = within(c!).getByRole('button', { name: 'Relabel' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    await fireEvent.change(menu, { target: { value: String(other) } });
    await settle();
    expect(cell.decisions.has(items[2]!.position)).toBe(false);
    expect(apply.disabled).toBe(false);
    await fireEvent.click(apply);
    await settle();
    expect(cell.decisions.get(items[0]!.position)).toEqual({ kind: 'relabel', label: items[0]!.suggested });
    expect(cell.decisions.get(items[1]!.position)).toEqual({ kind: 'remove' });
    expect(cell.decisions.get(items[2]!.position)).toEqual({ kind: 'relabel', label: other });
    expect(rows(container)[2]!.querySelector('.decision')?.textContent).toMatch(/relabelled →/);
    expect(tallyOf(container, 'wrong')).toBe(1);
    // The true labels are hidden until asked for.
    expect(container.querySelector('.truth-label')).toBeNull();
    await fireEvent.click(screen.getByLabelText('Show the true labels'));
    await settle();
    expect(container.querySelectorAll('.truth-label')).toHaveLength(18);
    expect(rows(container)[2]!.querySelector('.verdict')?.textContent).toBe('✗ wrong');
    expect(rows(container)[0]!.querySelector('.verdict')?.textContent).toBe('✓ right');
    await fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await settle();
    expect(cell.decisions.has(items[2]!.position)).toBe(false);
  });

  it('shows a long list a page at a time; keys past the page show the next one', async () => {
    // 50% noise on 120 examples: 60 flagged items.
    const { container, cell } = await ran(fakeReviewDeps(), { size: 120, noise: { kind: 'uniform', rate: 0.5 } });
    expect(cell.items).toHaveLength(60);
    expect(rows(container)).toHaveLength(50);
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('61');
    const last = rows(container)[49]!;
    last.focus();
    await fireEvent.keyDown(last, { key: 'j' });
    await settle();
    expect(rows(container)).toHaveLength(60);
    expect(document.activeElement).toBe(rows(container)[50]);
    expect(screen.queryByRole('button', { name: /more/ })).toBeNull();
  });

  it('“Show more” renders the next page', async () => {
    const { container } = await ran(fakeReviewDeps(), { size: 120, noise: { kind: 'uniform', rate: 0.5 } });
    await fireEvent.click(screen.getByRole('button', { name: 'Show 10 more' }));
    await settle();
    expect(rows(container)).toHaveLength(60);
  });

  it('Retrain shows accuracy before and after, on clean and on noisy test labels, and the training size', async () => {
    const { container } = await ran();
    const first = rows(container)[0]!;
    first.focus();
    await fireEvent.keyDown(first, { key: 'Enter' });
    await fireEvent.keyDown(document.activeElement!, { key: 'x' });
    await settle();
    await fireEvent.click(screen.getByRole('button', { name: 'Retrain with my fixes' }));
    await settle();
    const outcome = screen.getByTestId('retrain-outcome');
    // The fake model: 0.5 + half the share of right labels. 72/90 right before; 73/89 after.
    expect(within(outcome).getByTestId('accuracy-before').textContent).toBe('90.0%');
    expect(within(outcome).getByTestId('accuracy-after').textContent).toBe(
      `${(100 * (0.5 + 0.5 * (73 / 89))).toFixed(1)}%`,
    );
    expect(within(outcome).getByTestId('training-size').textContent).toBe('89');
    expect(within(outcome).getByTestId('noisy-before').textContent).toMatch(/^\d+\.\d%$/);
    expect(within(outcome).getByTestId('graded').textContent).toMatch(/Graded against test labels with the same noise/);
    expect(outcome.textContent).toMatch(/1 relabelled, 1 removed/);
    // Keeping a label changes nothing the model trains on; removing one marks the outcome out of date.
    await fireEvent.keyDown(document.activeElement!, { key: ' ' });
    await settle();
    expect(outcome.textContent).not.toMatch(/changed decisions since/);
    await fireEvent.keyDown(document.activeElement!, { key: 'x' });
    await settle();
    expect(outcome.textContent).toMatch(/changed decisions since/);
  });

  it('draws the cleaning budget: a chart with three series, streaming, and its data table', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const { container, section } = mount(deps);
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    expect(screen.getByTestId('progress').textContent).toMatch(/Finding label issues: 0 \/ 3 folds/);
    while (deps.pending.length) {
      deps.pending.shift()!.resolve();
      await settle();
    }
    await fireEvent.click(screen.getByRole('button', { name: 'Draw the cleaning budget' }));
    await settle();
    expect(screen.getByTestId('progress').textContent).toMatch(/Drawing the cleaning budget: 0 \/ \d+ fits/);
    const svg = () => container.querySelector('svg.budget-plot')!;
    expect(svg().querySelector('.empty-message')).not.toBeNull();
    deps.pending.shift()!.resolve();
    await settle();
    expect(svg().querySelectorAll('path.point')).toHaveLength(3); // budget 0, shared by the three orders
    while (deps.pending.length) {
      deps.pending.shift()!.resolve();
      await settle();
    }
    expect(section().getAttribute('data-status')).toBe('done');
    expect(svg().querySelectorAll('.series')).toHaveLength(3);
    expect(svg().querySelectorAll('.series-confident path.point')).toHaveLength(7);
    expect(svg().querySelector('.marker-clean')).not.toBeNull();
    expect(container.querySelectorAll('.data-table tbody tr')).toHaveLength(7);
    expect(screen.getByTestId('budget-readout').textContent).toMatch(
      /Reviewing 18 labels .* corrects 18 wrong labels in confident-learning order, \d+ in random order and 18 for the oracle/,
    );
  });

  it('a bad value shows what is wrong, disables Run and keeps the typed text; Reset restores it', async () => {
    mount();
    const folds = screen.getByLabelText('Folds') as HTMLInputElement;
    await fireEvent.input(folds, { target: { value: '1' } });
    await settle();
    expect(screen.getByRole('alert').textContent).toMatch(/folds: /);
    expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(true);
    expect(folds.value).toBe('1');
    await fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await settle();
    expect((screen.getByLabelText('Folds') as HTMLInputElement).value).toBe('3');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Cancel stops a run and says so; a failed load says what failed', async () => {
    const deps = fakeReviewDeps({ mode: 'hold' });
    const { section } = mount(deps);
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    expect(screen.getByRole('button', { name: 'Restart' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(section().getAttribute('data-status')).toBe('idle');
    expect(screen.getByTestId('cancelled').textContent).toMatch(/Finding label issues cancelled after 0 of 3 folds/);

    deps.failLoad('HTTP 500');
    await fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await settle();
    expect(section().getAttribute('data-status')).toBe('error');
    expect(screen.getByTestId('error').textContent).toBe(
      'Could not load the digits data set (HTTP 500). Check the connection and run again.',
    );
  });

  it('shows a data set without images as a row of feature values', async () => {
    const { container } = await ran(fakeReviewDeps({ image: false }));
    expect(container.querySelectorAll('canvas')).toHaveLength(0);
    const features = rows(container)[0]!.querySelector('.item-features')!;
    expect(features.querySelectorAll('.value')).toHaveLength(4);
    expect(features.getAttribute('role')).toBe('img');
  });
});
