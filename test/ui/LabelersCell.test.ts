// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { onAbort } from '../support/onAbort.ts';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import LabelersCell from '../../src/ui/LabelersCell.svelte';
import { LabelersCellState } from '../../src/state/labelersCell.svelte.ts';
import type { CellDeps } from '../../src/state/cellDeps.ts';
import type { LabelersCellSpec, LabelersParams } from '../../src/notebook/types.ts';
import { LABELERS_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import { DATASETS } from '../../src/engine/datasets.ts';
import type { Dataset } from '../../src/engine/types.ts';
import type { EvaluateRequest, EvaluateResult, FitProgress } from '../../src/workers/protocol.ts';
import { abortError } from '../../src/workers/pool.ts';

/** A synthetic Fashion-MNIST stand-in: `perClass` rows of each of 10 classes (or all of class 0). */
function fakeDataset(perClass: number, options: { oneClass?: boolean } = {}): Dataset {
  const n = perClass * 10;
  return {
    name: 'fashion',
    title: 'Fake fashion',
    n,
    d: 2,
    classes: 10,
    classNames: DATASETS.fashion.classNames,
    x: Float32Array.from({ length: n * 2 }, (_, i) => i % 7),
    y: Int32Array.from({ length: n }, (_, i) => (options.oneClass ? 0 : i % 10)),
    image: null,
    split: null,
    source: 'test',
    license: 'test',
  };
}

/** Accuracy follows the share of right training labels; against the labelers' test labels it reads 10 points lower. */
function fakeResult(dataset: Dataset, request: EvaluateRequest): EvaluateResult {
  let right = 0;
  request.rows.forEach((row, i) => (right += request.labels[i] === dataset.y[row] ? 1 : 0));
  const accuracy = 0.5 + 0.4 * (right / request.rows.length);
  return {
    accuracy,
    accuracyNoisyTest: accuracy - 0.1,
    trainAccuracyGiven: 1,
    iterations: 10,
    converged: true,
    backend: 'test',
  };
}

interface Held {
  readonly onProgress: ((p: FitProgress) => void) | undefined;
  readonly signal: AbortSignal | undefined;
  resolve(): void;
}

/** Deps whose loads fail `failLoads` times first; fits finish at once or when the test says (`hold`). */
function fakeDeps(dataset: Dataset, options: { mode?: 'instant' | 'hold'; failLoads?: number } = {}) {
  let failures = options.failLoads ?? 0;
  const held: Held[] = [];
  const requests: EvaluateRequest[] = [];
  const unused = () => Promise.reject(new Error('not used by the labelers cell'));
  const deps: CellDeps = {
    loadDataset: () =>
      failures-- > 0 ? Promise.reject(new Error('HTTP 404 for data/fashion.dcl.gz')) : Promise.resolve(dataset),
    trainer: {
      runTrial: unused,
      fitToy: unused,
      predictHeldOut: unused,
      fitAndEvaluate: (request, opts) =>
        new Promise<EvaluateResult>((resolve, reject) => {
          requests.push(request);
          onAbort(opts?.signal, () => reject(abortError()));
          if (options.mode !== 'hold') return resolve(fakeResult(dataset, request));
          held.push({
            onProgress: opts?.onProgress,
            signal: opts?.signal,
            resolve: () => resolve(fakeResult(dataset, request)),
          });
        }),
    },
  };
  return { deps, held, requests };
}

const spec = (patch: Partial<LabelersParams> = {}): LabelersCellSpec => ({
  type: 'labelers',
  id: 'labelers',
  title: 'Two labelers',
  line: 1,
  params: { ...LABELERS_DEFAULTS, items: 600, ...patch },
});

const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
};

/** Renders the cell and loads its data, as LessonState.start() does. */
async function mount(
  patch: Partial<LabelersParams> = {},
  dataset = fakeDataset(100),
  options: Parameters<typeof fakeDeps>[1] = {},
) {
  const fake = fakeDeps(dataset, options);
  const cell = new LabelersCellState(spec(patch), fake.deps, () => 0);
  const view = render(LabelersCell, { cell });
  void cell.load();
  await settle();
  return { cell, ...view, ...fake };
}

const status = (container: HTMLElement) =>
  container.querySelector('[data-cell-id="labelers"]')?.getAttribute('data-status');
const text = (testId: string) => screen.getByTestId(testId).textContent?.trim();
const percentOf = (value: string | undefined) => Number(value?.replace('%', ''));

afterEach(cleanup);

describe('<LabelersCell>', () => {
  it('says it is loading until the data set is in, then shows the figures', async () => {
    const fake = fakeDeps(fakeDataset(100));
    const cell = new LabelersCellState(spec(), fake.deps, () => 0);
    const { container } = render(LabelersCell, { cell });
    expect(screen.getByTestId('loading').textContent).toMatch(/Loading Fashion-MNIST/);
    expect(screen.queryByTestId('agreement-figures')).toBeNull();
    void cell.load();
    await settle();
    expect(screen.queryByTestId('loading')).toBeNull();
    const before = cell.before!;
    expect(text('agreement-before')).toBe(`${(100 * before.agreement).toFixed(1)}%`);
    expect(text('kappa-before')).toBe(before.meanKappa!.toFixed(2));
    expect(text('labeler-0-before')).toBe(`${(100 * before.accuracies[0]!).toFixed(1)}%`);
    expect(text('majority-before')).toBe(`${(100 * before.majorityAccuracy).toFixed(1)}%`);
    // Two labelers: no Fleiss or alpha, and a sentence saying why.
    expect(screen.queryByTestId('fleiss-before')).toBeNull();
    expect(text('needs-three')).toMatch(/three or more labelers/);
    // The disagreement matrix, labeler A in rows and B in columns.
    const svg = container.querySelector('.plot svg.matrix-plot');
    expect(svg).not.toBeNull();
    expect(svg!.querySelectorAll('g.cell')).toHaveLength(100);
    expect(svg!.querySelector('.row-title')?.textContent).toBe("Labeler A's label");
    expect(within(screen.getByTestId('confusions')).getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(container.textContent).not.toMatch(/NaN/);
  });

  it('lists the classes worst first, with the suggested ones ticked and marked', async () => {
    const { cell, container } = await mount();
    const rows = [...container.querySelectorAll('[data-testid="per-class"] tbody tr')];
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => Number(r.getAttribute('data-class')))).toEqual(cell.before!.perClass.map((c) => c.class));
    const shares = rows.map((r) => percentOf(r.querySelector('[data-testid="class-agreement"]')?.textContent ?? ''));
    expect([...shares].sort((a, b) => a - b)).toEqual(shares);
    expect(cell.suggested.length).toBeGreaterThan(0);
    for (const c of cell.suggested) {
      const name = DATASETS.fashion.classNames[c]!;
      const box = screen.getByRole('checkbox', { name: `Revise the instructions for ${name}` }) as HTMLInputElement;
      expect(box.checked).toBe(true);
      expect(box.closest('tr')?.textContent).toMatch(/suggested/);
    }
    const unsuggested = rows.find((r) => !cell.suggested.includes(Number(r.getAttribute('data-class'))))!;
    expect((unsuggested.querySelector('input[type="checkbox"]') as HTMLInputElement).checked).toBe(false);
    expect(unsuggested.textContent).not.toMatch(/suggested/);
  });

  it('kappa undefined (every item one class): a sentence with the reason, never NaN', async () => {
    const { container } = await mount(
      { labelers: 3, accuracy: 1, ambiguity: 'none' },
      fakeDataset(30, { oneClass: true }),
    );
    expect(text('agreement-before')).toBe('100.0%');
    expect(text('kappa-before')).toBe('undefined');
    expect(text('fleiss-before')).toBe('undefined');
    expect(text('alpha-before')).toBe('undefined');
    const notes = screen.getAllByTestId('kappa-undefined').map((n) => n.textContent);
    expect(notes[0]).toMatch(/^Cohen’s kappa is undefined for labeler A and labeler B: both labelers gave every item/);
    expect(notes.some((n) => /^Fleiss’ kappa is undefined: every rater gave every item the same/.test(n ?? ''))).toBe(
      true,
    );
    expect(notes.some((n) => /^Krippendorff’s alpha is undefined/.test(n ?? ''))).toBe(true);
    expect(within(screen.getByTestId('pairs')).getAllByText('undefined')).toHaveLength(3);
    expect(container.textContent).not.toMatch(/NaN/);
    expect(container.textContent).toMatch(/no labeler used this class/);
  });

  it('with three or more labelers shows Fleiss’ kappa, Krippendorff’s alpha and every pair', async () => {
    const { cell } = await mount();
    const labelers = screen.getByLabelText('Labelers') as HTMLInputElement;
    await fireEvent.input(labelers, { target: { value: '3' } });
    await settle();
    expect(cell.params.labelers).toBe(3);
    expect(screen.queryByTestId('needs-three')).toBeNull();
    const fleiss = cell.before!.fleiss!;
    const alpha = cell.before!.alpha!;
    if (!fleiss.defined || !alpha.defined) throw new Error('expected defined statistics');
    expect(text('fleiss-before')).toBe(fleiss.kappa.toFixed(2));
    expect(text('alpha-before')).toBe(alpha.alpha.toFixed(2));
    expect(text('labeler-2-before')).toMatch(/^\d+\.\d%$/);
    const pairs = within(screen.getByTestId('pairs'));
    expect(pairs.getAllByRole('row')).toHaveLength(4);
    expect(pairs.getByRole('rowheader', { name: 'B – C' })).toBeTruthy();
  });

  it('ticking classes and pressing Revise shows the revised figures beside the original ones, with the change', async () => {
    const { cell, container } = await mount();
    // Start from nothing ticked, then tick Shirt and Coat.
    for (const c of cell.suggested) {
      await fireEvent.click(
        screen.getByRole('checkbox', { name: `Revise the instructions for ${DATASETS.fashion.classNames[c]}` }),
      );
    }
    expect((screen.getByRole('button', { name: /Revise the instructions/ }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Revise the instructions for Shirt' }));
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Revise the instructions for Coat' }));
    expect(screen.queryByTestId('agreement-after')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Revise the instructions for 2 classes' }));
    await settle();
    expect(cell.revised).toEqual([4, 6]);
    const before = percentOf(text('agreement-before'));
    const after = percentOf(text('agreement-after'));
    expect(after).toBeGreaterThan(before);
    expect(text('agreement-change')).toBe(`+${(after - before).toFixed(1)} pts`);
    expect(Number(text('kappa-after'))).toBeGreaterThan(Number(text('kappa-before')));
    expect(screen.getByRole('columnheader', { name: /Revised instructions for Coat, Shirt/ })).toBeTruthy();
    expect(container.querySelectorAll('[data-testid="per-class"] .revised-tag')).toHaveLength(2);
    // The matrix now shows the revised labels; the radio brings back the original ones.
    expect(container.querySelector('.plot svg .plot-title')?.textContent).toBe('Revised instructions');
    await fireEvent.click(screen.getByRole('radio', { name: 'Original instructions' }));
    expect(container.querySelector('.plot svg .plot-title')?.textContent).toBe('Original instructions');
    // Back to the original instructions.
    await fireEvent.click(screen.getByRole('button', { name: 'Back to the original instructions' }));
    await settle();
    expect(cell.revised).toBeNull();
    expect(screen.queryByTestId('agreement-after')).toBeNull();
  });

  it('Train is disabled until revised; then trains both and shows clean-test and labelled-test accuracies', async () => {
    const { cell, container, requests } = await mount();
    const train = screen.getByRole('button', { name: 'Train a model on each set of labels' }) as HTMLButtonElement;
    expect(train.disabled).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: /^Revise the instructions/ }));
    await settle();
    expect(train.disabled).toBe(false);
    await fireEvent.click(train);
    await settle();
    expect(requests).toHaveLength(2);
    expect(status(container)).toBe('done');
    const trained = cell.trained!;
    expect(trained.after.accuracy).toBeGreaterThan(trained.before.accuracy);
    expect(text('accuracy-before')).toBe(`${(100 * trained.before.accuracy).toFixed(1)}%`);
    expect(text('accuracy-after')).toBe(`${(100 * trained.after.accuracy).toFixed(1)}%`);
    const table = within(screen.getByTestId('trained'));
    const labelled = table.getByRole('row', { name: /labelers’ test labels/ });
    expect(labelled.textContent).toContain(`${(100 * trained.before.accuracyLabelledTest!).toFixed(1)}%`);
    expect(labelled.textContent).toContain(`${(100 * trained.after.accuracyLabelledTest!).toFixed(1)}%`);
    expect(text('yardstick')).toMatch(/misleads/);
    expect(screen.queryByTestId('stale')).toBeNull();
    // A change of settings marks the results out of date but keeps them on screen.
    await fireEvent.input(screen.getByLabelText('Seed'), { target: { value: '3' } });
    await settle();
    expect(status(container)).toBe('stale');
    expect(text('stale')).toMatch(/Out of date/);
    expect(screen.getByTestId('accuracy-after')).toBeTruthy();
  });

  it('shows training progress, and Cancel stops it', async () => {
    const { container, held } = await mount({}, fakeDataset(100), { mode: 'hold' });
    await fireEvent.click(screen.getByRole('button', { name: /^Revise the instructions/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Train a model on each set of labels' }));
    await settle();
    expect(status(container)).toBe('running');
    held[0]!.onProgress!({ iteration: 50, maxIterations: 100, loss: 1, gradientMax: 1 });
    await settle();
    expect(text('progress')).toMatch(/Training 2 models · 25%/);
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(held.every((h) => h.signal?.aborted)).toBe(true);
    expect(status(container)).toBe('idle');
    expect(text('cancelled')).toMatch(/Training cancelled/);
    expect(screen.queryByTestId('trained')).toBeNull();
  });

  it('a failed load says so; Retry loads it', async () => {
    await mount({}, fakeDataset(100), { failLoads: 1 });
    const alert = screen.getByTestId('load-failed');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toMatch(/Could not load Fashion-MNIST \(14×14\): HTTP 404 for data\/fashion\.dcl\.gz/);
    expect(screen.queryByTestId('agreement-figures')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await settle();
    expect(screen.queryByTestId('load-failed')).toBeNull();
    expect(text('agreement-before')).toMatch(/^\d+\.\d%$/);
  });

  it('a bad value is listed, keeps what was typed, and Reset brings every field back', async () => {
    const { cell } = await mount();
    const labelers = screen.getByLabelText('Labelers') as HTMLInputElement;
    await fireEvent.input(labelers, { target: { value: '9' } });
    await settle();
    expect(screen.getByRole('alert').textContent).toMatch(/labelers: must be a whole number from 2 to 5, got 9/);
    expect(labelers.value).toBe('9');
    expect(cell.params.labelers).toBe(2);
    await fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await settle();
    expect((screen.getByLabelText('Labelers') as HTMLInputElement).value).toBe('2');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers the ambiguity presets of the data set, with the chosen one described', async () => {
    const { cell } = await mount();
    const select = screen.getByLabelText('Ambiguous classes') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(cell.ambiguityOptions.map((o) => o.value));
    expect(text('ambiguity-description')).toBe('shirts, T-shirts, pullovers and coats blur into each other');
    await fireEvent.change(select, { target: { value: 'none' } });
    await settle();
    expect(cell.params.ambiguity).toBe('none');
    expect(text('ambiguity-description')).toBe('no ambiguous classes');
  });

  it('switching the data set picks settings that fit it: its own ambiguity preset, at most its pool of items', async () => {
    const { cell } = await mount({ items: 1500 });
    await fireEvent.change(screen.getByLabelText('Data set'), { target: { value: 'digits' } });
    await settle();
    expect(cell.params).toMatchObject({ dataset: 'digits', ambiguity: 'look-alike digits', items: 1257 });
    expect(screen.queryByRole('alert')).toBeNull();
    expect((screen.getByLabelText('Ambiguous classes') as HTMLSelectElement).value).toBe('look-alike digits');
    expect((screen.getByLabelText('Items') as HTMLInputElement).value).toBe('1257');
    await fireEvent.change(screen.getByLabelText('Ambiguous classes'), { target: { value: 'none' } });
    await fireEvent.change(screen.getByLabelText('Data set'), { target: { value: 'fashion' } });
    await settle();
    expect(cell.params).toMatchObject({ dataset: 'fashion', ambiguity: 'none', items: 1257 });
  });
});
