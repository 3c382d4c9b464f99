/** The noise matrix a spec asks for (before any labels are drawn). Conventions in noiseMatrix.ts. */
import type { Random } from '../random.ts';
import type { NoiseMatrix } from './noiseMatrix.ts';
import { pairFlipMatrix } from './pairFlipMatrix.ts';
import { randomNoiseMatrix } from './randomNoiseMatrix.ts';
import { systematicNoiseMatrix } from './systematic.ts';
import { uniformNoiseMatrix } from './uniform.ts';
import type { NoiseSpec } from './spec.ts';

export interface NoiseMatrixOfOptions {
  /** K: number of classes. */
  readonly classes: number;
  /** Draws the matrix of kind 'matrix'; no other kind draws from it. */
  readonly random: Random;
}

/**
 * The requested P(given = i | true = j) for a spec: uniform, pair-flip,
 * random (drawn from `random`, the same draws applyNoise makes from its
 * `matrixRandom`) and systematic matrices; null for boundary noise, whose
 * flips depend on each item, not only on its class. Throws a RangeError for
 * an invalid spec.
 */
export function noiseMatrixOf(spec: NoiseSpec, options: NoiseMatrixOfOptions): NoiseMatrix | null {
  const { classes, random } = options;
  switch (spec.kind) {
    case 'uniform':
      return uniformNoiseMatrix({ classes, rate: spec.rate });
    case 'pairs':
      return pairFlipMatrix({ classes, pairs: spec.pairs, rate: spec.rate, symmetric: spec.symmetric ?? false });
    case 'matrix':
      return randomNoiseMatrix({ classes, trace: spec.trace, sparsity: spec.sparsity, random });
    case 'boundary':
      return null;
    case 'systematic':
      return systematicNoiseMatrix({ classes, from: spec.from, to: spec.to, rate: spec.rate });
  }
}
