import { describe, expect, it } from 'vitest';
import { percentAgreement } from '../../../src/engine/agreement/index.ts';

describe('percentAgreement', () => {
  it('percentAgreement(a, b) is the fraction of items with the same label', () => {
    expect(percentAgreement([0, 1, 2, 2], [0, 1, 1, 2])).toBe(0.75);
    expect(percentAgreement(Int32Array.from([3, 3]), Int32Array.from([3, 3]))).toBe(1);
    expect(percentAgreement([0, 1], [1, 0])).toBe(0);
  });

  it('percentAgreement([], []) is NaN', () => {
    expect(percentAgreement([], [])).toBeNaN();
  });

  it('percentAgreement([x], [y]) is 1 or 0 for a single item', () => {
    expect(percentAgreement([4], [4])).toBe(1);
    expect(percentAgreement([4], [5])).toBe(0);
  });

  it('percentAgreement(a, b) of different lengths throws a RangeError saying both must label the same items', () => {
    expect(() => percentAgreement([0, 1, 2], [0, 1])).toThrow(RangeError);
    expect(() => percentAgreement([0, 1, 2], [0, 1])).toThrow(
      'percentAgreement: labeler A gave 3 labels and labeler B gave 2; both must label the same items, in the same order',
    );
  });

  it('percentAgreement(a, b) refuses negative, fractional and NaN labels', () => {
    expect(() => percentAgreement([0, -1], [0, 1])).toThrow(/labeler A's label at item 1 is -1; labels must be whole/);
    expect(() => percentAgreement([0, 1], [0, 0.5])).toThrow(/labeler B's label at item 1 is 0.5/);
    expect(() => percentAgreement([NaN], [0])).toThrow(RangeError);
  });
});
