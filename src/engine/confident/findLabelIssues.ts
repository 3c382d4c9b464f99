/**
 * Which examples look mislabelled, by one of cleanlab's filters.
 *
 * - prune_by_noise_rate (default): for each given class i and true class
 *   j ≠ i, flag the C[i][j] examples labelled i with the largest margin
 *   p_j − p_i (C = calibrated confident joint).
 * - prune_by_class: in each given class i, flag the (n_i − C[i][i]) examples
 *   with the lowest p_i.
 * - both: flagged by both of the above.
 * - confident_learning: the off-diagonal examples of the (uncalibrated)
 *   confident joint.
 * - predicted_neq_given: argmax of the probabilities ≠ given label.
 * - low_self_confidence / low_normalized_margin: the `numLabelIssues` lowest
 *   scores.
 * Except for the last two, an example whose given label is the model's
 * prediction is never flagged — by cleanlab's tie rule (`predictsGivenLabel`):
 * a given label tied with the top probability, or within 1e-6 below it, is
 * the prediction even when a lower-numbered class ties it (so
 * predicted_neq_given flags a binary [0.5, 0.5] row under neither label).
 * `numLabelIssues`, which sizes the last two, applies the same rule.
 */
import { checkInputs, labelCounts, predictsGivenLabel, rowArgmax } from './checks.ts';
import { confidentJoint, type ConfidentJoint } from './confidentJoint.ts';
import { calibrateConfidentJoint } from './calibrate.ts';
import { roundPreservingRowTotals } from './rounding.ts';
import { labelQualityScores } from './scores.ts';

export const FILTERS = [
  'prune_by_noise_rate',
  'prune_by_class',
  'both',
  'confident_learning',
  'predicted_neq_given',
  'low_self_confidence',
  'low_normalized_margin',
] as const;

export type Filter = (typeof FILTERS)[number];

export interface FindLabelIssuesOptions {
  readonly filter?: Filter;
  /** Never flag a class down below this many examples. Default 1. */
  readonly minExamplesPerClass?: number;
  /** A confident joint computed before (saves recomputing it). */
  readonly joint?: ConfidentJoint;
}

/** `(N)` mask: 1 where the given label looks wrong. */
export function findLabelIssues(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  options: FindLabelIssuesOptions = {},
): Uint8Array {
  const n = checkInputs(labels, probs, k);
  const filter = options.filter ?? 'prune_by_noise_rate';
  if (!(FILTERS as readonly string[]).includes(filter)) {
    throw new RangeError(`unknown filter "${filter}" (known: ${FILTERS.join(', ')})`);
  }
  const minPerClass = options.minExamplesPerClass ?? 1;
  const joint = options.joint ?? confidentJoint(labels, probs, k);
  let mask: Uint8Array = new Uint8Array(n);
  switch (filter) {
    case 'confident_learning':
      for (const i of joint.offDiagonal) mask[i] = 1;
      break;
    case 'predicted_neq_given':
      for (let i = 0; i < n; i++) mask[i] = rowArgmax(probs, i, k) !== labels[i] ? 1 : 0;
      break;
    case 'low_self_confidence':
    case 'low_normalized_margin': {
      const scores = labelQualityScores(
        labels,
        probs,
        k,
        filter === 'low_self_confidence' ? 'self_confidence' : 'normalized_margin',
      );
      const count = numLabelIssues(labels, probs, k, { joint });
      const order = Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]! || a - b);
      for (const i of order.slice(0, count)) mask[i] = 1;
      return mask;
    }
    default: {
      const calibrated = calibrateConfidentJoint(joint.counts, labels, k);
      const prune = keepAtLeastPerClass(transpose(calibrated, k), k, minPerClass);
      const counts = labelCounts(labels, k);
      if (filter === 'prune_by_class' || filter === 'both')
        mask = pruneByClass(labels, probs, k, prune, counts, minPerClass);
      if (filter === 'prune_by_noise_rate' || filter === 'both') {
        const byRate = pruneByNoiseRate(labels, probs, k, prune, counts, minPerClass);
        mask = filter === 'both' ? mask.map((m, i) => m & byRate[i]!) : byRate;
      }
    }
  }
  for (let i = 0; i < n; i++) if (predictsGivenLabel(probs, i, k, labels[i]!)) mask[i] = 0;
  return mask;
}

/**
 * The number of label issues (cleanlab's `num_label_issues`, "off_diagonal"):
 * the confident joint's off-diagonal examples, less those whose given label
 * the model also predicts (within 1e-6: `predictsGivenLabel`).
 */
export function numLabelIssues(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  options: { readonly joint?: ConfidentJoint } = {},
): number {
  checkInputs(labels, probs, k);
  const joint = options.joint ?? confidentJoint(labels, probs, k);
  let count = 0;
  for (const i of joint.offDiagonal) if (!predictsGivenLabel(probs, i, k, labels[i]!)) count++;
  return count;
}

/** Indices where `mask` is set, ascending. */
export function maskToIndices(mask: ArrayLike<number>): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(i);
  return Int32Array.from(out);
}

function transpose(matrix: ArrayLike<number>, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[j * k + i] = matrix[i * k + j]!;
  return out;
}

/**
 * The prune-count matrix P (rows = true, columns = given: the calibrated
 * joint transposed), with every diagonal entry raised to at least `n` and the
 * non-zero off-diagonal entries of its column lowered evenly to compensate
 * (cleanlab's `_keep_at_least_n_per_class`, frac_noise = 1).
 */
function keepAtLeastPerClass(prune: Float64Array, k: number, n: number): Int32Array {
  const next = Float64Array.from(prune);
  for (let col = 0; col < k; col++) {
    const diagonal = prune[col * k + col]!;
    const raised = Math.max(diagonal, n);
    let nonZero = 0;
    for (let row = 0; row < k; row++) if (prune[row * k + col] !== 0) nonZero++;
    const share = (raised - diagonal) / Math.max(nonZero - 1, 1);
    for (let row = 0; row < k; row++) next[row * k + col] = Math.max(0, prune[row * k + col]! - share);
    next[col * k + col] = raised;
  }
  // cleanlab truncates to integers (`_reduce_prune_counts` ... astype(int)) before rounding rows.
  return roundPreservingRowTotals(next.map(Math.trunc), k);
}

function pruneByClass(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  prune: Int32Array,
  counts: Int32Array,
  minPerClass: number,
): Uint8Array {
  const mask = new Uint8Array(labels.length);
  for (let c = 0; c < k; c++) {
    if (counts[c]! <= minPerClass) continue;
    const issues = counts[c]! - prune[c * k + c]!;
    if (issues < 1) continue;
    const members = membersOf(labels, c);
    members.sort((a, b) => probs[a * k + c]! - probs[b * k + c]! || a - b);
    for (const i of members.slice(0, issues)) mask[i] = 1;
  }
  return mask;
}

function pruneByNoiseRate(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  prune: Int32Array,
  counts: Int32Array,
  minPerClass: number,
): Uint8Array {
  const mask = new Uint8Array(labels.length);
  for (let given = 0; given < k; given++) {
    if (counts[given]! <= minPerClass) continue;
    const members = membersOf(labels, given);
    for (let truth = 0; truth < k; truth++) {
      const count = prune[truth * k + given]!;
      if (truth === given || count <= 0) continue;
      const margin = (i: number) => probs[i * k + truth]! - probs[i * k + given]!;
      const ordered = [...members].sort((a, b) => margin(b) - margin(a) || a - b);
      for (const i of ordered.slice(0, count)) mask[i] = 1;
    }
  }
  return mask;
}

function membersOf(labels: ArrayLike<number>, c: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === c) out.push(i);
  return out;
}
