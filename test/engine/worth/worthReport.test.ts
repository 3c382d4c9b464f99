import { describe, it, expect } from 'vitest';
import {
  describeDataEquivalent,
  MAX_NOISE_SPREAD,
  NO_NOISE_BELOW,
  worthReport,
  type WorthInput,
} from '../../../src/engine/worth/worthReport.ts';
import type { WorthBootstrap } from '../../../src/engine/worth/worthBootstrap.ts';

const sizes = [60, 120, 240, 480];
const bootstrap: WorthBootstrap = {
  resamples: 1000,
  level: 0.9,
  accuracyNow: { low: 0.88, high: 0.92 },
  accuracyAfterCleaning: { low: 0.92, high: 0.95 },
  gain: { low: 0.01, high: 0.05 },
  factor: { low: 1.3, high: 1.9 },
  gainShare: 0.99,
};
const input: WorthInput = {
  n: 600,
  classes: 3,
  signal: { accuracy: 0.8, majority: 0.4, logLoss: 0.5, priorLogLoss: 1.05, z: 20, informative: true },
  noise: {
    estimate: 0.12,
    low: 0.09,
    high: 0.15,
    level: 0.9,
    anchorRows: 180,
    correction: 'uniform',
    classes: {
      flipRates: [0.1, 0.12, 0.14],
      matrix: [0.9, 0.06, 0.07, 0.05, 0.88, 0.07, 0.05, 0.06, 0.86],
      priors: [0.3, 0.3, 0.4],
      pValue: 0.4,
      classConditional: false,
    },
  },
  suspected: 70,
  accuracyNow: 0.9,
  accuracyAfterCleaning: 0.92,
  // 0.775 + 0.025·log2(N / 15): 0.9 at 480, 0.92 at 15·2^5.8 ≈ 836 — cleaning is worth about 1.74× the data, past the curve.
  curve: { sizes, accuracy: sizes.map((n) => 0.775 + 0.025 * Math.log2(n / 15)) },
  bootstrap,
  model: 'logistic regression (C = 1)',
  folds: 5,
  innerFolds: 4,
  repeats: 2,
};

describe('worthReport: the verdict', () => {
  it("worthReport(input) with a clear gain: 'helps', the gain, the data-equivalent with its interval", () => {
    const report = worthReport(input);
    expect(report.verdict).toBe('helps');
    expect(report.noiseRate).toEqual({ estimate: 0.12, low: 0.09, high: 0.15, level: 0.9 });
    expect(report.gain!.estimate).toBeCloseTo(0.02, 12);
    expect(report.gain).toMatchObject({ low: 0.01, high: 0.05 });
    expect(report.accuracyNow).toEqual({ estimate: 0.9, low: 0.88, high: 0.92 });
    const e = report.dataEquivalent!;
    expect(e.status).toBe('extrapolated');
    if (e.status === 'extrapolated') expect(e.factor).toBeCloseTo(2 ** 0.8, 6);
    expect(e).toMatchObject({ low: 1.3, high: 1.9, bound: 2 });
    expect(report.headline).toBe(
      'Fixing the ~70 suspected labels is worth about 1.7× the data (a short extrapolation past the measured curve) (90% interval: 1.3× to 1.9×): accuracy 90.0% → 92.0% (+1.0 to +5.0 points).',
    );
  });

  it('worthReport(input) whose cleaned accuracy the curve reaches only past 2×: a bound, not a figure', () => {
    const report = worthReport({ ...input, accuracyAfterCleaning: 0.95 });
    expect(report.dataEquivalent).toMatchObject({ status: 'beyond_range', moreThan: 2 });
    expect(report.headline).toContain('more than 2× the data');
  });

  it("worthReport(input) whose gain interval includes zero: 'may_not_help', no data-equivalent in the headline", () => {
    const report = worthReport({ ...input, bootstrap: { ...bootstrap, gain: { low: -0.01, high: 0.03 } } });
    expect(report.verdict).toBe('may_not_help');
    expect(report.headline).toBe(
      'Cleaning may not help: accuracy after fixing the ~70 suspected labels is 92.0% against 90.0% now (−1.0 to +3.0 points, 90% interval, which includes no gain).',
    );
  });

  it('worthReport(input) whose whole gain interval is below zero: accepting every suggestion would hurt', () => {
    const report = worthReport({
      ...input,
      accuracyAfterCleaning: 0.86,
      bootstrap: { ...bootstrap, gain: { low: -0.07, high: -0.01 } },
    });
    expect(report.verdict).toBe('may_not_help');
    expect(report.headline).toMatch(
      /^Accepting every suggestion would make the model worse: accuracy 90\.0% now, 86\.0%/,
    );
    expect(report.headline).toContain('review them by hand instead');
  });

  it("worthReport(input) when the features barely predict the label: 'no_signal', no noise rate, accuracy or worth", () => {
    const report = worthReport({
      ...input,
      signal: { accuracy: 0.52, majority: 0.51, logLoss: 0.69, priorLogLoss: 0.693, z: 0.4, informative: false },
    });
    expect(report.verdict).toBe('no_signal');
    expect(report.noiseRate).toBeNull();
    expect(report.accuracyNow).toBeNull();
    expect(report.accuracyAfterCleaning).toBeNull();
    expect(report.gain).toBeNull();
    expect(report.dataEquivalent).toBeNull();
    expect(report.headline).toBe(
      'The features barely predict the label: cross-validated accuracy 52.0% against 51.0% by always guessing the most common class. Wrong labels cannot be told apart from a label the features do not explain, so there is no noise rate and no worth to report.',
    );
  });

  it(`worthReport(input) with a noise interval wider than ${100 * MAX_NOISE_SPREAD} points: 'unsure', the range, no gain claimed`, () => {
    const noise = { ...input.noise, low: 0.05, high: 0.05 + MAX_NOISE_SPREAD + 0.01 };
    const report = worthReport({ ...input, noise });
    expect(report.verdict).toBe('unsure');
    expect(report.noiseRate).toMatchObject({ low: 0.05 });
    expect(report.dataEquivalent).toBeNull();
    expect(report.headline).toMatch(/^Can't tell how many labels are wrong: somewhere between 5\.0% and 26\.0%\./);
    expect(report.headline).toContain('no gain from cleaning is claimed');
    // Exactly at the spread the report still answers.
    expect(worthReport({ ...input, noise: { ...noise, high: 0.05 + MAX_NOISE_SPREAD } }).verdict).toBe('helps');
  });

  it(`worthReport(input) with nothing suspected, or a noise interval below ${100 * NO_NOISE_BELOW}%: 'no_noise'`, () => {
    expect(worthReport({ ...input, suspected: 0 }).headline).toBe(
      'No label looks wrong: nothing to fix, so cleaning has nothing to add here.',
    );
    const tiny = worthReport({ ...input, noise: { ...input.noise, estimate: 0.004, low: 0, high: 0.015 } });
    expect(tiny.verdict).toBe('no_noise');
    expect(tiny.headline).toBe('No sign of wrong labels: at most 1.5% estimated, so cleaning has little to add here.');
  });

  it('worthReport(input) checks n and suspected', () => {
    expect(() => worthReport({ ...input, n: -1 })).toThrow(/n must be a whole number ≥ 0, got -1/);
    expect(() => worthReport({ ...input, suspected: 700 })).toThrow(
      /suspected must be a whole number from 0 to 600, got 700/,
    );
  });
});

describe('worthReport: method and caveats', () => {
  it('worthReport(input) explains its method and caveats in whole sentences', () => {
    const report = worthReport(input);
    expect(report.method.length).toBeGreaterThanOrEqual(6);
    expect(report.caveats.length).toBeGreaterThanOrEqual(4);
    for (const line of [...report.method, ...report.caveats]) expect(line).toMatch(/^[A-Z].*[.)]$/);
    expect(report.method.join(' ')).toContain('among the surest 180 rows');
    expect(report.method.join(' ')).toContain('9.0% to 15.0%');
    expect(report.method.join(' ')).toContain(
      'decided from the training rows alone (a 4-fold cross-validation inside them)',
    );
    expect(report.method.join(' ')).toContain('repeated on 2 different splits into folds');
    // The zero point no table-only estimator can separate (docs/worth-accuracy.md): said, with what measures it.
    expect(report.caveats.join(' ')).toContain('no method can tell them apart from the table alone');
    expect(report.caveats.join(' ')).toContain('the rate is about that share of 12.0%');
  });

  it('worthReport(input) names the correction it used: one rate, or the noise matrix when the classes differ clearly', () => {
    expect(worthReport(input).method.join(' ')).toContain(
      'corrected for one rate spread evenly over the other classes',
    );
    const matrix = worthReport({
      ...input,
      noise: {
        ...input.noise,
        correction: 'matrix',
        classes: { ...input.noise.classes, pValue: 1e-6, classConditional: true },
      },
    });
    expect(matrix.method.join(' ')).toContain('corrected with the estimated noise matrix rather than one rate');
    // A decisive test that the evidence rule still overrode (a hard class): the report says why it kept one rate.
    const overruled = worthReport({
      ...input,
      noise: { ...input.noise, classes: { ...input.noise.classes, pValue: 1e-6, classConditional: false } },
    });
    expect(overruled.method.join(' ')).toContain(
      "the test says the classes' disagreement rates differ (p = 1.0e-6), but not by enough, or not consistently",
    );
    expect(matrix.caveats[0]).toContain('noise matrix is estimated from the rows the model is surest about');
  });
});

describe('describeDataEquivalent', () => {
  const base = { n0: 480, target: 0.93, low: 1.1, high: 1.8, bound: 2 } as const;
  it('describeDataEquivalent(e) for each status, with the interval', () => {
    expect(describeDataEquivalent({ ...base, status: 'interpolated', equivalentN: 720, factor: 1.5 })).toBe(
      'about 1.5× the data (90% interval: 1.1× to 1.8×)',
    );
    expect(describeDataEquivalent({ ...base, status: 'interpolated', equivalentN: 400, factor: 400 / 480 })).toBe(
      'less than the data you already have: the accuracy after cleaning is what 0.83× of it reaches (90% interval: 1.1× to 1.8×)',
    );
    expect(describeDataEquivalent({ ...base, status: 'below_range', atMost: 60, factor: 0.125 })).toContain(
      'at most 0.13× the data',
    );
    expect(
      describeDataEquivalent({ ...base, status: 'extrapolated', equivalentN: 864, factor: 1.8, gainPerDoubling: 0.02 }),
    ).toBe('about 1.8× the data (a short extrapolation past the measured curve) (90% interval: 1.1× to 1.8×)');
  });

  it('describeDataEquivalent(e) past the bound is a bound, never a large figure; an open upper end reads "more than 2×"', () => {
    const beyond = { ...base, status: 'beyond_range', moreThan: 2, gainPerDoubling: 0.01, high: null } as const;
    expect(describeDataEquivalent(beyond)).toBe(
      'more than 2× the data — further than the measured curve can say (90% interval: 1.1× to more than 2×)',
    );
    expect(describeDataEquivalent({ ...beyond, moreThan: 1, gainPerDoubling: 0 })).toMatch(
      /^more than any amount of data as noisy as this — its learning curve does not rise/,
    );
    expect(describeDataEquivalent({ ...beyond, low: null })).toBe(
      'more than 2× the data — further than the measured curve can say',
    );
  });
});
