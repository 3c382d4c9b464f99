/**
 * Do the features predict the label at all? Before any noise rate is worth
 * stating, the model must predict the given labels clearly better than
 * knowing only how common each class is. When it does not — a label drawn
 * independently of the features, a table that parsed into the wrong columns
 * — every disagreement looks like a wrong label and a noise estimate would
 * be a confident number about nothing.
 *
 * Shapes: N examples, K classes; `given` `(N)`, `probs` `(N, K)` out-of-fold.
 *
 * Two checks, both on the out-of-fold predictions:
 * - log-loss: the mean gain in log-probability of the given label over the
 *   class shares, with its standard error from the per-row gains; the
 *   features carry signal when the gain is at least SIGNAL_Z standard errors
 *   and at least MIN_GAIN nats;
 * - accuracy: above the majority-class rate by at least LIFT_Z binomial
 *   standard errors of that rate (so a table whose model only ever predicts
 *   the common class says so).
 * Heavy noise on a binary table brings a good model's accuracy against the
 * given labels close to the majority rate too; the thresholds are loose
 * enough (chosen on the tuning tables) that such a table is still analysed,
 * and its wide noise interval then says how sure the answer is.
 */
import { checkInputs, labelCounts, predictsGivenLabel } from '../confident/checks.ts';

/** Standard errors the log-loss gain must clear (one-sided p ≈ 0.02). */
export const SIGNAL_Z = 2;
/** Binomial standard errors of the majority rate the accuracy must clear. */
export const LIFT_Z = 1;
/** Smallest mean log-loss gain (nats per row) that counts as signal. */
export const MIN_GAIN = 0.01;

export interface LabelSignal {
  /** Out-of-fold accuracy against the given labels. */
  readonly accuracy: number;
  /** Share of the most common given label (the accuracy of always guessing it). */
  readonly majority: number;
  /** Mean −log P(given label), out of fold. */
  readonly logLoss: number;
  /** Mean −log (share of the given label): knowing only the class shares. */
  readonly priorLogLoss: number;
  /** (priorLogLoss − logLoss) in standard errors of the per-row gains. */
  readonly z: number;
  /** Both checks passed (see the file header). */
  readonly informative: boolean;
}

export function labelSignal(given: ArrayLike<number>, probs: ArrayLike<number>, k: number): LabelSignal {
  const n = checkInputs(given, probs, k);
  if (n === 0) return { accuracy: NaN, majority: NaN, logLoss: NaN, priorLogLoss: NaN, z: NaN, informative: false };
  const counts = labelCounts(given, k);
  const majority = Math.max(...counts) / n;
  let hits = 0;
  let sum = 0;
  let sumSq = 0;
  let model = 0;
  let prior = 0;
  for (let i = 0; i < n; i++) {
    const g = given[i]!;
    if (predictsGivenLabel(probs, i, k, g)) hits++;
    const lp = -Math.log(Math.max(probs[i * k + g]!, 1e-12));
    const lq = -Math.log(counts[g]! / n);
    const gain = lq - lp;
    model += lp;
    prior += lq;
    sum += gain;
    sumSq += gain * gain;
  }
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
  const z = variance > 0 ? mean / Math.sqrt(variance / n) : mean > 0 ? Infinity : 0;
  const accuracy = hits / n;
  const lift = accuracy - majority;
  const liftSe = Math.sqrt(Math.max(majority * (1 - majority), 1 / n) / n);
  return {
    accuracy,
    majority,
    logLoss: model / n,
    priorLogLoss: prior / n,
    z,
    informative: z >= SIGNAL_Z && mean >= MIN_GAIN && lift >= LIFT_Z * liftSe,
  };
}
