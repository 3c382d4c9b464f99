/**
 * The class pairs two labelers disagree on most, read off a disagreement
 * matrix (`(K, K)`, rows = labeler A, columns = labeler B).
 */

export interface ClassPairDisagreement {
  /** The two classes, smaller first. */
  readonly pair: readonly [number, number];
  /** Items one labeler put in pair[0] and the other in pair[1]. */
  readonly count: number;
  /** [A said pair[0] and B pair[1], A said pair[1] and B pair[0]]. */
  readonly byDirection: readonly [number, number];
  /** count / all disagreements, in (0, 1]. */
  readonly share: number;
}

/**
 * Every pair of classes the labelers disagree on at least once, most
 * disagreements first (ties: smaller classes first).
 */
export function rankDisagreements(matrix: ArrayLike<number>, classes: number): ClassPairDisagreement[] {
  if (!(Number.isInteger(classes) && classes >= 1)) {
    throw new RangeError(`rankDisagreements: classes must be a whole number ≥ 1, got ${classes}`);
  }
  if (matrix.length !== classes * classes) {
    throw new RangeError(
      `rankDisagreements: a ${classes}-class disagreement matrix has ${classes * classes} entries, got ${matrix.length}`,
    );
  }
  const pairs: Omit<ClassPairDisagreement, 'share'>[] = [];
  let total = 0;
  for (let i = 0; i < classes; i++) {
    for (let j = i + 1; j < classes; j++) {
      const forward = matrix[i * classes + j]!;
      const backward = matrix[j * classes + i]!;
      if (!(forward >= 0 && backward >= 0)) {
        throw new RangeError(`rankDisagreements: counts must be ≥ 0, got ${forward < 0 ? forward : backward}`);
      }
      const count = forward + backward;
      total += count;
      if (count > 0) pairs.push({ pair: [i, j], count, byDirection: [forward, backward] });
    }
  }
  return pairs
    .sort((p, q) => q.count - p.count || p.pair[0] - q.pair[0] || p.pair[1] - q.pair[1])
    .map((p) => ({ ...p, share: p.count / total }));
}
