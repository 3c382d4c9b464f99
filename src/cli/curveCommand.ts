/** `lab curve`: the clean-vs-noisy learning curve and the exchange rate, in Node. */
import { parseCurveArgs } from './curveArgs.ts';
import { curveReport, formatCurveTable } from './curveReport.ts';
import { runSweepInNode } from './runSweep.ts';

export async function curveCommand(args: readonly string[]): Promise<void> {
  const { spec, backend, json, quiet } = parseCurveArgs(args);
  const result = await runSweepInNode(spec, {
    backend,
    onTrial: quiet ? undefined : (_, done, total) => process.stderr.write(`\r${done}/${total} trials`),
  });
  if (!quiet) process.stderr.write('\n');
  const report = curveReport(spec, result);
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatCurveTable(report));
}
