import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { LabelCellState } from '../../src/state/labelCell.svelte.ts';
import { LABEL_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import type { LabelCellSpec } from '../../src/notebook/types.ts';
import { fakeFashion } from '../support/fakeFixtures.ts';

const spec: LabelCellSpec = {
  type: 'label',
  id: 'mine',
  title: 'Mine',
  line: 1,
  params: { ...LABEL_DEFAULTS, items: 12, repeats: 2 },
};

function cell(clock = { t: 0 }) {
  const dataset = fakeFashion();
  return { state: new LabelCellState(spec, { loadDataset: async () => dataset }, () => clock.t), dataset, clock };
}

describe('LabelCellState', () => {
  it('labels, skips and undoes; status runs while labelling and is done after the last item', async () => {
    const { state, dataset, clock } = cell();
    await state.load();
    expect(state.total).toBe(14);
    expect(state.status.kind).toBe('idle');
    state.begin();
    clock.t = 2000;
    const first = state.current!;
    expect(state.answer(dataset.y[first.row]!)).toBe(true);
    expect(state.answers).toEqual([{ label: dataset.y[first.row], ms: 2000 }]);
    expect(state.status.kind).toBe('running');
    expect(state.skip()).toBe(true);
    expect(state.position).toBe(2);
    expect(state.undo()).toBe(true);
    expect(state.position).toBe(1);
    expect(state.current!.position).toBe(1);
    while (state.current) state.answer(dataset.y[state.current.row]!);
    expect(state.finished).toBe(true);
    expect(state.status.kind).toBe('done');
    expect(state.score!.agreement).toBe(1);
    expect(state.answer(0)).toBe(false); // nothing left to label
    expect(state.outputs.labelled).toBe(12);
    state.undo();
    expect(state.status.kind).toBe('running');
  });

  it('a key that is no class changes nothing and says so; a number key labels', async () => {
    const { state } = cell();
    await state.load();
    expect(state.key({ key: 'x' })).toBe(false);
    expect(state.key({ key: 'Enter' })).toBe(false);
    expect(state.answers).toEqual([]);
    expect(state.notice).toMatch(/“x” is not a key for a class/);
    expect(state.answer(10)).toBe(false);
    expect(state.answer(-1)).toBe(false);
    expect(state.answers).toEqual([]);
    expect(state.key({ key: '7' })).toBe(true);
    expect(state.answers[0]!.label).toBe(6);
    expect(state.notice).toBeNull();
  });

  it('saveState / restoreState keep the answers and the instructions, before and after the data loads', async () => {
    const { state } = cell();
    expect(state.saveState()).toEqual({ params: spec.params });
    await state.load();
    state.answer(1);
    state.skip();
    state.setInstructions('Buttons make a shirt.');
    const saved = state.saveState();
    expect(saved.result).toMatchObject({
      answers: [
        [1, 0],
        [null, 0],
      ],
      instructions: 'Buttons make a shirt.',
    });

    const next = cell().state;
    expect(next.restoreState(structuredClone(saved))).toEqual([]);
    // Still loading: the saved answers are kept as they were.
    expect(next.saveState()).toEqual(saved);
    await next.load();
    flushSync();
    expect(next.answers).toEqual([
      { label: 1, ms: 0 },
      { label: null, ms: 0 },
    ]);
    expect(next.instructions).toBe('Buttons make a shirt.');
    expect(next.status.kind).toBe('running');
  });

  it('restoreState refuses answers that are not classes, and saved labels of another batch are not put back', async () => {
    const { state } = cell();
    const params = { ...spec.params };
    expect(state.restoreState({ params, result: { answers: [[12, 0]] } })[0]).toMatch(/answers/);
    expect(state.restoreState({ params: { ...spec.params, items: 5 } })[0]).toMatch(/items/);
    expect(state.restoreState({ params, result: { answers: [[1, 0]], rows: [1, 2, 3] } })).toEqual([]);
    await state.load();
    expect(state.answers).toEqual([]);
    expect(state.notice).toMatch(/another batch/);
  });

  it('startOver discards the answers but keeps the instructions; resetToDefaults drops both', async () => {
    const { state } = cell();
    await state.load();
    state.answer(0);
    state.setInstructions('Mine.');
    state.startOver();
    expect(state.answers).toEqual([]);
    expect(state.status.kind).toBe('idle');
    expect(state.instructions).toBe('Mine.');
    state.resetToDefaults();
    expect(state.instructions).toBe(LABEL_DEFAULTS.instructions);
    expect(state.saveState()).toEqual({ params: spec.params });
  });

  it('resultTables / resultJson: one CSV row per answer, the JSON with the label file and the figures', async () => {
    const { state, dataset } = cell();
    expect(state.resultTables()).toEqual([]);
    expect(state.resultJson()).toBeNull();
    await state.load();
    const row = state.current!.row;
    state.answer(dataset.y[row]!);
    state.skip();
    const [table] = state.resultTables();
    expect(table!.columns).toEqual(['position', 'row', 'repeat', 'your_label', 'dataset_label', 'seconds']);
    expect(table!.rows).toHaveLength(2);
    expect(table!.rows[0]!.slice(0, 5)).toEqual([
      1,
      row,
      false,
      dataset.classNames[dataset.y[row]!],
      dataset.classNames[dataset.y[row]!],
    ]);
    expect(table!.rows[1]![3]).toBe('skipped');
    const json = state.resultJson()!;
    expect(json.cell).toEqual({ id: 'mine', type: 'label', title: 'Mine' });
    expect(json.result).toMatchObject({ agreement: 1, labels: { labels: [dataset.y[row]], items: [row] } });
  });
});
