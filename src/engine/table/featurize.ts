/**
 * Step 5: strings → numbers. A featurizer is FITTED on training rows only and
 * then APPLIED to any rows (training, validation, test), so nothing about the
 * held-out rows leaks into the features: medians, means, standard deviations,
 * most frequent values and the kept categories all come from the rows given
 * to `fitFeaturizer`.
 *
 * Shapes: rows are N × C string cells (a raw table's rows, or a subset);
 * `transformRows` gives `(N, D)` row-major Float32Array with D = `featurizer.d`
 * and feature j named `featurizer.names[j]`. The featurizer is plain data, so
 * it can be posted to a worker.
 *
 * Per included column (the label column is never a feature):
 * - numeric, date (as days since 1970): a missing or unreadable cell is
 *   imputed with the training median; then standardized with the training
 *   mean and population sd of the imputed values (sd 0 → 1). Plus a 0/1
 *   column "name=(missing)" when the training rows had a missing cell.
 * - boolean: 1 / 0, a missing cell imputed with the training rows' most
 *   frequent value (ties → 0); plus "name=(missing)" as above. Not scaled.
 * - categorical (and text / id columns the user included): one-hot over the
 *   `maxCategories` (default 20) most frequent training values (ties in
 *   string order), plus "name=(other)" for every other value — including
 *   values never seen in training — plus "name=(missing)" when the training
 *   rows had a missing cell (missing is its own category, outside the cap;
 *   a missing cell with no such column counts as other).
 * The missing-indicator decision is made on the training rows alone, so the
 * layout depends only on them; two folds may differ in D.
 */
import type { LabelledMatrix } from '../types.ts';
import { isMissing, parseBoolean, parseDate, parseNumber, type ColumnInfo } from './columnTypes.ts';
import type { TableProblem } from './problem.ts';

export const MAX_CATEGORIES = 20;

export type FeatureEncoder =
  | {
      readonly kind: 'numeric';
      readonly column: number;
      readonly name: string;
      /** True when cells are dates, read by parseDate. */
      readonly date: boolean;
      /** True when numbers are written with a decimal comma (parseNumber). */
      readonly decimalComma: boolean;
      /** Training median, used for missing cells. */
      readonly fill: number;
      readonly mean: number;
      /** Never 0. */
      readonly sd: number;
      readonly indicator: boolean;
    }
  | {
      readonly kind: 'boolean';
      readonly column: number;
      readonly name: string;
      readonly fill: 0 | 1;
      readonly indicator: boolean;
    }
  | {
      readonly kind: 'onehot';
      readonly column: number;
      readonly name: string;
      /** The kept categories, most frequent first; each is one feature, followed by "(other)". */
      readonly categories: readonly string[];
      /** Whether a "(missing)" feature follows "(other)". */
      readonly missing: boolean;
    };

export interface Featurizer {
  readonly encoders: readonly FeatureEncoder[];
  /** D feature names. */
  readonly names: readonly string[];
  readonly d: number;
}

export interface FitFeaturizerOptions {
  /** Column types; only included columns become features. */
  readonly columns: readonly ColumnInfo[];
  /** Index of the label column, never a feature. */
  readonly label: number;
  readonly maxCategories?: number;
}

type Rows = readonly (readonly string[])[];

/** Fits a featurizer on training rows (N × C cells). */
export function fitFeaturizer(rows: Rows, options: FitFeaturizerOptions): Featurizer {
  const maxCategories = options.maxCategories ?? MAX_CATEGORIES;
  if (!(Number.isInteger(maxCategories) && maxCategories >= 0)) {
    throw new RangeError(`maxCategories must be a non-negative integer, got ${maxCategories}`);
  }
  const encoders: FeatureEncoder[] = [];
  for (const info of featureColumns(options.columns, options.label)) {
    const cells = rows.map((row) => row[info.index] ?? '');
    const { index: column, name } = info;
    if (info.type === 'numeric' || info.type === 'date') {
      const date = info.type === 'date';
      const decimalComma = info.type === 'numeric' && info.decimalComma === true;
      const values = cells.map((cell) => readNumber(cell, date, decimalComma));
      const observed = values.filter((v) => !Number.isNaN(v));
      const fill = observed.length > 0 ? median(observed) : 0;
      const imputed = values.map((v) => (Number.isNaN(v) ? fill : v));
      const { mean, sd } = meanSd(imputed);
      encoders.push({
        kind: 'numeric',
        column,
        name,
        date,
        decimalComma,
        fill,
        mean,
        sd: sd > 0 && Number.isFinite(sd) ? sd : 1,
        indicator: observed.length < values.length,
      });
    } else if (info.type === 'boolean') {
      const values = cells.map(parseBoolean);
      const ones = values.filter((v) => v === 1).length;
      const zeros = values.filter((v) => v === 0).length;
      encoders.push({
        kind: 'boolean',
        column,
        name,
        fill: ones > zeros ? 1 : 0,
        indicator: ones + zeros < values.length,
      });
    } else {
      const counts = new Map<string, number>();
      let missing = false;
      for (const cell of cells) {
        if (isMissing(cell)) missing = true;
        else counts.set(cell.trim(), (counts.get(cell.trim()) ?? 0) + 1);
      }
      const categories = [...counts]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .slice(0, maxCategories)
        .map(([value]) => value);
      encoders.push({ kind: 'onehot', column, name, categories, missing });
    }
  }
  const names = encoders.flatMap(featureNames);
  return { encoders, names, d: names.length };
}

/** Applies a fitted featurizer to rows (N × C cells) → `(N, D)` row-major features. */
export function transformRows(featurizer: Featurizer, rows: Rows): Float32Array {
  const { d } = featurizer;
  const x = new Float32Array(rows.length * d);
  const lookups = featurizer.encoders.map((e) =>
    e.kind === 'onehot' ? new Map(e.categories.map((c, k) => [c, k])) : null,
  );
  rows.forEach((row, i) => {
    let j = i * d;
    featurizer.encoders.forEach((e, k) => {
      const cell = row[e.column] ?? '';
      if (e.kind === 'numeric') {
        const v = readNumber(cell, e.date, e.decimalComma);
        const missing = Number.isNaN(v);
        x[j++] = ((missing ? e.fill : v) - e.mean) / e.sd;
        if (e.indicator) x[j++] = missing ? 1 : 0;
      } else if (e.kind === 'boolean') {
        const v = parseBoolean(cell);
        const missing = Number.isNaN(v);
        x[j++] = missing ? e.fill : v;
        if (e.indicator) x[j++] = missing ? 1 : 0;
      } else {
        const width = e.categories.length + 1 + (e.missing ? 1 : 0);
        const missing = isMissing(cell);
        const slot = missing
          ? e.missing
            ? width - 1
            : e.categories.length
          : (lookups[k]!.get(cell.trim()) ?? e.categories.length);
        x[j + slot] = 1;
        j += width;
      }
    });
  });
  return x;
}

/** Features and labels together: `transformRows` plus `y` `(N)` in [0, classes). */
export function toLabelledMatrix(featurizer: Featurizer, rows: Rows, y: Int32Array, classes: number): LabelledMatrix {
  if (y.length !== rows.length) throw new RangeError(`${rows.length} rows but ${y.length} labels`);
  return { x: transformRows(featurizer, rows), y, n: rows.length, d: featurizer.d, classes };
}

/** The columns that become features: included, not the label, not empty. */
export function featureColumns(columns: readonly ColumnInfo[], label: number): ColumnInfo[] {
  return columns.filter((c) => c.included && c.index !== label && c.type !== 'empty');
}

/** A `no-features` error when no column besides the label is included. */
export function checkFeatures(columns: readonly ColumnInfo[], label: number): TableProblem[] {
  if (featureColumns(columns, label).length > 0) return [];
  const left = columns.filter((c) => c.index !== label && !c.included).map((c) => `"${c.name}" (${c.type})`);
  return [
    {
      code: 'no-features',
      severity: 'error',
      message:
        left.length > 0
          ? `No column besides the label is used as a feature: ${left.join(', ')} ${left.length === 1 ? 'is' : 'are'} left out. Include one of them, or load a file with more columns.`
          : 'The file has no column besides the label, so there is nothing to learn from. Load a file with feature columns too.',
    },
  ];
}

/** Names of the features one encoder writes, in order. */
export function featureNames(encoder: FeatureEncoder): string[] {
  const { name } = encoder;
  if (encoder.kind !== 'onehot') return encoder.indicator ? [name, `${name}=(missing)`] : [name];
  return [
    ...encoder.categories.map((c) => `${name}=${c}`),
    `${name}=(other)`,
    ...(encoder.missing ? [`${name}=(missing)`] : []),
  ];
}

/** The middle value (mean of the two middle ones for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function meanSd(values: readonly number[]): { mean: number; sd: number } {
  if (values.length === 0) return { mean: 0, sd: 0 };
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / values.length) };
}

function readNumber(cell: string, date: boolean, decimalComma: boolean): number {
  if (isMissing(cell)) return NaN;
  const v = date ? parseDate(cell) : parseNumber(cell, decimalComma);
  return Number.isFinite(v) ? v : NaN;
}
