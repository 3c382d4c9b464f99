/**
 * What goes wrong with a user's table, as data. Every step of the table
 * pipeline returns problems instead of throwing for bad input; it throws only
 * for programmer errors (a column index out of range, folds < 2, …).
 *
 * `error` stops the pipeline (nothing sensible can be trained); `warning`
 * means the step went on and changed something the user should know about
 * (rows set aside, rows sampled, the file read as Windows-1252). Every message names the problem and says
 * what to do.
 */

export type TableProblemCode =
  // decode
  | 'binary'
  | 'utf16'
  | 'read-as-utf16'
  | 'read-as-windows-1252'
  | 'invalid-utf8'
  // parse
  | 'empty'
  | 'header-only'
  | 'ragged-rows'
  | 'unterminated-quote'
  | 'too-many-columns'
  | 'too-many-rows'
  | 'sampled-rows'
  // label
  | 'missing-labels'
  | 'no-labels'
  | 'single-class'
  | 'rare-classes'
  | 'regression-target'
  // features
  | 'no-features';

export type TableProblemSeverity = 'error' | 'warning';

export interface TableProblem {
  readonly code: TableProblemCode;
  readonly severity: TableProblemSeverity;
  /** One or two sentences: what is wrong, then what to do. */
  readonly message: string;
  /** 1-based row as a spreadsheet shows it (the header, when present, is row 1), when one row is at fault. */
  readonly row?: number;
  /** Column name, when one column is at fault. */
  readonly column?: string;
}

/** True when any problem is an error, i.e. the pipeline cannot go on. */
export function hasError(problems: readonly TableProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** "3, 7, 12 and 2 more" — the first `limit` numbers of a list, for messages. */
export function listFirst(values: readonly (number | string)[], limit = 5): string {
  const shown = values.slice(0, limit).join(', ');
  const more = values.length - limit;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/** "1 row", "2 rows". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : nouns}`;
}
