import { checkInputs } from './checks.ts';

/** Lower bound on a threshold (cleanlab's CONFIDENT_THRESHOLDS_LOWER_BOUND). */
export const THRESHOLD_LOWER_BOUND = 2e-6;
/** Threshold of a class no example is labelled with: no probability reaches it. */
export const MISSING_CLASS_THRESHOLD = 2;

/**
 * Per-class confident thresholds: t_k = the mean predicted probability of
 * class k over the examples given label k (the model's average
 * self-confidence for k). `(K)`.
 */
export function confidentThresholds(labels: ArrayLike<number>, probs: ArrayLike<number>, k: number): Float64Array {
  const n = checkInputs(labels, probs, k);
  const sums = new Float64Array(k);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    sums[label]! += probs[i * k + label]!;
    counts[label]!++;
  }
  return sums.map((sum, c) =>
    counts[c] ? Math.max(THRESHOLD_LOWER_BOUND, sum / counts[c]!) : MISSING_CLASS_THRESHOLD,
  );
}
