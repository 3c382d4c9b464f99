import { describe, it, expect } from 'vitest';
import { injectUniformNoise } from '../../../src/engine/noise/index.ts';
import { createRandom } from '../../../src/engine/random.ts';
import {
  ANCHOR_FRACTION,
  anchorRowCount,
  anchoredNoiseRate,
  blendNoiseRates,
  confidenceOrder,
} from '../../../src/engine/worth/anchoredNoiseRate.ts';
import { blendedNoiseRate, estimateNoiseRate } from '../../../src/engine/worth/noiseRateInterval.ts';

/**
 * N examples, K classes, exactly round(rate·N) labels flipped uniformly, and
 * out-of-fold-like probabilities. A share `hard` of the rows is ambiguous:
 * the model puts 0.75 on its predicted class there — confident, but that
 * prediction is the true class only with chance `hardAccuracy` (classes that
 * overlap, as a linear model sees them); everywhere else it puts 0.9–1.0 on
 * the true class.
 */
function overlapping(
  seed: number,
  n: number,
  k: number,
  rate: number,
  hard: number,
  hardAccuracy: number,
): { given: Int32Array; truth: Int32Array; probs: Float64Array } {
  const random = createRandom(seed, 1);
  const truth = Int32Array.from({ length: n }, (_, i) => i % k);
  const given = injectUniformNoise(truth, { rate, classes: k, random }).labels;
  const probs = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const isHard = random() < hard;
    const right = !isHard || random() < hardAccuracy;
    const predicted = right ? truth[i]! : (truth[i]! + 1 + Math.floor(random() * (k - 1))) % k;
    const p = isHard ? 0.75 : 0.9 + 0.1 * random();
    for (let c = 0; c < k; c++) probs[i * k + c] = c === predicted ? p : (1 - p) / (k - 1);
  }
  return { given, truth, probs };
}

describe('anchoredNoiseRate', () => {
  it('anchorRowCount(n, fraction) is round(fraction·n), at least 1, at most n, 0 for no rows', () => {
    expect(anchorRowCount(406, 0.4)).toBe(162);
    expect(anchorRowCount(3, 0.1)).toBe(1);
    expect(anchorRowCount(5, 1)).toBe(5);
    expect(anchorRowCount(0, 0.4)).toBe(0);
    expect(() => anchorRowCount(10, 0)).toThrow(RangeError);
    expect(() => anchorRowCount(10, 1.5)).toThrow(RangeError);
  });

  it('confidenceOrder(probs, n, k) puts the largest top probability first, ties by position', () => {
    const probs = [0.6, 0.4, 0.1, 0.9, 0.6, 0.4, 0.95, 0.05];
    expect(Array.from(confidenceOrder(probs, 4, 2))).toEqual([3, 1, 0, 2]);
  });

  it('anchoredNoiseRate(given, probs, k, {fraction}) is the disagreement share among the surest rows', () => {
    // Confidence order: rows 3, 1, 0, 2. Row 3 (predicted 0) is given 1; row 2 is given the wrong class too.
    const probs = [0.6, 0.4, 0.1, 0.9, 0.8, 0.2, 0.95, 0.05];
    const given = [0, 1, 1, 1];
    expect(anchoredNoiseRate(given, probs, 2, { fraction: 0.5 })).toEqual({
      estimate: 0.5,
      rows: 2,
      disagreements: 1,
    });
    expect(anchoredNoiseRate(given, probs, 2, { fraction: 0.25 }).estimate).toBe(1);
    expect(anchoredNoiseRate(given, probs, 2, { fraction: 1 }).estimate).toBe(0.5);
  });

  it('anchoredNoiseRate(…) defaults to ANCHOR_FRACTION of the rows and is NaN for none', () => {
    const { given, probs } = overlapping(1, 200, 3, 0.1, 0, 1);
    expect(anchoredNoiseRate(given, probs, 3).rows).toBe(Math.round(ANCHOR_FRACTION * 200));
    expect(anchoredNoiseRate([], [], 3)).toEqual({ estimate: NaN, rows: 0, disagreements: 0 });
  });

  it('with overlapping classes confident learning counts the hard rows too; the anchored share does not', () => {
    // 40% of the rows ambiguous with 50% accuracy there; 10% of the labels flipped at random.
    const n = 2000;
    const rate = 0.1;
    const { given, probs } = overlapping(2, n, 3, rate, 0.4, 0.5);
    const anchored = anchoredNoiseRate(given, probs, 3).estimate;
    const sd = Math.sqrt((rate * (1 - rate)) / (ANCHOR_FRACTION * n)); // binomial, about 1 point
    expect(Math.abs(anchored - rate)).toBeLessThan(4 * sd);
    expect(estimateNoiseRate(given, probs, 3)).toBeGreaterThan(rate + 0.1);
  });
});

describe('blendNoiseRates', () => {
  it('blendNoiseRates(cl, a, m, n) is confident learning when the two agree within sampling error', () => {
    expect(blendNoiseRates(0.2, 0.2, 100, 400)).toEqual({ estimate: 0.2, weight: 1 });
    // sd of a share of 0.2 over 100 of 400 rows: √(0.2·0.8·(1/100 − 1/400)) ≈ 0.035.
    const close = blendNoiseRates(0.22, 0.2, 100, 400);
    expect(close.weight).toBe(1);
    expect(close.estimate).toBeCloseTo(0.22, 12);
  });

  it('blendNoiseRates(cl, a, m, n) follows the anchored share when confident learning is far above it', () => {
    const { estimate, weight } = blendNoiseRates(0.3, 0.1, 160, 400);
    expect(weight).toBeGreaterThan(0);
    expect(weight).toBeLessThan(0.02);
    expect(estimate).toBeCloseTo(0.1 + weight * 0.2, 12);
  });

  it('blendNoiseRates(…) weighs by w = v / (v + max(0, gap² − v))', () => {
    const v = 0.2 * 0.8 * (1 / 100 - 1 / 400);
    const gap = 0.1;
    const w = v / (v + (gap * gap - v));
    const blend = blendNoiseRates(0.3, 0.2, 100, 400);
    expect(blend.weight).toBeCloseTo(w, 12);
    expect(blend.estimate).toBeCloseTo(0.2 + w * gap, 12);
  });

  it('blendNoiseRates(…) counts a share of 0 as at least one row for its sampling error', () => {
    // Without that, v = 0 and any gap at all would throw confident learning away.
    const blend = blendNoiseRates(0.005, 0, 100, 400);
    expect(blend.weight).toBe(1);
  });

  it('blendNoiseRates(…) with every row anchored has no sampling error: the anchored share wins', () => {
    expect(blendNoiseRates(0.3, 0.1, 50, 50)).toEqual({ estimate: 0.1, weight: 0 });
  });

  it('blendNoiseRates(…) is NaN for NaN inputs and throws on impossible anchor rows', () => {
    expect(blendNoiseRates(NaN, 0.1, 10, 20).estimate).toBeNaN();
    expect(() => blendNoiseRates(0.1, 0.1, 0, 20)).toThrow(RangeError);
    expect(() => blendNoiseRates(0.1, 0.1, 21, 20)).toThrow(RangeError);
  });
});

describe('blendedNoiseRate', () => {
  it('blendedNoiseRate(given, probs, k) gathers both estimates and their blend', () => {
    const { given, probs } = overlapping(3, 300, 3, 0.2, 0.2, 0.6);
    const blend = blendedNoiseRate(given, probs, 3);
    const anchored = anchoredNoiseRate(given, probs, 3);
    expect(blend.confidentLearning).toBe(estimateNoiseRate(given, probs, 3));
    expect(blend.anchored).toBe(anchored.estimate);
    expect(blend.anchorRows).toBe(anchored.rows);
    expect(blend).toMatchObject(blendNoiseRates(blend.confidentLearning, blend.anchored, anchored.rows, 300));
  });

  it('blendedNoiseRate(…) is within a few points of the injected rate on easy and on overlapping data', () => {
    for (const [hard, hardAccuracy] of [
      [0, 1],
      [0.3, 0.5],
    ] as const) {
      let error = 0;
      for (let seed = 0; seed < 20; seed++) {
        const rate = [0.1, 0.2, 0.3][seed % 3]!;
        const { given, probs } = overlapping(seed, 600, 3, rate, hard, hardAccuracy);
        error += Math.abs(blendedNoiseRate(given, probs, 3).estimate - rate) / 20;
      }
      expect(error).toBeLessThan(0.03);
    }
  });

  it('blendedNoiseRate([], [], k) is NaN', () => {
    expect(blendedNoiseRate([], [], 2).estimate).toBeNaN();
  });
});
