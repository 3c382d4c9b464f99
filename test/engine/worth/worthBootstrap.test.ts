import { describe, expect, it } from 'vitest';
import {
  quantileInterval,
  worthBootstrap,
  type WorthBootstrapInput,
} from '../../../src/engine/worth/worthBootstrap.ts';
import { correctAccuracy } from '../../../src/engine/worth/noiseCorrection.ts';
import { createRandom, randomInt, shuffle, type Random } from '../../../src/engine/random.ts';

const N = 400;
const SIZES = [100, 200, 400];

/** Binary given labels, seeded. */
function givenLabels(seed: number): Int32Array {
  const random = createRandom(seed);
  return Int32Array.from({ length: N }, () => randomInt(random, 2));
}

/** Predictions agreeing with `given` on exactly round(agreement·N) rows drawn at random, the other class elsewhere. */
function predictions(given: Int32Array, agreement: number, random: Random): Int32Array {
  const predicted = Int32Array.from(given, (g) => 1 - g);
  const rows = shuffle(
    random,
    Int32Array.from({ length: given.length }, (_, i) => i),
  );
  for (const i of rows.subarray(0, Math.round(agreement * given.length))) predicted[i] = given[i]!;
  return predicted;
}

/** A learning curve 0.6, 0.65, 0.7 (0.05 a doubling) against the given labels, and cleaned predictions at `cleaned`. */
function input(cleaned: number, overrides: Partial<WorthBootstrapInput> = {}): WorthBootstrapInput {
  const given = givenLabels(1);
  const random = createRandom(2);
  const curve = [0.6, 0.65, 0.7].map((a) => predictions(given, a, random));
  return {
    given,
    classes: 2,
    sizes: SIZES,
    splits: [{ curve, cleaned: predictions(given, cleaned, random) }],
    correction: { kind: 'uniform', rate: 0 },
    random: createRandom(3),
    resamples: 400,
    ...overrides,
  };
}

const contains = (i: { low: number; high: number }, x: number): boolean => i.low <= x && x <= i.high;

describe('quantileInterval', () => {
  it('quantileInterval(sorted, level) interpolates linearly between order statistics', () => {
    expect(quantileInterval([1, 2, 3, 4, 5], 0.5)).toEqual({ low: 2, high: 4 });
    const ninety = quantileInterval([1, 2, 3, 4, 5], 0.9);
    expect(ninety.low).toBeCloseTo(1.2, 12);
    expect(ninety.high).toBeCloseTo(4.8, 12);
    expect(quantileInterval([0, 10], 0.5)).toEqual({ low: 2.5, high: 7.5 });
  });

  it('quantileInterval(sorted, 1) is the smallest and largest value', () => {
    expect(quantileInterval([-3, 0, 8], 1)).toEqual({ low: -3, high: 8 });
  });

  it('quantileInterval([x], level) is [x, x]', () => {
    expect(quantileInterval([0.4], 0.9)).toEqual({ low: 0.4, high: 0.4 });
    expect(quantileInterval(Float64Array.of(Infinity), 0.9)).toEqual({ low: Infinity, high: Infinity });
  });

  it('quantileInterval(…) is +Infinity between a finite value and +Infinity, not NaN', () => {
    // high at position 1.9: between 2 and Infinity.
    expect(quantileInterval([1, 2, Infinity], 0.9)).toEqual({ low: expect.closeTo(1.1, 12), high: Infinity });
    // Both neighbours Infinity.
    expect(quantileInterval([1, Infinity, Infinity], 0.9).high).toBe(Infinity);
    // Exactly on a finite order statistic just before the Infinity: finite.
    expect(quantileInterval([1, 2, 3, Infinity, Infinity], 0.5)).toEqual({ low: 2, high: Infinity });
    expect(quantileInterval([1, 2, 3, 4, Infinity], 0.5)).toEqual({ low: 2, high: 4 });
    // Everything Infinity.
    expect(quantileInterval([Infinity, Infinity, Infinity], 0.9)).toEqual({ low: Infinity, high: Infinity });
  });

  it('quantileInterval(…) never gives NaN for finite values followed by Infinity', () => {
    const sorted = [...Array.from({ length: 17 }, (_, i) => i / 10), Infinity, Infinity, Infinity];
    for (const level of [0.5, 0.8, 0.9, 0.95, 0.99]) {
      const { low, high } = quantileInterval(sorted, level);
      expect(Number.isNaN(low) || Number.isNaN(high), `level ${level}`).toBe(false);
      expect(low).toBeLessThanOrEqual(high);
    }
  });
});

describe('worthBootstrap', () => {
  it('worthBootstrap(input) is deterministic for a seed', () => {
    const a = worthBootstrap(input(0.8, { random: createRandom(42) }));
    const b = worthBootstrap(input(0.8, { random: createRandom(42) }));
    expect(a).toEqual(b);
    const c = worthBootstrap(input(0.8, { random: createRandom(43) }));
    expect(c.gain).not.toEqual(a.gain);
  });

  it('worthBootstrap(input, {resamples: 5, random: createRandom(42)}) returns pinned intervals', () => {
    const result = worthBootstrap(input(0.8, { resamples: 5, random: createRandom(42) }));
    const pinned = {
      accuracyNow: [0.6675, 0.724],
      accuracyAfterCleaning: [0.791, 0.835],
      gain: [0.0755, 0.1415],
    } as const;
    for (const [key, [low, high]] of Object.entries(pinned)) {
      const interval = result[key as keyof typeof pinned];
      expect(interval.low, key).toBeCloseTo(low, 12);
      expect(interval.high, key).toBeCloseTo(high, 12);
    }
    // 0.8 is two doublings above the curve's 0.7: more than 2× in every resample.
    expect(result.factor).toEqual({ low: Infinity, high: Infinity });
    expect(result.gainShare).toBe(1);
  });

  it('worthBootstrap(input) reports its resamples and level, with defaults 1000 and 0.9', () => {
    const result = worthBootstrap(input(0.8, { resamples: undefined }));
    expect(result.resamples).toBe(1000);
    expect(result.level).toBe(0.9);
    expect(worthBootstrap(input(0.8, { resamples: 7, level: 0.5 }))).toMatchObject({ resamples: 7, level: 0.5 });
  });

  it('worthBootstrap(input) gain interval contains the point gain and excludes 0 when cleaned predictions are much better', () => {
    const data = input(0.9);
    const split = data.splits[0]!;
    const now = correctAccuracy(split.curve[2]!, data.given, 2, data.correction);
    const after = correctAccuracy(split.cleaned, data.given, 2, data.correction);
    expect(now).toBeCloseTo(0.7, 12);
    expect(after).toBeCloseTo(0.9, 12);
    const result = worthBootstrap(data);
    expect(contains(result.gain, after - now)).toBe(true);
    expect(result.gain.low).toBeGreaterThan(0);
    expect(result.gainShare).toBe(1);
    expect(contains(result.accuracyNow, now)).toBe(true);
    expect(contains(result.accuracyAfterCleaning, after)).toBe(true);
    // A resample's accuracy over 400 rows varies by about √(0.21/400) ≈ 0.023: the 90% interval is ~±0.04.
    expect(result.accuracyNow.high - result.accuracyNow.low).toBeGreaterThan(0.04);
    expect(result.accuracyNow.high - result.accuracyNow.low).toBeLessThan(0.12);
  });

  it('worthBootstrap(input) gain interval includes 0 when the cleaned predictions are as good as the baseline', () => {
    // Different rows right, same accuracy 0.7.
    const result = worthBootstrap(input(0.7));
    expect(contains(result.gain, 0)).toBe(true);
    expect(result.gainShare).toBeGreaterThan(0.1);
    expect(result.gainShare).toBeLessThan(0.9);
    // The very same predictions: gain is exactly 0 in every resample.
    const data = input(0.7);
    const same = worthBootstrap({
      ...data,
      splits: [{ curve: data.splits[0]!.curve, cleaned: data.splits[0]!.curve[2]! }],
    });
    expect(same.gain).toEqual({ low: 0, high: 0 });
    expect(same.gainShare).toBe(0);
  });

  it('worthBootstrap(input) factor interval is Infinity at the top when the cleaned accuracy is far above the curve', () => {
    // 0.9 is four doublings (16×) above 0.7 on a curve gaining 0.05 a doubling: past the 2× bound.
    const result = worthBootstrap(input(0.9));
    expect(result.factor.high).toBe(Infinity);
    expect(result.factor.low).toBe(Infinity);
    // With a bound of 100× the extrapolation is followed: the interval reaches down to finite factors above 2×
    // and spans the point factor 16 (resampled curves are steeper or flatter, some past 100×).
    const wide = worthBootstrap(input(0.9, { maxFactor: 100 }));
    expect(Number.isFinite(wide.factor.low)).toBe(true);
    expect(wide.factor.low).toBeGreaterThan(2);
    expect(contains(wide.factor, 16)).toBe(true);
  });

  it('worthBootstrap(input) factor interval is finite and above 1 for a gain within the curve’s reach', () => {
    // 0.72 is 0.4 doublings above 0.7: factor about 2^0.4 ≈ 1.3.
    const result = worthBootstrap(input(0.72, { maxFactor: 10 }));
    expect(Number.isFinite(result.factor.low)).toBe(true);
    expect(result.factor.low).toBeGreaterThan(0);
    expect(result.factor.high).toBeGreaterThan(1);
  });

  it('worthBootstrap(input) takes split b mod R for resample b', () => {
    const data = input(0.9);
    const [better] = data.splits;
    const equal = { curve: better!.curve, cleaned: better!.curve[2]! };
    const result = worthBootstrap({ ...data, splits: [better!, equal], resamples: 1000 });
    expect(result.gainShare).toBe(0.5);
    expect(result.gain.low).toBe(0);
  });

  it("worthBootstrap(input) with a 'uniform' noise interval widens the accuracy intervals and stays finite", () => {
    const base = input(0.85, { correction: { kind: 'uniform', rate: 0.15 } });
    const fixed = worthBootstrap(base);
    const drawn = worthBootstrap({
      ...base,
      random: createRandom(3),
      noiseInterval: { low: 0.05, high: 0.25, z: 1.645 },
    });
    const width = (i: { low: number; high: number }): number => i.high - i.low;
    expect(width(drawn.accuracyNow)).toBeGreaterThan(width(fixed.accuracyNow));
    expect(width(drawn.accuracyAfterCleaning)).toBeGreaterThan(width(fixed.accuracyAfterCleaning));
    // Draws far outside [0, (K − 1)/K) are clipped: still numbers.
    const wild = worthBootstrap({ ...base, noiseInterval: { low: 0, high: 5, z: 1 } });
    for (const i of [wild.accuracyNow, wild.accuracyAfterCleaning, wild.gain]) {
      expect(Number.isNaN(i.low) || Number.isNaN(i.high)).toBe(false);
    }
  });

  it("worthBootstrap(input) with a 'matrix' correction ignores the noise interval", () => {
    const matrix = Float64Array.of(0.9, 0.1, 0.1, 0.9);
    const base = input(0.85, { correction: { kind: 'matrix', matrix } });
    const a = worthBootstrap({ ...base, random: createRandom(5) });
    const b = worthBootstrap({ ...base, random: createRandom(5), noiseInterval: { low: 0, high: 0.4, z: 1 } });
    expect(b).toEqual(a);
  });

  it('worthBootstrap(input) is NaN everywhere when the correction is undefined (uninformative rate)', () => {
    const result = worthBootstrap(input(0.9, { correction: { kind: 'uniform', rate: 0.5 } }));
    for (const i of [result.accuracyNow, result.accuracyAfterCleaning, result.gain, result.factor]) {
      expect(i.low).toBeNaN();
      expect(i.high).toBeNaN();
    }
    expect(result.gainShare).toBe(0);
  });

  it('worthBootstrap(input with no rows) has NaN intervals and gainShare 0', () => {
    const empty = new Int32Array(0);
    const result = worthBootstrap({
      given: empty,
      classes: 2,
      sizes: SIZES,
      splits: [{ curve: [empty, empty, empty], cleaned: empty }],
      correction: { kind: 'uniform', rate: 0.1 },
      random: createRandom(1),
      resamples: 20,
    });
    expect(result.gain.low).toBeNaN();
    expect(result.factor.high).toBeNaN();
    expect(result.gainShare).toBe(0);
  });

  it('worthBootstrap(input with one row) resamples that row every time', () => {
    const one = Int32Array.of(1);
    const result = worthBootstrap({
      given: one,
      classes: 2,
      sizes: [10, 20],
      splits: [{ curve: [Int32Array.of(0), Int32Array.of(0)], cleaned: one }],
      correction: { kind: 'uniform', rate: 0 },
      random: createRandom(1),
      resamples: 20,
    });
    expect(result.accuracyNow).toEqual({ low: 0, high: 0 });
    expect(result.accuracyAfterCleaning).toEqual({ low: 1, high: 1 });
    expect(result.gain).toEqual({ low: 1, high: 1 });
    expect(result.gainShare).toBe(1);
  });

  it('worthBootstrap(…) throws a RangeError for no splits, too few resamples, or curves of the wrong size', () => {
    expect(() => worthBootstrap(input(0.8, { splits: [] }))).toThrow(
      new RangeError('the bootstrap needs the predictions of at least one fold split'),
    );
    expect(() => worthBootstrap(input(0.8, { resamples: 0 }))).toThrow(/at least 1 resample, got 0/);
    expect(() => worthBootstrap(input(0.8, { resamples: 2.5 }))).toThrow(/got 2.5/);
    expect(() => worthBootstrap(input(0.8, { sizes: [200, 400] }))).toThrow(
      new RangeError('2 curve sizes but 3 prediction sets'),
    );
  });
});
