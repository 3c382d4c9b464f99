import { describe, expect, it } from 'vitest';
import { perClassAgreement, perClassAgreementAmong, toRatings } from '../../../src/engine/agreement/index.ts';

describe('perClassAgreement', () => {
  it('perClassAgreement(a, b, K) is 2·n_cc / (n_c· + n_·c) per class, with the counts', () => {
    const a = [0, 0, 0, 1, 1, 2];
    const b = [0, 0, 1, 1, 2, 2];
    expect(perClassAgreement(a, b, 4)).toEqual([
      { class: 0, a: 3, b: 2, both: 2, agreement: 0.8 },
      { class: 1, a: 2, b: 2, both: 1, agreement: 0.5 },
      { class: 2, a: 1, b: 2, both: 1, agreement: 2 / 3 },
      { class: 3, a: 0, b: 0, both: 0, agreement: NaN },
    ]);
  });

  it('perClassAgreement(a, a, K) is 1 for every class used', () => {
    expect(perClassAgreement([1, 2, 1], [1, 2, 1], 3).map((c) => c.agreement)).toEqual([NaN, 1, 1]);
  });

  it('perClassAgreement(a, b, K) is 0 for a class the labelers never both used', () => {
    expect(perClassAgreement([0, 1], [1, 0], 2).map((c) => c.agreement)).toEqual([0, 0]);
  });

  it('perClassAgreement([], [], K) gives K entries of NaN agreement and zero counts', () => {
    expect(perClassAgreement([], [], 2)).toEqual([
      { class: 0, a: 0, b: 0, both: 0, agreement: NaN },
      { class: 1, a: 0, b: 0, both: 0, agreement: NaN },
    ]);
  });

  it('perClassAgreement([x], [x], K) for a single item', () => {
    expect(perClassAgreement([1], [1], 2)[1]).toEqual({ class: 1, a: 1, b: 1, both: 1, agreement: 1 });
  });

  it('perClassAgreement(a, b, K) throws a RangeError for a length mismatch or a label ≥ K', () => {
    expect(() => perClassAgreement([0], [0, 1], 2)).toThrow(
      /perClassAgreement: labeler A gave 1 labels and labeler B gave 2/,
    );
    expect(() => perClassAgreement([0, 2], [0, 1], 2)).toThrow(
      /labeler A's label at item 1 is 2, outside the 2 classes 0…1/,
    );
  });
});

describe('perClassAgreementAmong', () => {
  it('perClassAgreementAmong(ratings of two labelers, K) equals perClassAgreement(a, b, K)', () => {
    const a = [0, 0, 0, 1, 1, 2, 3, 3];
    const b = [0, 0, 1, 1, 2, 2, 3, 0];
    const two = perClassAgreement(a, b, 5);
    const among = perClassAgreementAmong(toRatings([a, b]), 5);
    among.forEach((entry, c) => {
      expect(entry.class).toBe(c);
      expect(entry.ratings).toBe(two[c]!.a + two[c]!.b);
      if (Number.isNaN(two[c]!.agreement)) expect(entry.agreement).toBeNaN();
      else expect(entry.agreement).toBeCloseTo(two[c]!.agreement, 14);
    });
  });

  it('perClassAgreementAmong(ratings, K) counts agreeing pairs among three labelers', () => {
    // Item 0: all three say 0 (6 ordered pairs from 0, all agree). Item 1: 0, 0, 1 (0: 2 of 4; 1: 0 of 2).
    const ratings = [
      [0, 0, 0],
      [0, 0, 1],
    ];
    expect(perClassAgreementAmong(ratings, 2)).toEqual([
      { class: 0, ratings: 5, agreement: 8 / 10 },
      { class: 1, ratings: 1, agreement: 0 },
    ]);
  });

  it('perClassAgreementAmong(ratings with gaps, K) skips missing ratings and items rated once', () => {
    const ratings = [
      [0, null, 0],
      [1, -1, null],
      [1, 1, 0],
    ];
    expect(perClassAgreementAmong(ratings, 2)).toEqual([
      { class: 0, ratings: 3, agreement: 2 / 4 },
      { class: 1, ratings: 2, agreement: 2 / 4 },
    ]);
  });

  it('perClassAgreementAmong([], K) is NaN for every class', () => {
    expect(perClassAgreementAmong([], 2).map((c) => c.agreement)).toEqual([NaN, NaN]);
  });

  it('perClassAgreementAmong(ratings, K) refuses ratings ≥ K', () => {
    expect(() => perClassAgreementAmong([[0, 3]], 2)).toThrow(
      /labeler B's rating of item 0 is 3, outside the 2 classes/,
    );
  });
});
