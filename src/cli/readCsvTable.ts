/**
 * A user's CSV file → a table prepared for training, through the engine's
 * steps (decode → parse → column types → label check → feature check).
 * Every problem is kept with its row and column; when one is an error, a
 * TableInputError carries them all (the CLI prints them and exits 2).
 */
import { readFile } from 'node:fs/promises';
import { createRandom } from '../engine/random.ts';
import {
  checkFeatures,
  checkLabels,
  decodeText,
  type DecodedText,
  defaultLabelColumn,
  hasError,
  inferColumnTypes,
  parseTable,
  type TableProblem,
} from '../engine/table/index.ts';
import type { PreparedTable } from '../model/tabular.ts';
import { UsageError } from './usage.ts';
import { initBackend } from '../model/backend.ts';
import { progressLine, type CommandIO, type TableArgs } from './tableArgs.ts';

/** The randomness stream of the row sample of a file with too many rows: `createRandom(seed, STREAM_TABLE_SAMPLE)`. */
export const STREAM_TABLE_SAMPLE = 54;

/** The input file cannot be analysed; `problems` says why, row by row. */
export class TableInputError extends UsageError {
  override name = 'TableInputError';
  constructor(
    readonly file: string,
    readonly problems: readonly TableProblem[],
  ) {
    super(`${file} cannot be analysed:\n${formatProblems(problems)}`);
  }
}

export interface ReadCsvOptions {
  /** Label column name; default: the engine's default (a column named label/target/class/y/outcome, else the last). */
  readonly label?: string;
  readonly folds: number;
  readonly seed: number;
}

export interface CsvTable {
  readonly prepared: PreparedTable;
  /** Warnings (read as Windows-1252, rows set aside, rows sampled): the analysis went on regardless. */
  readonly warnings: readonly TableProblem[];
}

/** True when a --dataset value names a CSV file rather than a shipped data set. */
export function isCsvPath(value: string): boolean {
  return /\.csv$/i.test(value) || value.includes('/') || value.includes('\\');
}

/** The --dataset value of a command's arguments when it names a CSV file, else null. */
export function csvDatasetArg(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value =
      arg === '--dataset' ? args[i + 1] : arg.startsWith('--dataset=') ? arg.slice('--dataset='.length) : undefined;
    if (value !== undefined && isCsvPath(value)) return value;
  }
  return null;
}

/** One line per problem: "error, row 3, column "x": message". */
export function formatProblems(problems: readonly TableProblem[]): string {
  return problems
    .map((p) => {
      const where = [p.row !== undefined ? `row ${p.row}` : '', p.column !== undefined ? `column "${p.column}"` : '']
        .filter(Boolean)
        .join(', ');
      return `  ${p.severity}${where ? ` (${where})` : ''}: ${p.message}`;
    })
    .join('\n');
}

/** Runs the engine's table steps on a file's bytes; throws TableInputError on any error problem. */
export function prepareCsvBytes(bytes: Uint8Array, file: string, options: ReadCsvOptions): CsvTable {
  return prepareDecoded(decodeText(bytes), file, options);
}

/** The table steps after decoding (the file's bytes are no longer needed). */
function prepareDecoded(decoded: DecodedText, file: string, options: ReadCsvOptions): CsvTable {
  if (!decoded.ok) throw new TableInputError(file, [decoded.problem]);
  const table = parseTable(decoded.text, { random: createRandom(options.seed, STREAM_TABLE_SAMPLE) });
  if (hasError(table.problems)) throw new TableInputError(file, [...decoded.problems, ...table.problems]);
  let column: number;
  if (options.label === undefined) column = defaultLabelColumn(table.header);
  else {
    column = table.header.indexOf(options.label);
    if (column < 0)
      column = table.header.findIndex((h) => h.trim().toLowerCase() === options.label!.trim().toLowerCase());
    if (column < 0) {
      throw new UsageError(
        `--label "${options.label}" is not a column of ${file}. Its columns are: ${table.header.map((h) => `"${h}"`).join(', ')}.`,
      );
    }
  }
  const columns = inferColumnTypes(table);
  const labels = checkLabels(table, { column, folds: options.folds });
  const problems = [...decoded.problems, ...table.problems, ...labels.problems, ...checkFeatures(columns, column)];
  if (hasError(problems)) throw new TableInputError(file, problems);
  return { prepared: { table, columns, labels }, warnings: problems };
}

/** Reads a CSV file from disk and prepares it (see prepareCsvBytes). */
export async function readCsvTable(path: string, options: ReadCsvOptions): Promise<CsvTable> {
  // Only the text is kept from here on: the file's bytes can go before the table is parsed.
  return prepareDecoded(decodeText(await readBytes(path)), path, options);
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `cannot read ${path}: there is no such file`
        : code === 'EISDIR'
          ? `cannot read ${path}: it is a folder, not a CSV file`
          : `cannot read ${path} (${code ?? String(error)})`,
    );
  }
}

/** What every CSV command (worth, issues, curve) starts from: the table read, warnings said, the backend up. */
export interface CsvRun extends CsvTable {
  readonly backend: string;
  /** The analysis options the commands share. */
  readonly common: {
    readonly folds: number;
    readonly seed: number;
    readonly model: TableArgs['model'];
    readonly injectNoise: number | undefined;
    readonly injectNoiseKind: TableArgs['injectNoiseKind'];
    readonly onProgress: ((p: { done: number; total: number }) => void) | undefined;
  };
  /** Seconds since the backend was ready. */
  seconds(): number;
}

/** Reads `options.file`, prints its warnings as "lab <command>: warning: …", starts the backend. */
export async function startCsvRun(
  command: string,
  options: TableArgs & { readonly file: string },
  io: CommandIO,
): Promise<CsvRun> {
  const { prepared, warnings } = await readCsvTable(options.file, options);
  for (const w of warnings) io.warn(`lab ${command}: warning: ${w.message}\n`);
  const backend = await initBackend(options.backend);
  const started = performance.now();
  return {
    prepared,
    warnings,
    backend: backend.name,
    common: {
      folds: options.folds,
      seed: options.seed,
      model: options.model,
      injectNoise: options.injectNoise,
      injectNoiseKind: options.injectNoiseKind,
      onProgress: progressLine(io, options.quiet, 'fits'),
    },
    seconds: () => (performance.now() - started) / 1000,
  };
}
