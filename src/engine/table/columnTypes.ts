/**
 * Step 3: infer each column's type from its non-missing values.
 *
 * Input: a raw table (C names, N rows × C cells). Output: C `ColumnInfo`s.
 * Cells are trimmed first; a cell is missing when it is empty or one of
 * MISSING_TOKENS (case-insensitive). The first rule that holds wins:
 *
 * 1. empty — every value is missing. Left out.
 * 2. boolean — the distinct values (lower-cased) are within one of the pairs
 *    true/false, yes/no, t/f, y/n; or are exactly the two values 0 and 1.
 * 3. numeric — every value is a finite number by `Number()` (no thousands
 *    separators). Becomes id (rule 5) when the values are integers, unique
 *    for ≥ 95% of at least 10 rows, and strictly increasing in file order or
 *    the column is named like an ID (id, *_id, key, index, uuid, …).
 *    Numbers written with a decimal comma (1,5; -0,25 — as spreadsheets in
 *    many locales save them, usually with ";" between cells) count too when
 *    every value is such a number or an integer: `decimalComma` is then set
 *    and featurize.ts reads them with `parseNumber`.
 * 4. date — every value is an ISO-like date or date-time (2024-03-05,
 *    2024/03/05, 2024-03-05T10:20[:30[.5]][Z|±hh:mm]); times without a zone
 *    are read as UTC so the result does not depend on the machine.
 * 5. id — at least 10 values, unique for ≥ 95% of them, single words (no
 *    spaces): "unique per row, like an ID". Left out.
 * 6. text — at least half the values are long (≥ 40 characters) or have three
 *    or more words, and more than half are distinct: free text. Left out.
 * 7. categorical — everything else.
 *
 * `included` is false for empty, id and text columns (the reason says why);
 * `includeColumn` lets the user take one in anyway (it is then one-hot encoded
 * as categorical by featurize.ts).
 */
import type { RawTable } from './parse.ts';

export type ColumnType = 'numeric' | 'boolean' | 'date' | 'categorical' | 'text' | 'id' | 'empty';

export interface ColumnInfo {
  /** Position in the table's header. */
  readonly index: number;
  readonly name: string;
  readonly type: ColumnType;
  /** Why this type, and for a column left out, why it is left out. */
  readonly reason: string;
  /** Whether the column becomes features. */
  readonly included: boolean;
  /** Rows whose cell is missing. */
  readonly missing: number;
  /** Distinct non-missing values (trimmed). */
  readonly distinct: number;
  /** Up to three distinct non-missing values, in file order. */
  readonly examples: readonly string[];
  /** Numeric values written with a decimal comma ("1,5"); absent otherwise. */
  readonly decimalComma?: boolean;
}

export type ColumnSummary = Omit<ColumnInfo, 'index' | 'name'>;

/** Cell values read as missing (compared trimmed and lower-cased), besides the empty cell. */
export const MISSING_TOKENS: readonly string[] = ['na', 'n/a', 'nan', 'null', 'none', '?'];
/** Fewest non-missing values before a column can be called an ID. */
export const MIN_ID_ROWS = 10;
/** Share of distinct values from which a column is unique "per row". */
export const ID_DISTINCT_SHARE = 0.95;

const MISSING = new Set(MISSING_TOKENS);
const BOOLEAN_PAIRS: readonly (readonly [string, string])[] = [
  ['true', 'false'],
  ['yes', 'no'],
  ['t', 'f'],
  ['y', 'n'],
];
const TRUE_WORDS = new Set(['true', 'yes', 't', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'f', 'n', '0']);
const ID_NAMES = [/^(id|key|index|idx|uuid|guid|rowid)$/i, /[_\s-]id$/i, /[a-z](Id|ID)$/];
const DATE =
  /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** True when a cell is empty or a missing-value token such as NA, N/A, NaN, null, None or ?. */
export function isMissing(cell: string): boolean {
  const value = cell.trim();
  return value === '' || MISSING.has(value.toLowerCase());
}

/** A boolean cell → 1 (true/yes/t/y/1) or 0 (false/no/f/n/0); NaN for anything else. */
export function parseBoolean(cell: string): number {
  const value = cell.trim().toLowerCase();
  return TRUE_WORDS.has(value) ? 1 : FALSE_WORDS.has(value) ? 0 : NaN;
}

/** An ISO-like date or date-time → days since 1970-01-01 UTC (fractional with a time); NaN when not a valid date. */
export function parseDate(cell: string): number {
  const m = DATE.exec(cell.trim());
  if (!m) return NaN;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((s) => Number(s ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = m[7] ? Number(`0.${m[7]}`) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + fraction * 1000;
  if (new Date(ms).getUTCDate() !== day) return NaN; // 2023-02-30
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return (ms - offsetMinutes * 60_000) / 86_400_000;
}

/** Infers the type of every column of a table. */
export function inferColumnTypes(table: Pick<RawTable, 'header' | 'rows'>): ColumnInfo[] {
  return table.header.map((name, index) => ({
    index,
    name,
    ...inferColumnType(
      table.rows.map((row) => row[index] ?? ''),
      { name },
    ),
  }));
}

const COMMA_DECIMAL = /^[+-]?\d*,\d+$/;
const INTEGER = /^[+-]?\d+$/;

/** A cell as a number (NaN when it is not one); with `decimalComma`, "1,5" is 1.5. */
export function parseNumber(cell: string, decimalComma = false): number {
  const text = cell.trim();
  if (text === '') return NaN;
  const v = Number(decimalComma && COMMA_DECIMAL.test(text) ? text.replace(',', '.') : text);
  return Number.isFinite(v) ? v : NaN;
}

export interface InferColumnTypeOptions {
  /** The column's name; a name like "id" or "customer_id" helps spot ID columns. */
  readonly name?: string;
}

/**
 * Infers the type of one column from its cells (see the rules at the top of this file).
 * Every rule reads only which values occur and how often — except the ID
 * rule's "strictly increasing in file order" — so the cells are counted by
 * distinct value first: a column of 200,000 cells usually has far fewer.
 */
export function inferColumnType(cells: readonly string[], options: InferColumnTypeOptions = {}): ColumnSummary {
  const cellCounts = new Map<string, number>();
  for (const cell of cells) cellCounts.set(cell, (cellCounts.get(cell) ?? 0) + 1);
  let missing = 0;
  /** Rows of each trimmed non-missing value, in the file order of its first row. */
  const counts = new Map<string, number>();
  for (const [cell, rows] of cellCounts) {
    if (isMissing(cell)) missing += rows;
    else {
      const value = cell.trim();
      counts.set(value, (counts.get(value) ?? 0) + rows);
    }
  }
  const values = [...counts.keys()];
  const distinct = values.length;
  const examples = values.slice(0, 3);
  let count = 0;
  for (const rows of counts.values()) count += rows;
  /** Rows whose value passes `test` (given the value and its index in `values`). */
  const rowsWhere = (test: (value: string, index: number) => boolean): number =>
    values.reduce((sum, value, i) => (test(value, i) ? sum + counts.get(value)! : sum), 0);
  const summary = (type: ColumnType, reason: string, included = true): ColumnSummary => ({
    type,
    reason,
    included,
    missing,
    distinct,
    examples,
  });
  if (count === 0) return summary('empty', 'every value is missing; left out because it carries no information', false);

  const lower = new Set(values.map((v) => v.toLowerCase()));
  const pair = BOOLEAN_PAIRS.find(([a, b]) => [...lower].every((v) => v === a || v === b));
  if (pair) return summary('boolean', `only the values ${[...lower].join(' / ')}`);
  if (lower.size === 2 && lower.has('0') && lower.has('1')) return summary('boolean', 'only the values 0 / 1');

  const uniquePerRow = count >= MIN_ID_ROWS && distinct >= ID_DISTINCT_SHARE * count;
  const idReason = `unique per row, like an ID (${distinct} distinct values in ${count} rows); left out because it cannot tell anything about new rows`;
  const name = options.name?.trim() ?? '';
  const namedLikeId = ID_NAMES.some((pattern) => pattern.test(name));

  const numbers = values.map(Number);
  if (numbers.every(Number.isFinite)) {
    if (uniquePerRow && numbers.every(Number.isInteger) && (namedLikeId || increasingInFileOrder(cells))) {
      return summary('id', idReason, false);
    }
    return summary('numeric', `every value is a number (from ${min(numbers)} to ${max(numbers)})`);
  }
  // The first value (in file order) reaching the lowest / highest reading is the first such distinct value.
  if (values.some((v) => COMMA_DECIMAL.test(v)) && values.every((v) => COMMA_DECIMAL.test(v) || INTEGER.test(v))) {
    const read = values.map((v) => parseNumber(v, true));
    const low = values[read.indexOf(min(read))]!;
    const high = values[read.indexOf(max(read))]!;
    return {
      ...summary('numeric', `every value is a number, written with a decimal comma (from ${low} to ${high})`),
      decimalComma: true,
    };
  }

  const days = values.map(parseDate);
  if (days.every(Number.isFinite)) {
    const first = values[days.indexOf(min(days))]!;
    const last = values[days.indexOf(max(days))]!;
    return summary('date', `every value is a date (from ${first} to ${last}); used as days since 1970`);
  }

  const words = values.map((v) => v.split(/\s+/).length);
  if (uniquePerRow && (namedLikeId || rowsWhere((_, i) => words[i] === 1) >= ID_DISTINCT_SHARE * count)) {
    return summary('id', idReason, false);
  }
  const long = rowsWhere((v, i) => v.length >= 40 || words[i]! >= 3);
  if (long >= 0.5 * count && distinct > 0.5 * count) {
    return summary(
      'text',
      `free text: many distinct values of several words (like "${truncate(examples[0]!)}"); left out because the lab does not model text`,
      false,
    );
  }
  return summary(
    'categorical',
    `${distinct} distinct ${distinct === 1 ? 'value' : 'values'} (${examples.join(', ')}${distinct > 3 ? ', …' : ''})`,
  );
}

/** A copy of `columns` with column `index` included or left out. */
export function includeColumn(columns: readonly ColumnInfo[], index: number, included: boolean): ColumnInfo[] {
  if (!columns.some((c) => c.index === index)) throw new RangeError(`no column with index ${index}`);
  return columns.map((c) => (c.index === index ? { ...c, included } : c));
}

/** True when the non-missing cells, read as numbers, strictly increase in file order. */
function increasingInFileOrder(cells: readonly string[]): boolean {
  let previous = -Infinity;
  for (const cell of cells) {
    if (isMissing(cell)) continue;
    const value = Number(cell.trim());
    if (!(value > previous)) return false;
    previous = value;
  }
  return true;
}

function min(values: readonly number[]): number {
  return values.reduce((a, b) => (b < a ? b : a), Infinity);
}

function max(values: readonly number[]): number {
  return values.reduce((a, b) => (b > a ? b : a), -Infinity);
}

function truncate(value: string, length = 30): string {
  return value.length <= length ? value : `${value.slice(0, length - 1)}…`;
}
