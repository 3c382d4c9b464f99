/**
 * Pearson's chi-square test of homogeneity on a table of counts, as scipy's
 * `chi2_contingency(table)` with its default `correction=True` (Yates'
 * continuity correction when there is one degree of freedom). Rows are the
 * samples (reference, current), columns the bins or categories. Columns empty
 * in every row are dropped first (scipy refuses a table with a zero expected
 * count).
 */
import { chiSquareSf } from './gamma.ts';

export interface ChiSquareResult {
  readonly statistic: number;
  /** (rows − 1)·(non-empty columns − 1). */
  readonly dof: number;
  /** 1 when dof is 0 (nothing to compare). */
  readonly pValue: number;
}

export function chiSquareTest(table: readonly (readonly number[])[]): ChiSquareResult {
  const rows = table.filter((row) => row.some((v) => v > 0));
  const width = table[0]?.length ?? 0;
  const cols: number[] = [];
  for (let c = 0; c < width; c++) if (rows.some((row) => (row[c] ?? 0) > 0)) cols.push(c);
  const dof = Math.max(0, (rows.length - 1) * (cols.length - 1));
  if (dof === 0) return { statistic: 0, dof, pValue: 1 };
  const rowSums = rows.map((row) => cols.reduce((s, c) => s + row[c]!, 0));
  const colSums = cols.map((c) => rows.reduce((s, row) => s + row[c]!, 0));
  const total = rowSums.reduce((s, v) => s + v, 0);
  let statistic = 0;
  rows.forEach((row, r) =>
    cols.forEach((c, k) => {
      const expected = (rowSums[r]! * colSums[k]!) / total;
      let diff = row[c]! - expected;
      if (dof === 1) diff = Math.sign(diff) * Math.max(0, Math.abs(diff) - Math.min(0.5, Math.abs(diff)));
      statistic += (diff * diff) / expected;
    }),
  );
  return { statistic, dof, pValue: chiSquareSf(statistic, dof) };
}
