/**
 * A noise-rate estimate that tells wrong labels from hard examples, and its
 * blend with confident learning's.
 *
 * Shapes: N examples, K classes; `given` is `(N)` labels in [0, K), `probs`
 * is `(N, K)` out-of-fold predicted probabilities, row-major.
 *
 * Confident learning counts every confident disagreement between the given
 * label and the model as a wrong label. Where classes overlap — examples the
 * model gets wrong even with correct labels — those disagreements are counted
 * too, and the estimate can be many points too high (on a table where the
 * model reaches 75% with clean labels, it reports about 20% noise on the
 * clean file).
 *
 * The anchored estimate uses what "labels wrong at random" implies: a random
 * mistake is as likely on an example the model is sure about as on any
 * other. So among the `fraction` of examples with the highest out-of-fold
 * confidence — where the model, trained without them, is almost always right
 * — the share whose given label disagrees with the prediction is the noise
 * rate. It is unbiased when those examples carry no intrinsic errors, and
 * otherwise errs high by their error rate; it is noisier than confident
 * learning because it looks at fewer rows.
 *
 * The blend keeps the precision of confident learning where it is sound:
 *   estimate = anchored + w · (confidentLearning − anchored),
 *   w = v / (v + b²),  b² = max(0, (confidentLearning − anchored)² − v),
 * with v the sampling variance of the anchored share (a binomial share of m
 * of the N rows: a(1 − a)(1/m − 1/N)). This is the minimum-squared-error
 * weight between an unbiased estimate of variance v and a precise one of
 * unknown bias b, with b² estimated from their difference. When the two
 * agree within sampling error, w = 1 and the estimate is confident
 * learning's; when confident learning is far above (overlapping classes),
 * w → 0 and the estimate is the anchored one.
 */
import { checkInputs } from '../confident/checks.ts';

/** Share of the rows, the surest first, that the anchored estimate looks at. */
export const ANCHOR_FRACTION = 0.4;

export interface AnchoredNoiseRate {
  /** Share of the anchor rows whose given label is not the predicted class; NaN when N = 0. */
  readonly estimate: number;
  /** m: the rows looked at, round(fraction · N), at least 1 (0 when N = 0). */
  readonly rows: number;
  /** Of them, the rows whose given label disagrees with the prediction. */
  readonly disagreements: number;
}

export interface BlendedNoiseRate {
  /** The blend (see the file header); NaN when N = 0. */
  readonly estimate: number;
  /** Confident learning's estimate on the same probabilities. */
  readonly confidentLearning: number;
  readonly anchored: number;
  /** Rows the anchored estimate looked at. */
  readonly anchorRows: number;
  /** w: the weight on confident learning, in [0, 1]. */
  readonly weight: number;
}

/** Anchor rows for `n` examples at `fraction`. */
export function anchorRowCount(n: number, fraction: number): number {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`anchor fraction must be in (0, 1], got ${fraction}`);
  return n === 0 ? 0 : Math.min(n, Math.max(1, Math.round(fraction * n)));
}

/**
 * Row order for the anchored estimate: highest out-of-fold confidence (the
 * largest probability of the row) first, ties by position. `(N)` positions.
 */
export function confidenceOrder(probs: ArrayLike<number>, n: number, k: number): Int32Array {
  const top = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let c = 0; c < k; c++) best = Math.max(best, probs[i * k + c]!);
    top[i] = best;
  }
  return Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => top[b]! - top[a]! || a - b);
}

/** The predicted class of row i: the first largest probability. */
function predicted(probs: ArrayLike<number>, i: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (probs[i * k + c]! > probs[i * k + best]!) best = c;
  return best;
}

/** The disagreement rate among the surest `fraction` of the rows (see the file header). */
export function anchoredNoiseRate(
  given: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  options: { readonly fraction?: number } = {},
): AnchoredNoiseRate {
  const n = checkInputs(given, probs, k);
  const m = anchorRowCount(n, options.fraction ?? ANCHOR_FRACTION);
  if (n === 0) return { estimate: NaN, rows: 0, disagreements: 0 };
  const order = confidenceOrder(probs, n, k);
  let disagreements = 0;
  for (let j = 0; j < m; j++) {
    const i = order[j]!;
    if (given[i] !== predicted(probs, i, k)) disagreements++;
  }
  return { estimate: disagreements / m, rows: m, disagreements };
}

/**
 * The blend of confident learning's estimate and the anchored one (share
 * `anchored` of `anchorRows` out of `n` rows); see the file header.
 */
export function blendNoiseRates(
  confidentLearning: number,
  anchored: number,
  anchorRows: number,
  n: number,
): { readonly estimate: number; readonly weight: number } {
  if (Number.isNaN(confidentLearning) || Number.isNaN(anchored)) return { estimate: NaN, weight: NaN };
  if (!(Number.isInteger(anchorRows) && anchorRows >= 1 && anchorRows <= n)) {
    throw new RangeError(`anchor rows must be a whole number from 1 to ${n}, got ${anchorRows}`);
  }
  // A share of 0 still has sampling error: use at least one row's worth.
  const share = Math.max(anchored, 1 / anchorRows);
  const variance = Math.max(0, share * (1 - share) * (1 / anchorRows - 1 / n));
  const gap = confidentLearning - anchored;
  const biasSquared = Math.max(0, gap * gap - variance);
  const weight = variance + biasSquared > 0 ? variance / (variance + biasSquared) : 1;
  return { estimate: anchored + weight * gap, weight };
}
