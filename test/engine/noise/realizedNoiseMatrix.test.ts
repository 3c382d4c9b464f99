import { describe, it, expect } from 'vitest';
import { realizedNoiseMatrix, validateNoiseMatrix } from '../../../src/engine/noise/index.ts';

describe('realizedNoiseMatrix', () => {
  it('realizedNoiseMatrix(true, given, K) divides each count by its true-class count', () => {
    const truth = [0, 0, 0, 0, 1, 1, 2, 2];
    const given = [0, 0, 0, 1, 1, 2, 2, 2];
    const m = realizedNoiseMatrix(truth, given, 3);
    // counts[i][j]: given i, true j.
    expect(Array.from(m.counts)).toEqual([3, 0, 0, 1, 1, 0, 0, 1, 2]);
    expect(Array.from(m.support)).toEqual([4, 2, 2]);
    expect(Array.from(m.values)).toEqual([0.75, 0, 0, 0.25, 0.5, 0, 0, 0.5, 1]);
    expect(m.emptyClasses).toEqual([]);
    expect(() => validateNoiseMatrix(m)).not.toThrow();
  });

  it('realizedNoiseMatrix(labels with an absent class) gives that class an identity column and lists it', () => {
    const m = realizedNoiseMatrix([0, 0, 2], [2, 0, 2], 3);
    expect(m.emptyClasses).toEqual([1]);
    expect(Array.from(m.values)).toEqual([0.5, 0, 0, 0, 1, 0, 0.5, 0, 1]);
    expect(m.support[1]).toBe(0);
  });

  it('realizedNoiseMatrix([], [], K) is the identity with every class empty', () => {
    const m = realizedNoiseMatrix([], [], 2);
    expect(Array.from(m.values)).toEqual([1, 0, 0, 1]);
    expect(m.emptyClasses).toEqual([0, 1]);
  });

  it('realizedNoiseMatrix([c], [d], K) is a single count', () => {
    const m = realizedNoiseMatrix([1], [0], 2);
    expect(Array.from(m.counts)).toEqual([0, 1, 0, 0]);
    expect(Array.from(m.values)).toEqual([1, 1, 0, 0]);
    expect(m.emptyClasses).toEqual([0]);
  });

  it('realizedNoiseMatrix accepts typed arrays', () => {
    const m = realizedNoiseMatrix(Int32Array.from([0, 1]), Int32Array.from([1, 1]), 2);
    expect(Array.from(m.values)).toEqual([0, 0, 1, 1]);
  });

  it('realizedNoiseMatrix throws a RangeError for labels outside [0, K), mismatched lengths or bad K', () => {
    expect(() => realizedNoiseMatrix([0, 3], [0, 0], 3)).toThrow('true label 3 at 1 is outside [0, 3)');
    expect(() => realizedNoiseMatrix([0, 1], [0, -1], 3)).toThrow('given label -1 at 1 is outside [0, 3)');
    expect(() => realizedNoiseMatrix([0.5], [0], 3)).toThrow(RangeError);
    expect(() => realizedNoiseMatrix([0, 1], [0], 3)).toThrow('realizedNoiseMatrix: 2 true labels but 1 given labels');
    expect(() => realizedNoiseMatrix([], [], 0)).toThrow(RangeError);
  });
});
