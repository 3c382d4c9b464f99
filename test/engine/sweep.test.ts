import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  ARMS,
  planSweep,
  summarizeSweep,
  trialKey,
  type SweepSpec,
  type TrialOutcome,
  type TrialSpec,
} from '../../src/engine/sweep.ts';
import { exchangeRate } from '../../src/engine/exchange.ts';

const SPEC: SweepSpec = {
  dataset: 'digits',
  model: 'logreg',
  sizes: [50, 100, 200, 300, 500, 750, 1000, 1250],
  noise: { kind: 'uniform', rate: 0.1 },
  seeds: 5,
  firstSeed: 0,
  n0: 100,
};

const reference = JSON.parse(
  readFileSync(new URL('../fixtures/reference/digits-curve-sklearn.json', import.meta.url), 'utf8'),
) as { models: { lr: { mean: Record<string, Record<string, number>> } } };
const LR_MEAN = reference.models.lr.mean;

function outcome(spec: TrialSpec, accuracy: number): TrialOutcome {
  return {
    spec,
    accuracy,
    accuracyNoisyTest: null,
    trainAccuracyGiven: 1,
    trainAccuracyTrue: 1,
    iterations: 10,
    converged: true,
    milliseconds: 5,
    backend: 'cpu',
  };
}

/** Outcomes whose mean over seeds is the reference LR mean: seed s adds (s − 2)·0.002 (which averages out over 5 seeds). */
function referenceOutcomes(spec: SweepSpec): TrialOutcome[] {
  return planSweep(spec).map((trial) => {
    const curve =
      LR_MEAN[trial.arm === 'clean' ? 'noise_0.0' : `noise_${(trial.noise as { rate: number }).rate.toFixed(1)}`]!;
    return outcome(trial, curve[String(trial.size)]! + (trial.seed - spec.firstSeed - 2) * 0.002);
  });
}

describe('planSweep', () => {
  it('planSweep(spec) has sizes × 2 arms × seeds trials', () => {
    expect(planSweep(SPEC)).toHaveLength(8 * 2 * 5);
    expect(planSweep({ ...SPEC, sizes: [10, 20, 30], seeds: 1 })).toHaveLength(6);
  });

  it('planSweep(spec) is seed-major, sizes ascending, clean before noisy', () => {
    const plan = planSweep({ ...SPEC, sizes: [50, 100], seeds: 2, firstSeed: 7 });
    expect(plan.map((t) => [t.seed, t.size, t.arm])).toEqual([
      [7, 50, 'clean'],
      [7, 50, 'noisy'],
      [7, 100, 'clean'],
      [7, 100, 'noisy'],
      [8, 50, 'clean'],
      [8, 50, 'noisy'],
      [8, 100, 'clean'],
      [8, 100, 'noisy'],
    ]);
    expect(ARMS).toEqual(['clean', 'noisy']);
  });

  it('planSweep(spec) gives the clean arm no noise and the noisy arm the spec’s noise', () => {
    for (const trial of planSweep(SPEC)) {
      expect(trial.dataset).toBe('digits');
      expect(trial.model).toBe('logreg');
      if (trial.arm === 'clean') expect(trial.noise).toEqual({ kind: 'uniform', rate: 0 });
      else expect(trial.noise).toEqual({ kind: 'uniform', rate: 0.1 });
    }
  });

  it('planSweep(spec) completes the whole first-seed curve before any trial of the second seed', () => {
    const plan = planSweep(SPEC);
    const firstCurve = plan.slice(0, 2 * SPEC.sizes.length);
    expect(firstCurve.every((t) => t.seed === 0)).toBe(true);
    expect(new Set(firstCurve.map((t) => `${t.arm}${t.size}`)).size).toBe(2 * SPEC.sizes.length);
  });

  it('planSweep({seeds: 0}) is empty', () => {
    expect(planSweep({ ...SPEC, seeds: 0 })).toEqual([]);
  });
});

describe('trialKey', () => {
  const trial: TrialSpec = {
    dataset: 'digits',
    model: 'logreg',
    arm: 'noisy',
    size: 500,
    noise: { kind: 'uniform', rate: 0.1 },
    seed: 3,
  };

  it('trialKey(spec) is a pinned string of every field', () => {
    expect(trialKey(trial)).toBe('digits|logreg|noisy|uniform|0.1|500|3');
  });

  it('trialKey(spec) is equal for equal specs built separately', () => {
    expect(trialKey({ ...trial, noise: { kind: 'uniform', rate: 0.1 } })).toBe(trialKey(trial));
  });

  it('trialKey(spec) differs when any field differs', () => {
    const variants: TrialSpec[] = [
      { ...trial, dataset: 'fashion' },
      { ...trial, model: 'mlp' },
      { ...trial, arm: 'clean' },
      { ...trial, noise: { kind: 'uniform', rate: 0.2 } },
      { ...trial, size: 501 },
      { ...trial, seed: 4 },
    ];
    const keys = new Set([trialKey(trial), ...variants.map(trialKey)]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it('trialKey gives every trial of a plan a distinct key', () => {
    const plan = planSweep(SPEC);
    expect(new Set(plan.map(trialKey)).size).toBe(plan.length);
  });
});

describe('summarizeSweep', () => {
  it('summarizeSweep(spec, []) has empty curves, no exchange rate and the total number of trials', () => {
    const summary = summarizeSweep(SPEC, []);
    expect(summary.done).toBe(0);
    expect(summary.total).toBe(80);
    expect(summary.minSeeds).toBe(0);
    expect(summary.exchange).toBeNull();
    expect(summary.tripled).toBeNull();
    expect(summary.clean.map((p) => p.size)).toEqual(SPEC.sizes);
    for (const point of [...summary.clean, ...summary.noisy]) {
      expect(point.values).toEqual([]);
      expect(point.count).toBe(0);
      expect(point.mean).toBeNaN();
      expect(point.sd).toBeNaN();
    }
  });

  it('summarizeSweep(spec, outcomes) gives each size and arm the mean and population sd of its accuracies', () => {
    const spec: SweepSpec = { ...SPEC, sizes: [10, 20], seeds: 2, n0: 10 };
    const [c10a, n10a, c20a, n20a, c10b, n10b, c20b, n20b] = planSweep(spec);
    const summary = summarizeSweep(spec, [
      outcome(c10a!, 0.8),
      outcome(n10a!, 0.5),
      outcome(c20a!, 0.9),
      outcome(n20a!, 0.7),
      outcome(c10b!, 0.6),
      outcome(n10b!, 0.5),
      outcome(c20b!, 0.9),
      outcome(n20b!, 0.8),
    ]);
    expect(summary.clean[0]).toMatchObject({ size: 10, values: [0.8, 0.6], count: 2 });
    expect(summary.clean[0]!.mean).toBeCloseTo(0.7, 15);
    expect(summary.clean[0]!.sd).toBeCloseTo(0.1, 15);
    expect(summary.clean[1]).toMatchObject({ size: 20, values: [0.9, 0.9], mean: 0.9, sd: 0, count: 2 });
    expect(summary.noisy[0]).toMatchObject({ size: 10, values: [0.5, 0.5], mean: 0.5, sd: 0 });
    expect(summary.noisy[1]!.mean).toBeCloseTo(0.75, 15);
    expect(summary.noisy[1]!.sd).toBeCloseTo(0.05, 15);
    expect(summary.done).toBe(8);
    expect(summary.total).toBe(8);
    expect(summary.minSeeds).toBe(2);
  });

  it('summarizeSweep(spec, outcomes) keeps the exchange rate null until every size of both arms has a result', () => {
    const outcomes = referenceOutcomes(SPEC);
    const firstCurve = 2 * SPEC.sizes.length;
    for (let k = 0; k < firstCurve; k++) {
      const summary = summarizeSweep(SPEC, outcomes.slice(0, k));
      expect(summary.exchange, `after ${k} outcomes`).toBeNull();
      expect(summary.tripled).toBeNull();
      expect(summary.minSeeds).toBe(0);
    }
    const first = summarizeSweep(SPEC, outcomes.slice(0, firstCurve));
    expect(first.exchange).not.toBeNull();
    expect(first.minSeeds).toBe(1);
    // Missing a single noisy point (even after later seeds arrived) keeps it null.
    const withoutOne = outcomes.filter((o) => !(o.spec.arm === 'noisy' && o.spec.size === 300));
    expect(summarizeSweep(SPEC, withoutOne).exchange).toBeNull();
  });

  it('summarizeSweep(spec, outcomes) counts minSeeds as the fewest results at any point', () => {
    const outcomes = referenceOutcomes(SPEC);
    expect(summarizeSweep(SPEC, outcomes).minSeeds).toBe(5);
    expect(summarizeSweep(SPEC, outcomes.slice(0, 2 * 8 * 3 + 1)).minSeeds).toBe(3);
  });

  it('summarizeSweep(spec, outcomes) reads the exchange rate off the mean curves (reference LR, 10% noise)', () => {
    const summary = summarizeSweep(SPEC, referenceOutcomes(SPEC));
    const sizes = SPEC.sizes;
    const expected = exchangeRate(
      { sizes, accuracy: sizes.map((n) => LR_MEAN['noise_0.0']![String(n)]!) },
      { sizes, accuracy: sizes.map((n) => LR_MEAN['noise_0.1']![String(n)]!) },
      100,
    );
    expect(summary.exchange?.status).toBe('interpolated');
    if (summary.exchange?.status !== 'interpolated' || expected.status !== 'interpolated') return;
    expect(summary.exchange.equivalentN).toBeCloseTo(expected.equivalentN, 6);
    // scikit-learn reference: clean labels at 100 ≈ 239.5 noisy examples.
    expect(summary.exchange.equivalentN).toBeCloseTo(239.49297422967877, 6);
    summary.clean.forEach((p) => expect(p.sd).toBeCloseTo(Math.sqrt(0.002 ** 2 * 2), 12));
  });

  it('summarizeSweep(spec, outcomes) gives the tripled readout when 3·n0 is within the sizes', () => {
    const summary = summarizeSweep(SPEC, referenceOutcomes(SPEC));
    expect(summary.tripled).not.toBeNull();
    expect(summary.tripled!.n0).toBe(100);
    expect(summary.tripled!.cleanAtN0).toBeCloseTo(0.9103703703703703, 12);
    expect(summary.tripled!.noisyAt3N0).toBeCloseTo(0.915925925925926, 12);
  });

  it('summarizeSweep(spec, outcomes) has no tripled readout when 3·n0 is past the largest size', () => {
    const spec = { ...SPEC, n0: 500 };
    const summary = summarizeSweep(spec, referenceOutcomes(spec));
    expect(summary.exchange?.status).toBe('beyond_range');
    expect(summary.tripled).toBeNull();
    // 3 · 416 = 1248 ≤ 1250: still in range.
    const justInside = { ...SPEC, n0: 416 };
    expect(summarizeSweep(justInside, referenceOutcomes(justInside)).tripled).not.toBeNull();
  });

  it('summarizeSweep(spec, outcomes) ignores outcomes at sizes the spec does not have', () => {
    const spec: SweepSpec = { ...SPEC, sizes: [10, 20], seeds: 1, n0: 10 };
    const stray = outcome({ ...planSweep(spec)[0]!, size: 15 }, 0.1);
    const summary = summarizeSweep(spec, [stray]);
    expect(summary.clean.every((p) => p.count === 0)).toBe(true);
    expect(summary.done).toBe(1);
  });

  it('summarizeSweep(spec, outcomes) leaves a NaN accuracy out of the mean and the seed count', () => {
    const spec: SweepSpec = { ...SPEC, sizes: [10, 20], seeds: 2, n0: 10 };
    const plan = planSweep(spec);
    const summary = summarizeSweep(spec, [outcome(plan[0]!, 0.8), outcome(plan[4]!, NaN)]);
    expect(summary.clean[0]!.values).toHaveLength(2);
    expect(summary.clean[0]!.mean).toBe(0.8);
    expect(summary.clean[0]!.count).toBe(1);
  });
});
