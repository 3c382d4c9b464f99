import { describe, it, expect } from 'vitest';
import { largestRemainder } from '../../../src/engine/noise/index.ts';

describe('largestRemainder', () => {
  it('largestRemainder(values) floors and gives the missing units to the largest remainders', () => {
    expect(Array.from(largestRemainder([2.6, 3.3, 4.1]))).toEqual([3, 3, 4]);
    expect(Array.from(largestRemainder([0.4, 0.35, 0.25]))).toEqual([1, 0, 0]);
  });

  it('largestRemainder(whole values) returns them unchanged, even with float error', () => {
    expect(Array.from(largestRemainder([7, 3]))).toEqual([7, 3]);
    // 10 · 0.7 and 10 · 0.3 in floating point.
    expect(Array.from(largestRemainder([10 * 0.7, 10 * 0.3]))).toEqual([7, 3]);
    expect(Array.from(largestRemainder([2.9999999999999996, 1.0000000000000004]))).toEqual([3, 1]);
  });

  it('largestRemainder(values) keeps each count within 1 of its value and sums to the total', () => {
    const values = [1.25, 0.75, 3.5, 0.5, 2, 0];
    const counts = largestRemainder(values);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(8);
    counts.forEach((c, i) => expect(Math.abs(c - values[i]!)).toBeLessThan(1));
  });

  it('largestRemainder(values) breaks ties in index order by default, or in the given tieOrder', () => {
    expect(Array.from(largestRemainder([0.5, 0.5]))).toEqual([1, 0]);
    expect(Array.from(largestRemainder([0.5, 0.5], { tieOrder: [1, 0] }))).toEqual([0, 1]);
    expect(Array.from(largestRemainder([1 / 3, 1 / 3, 1 / 3], { tieOrder: [2, 0, 1] }))).toEqual([0, 0, 1]);
  });

  it('largestRemainder([]) is empty; largestRemainder([x]) is [x]', () => {
    expect(largestRemainder([]).length).toBe(0);
    expect(Array.from(largestRemainder([4]))).toEqual([4]);
  });

  it('largestRemainder(values) throws a RangeError for a fractional sum, a negative or NaN value, or a bad tieOrder', () => {
    expect(() => largestRemainder([0.5, 0.2])).toThrow('largestRemainder: values sum to 0.7, not a whole number');
    expect(() => largestRemainder([-1, 2])).toThrow('value 0 is -1');
    expect(() => largestRemainder([NaN, 1])).toThrow(RangeError);
    expect(() => largestRemainder([0.5, 0.5], { tieOrder: [0, 0] })).toThrow(
      'tieOrder must list every index exactly once',
    );
    expect(() => largestRemainder([0.5, 0.5], { tieOrder: [0] })).toThrow('tieOrder lists 1 of 2 indices');
  });
});
