/**
 * `lab issues`: inject known label noise, find the label issues with
 * confident learning (k-fold out-of-fold probabilities), and score the flags
 * against the truth.
 */
import { parseArgs } from 'node:util';
import { DATASET_NAMES, DATASETS } from '../engine/datasets.ts';
import { FILTERS } from '../engine/confident/findLabelIssues.ts';
import { describeNoise } from '../engine/noise/spec.ts';
import { MODEL_KINDS } from '../engine/types.ts';
import { readReviewParams } from '../notebook/cellSchemas.ts';
import type { ReviewParams } from '../notebook/types.ts';
import { BACKENDS, type BackendName } from '../model/backend.ts';
import type { NodeDetection } from './detectInNode.ts';
import { UsageError, parseNoiseOption, joinNegativeValues } from './usage.ts';

export const ISSUES_USAGE = `Options for issues:
  --dataset NAME     ${DATASET_NAMES.join(' | ')} (default digits)
  --model NAME       ${MODEL_KINDS.join(' | ')} (default logreg)
  --noise NOISE      injected label noise: a rate for uniform noise (default 0.2) or a JSON noise spec
  --size N           training examples (default: the whole training pool)
  --folds K          cross-validation folds (default 5)
  --filter NAME      ${FILTERS.join(' | ')}
                     (default prune_by_noise_rate)
  --seed S           seed of the subset, the noise and the folds (default 0)
  --backend NAME     ${BACKENDS.join(' | ')} (default wasm)
  --json             print JSON instead of a summary
  --quiet            no progress on stderr (as for curve and worth; this form prints none)
With a CSV file (--dataset path.csv): --label COLUMN, --inject-noise RATE (instead of
  --noise), --folds, --filter, --model, --seed, --json, as for worth
`;

export interface IssuesCommand {
  readonly params: ReviewParams;
  readonly backend: BackendName;
  readonly json: boolean;
}

export function parseIssuesArgs(args: readonly string[]): IssuesCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(args),
      strict: true,
      allowPositionals: false,
      options: {
        dataset: { type: 'string', default: 'digits' },
        model: { type: 'string', default: 'logreg' },
        noise: { type: 'string', default: '0.2' },
        size: { type: 'string' },
        folds: { type: 'string', default: '5' },
        filter: { type: 'string', default: 'prune_by_noise_rate' },
        seed: { type: 'string', default: '0' },
        backend: { type: 'string', default: 'wasm' },
        json: { type: 'boolean', default: false },
        // As curve and worth take it; detection on a shipped data set prints no progress anyway.
        quiet: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/, '')}. See --help.`);
  }
  if (!(BACKENDS as readonly string[]).includes(values.backend)) {
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}; got "${values.backend}"`);
  }
  const number = (name: string, text: string) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value))
      throw new UsageError(`--${name} must be a number, got "${text}"`);
    return value;
  };
  const pool = (DATASETS as Record<string, { poolSize: number } | undefined>)[values.dataset]?.poolSize;
  // An unknown data set has no pool to default the size to: name the data set, not a size the user never gave.
  if (pool === undefined && values.size === undefined) {
    throw new UsageError(
      `--dataset must be one of ${DATASET_NAMES.join(', ')}, or a path to a .csv file; got "${values.dataset}"`,
    );
  }
  const { params, problems } = readReviewParams({
    dataset: values.dataset,
    model: values.model,
    noise: parseNoiseOption(values.noise),
    size: values.size !== undefined ? number('size', values.size) : (pool ?? 1),
    folds: number('folds', values.folds),
    filter: values.filter,
    seed: number('seed', values.seed),
  });
  if (problems.length) throw new UsageError(problems.map((p) => `--${p.key} ${p.reason}`).join('\n'));
  return { params, backend: values.backend as BackendName, json: values.json };
}

/** The report: flags with their scores and suggestions, the noise estimate, and precision/recall/F1 against the truth. */
export function issuesReport(result: NodeDetection) {
  const { params, detection, flags, rows } = result;
  const k = DATASETS[params.dataset].classes;
  return {
    dataset: params.dataset,
    model: params.model,
    noise: params.noise,
    noiseDescription: describeNoise(params.noise, { classNames: DATASETS[params.dataset].classNames }),
    size: params.size,
    folds: params.folds,
    filter: params.filter,
    seed: params.seed,
    backend: result.backend,
    trueNoiseRate: result.flipped.length / params.size,
    estimatedNoiseRate: detection.estimatedNoiseRate,
    flagged: flags.flagged,
    truePositives: flags.truePositives,
    precision: flags.precision,
    recall: flags.recall,
    f1: flags.f1,
    seconds: result.seconds,
    /** Most suspect first: position in the training set, data-set row, given and suggested label, self-confidence. */
    issues: Array.from(detection.ranked, (i) => ({
      position: i,
      row: rows[i]!,
      given: result.givenLabels[i]!,
      suggested: detection.suggested[i]!,
      score: detection.scores[i]!,
      trulyWrong: result.givenLabels[i] !== result.trueLabels[i],
    })),
    noiseMatrix: Array.from({ length: k }, (_, r) => Array.from(detection.noiseMatrix.subarray(r * k, r * k + k))),
  };
}

export function formatIssues(report: ReturnType<typeof issuesReport>): string {
  const pct = (v: number) => (Number.isNaN(v) ? '—' : `${(100 * v).toFixed(1)}%`);
  const lines = [
    `${report.dataset}, ${report.size} training examples, ${report.noiseDescription}, ${report.model}, ${report.folds}-fold, filter ${report.filter} (${report.backend})`,
    '',
    `flagged ${report.flagged} labels; ${report.truePositives} of them truly wrong`,
    `precision ${pct(report.precision)}, recall ${pct(report.recall)}, F1 ${report.f1.toFixed(3)}`,
    `noise rate: estimated ${pct(report.estimatedNoiseRate)}, true ${pct(report.trueNoiseRate)}`,
    `time: probabilities ${report.seconds.probabilities.toFixed(2)} s, filter ${(1000 * report.seconds.filter).toFixed(0)} ms`,
    '',
    'most suspect first (row: given → suggested, self-confidence):',
    ...report.issues
      .slice(0, 15)
      .map(
        (x) =>
          `  ${String(x.row).padStart(5)}: ${x.given} → ${x.suggested}  ${x.score.toFixed(3)}${x.trulyWrong ? '' : '  (label was right)'}`,
      ),
    report.issues.length > 15 ? `  … and ${report.issues.length - 15} more (--json lists all)` : '',
  ];
  return `${lines.join('\n')}\n`;
}
