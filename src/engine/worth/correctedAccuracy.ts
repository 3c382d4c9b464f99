/**
 * Accuracy against true labels, recovered from accuracy measured against
 * noisy labels.
 *
 * When the labels a model is scored against are themselves wrong at rate r,
 * spread uniformly (a wrong label is any of the other K − 1 classes with equal
 * chance, independently of what the model predicts), a prediction agrees with
 * the noisy label when it is right and the label was kept, or wrong and the
 * label happened to move to exactly the predicted class:
 *
 *   observed = a · (1 − r) + (1 − a) · r / (K − 1)
 *
 * Solved for the true accuracy a:
 *
 *   a = (observed − r / (K − 1)) / (1 − r · K / (K − 1)).
 *
 * At r = (K − 1) / K the labels carry no information and a is undefined (NaN).
 */

export interface CorrectedAccuracyOptions {
  /** Fraction of wrong labels among the labels scored against, in [0, 1]. */
  readonly noiseRate: number;
  /** K, ≥ 2. */
  readonly classes: number;
}

/**
 * The true-label accuracy implied by `observed` (accuracy against labels that
 * are wrong at `noiseRate`, uniformly), clamped to [0, 1]. NaN when an input
 * is NaN or the noise rate leaves the labels uninformative.
 */
export function noiseCorrectedAccuracy(observed: number, options: CorrectedAccuracyOptions): number {
  const { noiseRate: r, classes: k } = options;
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`need at least 2 classes, got ${k}`);
  if (Number.isNaN(observed) || Number.isNaN(r)) return NaN;
  if (!(observed >= 0 && observed <= 1)) throw new RangeError(`accuracy must be in [0, 1], got ${observed}`);
  if (!(r >= 0 && r <= 1)) throw new RangeError(`noise rate must be in [0, 1], got ${r}`);
  const denominator = 1 - (r * k) / (k - 1);
  if (Math.abs(denominator) < 1e-9) return NaN;
  return Math.min(1, Math.max(0, (observed - r / (k - 1)) / denominator));
}
