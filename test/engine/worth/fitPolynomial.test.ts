import { describe, it, expect } from 'vitest';
import { evaluatePolynomial, fitPolynomial } from '../../../src/engine/worth/fitPolynomial.ts';

describe('fitPolynomial', () => {
  it('fitPolynomial(xs, ys, 1) recovers a line exactly', () => {
    const [c0, c1] = fitPolynomial([1, 2, 3, 5], [5, 8, 11, 17], 1);
    expect(c0).toBeCloseTo(2, 10);
    expect(c1).toBeCloseTo(3, 10);
  });

  it('fitPolynomial(xs, ys, 2) recovers a parabola exactly, far from 0', () => {
    const xs = [100, 101, 102, 104];
    const fit = fitPolynomial(
      xs,
      xs.map((x) => 1 - 0.5 * x + 0.25 * x * x),
      2,
    );
    expect(fit[0]).toBeCloseTo(1, 6);
    expect(fit[1]).toBeCloseTo(-0.5, 8);
    expect(fit[2]).toBeCloseTo(0.25, 10);
  });

  it('fitPolynomial(xs, ys, 1) is the least-squares line through noisy points', () => {
    // Points (0,0), (1,1), (2,1): slope 1/2, intercept 1/6 (by hand from the normal equations).
    const [c0, c1] = fitPolynomial([0, 1, 2], [0, 1, 1], 1);
    expect(c0).toBeCloseTo(1 / 6, 12);
    expect(c1).toBeCloseTo(1 / 2, 12);
  });

  it('fitPolynomial(xs, ys, 0) is the mean; a single point fits degree 0', () => {
    expect(fitPolynomial([1, 2, 3], [2, 4, 9], 0)[0]).toBeCloseTo(5, 12);
    expect(fitPolynomial([7], [0.5], 0)).toEqual([0.5]);
  });

  it('fitPolynomial(…) throws a RangeError on empty input, too few distinct x, NaN or mismatched lengths', () => {
    expect(() => fitPolynomial([], [], 0)).toThrow(RangeError);
    expect(() => fitPolynomial([1, 1], [2, 3], 1)).toThrow(RangeError);
    expect(() => fitPolynomial([1, 2, 3], [2, 3], 1)).toThrow(RangeError);
    expect(() => fitPolynomial([1, 2], [NaN, 3], 1)).toThrow(RangeError);
    expect(() => fitPolynomial([1, 2, 3, 4], [1, 2, 3, 4], 3)).toThrow(RangeError);
  });
});

describe('evaluatePolynomial', () => {
  it('evaluatePolynomial(c, x) is c0 + c1·x + c2·x²', () => {
    expect(evaluatePolynomial([1, 2, 3], 2)).toBe(17);
    expect(evaluatePolynomial([], 2)).toBe(0);
  });
});
