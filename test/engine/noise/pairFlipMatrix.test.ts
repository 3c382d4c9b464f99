import { describe, it, expect } from 'vitest';
import {
  directedPairs,
  noiseEntry,
  pairFlipMatrix,
  pairFlipProblems,
  validateNoiseMatrix,
} from '../../../src/engine/noise/index.ts';

describe('pairFlipMatrix', () => {
  it('pairFlipMatrix({classes: 10, pairs: [[1, 7], [3, 8]], rate: 0.3}) sends true 1 → 7 and true 3 → 8 with probability 0.3', () => {
    const m = pairFlipMatrix({
      classes: 10,
      pairs: [
        [1, 7],
        [3, 8],
      ],
      rate: 0.3,
    });
    validateNoiseMatrix(m);
    expect(noiseEntry(m, 7, 1)).toBe(0.3);
    expect(noiseEntry(m, 1, 1)).toBe(0.7);
    expect(noiseEntry(m, 8, 3)).toBe(0.3);
    expect(noiseEntry(m, 3, 3)).toBe(0.7);
    // Not symmetric: 7 and 8 keep their labels, and every other column is an identity column.
    expect(noiseEntry(m, 1, 7)).toBe(0);
    expect(noiseEntry(m, 7, 7)).toBe(1);
    const offDiagonal = Array.from(m.values).filter((v, index) => v !== 0 && index % 11 !== 0);
    expect(offDiagonal).toEqual([0.3, 0.3]);
  });

  it('pairFlipMatrix({symmetric: true}) also flips to → from at the same rate', () => {
    const m = pairFlipMatrix({ classes: 3, pairs: [[0, 2]], rate: 0.25, symmetric: true });
    expect(Array.from(m.values)).toEqual([0.75, 0, 0.25, 0, 1, 0, 0.25, 0, 0.75]);
  });

  it('pairFlipMatrix(a class flipped two ways) splits its mass, down to a zero diagonal', () => {
    const m = pairFlipMatrix({
      classes: 3,
      pairs: [
        [0, 1],
        [0, 2],
      ],
      rate: 0.5,
    });
    expect(Array.from(m.values)).toEqual([0, 0, 0, 0.5, 1, 0, 0.5, 0, 1]);
    const third = pairFlipMatrix({
      classes: 4,
      pairs: [
        [0, 1],
        [0, 2],
        [0, 3],
      ],
      rate: 1 / 3,
    });
    expect(() => validateNoiseMatrix(third)).not.toThrow();
    expect(noiseEntry(third, 0, 0)).toBeGreaterThanOrEqual(0);
  });

  it('pairFlipMatrix({rate: 0}) is the identity; {rate: 1} moves the whole column', () => {
    expect(Array.from(pairFlipMatrix({ classes: 2, pairs: [[0, 1]], rate: 0 }).values)).toEqual([1, 0, 0, 1]);
    expect(Array.from(pairFlipMatrix({ classes: 2, pairs: [[0, 1]], rate: 1 }).values)).toEqual([0, 0, 1, 1]);
  });

  it('pairFlipMatrix(invalid options) throws a RangeError listing every problem', () => {
    expect(() => pairFlipMatrix({ classes: 3, pairs: [[0, 5]], rate: 1.5 })).toThrow(
      'rate: use a fraction from 0 to 1, got 1.5; pairs: 0→5 names a class outside 0…2',
    );
  });
});

describe('pairFlipProblems', () => {
  it('pairFlipProblems(valid options) is empty', () => {
    expect(
      pairFlipProblems({
        classes: 10,
        pairs: [
          [1, 7],
          [3, 8],
        ],
        rate: 0.3,
      }),
    ).toEqual([]);
  });

  it('pairFlipProblems names self-flips, repeats, missing pairs and overfull classes', () => {
    expect(pairFlipProblems({ classes: 3, pairs: [[1, 1]], rate: 0.1 })).toEqual([
      'pairs: 1→1 flips a class to itself; name two different classes',
    ]);
    expect(
      pairFlipProblems({
        classes: 3,
        pairs: [
          [0, 1],
          [0, 1],
        ],
        rate: 0.1,
      }),
    ).toEqual(['pairs: 0→1 is listed twice']);
    expect(
      pairFlipProblems({
        classes: 3,
        pairs: [
          [0, 1],
          [1, 0],
        ],
        rate: 0.1,
        symmetric: true,
      }),
    ).toEqual([
      'pairs: 1→0 is listed twice (symmetric pairs include their reverse)',
      'pairs: 0→1 is listed twice (symmetric pairs include their reverse)',
    ]);
    expect(pairFlipProblems({ classes: 3, pairs: [], rate: 0.1 })).toEqual([
      'pairs: name at least one pair of classes, e.g. 1→7',
    ]);
    expect(
      pairFlipProblems({
        classes: 3,
        pairs: [
          [0, 1],
          [0, 2],
        ],
        rate: 0.6,
      }),
    ).toEqual([
      'pairs: class 0 is flipped to 2 classes at 0.6 each, more than all its items; lower the rate to at most 0.5',
    ]);
    expect(pairFlipProblems({ classes: 1, pairs: [[0, 0]], rate: 0.1 })[0]).toBe(
      'classes: pair flips need at least 2 classes, got 1',
    );
    expect(pairFlipProblems({ classes: 3, pairs: [[0.5, 1]], rate: NaN })).toEqual([
      'rate: use a fraction from 0 to 1, got NaN',
      'pairs: 0.5→1 names a class outside 0…2',
    ]);
  });
});

describe('directedPairs', () => {
  it('directedPairs(pairs, true) adds each reverse after its pair; directedPairs(pairs) copies them', () => {
    expect(
      directedPairs(
        [
          [1, 7],
          [3, 8],
        ],
        true,
      ),
    ).toEqual([
      [1, 7],
      [7, 1],
      [3, 8],
      [8, 3],
    ]);
    expect(directedPairs([[1, 7]])).toEqual([[1, 7]]);
  });
});
