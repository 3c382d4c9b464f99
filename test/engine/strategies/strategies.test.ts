import { describe, expect, it } from 'vitest';
import { confusedClasses, reviewLabels, targetedRows } from '../../../src/engine/strategies/index.ts';

const i32 = (xs: number[]) => Int32Array.from(xs);

describe('reviewLabels(given, truth, ranked, budget)', () => {
  it('gives the first `budget` ranked examples their true labels and counts the wrong ones', () => {
    const given = i32([0, 1, 2, 0, 1]);
    const truth = i32([0, 2, 2, 1, 1]);
    const r = reviewLabels(given, truth, [3, 2, 1], 2);
    expect(Array.from(r.labels)).toEqual([0, 1, 2, 1, 1]);
    expect(r).toMatchObject({ reviewed: 2, fixed: 1 });
    expect(Array.from(given)).toEqual([0, 1, 2, 0, 1]); // not mutated
  });

  it('a budget beyond the ranking reviews only the ranked examples', () => {
    const r = reviewLabels(i32([1, 1]), i32([0, 1]), [0], 10);
    expect(r).toMatchObject({ reviewed: 1, fixed: 1 });
    expect(Array.from(r.labels)).toEqual([0, 1]);
  });

  it('empty input and a zero budget change nothing', () => {
    expect(reviewLabels(i32([]), i32([]), [], 5)).toMatchObject({ reviewed: 0, fixed: 0 });
    expect(Array.from(reviewLabels(i32([1]), i32([0]), [0], 0).labels)).toEqual([1]);
  });

  it('rejects mismatched lengths, a bad budget and positions out of range', () => {
    expect(() => reviewLabels(i32([1]), i32([]), [], 1)).toThrow(/1 given labels but 0 true labels/);
    expect(() => reviewLabels(i32([1]), i32([1]), [], NaN)).toThrow(/budget/);
    expect(() => reviewLabels(i32([1]), i32([1]), [4], 1)).toThrow(/outside 0–0/);
  });
});

describe('confusedClasses(labels, predicted, k, count)', () => {
  it('ranks classes by how many of their examples are predicted wrong, ties by class number', () => {
    //            class: 0  0  1  1  1  2  2
    const labels = [0, 0, 1, 1, 1, 2, 2];
    const predicted = [1, 0, 0, 2, 1, 0, 1];
    expect(confusedClasses(labels, predicted, 3, 3)).toEqual([1, 2, 0]);
    expect(confusedClasses(labels, predicted, 4, 2)).toEqual([1, 2]);
    expect(confusedClasses([0, 1], [1, 0], 3, 3)).toEqual([0, 1, 2]);
  });

  it('empty input: every class ties at zero; count 0 gives none', () => {
    expect(confusedClasses([], [], 2, 5)).toEqual([0, 1]);
    expect(confusedClasses([0], [1], 2, 0)).toEqual([]);
  });

  it('rejects mismatched lengths and labels outside 0…K−1 (NaN included)', () => {
    expect(() => confusedClasses([0], [], 2, 1)).toThrow(/1 labels but 0 predictions/);
    expect(() => confusedClasses([NaN], [0], 2, 1)).toThrow(/label NaN/);
    expect(() => confusedClasses([2], [0], 2, 1)).toThrow(/not in 0–1/);
  });
});

describe('targetedRows(candidates, labelOf, classes, count)', () => {
  const label = (row: number) => row % 3;
  it('takes the first `count` candidates of the wanted classes, in order', () => {
    expect(Array.from(targetedRows([5, 1, 4, 2, 7, 8], label, [2, 1], 3))).toEqual([5, 1, 4]);
  });
  it('returns fewer when the candidates run out, none for an empty list or count 0', () => {
    expect(Array.from(targetedRows([3, 4, 6], label, [0], 5))).toEqual([3, 6]);
    expect(Array.from(targetedRows([], label, [0], 5))).toEqual([]);
    expect(Array.from(targetedRows([3], label, [0], 0))).toEqual([]);
  });
});
