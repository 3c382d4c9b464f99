/**
 * `lab curve --dataset path.csv --label COLUMN [--fractions …] [--inject-noise RATE]`:
 * the learning curve of a user's CSV by cross-validation (each fold trained
 * on growing fractions of its rows, the featurizer fitted on those rows), and
 * with injected noise, the noisy arm and the exchange rate.
 */
import { tableLearningCurve, type TableCurve } from '../model/tabularCurve.ts';
import { startCsvRun } from './readCsvTable.ts';
import {
  PROCESS_IO,
  numberOption,
  parseCsvCommandArgs,
  readTableArgs,
  type CommandIO,
  type TableArgs,
} from './tableArgs.ts';
import { UsageError } from './usage.ts';
import { toJson } from './tableOutput.ts';

export interface TableCurveCommand extends TableArgs {
  readonly file: string;
  readonly fractions: readonly number[];
}

export function parseTableCurveArgs(args: readonly string[]): TableCurveCommand {
  const values = parseCsvCommandArgs(args, { fractions: { type: 'string', default: '0.125,0.25,0.5,1' } }, [
    'noise',
    'sizes',
    'seeds',
    'n0',
  ]);
  const fractions = (values.fractions as string).split(',').map((f) => numberOption('fractions', f));
  fractions.forEach((f, i) => {
    if (!(f > 0 && f <= 1)) throw new UsageError(`--fractions must lie in (0, 1], got ${f}`);
    if (i > 0 && !(f > fractions[i - 1]!))
      throw new UsageError(`--fractions must increase (${fractions[i - 1]} then ${f})`);
  });
  return {
    file: values.dataset as string,
    fractions,
    ...readTableArgs(values as Parameters<typeof readTableArgs>[0]),
  };
}

export interface TableCurveOutput extends TableCurve {
  readonly file: string;
  readonly backend: string;
  readonly seconds: number;
}

export function formatTableCurve(out: TableCurveOutput): string {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`.padStart(6);
  const s = out.summary;
  const lines = [
    `${out.file}: ${s.rows} rows, label "${s.label}", ${s.model}, ${s.folds}-fold cross-validated (${out.backend}, ${out.seconds.toFixed(1)} s)`,
    '',
    `  fraction    rows   as given${out.noisy ? `   ${pct(out.injectNoise!).trim()} noise` : ''}`,
    ...out.fractions.map(
      (f, i) =>
        `  ${f.toFixed(3).padStart(8)}  ${out.sizes[i]!.toFixed(0).padStart(6)}   ${pct(out.asGiven[i]!)}${out.noisy ? `   ${pct(out.noisy[i]!)}` : ''}`,
    ),
    '',
    'Accuracy is out-of-fold, scored against the labels as in the file.',
  ];
  const x = out.exchange;
  if (x?.status === 'interpolated') {
    lines.push(
      `The labels as given at ${Math.round(x.n0)} rows are worth ≈ ${x.factor.toFixed(2)}× more noisy data (noisy labels need ≈ ${Math.round(x.equivalentN)} rows).`,
    );
  } else if (x?.status === 'beyond_range') {
    lines.push(
      `The noisy curve never reaches ${pct(x.target).trim()} (the labels as given at ${Math.round(x.n0)} rows) within the sizes measured.`,
    );
  } else if (x) {
    lines.push(`The noisy curve is already at ${pct(x.target).trim()} at its smallest size.`);
  }
  return `${lines.join('\n')}\n`;
}

export async function tableCurveCommand(args: readonly string[], io: CommandIO = PROCESS_IO): Promise<void> {
  const options = parseTableCurveArgs(args);
  const run = await startCsvRun('curve', options, io);
  const curve = await tableLearningCurve(run.prepared, { ...run.common, fractions: options.fractions });
  const out: TableCurveOutput = {
    file: options.file,
    backend: run.backend,
    seconds: run.seconds(),
    ...curve,
  };
  io.write(options.json ? toJson(out) : formatTableCurve(out));
}
