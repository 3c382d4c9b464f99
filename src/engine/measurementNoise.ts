/**
 * How much a test accuracy, and a change in it, could move by chance: the
 * noise a reader should hold a playground's numbers against.
 *
 * Two sources, both measured: the starting points (an average of R networks
 * from R seeded starts moves with the starts; the spread of the members' own
 * test accuracies, s, estimates it as s / √R) and the test points (n clean
 * points estimate an accuracy p with a standard error √(p(1 − p) / n); two
 * models scored on the same points differ only where they disagree, D
 * points, so their difference has a standard error of about √D / n). The
 * noise is twice the combined standard error: a change smaller than it is
 * not a finding.
 */

export interface MeasuredAccuracy {
  /** Accuracy of the averaged model on the test points. */
  readonly accuracy: number;
  /** `(R)` test accuracy of each averaged member (one entry for a single model). */
  readonly memberAccuracies: readonly number[];
  /** `(n)` the averaged model's class for each test point. */
  readonly testPredictions: Int32Array;
}

/** Sample variance of the members' accuracies divided by R (0 with a single member). */
export function startsVariance(memberAccuracies: readonly number[]): number {
  const r = memberAccuracies.length;
  if (r < 2) return 0;
  const mean = memberAccuracies.reduce((a, b) => a + b, 0) / r;
  const variance = memberAccuracies.reduce((a, b) => a + (b - mean) ** 2, 0) / (r - 1);
  return variance / r;
}

/** Two standard errors of one accuracy: starting points and test points together. NaN without test points. */
export function accuracyNoise(measured: MeasuredAccuracy): number {
  const n = measured.testPredictions.length;
  if (n === 0) return NaN;
  const p = measured.accuracy;
  return 2 * Math.sqrt(startsVariance(measured.memberAccuracies) + (p * (1 - p)) / n);
}

/**
 * Two standard errors of `after.accuracy − before.accuracy`, both scored on
 * the same test points: the starts of each, and the points where they
 * disagree. NaN when they were not scored on the same number of points.
 */
export function changeNoise(before: MeasuredAccuracy, after: MeasuredAccuracy): number {
  const n = before.testPredictions.length;
  if (n === 0 || after.testPredictions.length !== n) return NaN;
  let disagree = 0;
  for (let i = 0; i < n; i++) if (before.testPredictions[i] !== after.testPredictions[i]) disagree++;
  return (
    2 * Math.sqrt(startsVariance(before.memberAccuracies) + startsVariance(after.memberAccuracies) + disagree / (n * n))
  );
}
