import { checkPair } from './checks.ts';

/**
 * The labeler-vs-labeler matrix: `(K, K)` counts, row-major, **rows =
 * labeler A's class, columns = labeler B's class**; entry [i·K + j] counts
 * the items A put in class i and B in class j. The diagonal holds the
 * agreements, everything off it the disagreements. (scikit-learn's
 * `confusion_matrix(a, b, labels=range(K))`.)
 */
export function disagreementMatrix(a: ArrayLike<number>, b: ArrayLike<number>, classes: number): Int32Array {
  const k = checkPair('disagreementMatrix', a, b, classes);
  const matrix = new Int32Array(k * k);
  for (let i = 0; i < a.length; i++) matrix[a[i]! * k + b[i]!]!++;
  return matrix;
}
