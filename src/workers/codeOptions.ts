/**
 * Reading the options a code cell passes to a `lab` function: one checked
 * reader per kind of value, shared by every part of the lab (codeLab.ts and
 * its per-lesson parts), so the same option is accepted — or refused, with a
 * message naming it and what to give instead — the same way everywhere.
 */
import { DATASETS, isDatasetName, type DatasetName } from '../engine/datasets.ts';
import { MODEL_KINDS, type ModelKind, type TableModelKind } from '../engine/types.ts';
import { NOISE_KINDS, validateNoiseSpec, type NoiseSpec } from '../engine/noise/index.ts';
import { CLEAN } from '../engine/trial.ts';

export type Options = Readonly<Record<string, unknown>>;

/** An options object with only `known` keys (`undefined` reads as `{}`). */
export function readOptions(where: string, value: unknown, known: readonly string[]): Options {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(
      `${where}: pass an options object, e.g. ${where}({ ${known[0]}: … }); got ${JSON.stringify(value)}`,
    );
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new TypeError(`${where}: unknown option "${key}" (known: ${known.join(', ')})`);
  }
  return value as Options;
}

/** A number from `lo` to `hi` (a whole one unless `whole` is false); `fallback` when absent. */
export function readNumber(
  where: string,
  name: string,
  value: unknown,
  fallback: number,
  lo: number,
  hi: number,
  whole = true,
): number {
  const v = value ?? fallback;
  if (typeof v === 'number' && (!whole || Number.isInteger(v)) && v >= lo && v <= hi) return v;
  throw new RangeError(
    `${where}: ${name} must be a ${whole ? 'whole number' : 'number'} from ${lo} to ${hi}; got ${JSON.stringify(v)}`,
  );
}

/** A whole number from `lo` to `hi`; `fallback` when absent. */
export function readInteger(where: string, name: string, value: unknown, fallback: number, lo: number, hi: number) {
  return readNumber(where, name, value, fallback, lo, hi, true);
}

/** One of `choices` (strings); `fallback` when absent. */
export function readChoice<T extends string>(
  where: string,
  name: string,
  value: unknown,
  fallback: T,
  choices: readonly T[],
): T {
  const v = value ?? fallback;
  if (typeof v === 'string' && (choices as readonly string[]).includes(v)) return v as T;
  throw new RangeError(
    `${where}: ${name} must be one of ${choices.map((c) => `'${c}'`).join(', ')}; got ${JSON.stringify(v)}`,
  );
}

/** The name of a shipped data set; `fallback` when absent. */
export function readDataset(where: string, value: unknown, fallback: DatasetName = 'digits'): DatasetName {
  const v = value ?? fallback;
  if (typeof v === 'string' && isDatasetName(v)) return v;
  throw new RangeError(
    `${where}: dataset must be one of ${Object.keys(DATASETS).join(', ')}; got ${JSON.stringify(v)}`,
  );
}

/** A model kind (logistic regression by default). */
export function readModel(where: string, value?: unknown): TableModelKind;
export function readModel<K extends ModelKind>(where: string, value: unknown, kinds: readonly K[]): K;
/** The `model` option: one of `kinds` (default MODEL_KINDS, the models every lab function trains). */
export function readModel(
  where: string,
  value: unknown = 'logreg',
  kinds: readonly ModelKind[] = MODEL_KINDS,
): ModelKind {
  if (typeof value === 'string' && (kinds as readonly string[]).includes(value)) return value as ModelKind;
  const more = value === 'cnn' ? ' (the CNN is for lab.trainModel and lab.improveData)' : '';
  throw new RangeError(`${where}: model must be one of ${kinds.join(', ')}; got ${JSON.stringify(value)}${more}`);
}

export interface NoiseReading {
  /** The option's name in messages. Default `noise`. */
  readonly name?: string;
  /** The noise kinds this function can use. Default: every kind. */
  readonly kinds?: readonly string[];
  /** The largest uniform rate accepted. Default 1. */
  readonly maxRate?: number;
}

/**
 * Label noise as a code cell gives it: a rate of uniform noise (0 or absent:
 * clean labels) or a noise spec (`{ kind: 'pairs', rate, pairs }`, …),
 * checked against the data set's `classes`.
 */
export function readNoise(where: string, value: unknown, classes: number, reading: NoiseReading = {}): NoiseSpec {
  const { name = 'noise', kinds = NOISE_KINDS, maxRate = 1 } = reading;
  if (value === undefined || value === 0) return CLEAN;
  if (typeof value === 'number') {
    if (value >= 0 && value <= maxRate) return { kind: 'uniform', rate: value };
    throw new RangeError(
      `${where}: ${name} must be a rate from 0 to ${maxRate} (e.g. 0.1) or a noise spec; got ${value}`,
    );
  }
  if (typeof value !== 'object' || value === null || !('kind' in value)) {
    throw new TypeError(
      `${where}: ${name} must be a rate (e.g. 0.1) or an object with kind: ${kinds.join(' | ')}; got ${JSON.stringify(value)}`,
    );
  }
  const spec = value as NoiseSpec;
  if (!kinds.includes(spec.kind)) {
    throw new RangeError(`${where}: ${name} kind must be one of ${kinds.join(', ')}; got ${JSON.stringify(spec.kind)}`);
  }
  const problems = validateNoiseSpec(spec, classes);
  if (problems.length) throw new RangeError(`${where}: ${name} (${String(spec.kind)}): ${problems.join('; ')}`);
  return spec;
}
