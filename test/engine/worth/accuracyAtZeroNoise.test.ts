import { describe, it, expect } from 'vitest';
import { accuracyAtZeroNoise } from '../../../src/engine/worth/accuracyAtZeroNoise.ts';

describe('accuracyAtZeroNoise', () => {
  it('accuracyAtZeroNoise(points) recovers a linear noise-sensitivity curve at noise 0', () => {
    const points = [0.1, 0.2, 0.3].map((noise) => ({ noise, accuracy: 0.95 - 0.5 * noise }));
    const result = accuracyAtZeroNoise(points);
    expect(result.accuracy).toBeCloseTo(0.95, 12);
    expect(result.lossPerNoise).toBeCloseTo(0.5, 12);
    expect(result.extrapolatedBy).toBe(0.1);
  });

  it('accuracyAtZeroNoise(points, {degree: 2}) recovers a quadratic curve', () => {
    const points = [0.12, 0.2, 0.35].map((noise) => ({ noise, accuracy: 0.9 - 0.1 * noise - noise * noise }));
    const result = accuracyAtZeroNoise(points, { degree: 2 });
    expect(result.accuracy).toBeCloseTo(0.9, 10);
    expect(result.lossPerNoise).toBeCloseTo(0.1 + 2 * 0.12, 10);
  });

  it('accuracyAtZeroNoise(points) clamps to [0, 1]', () => {
    const points = [0.1, 0.2].map((noise) => ({ noise, accuracy: 1.05 - 0.5 * noise }));
    expect(accuracyAtZeroNoise(points).accuracy).toBe(1);
  });

  it('accuracyAtZeroNoise(…) throws a RangeError on no points, a single point, or NaN', () => {
    expect(() => accuracyAtZeroNoise([])).toThrow(RangeError);
    expect(() => accuracyAtZeroNoise([{ noise: 0.1, accuracy: 0.9 }])).toThrow(RangeError);
    expect(() =>
      accuracyAtZeroNoise([
        { noise: 0.1, accuracy: NaN },
        { noise: 0.2, accuracy: 0.8 },
      ]),
    ).toThrow(RangeError);
  });
});
