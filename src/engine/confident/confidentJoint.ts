import { checkInputs, rowArgmax } from './checks.ts';
import { confidentThresholds } from './thresholds.ts';

export interface ConfidentJoint {
  /** `(K, K)` counts, rows = given label, columns = true label (uncalibrated). */
  readonly counts: Int32Array;
  /** Examples counted off the diagonal (given ≠ confident class), ascending. */
  readonly offDiagonal: Int32Array;
  /** The confident class of each example, or −1 when it reaches no threshold. `(N)` */
  readonly confidentClass: Int32Array;
  readonly thresholds: Float64Array;
}

/**
 * The confident joint. An example is confidently in class j when
 * probs[i][j] ≥ t_j (less 1e-6 for float comparison); with several such
 * classes, the most probable one counts. Each confident example adds one to
 * C[given][confident class]. Every diagonal entry is raised to at least 1
 * (each class keeps one correctly labelled example).
 */
export function confidentJoint(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  options: { readonly thresholds?: Float64Array } = {},
): ConfidentJoint {
  const n = checkInputs(labels, probs, k);
  const thresholds = options.thresholds ?? confidentThresholds(labels, probs, k);
  const counts = new Int32Array(k * k);
  const confidentClass = new Int32Array(n).fill(-1);
  const offDiagonal: number[] = [];
  for (let i = 0; i < n; i++) {
    let first = -1;
    let confident = 0;
    for (let j = 0; j < k; j++) {
      if (probs[i * k + j]! >= thresholds[j]! - 1e-6) {
        if (first < 0) first = j;
        confident++;
      }
    }
    if (confident === 0) continue;
    const guess = confident > 1 ? rowArgmax(probs, i, k) : first;
    confidentClass[i] = guess;
    counts[labels[i]! * k + guess]!++;
    if (guess !== labels[i]) offDiagonal.push(i);
  }
  for (let c = 0; c < k; c++) counts[c * k + c] = Math.max(1, counts[c * k + c]!);
  return { counts, offDiagonal: Int32Array.from(offDiagonal), confidentClass, thresholds };
}
