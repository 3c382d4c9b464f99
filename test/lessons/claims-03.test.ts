/**
 * Lesson 3's words must match what its labelers cell computes. Run the
 * lesson's own cell, with the real Fashion-MNIST items from public/data and
 * real TF.js training (wasm) in Node, and check each sentence: the labelers
 * are right 95% of the time on unambiguous items, kappa corrects for chance,
 * the worst class is an upper-body garment, revising the suggested classes
 * raises agreement and kappa and relabels only what the lesson says, and the
 * model trained on the revised labels does better on the clean test set —
 * for the lesson's seed and for the next four.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AMBIGUITY_PRESETS, CELL_OUTPUTS } from '../../src/notebook/cellSchemas.ts';
import type { LabelersCellSpec, LabelersParams } from '../../src/notebook/types.ts';
import { LabelersCellState, simulateLabelers } from '../../src/state/labelersCell.svelte.ts';
import type { CellDeps } from '../../src/state/cellDeps.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { initBackend } from '../../src/model/backend.ts';
import { fitAndEvaluate } from '../../src/model/heldOut.ts';
import { TrialPreparer } from '../../src/engine/trial.ts';
import type { Dataset } from '../../src/engine/types.ts';
import { nodeCodeApi, readLessonFile } from '../support/lessonFile.ts';

const file = 'lessons/03-labeler-consistency.md';
const { source, lesson, code } = readLessonFile(file);

const block = lesson.blocks.find((b) => b.kind === 'cell' && b.cell.id === 'labelers');
if (block?.kind !== 'cell' || block.cell.type !== 'labelers')
  throw new Error(`${file} has no labelers cell "labelers"`);
const spec: LabelersCellSpec = block.cell;

/** Shirt, T-shirt/top, Pullover, Coat: the classes the "upper-body" preset makes ambiguous. */
const UPPER_BODY = new Set(AMBIGUITY_PRESETS['upper-body']!.rules.map((r) => r.from));
const SHIRT = 6;

const datasets = new Map<string, Dataset>();
const preparers = new Map<Dataset, TrialPreparer>();
async function load(name: string): Promise<Dataset> {
  if (!datasets.has(name)) datasets.set(name, await loadDatasetFile(name));
  return datasets.get(name)!;
}
function preparerOf(dataset: Dataset): TrialPreparer {
  if (!preparers.has(dataset)) preparers.set(dataset, new TrialPreparer(dataset));
  return preparers.get(dataset)!;
}

/** The page's deps, in Node: the shipped data files, and the same fit-and-evaluate the workers run. */
const unused = () => Promise.reject(new Error('not used by the labelers cell'));
const deps: CellDeps = {
  loadDataset: load,
  trainer: {
    runTrial: unused,
    fitToy: unused,
    predictHeldOut: unused,
    fitAndEvaluate: async (request, options) =>
      fitAndEvaluate(preparerOf(await load(request.dataset)), request, { signal: options?.signal }),
  },
};

async function cellWith(patch: Partial<LabelersParams> = {}): Promise<LabelersCellState> {
  const cell = new LabelersCellState({ ...spec, params: { ...spec.params, ...patch } }, deps, () => 0);
  await cell.load();
  if (cell.data.kind !== 'ready')
    throw new Error(`could not load ${spec.params.dataset}: ${JSON.stringify(cell.data)}`);
  return cell;
}

describe(`${file}: claims`, () => {
  let cell: LabelersCellState;
  beforeAll(async () => {
    await initBackend('wasm');
    cell = await cellWith();
  }, 60_000);

  it('every {{labelers.key}} in the prose is an output of the labelers cell', () => {
    const keys = [...source.matchAll(/\{\{\s*labelers\.(\w+)\s*\}\}/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThanOrEqual(9);
    for (const key of keys) expect(CELL_OUTPUTS.labelers).toContain(key);
  });

  it('the cell is what the prose describes: two labelers, 95% accurate, on Fashion-MNIST with ambiguous upper-body garments', () => {
    expect(spec.params).toMatchObject({ dataset: 'fashion', labelers: 2, accuracy: 0.95, ambiguity: 'upper-body' });
    expect(cell.problems).toEqual([]);
  });

  it('"they get an unambiguous item right 95% of the time", but the upper-body garments less often', () => {
    const sim = cell.simulation!;
    for (const labels of sim.labels) {
      let right = 0;
      let unambiguous = 0;
      let rightAmbiguous = 0;
      let ambiguous = 0;
      sim.truth.forEach((truth, i) => {
        if (UPPER_BODY.has(truth)) {
          ambiguous++;
          rightAmbiguous += labels[i] === truth ? 1 : 0;
        } else {
          unambiguous++;
          right += labels[i] === truth ? 1 : 0;
        }
      });
      expect(right / unambiguous).toBeGreaterThan(0.93);
      expect(right / unambiguous).toBeLessThan(0.97);
      expect(rightAmbiguous / ambiguous).toBeLessThan(0.85);
    }
  });

  it('kappa corrects percent agreement for chance: chance agrees now and then, so kappa is below agreement', () => {
    const pair = cell.before!.pairs[0]!;
    if (!pair.kappa.defined) throw new Error('kappa is undefined on the lesson’s data');
    expect(pair.kappa.expected).toBeGreaterThan(0.05);
    expect(cell.outputs.kappa).toBeLessThan(cell.outputs.agreement as number);
    expect(cell.outputs.kappa).toBeGreaterThan(0);
  });

  it('the worst class is an upper-body garment, and the four worst classes are exactly those', () => {
    const worst = cell.before!.perClass.slice(0, 4).map((c) => c.class);
    expect(new Set(worst)).toEqual(UPPER_BODY);
    expect(['Shirt', 'T-shirt/top', 'Pullover', 'Coat']).toContain(cell.outputs.worstClass);
    expect(cell.suggested.length).toBeGreaterThan(0);
    expect(cell.suggested.every((c) => UPPER_BODY.has(c))).toBe(true);
  });

  it('revising the suggested classes raises agreement and kappa', () => {
    cell.revise(cell.suggested);
    expect(cell.outputs.revisedAgreement).toBeGreaterThan((cell.outputs.agreement as number) + 0.05);
    expect(cell.outputs.revisedKappa).toBeGreaterThan((cell.outputs.kappa as number) + 0.05);
    // And each labeler is now right more often.
    cell.after!.accuracies.forEach((a, r) => expect(a).toBeGreaterThan(cell.before!.accuracies[r]!));
  });

  it('"only the items of the revised classes — and of classes once mistaken for them — get new labels"', () => {
    const before = cell.simulation!;
    const preparer = preparerOf(datasets.get('fashion')!);
    const changedClasses = (revised: number[]) => {
      const after = simulateLabelers(preparer, cell.params, revised);
      const classes = new Set<number>();
      before.labels.forEach((labels, r) =>
        labels.forEach((label, i) => {
          if (after.labels[r]![i] !== label) classes.add(before.truth[i]!);
        }),
      );
      return classes;
    };
    // The suggested classes: every relabelled item is of a revised class.
    const suggested = changedClasses([...cell.suggested]);
    expect(suggested.size).toBeGreaterThan(0);
    for (const c of suggested) expect(cell.suggested).toContain(c);
    // Shirts only: shirts, and the garments that used to be sent to Shirt, change; nothing else does.
    const sentToShirt = AMBIGUITY_PRESETS['upper-body']!.rules.filter((r) => r.to.includes(SHIRT)).map((r) => r.from);
    const shirtOnly = changedClasses([SHIRT]);
    expect(shirtOnly.has(SHIRT)).toBe(true);
    for (const c of shirtOnly) expect([SHIRT, ...sentToShirt]).toContain(c);
  });

  it('the model trained on the revised labels does better on the clean test set (lesson seed and seeds 1–4)', async () => {
    cell.revise(cell.suggested);
    await cell.train();
    expect(cell.status.kind).toBe('done');
    expect(cell.outputs.accuracyAfter).toBeGreaterThan(cell.outputs.accuracyBefore as number);
    const trained = cell.trained!;
    // Graded on the labelers' own test labels, the gain looks several times larger than it is.
    const labelledGain = trained.after.accuracyLabelledTest! - trained.before.accuracyLabelledTest!;
    expect(labelledGain).toBeGreaterThan(2 * (trained.after.accuracy - trained.before.accuracy));
    for (const seed of [1, 2, 3, 4]) {
      const other = await cellWith({ seed });
      other.revise(other.suggested);
      await other.train();
      expect(other.outputs.accuracyAfter, `seed ${seed}`).toBeGreaterThan(other.outputs.accuracyBefore as number);
    }
  }, 120_000);

  it('"Try this": at 80% accuracy kappa falls further than percent agreement', async () => {
    const lower = await cellWith({ accuracy: 0.8 });
    const agreementDrop = (cell.outputs.agreement as number) - (lower.outputs.agreement as number);
    const kappaDrop = (cell.outputs.kappa as number) - (lower.outputs.kappa as number);
    expect(agreementDrop).toBeGreaterThan(0);
    expect(kappaDrop).toBeGreaterThan(agreementDrop);
  });

  it('"Try this": on digits with look-alike digits, the most confused pairs are the look-alikes', async () => {
    const digits = await cellWith({ dataset: 'digits', ambiguity: 'look-alike digits', items: 1000 });
    const lookAlike = new Set(['1-7', '4-9', '3-8']);
    const top = digits.before!.confusions.slice(0, 3).map((c) => c.pair.join('-'));
    expect(new Set(top)).toEqual(lookAlike);
  });

  it('with three labelers, Fleiss’ kappa and Krippendorff’s alpha summarise them, close to the mean Cohen’s kappa', async () => {
    const three = await cellWith({ labelers: 3 });
    const { fleiss, alpha, kappa } = three.outputs as Record<string, number>;
    expect(fleiss).toBeGreaterThan(0);
    expect(alpha).toBeGreaterThan(0);
    expect(Math.abs(fleiss! - kappa!)).toBeLessThan(0.02);
    expect(Math.abs(alpha! - fleiss!)).toBeLessThan(0.02);
  });

  it('the convention cell: two labelers with one wrong rule agree more often than either is right, and on shirts agree while being wrong', async () => {
    const convention = code('convention');
    const api = await nodeCodeApi(load);
    const result = await api.run(convention);
    if (!result.ok) throw new Error(result.failure.message);
    if (result.value.kind !== 'table') throw new Error(`convention returned ${result.value.kind}`);
    const { columns, rows } = result.value;
    const cell = (measure: string, column: string) =>
      rows.find((r) => r[0] === measure)![columns.indexOf(column)] as number;
    for (const who of ['A is right', 'B is right']) {
      expect(cell('A and B agree', 'all items (%)')).toBeGreaterThan(cell(who, 'all items (%)'));
      expect(cell(who, 'shirts (%)')).toBeLessThan(5);
    }
    expect(cell('A and B agree', 'shirts (%)')).toBeGreaterThan(85);
    expect(source).toMatch(/agree almost every time while getting almost every one wrong/);

    // "Try this": with the rule followed on half the shirts, each labeler's own half, they disagree on shirts.
    const half = convention.replace('rate: 1 }', 'rate: 0.5 }');
    expect(half).not.toBe(convention);
    const partial = await api.run(half);
    if (!partial.ok || partial.value.kind !== 'table') throw new Error('the half-rule variant did not return a table');
    const shirtsAgree = partial.value.rows[0]![partial.value.columns.indexOf('shirts (%)')] as number;
    expect(shirtsAgree).toBeLessThan(70);
  });
});
