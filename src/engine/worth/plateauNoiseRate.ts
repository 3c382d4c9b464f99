/**
 * How many labels are wrong, told apart from examples that are merely hard:
 * the disagreement rate on the plateau of the surest rows.
 *
 * Shapes: N examples, K classes; `given` is `(N)` labels in [0, K), `probs`
 * is `(N, K)` out-of-fold predicted probabilities, row-major (each row from a
 * model that never saw it).
 *
 * Why: when a share r of the labels is wrong at random, a wrong label is as
 * likely on a row the model is sure about as on any other. Sort the rows by
 * the model's confidence (its largest probability), surest first, and look at
 * how often the given label disagrees with the prediction. Where the model is
 * right — the sure end, if the model is any good — a disagreement is a wrong
 * label, so the rate there is r. Further down the model makes mistakes of its
 * own (hard examples, overlapping classes), and the rate climbs above r. The
 * estimate is that plateau: the disagreement indicators in confidence order
 * are fitted by a non-decreasing (isotonic) curve, and the curve is averaged
 * over the surest `fraction` of the rows. The isotonic fit lets a few more
 * disagreements among the very surest rows pool with their neighbours instead
 * of standing as the whole answer.
 *
 * The interval is honest about the one choice the estimate rests on — how far
 * the plateau reaches, which the data cannot settle when the model is weak —
 * and about sampling: it spans the estimates over a range of fractions
 * (SENSITIVITY_FRACTIONS) and, when given, a second model's probabilities,
 * each ± z standard errors of a share of m out of N rows,
 * √(s(1 − s)(1/m − 1/N)) (the rows are these N rows, not a sample from more).
 * Intrinsic errors among the anchor rows can only push a share up, so when
 * the fractions disagree the interval reaches down to the smaller ones.
 *
 * Constants chosen on the tuning tables (docs/worth-accuracy.md): fraction
 * 0.3, sensitivity fractions 0.15, 0.3 and 0.45.
 */
import { checkInputs, predictsGivenLabel, rowArgmax } from '../confident/checks.ts';
import { isotonicIncreasing } from './isotonic.ts';

/** Share of the rows, surest first, whose isotonic disagreement rate is the estimate. */
export const PLATEAU_FRACTION = 0.3;
/** Fractions whose estimates the interval spans. */
export const SENSITIVITY_FRACTIONS: readonly number[] = [0.15, 0.3, 0.45];

/** The rows in confidence order and whether each disagrees with the prediction. */
export interface ConfidenceOrder {
  /** `(N)` positions, the highest top probability first (ties by position). */
  readonly order: Int32Array;
  /** `(N)` in `order`: 1 when the given label is not the model's prediction (cleanlab's tie rule: a label within 1e-6 of the top counts as predicted). */
  readonly disagrees: Uint8Array;
}

export function confidenceOrder(given: ArrayLike<number>, probs: ArrayLike<number>, k: number): ConfidenceOrder {
  const n = checkInputs(given, probs, k);
  const top = new Float64Array(n);
  for (let i = 0; i < n; i++) top[i] = probs[i * k + rowArgmax(probs, i, k)]!;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => top[b]! - top[a]! || a - b);
  const disagrees = Uint8Array.from(order, (i) => (predictsGivenLabel(probs, i, k, given[i]!) ? 0 : 1));
  return { order, disagrees };
}

/** Rows in the surest `fraction` of n: round(fraction · n), at least 1 (0 when n = 0). */
export function plateauRows(n: number, fraction: number): number {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`plateau fraction must be in (0, 1], got ${fraction}`);
  return n === 0 ? 0 : Math.min(n, Math.max(1, Math.round(fraction * n)));
}

/**
 * The isotonic disagreement rate averaged over the first `fraction` of
 * `disagrees` (in confidence order), with optional per-row `weights` (a
 * bootstrap's counts); NaN for no rows.
 */
export function plateauRate(disagrees: ArrayLike<number>, fraction: number, weights?: ArrayLike<number>): number {
  const n = disagrees.length;
  const m = plateauRows(n, fraction);
  if (m === 0) return NaN;
  const fit = isotonicIncreasing(disagrees, weights);
  let sum = 0;
  let total = 0;
  for (let j = 0; j < m; j++) {
    const w = weights ? weights[j]! : 1;
    sum += w * fit[j]!;
    total += w;
  }
  return total > 0 ? sum / total : NaN;
}

export interface PlateauNoiseRate {
  /** The plateau rate at PLATEAU_FRACTION of the first probabilities; NaN when N = 0. */
  readonly estimate: number;
  /** Ends of the sensitivity interval (see the file header), within [0, (K − 1)/K]. */
  readonly low: number;
  readonly high: number;
  /** Nominal coverage of each ± z band, e.g. 0.9. */
  readonly level: number;
  /** Rows the estimate averages over. */
  readonly anchorRows: number;
  /** Each estimate the interval spans: which probabilities (0 = the first), fraction, rate. */
  readonly variants: readonly { readonly model: number; readonly fraction: number; readonly rate: number }[];
}

export interface PlateauOptions {
  /** Default PLATEAU_FRACTION. */
  readonly fraction?: number;
  /** Default SENSITIVITY_FRACTIONS. */
  readonly sensitivity?: readonly number[];
  /** Other models' `(N, K)` out-of-fold probabilities whose estimates the interval also spans. */
  readonly alternatives?: readonly ArrayLike<number>[];
  /** Default 0.9. */
  readonly level?: number;
}

/** The standard normal quantile, by Acklam's rational approximation (|error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** The plateau estimate of the noise rate and its sensitivity interval (see the file header). */
export function plateauNoiseRate(
  given: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  options: PlateauOptions = {},
): PlateauNoiseRate {
  const fraction = options.fraction ?? PLATEAU_FRACTION;
  const sensitivity = options.sensitivity ?? SENSITIVITY_FRACTIONS;
  const level = options.level ?? 0.9;
  if (!(level > 0 && level < 1)) throw new RangeError(`interval level must be in (0, 1), got ${level}`);
  const n = checkInputs(given, probs, k);
  const anchorRows = plateauRows(n, fraction);
  if (n === 0) return { estimate: NaN, low: NaN, high: NaN, level, anchorRows: 0, variants: [] };
  const z = normalQuantile(1 - (1 - level) / 2);
  const ceiling = (k - 1) / k;
  const sets = [probs, ...(options.alternatives ?? [])];
  let estimate = NaN;
  let low = Infinity;
  let high = -Infinity;
  const variants: { model: number; fraction: number; rate: number }[] = [];
  sets.forEach((p, model) => {
    const { disagrees } = confidenceOrder(given, p, k);
    const fractions = [...new Set([fraction, ...sensitivity])].sort((a, b) => a - b);
    for (const q of fractions) {
      const rate = plateauRate(disagrees, q);
      const m = plateauRows(n, q);
      const share = Math.min(Math.max(rate, 1 / m), 1 - 1 / (2 * m));
      const se = Math.sqrt(Math.max(0, share * (1 - share) * (1 / m - 1 / n)));
      low = Math.min(low, rate - z * se);
      high = Math.max(high, rate + z * se);
      variants.push({ model, fraction: q, rate });
      if (model === 0 && q === fraction) estimate = rate;
    }
  });
  // A rate above (K − 1)/K would mean labels worse than chance: the ceiling bounds the estimate and both ends.
  const point = Math.min(estimate, ceiling);
  return {
    estimate: point,
    low: Math.min(point, Math.max(0, low)),
    high: Math.min(ceiling, Math.max(high, point)),
    level,
    anchorRows,
    variants,
  };
}
