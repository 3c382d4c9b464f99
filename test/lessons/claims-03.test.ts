/**
 * Lesson 3's words must match what its cells compute, for any seed. Run the
 * lesson's own labelers cells, with the real Fashion-MNIST items from
 * public/data and real TF.js training (wasm) in Node, over 20 seeds (the
 * cell's seed 0 and the next 19), and its convention cell over 20 pairs of
 * labeler seeds, and check that each sentence holds in at least 90% of them:
 * the labelers are right 95% of the time on unambiguous items, kappa corrects
 * for chance, the worst classes are the upper-body garments, revising the
 * suggested classes raises agreement and kappa and relabels only what the
 * lesson says, the model trained on the revised labels does better on the
 * clean test set, three equally careful labelers' Fleiss' kappa and
 * Krippendorff's alpha lie within 0.001 of their mean Cohen's kappa, and the
 * "Try this" answers.
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
import { expectMostly, seedsFrom } from '../support/seedSweep.ts';

const file = 'lessons/03-labeler-consistency.md';
const { source, lesson, code } = readLessonFile(file);

const block = lesson.blocks.find((b) => b.kind === 'cell' && b.cell.id === 'labelers');
if (block?.kind !== 'cell' || block.cell.type !== 'labelers')
  throw new Error(`${file} has no labelers cell "labelers"`);
const spec: LabelersCellSpec = block.cell;
const threeBlock = lesson.blocks.find((b) => b.kind === 'cell' && b.cell.id === 'three');
if (threeBlock?.kind !== 'cell' || threeBlock.cell.type !== 'labelers')
  throw new Error(`${file} has no labelers cell "three"`);
const threeSpec: LabelersCellSpec = threeBlock.cell;

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

async function cellWith(patch: Partial<LabelersParams> = {}, of: LabelersCellSpec = spec): Promise<LabelersCellState> {
  const cell = new LabelersCellState({ ...of, params: { ...of.params, ...patch } }, deps, () => 0);
  await cell.load();
  if (cell.data.kind !== 'ready')
    throw new Error(`could not load ${spec.params.dataset}: ${JSON.stringify(cell.data)}`);
  return cell;
}

const SEEDS = seedsFrom(0, 20);
type Outputs = Record<string, number | string | null>;

/** What one seed gave: the lesson's cell as it opens, after the revision and training, and the Try-this variants. */
interface Run {
  seed: number;
  /** Per labeler: [right on unambiguous items, right on upper-body garments]. */
  rightShares: [number, number][];
  expected: number | null;
  before: Outputs;
  fourWorst: number[];
  suggested: number[];
  /** Classes whose items got a new label when the suggested classes / the shirt class alone were revised. */
  changedSuggested: number[];
  changedShirt: number[];
  accuraciesBefore: readonly number[];
  accuraciesAfter: readonly number[];
  after: Outputs;
  labelledGain: number;
  lower: Outputs;
  digitsTop3: string[];
  three: Outputs;
}

function rightShares(cell: LabelersCellState): [number, number][] {
  const sim = cell.simulation!;
  return sim.labels.map((labels) => {
    let [right, unambiguous, rightAmbiguous, ambiguous] = [0, 0, 0, 0];
    sim.truth.forEach((truth, i) => {
      if (UPPER_BODY.has(truth)) {
        ambiguous++;
        rightAmbiguous += labels[i] === truth ? 1 : 0;
      } else {
        unambiguous++;
        right += labels[i] === truth ? 1 : 0;
      }
    });
    return [right / unambiguous, rightAmbiguous / ambiguous];
  });
}

/** The classes whose items get a new label from some labeler when `revised` are revised. */
function changedClasses(cell: LabelersCellState, revised: number[]): number[] {
  const before = cell.simulation!;
  const after = simulateLabelers(preparerOf(datasets.get(cell.params.dataset)!), cell.params, revised);
  const classes = new Set<number>();
  before.labels.forEach((labels, r) =>
    labels.forEach((label, i) => {
      if (after.labels[r]![i] !== label) classes.add(before.truth[i]!);
    }),
  );
  return [...classes];
}

let runs: Run[];
beforeAll(async () => {
  await initBackend('wasm');
  runs = [];
  for (const seed of SEEDS) {
    const cell = await cellWith({ seed });
    const pair = cell.before!.pairs[0]!;
    const before = { ...cell.outputs };
    const suggested = [...cell.suggested];
    const row = {
      seed,
      rightShares: rightShares(cell),
      expected: pair.kappa.defined ? pair.kappa.expected : null,
      before,
      fourWorst: cell.before!.perClass.slice(0, 4).map((c) => c.class),
      suggested,
      changedSuggested: changedClasses(cell, suggested),
      changedShirt: changedClasses(cell, [SHIRT]),
    };
    cell.revise(cell.suggested);
    await cell.train();
    if (cell.status.kind !== 'done') throw new Error(`seed ${seed}: training ended ${cell.status.kind}`);
    const trained = cell.trained!;
    const lower = await cellWith({ seed, accuracy: 0.8 });
    const digits = await cellWith({ seed, dataset: 'digits', ambiguity: 'look-alike digits', items: 1000 });
    const three = await cellWith({ seed }, threeSpec);
    runs.push({
      ...row,
      accuraciesBefore: cell.before!.accuracies,
      accuraciesAfter: cell.after!.accuracies,
      after: { ...cell.outputs },
      labelledGain: trained.after.accuracyLabelledTest! - trained.before.accuracyLabelledTest!,
      lower: lower.outputs,
      digitsTop3: digits.before!.confusions.slice(0, 3).map((c) => c.pair.join('-')),
      three: three.outputs,
    });
  }
}, 900_000);

const num = (o: Outputs, key: string) => o[key] as number;

describe(`${file}: claims, over 20 seeds`, () => {
  it('every {{labelers.key}} and {{three.key}} in the prose is an output of a labelers cell', () => {
    const keys = [...source.matchAll(/\{\{\s*(?:labelers|three)\.(\w+)\s*\}\}/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThanOrEqual(12);
    for (const key of keys) expect(CELL_OUTPUTS.labelers).toContain(key);
  });

  it('the cells are what the prose describes: two (then three) labelers, 95% accurate, on Fashion-MNIST with ambiguous upper-body garments, the same items', () => {
    expect(spec.params).toMatchObject({ dataset: 'fashion', labelers: 2, accuracy: 0.95, ambiguity: 'upper-body' });
    expect(threeSpec.params).toEqual({ ...spec.params, labelers: 3 });
  });

  it('"they get an unambiguous item right 95% of the time", but the upper-body garments less often', () => {
    expectMostly(
      'each labeler right on 93–97% of unambiguous items, < 85% of upper-body garments',
      runs,
      (run) => run.rightShares.every(([plain, upper]) => plain > 0.93 && plain < 0.97 && upper < 0.85),
      (run) => 100 * Math.min(...run.rightShares.map(([plain]) => plain)),
    );
  });

  it('"two labelers choosing at random … would still agree now and then. Cohen\'s kappa corrects for that": chance agreement > 5%, 0 < kappa < agreement', () => {
    expectMostly(
      'chance agreement > 5% and 0 < kappa < agreement',
      runs,
      (run) =>
        run.expected !== null &&
        run.expected > 0.05 &&
        num(run.before, 'kappa') > 0 &&
        num(run.before, 'kappa') < num(run.before, 'agreement'),
      (run) => num(run.before, 'agreement') - num(run.before, 'kappa'),
    );
  });

  it("the worst class is an upper-body garment (one of the self-check's choices), and the four worst classes are exactly those", () => {
    expectMostly(
      'the four worst classes are Shirt, T-shirt/top, Pullover and Coat; the ticked classes are among them',
      runs,
      (run) =>
        run.fourWorst.every((c) => UPPER_BODY.has(c)) &&
        ['Shirt', 'T-shirt/top', 'Pullover', 'Coat'].includes(run.before.worstClass as string) &&
        run.suggested.length > 0 &&
        run.suggested.every((c) => UPPER_BODY.has(c)),
    );
  });

  it('revising the suggested classes raises agreement and kappa, and each labeler is right more often', () => {
    expectMostly(
      'revised agreement and kappa > 5 points higher; every labeler more accurate',
      runs,
      (run) =>
        num(run.after, 'revisedAgreement') > num(run.before, 'agreement') + 0.05 &&
        num(run.after, 'revisedKappa') > num(run.before, 'kappa') + 0.05 &&
        run.accuraciesAfter.every((a, r) => a > run.accuraciesBefore[r]!),
      (run) => 100 * (num(run.after, 'revisedAgreement') - num(run.before, 'agreement')),
    );
  });

  it('"only the items of the revised classes — and of classes that used to be mistaken for them — get new labels"', () => {
    const sentToShirt = AMBIGUITY_PRESETS['upper-body']!.rules.filter((r) => r.to.includes(SHIRT)).map((r) => r.from);
    expectMostly(
      'only items of revised classes (or of classes sent to Shirt) relabelled',
      runs,
      (run) =>
        run.changedSuggested.length > 0 &&
        run.changedSuggested.every((c) => run.suggested.includes(c)) &&
        run.changedShirt.includes(SHIRT) &&
        run.changedShirt.every((c) => [SHIRT, ...sentToShirt].includes(c)),
    );
  });

  it("the model trained on the revised labels does better on the clean test set, and graded on the labelers' own test labels the gain looks larger", () => {
    expectMostly(
      'clean test accuracy after > before',
      runs,
      (run) => num(run.after, 'accuracyAfter') > num(run.after, 'accuracyBefore'),
      (run) => 100 * (num(run.after, 'accuracyAfter') - num(run.after, 'accuracyBefore')),
    );
    expectMostly(
      "gain on the labelers' test labels > the clean gain",
      runs,
      (run) => run.labelledGain > num(run.after, 'accuracyAfter') - num(run.after, 'accuracyBefore'),
      (run) => 100 * run.labelledGain,
    );
  });

  it('"Try this": at 80% accuracy kappa falls further than percent agreement', () => {
    expectMostly(
      'at 80%: kappa drop > agreement drop > 0',
      runs,
      (run) => {
        const agreementDrop = num(run.before, 'agreement') - num(run.lower, 'agreement');
        const kappaDrop = num(run.before, 'kappa') - num(run.lower, 'kappa');
        return agreementDrop > 0 && kappaDrop > agreementDrop;
      },
      (run) =>
        (num(run.before, 'kappa') - num(run.lower, 'kappa')) /
        (num(run.before, 'agreement') - num(run.lower, 'agreement')),
    );
  });

  it('"Try this": on digits with look-alike digits, the most confused pairs are the look-alikes', () => {
    const lookAlike = ['1-7', '3-8', '4-9'];
    expectMostly('digits: the three most confused pairs are 1-7, 4-9 and 3-8', runs, (run) =>
      lookAlike.every((p) => run.digitsTop3.includes(p)),
    );
  });

  it("three equally careful labelers: Fleiss' kappa and Krippendorff's alpha \"within a thousandth\" of the pairs' mean kappa", () => {
    expectMostly(
      '|Fleiss − mean kappa| < 0.001 and |alpha − mean kappa| < 0.001',
      runs,
      (run) => {
        const { fleiss, alpha, kappa } = run.three as Record<string, number>;
        return fleiss! > 0 && alpha! > 0 && Math.abs(fleiss! - kappa!) < 0.001 && Math.abs(alpha! - kappa!) < 0.001;
      },
      (run) => Math.abs(num(run.three, 'fleiss') - num(run.three, 'kappa')),
    );
  });

  it('the convention cell: two labelers with one wrong rule agree more often than either is right, and on shirts agree while being wrong (20 pairs of labeler seeds)', async () => {
    const convention = code('convention');
    expect(convention).toContain('const a = label(1);');
    expect(convention).toContain('const b = label(2);');
    expect(source).toMatch(/agree almost every time while getting almost every one wrong/);
    const api = await nodeCodeApi(load);
    type Cell = (measure: string, column: string) => number;
    const run = async (src: string): Promise<Cell> => {
      const result = await api.run(src);
      if (!result.ok || result.value.kind !== 'table') throw new Error(`convention: ${JSON.stringify(result)}`);
      const { columns, rows } = result.value;
      return (measure, column) => rows.find((r) => r[0] === measure)![columns.indexOf(column)] as number;
    };
    const pairs: { seed: number; full: Cell; half: Cell }[] = [];
    for (const seed of SEEDS) {
      const src = convention
        .replace('label(1)', `label(${2 * seed + 1})`)
        .replace('label(2)', `label(${2 * seed + 2})`);
      const half = src.replace('rate: 1 }', 'rate: 0.5 }');
      expect(half).not.toBe(src);
      pairs.push({ seed, full: await run(src), half: await run(half) });
    }
    expectMostly(
      'agree (all items) > each right; shirts: each right < 5%, agree > 85%',
      pairs,
      ({ full }) =>
        ['A is right', 'B is right'].every(
          (who) => full('A and B agree', 'all items (%)') > full(who, 'all items (%)') && full(who, 'shirts (%)') < 5,
        ) && full('A and B agree', 'shirts (%)') > 85,
      ({ full }) => full('A and B agree', 'shirts (%)'),
    );
    // "Try this": with the rule followed on half the shirts, each labeler's own half, they disagree on shirts.
    expectMostly(
      'rate 0.5: agreement on shirts < 70%',
      pairs,
      ({ half }) => half('A and B agree', 'shirts (%)') < 70,
      ({ half }) => half('A and B agree', 'shirts (%)'),
    );
  });
});
