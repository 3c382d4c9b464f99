/**
 * The learning curve of a user's table: cross-validated accuracy against the
 * fraction of each training fold trained on (seeded nested subsets, the
 * featurizer fitted on the subset). With injected noise, a second arm trains
 * on the noisy labels; both arms are scored against the labels as in the
 * file, and the exchange rate says how much more noisy data the labels as
 * they are were worth at n0.
 *
 * Fits: folds × fractions, twice with injected noise.
 */
import { exchangeRate, type ExchangeRate } from '../engine/exchange.ts';
import { accuracy } from '../engine/metrics.ts';
import { startTabularRun, type PreparedTable, type TabularOptions, type TabularSummary } from './tabular.ts';

/** Default fractions of each training fold. */
export const TABLE_CURVE_FRACTIONS: readonly number[] = [1 / 8, 1 / 4, 1 / 2, 1];

export interface TableCurveOptions extends TabularOptions {
  /** Increasing fractions in (0, 1]; default TABLE_CURVE_FRACTIONS. */
  readonly fractions?: readonly number[];
}

export interface TableCurve {
  readonly summary: TabularSummary;
  readonly fractions: readonly number[];
  /** Mean training rows per fold at each fraction. */
  readonly sizes: readonly number[];
  /** Out-of-fold accuracy of the model trained on the labels as in the file. */
  readonly asGiven: readonly number[];
  /** With injected noise: trained on the noisy labels, scored against the labels as in the file; else null. */
  readonly noisy: readonly number[] | null;
  readonly injectNoise: number | null;
  /** With injected noise: the exchange rate at n0 (the largest size whose triple is measured, else the smallest). */
  readonly exchange: ExchangeRate | null;
}

export async function tableLearningCurve(
  prepared: PreparedTable,
  options: TableCurveOptions = {},
): Promise<TableCurve> {
  const fractions = [...(options.fractions ?? TABLE_CURVE_FRACTIONS)];
  fractions.forEach((f, i) => {
    if (!(f > 0 && f <= 1)) throw new RangeError(`fractions must be in (0, 1], got ${f}`);
    if (i > 0 && !(f > fractions[i - 1]!))
      throw new RangeError(`fractions must increase (${fractions[i - 1]} then ${f})`);
  });
  const arms = options.injectNoise !== undefined ? 2 : 1;
  const run = startTabularRun(prepared, options, (options.folds ?? 5) * fractions.length * arms);
  const sizes: number[] = [];
  const asGiven: number[] = [];
  const noisy: number[] = [];
  for (const fraction of fractions) {
    const cv = await run.crossValidate(run.original, fraction);
    sizes.push(cv.trainSize);
    asGiven.push(accuracy(cv.predicted, run.original));
    if (arms === 2) noisy.push(accuracy((await run.crossValidate(run.given, fraction)).predicted, run.original));
  }
  let exchange: ExchangeRate | null = null;
  const distinct = sizes.every((n, i) => i === 0 || n > sizes[i - 1]!);
  if (arms === 2 && distinct) {
    const max = sizes[sizes.length - 1]!;
    const fits = sizes.filter((n) => 3 * n <= max);
    const n0 = fits.length ? fits[fits.length - 1]! : sizes[0]!;
    exchange = exchangeRate({ sizes, accuracy: asGiven }, { sizes, accuracy: noisy }, n0);
  }
  return {
    summary: run.summary,
    fractions,
    sizes,
    asGiven,
    noisy: arms === 2 ? noisy : null,
    injectNoise: options.injectNoise ?? null,
    exchange,
  };
}
