/** `lab curve`: the clean-vs-noisy learning curve and the exchange rate, in Node (a shipped data set, or a CSV file). */
import { parseCurveArgs } from './curveArgs.ts';
import { curveReport, formatCurveTable } from './curveReport.ts';
import { csvDatasetArg } from './readCsvTable.ts';
import { runSweepInNode } from './runSweep.ts';
import { tableCurveCommand } from './tableCurve.ts';

export async function curveCommand(args: readonly string[]): Promise<void> {
  if (csvDatasetArg(args) !== null) return tableCurveCommand(args);
  const { spec, n0Source, backend, json, quiet } = parseCurveArgs(args);
  const result = await runSweepInNode(spec, {
    backend,
    onTrial: quiet ? undefined : (_, done, total) => process.stderr.write(`\r${done}/${total} trials`),
  });
  if (!quiet) process.stderr.write('\n');
  const report = curveReport(spec, result, n0Source);
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatCurveTable(report));
}
