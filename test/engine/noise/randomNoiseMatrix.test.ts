import { describe, it, expect } from 'vitest';
import { createRandom } from '../../../src/engine/random.ts';
import {
  noiseMatrixTrace,
  randomNoiseMatrix,
  randomNoiseMatrixLayout,
  randomNoiseMatrixProblems,
  validateNoiseMatrix,
  type NoiseMatrix,
} from '../../../src/engine/noise/index.ts';

function offDiagonal(m: NoiseMatrix): number[] {
  const k = m.classes;
  return Array.from(m.values).filter((_, index) => Math.floor(index / k) !== index % k);
}

function zeroFraction(m: NoiseMatrix): number {
  const off = offDiagonal(m);
  return off.filter((v) => v === 0).length / off.length;
}

describe('randomNoiseMatrix', () => {
  it('randomNoiseMatrix({classes: 4, trace: 3, sparsity: 0.5, random: createRandom(1)}) returns a pinned matrix', () => {
    const m = randomNoiseMatrix({ classes: 4, trace: 3, sparsity: 0.5, random: createRandom(1) });
    expect(Array.from(m.values, (v) => Number(v.toFixed(4)))).toEqual([
      0.6365, 0, 0.1627, 0.2104, 0, 0.8271, 0, 0, 0.3635, 0, 0.7889, 0.0422, 0, 0.1729, 0.0484, 0.7475,
    ]);
  });

  it('randomNoiseMatrix(shape) has the requested trace within 1e-9, exact sparsity, and valid columns', () => {
    for (const classes of [2, 3, 5, 10]) {
      for (const sparsity of [0, 0.2, 0.5, 0.8]) {
        const { noisyColumns } = randomNoiseMatrixLayout({ classes, sparsity });
        if (noisyColumns === 0) continue; // K = 2, sparsity 0.8: both off-diagonal entries are zero (tested below)
        const lowest = Math.max(1, classes - noisyColumns);
        for (const trace of [lowest, (classes + lowest) / 2, classes - 0.01]) {
          for (let seed = 0; seed < 5; seed++) {
            const m = randomNoiseMatrix({ classes, trace, sparsity, random: createRandom(seed) });
            const where = `K ${classes}, trace ${trace}, sparsity ${sparsity}, seed ${seed}`;
            expect(() => validateNoiseMatrix(m), where).not.toThrow();
            expect(Math.abs(noiseMatrixTrace(m) - trace), where).toBeLessThan(1e-9);
            const off = classes * (classes - 1);
            expect(zeroFraction(m), where).toBe(Math.round(sparsity * off) / off);
          }
        }
      }
    }
  });

  it('randomNoiseMatrix({sparsity: 0}) makes every off-diagonal entry strictly positive', () => {
    const m = randomNoiseMatrix({ classes: 10, trace: 8, sparsity: 0, random: createRandom(2) });
    expect(offDiagonal(m).every((v) => v > 0)).toBe(true);
  });

  it('randomNoiseMatrix(high sparsity) leaves the columns that cannot carry noise as identity columns', () => {
    // K = 4: 12 off-diagonal entries, sparsity 0.9 → 11 zeros, 1 non-zero: one noisy column holding all K − trace.
    const m = randomNoiseMatrix({ classes: 4, trace: 3.4, sparsity: 0.9, random: createRandom(5) });
    const diagonal = [0, 1, 2, 3].map((j) => m.values[j * 4 + j]!);
    expect(diagonal.filter((d) => d === 1).length).toBe(3);
    expect(diagonal.find((d) => d !== 1)).toBeCloseTo(0.4, 12);
    expect(offDiagonal(m).filter((v) => v > 0).length).toBe(1);
  });

  it('randomNoiseMatrix({trace: 1}) is allowed, and {trace: K, sparsity: 1} is the identity', () => {
    const low = randomNoiseMatrix({ classes: 3, trace: 1, sparsity: 0, random: createRandom(0) });
    expect(noiseMatrixTrace(low)).toBeCloseTo(1, 12);
    const none = randomNoiseMatrix({ classes: 3, trace: 3, sparsity: 1, random: createRandom(0) });
    expect(Array.from(none.values)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('randomNoiseMatrix({classes: 2}) moves 2 − trace between the two columns', () => {
    const m = randomNoiseMatrix({ classes: 2, trace: 1.5, sparsity: 0, random: createRandom(9) });
    validateNoiseMatrix(m);
    expect(m.values[0]! + m.values[3]!).toBeCloseTo(1.5, 12);
    expect(m.values[1]).toBeGreaterThan(0);
    expect(m.values[2]).toBeGreaterThan(0);
  });

  it('randomNoiseMatrix(shape) is deterministic for a seed and varies with it', () => {
    const draw = (seed: number) =>
      Array.from(randomNoiseMatrix({ classes: 5, trace: 3.5, sparsity: 0.3, random: createRandom(seed) }).values);
    expect(draw(4)).toEqual(draw(4));
    expect(draw(5)).not.toEqual(draw(4));
  });

  it('randomNoiseMatrix(shape) spreads the noise: over seeds each diagonal entry averages trace / K', () => {
    const sums = new Array<number>(4).fill(0);
    const draws = 2000;
    for (let seed = 0; seed < draws; seed++) {
      const m = randomNoiseMatrix({ classes: 4, trace: 2.8, sparsity: 0.5, random: createRandom(seed) });
      for (let j = 0; j < 4; j++) sums[j]! += m.values[j * 4 + j]!;
    }
    for (const sum of sums) expect(Math.abs(sum / draws - 0.7)).toBeLessThan(0.02);
  });

  it('randomNoiseMatrix(infeasible shape) throws a RangeError with the problems', () => {
    expect(() => randomNoiseMatrix({ classes: 3, trace: 0.5, sparsity: 0, random: createRandom(0) })).toThrow(
      'trace: use a trace from 1 to 3 (K = 3 classes), got 0.5',
    );
  });
});

describe('randomNoiseMatrixProblems', () => {
  it('randomNoiseMatrixProblems(feasible shape) is empty', () => {
    expect(randomNoiseMatrixProblems({ classes: 10, trace: 7, sparsity: 0.4 })).toEqual([]);
  });

  it('randomNoiseMatrixProblems names a trace or sparsity out of range', () => {
    expect(randomNoiseMatrixProblems({ classes: 10, trace: 11, sparsity: -0.1 })).toEqual([
      'sparsity: use a fraction from 0 to 1, got -0.1',
      'trace: use a trace from 1 to 10 (K = 10 classes), got 11',
    ]);
    expect(randomNoiseMatrixProblems({ classes: 1, trace: 1, sparsity: 0 })).toEqual([
      'classes: a noise matrix needs at least 2 classes, got 1',
    ]);
  });

  it('randomNoiseMatrixProblems explains trace K with non-zero confusions, and sparsity 1 below trace K', () => {
    expect(randomNoiseMatrixProblems({ classes: 4, trace: 4, sparsity: 0.5 })).toEqual([
      'trace: trace 4 means no noise, so no off-diagonal entry can be non-zero; use a trace below 4 or sparsity 1',
    ]);
    expect(randomNoiseMatrixProblems({ classes: 4, trace: 3, sparsity: 1 })).toEqual([
      'trace: sparsity 1 leaves no off-diagonal entry, so the trace is 4; lower the sparsity',
    ]);
  });

  it('randomNoiseMatrixProblems asks for a higher trace when too few columns can carry noise', () => {
    // K = 4, sparsity 0.9: 1 non-zero entry, so only 1 column carries noise and trace ≥ 3.
    expect(randomNoiseMatrixProblems({ classes: 4, trace: 2.5, sparsity: 0.9 })).toEqual([
      'trace: with sparsity 0.9 only 1 of 4 columns carry noise, so the trace is at least 3; raise the trace or lower the sparsity',
    ]);
    expect(randomNoiseMatrixProblems({ classes: 4, trace: 3, sparsity: 0.9 })).toEqual([]);
  });
});

describe('randomNoiseMatrixLayout', () => {
  it('randomNoiseMatrixLayout counts non-zero entries (zeros = round(sparsity · K(K − 1))) and noisy columns', () => {
    expect(randomNoiseMatrixLayout({ classes: 10, sparsity: 0 })).toEqual({ nonZero: 90, noisyColumns: 10 });
    expect(randomNoiseMatrixLayout({ classes: 10, sparsity: 0.95 })).toEqual({ nonZero: 4, noisyColumns: 4 });
    expect(randomNoiseMatrixLayout({ classes: 2, sparsity: 0.25 })).toEqual({ nonZero: 1, noisyColumns: 1 });
  });
});
