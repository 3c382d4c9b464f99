import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, toRatings, type FleissKappa } from '../../../src/engine/agreement/index.ts';

/** Expands an items × classes count table into items × raters ratings (rater order does not matter to Fleiss). */
function fromCounts(table: readonly (readonly number[])[]): number[][] {
  return table.map((row) => row.flatMap((n, k) => Array<number>(n).fill(k)));
}

function kappaOf(result: FleissKappa): number {
  if (!result.defined) throw new Error(`kappa undefined: ${result.reason}`);
  return result.kappa;
}

// Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories;
// P̄ = 0.378, P̄e = 0.213, κ = 0.210 (also statsmodels' test_fleiss_kappa).
const WIKIPEDIA = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

// Fleiss (1971), "Measuring nominal scale agreement among many raters", Psychological Bulletin 76(5):378–382,
// Table 1: 30 patients, 6 psychiatrists each, diagnoses 1 depression, 2 personality disorder,
// 3 schizophrenia, 4 neurosis, 5 other — as R irr's `diagnoses` (rows as in statsmodels' test_inter_rater.py).
// Fleiss reports κ = 0.430; irr::kappam.fleiss(diagnoses) gives 0.4302445.
const FLEISS_1971 = [
  [4, 4, 4, 4, 4, 4],
  [2, 2, 2, 5, 5, 5],
  [2, 3, 3, 3, 3, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3],
  [3, 3, 3, 3, 5, 5],
  [1, 1, 3, 3, 3, 4],
  [1, 1, 4, 4, 4, 4],
  [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4],
  [1, 2, 4, 4, 4, 4],
  [2, 2, 2, 3, 3, 3],
  [1, 4, 4, 4, 4, 4],
  [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5],
  [1, 1, 1, 4, 5, 5],
  [1, 1, 1, 1, 1, 2],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 4, 4, 4, 4, 4],
  [2, 2, 4, 5, 5, 5],
  [1, 1, 4, 4, 4, 4],
  [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4],
  [1, 1, 1, 1, 5, 5],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 3, 3, 3],
  [5, 5, 5, 5, 5, 5],
];

describe('fleissKappa', () => {
  it('fleissKappa(Wikipedia example) is 0.210 with P̄ = 0.378 and P̄e = 0.213', () => {
    const result = fleissKappa(fromCounts(WIKIPEDIA));
    expect(result).toEqual({
      defined: true,
      kappa: expect.closeTo(0.20993070442195522, 12),
      observed: expect.closeTo(0.378021978021978, 12),
      expected: expect.closeTo(0.21275510204081632, 12),
    });
    expect(kappaOf(result).toFixed(3)).toBe('0.210');
  });

  it('fleissKappa(Fleiss 1971 diagnoses) is 0.430 (irr: 0.4302445)', () => {
    const kappa = kappaOf(fleissKappa(FLEISS_1971));
    expect(kappa).toBeCloseTo(0.4302445, 7);
    expect(kappa.toFixed(3)).toBe('0.430');
  });

  it('fleissKappa(ratings) does not depend on the order of raters within an item', () => {
    const shuffled = FLEISS_1971.map((row, i) => [...row.slice(i % 6), ...row.slice(0, i % 6)]);
    expect(kappaOf(fleissKappa(shuffled))).toBeCloseTo(kappaOf(fleissKappa(FLEISS_1971)), 14);
  });

  it('fleissKappa(ratings) is 1 when every item gets one class from all raters (several classes used)', () => {
    expect(
      kappaOf(
        fleissKappa([
          [0, 0, 0],
          [1, 1, 1],
          [2, 2, 2],
        ]),
      ),
    ).toBe(1);
  });

  it('fleissKappa(two raters) is Scott’s pi, which equals Cohen’s kappa when the marginals match', () => {
    const a = [0, 1, 2, 0, 1, 2];
    const b = [1, 0, 2, 0, 1, 2];
    const cohen = cohenKappa(a, b);
    expect(cohen.defined && kappaOf(fleissKappa(toRatings([a, b])))).toBeCloseTo(cohen.defined ? cohen.kappa : NaN, 14);
  });

  it('fleissKappa([]) is undefined with a reason', () => {
    expect(fleissKappa([])).toEqual({ defined: false, reason: expect.stringMatching(/there are no items/) });
  });

  it('fleissKappa([[c, c, c]]) for a single item (or any data) with one class throughout is undefined', () => {
    const result = fleissKappa([[2, 2, 2]]);
    expect(result.defined).toBe(false);
    if (!result.defined) expect(result.reason).toMatch(/every rater gave every item the same single class/);
    expect(
      fleissKappa([
        [1, 1],
        [1, 1],
      ]).defined,
    ).toBe(false);
  });

  it('fleissKappa([[0, 1, 2]]) for a single item with no agreement is defined and negative', () => {
    expect(kappaOf(fleissKappa([[0, 1, 2]]))).toBeCloseTo(-0.5, 14);
  });

  it('fleissKappa(ratings) throws a RangeError for a missing rating, pointing to krippendorffAlpha', () => {
    expect(() =>
      fleissKappa([
        [0, 1],
        [1, null],
      ]),
    ).toThrow(RangeError);
    expect(() =>
      fleissKappa([
        [0, 1],
        [1, -1],
      ]),
    ).toThrow(/fleissKappa: labeler B did not rate item 1; .* \(use krippendorffAlpha for ratings with gaps\)/);
  });

  it('fleissKappa(ratings) throws a RangeError when items have different numbers of raters or only one', () => {
    expect(() =>
      fleissKappa([
        [0, 1, 1],
        [1, 0],
      ]),
    ).toThrow(/item 0 has 3 ratings and item 1 has 2/);
    expect(() => fleissKappa([[0], [1]])).toThrow(/at least 2 raters per item/);
  });

  it('fleissKappa(ratings, {classes}) refuses ratings out of range', () => {
    expect(() => fleissKappa([[0, 3]], { classes: 3 })).toThrow(
      /labeler B's rating of item 0 is 3, outside the 3 classes 0…2/,
    );
    expect(() => fleissKappa([[0, 1.5]])).toThrow(/ratings must be whole class numbers/);
  });
});
