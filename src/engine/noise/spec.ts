/**
 * The declarative description of label noise that the rest of the app passes
 * around (sweeps, the URL, the UI): plain data, no generators, no matrices.
 * Rates are fractions in [0, 1]; classes are label indices in [0, K).
 */
import { directedPairs, pairFlipProblems, type ClassPair } from './pairFlipMatrix.ts';
import { randomNoiseMatrixProblems } from './randomNoiseMatrix.ts';
import { systematicNoiseProblems } from './systematic.ts';

/** Exactly round(rate · N) labels flip, each to a uniformly drawn other class. */
export interface UniformNoiseSpec {
  readonly kind: 'uniform';
  readonly rate: number;
}

/** Items of each `from` class are given `to` with probability `rate` (exact counts per class). */
export interface PairNoiseSpec {
  readonly kind: 'pairs';
  readonly rate: number;
  /** [from, to] pairs, e.g. [[1, 7], [3, 8]]. */
  readonly pairs: readonly ClassPair[];
  /** Also flip to → from (swaps). Default false. */
  readonly symmetric?: boolean;
}

/** A random noise matrix with this trace and sparsity (see randomNoiseMatrix), exact counts per class. */
export interface MatrixNoiseSpec {
  readonly kind: 'matrix';
  /** Sum of the diagonal, 1…K; expected noise rate 1 − trace / K. */
  readonly trace: number;
  /** Fraction of off-diagonal entries that are exactly zero. */
  readonly sparsity: number;
}

/** Exactly round(rate · N) flips on the items a reference model is least sure of, to its runner-up class. */
export interface BoundaryNoiseSpec {
  readonly kind: 'boundary';
  readonly rate: number;
}

/** A labeler convention: `rate` of each `from` class is given `to` (1 = consistently). */
export interface SystematicNoiseSpec {
  readonly kind: 'systematic';
  readonly from: readonly number[];
  readonly to: number;
  readonly rate: number;
}

export type NoiseSpec = UniformNoiseSpec | PairNoiseSpec | MatrixNoiseSpec | BoundaryNoiseSpec | SystematicNoiseSpec;

export type NoiseKind = NoiseSpec['kind'];

export const NOISE_KINDS: readonly NoiseKind[] = ['uniform', 'pairs', 'matrix', 'boundary', 'systematic'];

/** No noise: the labels are the true ones. */
export const CLEAN: UniformNoiseSpec = { kind: 'uniform', rate: 0 };

/** A rate as a short percentage: 0.15 → "15%", 0.125 → "12.5%". */
function percent(rate: number): string {
  return `${Number((100 * rate).toFixed(1))}%`;
}

export interface DescribeNoiseOptions {
  /** Names for the classes, indexed by label; default: the label numbers. */
  readonly classNames?: readonly string[];
}

/**
 * Short human text for a spec, e.g. "15% uniform noise", "pair flips 1→7,
 * 3→8 at 30%", "3, 5 always labeled 8". A uniform rate of 0 is "no noise".
 */
export function describeNoise(spec: NoiseSpec, options: DescribeNoiseOptions = {}): string {
  const name = (c: number) => options.classNames?.[c] ?? String(c);
  switch (spec.kind) {
    case 'uniform':
      return spec.rate === 0 ? 'no noise' : `${percent(spec.rate)} uniform noise`;
    case 'pairs': {
      const arrow = spec.symmetric ? '↔' : '→';
      const list = spec.pairs.map(([a, b]) => `${name(a)}${arrow}${name(b)}`).join(', ');
      return `pair ${spec.symmetric ? 'swaps' : 'flips'} ${list} at ${percent(spec.rate)}`;
    }
    case 'matrix':
      return `random noise matrix, trace ${spec.trace}, ${percent(spec.sparsity)} of confusions zero`;
    case 'boundary':
      return `${percent(spec.rate)} boundary noise`;
    case 'systematic': {
      const list = spec.from.map(name).join(', ');
      return spec.rate === 1
        ? `${list} always labeled ${name(spec.to)}`
        : `${list} labeled ${name(spec.to)} at ${percent(spec.rate)}`;
    }
  }
}

/**
 * Checks a spec against a data set with K = `classes` classes and returns a
 * list of problems, each naming the field and what to do; empty when valid.
 * (Boundary noise also needs reference probabilities; that is checked when
 * it is applied.)
 */
export function validateNoiseSpec(spec: NoiseSpec, classes: number): string[] {
  if (!(Number.isInteger(classes) && classes >= 2))
    return [`classes: label noise needs at least 2 classes, got ${classes}`];
  const rateProblem = (rate: number) =>
    rate >= 0 && rate <= 1 ? [] : [`rate: use a fraction from 0 to 1, got ${rate}`];
  switch (spec.kind) {
    case 'uniform':
    case 'boundary':
      return rateProblem(spec.rate);
    case 'pairs':
      if (!Array.isArray(spec.pairs)) return ['pairs: give a list of [from, to] class pairs, e.g. [[1, 7], [3, 8]]'];
      return pairFlipProblems({ classes, pairs: spec.pairs, rate: spec.rate, symmetric: spec.symmetric ?? false });
    case 'matrix':
      return randomNoiseMatrixProblems({ classes, trace: spec.trace, sparsity: spec.sparsity });
    case 'systematic':
      if (!Array.isArray(spec.from)) return ['from: give a list of classes, e.g. [3, 5]'];
      return systematicNoiseProblems({ classes, from: spec.from, to: spec.to, rate: spec.rate });
    default: {
      const kind = (spec as { kind?: unknown }).kind;
      return [`kind: ${JSON.stringify(kind)} is not a noise model; use one of ${NOISE_KINDS.join(', ')}`];
    }
  }
}

/**
 * The expected fraction of labels that end up wrong. Uniform and boundary
 * noise flip round(rate · N) labels whatever the classes, so the answer is
 * `rate`. For the others it depends on how common each class is: pass
 * `priors`, one non-negative weight per class (fractions or counts; K is its
 * length). Without them those kinds give null. For a random matrix every
 * class keeps its label with expected probability trace / K, so the rate is
 * 1 − trace / K for any priors.
 */
export function noiseRateOf(spec: NoiseSpec, priors?: ArrayLike<number>): number | null {
  if (spec.kind === 'uniform' || spec.kind === 'boundary') return spec.rate;
  if (!priors || priors.length === 0) return null;
  const k = priors.length;
  if (spec.kind === 'matrix') return 1 - spec.trace / k;
  let total = 0;
  for (let c = 0; c < k; c++) total += priors[c]!;
  if (!(total > 0)) return null;
  const weight = (c: number) => (c >= 0 && c < k ? priors[c]! / total : 0);
  if (spec.kind === 'systematic') return spec.rate * spec.from.reduce((sum, c) => sum + weight(c), 0);
  return directedPairs(spec.pairs, spec.symmetric).reduce((sum, [from]) => sum + spec.rate * weight(from), 0);
}

/**
 * A stable text key for a spec: equal specs give equal keys, and a uniform
 * spec keeps the form "uniform|rate" (part of trialKey).
 */
export function noiseKey(spec: NoiseSpec): string {
  switch (spec.kind) {
    case 'uniform':
    case 'boundary':
      return `${spec.kind}|${spec.rate}`;
    case 'pairs':
      return `pairs|${spec.rate}|${spec.pairs.map(([a, b]) => `${a}>${b}`).join(',')}${spec.symmetric ? '|symmetric' : ''}`;
    case 'matrix':
      return `matrix|${spec.trace}|${spec.sparsity}`;
    case 'systematic':
      return `systematic|${spec.from.join(',')}>${spec.to}|${spec.rate}`;
  }
}
