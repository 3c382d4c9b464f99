import { describe, expect, it } from 'vitest';
import { disagreementMatrix, rankDisagreements } from '../../../src/engine/agreement/index.ts';

describe('rankDisagreements', () => {
  it('rankDisagreements(matrix, K) lists class pairs by disagreements, with both directions and shares', () => {
    // prettier-ignore
    const matrix = [
      5, 1, 0, 3,
      0, 5, 2, 0,
      0, 1, 5, 0,
      4, 0, 0, 5,
    ];
    expect(rankDisagreements(matrix, 4)).toEqual([
      { pair: [0, 3], count: 7, byDirection: [3, 4], share: 7 / 11 },
      { pair: [1, 2], count: 3, byDirection: [2, 1], share: 3 / 11 },
      { pair: [0, 1], count: 1, byDirection: [1, 0], share: 1 / 11 },
    ]);
  });

  it('rankDisagreements(matrix, K) breaks ties by the smaller classes first', () => {
    expect(rankDisagreements([0, 0, 1, 0, 0, 1, 0, 0, 0], 3).map((d) => d.pair)).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('rankDisagreements(diagonal matrix, K) is empty when the labelers always agree', () => {
    expect(rankDisagreements([4, 0, 0, 6], 2)).toEqual([]);
    expect(rankDisagreements([3], 1)).toEqual([]);
  });

  it('rankDisagreements(disagreementMatrix(a, b, K), K) reads the labelers’ confusions', () => {
    const a = [6, 6, 6, 0, 0, 1];
    const b = [0, 0, 4, 0, 6, 1];
    const [top] = rankDisagreements(disagreementMatrix(a, b, 7), 7);
    expect(top).toEqual({ pair: [0, 6], count: 3, byDirection: [1, 2], share: 0.75 });
  });

  it('rankDisagreements(matrix, K) throws a RangeError when the matrix is not K×K or has negative counts', () => {
    expect(() => rankDisagreements([1, 2, 3], 2)).toThrow(
      'rankDisagreements: a 2-class disagreement matrix has 4 entries, got 3',
    );
    expect(() => rankDisagreements([0, -1, 0, 0], 2)).toThrow(/counts must be ≥ 0/);
  });
});
