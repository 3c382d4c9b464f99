import { checkInputs } from './checks.ts';

export type ScoreMethod = 'self_confidence' | 'normalized_margin';

/** Per-example label quality in [0, 1]: low means the given label looks wrong. `(N)` */
export function labelQualityScores(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  method: ScoreMethod = 'self_confidence',
): Float64Array {
  const n = checkInputs(labels, probs, k);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    const self = probs[i * k + label]!;
    if (method === 'self_confidence') {
      scores[i] = self;
      continue;
    }
    let other = -Infinity;
    for (let j = 0; j < k; j++) if (j !== label) other = Math.max(other, probs[i * k + j]!);
    // Normalized margin: (p_label − max_{j ≠ label} p_j + 1) / 2.
    scores[i] = (self - other + 1) / 2;
  }
  return scores;
}

/** `indices` sorted by their score, lowest (most suspect) first; ties keep index order. */
export function rankByScore(indices: ArrayLike<number>, scores: ArrayLike<number>): Int32Array {
  return Int32Array.from(indices).sort((a, b) => scores[a]! - scores[b]! || a - b);
}
