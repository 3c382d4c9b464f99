import { describe, it, expect } from 'vitest';
import { powerLawError, sizeForError } from '../../../src/engine/sizing/powerLaw.ts';
import { sizingReport, type SizingPoint } from '../../../src/engine/sizing/sizingReport.ts';
import { createRandom, randomNormal } from '../../../src/engine/random.ts';

const truth = { a: 1.5, b: 0.5, c: 0.04 };
const sizes = [50, 100, 200, 300, 500, 750, 1000, 1250];
const accuracyAt = (n: number): number => 1 - powerLawError(truth, n);

/** Five seeds per size, each the truth plus normal noise of sd 0.01. */
function noisyCurve(seed: number): SizingPoint[] {
  const random = createRandom(seed, 7);
  return sizes.map((size) => ({
    size,
    values: Array.from({ length: 5 }, () => accuracyAt(size) + 0.01 * randomNormal(random)),
  }));
}

describe('sizingReport', () => {
  it('sizingReport(points, {targetAccuracy}) on exact data gives the true size and a zero-width interval', () => {
    const exact = sizes.map((size) => ({ size, values: [accuracyAt(size), accuracyAt(size)] }));
    const report = sizingReport(exact, { targetAccuracy: accuracyAt(4000), seed: 0, resamples: 20 });
    expect(report.needed).toBeCloseTo(4000, 0);
    expect(report.neededInterval.low).toBeCloseTo(4000, 0);
    expect(report.neededInterval.high).toBeCloseTo(4000, 0);
    expect(report.ceiling).toBeCloseTo(1 - truth.c, 6);
    expect(report.reachableShare).toBe(1);
  });

  it('sizingReport(points, {seed}) is deterministic: same seed, same report', () => {
    const points = noisyCurve(1);
    const options = { targetAccuracy: 0.92, seed: 3, resamples: 50 };
    expect(sizingReport(points, options)).toEqual(sizingReport(points, options));
  });

  it('sizingReport(points) on noisy synthetic curves: the 90% interval covers the true size in most of 20 seeds', () => {
    const target = accuracyAt(3000);
    const trueNeeded = sizeForError(truth, 1 - target);
    let covered = 0;
    let ceilingCovered = 0;
    for (let seed = 0; seed < 20; seed++) {
      const report = sizingReport(noisyCurve(seed), { targetAccuracy: target, seed, resamples: 200 });
      const { low, high } = report.neededInterval;
      if (low <= trueNeeded && trueNeeded <= high) covered++;
      if (report.ceilingInterval.low <= 1 - truth.c && 1 - truth.c <= report.ceilingInterval.high) ceilingCovered++;
      expect(low).toBeLessThanOrEqual(high);
    }
    expect(covered).toBeGreaterThanOrEqual(14);
    expect(ceilingCovered).toBeGreaterThanOrEqual(14);
  });

  it('sizingReport(points, {targetAccuracy}) above the ceiling is not reachable: needed is Infinity', () => {
    const report = sizingReport(noisyCurve(2), { targetAccuracy: 0.99, seed: 0, resamples: 50 });
    expect(report.needed).toBe(Infinity);
    expect(report.ceiling).toBeLessThan(0.99);
    expect(report.neededInterval.high).toBe(Infinity);
    expect(report.reachableShare).toBeLessThan(0.5);
  });

  it('sizingReport(points, options) throws on a bad target, an empty size and too few sizes', () => {
    const points = noisyCurve(0);
    expect(() => sizingReport(points, { targetAccuracy: 1.2, seed: 0 })).toThrow(/target accuracy/);
    expect(() => sizingReport(points, { targetAccuracy: NaN, seed: 0 })).toThrow(/target accuracy/);
    expect(() => sizingReport([{ size: 10, values: [] }], { targetAccuracy: 0.9, seed: 0 })).toThrow(/no values/);
    expect(() => sizingReport(points.slice(0, 2), { targetAccuracy: 0.9, seed: 0 })).toThrow(/3 distinct sizes/);
  });
});
