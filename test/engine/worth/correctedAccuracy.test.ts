import { describe, it, expect } from 'vitest';
import { noiseCorrectedAccuracy } from '../../../src/engine/worth/correctedAccuracy.ts';

describe('noiseCorrectedAccuracy', () => {
  it('noiseCorrectedAccuracy(observed, {noiseRate, classes}) inverts observed = a(1 − r) + (1 − a)·r/(K − 1)', () => {
    // K = 2, r = 0.2, a = 0.9: 0.9·0.8 + 0.1·0.2 = 0.74.
    expect(noiseCorrectedAccuracy(0.74, { noiseRate: 0.2, classes: 2 })).toBeCloseTo(0.9, 12);
    // K = 3, r = 0.3, a = 0.8: 0.8·0.7 + 0.2·0.15 = 0.59.
    expect(noiseCorrectedAccuracy(0.59, { noiseRate: 0.3, classes: 3 })).toBeCloseTo(0.8, 12);
  });

  it('noiseCorrectedAccuracy(observed, {noiseRate: 0}) is observed', () => {
    expect(noiseCorrectedAccuracy(0.83, { noiseRate: 0, classes: 4 })).toBe(0.83);
  });

  it('noiseCorrectedAccuracy(…) clamps to [0, 1]', () => {
    expect(noiseCorrectedAccuracy(1, { noiseRate: 0.2, classes: 2 })).toBe(1);
    expect(noiseCorrectedAccuracy(0, { noiseRate: 0.2, classes: 2 })).toBe(0);
  });

  it('noiseCorrectedAccuracy(…) is NaN for NaN inputs and for uninformative labels (r = (K − 1)/K)', () => {
    expect(noiseCorrectedAccuracy(NaN, { noiseRate: 0.1, classes: 2 })).toBeNaN();
    expect(noiseCorrectedAccuracy(0.7, { noiseRate: NaN, classes: 2 })).toBeNaN();
    expect(noiseCorrectedAccuracy(0.5, { noiseRate: 0.5, classes: 2 })).toBeNaN();
    expect(noiseCorrectedAccuracy(0.4, { noiseRate: 2 / 3, classes: 3 })).toBeNaN();
  });

  it('noiseCorrectedAccuracy(…) throws a RangeError outside [0, 1] or with fewer than 2 classes', () => {
    expect(() => noiseCorrectedAccuracy(1.2, { noiseRate: 0.1, classes: 2 })).toThrow(RangeError);
    expect(() => noiseCorrectedAccuracy(0.8, { noiseRate: -0.1, classes: 2 })).toThrow(RangeError);
    expect(() => noiseCorrectedAccuracy(0.8, { noiseRate: 0.1, classes: 1 })).toThrow(RangeError);
  });
});
