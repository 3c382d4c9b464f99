import { describe, it, expect } from 'vitest';
import { relabelSuspected } from '../../../src/engine/worth/relabelSuspected.ts';

describe('relabelSuspected', () => {
  it('relabelSuspected(given, suspected, suggested) replaces only the suspected labels', () => {
    const given = Int32Array.of(0, 1, 2, 1);
    const out = relabelSuspected(given, [3, 0], [2, 2, 2, 0]);
    expect(Array.from(out)).toEqual([2, 1, 2, 0]);
    expect(Array.from(given)).toEqual([0, 1, 2, 1]);
  });

  it('relabelSuspected(…) with nothing suspected, or no examples, copies the labels', () => {
    expect(Array.from(relabelSuspected(Int32Array.of(1, 0), [], [0, 1]))).toEqual([1, 0]);
    expect(relabelSuspected(new Int32Array(0), [], [])).toHaveLength(0);
  });

  it('relabelSuspected(…) throws a RangeError on positions out of range or NaN, or mismatched lengths', () => {
    expect(() => relabelSuspected(Int32Array.of(0, 1), [2], [0, 1])).toThrow(RangeError);
    expect(() => relabelSuspected(Int32Array.of(0, 1), [NaN], [0, 1])).toThrow(RangeError);
    expect(() => relabelSuspected(Int32Array.of(0, 1), [0], [0])).toThrow(RangeError);
  });
});
