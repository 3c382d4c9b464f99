import { describe, it, expect } from 'vitest';
import {
  dataEquivalent,
  equivalentFactor,
  MAX_EXTRAPOLATION,
  type DataEquivalent,
} from '../../../src/engine/worth/dataEquivalent.ts';

/** accuracy = 0.3 + 0.05·log2(N): gains 0.05 a doubling (0.78 at 800). */
const logLinear = (n: number): number => 0.3 + 0.05 * Math.log2(n);
const sizes = [100, 200, 400, 800];
const curve = { sizes, accuracy: sizes.map(logLinear) };

describe('dataEquivalent', () => {
  it('dataEquivalent(curve, {target}) extrapolates a log-linear curve: one more doubling is 2×', () => {
    const result = dataEquivalent(curve, { target: logLinear(1600) });
    expect(result.status).toBe('extrapolated');
    if (result.status !== 'extrapolated') return;
    expect(result.n0).toBe(800);
    expect(result.factor).toBeCloseTo(2, 10);
    expect(result.equivalentN).toBeCloseTo(1600, 8);
    expect(result.gainPerDoubling).toBeCloseTo(0.05, 12);
  });

  it('dataEquivalent(curve, {target, n0}) interpolates in log N within the measured sizes', () => {
    const result = dataEquivalent(curve, { target: logLinear(400 * Math.SQRT2), n0: 400 });
    expect(result).toMatchObject({ status: 'interpolated', n0: 400 });
    if (result.status === 'interpolated') expect(result.factor).toBeCloseTo(Math.SQRT2, 10);
  });

  it('dataEquivalent(curve, {target}) is below_range when the smallest size already reaches the target', () => {
    expect(dataEquivalent(curve, { target: 0.6 })).toEqual({
      status: 'below_range',
      n0: 800,
      target: 0.6,
      atMost: 100,
      factor: 0.125,
    });
  });

  it('dataEquivalent(curve, {target, maxFactor}) is beyond_range past maxFactor', () => {
    // 0.3 + 0.05·log2(N) = 1 at N = 2^14 = 16384, factor 20.48: out of reach with maxFactor 10.
    const result = dataEquivalent(curve, { target: 1, maxFactor: 10 });
    expect(result).toMatchObject({ status: 'beyond_range', moreThan: 10 });
    const within = dataEquivalent(curve, { target: 1, maxFactor: 100 });
    expect(within).toMatchObject({ status: 'extrapolated' });
    if (within.status === 'extrapolated') expect(within.factor).toBeCloseTo(20.48, 8);
  });

  it('dataEquivalent(curve, {target}) follows the line only up to MAX_EXTRAPOLATION = 2× by default', () => {
    expect(MAX_EXTRAPOLATION).toBe(2);
    // 1.9× the largest size: extrapolated.
    const near = dataEquivalent(curve, { target: logLinear(800 * 1.9) });
    expect(near.status).toBe('extrapolated');
    if (near.status === 'extrapolated') expect(near.factor).toBeCloseTo(1.9, 10);
    // 2.1× and 4×: beyond_range, 'more than 2×', with the fitted slope.
    for (const times of [2.1, 4]) {
      expect(dataEquivalent(curve, { target: logLinear(800 * times) })).toEqual({
        status: 'beyond_range',
        n0: 800,
        target: logLinear(800 * times),
        moreThan: 2,
        gainPerDoubling: expect.closeTo(0.05, 12),
      });
    }
    // Within the measured sizes the bound does not apply: from n0 = 200, the accuracy at 800 is 4×, interpolated.
    expect(dataEquivalent(curve, { target: logLinear(800), n0: 200 })).toMatchObject({
      status: 'interpolated',
      factor: expect.closeTo(4, 10),
    });
  });

  it('dataEquivalent(curve, {target, maxFactor}) moves the bound: 3× is beyond 2× but within 5×', () => {
    const target = logLinear(800 * 3);
    expect(dataEquivalent(curve, { target })).toMatchObject({ status: 'beyond_range', moreThan: 2 });
    expect(dataEquivalent(curve, { target, maxFactor: 2.5 })).toMatchObject({ status: 'beyond_range', moreThan: 2.5 });
    const within = dataEquivalent(curve, { target, maxFactor: 5 });
    expect(within).toMatchObject({ status: 'extrapolated', factor: expect.closeTo(3, 10) });
  });

  it('dataEquivalent(…, {maxFactor}) throws a RangeError for a maxFactor not above 1', () => {
    expect(() => dataEquivalent(curve, { target: 0.9, maxFactor: 1 })).toThrow(
      new RangeError('maxFactor must be above 1, got 1'),
    );
    expect(() => dataEquivalent(curve, { target: 0.9, maxFactor: NaN })).toThrow(/got NaN/);
  });

  it('dataEquivalent(flat or falling curve, {target}) is beyond_range', () => {
    const flat = { sizes, accuracy: [0.8, 0.82, 0.8, 0.8] };
    expect(dataEquivalent(flat, { target: 0.9, fitPoints: 2 })).toMatchObject({
      status: 'beyond_range',
      moreThan: 1,
      gainPerDoubling: 0,
    });
  });

  it('dataEquivalent(single-point curve, {target}) is beyond_range above it and below_range at or under it', () => {
    const one = { sizes: [50], accuracy: [0.7] };
    expect(dataEquivalent(one, { target: 0.8 })).toMatchObject({ status: 'beyond_range', moreThan: 1 });
    expect(dataEquivalent(one, { target: 0.7 })).toMatchObject({ status: 'below_range', factor: 1 });
  });

  it('dataEquivalent(…) never puts an extrapolated size below the largest measured one', () => {
    // Over the last 3 points (one doubling apart: 0.6, 0.84, 0.85) the fitted line is 0.888 at 800,
    // above the target 0.86 that the measured 0.85 misses.
    const bumpy = { sizes, accuracy: [0.5, 0.6, 0.84, 0.85] };
    const result = dataEquivalent(bumpy, { target: 0.86 });
    expect(result.status).toBe('extrapolated');
    if (result.status === 'extrapolated') expect(result.equivalentN).toBeGreaterThanOrEqual(800);
  });

  it('dataEquivalent(…) throws a RangeError on an empty curve, NaN accuracy or target, or an unmeasured n0', () => {
    expect(() => dataEquivalent({ sizes: [], accuracy: [] }, { target: 0.5 })).toThrow(RangeError);
    expect(() => dataEquivalent({ sizes: [1, 2], accuracy: [0.5, NaN] }, { target: 0.9 })).toThrow(RangeError);
    expect(() => dataEquivalent(curve, { target: NaN })).toThrow(RangeError);
    expect(() => dataEquivalent(curve, { target: 0.9, n0: 300 })).toThrow(RangeError);
  });
});

describe('equivalentFactor', () => {
  it('equivalentFactor(interpolated or extrapolated) is its factor', () => {
    const interpolated = dataEquivalent(curve, { target: logLinear(400 * Math.SQRT2), n0: 400 });
    expect(interpolated.status).toBe('interpolated');
    expect(equivalentFactor(interpolated)).toBeCloseTo(Math.SQRT2, 10);
    const extrapolated = dataEquivalent(curve, { target: logLinear(1200) });
    expect(extrapolated.status).toBe('extrapolated');
    expect(equivalentFactor(extrapolated)).toBeCloseTo(1.5, 10);
  });

  it('equivalentFactor(below_range) is the upper bound atMost / n0', () => {
    const below = dataEquivalent(curve, { target: 0.6 });
    expect(below.status).toBe('below_range');
    expect(equivalentFactor(below)).toBe(0.125);
  });

  it('equivalentFactor(beyond_range) is +Infinity, whatever the bound', () => {
    expect(equivalentFactor(dataEquivalent(curve, { target: logLinear(800 * 4) }))).toBe(Infinity);
    const flat: DataEquivalent = { status: 'beyond_range', n0: 100, target: 0.9, moreThan: 1, gainPerDoubling: 0 };
    expect(equivalentFactor(flat)).toBe(Infinity);
  });
});
