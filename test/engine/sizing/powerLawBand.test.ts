import { describe, expect, it } from 'vitest';
import { powerLawError } from '../../../src/engine/sizing/powerLaw.ts';
import { sizingReport } from '../../../src/engine/sizing/sizingReport.ts';
import { logSizes, powerLawBand } from '../../../src/engine/sizing/powerLawBand.ts';
import { targetResamples } from '../../../src/engine/sizing/curveSizing.ts';
import { createRandom, randomNormal } from '../../../src/engine/random.ts';

const truth = { a: 1.5, b: 0.5, c: 0.04 };
const sizes = [50, 100, 200, 300, 500, 750, 1000, 1250];
const accuracyAt = (n: number): number => 1 - powerLawError(truth, n);
const random = createRandom(3, 7);
const curve = sizes.map((size) => ({
  size,
  values: Array.from({ length: 5 }, () => accuracyAt(size) + 0.01 * randomNormal(random)),
}));

describe('powerLawBand', () => {
  it('powerLawBand(report, sizes): the fit at each size inside the resamples’ 90% band, which widens past the measured sizes', () => {
    const report = sizingReport(curve, { targetAccuracy: accuracyAt(400), seed: 0, resamples: 100 });
    expect(report.resampleFits).toHaveLength(100);
    expect(report.level).toBe(0.9);
    const band = powerLawBand(report, [100, 1250, 10_000]);
    for (const p of band) {
      expect(p.accuracy).toBeCloseTo(1 - powerLawError(report.fit, p.size), 12);
      expect(p.low).toBeLessThanOrEqual(p.accuracy + 1e-9);
      expect(p.high).toBeGreaterThanOrEqual(p.accuracy - 1e-9);
    }
    expect(band[2]!.high - band[2]!.low).toBeGreaterThan(band[1]!.high - band[1]!.low);
    expect(() => powerLawBand(report, [0])).toThrow(RangeError);
  });

  it('logSizes(from, to, count): whole sizes from `from` to `to`, evenly spaced in log size, none repeated', () => {
    expect(logSizes(50, 5000, 3)).toEqual([50, 500, 5000]);
    const many = logSizes(10, 12, 10);
    expect(many[0]).toBe(10);
    expect(many.at(-1)).toBe(12);
    expect(new Set(many).size).toBe(many.length);
    expect(() => logSizes(10, 5, 3)).toThrow(RangeError);
  });

  it('targetResamples(clean, n0, seed, k): k redraws of the clean accuracy at N0, around the measured one, seeded', () => {
    const targets = targetResamples(curve, 200, 0, 200);
    expect(targets).toHaveLength(200);
    expect(targetResamples(curve, 200, 0, 200)).toEqual(targets);
    const measured = curve.find((p) => p.size === 200)!.values;
    const mean = measured.reduce((a, b) => a + b, 0) / measured.length;
    expect(Math.min(...targets)).toBeLessThan(mean);
    expect(Math.max(...targets)).toBeGreaterThan(mean);
    expect(Math.max(...targets)).toBeLessThanOrEqual(Math.max(...measured) + 1e-12);
  });

  it('sizingReport with targetResamples: the size interval carries the target’s spread (wider than with a fixed target)', () => {
    const target = accuracyAt(400);
    const fixed = sizingReport(curve, { targetAccuracy: target, seed: 0, resamples: 200 });
    const spread = createRandom(9, 1);
    const targets = Array.from({ length: 200 }, () => target + 0.005 * randomNormal(spread));
    const moving = sizingReport(curve, { targetAccuracy: target, seed: 0, resamples: 200, targetResamples: targets });
    expect(moving.needed).toBe(fixed.needed);
    const width = (r: typeof fixed) => r.neededInterval.high - r.neededInterval.low;
    expect(width(moving)).toBeGreaterThan(width(fixed));
    expect(() =>
      sizingReport(curve, { targetAccuracy: target, seed: 0, resamples: 10, targetResamples: [target] }),
    ).toThrow(RangeError);
  });
});
