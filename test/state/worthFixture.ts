/** A hand-made TabularWorth (what the worker returns), built with the engine's real worthReport. */
import { worthReport } from '../../src/engine/worth/worthReport.ts';
import type { TabularWorth } from '../../src/state/worthAnalysis.svelte.ts';

export function fakeWorth(options: { suspects?: number; rows?: number; headlineTag?: string } = {}): TabularWorth {
  const rows = options.rows ?? 178;
  const suspects = options.suspects ?? 3;
  const k = 3;
  const noise = {
    estimate: 0.04,
    low: 0.02,
    high: 0.07,
    level: 0.9,
    anchorRows: Math.round(0.3 * rows),
    correction: 'uniform' as const,
    classes: {
      flipRates: [0.03, 0.05, 0.04],
      matrix: [0.97, 0.025, 0.02, 0.015, 0.95, 0.02, 0.015, 0.025, 0.96],
      priors: [0.33, 0.4, 0.27],
      pValue: 0.6,
      classConditional: false,
    },
  };
  const signal = { accuracy: 0.95, majority: 0.4, logLoss: 0.2, priorLogLoss: 1.08, z: 25, informative: true };
  const bootstrap = {
    resamples: 1000,
    level: 0.9,
    accuracyNow: { low: 0.95, high: 0.99 },
    accuracyAfterCleaning: { low: 0.97, high: 1 },
    gain: { low: 0.004, high: 0.03 },
    factor: { low: 1.2, high: Infinity },
    gainShare: 0.97,
  };
  const curve = [
    { fraction: 0.125, size: 18, accuracy: 0.85, corrected: 0.88, truth: null },
    { fraction: 0.25, size: 36, accuracy: 0.9, corrected: 0.93, truth: null },
    { fraction: 0.5, size: 71, accuracy: 0.93, corrected: 0.96, truth: null },
    { fraction: 1, size: 142, accuracy: 0.95, corrected: 0.975, truth: null },
  ];
  const report = worthReport({
    n: rows,
    classes: k,
    signal,
    noise,
    suspected: suspects,
    accuracyNow: 0.975,
    accuracyAfterCleaning: 0.99,
    curve: { sizes: curve.map((p) => p.size), accuracy: curve.map((p) => p.corrected) },
    bootstrap,
    model: 'logistic regression (C = 1)',
    folds: 5,
    innerFolds: 4,
    repeats: 2,
  });
  const issues = Array.from({ length: suspects }, (_, i) => ({
    position: 8 + 2 * i,
    row: 10 + 2 * i,
    given: `cultivar_${1 + (i % 3)}`,
    suggested: `cultivar_${1 + ((i + 1) % 3)}`,
    score: 0.01 * (i + 1),
    injected: null,
  }));
  return {
    summary: {
      rows,
      setAside: 0,
      classes: [
        { name: 'cultivar_1', count: 59 },
        { name: 'cultivar_2', count: 71 },
        { name: 'cultivar_3', count: 48 },
      ],
      features: Array.from({ length: 13 }, (_, i) => `f${i}`),
      label: 'cultivar',
      folds: 5,
      seed: 0,
      model: 'auto',
      filter: 'prune_by_noise_rate',
    },
    model: {
      choice: 'auto',
      chosen: { kind: 'logreg', l2: 1 },
      description: 'logistic regression (C = 1)',
      runnerUp: { kind: 'mlp', l2: 10 },
      candidates: [
        { kind: 'logreg', l2: 1, logLoss: 0.2, chosen: true },
        { kind: 'mlp', l2: 10, logLoss: 0.21, chosen: false },
      ],
      selectionRows: rows,
    },
    signal,
    baseline: { accuracy: 0.95, corrected: 0.975, truth: null },
    detection: {
      estimatedNoiseRate: 0.04,
      flagged: suspects,
      issues,
      rowNumbers: Int32Array.from({ length: rows }, (_, i) => i + 2),
      scores: Float64Array.from({ length: rows }, (_, i) => issues.find((issue) => issue.position === i)?.score ?? 0.9),
    },
    noise,
    classNames: ['cultivar_1', 'cultivar_2', 'cultivar_3'],
    afterCleaning: {
      accuracy: 0.96,
      corrected: 0.99,
      truth: null,
      cleaning: { fixes: 24, fixesRight: null, fixesWrong: null },
    },
    curve,
    sensitivity: {
      points: [
        { extra: 0, noise: 0.04, accuracy: 0.95, corrected: 0.975, truth: null },
        { extra: 0.1, noise: 0.13, accuracy: 0.86, corrected: 0.96, truth: null },
        { extra: 0.2, noise: 0.22, accuracy: 0.76, corrected: 0.94, truth: null },
      ],
      accuracyAtZeroNoise: 0.985,
    },
    bootstrap,
    report: options.headlineTag ? { ...report, headline: `${report.headline} [${options.headlineTag}]` } : report,
    injected: null,
    fits: 200,
    repeats: 2,
    innerFolds: 4,
  };
}
