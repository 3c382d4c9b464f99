/**
 * The noise matrix a particular set of labels actually has, counted from the
 * true and the given labels (conventions in noiseMatrix.ts: column j is the
 * true class, columns sum to 1).
 */
import type { NoiseMatrix } from './noiseMatrix.ts';

export interface RealizedNoiseMatrix extends NoiseMatrix {
  /** `(K, K)` row-major counts: `counts[i * K + j]` items have given label i and true label j. */
  readonly counts: Int32Array;
  /** `(K)` items per true class: n_j, the column sums of `counts`. */
  readonly support: Int32Array;
  /** True classes with no items, ascending; their columns are identity columns, not measurements. */
  readonly emptyClasses: readonly number[];
}

/**
 * P(given = i | true = j) as realized: counts[i][j] / n_j, where n_j is the
 * number of items of true class j. A class with no items has nothing to
 * measure; its column is the identity column (the label would have survived)
 * and the class is listed in `emptyClasses`. Throws a RangeError for labels
 * outside [0, K) or arrays of different lengths.
 */
export function realizedNoiseMatrix(
  trueLabels: ArrayLike<number>,
  givenLabels: ArrayLike<number>,
  classes: number,
): RealizedNoiseMatrix {
  if (!(Number.isInteger(classes) && classes >= 1)) {
    throw new RangeError(`a noise matrix needs a whole number of classes ≥ 1, got ${classes}`);
  }
  const n = trueLabels.length;
  if (givenLabels.length !== n) {
    throw new RangeError(`realizedNoiseMatrix: ${n} true labels but ${givenLabels.length} given labels`);
  }
  const k = classes;
  const counts = new Int32Array(k * k);
  const support = new Int32Array(k);
  for (let index = 0; index < n; index++) {
    const truth = trueLabels[index]!;
    const given = givenLabels[index]!;
    if (!(Number.isInteger(truth) && truth >= 0 && truth < k)) {
      throw new RangeError(`true label ${truth} at ${index} is outside [0, ${k})`);
    }
    if (!(Number.isInteger(given) && given >= 0 && given < k)) {
      throw new RangeError(`given label ${given} at ${index} is outside [0, ${k})`);
    }
    counts[given * k + truth]!++;
    support[truth]!++;
  }
  const values = new Float64Array(k * k);
  const emptyClasses: number[] = [];
  for (let j = 0; j < k; j++) {
    const nj = support[j]!;
    if (nj === 0) {
      emptyClasses.push(j);
      values[j * k + j] = 1;
      continue;
    }
    for (let i = 0; i < k; i++) values[i * k + j] = counts[i * k + j]! / nj;
  }
  return { classes: k, values, counts, support, emptyClasses };
}
