/**
 * The lab's command line: the same engine and models as the browser, in Node.
 *
 *   npm run -s lab -- curve --dataset digits --model logreg --noise 0.1 --sizes 50,100,200 --seeds 5 --json
 *   npm run -s lab -- issues --dataset digits --noise 0.2 --seed 0 --json
 *   npm run -s lab -- agreement a.json b.json [c.json ...] --json
 *   npm run -s lab -- worth data.csv --label class --json
 */
import { AGREEMENT_USAGE } from './agreementArgs.ts';
import { agreementCommand } from './agreementCommand.ts';
import { USAGE } from './curveArgs.ts';
import { curveCommand } from './curveCommand.ts';
import { ISSUES_USAGE } from './issuesCommand.ts';
import { issuesCommand } from './issuesRun.ts';
import { quietTfjsBanner } from './quietTfjsBanner.ts';
import { UsageError } from './usage.ts';
import { WORTH_USAGE } from './worthArgs.ts';
import { worthCommand } from './worthCommand.ts';

const COMMANDS: Record<string, (args: readonly string[]) => Promise<void>> = {
  curve: curveCommand,
  issues: issuesCommand,
  worth: (args) => worthCommand(args),
};

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'agreement') return agreementCommand(rest);
  if (!command || command === '-h' || command === '--help' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n${ISSUES_USAGE}\n${AGREEMENT_USAGE}\n${WORTH_USAGE}`);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(
      `lab: unknown command "${command}". The commands are: curve, issues, agreement, worth. See --help.\n`,
    );
    return 2;
  }
  try {
    await run(rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lab ${command}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

quietTfjsBanner();

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`lab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
