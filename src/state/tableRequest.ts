/**
 * An imported table → the request for the Worth analysis in the worker pool:
 * the rows as the page holds them, the columns (the included ones other than
 * the label are the features), the label column and the analysis' options —
 * or the problems that stop it (a label column that is not one, classes too
 * small for the folds, no features).
 */
// Module by module, not through the index: the index also re-exports the parser, and papaparse belongs in the table worker.
import type { ColumnInfo } from '../engine/table/columnTypes.ts';
import { checkFeatures } from '../engine/table/featurize.ts';
import { checkLabels } from '../engine/table/labelColumn.ts';
import type { TableProblem } from '../engine/table/problem.ts';
import type { ModelChoice } from '../engine/types.ts';
import type { TableAnalysisRequest } from '../workers/protocol.ts';
import type { ImportedTable } from '../workers/tableProtocol.ts';

export interface AnalysisOptions {
  readonly folds: number;
  readonly seed: number;
  readonly model: ModelChoice;
  /** Fraction of the labels to flip first (known noise); 0 or absent: none. */
  readonly injectNoise?: number;
}

type Rows = Pick<ImportedTable, 'header' | 'cells' | 'rowNumbers'>;

/** The request for `table` with `label` (a column index) and `options`; only the fields the worker needs cross over. */
export function tableAnalysisRequest(
  table: Rows,
  columns: readonly ColumnInfo[],
  label: number,
  options: AnalysisOptions,
): TableAnalysisRequest {
  const { header, cells, rowNumbers } = table;
  const { folds, seed, model, injectNoise } = options;
  return {
    table: { header, cells, rowNumbers },
    columns,
    label,
    folds,
    seed,
    model,
    ...(injectNoise !== undefined && injectNoise > 0 ? { injectNoise } : {}),
  };
}

/** What stops or weakens an analysis of `table` with `label` and `folds`: its label check and feature check, errors and warnings. */
export function analysisProblems(
  table: Rows,
  columns: readonly ColumnInfo[],
  label: number,
  folds: number,
): TableProblem[] {
  return [...checkLabels(table, { column: label, folds }).problems, ...checkFeatures(columns, label)];
}

/** Index of the column called `name` — exactly, else ignoring case and surrounding spaces — or −1. */
export function columnIndex(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const wanted = name.trim().toLowerCase();
  return header.findIndex((h) => h.trim().toLowerCase() === wanted);
}
