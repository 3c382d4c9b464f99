/**
 * Reviewing labels: a person looks at the `budget` most suspect examples (in
 * the order given, e.g. confident learning's ranking) and gives each its true
 * label. Labels that were already right stay as they are.
 * Shapes: `given`, `truth` (N) class numbers; `ranked` positions into them.
 */
export interface Review {
  /** `(N)` the labels after the review. */
  readonly labels: Int32Array;
  /** Examples looked at: min(budget, ranked.length). */
  readonly reviewed: number;
  /** Of those, how many had a wrong label (now corrected). */
  readonly fixed: number;
}

export function reviewLabels(given: Int32Array, truth: Int32Array, ranked: ArrayLike<number>, budget: number): Review {
  if (given.length !== truth.length) {
    throw new RangeError(`${given.length} given labels but ${truth.length} true labels`);
  }
  if (!(Number.isInteger(budget) && budget >= 0))
    throw new RangeError(`budget must be a whole number ≥ 0, got ${budget}`);
  const labels = Int32Array.from(given);
  const reviewed = Math.min(budget, ranked.length);
  let fixed = 0;
  for (let r = 0; r < reviewed; r++) {
    const i = ranked[r]!;
    if (!(i >= 0 && i < labels.length)) throw new RangeError(`ranked position ${i} is outside 0–${labels.length - 1}`);
    if (labels[i] !== truth[i]) fixed++;
    labels[i] = truth[i]!;
  }
  return { labels, reviewed, fixed };
}
