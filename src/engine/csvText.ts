/**
 * Small result tables (a cell's results: tens to a few thousand rows) as CSV
 * text, RFC 4180: comma-separated, CRLF line ends, a header row; a field with
 * a comma, a double quote, a CR or a LF is quoted and its quotes doubled.
 * Numbers are written in full (`String(n)`), NaN and empty cells as empty
 * fields, true/false as words. (The CSV files of "Your own data" are written
 * by papaparse in the table worker: engine/table/writeCsv.ts.)
 */

/** One cell of a result table. */
export type ResultValue = string | number | boolean | null;

/** A table of results: `columns` names, each row one value per column. */
export interface ResultTable {
  /** What the table holds, e.g. "flagged items" (names the file and the button). */
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ResultValue[])[];
}

/** One field as written: quoted when it must be. */
export function csvField(value: ResultValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as CSV: the header, then one line per row, each line ended by CRLF. */
export function csvText(table: Pick<ResultTable, 'columns' | 'rows'>): string {
  const width = table.columns.length;
  const lines = [table.columns.map(csvField).join(',')];
  table.rows.forEach((row, index) => {
    if (row.length !== width) {
      throw new RangeError(`csvText: row ${index + 1} has ${row.length} values for ${width} columns`);
    }
    lines.push(row.map(csvField).join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}
