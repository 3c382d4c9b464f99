/**
 * The options every command shares when it reads a user's CSV (`lab worth`,
 * and `lab issues` / `lab curve` with `--dataset path.csv`): checked here
 * once, each mistake a UsageError naming the option.
 */
import { parseArgs } from 'node:util';
import { secondsLeft, type PacedProgress } from '../state/timeLeft.ts';
import { seconds } from '../ui/format.ts';
import { INJECT_NOISE_KINDS, type InjectNoiseKind } from '../model/tabular.ts';
import { MODEL_CHOICES, type ModelChoice } from '../model/tableNoise.ts';
import { BACKENDS, type BackendName } from '../model/backend.ts';
import { UsageError, joinNegativeValues } from './usage.ts';

export const TABLE_OPTIONS = {
  label: { type: 'string' },
  folds: { type: 'string', default: '5' },
  seed: { type: 'string', default: '0' },
  model: { type: 'string', default: 'auto' },
  'inject-noise': { type: 'string' },
  'inject-noise-kind': { type: 'string', default: 'uniform' },
  backend: { type: 'string', default: 'wasm' },
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
} as const;

export const TABLE_OPTIONS_USAGE = `  --label COLUMN       the column holding the classes (default: a column named label, target,
                       class, y or outcome, else the last column)
  --folds K            cross-validation folds, 2-10 (default 5)
  --seed S             seed of the folds, the injected noise and the subsets (default 0)
  --model NAME         ${MODEL_CHOICES.join(' | ')} (default auto: logistic regression or a
                       small neural network, whichever fits the labels clearly better,
                       each at the L2 strength that fits best)
  --inject-noise RATE  first flip this fraction of the labels (seeded), then also score
                       everything against those known flips
  --inject-noise-kind KIND
                       uniform (default: each flipped label to any other class) or
                       class-conditional (each class flips at its own rate, to one or
                       two other classes)
  --backend NAME       ${BACKENDS.join(' | ')} (default wasm)
  --json               print JSON instead of a summary
  --quiet              no progress on stderr`;

export interface TableArgs {
  readonly label: string | undefined;
  readonly folds: number;
  readonly seed: number;
  readonly model: ModelChoice;
  readonly injectNoise: number | undefined;
  readonly injectNoiseKind: InjectNoiseKind;
  readonly backend: BackendName;
  readonly json: boolean;
  readonly quiet: boolean;
}

type TableValues = {
  readonly label?: string;
  readonly folds: string;
  readonly seed: string;
  readonly model: string;
  readonly 'inject-noise'?: string;
  readonly 'inject-noise-kind': string;
  readonly backend: string;
  readonly json: boolean;
  readonly quiet: boolean;
};

/** A number from an option's text, or a UsageError naming the option. */
export function numberOption(name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got "${text}"`);
  return value;
}

/** Checks the shared options (parsed by node:util parseArgs with TABLE_OPTIONS). */
export function readTableArgs(values: TableValues): TableArgs {
  const folds = numberOption('folds', values.folds);
  if (!(Number.isInteger(folds) && folds >= 2 && folds <= 10)) {
    throw new UsageError(`--folds must be a whole number from 2 to 10, got ${values.folds}`);
  }
  const seed = numberOption('seed', values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got ${values.seed}`);
  if (!(MODEL_CHOICES as readonly string[]).includes(values.model)) {
    throw new UsageError(`--model must be one of ${MODEL_CHOICES.join(', ')}; got "${values.model}"`);
  }
  const kind = values['inject-noise-kind'].replace('-', '_');
  if (!(INJECT_NOISE_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(
      `--inject-noise-kind must be uniform or class-conditional; got "${values['inject-noise-kind']}"`,
    );
  }
  if (!(BACKENDS as readonly string[]).includes(values.backend)) {
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}; got "${values.backend}"`);
  }
  let injectNoise: number | undefined;
  if (values['inject-noise'] !== undefined) {
    injectNoise = numberOption('inject-noise', values['inject-noise']);
    if (!(injectNoise > 0 && injectNoise <= 0.9)) {
      throw new UsageError(`--inject-noise must be a rate above 0 and at most 0.9, such as 0.2; got ${injectNoise}`);
    }
  }
  if (values.label !== undefined && values.label.trim() === '') throw new UsageError('--label needs a column name');
  return {
    label: values.label,
    folds,
    seed,
    model: values.model as ModelChoice,
    injectNoise,
    injectNoiseKind: kind as InjectNoiseKind,
    backend: values.backend as BackendName,
    json: values.json,
    quiet: values.quiet,
  };
}

/** Where a command writes: stdout for the report, stderr for warnings and progress. */
export interface CommandIO {
  readonly write: (text: string) => void;
  readonly warn: (text: string) => void;
  /** Whether to draw a progress counter on the warning stream. */
  readonly progress: boolean;
}

export const PROCESS_IO: CommandIO = {
  write: (text) => void process.stdout.write(text),
  warn: (text) => void process.stderr.write(text),
  progress: Boolean(process.stderr.isTTY),
};

/**
 * A progress callback drawing "label 12/35 · about 40 s left" on one line of
 * the warning stream, or nothing. The time left is paced by the training rows
 * of the fits when the progress says them (see state/timeLeft.ts).
 */
export function progressLine(
  io: CommandIO,
  quiet: boolean,
  label: string,
  now: () => number = () => performance.now(),
): ((p: PacedProgress) => void) | undefined {
  if (quiet || !io.progress) return undefined;
  const started = now();
  let width = 0;
  return (p) => {
    const left = p.done < p.total ? secondsLeft((now() - started) / 1000, p) : null;
    const text = `${label} ${p.done}/${p.total}${left === null ? '' : ` · about ${seconds(left)} left`}`;
    // Pad over a longer line drawn before (the time left shrinks).
    io.warn(`\r${text.padEnd(width)}${p.done === p.total ? '\n' : ''}`);
    width = Math.max(width, text.length);
  };
}

/** Options shared by the CSV forms of issues and curve, plus the shipped-data options they refuse. */
export function parseCsvCommandArgs<
  T extends Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>,
>(args: readonly string[], extra: T, refused: readonly string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(args),
      strict: true,
      allowPositionals: false,
      options: {
        ...TABLE_OPTIONS,
        dataset: { type: 'string' },
        ...Object.fromEntries(refused.map((name) => [name, { type: 'string' } as const])),
        ...extra,
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/, '')}. See --help.`);
  }
  const given = values as Record<string, unknown>;
  for (const name of refused) {
    if (given[name] !== undefined) {
      throw new UsageError(
        name === 'noise'
          ? '--noise is for the shipped data sets; with a CSV file use --inject-noise RATE (e.g. --inject-noise 0.2)'
          : `--${name} is for the shipped data sets, not a CSV file`,
      );
    }
  }
  return given;
}
