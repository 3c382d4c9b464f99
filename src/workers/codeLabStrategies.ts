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
 *   the validation set, taken from the unused part of the pool. The new
 *   examples are labelled by the same noisy process as the rest (seeded), or
 *   with `addedNoise` if given (0: a careful expert labels them).
 *
 * Accuracy is always measured on the clean test set; the validation accuracy
 * (against noisy labels, as a project would have them) is what a strategy may
 * choose by. Pipeline steps are pure functions in src/engine/strategies.
 */
import { detectLabelIssues, foldSplits, outOfFoldProbabilities, STREAM_FOLDS } from '../engine/confident/index.ts';
import { DATASETS, type DatasetName } from '../engine/datasets.ts';
import { boundedMemo } from '../engine/memoize.ts';
import { accuracy } from '../engine/metrics.ts';
import { applyNoise, type NoiseSpec } from '../engine/noise/index.ts';
import { createRandom } from '../engine/random.ts';
import { specHash } from '../engine/specHash.ts';
import { confusedClasses, reviewLabels, targetedRows } from '../engine/strategies/index.ts';
import { gatherRows, type TrialPreparer } from '../engine/trial.ts';
import { IMAGE_MODEL_KINDS, type ModelKind } from '../engine/types.ts';
import { fitModel, type ModelSettings } from '../model/fit.ts';
import { predictHeldOut } from '../model/heldOut.ts';
import { readDataset, readModel, readNoise, readNumber, readOptions, type Options } from './codeOptions.ts';
import { computeAlways, type Keep } from './labStore.ts';
import { shareNothing, type HelperJob, type Share } from './codeShare.ts';

/** Randomness stream of the validation labels' noise: createRandom(seed, STREAM_VALIDATION, validation). */
const STREAM_VALIDATION = 51;
/** Randomness stream of the new examples' labels: createRandom(seed, STREAM_ADDED, added). */
const STREAM_ADDED = 52;

export interface StrategiesLabDeps {
  /** The (memoized) trial preparer of a data set: its pool / test split and rows. */
  readonly preparer: (name: DatasetName) => Promise<TrialPreparer>;
  /** Takes a result from the code workers' shared store, or computes it (labStore.ts). */
  readonly keep?: Keep;
  /** Where each fit runs: here, or in a helper worker when this one is busy (codeShare.ts). Default: here. */
  readonly share?: Share;
}

const SUPPORTED_NOISE = ['uniform', 'pairs', 'systematic'];
const readStrategyNoise = (where: string, value: unknown, classes: number, name = 'noise') =>
  readNoise(where, value, classes, { name, kinds: SUPPORTED_NOISE, maxRate: 0.9 });

const MODEL_NAMES: Readonly<Record<ModelKind, string>> = {
  logreg: 'logistic regression',
  mlp: 'the MLP',
  cnn: 'the CNN',
};

const COMMON = ['dataset', 'size', 'noise', 'seed', 'model', 'hidden', 'filters', 'l2', 'maxIterations', 'validation'];

interface Setting {
  readonly p: TrialPreparer;
  readonly dataset: DatasetName;
  readonly model: ModelKind;
  readonly settings: ModelSettings & { readonly maxIterations?: number };
  readonly seed: number;
  /** The labelling process's noise (training and validation labels). */
  readonly noise: NoiseSpec;
  /** Training rows (data-set row numbers), their true and their noisy labels, and the flipped positions. */
  readonly rows: Int32Array;
  readonly truth: Int32Array;
  readonly given: Int32Array;
  /** Rows neither in training nor in validation, in the order they would be collected. */
  readonly unused: Int32Array;
  readonly validation: { readonly rows: Int32Array; readonly labels: Int32Array } | null;
}

async function setUp(where: string, o: Options, deps: StrategiesLabDeps): Promise<Setting> {
  const name = readDataset(where, o.dataset);
  const info = DATASETS[name];
  const model = readModel(where, o.model, IMAGE_MODEL_KINDS);
  if (o.hidden !== undefined && model !== 'mlp') {
    throw new RangeError(`${where}: hidden needs model: 'mlp' (${MODEL_NAMES[model]} has no hidden units)`);
  }
  if (o.filters !== undefined && model !== 'cnn') {
    throw new RangeError(`${where}: filters needs model: 'cnn' (${MODEL_NAMES[model]} has no convolution)`);
  }
  const settings = {
    ...(o.hidden === undefined ? {} : { hidden: readNumber(where, 'hidden', o.hidden, 64, 1, 1024) }),
    ...(o.filters === undefined ? {} : { filters: readNumber(where, 'filters', o.filters, 16, 1, 256) }),
    ...(model === 'cnn' ? { image: info.image } : {}),
    ...(o.l2 === undefined ? {} : { l2: readNumber(where, 'l2', o.l2, 1, 0.0001, 1000, false) }),
    ...(o.maxIterations === undefined
      ? {}
      : { maxIterations: readNumber(where, 'maxIterations', o.maxIterations, 1000, 1, 5000) }),
  };
  const validationSize = readNumber(where, 'validation', o.validation, 300, 0, info.poolSize - 10);
  const size = readNumber(where, 'size', o.size, 500, 10, info.poolSize - validationSize);
  const noise = readStrategyNoise(where, o.noise ?? 0.2, info.classes);
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
    noise,
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
async function fitAndScore(
  s: Pick<Setting, 'p' | 'model' | 'settings' | 'seed' | 'validation'>,
  rows: Int32Array,
  labels: Int32Array,
) {
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

/**
 * Runs a job another code worker handed over (codeShare.ts): the same fit,
 * on the same rows and labels, as that worker would have run.
 */
export async function runStrategiesJob(
  job: HelperJob,
  preparer: (name: DatasetName) => Promise<TrialPreparer>,
): Promise<unknown> {
  const p = await preparer(readDataset('helper job', job.dataset));
  const model = readModel('helper job', job.model, IMAGE_MODEL_KINDS);
  if (job.kind === 'fit') {
    const s = { p, model, settings: job.settings, seed: job.seed, validation: job.validation };
    return fitAndScore(s, job.rows, job.labels);
  }
  return predictHeldOut(
    p.dataset,
    {
      dataset: job.dataset,
      model,
      trainRows: job.trainRows,
      trainLabels: job.trainLabels,
      predictRows: job.predictRows,
      seed: job.seed,
    },
    job.settings,
  );
}

/** Fits and out-of-fold probabilities kept per code worker (each is a few kB). */
const FITS_KEPT = 200;
const FOLDS_KEPT = 40;

export function createStrategiesLab(deps: StrategiesLabDeps) {
  // Training is deterministic, so a fit asked for again — the model as it is, which both functions start from;
  // the folds a second data plan reviews with — is taken from here instead of trained again.
  const fits = boundedMemo<Awaited<ReturnType<typeof fitAndScore>>>(FITS_KEPT);
  const folds = boundedMemo<Float64Array>(FOLDS_KEPT);
  const setting = (s: Setting) => ({
    dataset: s.dataset,
    model: s.model,
    settings: s.settings,
    seed: s.seed,
    validation: s.validation,
  });
  const keep = deps.keep ?? computeAlways;
  const share = deps.share ?? shareNothing;
  const score = (s: Setting, rows: Int32Array, labels: Int32Array) => {
    const key = specHash({ ...setting(s), rows, labels });
    const job: HelperJob = { kind: 'fit', ...setting(s), rows, labels };
    return fits(key, () => keep(`strategies.fit:${key}`, () => share(job, () => fitAndScore(s, rows, labels))));
  };
  const outOfFold = (s: Setting, count: number) => {
    const key = specHash({ ...setting(s), rows: s.rows, labels: s.given, folds: count });
    return folds(key, () =>
      keep(`strategies.folds:${key}`, () => {
        const classes = DATASETS[s.dataset].classes;
        const splits = foldSplits(s.given, { folds: count, random: createRandom(s.seed, STREAM_FOLDS) });
        return outOfFoldProbabilities(s.rows.length, classes, splits, (split) => {
          const request = {
            dataset: s.dataset,
            model: s.model,
            trainRows: Int32Array.from(split.train, (i) => s.rows[i]!),
            trainLabels: Int32Array.from(split.train, (i) => s.given[i]!),
            predictRows: Int32Array.from(split.holdout, (i) => s.rows[i]!),
            seed: s.seed,
          };
          const job: HelperJob = { kind: 'heldOut', ...request, settings: s.settings };
          return share(job, () => predictHeldOut(s.p.dataset, request, s.settings));
        });
      }),
    );
  };
  return {
    /**
     * Model-centric: the noisy training set as it is, the model as asked
     * (`hidden`, `l2`, `maxIterations`); clean-test and validation accuracy.
     */
    async trainModel(options?: unknown) {
      const where = 'lab.trainModel';
      const s = await setUp(where, readOptions(where, options, COMMON), deps);
      const { validationPredictions: _, ...result } = await score(s, s.rows, s.given);
      return result;
    },

    /**
     * Data-centric: the model as it is; `review` of the labels confident
     * learning flags as most suspect corrected, and `add` new examples of
     * the `targets` classes the model gets wrong most on the validation set,
     * labelled with `addedNoise` (default: the same noise as the training
     * labels).
     */
    async improveData(options?: unknown) {
      const where = 'lab.improveData';
      const o = readOptions(where, options, [...COMMON, 'review', 'add', 'targets', 'folds', 'addedNoise']);
      const s = await setUp(where, o, deps);
      const info = DATASETS[s.dataset];
      const review = readNumber(where, 'review', o.review, 0, 0, s.rows.length);
      const add = readNumber(where, 'add', o.add, 0, 0, s.unused.length);
      const targetCount = readNumber(where, 'targets', o.targets, 3, 1, info.classes);
      const folds = readNumber(where, 'folds', o.folds, 5, 2, 10);
      const addedNoise =
        o.addedNoise === undefined ? s.noise : readStrategyNoise(where, o.addedNoise, info.classes, 'addedNoise');
      if (add > 0 && !s.validation) {
        throw new RangeError(
          `${where}: add needs a validation set (validation > 0) to find the classes the model gets wrong`,
        );
      }

      let labels = s.given;
      let fixed = 0;
      let reviewed = 0;
      if (review > 0) {
        const probs = await outOfFold(s, folds);
        const detection = detectLabelIssues(s.given, probs, info.classes);
        ({ labels, fixed, reviewed } = reviewLabels(s.given, s.truth, detection.ranked, review));
      }

      let rows = s.rows;
      let targets: number[] = [];
      let added = 0;
      let addedWrong = 0;
      if (add > 0 && s.validation) {
        const baseline = await score(s, s.rows, s.given);
        targets = confusedClasses(s.validation.labels, baseline.validationPredictions!, info.classes, targetCount);
        const extra = targetedRows(s.unused, (row) => s.p.dataset.y[row]!, targets, add);
        added = extra.length;
        // The new examples go through the labelling process too (seeded), unless addedNoise says otherwise.
        const extraTruth = Int32Array.from(extra, (row) => s.p.dataset.y[row]!);
        const extraLabels = applyNoise(extraTruth, addedNoise, {
          classes: info.classes,
          random: createRandom(s.seed, STREAM_ADDED, added),
        }).labels;
        addedWrong = extraLabels.reduce((n, label, i) => n + (label === extraTruth[i] ? 0 : 1), 0);
        rows = Int32Array.from([...s.rows, ...extra]);
        labels = Int32Array.from([...labels, ...extraLabels]);
      }

      const { validationPredictions: _, ...result } = await score(s, rows, labels);
      return {
        ...result,
        size: rows.length,
        reviewed,
        fixed,
        added,
        addedWrong,
        targets: targets.map((c) => info.classNames[c]!),
      };
    },
  };
}
