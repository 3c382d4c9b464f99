/**
 * The noise-sensitivity extrapolation: how accurate the model would be with
 * clean labels, read off how its accuracy falls as more noise is added.
 *
 * Points are (total noise rate of the training labels, accuracy against the
 * true labels) — for instance at the estimated current rate, and with a
 * further 10% and 20% flipped on top (see composedNoiseRate). A line (or a
 * parabola) fitted through them is read at noise 0. It needs no clean labels,
 * but it assumes the curve keeps its shape below the current noise, and the
 * points on the right are measured, the answer on the left is extrapolated.
 */
import { evaluatePolynomial, fitPolynomial } from './fitPolynomial.ts';

export interface NoisePoint {
  /** Total fraction of wrong training labels, in [0, 1]. */
  readonly noise: number;
  readonly accuracy: number;
}

export interface AccuracyAtZeroNoise {
  /** The fitted curve at noise 0, clamped to [0, 1]. */
  readonly accuracy: number;
  /** Fitted accuracy lost per unit of noise at the lowest measured noise (≥ 0 when noise hurts). */
  readonly lossPerNoise: number;
  /** How far below the measured noise the answer lies (the lowest measured noise). */
  readonly extrapolatedBy: number;
}

/** Fits `degree` (1 = line, default; 2 = parabola) through `points` and reads it at noise 0. */
export function accuracyAtZeroNoise(
  points: readonly NoisePoint[],
  options: { readonly degree?: 1 | 2 } = {},
): AccuracyAtZeroNoise {
  const degree = options.degree ?? 1;
  if (points.length === 0) throw new RangeError('no noise-sensitivity points to extrapolate from');
  const xs = points.map((p) => p.noise);
  const ys = points.map((p) => p.accuracy);
  const fit = fitPolynomial(xs, ys, degree);
  const lowest = Math.min(...xs);
  const slope = (fit[1] ?? 0) + 2 * (fit[2] ?? 0) * lowest;
  return {
    accuracy: Math.min(1, Math.max(0, evaluatePolynomial(fit, 0))),
    lossPerNoise: -slope,
    extrapolatedBy: lowest,
  };
}
