import { describe, expect, it } from 'vitest';
import { itemLabels, presentations, scoreLabels, selfAgreement } from '../../src/state/labelCellScore.ts';
import type { LabelBatch } from '../../src/state/labelCellItems.ts';

/** Five items (rows 10…14, data-set labels 0, 2, 4, 6, 0), item 1 shown again at the end. */
const batch: LabelBatch = {
  rows: Int32Array.from([10, 11, 12, 13, 14]),
  sequence: Int32Array.from([0, 1, 2, 3, 4, 1]),
  repeated: Int32Array.from([1]),
};
const datasetLabels = Int32Array.from({ length: 20 }, (_, row) => [0, 2, 4, 6, 0][row - 10] ?? 9);
const a = (label: number | null, ms = 1000) => ({ label, ms });

describe('itemLabels(batch, answers)', () => {
  it('is each item’s first answer, the repeat’s when the first was skipped, null when never given', () => {
    expect(itemLabels(batch, [a(0), a(null), a(4)])).toEqual([0, null, 4, null, null]);
    expect(itemLabels(batch, [a(0), a(null), a(4), a(6), a(6), a(2)])).toEqual([0, 2, 4, 6, 6]);
    expect(itemLabels(batch, [a(0), a(6), a(4), a(6), a(6), a(2)])).toEqual([0, 6, 4, 6, 6]);
  });
});

describe('selfAgreement(batch, answers)', () => {
  it('counts the repeated items answered both times, and those given the same label twice', () => {
    expect(selfAgreement(batch, [a(0), a(2), a(4), a(6), a(0), a(2)])).toMatchObject({
      pairs: 1,
      same: 1,
      agreement: 1,
    });
    expect(selfAgreement(batch, [a(0), a(2), a(4), a(6), a(0), a(6)]).agreement).toBe(0);
    const skipped = selfAgreement(batch, [a(0), a(null), a(4), a(6), a(0), a(6)]);
    expect(skipped.pairs).toBe(0);
    expect(skipped.agreement).toBeNaN();
  });
});

describe('scoreLabels(batch, answers, datasetLabels, K)', () => {
  it('compares the labelled items with the data set: agreement, kappa, matrix (rows = yours), disagreements', () => {
    // Yours: 0, 2, 6, 6, 0 (item 2 says coat → you said shirt); the repeat of item 1 says 0.
    const score = scoreLabels(batch, [a(0, 500), a(2, 1500), a(6, 2500), a(6), a(0), a(0)], datasetLabels, 10);
    expect(score.labelled).toBe(5);
    expect(score.skipped).toBe(0);
    expect(Array.from(score.yours)).toEqual([0, 2, 6, 6, 0]);
    expect(Array.from(score.theirs)).toEqual([0, 2, 4, 6, 0]);
    expect(score.agreement).toBeCloseTo(0.8, 12);
    expect(score.disagreements).toEqual([2]);
    expect(score.matrix[6 * 10 + 4]).toBe(1); // you: shirt (row 6), data set: coat (column 4)
    expect(score.matrix[4 * 10 + 6]).toBe(0);
    // p_o = 0.8; p_e = (2·2 + 1·1 + 0·1 + 2·1)/25 = 7/25 → kappa = (0.8 − 0.28) / 0.72
    expect(score.kappa.defined && score.kappa.kappa).toBeCloseTo((0.8 - 0.28) / 0.72, 12);
    expect(score.self).toMatchObject({ pairs: 1, same: 0 });
    expect(score.medianSeconds).toBe(1);
    // Worst class first: coat and shirt (used by one side only, or split), then the ones both always agree on.
    expect(score.perClass[0]!.class).toBe(4);
    expect(score.perClass.at(-1)!.agreement).toBeNaN();
  });

  it('with no answers has nothing labelled: agreement NaN, kappa undefined', () => {
    const score = scoreLabels(batch, [], datasetLabels, 10);
    expect(score.labelled).toBe(0);
    expect(score.agreement).toBeNaN();
    expect(score.kappa.defined).toBe(false);
    expect(score.medianSeconds).toBeNaN();
  });

  it('counts an item skipped every time it was shown as skipped, not labelled', () => {
    const score = scoreLabels(batch, [a(null), a(null), a(4)], datasetLabels, 10);
    expect(score.labelled).toBe(1);
    expect(score.skipped).toBe(2);
  });
});

describe('presentations(batch, answers)', () => {
  it('marks the second showing of an item as a repeat', () => {
    const list = presentations(batch, [a(0), a(2), a(4), a(6), a(0), a(2)]);
    expect(list.map((p) => p.repeat)).toEqual([false, false, false, false, false, true]);
    expect(list[5]).toMatchObject({ position: 5, item: 1, row: 11, label: 2 });
  });
});
