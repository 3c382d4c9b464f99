/** Accuracy within each slice: S slices, N predictions with their true labels and slices. */

export interface SliceAccuracy {
  /** Examples in the slice. */
  readonly count: number;
  readonly correct: number;
  /** correct / count; NaN for an empty slice. */
  readonly accuracy: number;
}

/** One entry per slice 0 … slices − 1. */
export function accuracyBySlice(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
  slice: ArrayLike<number>,
  slices: number,
): SliceAccuracy[] {
  if (predicted.length !== truth.length || slice.length !== truth.length) {
    throw new RangeError(
      `accuracyBySlice: ${predicted.length} predictions, ${truth.length} labels and ${slice.length} slices must match`,
    );
  }
  const count = new Array<number>(slices).fill(0);
  const correct = new Array<number>(slices).fill(0);
  for (let i = 0; i < truth.length; i++) {
    const s = slice[i]!;
    if (!(s >= 0 && s < slices))
      throw new RangeError(`accuracyBySlice: item ${i} is in slice ${s}, not 0–${slices - 1}`);
    count[s]!++;
    if (predicted[i] === truth[i]) correct[s]!++;
  }
  return count.map((c, s) => ({ count: c, correct: correct[s]!, accuracy: c ? correct[s]! / c : NaN }));
}
