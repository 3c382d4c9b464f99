import { describe, expect, it } from 'vitest';
import { classMetrics, macroRecall } from '../../../src/engine/coverage/index.ts';

describe('classMetrics(predicted, truth, classes)', () => {
  // truth 0 0 0 1 1 2, predicted 0 0 1 1 2 2: class 0 has 3 examples, 2 found;
  // class 1 has 2, 1 found; class 2 has 1, found. Predicted counts 2, 2, 2.
  const m = classMetrics([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 2], 3);

  it('counts support, predictions and hits per class', () => {
    expect(Array.from(m.support)).toEqual([3, 2, 1]);
    expect(Array.from(m.predictedCount)).toEqual([2, 2, 2]);
    expect(Array.from(m.correct)).toEqual([2, 1, 1]);
  });

  it('recall = hits / true examples, precision = hits / predicted, per class', () => {
    expect(Array.from(m.recall)).toEqual([2 / 3, 1 / 2, 1]);
    expect(Array.from(m.precision)).toEqual([1, 1 / 2, 1 / 2]);
  });

  it('a class with no examples has NaN recall; a class never predicted has NaN precision', () => {
    const r = classMetrics([0, 0], [0, 1], 3);
    expect(Array.from(r.recall)).toEqual([1, 0, NaN]);
    expect(Array.from(r.precision)).toEqual([0.5, NaN, NaN]);
  });

  it('empty input gives zero counts and NaN everywhere', () => {
    const r = classMetrics([], [], 2);
    expect(Array.from(r.support)).toEqual([0, 0]);
    expect(Array.from(r.recall)).toEqual([NaN, NaN]);
  });

  it('a single example of a single class', () => {
    const r = classMetrics([0], [0], 1);
    expect(Array.from(r.recall)).toEqual([1]);
    expect(Array.from(r.precision)).toEqual([1]);
  });

  it('throws on mismatched lengths, labels outside 0…K−1 and a bad class count', () => {
    expect(() => classMetrics([0], [0, 1], 2)).toThrow(/1 predictions for 2 labels/);
    expect(() => classMetrics([0, 2], [0, 1], 2)).toThrow(/outside 0…1/);
    expect(() => classMetrics([0], [NaN], 2)).toThrow(/outside/);
    expect(() => classMetrics([], [], 0)).toThrow(/classes must be/);
  });
});

describe('macroRecall(metrics)', () => {
  it('is the mean of the per-class recalls, every class weighing the same', () => {
    expect(macroRecall(classMetrics([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 2], 3))).toBeCloseTo(
      (2 / 3 + 1 / 2 + 1) / 3,
      12,
    );
  });

  it('skips classes whose recall is undefined (NaN)', () => {
    expect(macroRecall({ recall: Float64Array.of(1, NaN, 0.5) })).toBe(0.75);
  });

  it('is NaN when no recall is defined', () => {
    expect(macroRecall({ recall: new Float64Array(0) })).toBeNaN();
    expect(macroRecall({ recall: Float64Array.of(NaN) })).toBeNaN();
  });

  it('equals accuracy when every class has the same number of examples', () => {
    const truth = [0, 0, 1, 1, 2, 2];
    const predicted = [0, 1, 1, 1, 0, 2];
    expect(macroRecall(classMetrics(predicted, truth, 3))).toBeCloseTo(4 / 6, 12);
  });
});
