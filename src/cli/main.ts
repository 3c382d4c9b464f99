/**
 * The lab's command line: the same engine and models as the browser, in Node.
 *
 *   npm run -s lab -- curve --dataset digits --model logreg --noise 0.1 \
 *     --sizes 50,100,200 --seeds 5 --json
 *   npm run -s lab -- agreement a.json b.json [c.json ...] --json
 */
import { AGREEMENT_USAGE } from './agreementArgs.ts';
import { agreementCommand } from './agreementCommand.ts';
import { USAGE, UsageError, parseCurveArgs, type CurveCommand } from './curveArgs.ts';
import { curveReport, formatCurveTable } from './curveReport.ts';
import { runSweepInNode } from './runSweep.ts';
import { quietTfjsBanner } from './quietTfjsBanner.ts';

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'agreement') return agreementCommand(rest);
  if (!command || command === '-h' || command === '--help' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n${AGREEMENT_USAGE}`);
    return command ? 0 : 2;
  }
  if (command !== 'curve') {
    process.stderr.write(`lab: unknown command "${command}". The commands are: curve, agreement. See --help.\n`);
    return 2;
  }
  let parsed: CurveCommand;
  try {
    parsed = parseCurveArgs(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lab curve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { spec, backend, json, quiet } = parsed;
  const result = await runSweepInNode(spec, {
    backend,
    onTrial: quiet ? undefined : (_, done, total) => process.stderr.write(`\r${done}/${total} trials`),
  });
  if (!quiet) process.stderr.write('\n');
  const report = curveReport(spec, result);
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatCurveTable(report));
  return 0;
}

quietTfjsBanner();

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`lab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
