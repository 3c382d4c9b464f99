/**
 * `lab worth data.csv --label COLUMN`: what the label noise in a user's CSV
 * costs and what fixing it is worth, trained for real in this process.
 * Bad input (unreadable file, ragged rows, a single class, …) ends in a
 * UsageError listing every problem with its row and column (exit code 2).
 */
import { analyseTable } from '../model/tabularWorth.ts';
import { startCsvRun } from './readCsvTable.ts';
import { PROCESS_IO, type CommandIO } from './tableArgs.ts';
import { parseWorthArgs } from './worthArgs.ts';
import { toJson } from './tableOutput.ts';
import { formatWorth, worthOutput } from './worthReport.ts';

export async function worthCommand(args: readonly string[], io: CommandIO = PROCESS_IO): Promise<void> {
  const options = parseWorthArgs(args);
  const run = await startCsvRun('worth', options, io);
  const analysis = await analyseTable(run.prepared, run.common);
  const out = worthOutput(analysis, {
    file: options.file,
    backend: run.backend,
    seconds: run.seconds(),
    warnings: run.warnings,
  });
  io.write(options.json ? toJson(out) : formatWorth(out));
}
