import { describe, it, expect } from 'vitest';
import { injectUniformNoise } from '../../../src/engine/noise/index.ts';
import { createRandom } from '../../../src/engine/random.ts';
import { composedNoiseRate } from '../../../src/engine/worth/composedNoiseRate.ts';

describe('composedNoiseRate', () => {
  it('composedNoiseRate(rate, extra, K) is rate + extra·(1 − rate·K/(K − 1))', () => {
    // K = 2: wrong and kept 0.2·0.9, right and flipped 0.8·0.1, wrong and flipped goes back to right.
    expect(composedNoiseRate(0.2, 0.1, 2)).toBeCloseTo(0.26, 12);
    expect(composedNoiseRate(0, 0.3, 5)).toBe(0.3);
    expect(composedNoiseRate(0.25, 0, 3)).toBe(0.25);
  });

  it('composedNoiseRate(…) matches flipping twice with injectUniformNoise', () => {
    const n = 20000;
    const k = 4;
    const truth = Int32Array.from({ length: n }, (_, i) => i % k);
    const once = injectUniformNoise(truth, { rate: 0.2, classes: k, random: createRandom(1) }).labels;
    const twice = injectUniformNoise(once, { rate: 0.15, classes: k, random: createRandom(2) }).labels;
    let wrong = 0;
    for (let i = 0; i < n; i++) if (twice[i] !== truth[i]) wrong++;
    expect(wrong / n).toBeCloseTo(composedNoiseRate(0.2, 0.15, k), 2);
  });

  it('composedNoiseRate(…) throws a RangeError on NaN or out-of-range inputs', () => {
    expect(() => composedNoiseRate(NaN, 0.1, 2)).toThrow(RangeError);
    expect(() => composedNoiseRate(0.1, 1.5, 2)).toThrow(RangeError);
    expect(() => composedNoiseRate(0.1, 0.1, 1)).toThrow(RangeError);
  });
});
