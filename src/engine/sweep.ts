/**
 * A sweep: the clean-vs-noisy learning curve as a grid of trials
 * (arm × size × seed), and its summary as the results stream in.
 */
import type { MeanSd, ModelKind } from './types.ts';
import { meanSd } from './metrics.ts';
import { exchangeRate, interpolateAt, type Curve, type ExchangeRate } from './exchange.ts';
import { CLEAN, type TrialDataSpec } from './trial.ts';
import { noiseKey, type NoiseSpec } from './noise/index.ts';

/**
 * The noise a sweep's noisy arm may use. Uniform only for now: the curve
 * cell, its readout and the CLI report still read `noise.rate`. Widen to
 * NoiseSpec (noise/spec.ts) once they describe noise with describeNoise and
 * noiseRateOf; TrialPreparer already prepares every kind.
 */

export type Arm = 'clean' | 'noisy';
export const ARMS: readonly Arm[] = ['clean', 'noisy'];

export interface SweepSpec {
  readonly dataset: string;
  readonly model: ModelKind;
  /** Training-set sizes, strictly increasing. */
  readonly sizes: readonly number[];
  /** The noise of the noisy arm (the clean arm has none). */
  readonly noise: NoiseSpec;
  /** Number of seeds; seeds are firstSeed, firstSeed + 1, … */
  readonly seeds: number;
  readonly firstSeed: number;
  /** The size at which "cleaning is worth k× more data" is read off. */
  readonly n0: number;
}

export interface TrialSpec extends TrialDataSpec {
  readonly noise: NoiseSpec;
  readonly model: ModelKind;
  readonly arm: Arm;
}

/** What one finished trial reports. */
export interface TrialOutcome {
  readonly spec: TrialSpec;
  /** Accuracy on the clean test set — the honest number. */
  readonly accuracy: number;
  /**
   * Noisy arm only: accuracy against test labels carrying the same noise —
   * what one would measure without clean test labels (null for the clean arm).
   */
  readonly accuracyNoisyTest: number | null;
  /** Accuracy on the training subset against the labels the model saw (noisy). */
  readonly trainAccuracyGiven: number;
  /** Accuracy on the training subset against the true labels. */
  readonly trainAccuracyTrue: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly milliseconds: number;
  readonly backend: string;
}

export interface CurvePoint extends MeanSd {
  readonly size: number;
  readonly values: readonly number[];
}

export interface SweepSummary {
  readonly clean: readonly CurvePoint[];
  readonly noisy: readonly CurvePoint[];
  /** The noisy arm measured against equally noisy test labels (see TrialOutcome.accuracyNoisyTest). */
  readonly noisyMeasuredNoisy: readonly CurvePoint[];
  readonly done: number;
  readonly total: number;
  /** Fewest seeds finished at any point of either curve (the readout's support). */
  readonly minSeeds: number;
  /** Null until both curves have a value at every size. */
  readonly exchange: ExchangeRate | null;
  /** Noisy accuracy at 3·N0 (log-N interpolated) beside clean accuracy at N0, when 3·N0 is in range. */
  readonly tripled: { readonly n0: number; readonly cleanAtN0: number; readonly noisyAt3N0: number } | null;
}

/**
 * The trials of a sweep, seed-major: the whole curve (both arms, small sizes
 * first) for the first seed, then the next seed — so a first full curve
 * appears early and later seeds refine it.
 */
export function planSweep(spec: SweepSpec): TrialSpec[] {
  const trials: TrialSpec[] = [];
  for (let s = 0; s < spec.seeds; s++) {
    for (const size of spec.sizes) {
      for (const arm of ARMS) {
        trials.push({
          dataset: spec.dataset,
          model: spec.model,
          size,
          noise: arm === 'clean' ? CLEAN : spec.noise,
          seed: spec.firstSeed + s,
          arm,
        });
      }
    }
  }
  return trials;
}

/** A stable key naming a trial: equal specs give equal keys. */
export function trialKey(spec: TrialSpec): string {
  return [spec.dataset, spec.model, spec.arm, noiseKey(spec.noise), spec.size, spec.seed].join('|');
}

/** Means and spreads per size and arm over the outcomes so far, and the exchange-rate readout. */
export function summarizeSweep(spec: SweepSpec, outcomes: readonly TrialOutcome[]): SweepSummary {
  const curve = (arm: Arm, measure: (o: TrialOutcome) => number | null = (o) => o.accuracy): CurvePoint[] =>
    spec.sizes.map((size) => {
      const values = outcomes
        .filter((o) => o.spec.arm === arm && o.spec.size === size)
        .map(measure)
        .filter((v): v is number => v !== null);
      return { size, values, ...meanSd(values) };
    });
  const clean = curve('clean');
  const noisy = curve('noisy');
  const noisyMeasuredNoisy = curve('noisy', (o) => o.accuracyNoisyTest);
  const minSeeds = Math.min(...clean.map((p) => p.count), ...noisy.map((p) => p.count));
  const asCurve = (points: CurvePoint[]): Curve => ({
    sizes: points.map((p) => p.size),
    accuracy: points.map((p) => p.mean),
  });
  let exchange: ExchangeRate | null = null;
  let tripled: SweepSummary['tripled'] = null;
  if (minSeeds > 0) {
    exchange = exchangeRate(asCurve(clean), asCurve(noisy), spec.n0);
    const cleanAtN0 = interpolateAt(asCurve(clean), spec.n0);
    const noisyAt3N0 = interpolateAt(asCurve(noisy), 3 * spec.n0);
    if (cleanAtN0 !== null && noisyAt3N0 !== null) tripled = { n0: spec.n0, cleanAtN0, noisyAt3N0 };
  }
  return {
    clean,
    noisy,
    noisyMeasuredNoisy,
    done: outcomes.length,
    total: spec.sizes.length * 2 * spec.seeds,
    minSeeds,
    exchange,
    tripled,
  };
}
