/**
 * `lab worth data.csv --label COLUMN`: what the label noise in a user's CSV
 * costs and what fixing it is worth, trained for real in this process.
 * Bad input (unreadable file, ragged rows, a single class, …) ends in a
 * UsageError listing every problem with its row and column (exit code 2).
 */
import { initBackend } from '../model/backend.ts';
import { analyseTable } from '../model/tabularWorth.ts';
import { readCsvTable } from './readCsvTable.ts';
import { PROCESS_IO, progressLine, type CommandIO } from './tableArgs.ts';
import { parseWorthArgs } from './worthArgs.ts';
import { toJson } from './tableOutput.ts';
import { formatWorth, worthOutput } from './worthReport.ts';

export async function worthCommand(args: readonly string[], io: CommandIO = PROCESS_IO): Promise<void> {
  const options = parseWorthArgs(args);
  const { prepared, warnings } = await readCsvTable(options.file, options);
  for (const w of warnings) io.warn(`lab worth: warning: ${w.message}\n`);
  const backend = await initBackend(options.backend);
  const started = performance.now();
  const analysis = await analyseTable(prepared, {
    folds: options.folds,
    seed: options.seed,
    model: options.model,
    injectNoise: options.injectNoise,
    onProgress: progressLine(io, options.quiet, 'fits'),
  });
  const out = worthOutput(analysis, {
    file: options.file,
    backend: backend.name,
    seconds: (performance.now() - started) / 1000,
    warnings,
  });
  io.write(options.json ? toJson(out) : formatWorth(out));
}
