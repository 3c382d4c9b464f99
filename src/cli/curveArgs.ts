/**
 * Options of `lab curve`, parsed and checked: every mistake is a UsageError
 * that names the option and says what to do.
 */
import { parseArgs } from 'node:util';
import { DATASET_NAMES } from '../engine/datasets.ts';
import type { SweepSpec } from '../engine/sweep.ts';
import { MODEL_KINDS } from '../engine/types.ts';
import { readCurveParams } from '../notebook/cellSchemas.ts';
import { curveSweepSpec } from '../notebook/curveSweep.ts';
import { UsageError, parseNoiseOption, joinNegativeValues } from './usage.ts';

export { UsageError };
import { BACKENDS, type BackendName } from '../model/backend.ts';

export const USAGE = `Usage: npm run -s lab -- <command> [options]

Commands:
  curve      accuracy on the clean test set against training-set size, for clean
             labels and for noisy labels, and the exchange rate between them
  issues     inject known label noise, find the wrong labels with confident learning,
             and score the flags against the truth
  agreement  how far two or more labelers agree: percent agreement, Cohen's and
             Fleiss' kappa, Krippendorff's alpha, where they disagree
  worth      your own CSV: the estimated label-noise rate, accuracy now and after
             cleaning, and what fixing the suspected labels is worth in data

Options for curve:
  --dataset NAME     ${DATASET_NAMES.join(' | ')} (default digits)
  --model NAME       ${MODEL_KINDS.join(' | ')} (default logreg)
  --noise NOISE      the noisy arm's label noise: a rate for uniform noise (default 0.1), or a
                     JSON noise spec, e.g. '{"kind":"pairs","rate":0.3,"pairs":[[1,7],[3,8]]}'
  --sizes N,N,...    increasing training-set sizes (default 50,100,200,300,500,750,1000,1250)
  --seeds K          number of seeds, 1-20 (default 5)
  --seed S           first seed (default 0)
  --n0 N             size at which the exchange rate is read off (default: 200 with the
                     default sizes, as lesson 1's digits curve reads it; with other sizes,
                     the largest size whose triple is still measured, else the smallest)
  --backend NAME     ${BACKENDS.join(' | ')} (default wasm)
  --json             print JSON instead of a table
  --quiet            no progress on stderr
  -h, --help         this help
With a CSV file (--dataset path.csv --label COLUMN): cross-validated accuracy against the
  fraction of each training fold, --fractions F,F,... (default 0.125,0.25,0.5,1); with
  --inject-noise RATE, a second curve trained on noisy labels and the exchange rate;
  --folds, --model, --seed, --json as for worth
`;

/** The default sizes and N0: lesson 1's digits curve ("Clean labels vs. more data"), so the defaults agree with it. */
export const DEFAULT_SIZES = '50,100,200,300,500,750,1000,1250';
export const DEFAULT_N0 = 200;

export interface CurveCommand {
  readonly spec: SweepSpec;
  /** Where N0 came from, in words, for the report. */
  readonly n0Source: string;
  readonly backend: BackendName;
  readonly json: boolean;
  readonly quiet: boolean;
}

/** Parses `curve` options into a sweep; throws UsageError naming the bad option and what to do. */
export function parseCurveArgs(args: readonly string[]): CurveCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(args),
      strict: true,
      allowPositionals: false,
      options: {
        dataset: { type: 'string', default: 'digits' },
        model: { type: 'string', default: 'logreg' },
        noise: { type: 'string', default: '0.1' },
        sizes: { type: 'string', default: DEFAULT_SIZES },
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
  if (!(BACKENDS as readonly string[]).includes(values.backend)) {
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}; got "${values.backend}"`);
  }
  const sizes = values.sizes.split(',').map((s) => number('sizes', s));
  const defaultSizes = sizes.join(',') === DEFAULT_SIZES;
  const n0Source =
    values.n0 !== undefined
      ? 'set by --n0'
      : defaultSizes
        ? "the default, as lesson 1's digits curve reads it; --n0 to change"
        : 'the default for these sizes: the largest whose triple is measured; --n0 to change';
  // The same checks as a lesson's curve cell: one schema for every entry point.
  const { params, problems } = readCurveParams({
    dataset: values.dataset,
    model: values.model,
    noise: parseNoiseOption(values.noise),
    sizes,
    seeds: number('seeds', values.seeds),
    seed: number('seed', values.seed),
    n0: values.n0 !== undefined ? number('n0', values.n0) : defaultSizes ? DEFAULT_N0 : defaultN0(sizes),
  });
  if (problems.length) throw new UsageError(problems.map((p) => `--${p.key} ${p.reason}`).join('\n'));
  const spec = curveSweepSpec(params);
  return { spec, n0Source, backend: values.backend as BackendName, json: values.json, quiet: values.quiet };
}

/** The largest size whose triple is still among the sizes' range, else the smallest (of the sizes as given). */
export function defaultN0(sizes: readonly number[]): number {
  const max = Math.max(...sizes);
  const fits = sizes.filter((n) => 3 * n <= max);
  return fits.length ? Math.max(...fits) : (sizes[0] ?? NaN);
}
