import { describe, expect, it } from 'vitest';
import { disagreementMatrix } from '../../../src/engine/agreement/index.ts';

describe('disagreementMatrix', () => {
  it('disagreementMatrix(a, b, K) counts items by (A’s class, B’s class), rows = A', () => {
    const matrix = disagreementMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 0, 2, 0], 3);
    expect(matrix).toBeInstanceOf(Int32Array);
    // prettier-ignore
    expect(Array.from(matrix)).toEqual([
      1, 1, 0,
      0, 1, 0,
      2, 0, 1,
    ]);
  });

  it('disagreementMatrix([], [], K) is K×K zeros', () => {
    expect(disagreementMatrix([], [], 2)).toEqual(new Int32Array(4));
  });

  it('disagreementMatrix([x], [y], K) for a single item has one count', () => {
    expect(Array.from(disagreementMatrix([1], [0], 2))).toEqual([0, 0, 1, 0]);
  });

  it('disagreementMatrix(a, b, K) throws a RangeError for a length mismatch or labels out of range', () => {
    expect(() => disagreementMatrix([0, 1], [0], 2)).toThrow(RangeError);
    expect(() => disagreementMatrix([0, 1], [0, 2], 2)).toThrow(
      /labeler B's label at item 1 is 2, outside the 2 classes/,
    );
    expect(() => disagreementMatrix([0], [0], 1.5)).toThrow(/classes must be a whole number/);
  });
});
