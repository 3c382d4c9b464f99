/**
 * The data-equivalent of cleaning: how much more noisy data would buy the
 * accuracy that cleaning the labels is predicted to buy.
 *
 * Input: a learning curve of the model trained on the current (noisy) labels
 * — accuracy at training sizes up to the current size N0 — and the target,
 * the predicted accuracy after cleaning. The equivalent size N is where the
 * noisy curve reaches the target; the factor is N / N0 ("worth about k× more
 * data").
 *
 * - Within the measured sizes, N is interpolated linearly in log N (exactly
 *   exchange.ts's rule): status 'interpolated', or 'below_range' when the
 *   smallest size already reaches the target.
 * - Beyond them, a line accuracy = α + β·ln N is fitted by least squares to
 *   the last `fitPoints` points and followed to the target: status
 *   'extrapolated' — only up to `maxFactor` × N0 (default 2×). Learning
 *   curves flatten as they rise, so a straight line in log N reaches the
 *   target sooner than the real curve would: the extrapolated factor is
 *   closer to a lower bound than an estimate.
 * - When the fitted line does not rise (β ≤ 0), or reaches the target only
 *   past `maxFactor` × N0, the status is 'beyond_range': a bound ("more than
 *   2×"), never a large point figure.
 */
import { exchangeRate, assertCurve, type Curve } from '../exchange.ts';
import { fitPolynomial } from './fitPolynomial.ts';

/** How far past the largest measured size the learning curve may be followed: 2× (beyond it, a bound). */
export const MAX_EXTRAPOLATION = 2;

export interface DataEquivalentOptions {
  /** The accuracy to reach (the predicted accuracy after cleaning), in [0, 1]. */
  readonly target: number;
  /** The current training size; a measured size of the curve. Default: the curve's largest size. */
  readonly n0?: number;
  /** How many of the curve's last points the log-linear extrapolation is fitted to. Default 3. */
  readonly fitPoints?: number;
  /**
   * Factors above this are reported as 'beyond_range' ("more than 2×"): a
   * line in log N followed far past the measured sizes is a guess, not a
   * measurement. Default MAX_EXTRAPOLATION.
   */
  readonly maxFactor?: number;
}

export type DataEquivalent =
  | {
      /** The curve reaches the target between two measured sizes. */
      readonly status: 'interpolated';
      readonly n0: number;
      readonly target: number;
      readonly equivalentN: number;
      readonly factor: number;
    }
  | {
      /** The curve is at or above the target already at its smallest size. */
      readonly status: 'below_range';
      readonly n0: number;
      readonly target: number;
      readonly atMost: number;
      /** atMost / n0: the factor is at most this. */
      readonly factor: number;
    }
  | {
      /** Reached only by following the fitted line in log N past the largest size. */
      readonly status: 'extrapolated';
      readonly n0: number;
      readonly target: number;
      readonly equivalentN: number;
      readonly factor: number;
      /** Accuracy gained per doubling of the data, from the fitted line. */
      readonly gainPerDoubling: number;
    }
  | {
      /** Not reached within maxFactor × n0, or the curve does not rise. */
      readonly status: 'beyond_range';
      readonly n0: number;
      readonly target: number;
      /** The factor is more than this (maxFactor, or the largest size / n0 when the curve does not rise). */
      readonly moreThan: number;
      readonly gainPerDoubling: number;
    };

/** Where the noisy learning curve reaches `target`, as a multiple of n0 (see the file header). */
export function dataEquivalent(curve: Curve, options: DataEquivalentOptions): DataEquivalent {
  assertCurve(curve, 'learning curve');
  const { sizes, accuracy } = curve;
  const { target } = options;
  const n0 = options.n0 ?? sizes[sizes.length - 1]!;
  const fitPoints = options.fitPoints ?? 3;
  const maxFactor = options.maxFactor ?? MAX_EXTRAPOLATION;
  if (!(target >= 0 && target <= 1)) throw new RangeError(`target accuracy must be in [0, 1], got ${target}`);
  if (!sizes.includes(n0)) throw new RangeError(`n0 = ${n0} is not a measured size (${sizes.join(', ')})`);
  if (!(Number.isInteger(fitPoints) && fitPoints >= 2)) {
    throw new RangeError(`fit the extrapolation to at least 2 points, got ${fitPoints}`);
  }
  if (!(maxFactor > 1)) throw new RangeError(`maxFactor must be above 1, got ${maxFactor}`);
  accuracy.forEach((a, i) => {
    if (!Number.isFinite(a)) throw new RangeError(`accuracy at size ${sizes[i]} is ${a}; give finite numbers`);
  });
  const rate = exchangeRate({ sizes: [n0], accuracy: [target] }, curve, n0);
  switch (rate.status) {
    case 'interpolated':
      return { status: 'interpolated', n0, target, equivalentN: rate.equivalentN, factor: rate.factor };
    case 'below_range':
      return { status: 'below_range', n0, target, atMost: rate.atMost, factor: rate.atMost / n0 };
    case 'beyond_range':
      break;
  }
  const last = sizes.length - 1;
  if (sizes.length < 2) return { status: 'beyond_range', n0, target, moreThan: sizes[last]! / n0, gainPerDoubling: 0 };
  const from = Math.max(0, sizes.length - fitPoints);
  const [alpha, beta] = fitPolynomial(
    sizes.slice(from).map((n) => Math.log(n)),
    accuracy.slice(from),
    1,
  ) as [number, number];
  const gainPerDoubling = beta * Math.LN2;
  if (!(beta > 0)) return { status: 'beyond_range', n0, target, moreThan: sizes[last]! / n0, gainPerDoubling };
  // The measured curve has not reached the target, so the answer is past the largest size even if the line says less.
  const equivalentN = Math.max(sizes[last]!, Math.exp((target - alpha) / beta));
  const factor = equivalentN / n0;
  if (factor > maxFactor) return { status: 'beyond_range', n0, target, moreThan: maxFactor, gainPerDoubling };
  return { status: 'extrapolated', n0, target, equivalentN, factor, gainPerDoubling };
}

/**
 * The factor as one number, for intervals: the point for 'interpolated' and
 * 'extrapolated', the upper bound for 'below_range', +Infinity for
 * 'beyond_range' (more than the bound).
 */
export function equivalentFactor(e: DataEquivalent): number {
  return e.status === 'beyond_range' ? Infinity : e.factor;
}
