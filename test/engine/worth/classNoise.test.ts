import { describe, expect, it } from 'vitest';
import { CLASS_CONDITIONAL_P, classNoise, predictedClass } from '../../../src/engine/worth/classNoise.ts';
import { createRandom, shuffle, type Random } from '../../../src/engine/random.ts';

/**
 * `(N, K)` probabilities for true labels `truth`: with chance `sureShare` a row
 * is predicted right with confidence in [0.8, 0.99), otherwise as the next
 * class with confidence in [0.45, 0.6) — wrong and unsure.
 */
function syntheticProbs(truth: Int32Array, k: number, sureShare: number, random: Random): Float64Array {
  const n = truth.length;
  const probs = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const y = truth[i]!;
    const sure = random() < sureShare;
    const top = sure ? y : (y + 1) % k;
    const c = sure ? 0.8 + 0.19 * random() : 0.45 + 0.15 * random();
    for (let j = 0; j < k; j++) probs[i * k + j] = j === top ? c : (1 - c) / (k - 1);
  }
  return probs;
}

/** Labels where exactly round(flips[j][i]·n_j) rows of true class j, drawn at random, are given class i. */
function flipByClass(truth: Int32Array, k: number, flips: readonly (readonly number[])[], random: Random): Int32Array {
  const given = Int32Array.from(truth);
  for (let j = 0; j < k; j++) {
    const members = shuffle(random, Int32Array.from(Array.from(truth.keys()).filter((i) => truth[i] === j)));
    let at = 0;
    for (let i = 0; i < k; i++) {
      if (i === j) continue;
      const count = Math.round(flips[j]![i]! * members.length);
      for (let c = 0; c < count; c++) given[members[at++]!] = i;
    }
  }
  return given;
}

function columnSums(matrix: Float64Array, k: number): number[] {
  return Array.from({ length: k }, (_, j) => {
    let s = 0;
    for (let i = 0; i < k; i++) s += matrix[i * k + j]!;
    return s;
  });
}

const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((s, v) => s + v, 0);

function table(n: number, flips: readonly (readonly number[])[], seed: number) {
  const random = createRandom(seed);
  const truth = Int32Array.from({ length: n }, (_, i) => i % 3);
  const probs = syntheticProbs(truth, 3, 0.6, random);
  const given = flipByClass(truth, 3, flips, random);
  return { truth, probs, given };
}

/** Class 0 flips 30% to class 1, class 1 flips 5% to class 2, class 2 keeps its labels. */
const CLASS_FLIPS = [
  [0, 0.3, 0],
  [0, 0, 0.05],
  [0, 0, 0],
];
/** Every class flips 10%, half to each other class. */
const UNIFORM_FLIPS = [
  [0, 0.05, 0.05],
  [0.05, 0, 0.05],
  [0.05, 0.05, 0],
];

describe('predictedClass', () => {
  it('predictedClass(probs, i, k, given) is the argmax when the given label is clearly below it', () => {
    expect(predictedClass([0.6, 0.4], 0, 2, 1)).toBe(0);
    expect(predictedClass([0.2, 0.3, 0.5, 0.7, 0.2, 0.1], 1, 3, 2)).toBe(0);
    expect(predictedClass([0.2, 0.3, 0.5], 0, 3, 0)).toBe(2);
  });

  it('predictedClass(…) favours the given label on a tie or within 1e-6 of the top (cleanlab)', () => {
    expect(predictedClass([0.5, 0.5], 0, 2, 1)).toBe(1);
    expect(predictedClass([0.5, 0.5], 0, 2, 0)).toBe(0);
    expect(predictedClass([0.5000004, 0.4999996], 0, 2, 1)).toBe(1);
    expect(predictedClass([0.4999996, 0.5000004], 0, 2, 0)).toBe(0);
    expect(predictedClass([0.50001, 0.49999], 0, 2, 1)).toBe(0);
    expect(predictedClass([0.3, 0.35, 0.35], 0, 3, 2)).toBe(2);
    expect(predictedClass([0.3, 0.35, 0.35], 0, 3, 0)).toBe(1);
  });
});

describe('classNoise', () => {
  it('classNoise(given, probs, 3, {fraction: 1}) reads the flip rate and the destinations from the rows predicted as each class', () => {
    // Ten rows all predicted 0: 7 given 0, 2 given 1, 1 given 2. Classes 1 and 2 are never predicted.
    const given = [0, 1, 0, 0, 2, 0, 0, 1, 0, 0];
    const probs = Float64Array.from(given.flatMap((_, i) => [0.9 - 0.01 * i, 0.05 + 0.005 * i, 0.05 + 0.005 * i]));
    const result = classNoise(given, probs, 3, { fraction: 1 });
    expect(Array.from(result.flipRates)).toEqual([0.3, 0, 0]);
    expect(Array.from(result.anchorRows)).toEqual([10, 0, 0]);
    // Destinations: half a row each to start, then 2 to class 1 and 1 to class 2: 2.5 : 1.5.
    const expected = [0.7, 0, 0, (0.3 * 2.5) / 4, 1, 0, (0.3 * 1.5) / 4, 0, 1];
    result.matrix.forEach((v, c) => expect(v, `entry ${c}`).toBeCloseTo(expected[c]!, 15));
    // T·π = [0.7, 0.2, 0.1] solves to π = [1, 0.0125, −0.0125]: clipped and rescaled.
    const priors = [1 / 1.0125, 0.0125 / 1.0125, 0];
    result.priors.forEach((v, j) => expect(v).toBeCloseTo(priors[j]!, 12));
    expect(result.rate).toBeCloseTo(0.3 / 1.0125, 12);
    // One class with anchor rows: nothing to compare.
    expect(result.test).toEqual({ statistic: 0, dof: 0, pValue: 1 });
    expect(result.classConditional).toBe(false);
  });

  it('classNoise(…) gives a class no row predicts a flip rate of 0 and an identity column', () => {
    const given = [0, 0, 1, 1];
    const probs = [0.9, 0.1, 0, 0.8, 0.2, 0, 0.3, 0.7, 0, 0.2, 0.8, 0];
    const result = classNoise(given, probs, 3);
    expect(result.flipRates[2]).toBe(0);
    expect(result.anchorRows[2]).toBe(0);
    expect([result.matrix[2], result.matrix[5], result.matrix[8]]).toEqual([0, 0, 1]);
  });

  it('classNoise(…) recovers class-conditional flip rates (30%, 5%, 0%) within 0.02 for N = 30000', () => {
    for (let seed = 0; seed < 3; seed++) {
      const { given, probs } = table(30000, CLASS_FLIPS, seed);
      const result = classNoise(given, probs, 3);
      const where = `seed ${seed}`;
      expect(Math.abs(result.flipRates[0]! - 0.3), where).toBeLessThan(0.02);
      expect(Math.abs(result.flipRates[1]! - 0.05), where).toBeLessThan(0.02);
      expect(result.flipRates[2], where).toBe(0);
      // Anchor rows: the surest 30% of the ~10000 rows predicted as each class.
      for (const m of result.anchorRows) expect(Math.abs(m - 3000), where).toBeLessThan(150);
      // Class 0's wrong labels go to class 1, class 1's to class 2.
      expect(result.matrix[1 * 3 + 0]!, where).toBeGreaterThan(0.99 * result.flipRates[0]!);
      expect(result.matrix[2 * 3 + 1]!, where).toBeGreaterThan(0.95 * result.flipRates[1]!);
      expect(result.matrix[2 * 3 + 0]!, where).toBeLessThan(0.001);
      // True classes are a third each; the implied overall rate is (0.3 + 0.05 + 0)/3.
      result.priors.forEach((p) => expect(Math.abs(p - 1 / 3), where).toBeLessThan(0.02));
      expect(Math.abs(result.rate - 0.35 / 3), where).toBeLessThan(0.01);
      expect(result.test.dof).toBe(2);
      expect(result.test.pValue, where).toBeLessThan(CLASS_CONDITIONAL_P);
      expect(result.classConditional, where).toBe(true);
    }
  });

  it('classNoise(…) finds class-conditional noise on a smaller table too (N = 6000)', () => {
    for (let seed = 0; seed < 3; seed++) {
      const { given, probs } = table(6000, CLASS_FLIPS, seed);
      const result = classNoise(given, probs, 3);
      expect(result.classConditional, `seed ${seed}`).toBe(true);
      expect(result.flipRates[0]!).toBeGreaterThan(result.flipRates[1]!);
      expect(result.flipRates[1]!).toBeGreaterThan(result.flipRates[2]!);
    }
  });

  it('classNoise(…) matrix columns sum to 1 and priors are a distribution', () => {
    for (const flips of [CLASS_FLIPS, UNIFORM_FLIPS]) {
      for (let seed = 0; seed < 3; seed++) {
        const { given, probs } = table(3000, flips, seed);
        const result = classNoise(given, probs, 3);
        for (const s of columnSums(result.matrix, 3)) expect(s).toBeCloseTo(1, 12);
        expect(Array.from(result.matrix).every((v) => v >= 0 && v <= 1)).toBe(true);
        expect(sum(result.priors)).toBeCloseTo(1, 12);
        expect(Array.from(result.priors).every((v) => v >= 0)).toBe(true);
        let rate = 0;
        for (let j = 0; j < 3; j++) rate += result.priors[j]! * result.flipRates[j]!;
        expect(result.rate).toBeCloseTo(rate, 15);
      }
    }
  });

  it('classNoise(…) with uniform flips finds rates near 10% for each class and is not class-conditional', () => {
    for (let seed = 0; seed < 5; seed++) {
      const { given, probs } = table(30000, UNIFORM_FLIPS, seed);
      const result = classNoise(given, probs, 3);
      const where = `seed ${seed}`;
      for (const r of result.flipRates) expect(Math.abs(r - 0.1), where).toBeLessThan(0.02);
      // Off-diagonal entries about 0.05 each.
      result.matrix.forEach((v, c) => {
        if (Math.floor(c / 3) !== c % 3) expect(Math.abs(v - 0.05), `${where}, entry ${c}`).toBeLessThan(0.015);
      });
      expect(result.test.pValue, where).toBeGreaterThan(0.01);
      expect(result.classConditional, where).toBe(false);
    }
  });

  it('classNoise(…, {alpha}) decides class-conditional by pValue < alpha', () => {
    const { given, probs } = table(3000, UNIFORM_FLIPS, 1);
    const strict = classNoise(given, probs, 3);
    expect(strict.classConditional).toBe(false);
    const loose = classNoise(given, probs, 3, { alpha: 1 });
    expect(loose.test.pValue).toBeLessThan(1);
    expect(loose.classConditional).toBe(true);
  });

  it('classNoise(…, {fraction}) anchors on that share of each class', () => {
    const { given, probs } = table(3000, CLASS_FLIPS, 2);
    const result = classNoise(given, probs, 3, { fraction: 0.1 });
    for (const m of result.anchorRows) expect(Math.abs(m - 100)).toBeLessThan(15);
    expect(() => classNoise(given, probs, 3, { fraction: 0 })).toThrow(/plateau fraction/);
  });

  it('classNoise([], [], k) flips nothing, with uniform priors', () => {
    const result = classNoise([], [], 3);
    expect(Array.from(result.flipRates)).toEqual([0, 0, 0]);
    expect(Array.from(result.anchorRows)).toEqual([0, 0, 0]);
    expect(Array.from(result.matrix)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    result.priors.forEach((p) => expect(p).toBeCloseTo(1 / 3, 15));
    expect(result.rate).toBe(0);
    expect(result.test.pValue).toBe(1);
    expect(result.classConditional).toBe(false);
  });

  it('classNoise(one row, …) is its row: no flips when the model predicts the given label', () => {
    const result = classNoise([1], [0.1, 0.9], 2);
    expect(Array.from(result.flipRates)).toEqual([0, 0]);
    expect(Array.from(result.anchorRows)).toEqual([0, 1]);
    expect(Array.from(result.priors)).toEqual([0, 1]);
  });

  it('classNoise(…) throws a RangeError on a wrong shape, a label outside [0, K) or fewer than 2 classes', () => {
    expect(() => classNoise([0, 1], [0.5, 0.5, 0.5], 2)).toThrow(/\(N, K\) = \(2, 2\)/);
    expect(() => classNoise([0, -1], [0.5, 0.5, 0.5, 0.5], 2)).toThrow(/label -1 of example 1/);
    expect(() => classNoise([0], [1], 1)).toThrow(/at least 2 classes/);
  });
});
