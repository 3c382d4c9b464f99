/**
 * Cross-validation on a user's table, with the featurizer fitted inside each
 * fold: for every fold, the imputation medians, one-hot categories and
 * standardization come from that fold's training rows alone (and, for a
 * learning-curve point, from the subset of them trained on), then the same
 * featurizer is applied to the held-out rows. Nothing about a held-out row
 * reaches the model that predicts it.
 *
 * Shapes: M labelled rows (cells as in the file, C per row), K classes;
 * `labels` `(M)` in [0, K); the result's `probs` is `(M, K)` out-of-fold
 * probabilities, row-major, and `predicted` `(M)` their argmax.
 *
 * No Node APIs: this runs in Node (the CLI) and in a worker alike.
 */
import type { FoldSplit } from '../engine/confident/outOfFold.ts';
import { createRandom, shuffle } from '../engine/random.ts';
import type { ColumnInfo } from '../engine/table/columnTypes.ts';
import { fitFeaturizer, toLabelledMatrix, transformRows } from '../engine/table/featurize.ts';
import type { TableModelKind } from '../engine/types.ts';
import { fitModel } from './fit.ts';

/** The randomness stream of a learning-curve point's training subset: `createRandom(seed, STREAM_TABLE_SUBSET, fold)`. */
export const STREAM_TABLE_SUBSET = 53;

/** The labelled rows of a table, ready for cross-validation. */
export interface TableData {
  /** M rows × C cells (only rows with a label). */
  readonly rows: readonly (readonly string[])[];
  /** Column types; included columns other than the label become features. */
  readonly columns: readonly ColumnInfo[];
  /** Index of the label column in each row. */
  readonly label: number;
  /** K. */
  readonly classes: number;
}

export interface CrossValidateOptions {
  readonly model: TableModelKind;
  /** L2 penalty (the logistic regression's 1 / C, the MLP's alpha); default the model's (1). */
  readonly l2?: number;
  /** Seeds the model's initial weights (the MLP) and the learning-curve subsets. */
  readonly seed: number;
  /** Train each fold on this fraction of its training rows (a seeded subset, nested across fractions); default 1. */
  readonly fraction?: number;
  readonly signal?: AbortSignal;
  /** Called after each fold's fit. */
  /** Called after every fit with its work (fitWork: the rows it trained on, weighted by the model's cost). */
  readonly onFit?: (work: number) => void;
}

export interface CrossValidated {
  /** `(M)` the out-of-fold most probable class of every row. */
  readonly predicted: Int32Array;
  /** `(M, K)` out-of-fold probabilities, row-major. */
  readonly probs: Float64Array;
  /** Mean number of rows trained on per fold. */
  readonly trainSize: number;
}

/** The training rows of one fold at `fraction`: all of them, or the first round(fraction · n) (at least K) of a seeded shuffle. */
export function foldTrainingRows(
  split: FoldSplit,
  options: { readonly fraction: number; readonly seed: number; readonly fold: number; readonly classes: number },
): Int32Array {
  const { fraction, seed, fold, classes } = options;
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  if (fraction === 1) return split.train;
  const order = shuffle(createRandom(seed, STREAM_TABLE_SUBSET, fold), Int32Array.from(split.train));
  return order.subarray(0, Math.min(order.length, Math.max(classes, Math.round(fraction * order.length))));
}

/**
 * Fits the model on `trainRows` (positions into `data.rows`) with `trainLabels`
 * (one per training row), a featurizer fitted on those rows alone, and returns
 * the `(H, K)` probabilities of `holdoutRows`, row-major.
 */
export async function fitAndPredict(
  data: TableData,
  trainRows: ArrayLike<number>,
  trainLabels: Int32Array,
  holdoutRows: ArrayLike<number>,
  options: Pick<CrossValidateOptions, 'model' | 'l2' | 'seed' | 'signal'>,
): Promise<Float32Array> {
  const { rows, columns, label, classes: k } = data;
  if (trainLabels.length !== trainRows.length) {
    throw new RangeError(`${trainRows.length} training rows but ${trainLabels.length} labels`);
  }
  options.signal?.throwIfAborted();
  const trainCells = Array.from(trainRows, (i) => rows[i]!);
  const featurizer = fitFeaturizer(trainCells, { columns, label });
  const train = toLabelledMatrix(featurizer, trainCells, trainLabels, k);
  const fit = await fitModel(options.model, train, { seed: options.seed, signal: options.signal, l2: options.l2 });
  try {
    return fit.classifier.predictProba(
      transformRows(
        featurizer,
        Array.from(holdoutRows, (i) => rows[i]!),
      ),
      holdoutRows.length,
    );
  } finally {
    fit.classifier.dispose();
  }
}

/**
 * Relative cost of one fit per training row, for pacing progress: the
 * 64-unit net costs about 5–10× logistic regression per row (4,000 × 30
 * rows, wasm, 2 cores: 1.2–1.9 s against 5.6–19 s for five folds, by L2).
 * Tables never get the CNN (it needs images).
 */
export const FIT_COST: Readonly<Record<TableModelKind, number>> = { logreg: 1, mlp: 8 };

/** The work of a fit of `model` on `rows` rows (see FIT_COST). */
export function fitWork(model: TableModelKind, rows: number): number {
  return rows * FIT_COST[model];
}

/** Out-of-fold probabilities, one fold after another, each with its own featurizer (see the file header). */
export async function crossValidateTable(
  data: TableData,
  labels: Int32Array,
  splits: readonly FoldSplit[],
  options: CrossValidateOptions,
): Promise<CrossValidated> {
  const { rows, classes: k } = data;
  const m = rows.length;
  if (labels.length !== m) throw new RangeError(`${m} rows but ${labels.length} labels`);
  const fraction = options.fraction ?? 1;
  const predicted = new Int32Array(m);
  const probs = new Float64Array(m * k);
  let trainSize = 0;
  for (const [fold, split] of splits.entries()) {
    options.signal?.throwIfAborted();
    const trainRows = foldTrainingRows(split, { fraction, seed: options.seed, fold, classes: k });
    const p = await fitAndPredict(
      data,
      trainRows,
      Int32Array.from(trainRows, (i) => labels[i]!),
      split.holdout,
      options,
    );
    split.holdout.forEach((row, i) => {
      let best = 0;
      for (let c = 0; c < k; c++) {
        probs[row * k + c] = p[i * k + c]!;
        if (p[i * k + c]! > p[i * k + best]!) best = c;
      }
      predicted[row] = best;
    });
    trainSize += trainRows.length / splits.length;
    options.onFit?.(fitWork(options.model, trainRows.length));
  }
  return { predicted, probs, trainSize };
}
