/**
 * The `lab` object a code cell's JavaScript gets (documented, with examples
 * the tests run, in docs/lab-api.md). Thin, checked wrappers over the same
 * engine and model code the other cells use, so a number computed here is
 * the number a curve or review cell would show for the same settings.
 * Every option has a default, every random choice is seeded, and a bad
 * option throws an error naming it and what to give instead.
 */
import type { Dataset } from '../engine/types.ts';
import { DATASETS, type DatasetName } from '../engine/datasets.ts';
import { memoizeAsync } from '../engine/memoize.ts';
import { createRandom } from '../engine/random.ts';
import { TrialPreparer } from '../engine/trial.ts';
import { applyNoise, type NoiseSpec } from '../engine/noise/index.ts';
import { planSweep, summarizeSweep, type SweepSpec } from '../engine/sweep.ts';
import { cohenKappa, percentAgreement } from '../engine/agreement/index.ts';
import {
  detectLabelIssues,
  FILTERS,
  foldSplits,
  outOfFoldProbabilities,
  scoreFlags,
} from '../engine/confident/index.ts';
import type { Filter } from '../engine/confident/index.ts';
import { STREAM_FOLDS } from '../engine/confident/outOfFold.ts';
import { runTrial } from '../model/runTrial.ts';
import { predictHeldOut } from '../model/heldOut.ts';
import { referenceProbabilities } from '../model/referenceProbabilities.ts';
import { labValue, table } from './codeOutput.ts';
import { readDataset, readInteger, readModel, readNoise, readOptions } from './codeOptions.ts';
import { createDriftLab } from './codeLabDrift.ts';
import { createSliceLab } from './codeLabSlices.ts';
import { createCoverageLab } from './codeLabCoverage.ts';
import { createStrategiesLab, runStrategiesJob } from './codeLabStrategies.ts';
import { computeAlways, type Keep } from './labStore.ts';
import { loadTfLab } from './codeRunTensors.ts';
import type { HelperJob, Share } from './codeShare.ts';

export interface CodeLabDeps {
  readonly loadDataset: (name: DatasetName) => Promise<Dataset>;
  /** Takes costly results from the code workers' shared store, or computes them (labStore.ts). Default: computes. */
  readonly keep?: Keep;
  /** Where the strategies lab's fits run: here, or in a helper worker when this one is busy (codeShare.ts). */
  readonly share?: Share;
  /** Where lab functions print progress (lab.fit's line per epoch): the running cell's print(). Default: nowhere. */
  readonly print?: (line: string) => void;
}

/** Noise as a code cell gives it: a rate (uniform noise) or a noise spec ({ kind: 'pairs', … }). */
export type NoiseOption = number | NoiseSpec;

const isClean = (noise: NoiseSpec) => noise.kind === 'uniform' && noise.rate === 0;

function readLabels(where: string, name: string, value: unknown): Int32Array {
  const ok =
    (Array.isArray(value) || ArrayBuffer.isView(value)) &&
    Array.from(value as ArrayLike<unknown>).every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0);
  if (!ok) throw new TypeError(`${where}: ${name} must be a list of class numbers (whole numbers ≥ 0)`);
  return Int32Array.from(value as ArrayLike<number>);
}

export function createLab(deps: CodeLabDeps) {
  const load = memoizeAsync((name: string) => deps.loadDataset(name as DatasetName));
  const preparer = memoizeAsync(async (name: string) => new TrialPreparer(await load(name)));
  const referencePreparer = memoizeAsync(async (name: string) => {
    const data = await load(name);
    return new TrialPreparer(data, { referenceProbabilities: await referenceProbabilities(data) });
  });
  const preparerFor = (name: DatasetName, noise: NoiseSpec) =>
    noise.kind === 'boundary' ? referencePreparer(name) : preparer(name);

  const lab = {
    /** Names of the data sets: digits, fashion. */
    datasets: Object.keys(DATASETS) as DatasetName[],

    /** A data set: its size, classes and the true labels of its training pool. */
    async dataset(name: unknown = 'digits') {
      const dataset = readDataset('lab.dataset', name);
      const p = await preparer(dataset);
      const info = DATASETS[dataset];
      return {
        name: dataset,
        title: info.title,
        classes: info.classes,
        classNames: [...info.classNames],
        features: p.dataset.d,
        poolSize: p.split.pool.length,
        testSize: p.split.test.length,
        /** True labels of the training pool, in pool order. */
        labels: Array.from(p.split.pool, (row) => p.dataset.y[row]!),
      };
    },

    /** Flips labels by a noise model, seeded: `{ labels, flipped, rate }`. */
    injectNoise(labels: unknown, options?: unknown) {
      const o = readOptions('lab.injectNoise', options, [
        'kind',
        'rate',
        'pairs',
        'symmetric',
        'trace',
        'sparsity',
        'from',
        'to',
        'seed',
        'classes',
      ]);
      const truth = readLabels('lab.injectNoise', 'labels', labels);
      let max = 1;
      for (const v of truth) max = Math.max(max, v);
      const classes = readInteger('lab.injectNoise', 'classes', o.classes, max + 1, max + 1, 1000);
      const seed = readInteger('lab.injectNoise', 'seed', o.seed, 0, 0, 2 ** 31 - 1);
      const { seed: _seed, classes: _classes, ...spec } = o;
      const noise = readNoise('lab.injectNoise', { kind: 'uniform', ...spec }, classes);
      if (noise.kind === 'boundary') {
        throw new RangeError(
          'lab.injectNoise: boundary noise needs a model; use it through lab.train({ noise: { kind: "boundary", rate } })',
        );
      }
      const result = applyNoise(truth, noise, { classes, random: createRandom(seed, 3, truth.length) });
      return {
        labels: Array.from(result.labels),
        flipped: Array.from(result.flipped),
        rate: truth.length ? result.flipped.length / truth.length : 0,
      };
    },

    /**
     * Trains one model on the first `size` examples of seed `seed`'s order,
     * with `noise` in their labels, and measures it on the clean test set.
     */
    async train(options?: unknown) {
      const o = readOptions('lab.train', options, ['dataset', 'size', 'noise', 'seed', 'model']);
      const dataset = readDataset('lab.train', o.dataset);
      const info = DATASETS[dataset];
      const size = readInteger('lab.train', 'size', o.size, 500, 10, info.poolSize);
      const noise = readNoise('lab.train', o.noise, info.classes);
      const seed = readInteger('lab.train', 'seed', o.seed, 0, 0, 1_000_000);
      const model = readModel('lab.train', o.model);
      const outcome = await runTrial(await preparerFor(dataset, noise), {
        dataset,
        size,
        noise,
        seed,
        model,
        arm: isClean(noise) ? 'clean' : 'noisy',
      });
      return {
        accuracy: outcome.accuracy,
        accuracyNoisyTest: outcome.accuracyNoisyTest,
        trainAccuracy: outcome.trainAccuracyGiven,
        trainAccuracyTrue: outcome.trainAccuracyTrue,
        iterations: outcome.iterations,
        converged: outcome.converged,
      };
    },

    /**
     * The clean and noisy learning curves (means over seeds) and how much
     * more noisy data the clean labels at `n0` are worth.
     */
    async curve(options?: unknown) {
      const o = readOptions('lab.curve', options, ['dataset', 'model', 'noise', 'sizes', 'seeds', 'seed', 'n0']);
      const dataset = readDataset('lab.curve', o.dataset);
      const info = DATASETS[dataset];
      const noise = readNoise('lab.curve', o.noise ?? 0.1, info.classes);
      const sizes = o.sizes ?? [50, 100, 200, 500, 1000];
      if (
        !Array.isArray(sizes) ||
        sizes.length < 2 ||
        !sizes.every((n, i) => Number.isInteger(n) && n >= 10 && n <= info.poolSize && (i === 0 || n > sizes[i - 1]))
      ) {
        throw new RangeError(
          `lab.curve: sizes must be at least two increasing whole numbers from 10 to ${info.poolSize}; got ${JSON.stringify(sizes)}`,
        );
      }
      const n0 = readInteger('lab.curve', 'n0', o.n0, Math.min(500, sizes.at(-1)), sizes[0], sizes.at(-1));
      const spec: SweepSpec = {
        dataset,
        model: readModel('lab.curve', o.model),
        sizes,
        noise,
        seeds: readInteger('lab.curve', 'seeds', o.seeds, 1, 1, 20),
        firstSeed: readInteger('lab.curve', 'seed', o.seed, 0, 0, 1_000_000),
        n0,
      };
      const p = await preparerFor(dataset, noise);
      const outcomes = [];
      for (const trial of planSweep(spec)) outcomes.push(await runTrial(p, trial));
      const summary = summarizeSweep(spec, outcomes);
      const exchange = summary.exchange;
      return {
        points: sizes.map((size, i) => ({
          size,
          clean: summary.clean[i]!.mean,
          noisy: summary.noisy[i]!.mean,
          cleanSd: summary.clean[i]!.sd,
          noisySd: summary.noisy[i]!.sd,
        })),
        n0,
        factor: exchange?.status === 'interpolated' ? exchange.factor : null,
        equivalentN: exchange?.status === 'interpolated' ? exchange.equivalentN : null,
      };
    },

    /**
     * Confident learning on a training set with known injected noise:
     * out-of-fold probabilities, the flagged labels, and how good the flags are.
     */
    async labelIssues(options?: unknown) {
      const o = readOptions('lab.labelIssues', options, [
        'dataset',
        'size',
        'noise',
        'folds',
        'seed',
        'model',
        'filter',
      ]);
      const dataset = readDataset('lab.labelIssues', o.dataset);
      const info = DATASETS[dataset];
      const size = readInteger('lab.labelIssues', 'size', o.size, 500, 50, info.poolSize);
      const noise = readNoise('lab.labelIssues', o.noise ?? 0.2, info.classes);
      const folds = readInteger('lab.labelIssues', 'folds', o.folds, 5, 2, 10);
      const seed = readInteger('lab.labelIssues', 'seed', o.seed, 0, 0, 1_000_000);
      const model = readModel('lab.labelIssues', o.model);
      const filter = o.filter ?? 'prune_by_noise_rate';
      if (typeof filter !== 'string' || !(FILTERS as readonly string[]).includes(filter)) {
        throw new RangeError(
          `lab.labelIssues: filter must be one of ${FILTERS.join(', ')}; got ${JSON.stringify(filter)}`,
        );
      }
      const p = await preparerFor(dataset, noise);
      const prepared = p.prepare({ dataset, size, noise, seed });
      const rows = p.order(seed).subarray(0, size);
      const given = prepared.train.y;
      const k = info.classes;
      const splits = foldSplits(given, { folds, random: createRandom(seed, STREAM_FOLDS) });
      const probs = await outOfFoldProbabilities(size, k, splits, (split) =>
        predictHeldOut(p.dataset, {
          dataset,
          model,
          trainRows: Int32Array.from(split.train, (i) => rows[i]!),
          trainLabels: Int32Array.from(split.train, (i) => given[i]!),
          predictRows: Int32Array.from(split.holdout, (i) => rows[i]!),
          seed,
        }),
      );
      const detection = detectLabelIssues(given, probs, k, { filter: filter as Filter });
      const flags = scoreFlags(detection.ranked, prepared.flipped);
      const wrong = new Set(prepared.flipped);
      return {
        ...flags,
        estimatedNoise: detection.estimatedNoiseRate,
        trueNoise: size ? prepared.flipped.length / size : 0,
        /** The ten most suspect flags: position in the training set, given label, suggested label, true label. */
        top: Array.from(detection.ranked.subarray(0, 10), (i) => ({
          position: i,
          given: given[i]!,
          suggested: detection.suggested[i]!,
          truth: prepared.trueLabels[i]!,
          wrong: wrong.has(i),
        })),
      };
    },

    /** How two labelers agree on the same items: raw agreement and Cohen's kappa. */
    agreement(a: unknown, b: unknown) {
      const first = readLabels('lab.agreement', 'the first labels', a);
      const second = readLabels('lab.agreement', 'the second labels', b);
      if (first.length !== second.length) {
        throw new RangeError(
          `lab.agreement: the two label lists must cover the same items; got ${first.length} and ${second.length}`,
        );
      }
      const kappa = cohenKappa(first, second);
      return {
        items: first.length,
        agreement: first.length ? percentAgreement(first, second) : null,
        kappa: kappa.defined ? kappa.kappa : null,
        expected: kappa.defined ? kappa.expected : null,
        ...(kappa.defined ? {} : { reason: kappa.reason }),
      };
    },

    table,
    value: labValue,
    ...createDriftLab(),
    ...createSliceLab({ loadDataset: load, keep: deps.keep ?? computeAlways }),
    ...createCoverageLab({ preparer }),
    /** Trains the reader's tf.LayersModel on lab.train's data (codeLabTf.ts, loaded on first use). */
    async fit(model: unknown, options?: unknown) {
      const { createTfLab } = await loadTfLab();
      return createTfLab({ preparerFor, print: (line) => deps.print?.(line) }).fit(model, options);
    },
    ...createStrategiesLab({
      preparer,
      keep: deps.keep ?? computeAlways,
      ...(deps.share ? { share: deps.share } : {}),
    }),
  };
  return lab;
}

export type Lab = ReturnType<typeof createLab>;

/** Runs the jobs another code worker hands over (codeShare.ts), with data sets from `loadDataset`. */
export function createLabJobs(loadDataset: (name: DatasetName) => Promise<Dataset>) {
  const preparer = memoizeAsync(async (name: string) => new TrialPreparer(await loadDataset(name as DatasetName)));
  return (job: HelperJob) => runStrategiesJob(job, preparer);
}
