import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { assertCurve, exchangeRate, interpolateAt, type Curve } from '../../src/engine/exchange.ts';

interface ReferenceModel {
  mean: Record<string, Record<string, number>>;
  data_equivalent_of_cleaning: Record<
    string,
    { clean_acc_at_N0: number } & Record<
      string,
      { noisy_N_needed: number | null; status: 'interpolated' | 'beyond_range'; ratio: number | null }
    >
  >;
  clean_vs_tripled_noisy: Record<string, Record<string, number>>;
}

interface Reference {
  protocol: { sizes: number[]; noise_rates: number[] };
  models: Record<'lr' | 'mlp', ReferenceModel>;
}

const reference = JSON.parse(
  readFileSync(new URL('../fixtures/reference/digits-curve-sklearn.json', import.meta.url), 'utf8'),
) as Reference;

const SIZES = reference.protocol.sizes;
const NOISY_RATES = reference.protocol.noise_rates.filter((r) => r > 0);
const rateKey = (rate: number) => `noise_${rate.toFixed(1)}`;

function referenceCurve(model: ReferenceModel, rate: number): Curve {
  const means = model.mean[rateKey(rate)]!;
  return { sizes: SIZES, accuracy: SIZES.map((n) => means[String(n)]!) };
}

function expectRelativelyClose(actual: number, expected: number, tolerance = 1e-9): void {
  expect(Math.abs(actual - expected) / Math.abs(expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('exchangeRate — golden values from scikit-learn (digits-curve-sklearn.json)', () => {
  for (const modelName of ['lr', 'mlp'] as const) {
    const model = reference.models[modelName];
    const clean = referenceCurve(model, 0);

    it(`exchangeRate(clean, noisy, N0) reproduces ${modelName}.data_equivalent_of_cleaning for every N0 and rate`, () => {
      let interpolated = 0;
      let beyond = 0;
      for (const [n0Key, entry] of Object.entries(model.data_equivalent_of_cleaning)) {
        const n0 = Number(n0Key);
        for (const rate of NOISY_RATES) {
          const expected = entry[rateKey(rate)]!;
          const result = exchangeRate(clean, referenceCurve(model, rate), n0);
          const where = `${modelName} N0=${n0} ${rateKey(rate)}`;
          expect(result.status, where).toBe(expected.status);
          expect(result.n0).toBe(n0);
          expectRelativelyClose(result.target, entry.clean_acc_at_N0);
          if (result.status === 'interpolated') {
            expectRelativelyClose(result.equivalentN, expected.noisy_N_needed!);
            expectRelativelyClose(result.factor, expected.ratio!);
            interpolated++;
          } else if (result.status === 'beyond_range') {
            expect(result.moreThan).toBe(1250);
            beyond++;
          }
        }
      }
      // Both kinds of readout are exercised.
      expect(interpolated).toBeGreaterThan(5);
      expect(beyond).toBeGreaterThan(5);
      expect(interpolated + beyond).toBe(SIZES.length * NOISY_RATES.length);
    });

    it(`interpolateAt(noisy, 3·N0) reproduces ${modelName}.clean_vs_tripled_noisy`, () => {
      const entries = Object.entries(model.clean_vs_tripled_noisy);
      expect(entries.length).toBeGreaterThan(0);
      for (const [n0Key, entry] of entries) {
        const n0 = Number(n0Key);
        expectRelativelyClose(interpolateAt(clean, n0)!, entry.clean_acc_at_N0!);
        for (const rate of NOISY_RATES) {
          const value = interpolateAt(referenceCurve(model, rate), 3 * n0);
          expect(value, `${modelName} N0=${n0} ${rateKey(rate)}`).not.toBeNull();
          expectRelativelyClose(value!, entry[`${rateKey(rate)}_acc_at_3N0`]!);
        }
      }
    });
  }

  it('exchangeRate(lr clean, lr 10% noisy, 50) says cleaning is worth about 2.1× the data', () => {
    const lr = reference.models.lr;
    const result = exchangeRate(referenceCurve(lr, 0), referenceCurve(lr, 0.1), 50);
    expect(result.status).toBe('interpolated');
    if (result.status === 'interpolated') expect(result.factor).toBeCloseTo(2.1086, 4);
  });
});

describe('interpolateAt', () => {
  const curve: Curve = { sizes: [10, 100, 1000], accuracy: [0.5, 0.7, 0.8] };

  it('interpolateAt(curve, n) returns the measured value at a measured size', () => {
    expect(interpolateAt(curve, 10)).toBe(0.5);
    expect(interpolateAt(curve, 100)).toBe(0.7);
    expect(interpolateAt(curve, 1000)).toBe(0.8);
  });

  it('interpolateAt(curve, n) is linear in log N between measured sizes', () => {
    // log10 31.62… is halfway between 1 and 2.
    expect(interpolateAt(curve, Math.sqrt(10 * 100))).toBeCloseTo(0.6, 12);
    expect(interpolateAt(curve, Math.sqrt(100 * 1000))).toBeCloseTo(0.75, 12);
    expect(interpolateAt(curve, 10 ** 1.25)).toBeCloseTo(0.55, 12);
    // Not linear in N: 55 is halfway in N but past halfway in log N.
    expect(interpolateAt(curve, 55)).toBeCloseTo(0.5 + 0.2 * Math.log10(5.5), 12);
  });

  it('interpolateAt(curve, n) is null outside the measured sizes', () => {
    expect(interpolateAt(curve, 9.99)).toBeNull();
    expect(interpolateAt(curve, 1001)).toBeNull();
    expect(interpolateAt(curve, NaN)).toBeNull();
  });

  it('interpolateAt(curve, n) is null where the value it would use is not finite', () => {
    const gappy: Curve = { sizes: [10, 100, 1000], accuracy: [0.5, NaN, 0.8] };
    expect(interpolateAt(gappy, 100)).toBeNull();
    expect(interpolateAt(gappy, 50)).toBeNull();
    expect(interpolateAt(gappy, 10)).toBe(0.5);
  });

  it('interpolateAt(single-point curve, n) is the value at that size and null elsewhere', () => {
    const single: Curve = { sizes: [50], accuracy: [0.9] };
    expect(interpolateAt(single, 50)).toBe(0.9);
    expect(interpolateAt(single, 51)).toBeNull();
  });

  it('interpolateAt(bad curve, n) throws like assertCurve', () => {
    expect(() => interpolateAt({ sizes: [], accuracy: [] }, 1)).toThrow('curve has no points');
  });
});

describe('exchangeRate', () => {
  const clean: Curve = { sizes: [10, 100, 1000], accuracy: [0.6, 0.8, 0.9] };

  it('exchangeRate(clean, noisy, n0) interpolates in log N where the noisy curve crosses the target', () => {
    const noisy: Curve = { sizes: [10, 100, 1000], accuracy: [0.5, 0.7, 0.9] };
    const result = exchangeRate(clean, noisy, 100);
    expect(result.status).toBe('interpolated');
    if (result.status !== 'interpolated') return;
    expect(result.target).toBe(0.8);
    // 0.8 is halfway from 0.7 to 0.9 → halfway between log 100 and log 1000.
    expect(result.equivalentN).toBeCloseTo(Math.sqrt(100 * 1000), 9);
    expect(result.factor).toBeCloseTo(Math.sqrt(1000) / Math.sqrt(100), 9);
  });

  it('exchangeRate(clean, noisy, n0) reads N at a measured size when the noisy curve hits the target exactly', () => {
    const noisy: Curve = { sizes: [10, 100, 1000], accuracy: [0.5, 0.6, 0.8] };
    const result = exchangeRate(clean, noisy, 10);
    expect(result).toMatchObject({ status: 'interpolated', n0: 10, target: 0.6 });
    if (result.status !== 'interpolated') return;
    expect(result.equivalentN).toBeCloseTo(100, 9);
    expect(result.factor).toBeCloseTo(10, 9);
  });

  it('exchangeRate(clean, noisy, n0) interpolates the target at an n0 between measured sizes', () => {
    const noisy: Curve = { sizes: [10, 100, 1000], accuracy: [0.5, 0.7, 0.9] };
    const result = exchangeRate(clean, noisy, Math.sqrt(10 * 100));
    expect(result.target).toBeCloseTo(0.7, 12);
    expect(result.status).toBe('interpolated');
    if (result.status === 'interpolated') expect(result.equivalentN).toBeCloseTo(100, 6);
  });

  it('exchangeRate(clean, noisy, n0) uses the first crossing of a non-monotone noisy curve', () => {
    const noisy: Curve = { sizes: [10, 100, 1000, 2000], accuracy: [0.5, 0.85, 0.75, 0.95] };
    const result = exchangeRate(clean, noisy, 100);
    expect(result.status).toBe('interpolated');
    if (result.status === 'interpolated') expect(result.equivalentN).toBeLessThan(100);
  });

  it('exchangeRate(clean, noisy, n0) is below_range when the noisy curve starts at or above the target', () => {
    const noisy: Curve = { sizes: [20, 100, 1000], accuracy: [0.8, 0.85, 0.9] };
    expect(exchangeRate(clean, noisy, 100)).toEqual({ status: 'below_range', n0: 100, target: 0.8, atMost: 20 });
    expect(exchangeRate(clean, noisy, 10)).toEqual({ status: 'below_range', n0: 10, target: 0.6, atMost: 20 });
  });

  it('exchangeRate(clean, noisy, n0) is beyond_range when the noisy curve never reaches the target', () => {
    const noisy: Curve = { sizes: [10, 100, 500], accuracy: [0.5, 0.7, 0.79] };
    expect(exchangeRate(clean, noisy, 100)).toEqual({ status: 'beyond_range', n0: 100, target: 0.8, moreThan: 500 });
  });

  it('exchangeRate(clean, clean, n0) is a factor of 1', () => {
    for (const n0 of [10, 100, 1000]) {
      const result = exchangeRate(clean, clean, n0);
      if (n0 === 10) expect(result.status).toBe('below_range');
      else {
        expect(result.status).toBe('interpolated');
        if (result.status === 'interpolated') expect(result.factor).toBeCloseTo(1, 12);
      }
    }
  });

  it('exchangeRate(clean, noisy, n0) throws a RangeError naming N0 and the range when n0 is outside the clean sizes', () => {
    const noisy: Curve = { sizes: [10, 100, 1000], accuracy: [0.5, 0.7, 0.9] };
    expect(() => exchangeRate(clean, noisy, 5)).toThrow(RangeError);
    expect(() => exchangeRate(clean, noisy, 5)).toThrow("N0 = 5 is outside the clean curve's sizes 10…1000");
    expect(() => exchangeRate(clean, noisy, 2000)).toThrow("N0 = 2000 is outside the clean curve's sizes 10…1000");
  });

  it('exchangeRate(clean, noisy, n0) throws when either curve is malformed, naming which', () => {
    const good: Curve = { sizes: [10, 100], accuracy: [0.5, 0.7] };
    expect(() => exchangeRate({ sizes: [100, 10], accuracy: [0.5, 0.7] }, good, 50)).toThrow(
      'clean curve: sizes must increase (100 then 10)',
    );
    expect(() => exchangeRate(good, { sizes: [10, 10], accuracy: [0.5, 0.7] }, 50)).toThrow(
      'noisy curve: sizes must increase (10 then 10)',
    );
  });
});

describe('assertCurve', () => {
  it('assertCurve(curve) accepts strictly increasing positive sizes with one accuracy each', () => {
    expect(() => assertCurve({ sizes: [1, 2, 3], accuracy: [0.1, NaN, 0.3] })).not.toThrow();
    expect(() => assertCurve({ sizes: [5], accuracy: [0.5] })).not.toThrow();
  });

  it('assertCurve({sizes: []}) throws "has no points"', () => {
    expect(() => assertCurve({ sizes: [], accuracy: [] }, 'my curve')).toThrow(
      new RangeError('my curve has no points'),
    );
  });

  it('assertCurve(curve) throws when sizes and accuracies differ in length', () => {
    expect(() => assertCurve({ sizes: [1, 2], accuracy: [0.5] })).toThrow('curve has 2 sizes but 1 accuracies');
  });

  it('assertCurve(curve) throws for unsorted or repeated sizes', () => {
    expect(() => assertCurve({ sizes: [50, 200, 100], accuracy: [0, 0, 0] })).toThrow(
      'curve: sizes must increase (200 then 100)',
    );
    expect(() => assertCurve({ sizes: [50, 50], accuracy: [0, 0] })).toThrow(RangeError);
  });

  it('assertCurve(curve) throws for a size that is not positive or is NaN', () => {
    expect(() => assertCurve({ sizes: [0, 10], accuracy: [0, 0] })).toThrow('curve: size 0 must be positive');
    expect(() => assertCurve({ sizes: [-5], accuracy: [0] })).toThrow('size -5 must be positive');
    expect(() => assertCurve({ sizes: [NaN], accuracy: [0] })).toThrow('size NaN must be positive');
    expect(() => assertCurve({ sizes: [10, NaN], accuracy: [0, 0] })).toThrow(RangeError);
  });
});
