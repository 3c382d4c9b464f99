/**
 * Ratings of many labelers: N items × R raters. `ratings[i][r]` is the class
 * rater r gave item i, a whole number in [0, K); `null` or −1 means rater r
 * did not rate item i (only Krippendorff's alpha accepts missing ratings).
 */
import { checkRatings, isMissing, raterName } from './checks.ts';

/** `(N, R)`: one row per item, one entry per rater; null or −1 = not rated. */
export type Ratings = ReadonlyArray<ArrayLike<number | null>>;

/** The marker for a missing rating besides null. */
export const MISSING = -1;

/**
 * Turns R labelers' label arrays (each `(N)`, item order shared) into
 * items × raters ratings. Throws a RangeError when the lengths differ.
 */
export function toRatings(labelers: ReadonlyArray<ArrayLike<number | null>>): number[][] {
  const n = labelers[0]?.length ?? 0;
  labelers.forEach((labels, r) => {
    if (labels.length !== n) {
      throw new RangeError(
        `toRatings: ${raterName(0)} gave ${n} labels and ${raterName(r)} gave ${labels.length}; ` +
          `every labeler must label the same items, in the same order`,
      );
    }
  });
  return Array.from({ length: n }, (_, i) => labelers.map((labels) => labels[i] ?? MISSING));
}

/**
 * `(N, K)` counts, row-major: entry [i·K + k] is how many raters put item i
 * in class k. Missing ratings are not counted.
 */
export function ratingCounts(ratings: Ratings, classes: number): Int32Array {
  checkRatings('ratingCounts', ratings, { classes, allowMissing: true });
  const counts = new Int32Array(ratings.length * classes);
  ratings.forEach((row, i) => {
    for (let r = 0; r < row.length; r++) {
      const value = row[r];
      if (!isMissing(value)) counts[i * classes + value]!++;
    }
  });
  return counts;
}
