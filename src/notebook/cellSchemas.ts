/**
 * What each cell type accepts: its parameters with defaults and checks, and
 * the outputs it publishes for `{{id.key}}` references in prose.
 */
import { toPercent } from '../engine/quantity.ts';
import { DATASETS, isDatasetName, type DatasetName } from '../engine/datasets.ts';
import { MODEL_CHOICES, MODEL_KINDS, type ModelChoice, type ModelKind } from '../engine/types.ts';
import { TOY_SHAPES, type ToyShape } from '../engine/toy2d.ts';
import { NOISE_KINDS, validateNoiseSpec, type NoiseSpec } from '../engine/noise/spec.ts';
import { FILTERS, type Filter } from '../engine/confident/findLabelIssues.ts';
import { TABULAR_FILES, TABULAR_FILE_NAMES, type TabularFile } from './tabularFiles.ts';
import type {
  CellType,
  CurveParams,
  LabelParams,
  LabelersParams,
  PlaygroundParams,
  ReviewParams,
  WorthParams,
} from './types.ts';

/** A problem with one parameter: which key and why. */
export interface ParamProblem {
  readonly key: string;
  readonly reason: string;
}

type Raw = Readonly<Record<string, unknown>>;

export const CURVE_DEFAULTS: CurveParams = {
  dataset: 'digits',
  model: 'logreg',
  noise: { kind: 'uniform', rate: 0.1 },
  sizes: [50, 100, 200, 300, 500, 750, 1000, 1250],
  seeds: 5,
  seed: 0,
  n0: 500,
};

export const PLAYGROUND_DEFAULTS: PlaygroundParams = {
  shape: 'moons',
  points: 120,
  classes: 2,
  noise: 0,
  model: 'mlp',
  seed: 1,
  starts: 1,
  testPoints: 500,
};

export const REVIEW_DEFAULTS: ReviewParams = {
  dataset: 'digits',
  model: 'logreg',
  noise: { kind: 'uniform', rate: 0.2 },
  size: 1000,
  folds: 5,
  filter: 'prune_by_noise_rate',
  seed: 0,
  seeds: 5,
};

export const LABELERS_DEFAULTS: LabelersParams = {
  dataset: 'fashion',
  model: 'logreg',
  items: 1500,
  labelers: 2,
  accuracy: 0.95,
  ambiguity: 'upper-body',
  seed: 0,
};

export const LABEL_DEFAULTS: LabelParams = {
  dataset: 'fashion',
  items: 40,
  repeats: 4,
  confusable: 0.8,
  instructions:
    'Choose the class the picture shows. If two classes seem possible, choose the one you find more likely; skip only if you cannot tell at all.',
  seed: 0,
};

export const WORTH_DEFAULTS: WorthParams = {
  file: 'cars.csv',
  label: TABULAR_FILES['cars.csv'].label,
  injectNoise: 0,
  folds: 5,
  model: 'auto',
  seed: 0,
};

/**
 * Named ambiguity sets for simulated labelers: which classes are confusable
 * and where their items tend to go (engine/agreement/annotator.ts).
 */
export const AMBIGUITY_PRESETS: Readonly<
  Record<
    string,
    { readonly dataset: DatasetName | null; readonly description: string; readonly rules: readonly AmbiguityRule[] }
  >
> = {
  none: { dataset: null, description: 'no ambiguous classes', rules: [] },
  'upper-body': {
    dataset: 'fashion',
    description: 'shirts, T-shirts, pullovers and coats blur into each other',
    rules: [
      { from: 6, to: [0, 2, 4], rate: 0.35 },
      { from: 0, to: [6], rate: 0.2 },
      { from: 2, to: [4, 6], rate: 0.25 },
      { from: 4, to: [2, 6], rate: 0.25 },
    ],
  },
  'look-alike digits': {
    dataset: 'digits',
    description: '1 and 7, 4 and 9, 3 and 8 get swapped',
    rules: [
      { from: 1, to: [7], rate: 0.25 },
      { from: 7, to: [1], rate: 0.2 },
      { from: 4, to: [9], rate: 0.25 },
      { from: 9, to: [4], rate: 0.2 },
      { from: 3, to: [8], rate: 0.2 },
    ],
  },
};

/** One ambiguity rule: items of class `from` go to one of `to` with probability `rate`. */
export interface AmbiguityRule {
  readonly from: number;
  readonly to: readonly number[];
  readonly rate: number;
}

/** Outputs each cell type publishes (keys usable as `{{id.key}}`). */
export const CELL_OUTPUTS: Readonly<Record<CellType, readonly string[]>> = {
  curve: [
    'factor',
    'equivalentN',
    'n0',
    'cleanAtN0',
    'noisyAt3N0',
    'noise',
    'seeds',
    'dataset',
    'needed',
    'neededLow',
    'neededHigh',
    'neededFactor',
    'ceilingAccuracy',
    'ceilingLowAccuracy',
    'ceilingHighAccuracy',
    'cleanCeilingAccuracy',
  ],
  playground: ['accuracy', 'accuracyNoise', 'trainAccuracy', 'points', 'wrongLabels'],
  review: [
    'flagged',
    'truePositives',
    'precision',
    'recall',
    'f1',
    'estimatedNoise',
    'trueNoise',
    'reviewed',
    'fixed',
    'accuracyBefore',
    'accuracyAfter',
    'budgetSeeds',
    'budgetAt',
    'budgetNoisyAccuracy',
    'budgetCleanAccuracy',
    'budgetConfidentAccuracy',
    'budgetRandomAccuracy',
    'paysFrom',
  ],
  labelers: [
    'agreement',
    'kappa',
    'fleiss',
    'alpha',
    'worstClass',
    'revisedAgreement',
    'revisedKappa',
    'accuracyBefore',
    'accuracyAfter',
  ],
  worth: [
    'rows',
    'features',
    'suspected',
    'noiseEstimate',
    'noiseLow',
    'noiseHigh',
    'noiseConfidentLearning',
    'anchorRows',
    'verdict',
    'model',
    'accuracyObserved',
    'majority',
    'accuracyNow',
    'accuracyAfter',
    'gain',
    'gainLow',
    'gainHigh',
    'factor',
    'equivalent',
    'headline',
    'confusedPair',
    'confusedPairFlags',
    'trueNoise',
    'flipped',
    'truePositives',
    'precision',
    'recall',
    'accuracyNowTruth',
    'accuracyAfterTruth',
    'gainAfterTruth',
    'accuracyRestoredTruth',
    'gainRestoredTruth',
    'fixesRight',
    'fixesWrong',
  ],
  // The value the code returned, when it is a number or text (see codeSchema.ts).
  code: ['value'],
  label: ['agreement', 'kappa', 'selfAgreement', 'labelled', 'skipped', 'worstClass', 'secondsPerItem'],
};

export const CELL_TYPES = Object.keys(CELL_OUTPUTS) as CellType[];

export function isCellType(type: string): type is CellType {
  return Object.hasOwn(CELL_OUTPUTS, type);
}

const number = (
  raw: Raw,
  key: string,
  problems: ParamProblem[],
  check: (v: number) => string | null,
  fallback: number,
  /** Said after "must be a number" (e.g. " from 0% to 90%"), so an empty field names what it takes. */
  takes = '',
) => {
  if (!(key in raw)) return fallback;
  const value = raw[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const got = typeof value === 'number' ? 'nothing usable' : JSON.stringify(value);
    problems.push({ key, reason: `must be a number${takes}, got ${got}` });
    return fallback;
  }
  const problem = check(value);
  if (!problem) return value;
  problems.push({ key, reason: problem });
  return fallback;
};

const choice = <T extends string>(
  raw: Raw,
  key: string,
  options: readonly T[],
  problems: ParamProblem[],
  fallback: T,
): T => {
  if (!(key in raw)) return fallback;
  const value = raw[key];
  if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
  problems.push({ key, reason: `must be one of ${options.join(', ')}; got ${JSON.stringify(value)}` });
  return fallback;
};

const integerIn = (lo: number, hi: number) => (v: number) =>
  Number.isInteger(v) && v >= lo && v <= hi ? null : `must be a whole number from ${lo} to ${hi}, got ${v}`;
const rate = (lo: number, hi: number) => (v: number) =>
  v >= lo && v <= hi ? null : `must be between ${lo} and ${hi}, got ${v}`;

function unknownKeys(raw: Raw, known: readonly string[], problems: ParamProblem[]): void {
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) problems.push({ key, reason: `unknown parameter (known: ${known.join(', ')})` });
  }
}

/**
 * The noisy arm's noise: a number is uniform noise at that rate; a map names
 * a noise model (`kind`) and its fields (see engine/noise/spec.ts).
 */
function readNoise(raw: Raw, base: NoiseSpec, classes: number, problems: ParamProblem[]): NoiseSpec {
  if (!('noise' in raw)) return base;
  const value = raw.noise;
  if (typeof value === 'number') {
    const spec: NoiseSpec = { kind: 'uniform', rate: number(raw, 'noise', problems, rate(0.01, 0.9), NaN) };
    return Number.isNaN(spec.rate) ? base : spec;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('kind' in value)) {
    problems.push({
      key: 'noise',
      reason: `must be a number (a rate such as 0.1) or a map with kind: ${NOISE_KINDS.join(' | ')}; got ${JSON.stringify(value)}`,
    });
    return base;
  }
  const spec = value as NoiseSpec;
  const found = validateNoiseSpec(spec, classes);
  // A convention may relabel a whole class (rate 1); random flips above 90% leave nothing to learn from.
  const maxRate = spec.kind === 'systematic' ? 1 : 0.9;
  if ('rate' in spec && !found.length && !(spec.rate > 0 && spec.rate <= maxRate)) {
    found.push(`rate: the noisy arm needs a rate above 0 and at most ${maxRate}, got ${spec.rate}`);
  }
  if (spec.kind === 'matrix' && !found.length && spec.trace >= classes) {
    found.push(`trace: a trace of ${classes} means no noise; use less than ${classes}`);
  }
  for (const problem of found) problems.push({ key: 'noise', reason: `(${String(spec.kind)}) ${problem}` });
  return found.length ? base : spec;
}

/** Reads curve parameters over `base`, collecting every problem. */
export function readCurveParams(
  raw: Raw,
  base: CurveParams = CURVE_DEFAULTS,
): { params: CurveParams; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  unknownKeys(raw, Object.keys(CURVE_DEFAULTS), problems);
  const datasetRaw = raw.dataset ?? base.dataset;
  const dataset = typeof datasetRaw === 'string' && isDatasetName(datasetRaw) ? datasetRaw : base.dataset;
  if (typeof datasetRaw !== 'string' || !isDatasetName(datasetRaw)) {
    problems.push({
      key: 'dataset',
      reason: `must be one of ${Object.keys(DATASETS).join(', ')}; got ${JSON.stringify(datasetRaw)}`,
    });
  }
  const model = choice<ModelKind>(raw, 'model', MODEL_KINDS, problems, base.model);
  const noise = readNoise(raw, base.noise, DATASETS[dataset].classes, problems);
  const seeds = number(raw, 'seeds', problems, integerIn(1, 20), base.seeds);
  const seed = number(raw, 'seed', problems, integerIn(0, 1_000_000), base.seed);
  let sizes = base.sizes;
  const poolSize = DATASETS[dataset].poolSize;
  const sizeProblems: ParamProblem[] = [];
  if ('sizes' in raw) {
    const value = raw.sizes;
    if (!Array.isArray(value) || value.length < 2) {
      sizeProblems.push({ key: 'sizes', reason: 'must be a list of at least two numbers, e.g. [50, 100, 200]' });
    } else if (!value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      const bad = value.filter((v) => typeof v !== 'number' || !Number.isFinite(v));
      sizeProblems.push({
        key: 'sizes',
        reason: `${bad.map((v) => JSON.stringify(v)).join(', ')} ${bad.length > 1 ? 'are' : 'is'} not a number`,
      });
    } else {
      sizes = value as number[];
    }
  }
  sizes.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 10) sizeProblems.push({ key: 'sizes', reason: `${n} is not a whole number ≥ 10` });
    else if (n > poolSize) {
      sizeProblems.push({ key: 'sizes', reason: `${n} is more than the ${poolSize} training examples of ${dataset}` });
    }
    if (i > 0 && !(n > sizes[i - 1]!))
      sizeProblems.push({ key: 'sizes', reason: `must increase (${sizes[i - 1]} then ${n})` });
  });
  if (sizeProblems.length) {
    problems.push(...sizeProblems);
    sizes = base.sizes; // keep the last good sizes
  }
  const n0 = number(raw, 'n0', problems, () => null, base.n0);
  // N0 is checked against valid sizes only: a bad list already has its own message.
  if (!sizeProblems.length && sizes.length > 0 && !(n0 >= sizes[0]! && n0 <= sizes[sizes.length - 1]!)) {
    problems.push({
      key: 'n0',
      reason: `must lie within the sizes (${sizes[0]}…${sizes[sizes.length - 1]}), got ${n0}`,
    });
  }
  return { params: { dataset, model, noise, sizes, seeds, seed, n0 }, problems };
}

/** Reads playground parameters over `base`, collecting every problem. */
export function readPlaygroundParams(
  raw: Raw,
  base: PlaygroundParams = PLAYGROUND_DEFAULTS,
): { params: PlaygroundParams; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  unknownKeys(raw, Object.keys(PLAYGROUND_DEFAULTS), problems);
  const shape = choice<ToyShape>(raw, 'shape', TOY_SHAPES, problems, base.shape);
  const model = choice<ModelKind>(raw, 'model', MODEL_KINDS, problems, base.model);
  const points = number(raw, 'points', problems, integerIn(10, 1000), base.points);
  const classes = number(raw, 'classes', problems, integerIn(2, 6), base.classes);
  const noise = number(raw, 'noise', problems, rate(0, 0.9), base.noise);
  const seed = number(raw, 'seed', problems, integerIn(0, 1_000_000), base.seed);
  const starts = number(raw, 'starts', problems, integerIn(1, 16), base.starts);
  const testPoints = number(raw, 'testPoints', problems, integerIn(100, 5000), base.testPoints);
  return {
    params: { shape, points, classes: shape === 'blobs' ? classes : 2, noise, model, seed, starts, testPoints },
    problems,
  };
}

/**
 * A sensible noise of each kind for a data set, for when the reader switches
 * kinds: it keeps the current rate where the new kind has one, and picks
 * famously confusable classes (digits 1→7, 3→8; shirts labelled T-shirt).
 */
export function exampleNoise(kind: NoiseSpec['kind'], dataset: DatasetName, current: NoiseSpec): NoiseSpec {
  const rate = 'rate' in current && current.kind !== 'systematic' ? current.rate : 0.2;
  const fashion = dataset === 'fashion';
  switch (kind) {
    case 'uniform':
      return { kind, rate };
    case 'boundary':
      return { kind, rate };
    case 'pairs':
      return {
        kind,
        rate: 0.4,
        pairs: fashion
          ? [
              [6, 0],
              [2, 4],
            ]
          : [
              [1, 7],
              [3, 8],
            ],
      };
    case 'matrix':
      return { kind, trace: DATASETS[dataset].classes * 0.8, sparsity: 0.6 };
    case 'systematic':
      return fashion ? { kind, from: [6], to: 0, rate: 1 } : { kind, from: [4], to: 9, rate: 0.5 };
  }
}

/** Reads review-cell parameters over `base`, collecting every problem. */
export function readReviewParams(
  raw: Raw,
  base: ReviewParams = REVIEW_DEFAULTS,
): { params: ReviewParams; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  unknownKeys(raw, Object.keys(REVIEW_DEFAULTS), problems);
  const dataset = choice(raw, 'dataset', Object.keys(DATASETS) as DatasetName[], problems, base.dataset);
  const model = choice<ModelKind>(raw, 'model', MODEL_KINDS, problems, base.model);
  const noise = readNoise(raw, base.noise, DATASETS[dataset].classes, problems);
  const poolSize = DATASETS[dataset].poolSize;
  const size = number(raw, 'size', problems, integerIn(50, poolSize), Math.min(base.size, poolSize));
  const folds = number(raw, 'folds', problems, integerIn(2, 10), base.folds);
  const filter = choice<Filter>(raw, 'filter', FILTERS, problems, base.filter);
  const seed = number(raw, 'seed', problems, integerIn(0, 1_000_000), base.seed);
  const seeds = number(raw, 'seeds', problems, integerIn(1, 10), base.seeds);
  return { params: { dataset, model, noise, size, folds, filter, seed, seeds }, problems };
}

/** Reads labelers-cell parameters over `base`, collecting every problem. */
export function readLabelersParams(
  raw: Raw,
  base: LabelersParams = LABELERS_DEFAULTS,
): { params: LabelersParams; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  unknownKeys(raw, Object.keys(LABELERS_DEFAULTS), problems);
  const dataset = choice(raw, 'dataset', Object.keys(DATASETS) as DatasetName[], problems, base.dataset);
  const model = choice<ModelKind>(raw, 'model', MODEL_KINDS, problems, base.model);
  const poolSize = DATASETS[dataset].poolSize;
  const items = number(raw, 'items', problems, integerIn(50, poolSize), Math.min(base.items, poolSize));
  const labelers = number(raw, 'labelers', problems, integerIn(2, 5), base.labelers);
  const accuracy = number(raw, 'accuracy', problems, rate(0.3, 1), base.accuracy);
  const ambiguity = choice(raw, 'ambiguity', Object.keys(AMBIGUITY_PRESETS), problems, base.ambiguity);
  const preset = AMBIGUITY_PRESETS[ambiguity];
  if (preset?.dataset && preset.dataset !== dataset) {
    problems.push({ key: 'ambiguity', reason: `"${ambiguity}" is for the ${preset.dataset} data set, not ${dataset}` });
  }
  const seed = number(raw, 'seed', problems, integerIn(0, 1_000_000), base.seed);
  return { params: { dataset, model, items, labelers, accuracy, ambiguity, seed }, problems };
}

/** Reads label-cell parameters over `base`, collecting every problem. */
export function readLabelParams(
  raw: Raw,
  base: LabelParams = LABEL_DEFAULTS,
): { params: LabelParams; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  unknownKeys(raw, Object.keys(LABEL_DEFAULTS), problems);
  const dataset = choice(raw, 'dataset', Object.keys(DATASETS) as DatasetName[], problems, base.dataset);
  const items = number(raw, 'items', problems, integerIn(10, 200), base.items);
  const repeats = number(raw, 'repeats', problems, integerIn(0, 20), base.repeats);
  if (repeats > Math.floor(items / 2)) {
    problems.push({
      key: 'repeats',
      reason: `must be at most half the items (${Math.floor(items / 2)}), got ${repeats}`,
    });
  }
  const confusable = number(raw, 'confusable', problems, rate(0, 1), base.confusable);
  let instructions = base.instructions;
  if ('instructions' in raw) {
    const value = raw.instructions;
    if (typeof value === 'string' && value.trim() && value.length <= 4000) instructions = value.trim();
    else
      problems.push({
        key: 'instructions',
        reason: `must be text of 1 to 4,000 characters; got ${JSON.stringify(value)}`,
      });
  }
  const seed = number(raw, 'seed', problems, integerIn(0, 1_000_000), base.seed);
  return {
    params: {
      dataset,
      items,
      repeats: repeats > Math.floor(items / 2) ? base.repeats : repeats,
      confusable,
      instructions,
      seed,
    },
    problems,
  };
}

/**
 * Reads worth-cell parameters over `base`, collecting every problem. Without
 * a `label`, a new `file` brings its own label column; the label is checked
 * against the file's columns only when the cell runs.
 */
export function readWorthParams(
  raw: Raw,
  base: WorthParams = WORTH_DEFAULTS,
): { params: WorthParams; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  unknownKeys(raw, Object.keys(WORTH_DEFAULTS), problems);
  const file = choice<TabularFile>(raw, 'file', TABULAR_FILE_NAMES, problems, base.file);
  let label = file === base.file ? base.label : TABULAR_FILES[file].label;
  if ('label' in raw) {
    const value = raw.label;
    if (typeof value === 'string' && value.trim()) label = value.trim();
    else {
      problems.push({
        key: 'label',
        reason: `must name a column of ${file} (its labels are in "${TABULAR_FILES[file].label}"); got ${JSON.stringify(value)}`,
      });
    }
  }
  const injectNoise = number(
    raw,
    'injectNoise',
    problems,
    // The form takes it in percent ("Flip labels first: 20 %"), so the message names percentages.
    (v) =>
      v >= 0 && v <= 0.9
        ? null
        : `must be from 0% (the labels as in the file) to 90% (the field “Flip labels first”), got ${toPercent(v)}%`,
    base.injectNoise,
    ' (“Flip labels first”, from 0% to 90%)',
  );
  const folds = number(raw, 'folds', problems, integerIn(2, 10), base.folds);
  const model = choice<ModelChoice>(raw, 'model', MODEL_CHOICES, problems, base.model);
  const seed = number(raw, 'seed', problems, integerIn(0, 1_000_000), base.seed);
  return { params: { file, label, injectNoise, folds, model, seed }, problems };
}
