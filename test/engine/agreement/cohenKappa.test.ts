import { describe, expect, it } from 'vitest';
import { cohenKappa, type CohenKappa } from '../../../src/engine/agreement/index.ts';

function kappaOf(result: CohenKappa): number {
  if (!result.defined) throw new Error(`kappa undefined: ${result.reason}`);
  return result.kappa;
}

describe('cohenKappa', () => {
  it('cohenKappa(a, a) is 1 for perfect agreement', () => {
    expect(cohenKappa([0, 1, 2, 1, 0], [0, 1, 2, 1, 0])).toEqual({
      defined: true,
      kappa: 1,
      observed: 1,
      expected: 0.36,
    });
  });

  it('cohenKappa(a, b) is 0 when agreement is exactly what chance predicts', () => {
    // Each labeler uses both classes half the time and they agree on half the items.
    expect(kappaOf(cohenKappa([0, 0, 1, 1], [0, 1, 0, 1]))).toBe(0);
  });

  it('cohenKappa(a, b) is −1 for systematic disagreement on two balanced classes', () => {
    expect(cohenKappa([0, 1, 0, 1], [1, 0, 1, 0])).toEqual({ defined: true, kappa: -1, observed: 0, expected: 0.5 });
  });

  it('cohenKappa(a, b) matches the textbook 2×2 example: 50 items, p_o = 0.7, p_e = 0.5, κ = 0.4', () => {
    // Wikipedia "Cohen's kappa", simple example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
    const a = [...Array(25).fill(1), ...Array(25).fill(0)];
    const b = [...Array(20).fill(1), ...Array(5).fill(0), ...Array(10).fill(1), ...Array(15).fill(0)];
    const result = cohenKappa(a, b);
    expect(result).toEqual({ defined: true, kappa: expect.closeTo(0.4, 12), observed: 0.7, expected: 0.5 });
  });

  it('cohenKappa(rater2, rater3) matches R irr::kappa2 on its anxiety data: −0.006289308', () => {
    // irr's `anxiety` data (20 subjects × 3 raters), column-major as in statsmodels' test_inter_rater.py,
    // which records kappa2(anxiety[, 2:3]) = -0.006289308 from R. Class 5 is used by neither rater.
    const anxiety = [
      3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3, 3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3,
      3, 4, 2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2,
    ];
    const rater2 = anxiety.slice(20, 40);
    const rater3 = anxiety.slice(40, 60);
    expect(kappaOf(cohenKappa(rater2, rater3))).toBeCloseTo(-0.006289308, 9);
  });

  it('cohenKappa([], []) is undefined with a reason, not NaN', () => {
    const result = cohenKappa([], []);
    expect(result.defined).toBe(false);
    if (!result.defined) expect(result.reason).toMatch(/there are no items/);
  });

  it('cohenKappa([x], [x]) for a single item is undefined: both gave the same single class', () => {
    const result = cohenKappa([3], [3]);
    expect(result).toEqual({ defined: false, reason: expect.stringMatching(/every item the same single class \(3\)/) });
  });

  it('cohenKappa([0], [1]) for a single disagreeing item is 0 (as scikit-learn)', () => {
    expect(kappaOf(cohenKappa([0], [1]))).toBe(0);
  });

  it('cohenKappa(a, b) is undefined when both labelers always give one and the same class, with a readable reason', () => {
    const result = cohenKappa([2, 2, 2, 2], [2, 2, 2, 2], { classes: 5 });
    expect(result.defined).toBe(false);
    if (!result.defined) {
      expect(result.reason).toBe(
        'both labelers gave every item the same single class (2), so chance alone would agree 100% of the time ' +
          'and kappa, which measures agreement beyond chance, is undefined; include items of other classes to measure it',
      );
    }
  });

  it('cohenKappa(a, b) is 0, not undefined, when only one labeler is constant', () => {
    expect(kappaOf(cohenKappa([0, 0, 0, 0], [0, 1, 2, 0]))).toBe(0);
    expect(kappaOf(cohenKappa([0, 0, 0], [1, 1, 1]))).toBe(0);
  });

  it('cohenKappa(a, b, {classes}) does not depend on unused classes', () => {
    const a = [0, 1, 2, 1, 0, 2, 2];
    const b = [0, 1, 1, 1, 0, 2, 0];
    expect(cohenKappa(a, b, { classes: 10 })).toEqual(cohenKappa(a, b));
  });

  it('cohenKappa(a, b) is symmetric in a and b', () => {
    const a = [0, 1, 2, 1, 0, 2, 2, 3];
    const b = [0, 1, 1, 1, 0, 2, 0, 3];
    expect(kappaOf(cohenKappa(a, b))).toBeCloseTo(kappaOf(cohenKappa(b, a)), 15);
  });

  it('cohenKappa(a, b) of different lengths throws a RangeError', () => {
    expect(() => cohenKappa([0, 1], [0])).toThrow(/cohenKappa: labeler A gave 2 labels and labeler B gave 1/);
  });

  it('cohenKappa(a, b, {classes: 3}) refuses labels outside 0…2', () => {
    expect(() => cohenKappa([0, 1], [0, 3], { classes: 3 })).toThrow(
      "cohenKappa: labeler B's label at item 1 is 3, outside the 3 classes 0…2; pass a larger classes or fix the label",
    );
    expect(() => cohenKappa([0, -2], [0, 1])).toThrow(RangeError);
    expect(() => cohenKappa([0], [0], { classes: 0 })).toThrow(/classes must be a whole number ≥ 1/);
  });
});
