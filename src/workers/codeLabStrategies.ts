/**
 * The model-centric vs. data-centric part of the `lab` object
 * (docs/lab-api.md, “Strategies”), for lesson 6. Both functions start from
 * the same noisy training set (the first `size` examples of seed `seed`'s
 * order, with `noise` in their labels) and the same validation set (the last
 * `validation` examples of that order, labelled by the same noisy process):
 *
 * - `lab.trainModel` holds the data and changes the model (hidden units, L2,
 *   iterations);
 * - `lab.improveData` holds the model and changes the data: a person reviews
 *   the labels confident learning flags as most suspect and corrects them,
 *   and/or labels new examples of the classes the model gets wrong most on
 *   the validation set, taken from the unused part of the pool.
 *
 * Accuracy is always measured on the clean test set; the validation accuracy
 * (against noisy labels, as a project would have them) is what a strategy may
 * choose by. Pipeline steps are pure functions in src/engine/strategies.
 */
import { detectLabelIssues, foldSplits, outOfFoldProbabilities, STREAM_FOLDS } from '../engine/confident/index.ts';
import { DATASETS, isDatasetName, type DatasetName } from '../engine/datasets.ts';
import { accuracy } from '../engine/metrics.ts';
import { applyNoise, NOISE_KINDS, validateNoiseSpec, type NoiseSpec } from '../engine/noise/index.ts';
import { createRandom } from '../engine/random.ts';
import { confusedClasses, reviewLabels, targetedRows } from '../engine/strategies/index.ts';
import { CLEAN, gatherRows, type TrialPreparer } from '../engine/trial.ts';
import { MODEL_KINDS, type ModelKind } from '../engine/types.ts';
import { fitModel, type ModelSettings } from '../model/fit.ts';
import { predictHeldOut } from '../model/heldOut.ts';

/** Randomness stream of the validation labels' noise: createRandom(seed, STREAM_VALIDATION, validation). */
const STREAM_VALIDATION = 51;

export interface StrategiesLabDeps {
  /** The (memoized) trial preparer of a data set: its pool / test split and rows. */
  readonly preparer: (name: DatasetName) => Promise<TrialPreparer>;
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

function readNumber(
  where: string,
  name: string,
  value: unknown,
  fallback: number,
  lo: number,
  hi: number,
  whole = true,
) {
  const v = value ?? fallback;
  if (typeof v === 'number' && (!whole || Number.isInteger(v)) && v >= lo && v <= hi) return v;
  throw new RangeError(
    `${where}: ${name} must be a ${whole ? 'whole number' : 'number'} from ${lo} to ${hi}; got ${JSON.stringify(v)}`,
  );
}

const SUPPORTED_NOISE = ['uniform', 'pairs', 'systematic'];

function readNoise(where: string, value: unknown, classes: number): NoiseSpec {
  if (value === 0) return CLEAN;
  if (typeof value === 'number') {
    if (value >= 0 && value <= 0.9) return { kind: 'uniform', rate: value };
    throw new RangeError(`${where}: noise must be a rate from 0 to 0.9 (e.g. 0.2) or a noise spec; got ${value}`);
  }
  if (typeof value !== 'object' || value === null || !('kind' in value)) {
    throw new TypeError(
      `${where}: noise must be a rate (e.g. 0.2) or an object with kind: ${NOISE_KINDS.join(' | ')}; got ${JSON.stringify(value)}`,
    );
  }
  const spec = value as NoiseSpec;
  if (!SUPPORTED_NOISE.includes(spec.kind)) {
    throw new RangeError(
      `${where}: noise kind must be one of ${SUPPORTED_NOISE.join(', ')}; got ${JSON.stringify(spec.kind)}`,
    );
  }
  const problems = validateNoiseSpec(spec, classes);
  if (problems.length) throw new RangeError(`${where}: noise (${spec.kind}): ${problems.join('; ')}`);
  return spec;
}

const COMMON = ['dataset', 'size', 'noise', 'seed', 'model', 'hidden', 'l2', 'maxIterations', 'validation'];

interface Setting {
  readonly p: TrialPreparer;
  readonly dataset: DatasetName;
  readonly model: ModelKind;
  readonly settings: ModelSettings & { readonly maxIterations?: number };
  readonly seed: number;
  /** Training rows (data-set row numbers), their true and their noisy labels, and the flipped positions. */
  readonly rows: Int32Array;
  readonly truth: Int32Array;
  readonly given: Int32Array;
  /** Rows neither in training nor in validation, in the order they would be collected. */
  readonly unused: Int32Array;
  readonly validation: { readonly rows: Int32Array; readonly labels: Int32Array } | null;
}

async function setUp(where: string, o: Options, deps: StrategiesLabDeps): Promise<Setting> {
  const name = o.dataset ?? 'digits';
  if (typeof name !== 'string' || !isDatasetName(name)) {
    throw new RangeError(
      `${where}: dataset must be one of ${Object.keys(DATASETS).join(', ')}; got ${JSON.stringify(name)}`,
    );
  }
  const info = DATASETS[name];
  const model = (o.model ?? 'logreg') as ModelKind;
  if (!MODEL_KINDS.includes(model)) {
    throw new RangeError(`${where}: model must be one of ${MODEL_KINDS.join(', ')}; got ${JSON.stringify(o.model)}`);
  }
  if (o.hidden !== undefined && model !== 'mlp') {
    throw new RangeError(`${where}: hidden needs model: 'mlp' (logistic regression has no hidden units)`);
  }
  const settings = {
    ...(o.hidden === undefined ? {} : { hidden: readNumber(where, 'hidden', o.hidden, 64, 1, 1024) }),
    ...(o.l2 === undefined ? {} : { l2: readNumber(where, 'l2', o.l2, 1, 0.0001, 1000, false) }),
    ...(o.maxIterations === undefined
      ? {}
      : { maxIterations: readNumber(where, 'maxIterations', o.maxIterations, 1000, 1, 5000) }),
  };
  const validationSize = readNumber(where, 'validation', o.validation, 300, 0, info.poolSize - 10);
  const size = readNumber(where, 'size', o.size, 500, 10, info.poolSize - validationSize);
  const noise = readNoise(where, o.noise ?? 0.2, info.classes);
  const seed = readNumber(where, 'seed', o.seed, 0, 0, 1_000_000);
  const p = await deps.preparer(name);
  const prepared = p.prepare({ dataset: name, size, noise, seed });
  const order = p.order(seed);
  const validationRows = order.subarray(order.length - validationSize);
  const validationTruth = Int32Array.from(validationRows, (row) => p.dataset.y[row]!);
  return {
    p,
    dataset: name,
    model,
    settings,
    seed,
    rows: order.subarray(0, size),
    truth: prepared.trueLabels,
    given: prepared.train.y,
    unused: order.subarray(size, order.length - validationSize),
    validation: validationSize
      ? {
          rows: validationRows,
          labels: applyNoise(validationTruth, noise, {
            classes: info.classes,
            random: createRandom(seed, STREAM_VALIDATION, validationSize),
          }).labels,
        }
      : null,
  };
}

/** Trains the setting's model on `rows` with `labels`; scores it on the clean test set and the validation set. */
async function fitAndScore(s: Setting, rows: Int32Array, labels: Int32Array) {
  const train = gatherRows(s.p.dataset, rows, labels);
  const fit = await fitModel(s.model, train, { ...s.settings, seed: s.seed });
  try {
    const test = s.p.test;
    const validation = s.validation && gatherRows(s.p.dataset, s.validation.rows, s.validation.labels);
    const validationPredictions = validation ? fit.classifier.predict(validation.x, validation.n) : null;
    return {
      accuracy: accuracy(fit.classifier.predict(test.x, test.n), test.y),
      validationAccuracy: validation && validationPredictions ? accuracy(validationPredictions, validation.y) : null,
      trainAccuracy: accuracy(fit.classifier.predict(train.x, train.n), train.y),
      iterations: fit.iterations,
      converged: fit.converged,
      validationPredictions,
    };
  } finally {
    fit.classifier.dispose();
  }
}

export function createStrategiesLab(deps: StrategiesLabDeps) {
  return {
    /**
     * Model-centric: the noisy training set as it is, the model as asked
     * (`hidden`, `l2`, `maxIterations`); clean-test and validation accuracy.
     */
    async trainModel(options?: unknown) {
      const where = 'lab.trainModel';
      const s = await setUp(where, readOptions(where, options, COMMON), deps);
      const { validationPredictions: _, ...result } = await fitAndScore(s, s.rows, s.given);
      return result;
    },

    /**
     * Data-centric: the model as it is; `review` of the labels confident
     * learning flags as most suspect corrected, and `add` new, correctly
     * labelled examples of the `targets` classes the model gets wrong most
     * on the validation set.
     */
    async improveData(options?: unknown) {
      const where = 'lab.improveData';
      const o = readOptions(where, options, [...COMMON, 'review', 'add', 'targets', 'folds']);
      const s = await setUp(where, o, deps);
      const info = DATASETS[s.dataset];
      const review = readNumber(where, 'review', o.review, 0, 0, s.rows.length);
      const add = readNumber(where, 'add', o.add, 0, 0, s.unused.length);
      const targetCount = readNumber(where, 'targets', o.targets, 3, 1, info.classes);
      const folds = readNumber(where, 'folds', o.folds, 5, 2, 10);
      if (add > 0 && !s.validation) {
        throw new RangeError(
          `${where}: add needs a validation set (validation > 0) to find the classes the model gets wrong`,
        );
      }

      let labels = s.given;
      let fixed = 0;
      let reviewed = 0;
      if (review > 0) {
        const splits = foldSplits(s.given, { folds, random: createRandom(s.seed, STREAM_FOLDS) });
        const probs = await outOfFoldProbabilities(s.rows.length, info.classes, splits, (split) =>
          predictHeldOut(
            s.p.dataset,
            {
              dataset: s.dataset,
              model: s.model,
              trainRows: Int32Array.from(split.train, (i) => s.rows[i]!),
              trainLabels: Int32Array.from(split.train, (i) => s.given[i]!),
              predictRows: Int32Array.from(split.holdout, (i) => s.rows[i]!),
              seed: s.seed,
            },
            s.settings,
          ),
        );
        const detection = detectLabelIssues(s.given, probs, info.classes);
        ({ labels, fixed, reviewed } = reviewLabels(s.given, s.truth, detection.ranked, review));
      }

      let rows = s.rows;
      let targets: number[] = [];
      let added = 0;
      if (add > 0 && s.validation) {
        const baseline = await fitAndScore(s, s.rows, s.given);
        targets = confusedClasses(s.validation.labels, baseline.validationPredictions!, info.classes, targetCount);
        const extra = targetedRows(s.unused, (row) => s.p.dataset.y[row]!, targets, add);
        added = extra.length;
        rows = Int32Array.from([...s.rows, ...extra]);
        labels = Int32Array.from([...labels, ...Array.from(extra, (row) => s.p.dataset.y[row]!)]);
      }

      const { validationPredictions: _, ...result } = await fitAndScore(s, rows, labels);
      return {
        ...result,
        size: rows.length,
        reviewed,
        fixed,
        added,
        targets: targets.map((c) => info.classNames[c]!),
      };
    },
  };
}
