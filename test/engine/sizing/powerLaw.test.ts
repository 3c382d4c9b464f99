import { describe, it, expect } from 'vitest';
import { fitPowerLaw, powerLawError, sizeForError } from '../../../src/engine/sizing/powerLaw.ts';

const truth = { a: 2, b: 0.5, c: 0.05 };
const sizes = [50, 100, 200, 400, 800, 1600];
const exact = { sizes, errors: sizes.map((n) => powerLawError(truth, n)) };

describe('fitPowerLaw', () => {
  it('fitPowerLaw(points) recovers a, b and c from exact power-law data', () => {
    const fit = fitPowerLaw(exact);
    expect(fit.a).toBeCloseTo(truth.a, 4);
    expect(fit.b).toBeCloseTo(truth.b, 5);
    expect(fit.c).toBeCloseTo(truth.c, 6);
    expect(fit.rmse).toBeLessThan(1e-8);
  });

  it('fitPowerLaw(points) with no floor (c = 0) recovers a pure power law', () => {
    const law = { a: 0.8, b: 0.3, c: 0 };
    const fit = fitPowerLaw({ sizes, errors: sizes.map((n) => powerLawError(law, n)) });
    expect(fit.b).toBeCloseTo(0.3, 5);
    expect(fit.c).toBeCloseTo(0, 6);
  });

  it('fitPowerLaw(points) extrapolates noise-free data to sizes it never saw', () => {
    const fit = fitPowerLaw(exact);
    for (const n of [5000, 20000, 100000]) expect(powerLawError(fit, n)).toBeCloseTo(powerLawError(truth, n), 6);
  });

  it('fitPowerLaw(points) takes several points per size (one per seed)', () => {
    const repeated = {
      sizes: sizes.flatMap((n) => [n, n]),
      errors: sizes.flatMap((n) => [powerLawError(truth, n) - 0.01, powerLawError(truth, n) + 0.01]),
    };
    const fit = fitPowerLaw(repeated);
    expect(fit.b).toBeCloseTo(truth.b, 4);
    expect(fit.rmse).toBeCloseTo(0.01, 6);
  });

  it('fitPowerLaw(points) keeps the floor within [0, 1] on a curve that does not fall', () => {
    const flat = fitPowerLaw({ sizes, errors: sizes.map(() => 0.2) });
    expect(flat.a).toBeCloseTo(0, 10);
    expect(flat.c).toBeCloseTo(0.2, 12);
  });

  it('fitPowerLaw(points) throws on fewer than 3 distinct sizes, NaN and mismatched lengths', () => {
    expect(() => fitPowerLaw({ sizes: [10, 10, 20], errors: [0.3, 0.3, 0.2] })).toThrow(/3 distinct sizes/);
    expect(() => fitPowerLaw({ sizes: [], errors: [] })).toThrow(/3 distinct sizes/);
    expect(() => fitPowerLaw({ sizes: [10, 20, 40], errors: [0.3, NaN, 0.1] })).toThrow(/finite/);
    expect(() => fitPowerLaw({ sizes: [10, 20, 40], errors: [0.3] })).toThrow(/3 sizes but 1 errors/);
    expect(() => fitPowerLaw({ sizes: [0, 20, 40], errors: [0.3, 0.2, 0.1] })).toThrow(/positive/);
  });
});

describe('sizeForError', () => {
  it('sizeForError(law, target) inverts the law', () => {
    expect(sizeForError(truth, powerLawError(truth, 3000))).toBeCloseTo(3000, 6);
  });

  it('sizeForError(law, target) is Infinity when the floor is at or above the target', () => {
    expect(sizeForError(truth, 0.05)).toBe(Infinity);
    expect(sizeForError(truth, 0.01)).toBe(Infinity);
    expect(sizeForError({ a: 0, b: 1, c: 0 }, 0.1)).toBe(Infinity);
  });
});
