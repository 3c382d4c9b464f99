/**
 * The error-analysis part of the `lab` object (docs/lab-api.md, “Slices”):
 * Fashion-MNIST (or digits) cut into tagged slices — clean, noisy
 * background, low contrast, rotated — with the low-contrast labels noisier,
 * per-slice accuracy beside a human-level stand-in, and the three actions an
 * error analysis leads to. Checked wrappers over src/engine/slices and the
 * same logistic regression / MLP the other cells train.
 */
import { DATASETS, isDatasetName, type DatasetName } from '../engine/datasets.ts';
import { memoizeAsync } from '../engine/memoize.ts';
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
import { MODEL_KINDS, type Dataset, type ModelKind } from '../engine/types.ts';
import { fitModel } from '../model/fit.ts';

export interface SliceLabDeps {
  readonly loadDataset: (name: DatasetName) => Promise<Dataset>;
}

type Options = Readonly<Record<string, unknown>>;

function readOptions(where: string, value: unknown, known: readonly string[]): Options {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(
      `${where}: pass an options object, e.g. ${where}({ ${known[0]}: … }); got ${JSON.stringify(value)}`,
    );
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new TypeError(`${where}: unknown option "${key}" (known: ${known.join(', ')})`);
  }
  return value as Options;
}

function readInteger(where: string, name: string, value: unknown, fallback: number, lo: number, hi: number): number {
  const v = value ?? fallback;
  if (typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi) return v;
  throw new RangeError(`${where}: ${name} must be a whole number from ${lo} to ${hi}; got ${JSON.stringify(v)}`);
}

function readChoice<T extends string>(
  where: string,
  name: string,
  value: unknown,
  fallback: T,
  choices: readonly T[],
): T {
  const v = value ?? fallback;
  if (typeof v === 'string' && (choices as readonly string[]).includes(v)) return v as T;
  throw new RangeError(
    `${where}: ${name} must be one of ${choices.map((c) => `'${c}'`).join(', ')}; got ${JSON.stringify(v)}`,
  );
}

/** One slice's line of the error-analysis table (means over seeds). */
export interface SliceRow {
  readonly slice: string;
  /** Share of the test set (and of the pool) in this slice. */
  readonly share: number;
  /** Training examples from this slice (mean over seeds). */
  readonly trainCount: number;
  /** Share of this slice's pool labels the labellers got wrong. */
  readonly labelNoise: number;
  /** Accuracy on this slice of the clean test set. */
  readonly accuracy: number;
  /** The human-level stand-in's accuracy on this slice. */
  readonly humanLevel: number;
  /** humanLevel − accuracy: the room to improve. */
  readonly gap: number;
  /** share · gap: how much the overall accuracy would rise if this slice reached human level. */
  readonly potential: number;
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
  readonly trainSize: number;
  readonly overall: { readonly accuracy: number; readonly humanLevel: number; readonly gap: number };
  readonly slices: SliceRow[];
}

const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

export function createSliceLab(deps: SliceLabDeps) {
  const load = memoizeAsync((name: string) => deps.loadDataset(name as DatasetName));
  const world = memoizeAsync(async (key: string) => {
    const [name, seed] = key.split(':') as [DatasetName, string];
    const data = await load(name);
    const preparer = new TrialPreparer(data);
    const w = sliceWorld(data, preparer.split, { ...DEFAULT_SLICE_WORLD, seed: Number(seed) });
    // The world's own preparer: same split and pool orders, corrupted images.
    return { world: w, preparer: new TrialPreparer(w.dataset) };
  });

  /** Per-slice test accuracy of a model trained on rows/labels. */
  async function perSlice(
    w: SliceWorld,
    p: TrialPreparer,
    model: ModelKind,
    rows: Int32Array,
    labels: Int32Array,
    seed: number,
  ) {
    const fit = await fitModel(model, gatherRows(w.dataset, rows, labels), { seed });
    try {
      const predicted = fit.classifier.predict(p.test.x, p.test.n);
      const slice = Uint8Array.from(p.split.test, (row) => w.slice[row]!);
      return {
        overall: accuracyBySlice(predicted, p.test.y, new Uint8Array(p.test.n), 1)[0]!.accuracy,
        slices: accuracyBySlice(predicted, p.test.y, slice, SLICES.length).map((a) => a.accuracy),
      };
    } finally {
      fit.classifier.dispose();
    }
  }

  /** The human-level stand-in: the same model trained on the whole pool with correct labels. */
  const humanLevel = memoizeAsync(async (key: string) => {
    const [name, seed, model] = key.split(':') as [DatasetName, string, ModelKind];
    const { world: w, preparer: p } = await world(`${name}:${seed}`);
    const rows = p.split.pool;
    return perSlice(
      w,
      p,
      model,
      rows,
      Int32Array.from(rows, (row) => w.dataset.y[row]!),
      Number(seed),
    );
  });

  async function report(where: string, options: unknown, withAction: boolean): Promise<SliceReport> {
    const known = ['dataset', 'size', 'seeds', 'seed', 'model'];
    const o = readOptions(where, options, withAction ? [...known, 'action', 'slice', 'count'] : known);
    const dataset = readChoice(where, 'dataset', o.dataset, 'fashion', Object.keys(DATASETS).filter(isDatasetName));
    const info = DATASETS[dataset];
    const size = readInteger(where, 'size', o.size, 1000, 50, Math.floor(info.poolSize / 2));
    const seeds = readInteger(where, 'seeds', o.seeds, 3, 1, 10);
    const first = readInteger(where, 'seed', o.seed, 0, 0, 1_000_000);
    const model = readChoice(where, 'model', o.model, 'logreg', MODEL_KINDS);
    const action = withAction ? readChoice(where, 'action', o.action, 'none', SLICE_ACTIONS) : 'none';
    const sliceName = readChoice(where, 'slice', o.slice, 'low contrast', SLICES);
    const count = readInteger(where, 'count', o.count, 200, 1, Math.floor(info.poolSize / 2));
    const slice = SLICES.indexOf(sliceName);

    const runs: {
      trained: { overall: number; slices: number[] };
      human: { overall: number; slices: number[] };
      trainCount: number[];
      changed: number;
      trainSize: number;
    }[] = [];
    for (let seed = first; seed < first + seeds; seed++) {
      const { world: w, preparer: p } = await world(`${dataset}:${seed}`);
      let set;
      try {
        set = sliceTrainingSet(w, p.order(seed), { size, action, slice, count });
      } catch (error) {
        throw new RangeError(`${where}: ${(error as Error).message.replace(/^sliceTrainingSet: /, '')}`, {
          cause: error,
        });
      }
      const trained = await perSlice(w, p, model, set.rows, set.labels, seed);
      const human = await humanLevel(`${dataset}:${seed}:${model}`);
      const trainCount = SLICES.map((_, s) => set.rows.filter((row) => w.slice[row] === s).length);
      runs.push({ trained, human, trainCount, changed: set.changed, trainSize: set.rows.length });
    }
    const { world: w0, preparer: p0 } = await world(`${dataset}:${first}`);
    const testCount = SLICES.map((_, s) => p0.split.test.filter((row) => w0.slice[row] === s).length);
    const slices = SLICES.map((name, s) => {
      const accuracy = mean(runs.map((r) => r.trained.slices[s]!));
      const human = mean(runs.map((r) => r.human.slices[s]!));
      const share = testCount[s]! / p0.split.test.length;
      return {
        slice: name,
        share,
        trainCount: mean(runs.map((r) => r.trainCount[s]!)),
        labelNoise: DEFAULT_SLICE_WORLD.labelNoise[s]!,
        accuracy,
        humanLevel: human,
        gap: human - accuracy,
        potential: share * (human - accuracy),
      };
    });
    const accuracy = mean(runs.map((r) => r.trained.overall));
    const human = mean(runs.map((r) => r.human.overall));
    return {
      dataset,
      model,
      seeds,
      action,
      slice: action === 'addSlice' || action === 'cleanSlice' ? sliceName : null,
      changed: mean(runs.map((r) => r.changed)),
      trainSize: mean(runs.map((r) => r.trainSize)),
      overall: { accuracy, humanLevel: human, gap: human - accuracy },
      slices,
    };
  }

  return {
    /** The slice names, in the order every report lists them. */
    sliceNames: [...SLICES] as string[],

    /**
     * Error analysis by slice: a model trained on `size` examples (labellers'
     * labels), its accuracy per slice of the clean test set beside the
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
