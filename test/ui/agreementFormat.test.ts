import { describe, expect, it } from 'vitest';
import { decimal, decimalChange, pointsChange, share, statValue } from '../../src/ui/agreementFormat.ts';

describe('agreementFormat', () => {
  it('decimal(value) prints a kappa as 0.00 with a true minus sign, "—" for null or NaN', () => {
    expect(decimal(0.7288)).toBe('0.73');
    expect(decimal(1)).toBe('1.00');
    expect(decimal(-0.051)).toBe('\u22120.05');
    expect(decimal(null)).toBe('—');
    expect(decimal(NaN)).toBe('—');
  });

  it('share(value) prints a fraction as a percentage, "—" for null or NaN (a class no one used)', () => {
    expect(share(0.756)).toBe('75.6%');
    expect(share(NaN)).toBe('—');
    expect(share(null)).toBe('—');
  });

  it('pointsChange(before, after) prints signed percentage points; "—" when either is missing', () => {
    expect(pointsChange(0.756, 0.9053)).toBe('+14.9 pts');
    expect(pointsChange(0.893, 0.887)).toBe('\u22120.6 pts');
    expect(pointsChange(0.5, 0.50001)).toBe('±0.0 pts');
    expect(pointsChange(null, 0.5)).toBe('—');
    expect(pointsChange(0.5, NaN)).toBe('—');
  });

  it('decimalChange(before, after) prints a signed change of kappa; "—" when either is undefined', () => {
    expect(decimalChange(0.7288, 0.8948)).toBe('+0.17');
    expect(decimalChange(0.9, 0.85)).toBe('\u22120.05');
    expect(decimalChange(0.9, 0.901)).toBe('±0.00');
    expect(decimalChange(null, 0.9)).toBe('—');
  });

  it('statValue(stat) reads kappa or alpha, and null for an undefined or absent statistic', () => {
    expect(statValue({ defined: true, kappa: 0.5, observed: 0.8, expected: 0.6 })).toBe(0.5);
    expect(
      statValue({
        defined: true,
        alpha: 0.7,
        observedDisagreement: 0.1,
        expectedDisagreement: 0.3,
        pairable: 10,
        units: 5,
      }),
    ).toBe(0.7);
    expect(statValue({ defined: false, reason: 'no items' })).toBeNull();
    expect(statValue(null)).toBeNull();
  });
});
