/**
 * The error-analysis part of the `lab` object (docs/lab-api.md, “Slices”):
 * Fashion-MNIST (or digits) cut into tagged slices — clean, noisy
 * background, low contrast, rotated — with the low-contrast labels noisier,
 * per-slice accuracy beside a human-level stand-in on a validation set (for
 * choosing) and on the clean test set (for the final comparison), and the
 * three actions an error analysis leads to. Checked wrappers over src/engine/slices and the
 * same logistic regression / MLP the other cells train.
 */
import { DATASETS, type DatasetName } from '../engine/datasets.ts';
import { boundedMemo, memoizeAsync } from '../engine/memoize.ts';
import { specHash } from '../engine/specHash.ts';
import { gatherRows, TrialPreparer } from '../engine/trial.ts';
import {
  accuracyBySlice,
  DEFAULT_SLICE_WORLD,
  SLICE_ACTIONS,
  SLICES,
  sliceTrainingSet,
  sliceWorld,
  type SliceAction,
  type SliceWorld,
} from '../engine/slices/index.ts';
import type { Dataset, LabelledMatrix, ModelKind } from '../engine/types.ts';
import { fitModel } from '../model/fit.ts';
import { readChoice, readDataset, readInteger, readModel, readOptions } from './codeOptions.ts';
import { computeAlways, type Keep } from './labStore.ts';

export interface SliceLabDeps {
  readonly loadDataset: (name: DatasetName) => Promise<Dataset>;
  /** Takes a result from the code workers' shared store, or computes it (labStore.ts). */
  readonly keep?: Keep;
}

/** One slice's line of the error-analysis table (means over seeds). */
export interface SliceRow {
  readonly slice: string;
  /** Share of the test set (and of the pool) in this slice. */
  readonly share: number;
  /** Training examples from this slice (mean over seeds). */
  readonly trainCount: number;
  /** Share of this slice's pool labels (training and validation) the labellers got wrong. */
  readonly labelNoise: number;
  /** Validation examples in this slice (mean over seeds). */
  readonly validationCount: number;
  /** Accuracy on this slice of the validation set, against the labellers' labels. */
  readonly validationAccuracy: number;
  /** The human-level stand-in's accuracy on this slice of the validation set, against the same labels. */
  readonly validationHumanLevel: number;
  /** validationHumanLevel − validationAccuracy: the room to improve, as a choice may see it. */
  readonly validationGap: number;
  /** share · validationGap: how much the overall accuracy would rise if this slice reached human level. */
  readonly potential: number;
  /** Accuracy on this slice of the clean test set (for the final comparison only). */
  readonly accuracy: number;
  /** The human-level stand-in's accuracy on this slice of the test set. */
  readonly humanLevel: number;
  /** humanLevel − accuracy, on the test set. */
  readonly gap: number;
}

export interface SliceReport {
  readonly dataset: DatasetName;
  readonly model: ModelKind;
  readonly seeds: number;
  readonly action: SliceAction;
  /** The slice added from or cleaned, or null. */
  readonly slice: string | null;
  /** Examples added or labels corrected (mean over seeds). */
  readonly changed: number;
  /** cleanSlice: labels checked, every training example of the slice (mean over seeds); otherwise 0. */
  readonly checked: number;
  readonly trainSize: number;
  readonly validationSize: number;
  /** On all validation examples (labellers' labels). */
  readonly validation: { readonly accuracy: number; readonly humanLevel: number; readonly gap: number };
  /** On all test examples (true labels). */
  readonly overall: { readonly accuracy: number; readonly humanLevel: number; readonly gap: number };
  readonly slices: SliceRow[];
}

const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

export function createSliceLab(deps: SliceLabDeps) {
  const keep = deps.keep ?? computeAlways;
  const load = memoizeAsync((name: string) => deps.loadDataset(name as DatasetName));
  const world = memoizeAsync(async (key: string) => {
    const [name, seed] = key.split(':') as [DatasetName, string];
    const data = await load(name);
    const preparer = new TrialPreparer(data);
    const s = Number(seed);
    const w = sliceWorld(data, preparer.split, { ...DEFAULT_SLICE_WORLD, seed: s }, preparer.order(s));
    // The world's own preparer: same split and pool orders, corrupted images.
    const p = new TrialPreparer(w.dataset);
    // Validation as a project has it: the labellers' labels.
    const validation = gatherRows(
      w.dataset,
      w.validation,
      Int32Array.from(w.validation, (row) => w.given[row]!),
    );
    return { world: w, preparer: p, validation };
  });

  type Measured = { overall: number; slices: number[] };

  /** Accuracy overall and per slice of `predicted` on `rows` against `truth`. */
  function measure(w: SliceWorld, rows: Int32Array, predicted: Int32Array, truth: Int32Array): Measured {
    const slice = Uint8Array.from(rows, (row) => w.slice[row]!);
    return {
      overall: accuracyBySlice(predicted, truth, new Uint8Array(rows.length), 1)[0]!.accuracy,
      slices: accuracyBySlice(predicted, truth, slice, SLICES.length).map((a) => a.accuracy),
    };
  }

  /** Validation and test accuracy, overall and per slice, of a model trained on rows/labels. */
  async function perSlice(
    key: { w: SliceWorld; p: TrialPreparer; validation: LabelledMatrix },
    model: ModelKind,
    rows: Int32Array,
    labels: Int32Array,
    seed: number,
  ): Promise<{ validation: Measured; test: Measured }> {
    const { w, p, validation } = key;
    const fit = await fitModel(model, gatherRows(w.dataset, rows, labels), { seed });
    try {
      return {
        validation: measure(w, w.validation, fit.classifier.predict(validation.x, validation.n), validation.y),
        test: measure(w, p.split.test, fit.classifier.predict(p.test.x, p.test.n), p.test.y),
      };
    } finally {
      fit.classifier.dispose();
    }
  }

  // A training set asked for again (the data as it is, which lab.slices and every sliceExperiment with
  // action 'none' train on) is taken from here: training is deterministic.
  const trainedFits = boundedMemo<{ validation: Measured; test: Measured }>(200);

  /**
   * The human-level stand-in: the same model trained on every training row
   * of the pool (all but validation) with correct labels.
   */
  const humanLevel = memoizeAsync((key: string) => keep(`slices.human:${key}`, () => standIn(key)));
  async function standIn(key: string) {
    const [name, seed, model] = key.split(':') as [DatasetName, string, ModelKind];
    const { world: w, preparer: p, validation } = await world(`${name}:${seed}`);
    const rows = p.split.pool.filter((row) => !w.isValidation[row]);
    return perSlice(
      { w, p, validation },
      model,
      rows,
      Int32Array.from(rows, (row) => w.dataset.y[row]!),
      Number(seed),
    );
  }

  async function report(where: string, options: unknown, withAction: boolean): Promise<SliceReport> {
    const known = ['dataset', 'size', 'seeds', 'seed', 'model'];
    const o = readOptions(where, options, withAction ? [...known, 'action', 'slice', 'count'] : known);
    const dataset = readDataset(where, o.dataset, 'fashion');
    const info = DATASETS[dataset];
    const size = readInteger(where, 'size', o.size, 1000, 50, Math.floor(info.poolSize / 2));
    const seeds = readInteger(where, 'seeds', o.seeds, 3, 1, 10);
    const first = readInteger(where, 'seed', o.seed, 0, 0, 1_000_000);
    const model = readModel(where, o.model);
    const action = withAction ? readChoice(where, 'action', o.action, 'none', SLICE_ACTIONS) : 'none';
    const sliceName = readChoice(where, 'slice', o.slice, 'low contrast', SLICES);
    const count = readInteger(where, 'count', o.count, 200, 1, Math.floor(info.poolSize / 2));
    const slice = SLICES.indexOf(sliceName);

    const runs: {
      trained: { validation: Measured; test: Measured };
      human: { validation: Measured; test: Measured };
      trainCount: number[];
      validationCount: number[];
      changed: number;
      checked: number;
      trainSize: number;
      validationSize: number;
    }[] = [];
    for (let seed = first; seed < first + seeds; seed++) {
      const { world: w, preparer: p, validation } = await world(`${dataset}:${seed}`);
      let set;
      try {
        set = sliceTrainingSet(w, p.order(seed), { size, action, slice, count });
      } catch (error) {
        throw new RangeError(`${where}: ${(error as Error).message.replace(/^sliceTrainingSet: /, '')}`, {
          cause: error,
        });
      }
      const trained = await trainedFits(specHash({ dataset, seed, model, rows: set.rows, labels: set.labels }), () =>
        perSlice({ w, p, validation }, model, set.rows, set.labels, seed),
      );
      const human = await humanLevel(`${dataset}:${seed}:${model}`);
      const perSliceCount = (rows: Int32Array) => SLICES.map((_, s) => rows.filter((row) => w.slice[row] === s).length);
      runs.push({
        trained,
        human,
        trainCount: perSliceCount(set.rows),
        validationCount: perSliceCount(w.validation),
        changed: set.changed,
        checked: set.checked,
        trainSize: set.rows.length,
        validationSize: w.validation.length,
      });
    }
    const { world: w0, preparer: p0 } = await world(`${dataset}:${first}`);
    const testCount = SLICES.map((_, s) => p0.split.test.filter((row) => w0.slice[row] === s).length);
    const slices = SLICES.map((name, s) => {
      const validationAccuracy = mean(runs.map((r) => r.trained.validation.slices[s]!));
      const validationHumanLevel = mean(runs.map((r) => r.human.validation.slices[s]!));
      const accuracy = mean(runs.map((r) => r.trained.test.slices[s]!));
      const human = mean(runs.map((r) => r.human.test.slices[s]!));
      const share = testCount[s]! / p0.split.test.length;
      return {
        slice: name,
        share,
        trainCount: mean(runs.map((r) => r.trainCount[s]!)),
        labelNoise: DEFAULT_SLICE_WORLD.labelNoise[s]!,
        validationCount: mean(runs.map((r) => r.validationCount[s]!)),
        validationAccuracy,
        validationHumanLevel,
        validationGap: validationHumanLevel - validationAccuracy,
        potential: share * (validationHumanLevel - validationAccuracy),
        accuracy,
        humanLevel: human,
        gap: human - accuracy,
      };
    });
    const overall = (of: 'validation' | 'test') => {
      const accuracy = mean(runs.map((r) => r.trained[of].overall));
      const humanLevel = mean(runs.map((r) => r.human[of].overall));
      return { accuracy, humanLevel, gap: humanLevel - accuracy };
    };
    return {
      dataset,
      model,
      seeds,
      action,
      slice: action === 'addSlice' || action === 'cleanSlice' ? sliceName : null,
      changed: mean(runs.map((r) => r.changed)),
      checked: mean(runs.map((r) => r.checked)),
      trainSize: mean(runs.map((r) => r.trainSize)),
      validationSize: mean(runs.map((r) => r.validationSize)),
      validation: overall('validation'),
      overall: overall('test'),
      slices,
    };
  }

  return {
    /** The slice names, in the order every report lists them. */
    sliceNames: [...SLICES] as string[],

    /**
     * Error analysis by slice: a model trained on `size` examples (labellers'
     * labels), its accuracy per slice of the validation set (for choosing)
     * and of the clean test set (for the final comparison), each beside the
     * human-level stand-in, means over `seeds` seeds.
     */
    slices(options?: unknown): Promise<SliceReport> {
      return report('lab.slices', options, false);
    },

    /** The same report after one action: add `count` at random, add `count` from `slice`, or clean `slice`'s labels. */
    sliceExperiment(options?: unknown): Promise<SliceReport> {
      return report('lab.sliceExperiment', options, true);
    },
  };
}
