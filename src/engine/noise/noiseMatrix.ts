/**
 * Noise matrices: how label noise moves items between classes.
 *
 * Conventions, used by every file in engine/noise/:
 *   K            number of classes; labels are integers in [0, K).
 *   P[i][j]      = P(given = i | true = j): the probability that an item whose
 *                true class is j is labelled i. Rows are the GIVEN label,
 *                columns the TRUE label, so every COLUMN sums to 1
 *                (cleanlab's `noise_matrix` convention). The diagonal is the
 *                chance a label survives; its sum is the trace.
 *   values       a Float64Array of length K·K, row-major:
 *                P[i][j] = values[i * K + j].
 */

export interface NoiseMatrix {
  /** K: number of classes. */
  readonly classes: number;
  /** `(K, K)` row-major; `values[i * K + j]` = P(given = i | true = j). Columns sum to 1. */
  readonly values: Float64Array;
}

/** How far a column sum may stray from 1. */
export const COLUMN_TOLERANCE = 1e-9;

/** P(given = i | true = j). */
export function noiseEntry(matrix: NoiseMatrix, given: number, truth: number): number {
  return matrix.values[given * matrix.classes + truth]!;
}

/**
 * Checks that `matrix` is a K×K column-stochastic matrix: K a whole number
 * ≥ 1, K·K values, every entry in [0, 1] and every column summing to 1 within
 * 1e-9. Throws a RangeError naming the first offending column (or entry).
 */
export function validateNoiseMatrix(matrix: NoiseMatrix): void {
  const { classes: k, values } = matrix;
  if (!(Number.isInteger(k) && k >= 1))
    throw new RangeError(`a noise matrix needs a whole number of classes ≥ 1, got ${k}`);
  if (values.length !== k * k) {
    throw new RangeError(`a noise matrix for K = ${k} classes needs ${k * k} values, got ${values.length}`);
  }
  for (let j = 0; j < k; j++) {
    let sum = 0;
    for (let i = 0; i < k; i++) {
      const p = values[i * k + j]!;
      if (!(p >= 0 && p <= 1)) {
        throw new RangeError(`noise matrix column ${j} (true class ${j}): entry [${i}][${j}] = ${p} is outside [0, 1]`);
      }
      sum += p;
    }
    if (!(Math.abs(sum - 1) <= COLUMN_TOLERANCE)) {
      throw new RangeError(`noise matrix column ${j} (true class ${j}) sums to ${sum}, not 1`);
    }
  }
}

/** The K×K identity: no noise, every label survives. */
export function identityMatrix(classes: number): NoiseMatrix {
  if (!(Number.isInteger(classes) && classes >= 1)) {
    throw new RangeError(`a noise matrix needs a whole number of classes ≥ 1, got ${classes}`);
  }
  const values = new Float64Array(classes * classes);
  for (let j = 0; j < classes; j++) values[j * classes + j] = 1;
  return { classes, values };
}

/** The sum of the diagonal: K for no noise; (1 − expected noise rate)·K when classes are balanced. */
export function noiseMatrixTrace(matrix: NoiseMatrix): number {
  let trace = 0;
  for (let j = 0; j < matrix.classes; j++) trace += noiseEntry(matrix, j, j);
  return trace;
}
