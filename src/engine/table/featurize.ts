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

/**
 * Distinct cells per column whose reading is remembered: a column of few
 * distinct values (the parser keeps each once, parse.ts) is read once per
 * value instead of once per row; beyond this many the rest is read per row.
 */
const REMEMBERED = 4096;

/** `read(cell)`, remembered for up to REMEMBERED distinct cells. */
function remembered<T>(read: (cell: string) => T): (cell: string) => T {
  const known = new Map<string, T>();
  return (cell) => {
    let value = known.get(cell);
    if (value === undefined && !known.has(cell)) {
      value = read(cell);
      if (known.size < REMEMBERED) known.set(cell, value);
    }
    return value as T;
  };
}

/** Fits a featurizer on training rows (N × C cells). */
export function fitFeaturizer(rows: Rows, options: FitFeaturizerOptions): Featurizer {
  const maxCategories = options.maxCategories ?? MAX_CATEGORIES;
  if (!(Number.isInteger(maxCategories) && maxCategories >= 0)) {
    throw new RangeError(`maxCategories must be a non-negative integer, got ${maxCategories}`);
  }
  const encoders: FeatureEncoder[] = [];
  const n = rows.length;
  for (const info of featureColumns(options.columns, options.label)) {
    const { index: column, name } = info;
    const cell = (i: number) => rows[i]![column] ?? '';
    if (info.type === 'numeric' || info.type === 'date') {
      const date = info.type === 'date';
      const decimalComma = info.type === 'numeric' && info.decimalComma === true;
      const read = remembered((c) => readNumber(c, date, decimalComma));
      const values = new Float64Array(n);
      let seen = 0;
      for (let i = 0; i < n; i++) {
        const v = read(cell(i));
        values[i] = v;
        if (!Number.isNaN(v)) seen++;
      }
      const observed = new Float64Array(seen);
      for (let i = 0, k = 0; i < n; i++) if (!Number.isNaN(values[i]!)) observed[k++] = values[i]!;
      const fill = seen > 0 ? median(observed) : 0;
      for (let i = 0; i < n; i++) if (Number.isNaN(values[i]!)) values[i] = fill;
      const { mean, sd } = meanSd(values);
      encoders.push({
        kind: 'numeric',
        column,
        name,
        date,
        decimalComma,
        fill,
        mean,
        sd: sd > 0 && Number.isFinite(sd) ? sd : 1,
        indicator: seen < n,
      });
    } else if (info.type === 'boolean') {
      const read = remembered(parseBoolean);
      let ones = 0;
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        const v = read(cell(i));
        if (v === 1) ones++;
        else if (v === 0) zeros++;
      }
      encoders.push({
        kind: 'boolean',
        column,
        name,
        fill: ones > zeros ? 1 : 0,
        indicator: ones + zeros < n,
      });
    } else {
      const read = remembered((c) => (isMissing(c) ? null : c.trim()));
      const counts = new Map<string, number>();
      let missing = false;
      for (let i = 0; i < n; i++) {
        const value = read(cell(i));
        if (value === null) missing = true;
        else counts.set(value, (counts.get(value) ?? 0) + 1);
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
  // Each encoder as "write this cell's features at j, return the next j", reading each distinct cell once.
  const writers = featurizer.encoders.map((e): ((cell: string, j: number) => number) => {
    if (e.kind === 'numeric') {
      const read = remembered((cell) => readNumber(cell, e.date, e.decimalComma));
      return (cell, j) => {
        const v = read(cell);
        const missing = Number.isNaN(v);
        x[j++] = ((missing ? e.fill : v) - e.mean) / e.sd;
        if (e.indicator) x[j++] = missing ? 1 : 0;
        return j;
      };
    }
    if (e.kind === 'boolean') {
      const read = remembered(parseBoolean);
      return (cell, j) => {
        const v = read(cell);
        const missing = Number.isNaN(v);
        x[j++] = missing ? e.fill : v;
        if (e.indicator) x[j++] = missing ? 1 : 0;
        return j;
      };
    }
    const width = e.categories.length + 1 + (e.missing ? 1 : 0);
    const lookup = new Map(e.categories.map((c, k) => [c, k]));
    const slotOf = remembered((cell) =>
      isMissing(cell)
        ? e.missing
          ? width - 1
          : e.categories.length
        : (lookup.get(cell.trim()) ?? e.categories.length),
    );
    return (cell, j) => {
      x[j + slotOf(cell)] = 1;
      return j + width;
    };
  });
  const columns = featurizer.encoders.map((e) => e.column);
  rows.forEach((row, i) => {
    let j = i * d;
    for (let k = 0; k < writers.length; k++) j = writers[k]!(row[columns[k]!] ?? '', j);
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
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function meanSd(values: Float64Array): { mean: number; sd: number } {
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
