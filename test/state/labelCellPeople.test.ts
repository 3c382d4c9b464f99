/**
 * The label cell with other people (labelCell.svelte.ts): a partner on this
 * screen labels the same presentations; round 2 relabels the disagreed
 * items; label files join (a refused one loses nothing); everything comes
 * back after a save and a restore.
 */
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

/** Answers every presentation of the turn now with `choose(row)`. */
function labelAll(state: LabelCellState, choose: (row: number) => number) {
  for (let item = state.current; item; item = state.current) state.answer(choose(item.row));
}

async function labelled() {
  const dataset = fakeFashion();
  const state = new LabelCellState(spec, { loadDataset: async () => dataset }, () => 0);
  await state.load();
  state.begin();
  while (state.current) state.answer(dataset.y[state.current.row]!);
  return { state, dataset };
}

describe('LabelCellState with a partner, files and a class', () => {
  it('a partner labels the same presentations on this screen; the reader’s own answers and status stay as they were', async () => {
    const { state, dataset } = await labelled();
    const yours = state.answers;
    expect(state.passToPartner('Kim')).toBe(true);
    expect(state.turn).toEqual({ who: 'partner', round: 1 });
    expect(state.position).toBe(0);
    expect(state.total).toBe(14);
    const rows: number[] = [];
    while (state.current) {
      rows.push(state.current.row);
      state.answer(dataset.y[state.current.row] === 0 ? 6 : dataset.y[state.current.row]!);
    }
    expect(state.answers).toBe(yours);
    expect(state.status.kind).toBe('done');
    expect(state.partner!.answers).toHaveLength(14);
    state.backToYou();
    flushSync();
    const pair = state.pair!;
    expect(pair.before.labelers).toEqual(['You', 'Kim']);
    const t = pair.before.pairs[0]!;
    const tShirts = [...new Set(rows)].filter((row) => dataset.y[row] === 0).length;
    expect(t.disagreed).toHaveLength(tShirts);
    expect(t.items).toBe(12);
  });

  it('round 2: the rule becomes the instructions; both relabel the disagreed items and the pair is measured again', async () => {
    const { state, dataset } = await labelled();
    state.passToPartner('Kim');
    while (state.current) state.answer((dataset.y[state.current.row]! + 1) % 10);
    state.backToYou();
    flushSync();
    expect(state.pair!.before.pairs[0]!.agreement).toBe(0);
    expect(state.startRelabel('Rule: look at the collar.')).toBe(true);
    expect(state.instructions).toBe('Rule: look at the collar.');
    expect(state.total).toBe(12);
    labelAll(state, (row) => dataset.y[row]!);
    expect(state.passRelabelToPartner()).toBe(true);
    labelAll(state, (row) => dataset.y[row]!);
    state.backToYou();
    flushSync();
    expect(state.pair!.after!.pairs[0]!.agreement).toBe(1);
    expect(state.pair!.before.pairs[0]!.agreement).toBe(0);
  });

  it('label files: a good one joins, bad ones are named and refused, nothing earlier is lost; a save and restore keep everyone', async () => {
    const { state, dataset } = await labelled();
    const file = state.labelFile()!;
    const partner = { ...file, labeler: 'Sam', labels: file.labels.map((l) => (l + 1) % 10) };
    state.importFiles([{ name: 'sam.json', text: JSON.stringify(partner) }]);
    flushSync();
    expect(state.others.map((o) => o.name)).toEqual(['Sam']);
    expect(state.importReport!.taken[0]).toMatch(/sam\.json/);
    state.importFiles([
      { name: 'bad.json', text: '{' },
      { name: 'ada.json', text: JSON.stringify({ ...file, labeler: 'Ada' }) },
    ]);
    flushSync();
    expect(state.importReport!.refused).toHaveLength(1);
    expect(state.importReport!.refused[0]).toMatch(/bad\.json/);
    expect(state.others.map((o) => o.name)).toEqual(['Sam', 'Ada']);
    expect(state.comparison!.labelers).toEqual(['You', 'Sam', 'Ada']);
    expect(state.comparison!.fleiss).not.toBeNull();

    state.passToPartner('Kim');
    state.answer(3);
    const saved = JSON.parse(JSON.stringify(state.saveState()));
    const again = new LabelCellState(spec, { loadDataset: async () => dataset }, () => 0);
    expect(again.restoreState(saved)).toEqual([]);
    await again.load();
    flushSync();
    expect(again.answers).toEqual(state.answers);
    expect(again.partner).toEqual({ name: 'Kim', answers: [{ label: 3, ms: 0 }] });
    expect(again.others.map((o) => [o.name, o.labels.size])).toEqual([
      ['Sam', 12],
      ['Ada', 12],
    ]);
    expect(again.comparison!.labelers).toEqual(['You', 'Kim', 'Sam', 'Ada']);
  });

  it('a link’s labels join the others once the images are in; a link for another batch is refused with a message', async () => {
    const { state, dataset } = await labelled();
    const text = state.linkLabels('Robin')!;
    const other = new LabelCellState(spec, { loadDataset: async () => dataset }, () => 0);
    other.applyLinkLabels(text);
    expect(other.others).toEqual([]);
    await other.load();
    expect(other.others.map((o) => [o.name, o.source, o.labels.size])).toEqual([['Robin', 'link', 12]]);
    const elsewhere = new LabelCellState(
      { ...spec, params: { ...spec.params, seed: 5 } },
      { loadDataset: async () => dataset },
      () => 0,
    );
    await elsewhere.load();
    elsewhere.applyLinkLabels(text);
    expect(elsewhere.others).toEqual([]);
    expect(elsewhere.importReport!.refused[0]).toMatch(/batch/);
  });
});

describe('LabelCellState downloads with other people', () => {
  it('a class’s files alone (the instructor labelled nothing): a CSV of everyone’s labels and the class figures in the JSON', async () => {
    const dataset = fakeFashion();
    const reader = new LabelCellState(spec, { loadDataset: async () => dataset }, () => 0);
    await reader.load();
    reader.begin();
    labelAll(reader, (row) => dataset.y[row]!);
    const file = reader.labelFile()!;
    const instructor = new LabelCellState(spec, { loadDataset: async () => dataset }, () => 0);
    await instructor.load();
    expect(instructor.resultTables()).toEqual([]);
    expect(instructor.resultJson()).toBeNull();
    instructor.importFiles(
      ['Ana', 'Ben', 'Cy'].map((name, k) => ({
        name: `${name}.json`,
        text: JSON.stringify({
          ...file,
          labeler: name,
          labels: file.labels.map((l, i) => (i === k ? (l + 1) % 10 : l)),
        }),
      })),
    );
    flushSync();
    const [table] = instructor.resultTables();
    expect(table!.name).toBe('everyone');
    expect(table!.columns).toEqual(['row', 'Ana', 'Ben', 'Cy', 'dataset_label']);
    expect(table!.rows).toHaveLength(12);
    // Item 0: Ana differs from the data set; Ben and Cy agree with it.
    const first = table!.rows.find((r) => r[0] === file.items[0])!;
    expect(first[2]).toBe(first[4]);
    expect(first[1]).not.toBe(first[4]);
    const json = instructor.resultJson()!;
    const people = (
      json.result as { people: { labelers: string[]; fleiss: { defined: boolean }; contested: unknown[] } }
    ).people;
    expect(people.labelers).toEqual(['Ana', 'Ben', 'Cy']);
    expect(people.fleiss.defined).toBe(true);
    expect(people.contested).toHaveLength(3);
  });
});
