/**
 * A table back to CSV text (papaparse's unparse): the given delimiter, "\n"
 * line ends, a cell quoted only when it must be (it holds the delimiter, a
 * quote, a line break, or space at either end). Runs in the table worker.
 */
import Papa from 'papaparse';

export interface WriteCsvOptions {
  /** Default ",". */
  readonly delimiter?: string;
  /** Write the header row; default true. */
  readonly header?: boolean;
}

export function writeCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: WriteCsvOptions = {},
): string {
  const text = Papa.unparse(
    { fields: [...header], data: rows.map((row) => [...row]) },
    { delimiter: options.delimiter ?? ',', newline: '\n', header: options.header ?? true, escapeFormulae: false },
  );
  return text.length > 0 ? `${text}\n` : text;
}
