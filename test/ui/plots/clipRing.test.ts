import { describe, expect, it } from 'vitest';
import { clipRing } from '../../../src/ui/plots/clipRing.ts';

describe('clipRing(ring, nx, ny)', () => {
  it('leaves a ring inside the window as it is, dropping the repeated closing point', () => {
    expect(
      clipRing(
        [
          [1, 1],
          [2, 1],
          [2, 2],
          [1, 1],
        ],
        4,
        3,
      ),
    ).toEqual([
      [1, 1],
      [2, 1],
      [2, 2],
    ]);
  });

  it('cuts a ring that sticks out to the window, with points exactly on its edges', () => {
    const square = [
      [-1, -1],
      [5, -1],
      [5, 4],
      [-1, 4],
    ] as const;
    expect(clipRing(square, 4, 3)).toEqual([
      [0, 3],
      [0, 0],
      [4, 0],
      [4, 3],
    ]);
    const diamond = clipRing(
      [
        [2, -1],
        [5, 1.5],
        [2, 4],
        [-1, 1.5],
      ],
      4,
      3,
    );
    for (const [x, y] of diamond) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(4);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(3);
    }
    expect(diamond.some(([x]) => x === 4)).toBe(true);
    expect(diamond.some(([, y]) => y === 0)).toBe(true);
  });

  it('returns nothing for a ring outside the window and for an empty ring', () => {
    expect(
      clipRing(
        [
          [5, 5],
          [6, 5],
          [6, 6],
        ],
        4,
        3,
      ),
    ).toEqual([]);
    expect(clipRing([], 4, 3)).toEqual([]);
  });
});
