/**
 * Per-class recall and precision from predictions and true labels.
 *
 * Shapes: `predicted` and `truth` are `(N)` class numbers in [0, K).
 * recall[c]    = correct predictions of c / examples whose true class is c
 *                (NaN when no example is of class c);
 * precision[c] = correct predictions of c / examples predicted as c
 *                (NaN when nothing is predicted as c).
 * The macro-averaged recall is the mean of the defined recalls: every class
 * counts the same, however many examples it has.
 */

export interface ClassMetrics {
  /** `(K)` examples per true class. */
  readonly support: Int32Array;
  /** `(K)` examples predicted as each class. */
  readonly predictedCount: Int32Array;
  /** `(K)` correct predictions per class. */
  readonly correct: Int32Array;
  /** `(K)` recall per class; NaN for a class with no examples. */
  readonly recall: Float64Array;
  /** `(K)` precision per class; NaN for a class never predicted. */
  readonly precision: Float64Array;
}

/** Recall and precision of every class `0 … classes − 1`. */
export function classMetrics(predicted: ArrayLike<number>, truth: ArrayLike<number>, classes: number): ClassMetrics {
  if (predicted.length !== truth.length) {
    throw new RangeError(`classMetrics: ${predicted.length} predictions for ${truth.length} labels`);
  }
  if (!(Number.isInteger(classes) && classes >= 1)) {
    throw new RangeError(`classMetrics: classes must be a whole number ≥ 1, got ${classes}`);
  }
  const support = new Int32Array(classes);
  const predictedCount = new Int32Array(classes);
  const correct = new Int32Array(classes);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    if (!(t >= 0 && t < classes && p >= 0 && p < classes)) {
      throw new RangeError(`classMetrics: label ${t} or prediction ${p} at ${i} is outside 0…${classes - 1}`);
    }
    support[t]!++;
    predictedCount[p]!++;
    if (p === t) correct[t]!++;
  }
  const ratio = (a: Int32Array, b: Int32Array) => Float64Array.from(a, (v, c) => (b[c]! > 0 ? v / b[c]! : NaN));
  return {
    support,
    predictedCount,
    correct,
    recall: ratio(correct, support),
    precision: ratio(correct, predictedCount),
  };
}

/** Mean of the finite recalls (every class weighs the same); NaN when none is defined. */
export function macroRecall(metrics: Pick<ClassMetrics, 'recall'>): number {
  let sum = 0;
  let count = 0;
  for (const r of metrics.recall) {
    if (Number.isFinite(r)) {
      sum += r;
      count++;
    }
  }
  return count ? sum / count : NaN;
}
