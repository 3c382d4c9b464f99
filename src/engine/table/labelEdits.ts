/**
 * A user's review of the suspected labels in their own table, and the
 * cleaned table it gives. Edits are keyed by the row's 1-based spreadsheet
 * row (`RawTable.rowNumbers`), which stays the same whatever is analysed or
 * re-analysed; relabels name the class by its value in the label column.
 */
import type { ReviewDecision } from '../confident/reviewDecisions.ts';
import {
  columnCodes,
  replaceCells,
  selectRows,
  stringCodes,
  type PackedCells,
  type PackedRows,
} from './packedCells.ts';
import type { RawTable } from './parse.ts';

/** What the user decided about one row. */
export type LabelEdit =
  { readonly kind: 'relabel'; readonly label: string } | { readonly kind: 'keep' } | { readonly kind: 'remove' };

/** Edits by spreadsheet row. */
export type LabelEdits = ReadonlyMap<number, LabelEdit>;

/** No edits yet. */
export const NO_EDITS: LabelEdits = new Map();

/** A flagged row: what the model suggests and how sure it is that the given label is wrong. */
export interface RowFlag {
  readonly suggested: string;
}

/**
 * The edits as review-list decisions (classes by index into `classNames`);
 * relabels to other classes are left out. With the rows' `given` labels, a
 * relabel to the row's own label shows as a keep (`effectiveEdit`).
 */
export function editsAsDecisions(
  edits: LabelEdits,
  classNames: readonly string[],
  given?: ReadonlyMap<number, string>,
): Map<number, ReviewDecision> {
  const decisions = new Map<number, ReviewDecision>();
  for (const [row, raw] of edits) {
    const edit = given ? effectiveEdit(raw, given.get(row)) : raw;
    if (edit.kind !== 'relabel') decisions.set(row, edit);
    else if (classNames.includes(edit.label))
      decisions.set(row, { kind: 'relabel', label: classNames.indexOf(edit.label) });
  }
  return decisions;
}

/** A review-list decision as an edit (the class named by `classNames`). */
export function decisionAsEdit(decision: ReviewDecision, classNames: readonly string[]): LabelEdit {
  if (decision.kind !== 'relabel') return decision;
  const label = classNames[decision.label];
  if (label === undefined)
    throw new RangeError(`class ${decision.label} is not one of the ${classNames.length} classes`);
  return { kind: 'relabel', label };
}

const KEEP: LabelEdit = { kind: 'keep' };

/**
 * The edit as it acts on a row whose label is `given` (the trimmed cell of
 * the label column): a relabel to the row's own label changes nothing, so it
 * is a keep. Without a given label (the row is not in the table) the edit is
 * returned as it is.
 */
export function effectiveEdit(edit: LabelEdit, given: string | undefined): LabelEdit {
  return edit.kind === 'relabel' && given !== undefined && edit.label === given ? KEEP : edit;
}

/** The given label (trimmed cell of column `column`) by spreadsheet row, of a table as rows or packed. */
export function givenLabels(
  table: Pick<RawTable, 'rowNumbers'> & ({ readonly rows: RawTable['rows'] } | { readonly cells: PackedCells }),
  column: number,
): Map<number, string> {
  const { values, codes } =
    'cells' in table ? columnCodes(table.cells, column) : stringCodes(table.rows.map((row) => row[column] ?? ''));
  const trimmed = values.map((value) => value.trim());
  const given = new Map<number, string>();
  for (let i = 0; i < codes.length; i++) given.set(table.rowNumbers[i]!, trimmed[codes[i]!]!);
  return given;
}

/** Index into the rows of each spreadsheet row number. */
export function rowIndex(rowNumbers: ArrayLike<number>): Map<number, number> {
  const index = new Map<number, number>();
  for (let i = 0; i < rowNumbers.length; i++) index.set(rowNumbers[i]!, i);
  return index;
}

/** Flags by spreadsheet row, from an analysis' suspected rows. */
export function rowFlags(
  issues: readonly { readonly row: number; readonly suggested: string }[],
): Map<number, RowFlag> {
  return new Map(issues.map((issue) => [issue.row, { suggested: issue.suggested }]));
}

/**
 * How likely each analysed row's label is wrong, by spreadsheet row: one
 * minus its label quality (the out-of-fold probability of its given label).
 */
export function issueScores(rowNumbers: ArrayLike<number>, quality: ArrayLike<number>): Map<number, number> {
  if (rowNumbers.length !== quality.length)
    throw new RangeError(`${rowNumbers.length} rows but ${quality.length} scores`);
  const scores = new Map<number, number>();
  for (let i = 0; i < rowNumbers.length; i++) scores.set(rowNumbers[i]!, 1 - quality[i]!);
  return scores;
}

export interface LabelEditTally {
  readonly reviewed: number;
  readonly relabelled: number;
  readonly kept: number;
  readonly removed: number;
}

/**
 * Counts the edits. With the rows' `given` labels, a relabel to the row's own
 * label counts as kept (as `cleanedTable` sees it), so `relabelled` and
 * `removed` are what the cleaned table changes.
 */
export function tallyLabelEdits(edits: LabelEdits, given?: ReadonlyMap<number, string>): LabelEditTally {
  let relabelled = 0;
  let kept = 0;
  let removed = 0;
  for (const [row, raw] of edits) {
    const edit = given ? effectiveEdit(raw, given.get(row)) : raw;
    if (edit.kind === 'relabel') relabelled++;
    else if (edit.kind === 'keep') kept++;
    else removed++;
  }
  return { reviewed: edits.size, relabelled, kept, removed };
}

/** Edits as a plain list (for IndexedDB, JSON), in row order. */
export function labelEditList(edits: LabelEdits): [number, LabelEdit][] {
  return [...edits].sort((a, b) => a[0] - b[0]);
}

/** Edits from a saved list; entries that are not edits are skipped. */
export function labelEditsFrom(list: readonly (readonly [number, LabelEdit])[] | undefined): LabelEdits {
  const edits = new Map<number, LabelEdit>();
  for (const entry of list ?? []) {
    const [row, edit] = entry;
    if (!Number.isInteger(row) || typeof edit !== 'object' || edit === null) continue;
    if (edit.kind === 'keep' || edit.kind === 'remove') edits.set(row, { kind: edit.kind });
    else if (edit.kind === 'relabel' && typeof edit.label === 'string')
      edits.set(row, { kind: 'relabel', label: edit.label });
  }
  return edits;
}

/** One decision as the JSON report lists it. */
export interface LabelDecision {
  /** The 1-based spreadsheet row (the cleaned CSV's source-row column). */
  readonly row: number;
  /** The row's label in the table, or null when the row is not in it. */
  readonly given: string | null;
  readonly decision: LabelEdit['kind'];
  /** The label the cleaned table gives the row: the new class, the given one (keep), or null (removed). */
  readonly newLabel: string | null;
}

/** Every edit as a decision on a row, in row order; a relabel to the row's own label is a keep. */
export function labelDecisions(edits: LabelEdits, given: ReadonlyMap<number, string>): LabelDecision[] {
  return labelEditList(edits).map(([row, raw]) => {
    const label = given.get(row);
    const edit = effectiveEdit(raw, label);
    const newLabel = edit.kind === 'relabel' ? edit.label : edit.kind === 'keep' ? (label ?? null) : null;
    return { row, given: label ?? null, decision: edit.kind, newLabel };
  });
}

/** The table with the edits applied: removed rows dropped, relabelled rows carrying their new label; order kept. */
export function applyLabelEdits<T extends PackedRows>(table: T, column: number, edits: LabelEdits): T {
  if (edits.size === 0) return table;
  const keep: number[] = [];
  const relabel = new Map<number, string>(); // position among the kept rows → new label
  const n = table.rowNumbers.length;
  for (let i = 0; i < n; i++) {
    const edit = edits.get(table.rowNumbers[i]!);
    if (edit?.kind === 'remove') continue;
    if (edit?.kind === 'relabel') relabel.set(keep.length, edit.label);
    keep.push(i);
  }
  return {
    ...table,
    cells: replaceCells(selectRows(table.cells, keep), column, relabel),
    rowNumbers: Int32Array.from(keep, (i) => table.rowNumbers[i]!),
  };
}

/** Names of the optional columns of the cleaned CSV. */
export const EXTRA_COLUMNS = ['label_issue_score', 'suggested_label', 'was_edited'] as const;

/** Name of the cleaned CSV's column holding each row's 1-based spreadsheet row in the file (header = row 1). */
export const SOURCE_ROW_COLUMN = 'source_row';

/** The names the cleaned CSV gives the columns it adds. */
export interface AddedColumns {
  /** The source-row column, or null when not asked for. */
  readonly sourceRow: string | null;
  /** The EXTRA_COLUMNS, in order, or none when not asked for. */
  readonly extras: readonly string[];
}

/**
 * Names for the columns the cleaned CSV adds after `header`: SOURCE_ROW_COLUMN
 * then EXTRA_COLUMNS, each given a suffix (`_2`, `_3`, …) when the table
 * already has a column of that name, compared trimmed and case-insensitively
 * (so no spreadsheet or database reading the file mistakes one for another).
 */
export function addedColumns(
  header: readonly string[],
  options: { readonly sourceRow?: boolean; readonly extraColumns?: boolean },
): AddedColumns {
  const taken = new Set(header.map((name) => name.trim().toLowerCase()));
  const unique = (name: string) => {
    let candidate = name;
    for (let k = 2; taken.has(candidate.toLowerCase()); k++) candidate = `${name}_${k}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  };
  const sourceRow = options.sourceRow ? unique(SOURCE_ROW_COLUMN) : null;
  const extras = options.extraColumns ? EXTRA_COLUMNS.map(unique) : [];
  return { sourceRow, extras };
}

export interface CleanedOptions {
  /** Index of the label column. */
  readonly label: number;
  readonly edits: LabelEdits;
  /** The latest analysis' flagged rows, by spreadsheet row. */
  readonly flags?: ReadonlyMap<number, RowFlag>;
  /** How likely each analysed row's label is wrong (0–1), by spreadsheet row. */
  readonly issueScores?: ReadonlyMap<number, number>;
  /** Also take the suggestion for flagged rows without an edit. */
  readonly acceptUnreviewed?: boolean;
  /** Append the EXTRA_COLUMNS. */
  readonly extraColumns?: boolean;
  /** Append SOURCE_ROW_COLUMN: each row's 1-based spreadsheet row in the file, so removed rows can be traced. */
  readonly sourceRow?: boolean;
}

export interface CleanedTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Rows whose label the cleaned table changes (by an edit or an accepted suggestion). */
  readonly relabelled: number;
  readonly removed: number;
  /** Of `relabelled`, suggestions taken for rows the user did not review. */
  readonly accepted: number;
}

/**
 * The user's table, cleaned: original columns in their order, every row in
 * its order except the removed ones, corrected labels; optionally followed
 * by SOURCE_ROW_COLUMN and EXTRA_COLUMNS (named by `addedColumns`). A
 * relabel to the label the row already has changes nothing (`effectiveEdit`).
 */
export function cleanedTable(
  table: Pick<RawTable, 'header' | 'rows' | 'rowNumbers'>,
  options: CleanedOptions,
): CleanedTable {
  const { label, edits, flags, issueScores } = options;
  if (!(Number.isInteger(label) && label >= 0 && label < table.header.length)) {
    throw new RangeError(`label column ${label} is not a column of this table`);
  }
  const added = addedColumns(table.header, options);
  let relabelled = 0;
  let removed = 0;
  let accepted = 0;
  const rows: (readonly string[])[] = [];
  table.rows.forEach((row, i) => {
    const number = table.rowNumbers[i]!;
    const given = (row[label] ?? '').trim();
    const raw = edits.get(number);
    const edit = raw && effectiveEdit(raw, given);
    const flag = flags?.get(number);
    if (edit?.kind === 'remove') {
      removed++;
      return;
    }
    let next = given;
    if (edit?.kind === 'relabel') next = edit.label;
    else if (!edit && flag && options.acceptUnreviewed) next = flag.suggested;
    const changed = next !== given;
    if (changed) {
      relabelled++;
      if (!edit) accepted++;
    }
    const cells = changed ? row.map((cell, j) => (j === label ? next : cell)) : [...row];
    if (added.sourceRow !== null) cells.push(String(number));
    if (added.extras.length > 0) {
      const score = issueScores?.get(number);
      cells.push(score === undefined ? '' : score.toFixed(4), flag?.suggested ?? '', String(changed));
    }
    rows.push(cells);
  });
  const header = [...table.header, ...(added.sourceRow === null ? [] : [added.sourceRow]), ...added.extras];
  return { header, rows, relabelled, removed, accepted };
}
