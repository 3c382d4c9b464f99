import { describe, expect, it } from 'vitest';
import {
  coincidenceMatrix,
  fleissKappa,
  krippendorffAlpha,
  toRatings,
  type KrippendorffAlpha,
} from '../../../src/engine/agreement/index.ts';

function alphaOf(result: KrippendorffAlpha): number {
  if (!result.defined) throw new Error(`alpha undefined: ${result.reason}`);
  return result.alpha;
}

const _ = null;

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for Communication
// Departmental Papers 43, §C (nominal data, any number of observers, missing data): 4 observers × 12 units,
// values 1–5, blanks = not coded. The paper's coincidence-matrix margins are n_1…n_5 = 9, 13, 10, 5, 3 (n = 40)
// and α_nominal = 0.743.
const KRIPPENDORFF_2011 = toRatings([
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]);

// Wikipedia, "Krippendorff's alpha", computational example: 3 coders × 15 units (* = missing); α_nominal = 0.691.
const WIKIPEDIA = toRatings(
  [
    '*    *    *    *    *    3    4    1    2    1    1    3    3    *    3',
    '1    *    2    1    3    3    4    3    *    *    *    *    *    *    *',
    '*    *    2    1    3    4    4    *    2    1    1    3    3    *    4',
  ].map((coder) => coder.split(/\s+/).map((v) => (v === '*' ? null : Number(v)))),
);

describe('coincidenceMatrix', () => {
  it('coincidenceMatrix(Krippendorff 2011 data, 6) has the paper’s margins 9, 13, 10, 5, 3 and n = 40', () => {
    const { matrix, byClass, pairable, units } = coincidenceMatrix(KRIPPENDORFF_2011, 6);
    expect(Array.from(byClass)).toEqual([0, 9, 13, 10, 5, 3].map((v) => expect.closeTo(v, 12)));
    expect(pairable).toBeCloseTo(40, 12);
    expect(units).toBe(11);
    expect(matrix[1 * 6 + 1]).toBeCloseTo(7, 12);
    expect(matrix[1 * 6 + 2]).toBeCloseTo(4 / 3, 12);
    expect(matrix[5 * 6 + 5]).toBeCloseTo(3, 12);
    for (let c = 0; c < 6; c++)
      for (let d = 0; d < 6; d++) expect(matrix[c * 6 + d]).toBeCloseTo(matrix[d * 6 + c]!, 14);
  });

  it('coincidenceMatrix([], K) is all zeros with no pairable ratings', () => {
    expect(coincidenceMatrix([], 2)).toEqual({
      matrix: new Float64Array(4),
      byClass: new Float64Array(2),
      pairable: 0,
      units: 0,
    });
  });
});

describe('krippendorffAlpha', () => {
  it('krippendorffAlpha(Krippendorff 2011 data, {level: nominal}) is 0.743', () => {
    const result = krippendorffAlpha(KRIPPENDORFF_2011, { level: 'nominal' });
    expect(result).toEqual({
      defined: true,
      alpha: expect.closeTo(1 - 39 / 152, 12),
      observedDisagreement: expect.closeTo(0.2, 12),
      expectedDisagreement: expect.closeTo(152 / 195, 12),
      pairable: 40,
      units: 11,
    });
    expect(alphaOf(result).toFixed(3)).toBe('0.743');
  });

  it('krippendorffAlpha(Wikipedia example, {level: nominal}) is 0.691', () => {
    expect(alphaOf(krippendorffAlpha(WIKIPEDIA, { level: 'nominal' }))).toBeCloseTo(0.691358024691358, 12);
  });

  it('krippendorffAlpha(ratings) reads −1 the same as null', () => {
    const withMinusOne = KRIPPENDORFF_2011.map((row) => row.map((v) => v ?? -1));
    expect(krippendorffAlpha(withMinusOne, { level: 'nominal' })).toEqual(
      krippendorffAlpha(KRIPPENDORFF_2011, { level: 'nominal' }),
    );
  });

  it('krippendorffAlpha(ratings) accepts items with different numbers of ratings', () => {
    const ragged = [[0, 0, 0], [1, 1], [2, 2, 1, 2], [0]];
    expect(alphaOf(krippendorffAlpha(ragged, { level: 'nominal' }))).toBeGreaterThan(0.5);
  });

  it('krippendorffAlpha(complete ratings) approaches Fleiss’ kappa: α = 1 − (1 − κ)(nN − 1)/(nN) ', () => {
    // Without missing data, D_o and D_e differ from Fleiss' 1 − P̄ and 1 − P̄e only by the factor nN/(nN − 1) on D_e.
    const ratings = [
      [0, 0, 1],
      [1, 1, 1],
      [2, 2, 0],
      [0, 0, 0],
      [2, 1, 2],
    ];
    const fleiss = fleissKappa(ratings);
    const alpha = alphaOf(krippendorffAlpha(ratings, { level: 'nominal' }));
    const total = 15;
    expect(fleiss.defined && alpha).toBeCloseTo(
      fleiss.defined ? 1 - ((1 - fleiss.kappa) * (total - 1)) / total : NaN,
      12,
    );
  });

  it('krippendorffAlpha(ratings) is 1 for perfect agreement on several classes', () => {
    expect(
      alphaOf(
        krippendorffAlpha(
          [
            [0, 0],
            [1, 1],
            [1, 1, null],
          ],
          { level: 'nominal' },
        ),
      ),
    ).toBe(1);
  });

  it('krippendorffAlpha([]) and ratings with no item rated twice are undefined with a reason', () => {
    for (const ratings of [
      [],
      [[1]],
      [
        [1, null],
        [null, 2],
      ],
    ]) {
      const result = krippendorffAlpha(ratings, { level: 'nominal' });
      expect(result).toEqual({
        defined: false,
        reason: expect.stringMatching(/no item was rated by two or more raters/),
      });
    }
  });

  it('krippendorffAlpha(ratings) is undefined when every pairable rating is the same class', () => {
    const result = krippendorffAlpha([[3, 3], [3, 3, null], [1]], { level: 'nominal' });
    expect(result).toEqual({ defined: false, reason: expect.stringMatching(/show no variation/) });
  });

  it('krippendorffAlpha(ratings, {level: interval}) throws: only nominal is implemented', () => {
    const options = { level: 'interval' } as unknown as { level: 'nominal' };
    expect(() => krippendorffAlpha([[0, 1]], options)).toThrow(/level "interval" is not implemented; use 'nominal'/);
  });

  it('krippendorffAlpha(ratings) refuses ratings that are not whole numbers or are out of range', () => {
    expect(() => krippendorffAlpha([[0, -2]], { level: 'nominal' })).toThrow(
      /labeler B's rating of item 0 is -2; ratings must be whole class numbers 0, 1, 2, … \(or null \/ −1 for no rating\)/,
    );
    expect(() => krippendorffAlpha([[0, 4]], { level: 'nominal', classes: 3 })).toThrow(/outside the 3 classes/);
  });
});
