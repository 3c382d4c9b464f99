/**
 * Input checks shared by the agreement statistics (not re-exported). Each
 * failure is a RangeError that names the function, the labeler and the item,
 * and says what to do.
 */
import type { Ratings } from './ratings.ts';

/** Names rater r as in the messages: labeler A, B, … Z, then labeler 27, 28, … */
export function raterName(r: number): string {
  return r < 26 ? `labeler ${String.fromCharCode(65 + r)}` : `labeler ${r + 1}`;
}

/** Throws unless `classes` is a whole number ≥ 1. */
export function checkClassCount(fn: string, classes: number): void {
  if (!(Number.isInteger(classes) && classes >= 1)) {
    throw new RangeError(`${fn}: classes must be a whole number ≥ 1 (the K of labels 0…K−1), got ${classes}`);
  }
}

/**
 * Throws unless every label is a whole number in [0, classes); with
 * `classes` omitted, any whole number ≥ 0. Returns the largest label (−1 for
 * no labels).
 */
export function checkLabels(fn: string, labels: ArrayLike<number>, what: string, classes?: number): number {
  let max = -1;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0) {
      throw new RangeError(`${fn}: ${what} at item ${i} is ${label}; labels must be whole class numbers 0, 1, 2, …`);
    }
    if (classes !== undefined && label >= classes) {
      throw new RangeError(
        `${fn}: ${what} at item ${i} is ${label}, outside the ${classes} classes 0…${classes - 1}; ` +
          `pass a larger classes or fix the label`,
      );
    }
    if (label > max) max = label;
  }
  return max;
}

/**
 * Checks two labelers' labels (same length, whole numbers, in range) and
 * returns K: `classes` when given, else one more than the largest label.
 */
export function checkPair(fn: string, a: ArrayLike<number>, b: ArrayLike<number>, classes?: number): number {
  if (a.length !== b.length) {
    throw new RangeError(
      `${fn}: labeler A gave ${a.length} labels and labeler B gave ${b.length}; ` +
        `both must label the same items, in the same order`,
    );
  }
  if (classes !== undefined) checkClassCount(fn, classes);
  const max = Math.max(
    checkLabels(fn, a, "labeler A's label", classes),
    checkLabels(fn, b, "labeler B's label", classes),
  );
  return classes ?? max + 1;
}

/** True for a missing rating (null, undefined or −1). */
export function isMissing(value: number | null | undefined): value is null | undefined | -1 {
  return value === null || value === undefined || value === -1;
}

/**
 * Checks every rating (whole number in [0, K) or missing) and returns K:
 * `classes` when given, else one more than the largest rating.
 */
export function checkRatings(
  fn: string,
  ratings: Ratings,
  options: { readonly classes?: number; readonly allowMissing: boolean },
): number {
  const { classes, allowMissing } = options;
  if (classes !== undefined) checkClassCount(fn, classes);
  let max = -1;
  ratings.forEach((row, i) => {
    for (let r = 0; r < row.length; r++) {
      const value = row[r];
      if (isMissing(value)) {
        if (allowMissing) continue;
        throw new RangeError(
          `${fn}: ${raterName(r)} did not rate item ${i}; it needs every item rated by every rater ` +
            `(use krippendorffAlpha for ratings with gaps)`,
        );
      }
      if (!Number.isInteger(value) || value < 0) {
        throw new RangeError(
          `${fn}: ${raterName(r)}'s rating of item ${i} is ${value}; ratings must be whole class numbers 0, 1, 2, …` +
            (allowMissing ? ' (or null / −1 for no rating)' : ''),
        );
      }
      if (classes !== undefined && value >= classes) {
        throw new RangeError(
          `${fn}: ${raterName(r)}'s rating of item ${i} is ${value}, outside the ${classes} classes 0…${classes - 1}; ` +
            `pass a larger classes or fix the rating`,
        );
      }
      if (value > max) max = value;
    }
  });
  return classes ?? max + 1;
}
