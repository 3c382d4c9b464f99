/**
 * The classes a model gets wrong most often: for each class, how many
 * examples labelled with it the model predicts as something else; the
 * `count` classes with the most such errors, most first (ties: lower class
 * number first). Shapes: `labels`, `predicted` (N) class numbers in 0…K−1.
 */
export function confusedClasses(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  k: number,
  count: number,
): number[] {
  if (labels.length !== predicted.length) {
    throw new RangeError(`${labels.length} labels but ${predicted.length} predictions`);
  }
  const errors = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!(Number.isInteger(label) && label >= 0 && label < k))
      throw new RangeError(`label ${label} is not in 0–${k - 1}`);
    if (predicted[i] !== label) errors[label]!++;
  }
  return errors
    .map((e, c) => [e, c] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, Math.max(0, Math.min(count, k)))
    .map(([, c]) => c);
}
