/** Input checks shared by the confident-learning steps; errors name the problem and the fix. */

export function checkInputs(labels: ArrayLike<number>, probs: ArrayLike<number>, k: number): number {
  const n = labels.length;
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`confident learning needs at least 2 classes, got ${k}`);
  if (probs.length !== n * k) {
    throw new RangeError(
      `predicted probabilities must be (N, K) = (${n}, ${k}), i.e. ${n * k} numbers; got ${probs.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    if (!(Number.isInteger(label) && label >= 0 && label < k)) {
      throw new RangeError(`label ${label} of example ${i} is not a class in [0, ${k})`);
    }
  }
  return n;
}

/** Number of examples with each given label. */
export function labelCounts(labels: ArrayLike<number>, k: number): Int32Array {
  const counts = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  return counts;
}

/** Index of the largest of row i's K values (the first on ties, as numpy's argmax). */
export function rowArgmax(probs: ArrayLike<number>, i: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (probs[i * k + j]! > probs[i * k + best]!) best = j;
  return best;
}

/** Probabilities closer than this count as equal (cleanlab's FLOATING_POINT_COMPARISON). */
export const PROBABILITY_TOLERANCE = 1e-6;

/**
 * Whether the model predicts row i's given `label`, by cleanlab's tie rule
 * (`count._reduce_issues`): the label's probability, raised by 1e-6, is the
 * row's largest — the first largest, as numpy's argmax. So a label tied with
 * the top probability, or within 1e-6 below it, counts as predicted, whether
 * the other class comes before or after it ([0.5, 0.5] predicts both 0 and 1).
 */
export function predictsGivenLabel(probs: ArrayLike<number>, i: number, k: number, label: number): boolean {
  const raised = probs[i * k + label]! + PROBABILITY_TOLERANCE;
  for (let j = 0; j < k; j++) {
    const p = probs[i * k + j]!;
    // An earlier class wins a tie with the raised label, a later one must exceed it.
    if (j < label ? p >= raised : j > label && p > raised) return false;
  }
  return true;
}
