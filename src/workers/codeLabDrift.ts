/**
 * The drift part of the `lab` object (docs/lab-api.md, “Drift”): a seeded
 * production stream with covariate shift and then concept drift, per-feature
 * drift tests of a batch against the reference, and a model trained on some
 * batches and measured on others. Checked wrappers over src/engine/drift and
 * the same logistic regression / MLP the other cells train.
 */
import { DRIFT_FEATURES, driftStream, featureDrift, type DriftBatch, type DriftPhase } from '../engine/drift/index.ts';
import { accuracy } from '../engine/metrics.ts';
import type { LabelledMatrix } from '../engine/types.ts';
import { fitModel } from '../model/fit.ts';
import { readModel, readNumber, readOptions } from './codeOptions.ts';

interface BatchLike {
  readonly x: readonly (readonly number[])[];
  readonly y?: readonly number[];
}

function readBatch(where: string, name: string, value: unknown, labelled: boolean): BatchLike {
  const batch = (Array.isArray(value) ? { x: value } : value) as BatchLike | null;
  const ok =
    typeof batch === 'object' &&
    batch !== null &&
    Array.isArray(batch.x) &&
    batch.x.length > 0 &&
    batch.x.every((row) => Array.isArray(row) && row.length === batch.x[0]!.length && row.every(Number.isFinite)) &&
    (!labelled ||
      (Array.isArray(batch.y) && batch.y.length === batch.x.length && batch.y.every((v) => v === 0 || v === 1)));
  if (!ok) {
    throw new TypeError(
      `${where}: ${name} must be a batch from lab.driftStream (an object with rows x${labelled ? ' and labels y (0 or 1)' : ''})`,
    );
  }
  return batch;
}

function readBatches(where: string, name: string, value: unknown, labelled: boolean): BatchLike[] {
  const list = Array.isArray(value) && value.length && !Array.isArray(value[0]) ? value : [value];
  return list.map((b, i) => readBatch(where, `${name}[${i}]`, b, labelled));
}

function matrix(batches: readonly BatchLike[]): LabelledMatrix {
  const d = batches[0]!.x[0]!.length;
  const rows = batches.flatMap((b) => b.x);
  return {
    x: Float32Array.from(rows.flat()),
    y: Int32Array.from(batches.flatMap((b) => b.y ?? [])),
    n: rows.length,
    d,
    classes: 2,
  };
}

const plain = (b: DriftBatch) => ({ index: b.index, phase: b.phase, x: b.x, y: b.y });

export function createDriftLab() {
  return {
    /**
     * A seeded stream: a reference set, then batches whose inputs shift at
     * `covariateAt` and whose labelling rule changes at `conceptAt`.
     */
    driftStream(options?: unknown) {
      const where = 'lab.driftStream';
      const o = readOptions(where, options, [
        'batches',
        'batchSize',
        'referenceSize',
        'covariateAt',
        'conceptAt',
        'shift',
        'labelNoise',
        'seed',
      ]);
      const batches = readNumber(where, 'batches', o.batches, 10, 1, 100, true);
      const covariateAt = readNumber(
        where,
        'covariateAt',
        o.covariateAt,
        Math.min(4, batches + 1),
        1,
        batches + 1,
        true,
      );
      const spec = {
        batches,
        batchSize: readNumber(where, 'batchSize', o.batchSize, 300, 10, 20_000, true),
        referenceSize: readNumber(where, 'referenceSize', o.referenceSize, 500, 10, 20_000, true),
        covariateAt,
        conceptAt: readNumber(
          where,
          'conceptAt',
          o.conceptAt,
          Math.max(covariateAt, Math.min(7, batches + 1)),
          covariateAt,
          batches + 1,
          true,
        ),
        shift: readNumber(where, 'shift', o.shift, 1.5, 0, 10, false),
        labelNoise: readNumber(where, 'labelNoise', o.labelNoise, 0.05, 0, 0.5, false),
        seed: readNumber(where, 'seed', o.seed, 0, 0, 1_000_000, true),
      };
      const stream = driftStream(spec);
      return {
        features: [...DRIFT_FEATURES],
        reference: plain(stream.reference),
        batches: stream.batches.map(plain),
      };
    },

    /** Per-feature drift measures of `batch` against `reference`: one row per feature. */
    driftTests(reference: unknown, batch: unknown) {
      const ref = readBatch('lab.driftTests', 'reference', reference, false);
      const cur = readBatch('lab.driftTests', 'batch', batch, false);
      const d = ref.x[0]!.length;
      if (cur.x[0]!.length !== d) {
        throw new RangeError(`lab.driftTests: reference has ${d} features, batch ${cur.x[0]!.length}`);
      }
      return Array.from({ length: d }, (_, j) => ({
        feature: d === DRIFT_FEATURES.length ? DRIFT_FEATURES[j]! : `x${j + 1}`,
        ...featureDrift(
          ref.x.map((row) => row[j]!),
          cur.x.map((row) => row[j]!),
        ),
      }));
    },

    /**
     * Trains a model on the labelled batch(es) `train` and returns its
     * accuracy on each batch of `batches`, against that batch's labels.
     */
    async driftAccuracy(options?: unknown) {
      const where = 'lab.driftAccuracy';
      const o = readOptions(where, options, ['train', 'batches', 'model', 'seed']);
      if (o.train === undefined || o.batches === undefined) {
        throw new TypeError(
          `${where}: give train (a labelled batch or a list of them) and batches (a list of batches)`,
        );
      }
      const model = readModel(where, o.model);
      const train = matrix(readBatches(where, 'train', o.train, true));
      const evaluate = readBatches(where, 'batches', o.batches, true);
      const fit = await fitModel(model, train, { seed: readNumber(where, 'seed', o.seed, 0, 0, 1_000_000, true) });
      try {
        return evaluate.map((b) => {
          const m = matrix([b]);
          return accuracy(fit.classifier.predict(m.x, m.n), m.y);
        });
      } finally {
        fit.classifier.dispose();
      }
    },
  };
}

export type { DriftPhase };
