/**
 * A simulated production stream for drift lessons: two numeric features
 * (x1, x2) and a binary label, in numbered batches after a reference set.
 *
 * - `stable` batches (before `covariateAt`): inputs as in the reference,
 *   x ~ N(0, I), label 1 when x1 + x2 > 0.
 * - `covariate` batches (from `covariateAt`): the inputs move — x1 by
 *   `shift`, x2 by shift / 2 — but the rule stays: P(y | x) is unchanged.
 * - `concept` batches (from `conceptAt`): the inputs are back as in the
 *   reference, but the rule has changed: label 1 only when x1 + x2 > shift
 *   (what counts as positive was redefined), so P(y | x) moves and P(x) not.
 *
 * A share `labelNoise` of every batch's labels is flipped. Seeded: the same
 * options give the same points.
 */
import { createRandom, randomNormal } from '../random.ts';

export type DriftPhase = 'reference' | 'stable' | 'covariate' | 'concept';

export interface DriftBatch {
  /** 0 for the reference, 1, 2, … for the stream's batches. */
  readonly index: number;
  readonly phase: DriftPhase;
  /** `(n, 2)` rows [x1, x2]. */
  readonly x: number[][];
  /** `(n)` labels 0 or 1. */
  readonly y: number[];
}

export interface DriftStreamOptions {
  readonly batches: number;
  readonly batchSize: number;
  readonly referenceSize: number;
  /** First batch (1-based) whose inputs are shifted. */
  readonly covariateAt: number;
  /** First batch (1-based) whose labelling rule has changed; ≥ covariateAt. */
  readonly conceptAt: number;
  /** How far x1 moves (x2 moves half as far), in standard deviations. */
  readonly shift: number;
  readonly labelNoise: number;
  readonly seed: number;
}

export const DRIFT_FEATURES = ['x1', 'x2'] as const;

export function driftPhase(index: number, o: Pick<DriftStreamOptions, 'covariateAt' | 'conceptAt'>): DriftPhase {
  if (index === 0) return 'reference';
  if (index >= o.conceptAt) return 'concept';
  if (index >= o.covariateAt) return 'covariate';
  return 'stable';
}

function batch(index: number, n: number, o: DriftStreamOptions): DriftBatch {
  const phase = driftPhase(index, o);
  const random = createRandom(o.seed, 91, index);
  const moved = phase === 'covariate';
  const threshold = phase === 'concept' ? o.shift : 0;
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x1 = randomNormal(random) + (moved ? o.shift : 0);
    const x2 = randomNormal(random) + (moved ? o.shift / 2 : 0);
    const label = x1 + x2 > threshold ? 1 : 0;
    x.push([x1, x2]);
    y.push(random() < o.labelNoise ? 1 - label : label);
  }
  return { index, phase, x, y };
}

/** The reference set (index 0) and the stream's batches 1…batches. */
export function driftStream(o: DriftStreamOptions): { reference: DriftBatch; batches: DriftBatch[] } {
  return {
    reference: batch(0, o.referenceSize, o),
    batches: Array.from({ length: o.batches }, (_, i) => batch(i + 1, o.batchSize, o)),
  };
}
