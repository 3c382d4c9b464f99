/**
 * Step 4: the label column, and whether it makes a classification task.
 *
 * Input: a table (N rows × C cells, as rows of strings or packed — see
 * packedCells.ts) and the label column's index.
 * Output: `LabelCheck` — the K classes (sorted: numerically when every class
 * is a number, else by string order) with their counts; `rows` `(M)`, the
 * indices into `table.rows` of the M rows that have a label, and `y` `(M)`,
 * their class in [0, K); `setAside`, the rows whose label is missing.
 *
 * Problems:
 * - `missing-labels` (warning): rows with a missing label are set aside and counted.
 * - `no-labels`, `single-class` (errors): fewer than two classes.
 * - `regression-target` (error): every label is a number and there are more
 *   than max(20, 5% of M) distinct values — a quantity to predict, not classes.
 * - `rare-classes` (error): classes with fewer rows than `folds` (stratified
 *   k-fold needs one row per fold); `rareClasses` lists them, for the offer
 *   to `dropClasses` or `mergeClasses`.
 */
import { isMissing } from './columnTypes.ts';
import {
  columnCells,
  columnCodes,
  replaceCells,
  selectRows,
  stringCodes,
  type ColumnCodes,
  type PackedCells,
  type PackedRows,
} from './packedCells.ts';
import type { RawTable } from './parse.ts';
import { listFirst, plural, type TableProblem } from './problem.ts';

/** Column names taken for the label by default, in order of preference (case-insensitive). */
export const LABEL_NAMES: readonly string[] = ['label', 'target', 'class', 'y', 'outcome'];

/** The default label column: the first of LABEL_NAMES present (case-insensitive, trimmed), else the last column; -1 without columns. */
export function defaultLabelColumn(header: readonly string[]): number {
  const names = header.map((h) => h.trim().toLowerCase());
  for (const wanted of LABEL_NAMES) {
    const index = names.indexOf(wanted);
    if (index >= 0) return index;
  }
  return header.length - 1;
}

export interface ClassCount {
  readonly name: string;
  readonly count: number;
}

export interface LabelCheckOptions {
  /** Index of the label column. */
  readonly column: number;
  /** Folds of the cross-validation the data will go through; every class needs at least this many rows. */
  readonly folds: number;
}

export interface LabelCheck {
  readonly column: number;
  /** K classes, sorted, with their row counts. */
  readonly classes: readonly ClassCount[];
  /** `(M)` indices into `table.rows` of the rows with a label, ascending. */
  readonly rows: Int32Array;
  /** `(M)` class of each of those rows, in [0, K). */
  readonly y: Int32Array;
  /** Indices into `table.rows` of the rows whose label is missing. */
  readonly setAside: Int32Array;
  /** Classes with fewer than `folds` rows (empty unless there is a `rare-classes` problem). */
  readonly rareClasses: readonly ClassCount[];
  readonly looksLikeRegression: boolean;
  readonly problems: readonly TableProblem[];
}

/** A table as the engine reads it (rows of strings) or as the page keeps it (packed cells). */
export type LabelTable = Pick<RawTable, 'header' | 'rowNumbers'> &
  ({ readonly rows: RawTable['rows'] } | { readonly cells: PackedCells });

/** The cells of one column of either kind of table, in row order (a missing cell reads as ''). */
export function tableColumn(table: LabelTable, column: number): readonly string[] {
  return 'cells' in table ? columnCells(table.cells, column) : table.rows.map((row) => row[column] ?? '');
}

/** One column of either kind of table, dictionary-encoded (packedCells.ts `ColumnCodes`). */
export function tableColumnCodes(table: LabelTable, column: number): ColumnCodes {
  return 'cells' in table ? columnCodes(table.cells, column) : stringCodes(tableColumn(table, column));
}

export function checkLabels(table: LabelTable, options: LabelCheckOptions): LabelCheck {
  const { column, folds } = options;
  if (!(Number.isInteger(column) && column >= 0 && column < table.header.length)) {
    throw new RangeError(`label column ${column} is not a column of this table (${table.header.length} columns)`);
  }
  if (!(Number.isInteger(folds) && folds >= 1)) throw new RangeError(`folds must be a positive integer, got ${folds}`);
  const name = table.header[column]!;
  const problems: TableProblem[] = [];

  // The column dictionary-encoded (a large table has few distinct labels): each distinct cell is
  // checked for a missing value and trimmed once, each distinct class gets an id.
  const { values: cellValues, codes } = tableColumnCodes(table, column);
  const idOfValue = new Map<string, number>();
  const distinct: string[] = [];
  const idOfCode = Int32Array.from(cellValues, (cell) => {
    const value = cell.trim();
    if (isMissing(value)) return -1;
    let id = idOfValue.get(value);
    if (id === undefined) {
      id = distinct.push(value) - 1;
      idOfValue.set(value, id);
    }
    return id;
  });
  const n = codes.length;
  const ids = new Int32Array(n); // class id of each row, -1 when its label is missing
  const tally = new Int32Array(distinct.length);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const id = idOfCode[codes[i]!]!;
    ids[i] = id;
    if (id < 0) missing++;
    else tally[id]!++;
  }
  const setAside = new Int32Array(missing);
  const labelled = new Int32Array(n - missing);
  const labelledIds = new Int32Array(n - missing);
  for (let i = 0, a = 0, l = 0; i < n; i++) {
    if (ids[i]! < 0) setAside[a++] = i;
    else {
      labelled[l] = i;
      labelledIds[l++] = ids[i]!;
    }
  }
  if (setAside.length > 0) {
    const rows = Array.from(setAside, (i) => table.rowNumbers[i] ?? i + 1);
    problems.push({
      code: 'missing-labels',
      severity: 'warning',
      column: name,
      row: rows[0]!,
      message: `${plural(setAside.length, 'row')} (row${rows.length === 1 ? '' : 's'} ${listFirst(rows)}) ${setAside.length === 1 ? 'has' : 'have'} no label in column "${name}" and ${setAside.length === 1 ? 'was' : 'were'} set aside. Fill in the labels to use them.`,
    });
  }

  const names = sortClassNames(distinct);
  const index = new Map(names.map((name, k) => [name, k]));
  const classes = names.map((name) => ({ name, count: tally[idOfValue.get(name)!]! }));
  const rank = Int32Array.from(distinct, (value) => index.get(value)!);
  const y = new Int32Array(labelledIds.length);
  for (let l = 0; l < y.length; l++) y[l] = rank[labelledIds[l]!]!;

  const m = labelled.length;
  const numeric = m > 0 && names.every((v) => Number.isFinite(Number(v)));
  const looksLikeRegression = numeric && names.length > Math.max(20, 0.05 * m);
  let rareClasses: ClassCount[] = [];
  if (names.length === 0) {
    problems.push({
      code: 'no-labels',
      severity: 'error',
      column: name,
      message: `Column "${name}" has no labels: every value is missing. Pick the column that holds the classes as the label.`,
    });
  } else if (looksLikeRegression) {
    problems.push({
      code: 'regression-target',
      severity: 'error',
      column: name,
      message: `Column "${name}" looks like a regression target: its values are numbers with ${plural(names.length, 'distinct value')} in ${plural(m, 'row')}. This lab does classification only: pick another column as the label, or group the values into a few classes.`,
    });
  } else if (names.length === 1) {
    problems.push({
      code: 'single-class',
      severity: 'error',
      column: name,
      message: `Every labelled row has the same class "${names[0]}" in column "${name}", and a classifier needs at least two classes. Pick another label column, or add rows of other classes.`,
    });
  } else {
    rareClasses = classes.filter((c) => c.count < folds);
    if (rareClasses.length > 0) {
      const list = listFirst(rareClasses.map((c) => `"${c.name}" (${plural(c.count, 'row')})`));
      problems.push({
        code: 'rare-classes',
        severity: 'error',
        column: name,
        message: `${rareClasses.length === 1 ? 'Class' : 'Classes'} ${list} ${rareClasses.length === 1 ? 'has' : 'have'} fewer rows than the ${folds} folds need (at least one row per fold). Drop ${rareClasses.length === 1 ? 'it' : 'them'}, merge ${rareClasses.length === 1 ? 'it' : 'them'} into another class, or add rows.`,
      });
    }
  }
  return {
    column,
    classes,
    rows: labelled,
    y,
    setAside,
    rareClasses,
    looksLikeRegression,
    problems,
  };
}

/** Class names sorted numerically when every one is a number, else by UTF-16 code units (locale-independent). */
export function sortClassNames(names: readonly string[]): string[] {
  const sorted = [...names];
  if (sorted.every((n) => Number.isFinite(Number(n)))) return sorted.sort((a, b) => Number(a) - Number(b) || cmp(a, b));
  return sorted.sort(cmp);
}

export interface DropClassesOptions {
  readonly column: number;
  /** Class names (trimmed cell values) whose rows are removed. */
  readonly classes: readonly string[];
}

/** The table without the rows whose label is one of `classes`. */
export function dropClasses<T extends PackedRows>(table: T, options: DropClassesOptions): T {
  const drop = new Set(options.classes);
  const labels = columnCells(table.cells, options.column);
  const keep: number[] = [];
  labels.forEach((label, i) => {
    if (!drop.has(label.trim())) keep.push(i);
  });
  return {
    ...table,
    cells: selectRows(table.cells, keep),
    rowNumbers: Int32Array.from(keep, (i) => table.rowNumbers[i]!),
  };
}

export interface MergeClassesOptions {
  readonly column: number;
  /** Class names (trimmed cell values) to relabel. */
  readonly classes: readonly string[];
  /** The class they become: an existing class or a new name such as "other". */
  readonly into: string;
}

/** The table with every label in `classes` replaced by `into`. */
export function mergeClasses<T extends Pick<PackedRows, 'cells'>>(table: T, options: MergeClassesOptions): T {
  const { column, into } = options;
  const merge = new Set(options.classes);
  const replacements = new Map<number, string>();
  columnCells(table.cells, column).forEach((label, i) => {
    if (merge.has(label.trim())) replacements.set(i, into);
  });
  return { ...table, cells: replaceCells(table.cells, column, replacements) };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
