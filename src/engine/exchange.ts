/**
 * The exchange rate between clean labels and more data.
 *
 * Given a clean curve and a noisy curve (mean accuracy at each training-set
 * size), cleaning the labels at N0 is worth as much as the noisy-data size N
 * at which the noisy curve first reaches the clean accuracy at N0. N is found
 * by linear interpolation in log N between the two measured sizes around the
 * crossing; the factor is N / N0.
 */

/** Accuracy against training-set size. Sizes strictly increasing, all > 0. */
export interface Curve {
  readonly sizes: readonly number[];
  readonly accuracy: readonly number[];
}

export type ExchangeRate =
  | {
      readonly status: 'interpolated';
      readonly n0: number;
      /** Clean accuracy at N0: the target the noisy curve must reach. */
      readonly target: number;
      /** Noisy-data size with the same accuracy. */
      readonly equivalentN: number;
      /** equivalentN / n0. */
      readonly factor: number;
    }
  | {
      /** The noisy curve is already at or above the target at its smallest size. */
      readonly status: 'below_range';
      readonly n0: number;
      readonly target: number;
      /** The smallest measured size: the equivalent size is at most this. */
      readonly atMost: number;
    }
  | {
      /** The noisy curve never reaches the target within the measured sizes. */
      readonly status: 'beyond_range';
      readonly n0: number;
      readonly target: number;
      /** The largest measured size: the equivalent size is more than this. */
      readonly moreThan: number;
    };

/** Checks a curve's shape and throws a RangeError naming the problem. */
export function assertCurve(curve: Curve, name = 'curve'): void {
  const { sizes, accuracy } = curve;
  if (sizes.length === 0) throw new RangeError(`${name} has no points`);
  if (sizes.length !== accuracy.length) {
    throw new RangeError(`${name} has ${sizes.length} sizes but ${accuracy.length} accuracies`);
  }
  sizes.forEach((n, i) => {
    if (!(n > 0)) throw new RangeError(`${name}: size ${n} must be positive`);
    if (i > 0 && !(n > sizes[i - 1]!)) throw new RangeError(`${name}: sizes must increase (${sizes[i - 1]} then ${n})`);
  });
}

/**
 * The value of a curve at size `n`, linear in log N between measured sizes;
 * null outside the measured range or where a value is not finite.
 */
export function interpolateAt(curve: Curve, n: number): number | null {
  assertCurve(curve);
  const { sizes, accuracy } = curve;
  if (!(n >= sizes[0]! && n <= sizes[sizes.length - 1]!)) return null;
  for (let i = 0; i < sizes.length; i++) {
    if (sizes[i] === n) return finiteOrNull(accuracy[i]!);
    if (sizes[i]! > n) {
      const t = (Math.log(n) - Math.log(sizes[i - 1]!)) / (Math.log(sizes[i]!) - Math.log(sizes[i - 1]!));
      return finiteOrNull(accuracy[i - 1]! + t * (accuracy[i]! - accuracy[i - 1]!));
    }
  }
  return null;
}

/**
 * How much more noisy data the clean labels at `n0` are worth.
 * `n0` must lie within the clean curve's measured sizes.
 */
export function exchangeRate(clean: Curve, noisy: Curve, n0: number): ExchangeRate {
  assertCurve(clean, 'clean curve');
  assertCurve(noisy, 'noisy curve');
  const target = interpolateAt(clean, n0);
  if (target === null) {
    throw new RangeError(`N0 = ${n0} is outside the clean curve's sizes ${clean.sizes[0]}…${clean.sizes.at(-1)}`);
  }
  const { sizes, accuracy } = noisy;
  if (accuracy[0]! >= target) return { status: 'below_range', n0, target, atMost: sizes[0]! };
  for (let i = 1; i < sizes.length; i++) {
    const lo = accuracy[i - 1]!;
    const hi = accuracy[i]!;
    if (hi >= target && lo < target) {
      const t = (target - lo) / (hi - lo);
      const logN = Math.log(sizes[i - 1]!) + t * (Math.log(sizes[i]!) - Math.log(sizes[i - 1]!));
      const equivalentN = Math.exp(logN);
      return { status: 'interpolated', n0, target, equivalentN, factor: equivalentN / n0 };
    }
  }
  return { status: 'beyond_range', n0, target, moreThan: sizes[sizes.length - 1]! };
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
