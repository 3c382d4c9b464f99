import { describe, expect, it } from 'vitest';
import { solveDistribution, solveLinear } from '../../../src/engine/worth/solveLinear.ts';
import { createRandom } from '../../../src/engine/random.ts';

function multiply(a: ArrayLike<number>, x: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: k }, (_, i) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += a[i * k + j]! * x[j]!;
    return s;
  });
}

/** The K×K uniform noise matrix at rate r: 1 − r on the diagonal, r/(K − 1) elsewhere. */
function uniformMatrix(k: number, r: number): Float64Array {
  return Float64Array.from({ length: k * k }, (_, c) => (Math.floor(c / k) === c % k ? 1 - r : r / (k - 1)));
}

describe('solveLinear', () => {
  it('solveLinear(a, b, 2) solves a known 2×2 system', () => {
    // 2x + y = 5, x + 3y = 10 → x = 1, y = 3.
    const x = solveLinear([2, 1, 1, 3], [5, 10], 2);
    expect(x).toBeInstanceOf(Float64Array);
    expect(x![0]).toBeCloseTo(1, 12);
    expect(x![1]).toBeCloseTo(3, 12);
  });

  it('solveLinear(a, b, 3) solves a system whose first pivot is 0 (needs row exchange)', () => {
    // y + z = 5, x + z = 4, x + y = 3 → x = 1, y = 2, z = 3.
    const x = solveLinear([0, 1, 1, 1, 0, 1, 1, 1, 0], [5, 4, 3], 3);
    expect(Array.from(x!, (v) => Number(v.toFixed(12)))).toEqual([1, 2, 3]);
  });

  it('solveLinear(identity, b, k) is b and solveLinear([a], [b], 1) is b / a', () => {
    expect(Array.from(solveLinear([1, 0, 0, 0, 1, 0, 0, 0, 1], [0.2, -4, 7], 3)!)).toEqual([0.2, -4, 7]);
    expect(Array.from(solveLinear([4], [2], 1)!)).toEqual([0.5]);
  });

  it('solveLinear([], [], 0) is an empty solution', () => {
    expect(solveLinear([], [], 0)).toHaveLength(0);
  });

  it('solveLinear(a, b, k) does not modify a or b', () => {
    const a = Float64Array.of(0, 1, 1, 0);
    const b = Float64Array.of(2, 3);
    solveLinear(a, b, 2);
    expect(Array.from(a)).toEqual([0, 1, 1, 0]);
    expect(Array.from(b)).toEqual([2, 3]);
  });

  it('solveLinear(random well-conditioned a, b, k) satisfies a·x = b to 1e-10', () => {
    const random = createRandom(3);
    for (const k of [1, 2, 3, 5, 8, 12]) {
      for (let trial = 0; trial < 10; trial++) {
        const a = Float64Array.from({ length: k * k }, (_, c) =>
          Math.floor(c / k) === c % k ? k + random() : random() * 2 - 1,
        );
        const b = Float64Array.from({ length: k }, () => random() * 10 - 5);
        const x = solveLinear(a, b, k);
        expect(x).not.toBeNull();
        multiply(a, x!, k).forEach((v, i) => expect(v, `k ${k} trial ${trial}`).toBeCloseTo(b[i]!, 10));
      }
    }
  });

  it('solveLinear(singular a, b, k) is null', () => {
    // Second row twice the first.
    expect(solveLinear([1, 2, 2, 4], [1, 2], 2)).toBeNull();
    expect(solveLinear([0, 0, 0, 0], [1, 1], 2)).toBeNull();
    expect(solveLinear([0], [1], 1)).toBeNull();
    // The uniform noise matrix at r = (K − 1)/K has every entry 1/K: rank 1.
    expect(solveLinear(uniformMatrix(3, 2 / 3), [1, 0, 0], 3)).toBeNull();
  });

  it('solveLinear(a with a pivot below 1e-12, b, k) is null, and a pivot just above it is used', () => {
    expect(solveLinear([1e-13, 0, 0, 1], [1, 1], 2)).toBeNull();
    const x = solveLinear([1e-11, 0, 0, 1], [1e-11, 1], 2);
    expect(x).not.toBeNull();
    expect(x![0]).toBeCloseTo(1, 9);
  });

  it('solveLinear(…) throws a RangeError naming the expected shape', () => {
    expect(() => solveLinear([1, 2, 3], [1, 2], 2)).toThrow(new RangeError('matrix must be 2×2, got 3 numbers'));
    expect(() => solveLinear([1, 0, 0, 1], [1, 2, 3], 2)).toThrow(
      new RangeError('right-hand side must have 2 numbers, got 3'),
    );
  });
});

describe('solveDistribution', () => {
  it('solveDistribution(T, T·π, k) recovers the distribution π', () => {
    const t = uniformMatrix(3, 0.3);
    const pi = [0.5, 0.3, 0.2];
    const x = solveDistribution(t, multiply(t, pi, 3), 3);
    expect(x).toBeInstanceOf(Float64Array);
    x.forEach((v, i) => expect(v).toBeCloseTo(pi[i]!, 12));
  });

  it('solveDistribution(a, b, k) clips negative components to 0 and rescales to sum 1', () => {
    // The exact solution is [1, 3, -1]: clipped to [1, 3, 0], scaled to [0.25, 0.75, 0].
    const a = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    expect(Array.from(solveDistribution(a, [1, 3, -1], 3))).toEqual([0.25, 0.75, 0]);
    // 2x + y = 5, x + 3y = 10 → [1, 3] → [0.25, 0.75].
    const x = solveDistribution([2, 1, 1, 3], [5, 10], 2);
    expect(x[0]).toBeCloseTo(0.25, 12);
    expect(x[1]).toBeCloseTo(0.75, 12);
  });

  it('solveDistribution(singular a, b, k) is b, clipped and normalised', () => {
    expect(Array.from(solveDistribution([1, 2, 2, 4], [1, 3], 2))).toEqual([0.25, 0.75]);
    expect(Array.from(solveDistribution(uniformMatrix(3, 2 / 3), [0.5, -1, 1.5], 3))).toEqual([0.25, 0, 0.75]);
  });

  it('solveDistribution(a, b, k) is uniform when no component of the solution is positive', () => {
    expect(Array.from(solveDistribution([1, 0, 0, 1], [-1, -2], 2))).toEqual([0.5, 0.5]);
    expect(Array.from(solveDistribution([1, 0, 0, 0, 1, 0, 0, 0, 1], [0, 0, 0], 3))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    // Singular and b all zero.
    expect(Array.from(solveDistribution([0, 0, 0, 0], [0, 0], 2))).toEqual([0.5, 0.5]);
  });

  it('solveDistribution(…) always returns k non-negative numbers summing to 1', () => {
    const random = createRandom(8);
    for (let trial = 0; trial < 50; trial++) {
      const k = 2 + (trial % 5);
      const a = Float64Array.from({ length: k * k }, () => random() * 2 - 0.5);
      const b = Float64Array.from({ length: k }, () => random() * 2 - 1);
      const x = solveDistribution(a, b, k);
      expect(x).toHaveLength(k);
      expect(Array.from(x).every((v) => v >= 0)).toBe(true);
      expect(x.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    }
  });

  it('solveDistribution(…) throws the shape errors of solveLinear', () => {
    expect(() => solveDistribution([1, 0, 0], [1, 1], 2)).toThrow(/matrix must be 2×2, got 3 numbers/);
    expect(() => solveDistribution([1, 0, 0, 1], [1], 2)).toThrow(/right-hand side must have 2 numbers, got 1/);
  });
});
