/**
 * Which correction turns accuracy against the given (noisy) labels into
 * accuracy against the true ones, and applying it to out-of-fold predictions,
 * optionally with per-row weights (a bootstrap's counts).
 *
 * - 'uniform': wrong labels spread evenly over the other K − 1 classes at
 *   `rate` (correctedAccuracy.ts's closed form);
 * - 'matrix': class-conditional noise with the estimated noise matrix
 *   (matrixCorrectedAccuracy.ts), used when classNoise.ts finds the classes
 *   flip at clearly different rates.
 */
import { noiseCorrectedAccuracy } from './correctedAccuracy.ts';
import { matrixCorrectedAccuracy } from './matrixCorrectedAccuracy.ts';

export type NoiseCorrection =
  { readonly kind: 'uniform'; readonly rate: number } | { readonly kind: 'matrix'; readonly matrix: ArrayLike<number> };

/** Share of rows (weighted) whose prediction equals the given label; NaN for no weight. */
export function weightedAgreement(
  predicted: ArrayLike<number>,
  given: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  let hit = 0;
  let total = 0;
  for (let i = 0; i < given.length; i++) {
    const w = weights ? weights[i]! : 1;
    total += w;
    if (predicted[i] === given[i]) hit += w;
  }
  return total > 0 ? hit / total : NaN;
}

/** The estimated accuracy on true labels of `predicted` (see the file header); NaN when it cannot be computed. */
export function correctAccuracy(
  predicted: ArrayLike<number>,
  given: ArrayLike<number>,
  k: number,
  correction: NoiseCorrection,
  weights?: ArrayLike<number>,
): number {
  if (correction.kind === 'uniform') {
    const observed = weightedAgreement(predicted, given, weights);
    return noiseCorrectedAccuracy(observed, { noiseRate: correction.rate, classes: k });
  }
  return matrixCorrectedAccuracy(predicted, given, correction.matrix, k, weights);
}
