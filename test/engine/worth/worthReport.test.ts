import { describe, it, expect } from 'vitest';
import { worthReport, describeDataEquivalent, type WorthInput } from '../../../src/engine/worth/worthReport.ts';

const sizes = [60, 120, 240, 480];
const input: WorthInput = {
  n: 600,
  noiseRate: { estimate: 0.12, low: 0.09, high: 0.15, level: 0.9, resamples: 1000 },
  suspected: 70,
  accuracyNow: 0.9,
  accuracyAfterCleaning: 0.95,
  // 0.775 + 0.025·log2(N / 15): 0.9 at 480 and 0.95 at 1920 — cleaning is worth 4× the data.
  curve: { sizes, accuracy: sizes.map((n) => 0.775 + 0.025 * Math.log2(n / 15)) },
  model: 'logistic regression',
};

describe('worthReport', () => {
  it('worthReport(input) gathers the estimates, the gain and the data-equivalent', () => {
    const report = worthReport(input);
    expect(report.noiseRate).toEqual({ estimate: 0.12, low: 0.09, high: 0.15, level: 0.9 });
    expect(report.suspected).toBe(70);
    expect(report.gain).toBeCloseTo(0.05, 12);
    expect(report.dataEquivalent.status).toBe('extrapolated');
    if (report.dataEquivalent.status === 'extrapolated') expect(report.dataEquivalent.factor).toBeCloseTo(4, 8);
    expect(report.headline).toBe(
      'Fixing the ~70 suspected labels is worth about 4.0× more data (extrapolated beyond the measured curve).',
    );
  });

  it('worthReport(input) explains its method and caveats in sentences', () => {
    const report = worthReport(input);
    expect(report.method.length).toBeGreaterThanOrEqual(4);
    expect(report.caveats.length).toBeGreaterThanOrEqual(4);
    for (const line of [...report.method, ...report.caveats]) expect(line).toMatch(/^[A-Z].*\.$/);
    expect(report.method[0]).toContain('12.0% of 600 labels');
    expect(report.method[0]).toContain('9.0% to 15.0%');
  });

  it('worthReport(input) reports beyond_range when the noisy curve does not rise', () => {
    const flat = { ...input, curve: { sizes, accuracy: [0.9, 0.9, 0.9, 0.9] } };
    const report = worthReport(flat);
    expect(report.dataEquivalent.status).toBe('beyond_range');
    expect(report.headline).toContain('its learning curve does not rise, so more of it is not seen to help');
  });

  it('worthReport(input) reports beyond_range past maxFactor when the curve rises too slowly', () => {
    const slow = { ...input, maxFactor: 10, curve: { sizes, accuracy: [0.87, 0.88, 0.89, 0.9] } };
    const report = worthReport(slow);
    expect(report.dataEquivalent.status).toBe('beyond_range');
    expect(report.headline).toContain(
      'more than 10× more data — more noisy data of this kind is not seen to get there',
    );
  });

  it('worthReport(input) with nothing suspected says there is nothing to fix', () => {
    const none = { ...input, suspected: 0, accuracyNow: 0.88, accuracyAfterCleaning: 0.88 };
    const report = worthReport(none);
    expect(report.gain).toBe(0);
    expect(report.headline).toBe(
      'No label looks wrong: confident learning found nothing to fix, so cleaning has nothing to add here.',
    );
  });

  it('worthReport(input) with suspects but no gain says fixing them would not help, and why when few are wrong', () => {
    const report = worthReport({ ...input, accuracyNow: 0.88, accuracyAfterCleaning: 0.875 });
    expect(report.headline).toBe(
      'Fixing the ~70 suspected labels would not help: accuracy after cleaning (87.5%) is no better than now (88.0%).',
    );
    const few = worthReport({
      ...input,
      accuracyNow: 0.88,
      accuracyAfterCleaning: 0.86,
      noiseRate: { ...input.noiseRate, estimate: 0.01 },
    });
    expect(few.headline).toMatch(
      /would not help: .*\. Only ~\d+ labels are estimated wrong: most flags look like hard examples, not mistakes\.$/,
    );
  });

  it('worthReport(input) throws a RangeError on NaN accuracies or impossible counts', () => {
    expect(() => worthReport({ ...input, accuracyNow: NaN })).toThrow(RangeError);
    expect(() => worthReport({ ...input, accuracyAfterCleaning: 1.1 })).toThrow(RangeError);
    expect(() => worthReport({ ...input, suspected: 601 })).toThrow(RangeError);
    expect(() => worthReport({ ...input, n: -1 })).toThrow(RangeError);
  });
});

describe('describeDataEquivalent', () => {
  it('describeDataEquivalent(e) words each status', () => {
    expect(describeDataEquivalent({ status: 'interpolated', n0: 10, target: 0.9, equivalentN: 25, factor: 2.5 })).toBe(
      'about 2.5× the data',
    );
    expect(describeDataEquivalent({ status: 'below_range', n0: 10, target: 0.9, atMost: 5, factor: 0.5 })).toContain(
      'at most 0.50×',
    );
    expect(
      describeDataEquivalent({ status: 'beyond_range', n0: 10, target: 0.9, moreThan: 100, gainPerDoubling: 0.01 }),
    ).toContain('more than 100×');
  });
});

describe('worthReport with a blended noise rate', () => {
  const blended = (confidentLearning: number, anchored: number, weight: number, estimate: number): WorthInput => ({
    ...input,
    noiseRate: {
      ...input.noiseRate,
      estimate,
      method: 'blended',
      blend: { estimate, confidentLearning, anchored, anchorRows: 240, weight },
    },
    repeats: 3,
  });

  it('explains the anchored share, confident learning and how they were weighed', () => {
    const agree = worthReport(blended(0.12, 0.11, 1, 0.12)).method[0]!;
    expect(agree).toMatch(/^Noise rate: .*\.$/);
    expect(agree).toContain('averaged over 3 different splits into folds');
    expect(agree).toContain('among the 240 surest examples, 11.0% of the given labels disagree');
    expect(agree).toContain('Confident learning, which counts confident disagreements on every example, gives 12.0%');
    expect(agree).toContain("the estimate is confident learning's");
    expect(agree).toContain('That makes 12.0% of 600 labels');
    expect(worthReport(blended(0.3, 0.1, 0.01, 0.102)).method[0]).toContain('the estimate follows the sure examples');
    expect(worthReport(blended(0.2, 0.1, 0.5, 0.15)).method[0]).toContain('50% confident learning');
  });

  it('adds a caveat when confident learning flags clearly more rows than the estimate says are wrong', () => {
    const flagged = (suspected: number, estimate: number): string[] =>
      worthReport({ ...blended(0.3, estimate, 0, estimate), suspected }).caveats;
    const over = flagged(180, 0.1); // 60 estimated wrong
    expect(over.at(-1)).toBe(
      'Confident learning flagged 180 rows, more than the ~60 wrong labels estimated: some flags are examples that are hard to classify rather than mislabelled, so fixing all of them would also change correct labels.',
    );
    expect(flagged(70, 0.1)).toHaveLength(over.length - 1);
    expect(worthReport({ ...input, suspected: 180 }).caveats).toHaveLength(over.length - 1); // confident learning alone
    for (const line of over) expect(line).toMatch(/^[A-Z].*\.$/);
  });
});
