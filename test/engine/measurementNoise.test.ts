import { describe, expect, it } from 'vitest';
import { accuracyNoise, changeNoise, startsVariance } from '../../src/engine/measurementNoise.ts';

const predictions = (values: number[]) => Int32Array.from(values);

describe('measurementNoise', () => {
  it('startsVariance(accuracies) is the sample variance over R, and 0 for one member or none', () => {
    expect(startsVariance([0.8, 0.9])).toBeCloseTo(0.005 / 2, 12);
    expect(startsVariance([0.8])).toBe(0);
    expect(startsVariance([])).toBe(0);
  });

  it('accuracyNoise(m) is two standard errors of starts and test points together', () => {
    const m = { accuracy: 0.9, memberAccuracies: [0.8, 0.9], testPredictions: new Int32Array(100) };
    expect(accuracyNoise(m)).toBeCloseTo(2 * Math.sqrt(0.005 / 2 + (0.9 * 0.1) / 100), 12);
    expect(accuracyNoise({ ...m, memberAccuracies: [0.9] })).toBeCloseTo(2 * Math.sqrt(0.0009), 12);
    expect(accuracyNoise({ ...m, testPredictions: new Int32Array(0) })).toBeNaN();
  });

  it('changeNoise(a, b) counts the test points where a and b disagree; NaN on different test points', () => {
    const a = { accuracy: 0.5, memberAccuracies: [0.5], testPredictions: predictions([0, 0, 1, 1]) };
    const b = { accuracy: 0.75, memberAccuracies: [0.75], testPredictions: predictions([0, 1, 1, 0]) };
    expect(changeNoise(a, b)).toBeCloseTo(2 * Math.sqrt(2 / 16), 12);
    expect(changeNoise(a, a)).toBe(0);
    expect(changeNoise(a, { ...b, testPredictions: predictions([0]) })).toBeNaN();
  });
});
