/** Options of `lab worth`, parsed and checked: every mistake is a UsageError naming the option. */
import { parseArgs } from 'node:util';
import { TABLE_OPTIONS, TABLE_OPTIONS_USAGE, readTableArgs, type TableArgs } from './tableArgs.ts';
import { UsageError, joinNegativeValues } from './usage.ts';

export const WORTH_USAGE = `Usage of worth: npm run -s lab -- worth data.csv [options]
  what the label noise in your CSV costs and what fixing it is worth: the estimated noise
  rate with an interval, accuracy now and after cleaning, the data-equivalent, the
  suspected rows; every model cross-validated with the features fitted on training folds only
${TABLE_OPTIONS_USAGE}
`;

export interface WorthCommand extends TableArgs {
  readonly file: string;
}

export function parseWorthArgs(args: readonly string[]): WorthCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args),
      strict: true,
      allowPositionals: true,
      options: TABLE_OPTIONS,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/, '')}. See --help.`);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0)
    throw new UsageError('give the CSV file to analyse, e.g. `lab worth data.csv --label class`');
  if (positionals.length > 1) {
    throw new UsageError(`give one CSV file, got ${positionals.length}: ${positionals.join(', ')}`);
  }
  return { file: positionals[0]!, ...readTableArgs(values) };
}
