/**
 * The coverage part of the `lab` object (docs/lab-api.md, “Coverage”): a
 * training set in which one class is rare, optionally grown by collecting
 * more data — targeted at the rare class, or more of everything in the same
 * mix — and a model trained on it, measured class by class on the clean,
 * balanced test set. Checked wrappers over src/engine/coverage and the same
 * logistic regression / MLP the other cells train.
 */
import { classMetrics, classQueues, collectMore, longTailSet, macroRecall } from '../engine/coverage/index.ts';
import { DATASETS, type DatasetName } from '../engine/datasets.ts';
import { accuracy } from '../engine/metrics.ts';
import { createRandom } from '../engine/random.ts';
import { gatherRows, type TrialPreparer } from '../engine/trial.ts';
import { fitModel } from '../model/fit.ts';
import { readDataset, readModel, readNumber, readOptions } from './codeOptions.ts';

/** Randomness stream of the per-class draw order (createRandom(seed, STREAM_COVERAGE)). */
const STREAM_COVERAGE = 41;

export interface CoverageLabDeps {
  /** The (memoized) trial preparer of a data set: its pool / test split and rows. */
  readonly preparer: (name: DatasetName) => Promise<TrialPreparer>;
}

function readClass(where: string, value: unknown, names: readonly string[]): number {
  const v = value ?? 0;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < names.length) return v;
  if (typeof v === 'string') {
    const i = names.findIndex((n) => n.toLowerCase() === v.toLowerCase());
    if (i >= 0) return i;
  }
  throw new RangeError(
    `${where}: rareClass must be a class number from 0 to ${names.length - 1} or a class name (${names.join(', ')}); got ${JSON.stringify(v)}`,
  );
}

type Add = { rare: number } | { everything: number } | null;

function readAdd(where: string, value: unknown, poolSize: number): Add {
  if (value === undefined || value === null) return null;
  const keys = typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  if (keys.length !== 1 || (keys[0] !== 'rare' && keys[0] !== 'everything')) {
    throw new TypeError(
      `${where}: add must be { rare: n } (n more examples of the rare class) or { everything: n } (n more in the same class mix); got ${JSON.stringify(value)}`,
    );
  }
  const key = keys[0] as 'rare' | 'everything';
  const n = readNumber(where, `add.${key}`, (value as Record<string, unknown>)[key], 0, 0, poolSize);
  return key === 'rare' ? { rare: n } : { everything: n };
}

export function createCoverageLab(deps: CoverageLabDeps) {
  return {
    /**
     * Trains on a training set of `size` examples where `rareClass` makes up
     * only `rareShare` of it (plus `add`: more examples collected), and
     * measures overall accuracy, macro-averaged recall and each class's
     * recall and precision on the clean, balanced test set.
     */
    async coverage(options?: unknown) {
      const where = 'lab.coverage';
      const o = readOptions(where, options, ['dataset', 'size', 'rareClass', 'rareShare', 'add', 'seed', 'model']);
      const name = readDataset(where, o.dataset);
      const info = DATASETS[name];
      const size = readNumber(where, 'size', o.size, 1000, 10, info.poolSize);
      const rareClass = readClass(where, o.rareClass, info.classNames);
      const rareShare = readNumber(where, 'rareShare', o.rareShare, 0.015, 0, 1, false);
      const add = readAdd(where, o.add, info.poolSize);
      const seed = readNumber(where, 'seed', o.seed, 0, 0, 1_000_000);
      const model = readModel(where, o.model);

      const p = await deps.preparer(name);
      const queues = classQueues(p.split.pool, p.dataset.y, info.classes, createRandom(seed, STREAM_COVERAGE));
      let set;
      try {
        set = longTailSet(queues, { size, rareClass, rareShare });
        if (add) set = collectMore(set, add);
      } catch (e) {
        throw new RangeError(`${where}: ${(e as Error).message.replace(/^collectMore: /, '')}`, { cause: e });
      }
      const fit = await fitModel(model, gatherRows(p.dataset, set.rows), { seed });
      let predicted: Int32Array;
      try {
        predicted = fit.classifier.predict(p.test.x, p.test.n);
      } finally {
        fit.classifier.dispose();
      }
      const metrics = classMetrics(predicted, p.test.y, info.classes);
      return {
        dataset: name,
        trainSize: set.rows.length,
        rareClass,
        rareName: info.classNames[rareClass]!,
        rareCount: set.counts[rareClass]!,
        rareRecall: metrics.recall[rareClass]!,
        accuracy: accuracy(predicted, p.test.y),
        macroRecall: macroRecall(metrics),
        perClass: info.classNames.map((className, c) => ({
          class: c,
          name: className,
          trainCount: set.counts[c]!,
          testCount: metrics.support[c]!,
          recall: metrics.recall[c]!,
          precision: metrics.precision[c]!,
        })),
      };
    },
  };
}
