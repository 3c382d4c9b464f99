/**
 * The lab's command line: the same engine and models as the browser, in Node.
 *
 *   npm run -s lab -- curve --dataset digits --model logreg --noise 0.1 \
 *     --sizes 50,100,200 --seeds 5 --json
 */
import { parseArgs } from 'node:util';
import { DATASETS, DATASET_NAMES, isDatasetName } from '../engine/datasets.ts';
import { validateSweep, type SweepSpec } from '../engine/sweep.ts';
import { MODEL_KINDS, type ModelKind } from '../engine/types.ts';
import { BACKENDS, type BackendName } from '../model/backend.ts';
import { curveReport, formatCurveTable } from './curveReport.ts';
import { runSweepInNode } from './runSweep.ts';

const USAGE = `Usage: npm run -s lab -- <command> [options]

Commands:
  curve     accuracy on the clean test set against training-set size, for clean
            labels and for noisy labels, and the exchange rate between them

Options for curve:
  --dataset NAME     ${DATASET_NAMES.join(' | ')} (default digits)
  --model NAME       ${MODEL_KINDS.join(' | ')} (default logreg)
  --noise RATE       fraction of training labels flipped in the noisy arm, 0 < RATE < 1 (default 0.1)
  --sizes N,N,...    increasing training-set sizes (default 50,100,200,300,500,750,1000,1250)
  --seeds K          number of seeds, 1-20 (default 5)
  --seed S           first seed (default 0)
  --n0 N             size at which the exchange rate is read off (default: the largest
                     size whose triple is still measured, else the smallest size)
  --backend NAME     ${BACKENDS.join(' | ')} (default wasm)
  --json             print JSON instead of a table
  --quiet            no progress on stderr
  -h, --help         this help
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CurveCommand {
  readonly spec: SweepSpec;
  readonly backend: BackendName;
  readonly json: boolean;
  readonly quiet: boolean;
}

/** Parses `curve` options into a sweep; throws UsageError naming the bad option and what to do. */
export function parseCurveArgs(args: readonly string[]): CurveCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        dataset: { type: 'string', default: 'digits' },
        model: { type: 'string', default: 'logreg' },
        noise: { type: 'string', default: '0.1' },
        sizes: { type: 'string', default: '50,100,200,300,500,750,1000,1250' },
        seeds: { type: 'string', default: '5' },
        seed: { type: 'string', default: '0' },
        n0: { type: 'string' },
        backend: { type: 'string', default: 'wasm' },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/, '')}. See --help.`);
  }
  const number = (name: string, text: string) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value))
      throw new UsageError(`--${name} must be a number, got "${text}"`);
    return value;
  };
  if (!isDatasetName(values.dataset))
    throw new UsageError(`--dataset must be one of ${DATASET_NAMES.join(', ')}; got "${values.dataset}"`);
  if (!(MODEL_KINDS as readonly string[]).includes(values.model)) {
    throw new UsageError(`--model must be one of ${MODEL_KINDS.join(', ')}; got "${values.model}"`);
  }
  if (!(BACKENDS as readonly string[]).includes(values.backend)) {
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}; got "${values.backend}"`);
  }
  const dataset = values.dataset;
  const sizes = values.sizes.split(',').map((s) => number('sizes', s));
  const n0 = values.n0 !== undefined ? number('n0', values.n0) : defaultN0(sizes);
  const spec: SweepSpec = {
    dataset,
    model: values.model as ModelKind,
    sizes,
    noise: { kind: 'uniform', rate: number('noise', values.noise) },
    seeds: number('seeds', values.seeds),
    firstSeed: number('seed', values.seed),
    n0,
  };
  const problems = validateSweep(spec, DATASETS[dataset].poolSize);
  if (problems.length) throw new UsageError(problems.map((p) => `--${p}`).join('\n'));
  return { spec, backend: values.backend as BackendName, json: values.json, quiet: values.quiet };
}

/** The largest size whose triple is still among the sizes' range, else the smallest. */
export function defaultN0(sizes: readonly number[]): number {
  const max = Math.max(...sizes);
  const fits = sizes.filter((n) => 3 * n <= max);
  return fits.length ? Math.max(...fits) : (sizes[0] ?? NaN);
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'curve') {
    process.stderr.write(`lab: unknown command "${command}". The commands are: curve. See --help.\n`);
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

// Quiet TF.js's one-time "install tfjs-node" banner on the console: it is advice for servers, not for us.
const log = console.log;
console.log = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('looks like you are running TensorFlow.js in Node.js')) return;
  log(...args);
};

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`lab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
