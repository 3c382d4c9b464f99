/**
 * Instance-dependent "boundary" noise: the flips land on the items a
 * reference model finds hardest, and each goes to the class the model
 * finds most plausible.
 *
 * Shapes: N items, K classes; `probabilities` is `(N, K)` row-major, row n
 * the reference model's predicted class probabilities for item n (ideally
 * out-of-fold, so the model has not memorized the item's label).
 *
 * Why it does not average out: uniform noise sends each flip in a random
 * direction, so with enough data the flips cancel and the majority label
 * near any point is still the true one. Boundary noise is consistent with the
 * features — the ambiguous 3s near the 8s become 8s, every time — so the
 * noisy labels describe a shifted decision boundary, and more data of the
 * same kind only teaches that boundary more confidently.
 */
import type { Random } from '../random.ts';
import { noisyLabels, type NoisyLabels } from './noisyLabels.ts';

export interface BoundaryNoiseOptions {
  /** Fraction of labels to flip, in [0, 1]: exactly round(rate · N) (halves up). */
  readonly rate: number;
  /** `(N, K)` row-major reference probabilities (Float32Array or Float64Array). */
  readonly probabilities: ArrayLike<number>;
  /** K: number of classes, ≥ 2. */
  readonly classes: number;
  /** Breaks ties between equal margins, and between equally probable runner-up classes. */
  readonly random: Random;
}

/** Where each item stands relative to the reference model's boundary. */
export interface BoundaryMargins {
  /** p(true class) − p(most probable other class); low or negative = near or past the boundary. */
  readonly margins: Float64Array;
  /** The most probable class other than the true one: where a flip sends the item. */
  readonly runnerUp: Int32Array;
}

/**
 * Per item n: margin = p[n][y_n] − max over k ≠ y_n of p[n][k], and the
 * runner-up class attaining that max (ties between classes broken uniformly
 * with `random`, which is drawn from only when there is a tie).
 */
export function boundaryMargins(
  trueLabels: Int32Array,
  probabilities: ArrayLike<number>,
  classes: number,
  random: Random,
): BoundaryMargins {
  const n = trueLabels.length;
  const k = classes;
  if (probabilities.length !== n * k) {
    throw new RangeError(
      `boundary noise needs (N, K) = (${n}, ${k}) reference probabilities, ${n * k} values, got ${probabilities.length}`,
    );
  }
  const margins = new Float64Array(n);
  const runnerUp = new Int32Array(n);
  for (let item = 0; item < n; item++) {
    const y = trueLabels[item]!;
    if (!(y >= 0 && y < k)) throw new RangeError(`label ${y} at ${item} is outside [0, ${k})`);
    let best = -Infinity;
    let bestClass = -1;
    let ties = 0;
    for (let c = 0; c < k; c++) {
      const p = probabilities[item * k + c]!;
      if (!Number.isFinite(p))
        throw new RangeError(`reference probability [${item}][${c}] is ${p}; give finite numbers`);
      if (c === y) continue;
      if (p > best) {
        best = p;
        bestClass = c;
        ties = 1;
      } else if (p === best && random() * ++ties < 1) {
        bestClass = c;
      }
    }
    margins[item] = probabilities[item * k + y]! - best;
    runnerUp[item] = bestClass;
  }
  return { margins, runnerUp };
}

/**
 * Flips exactly round(rate · N) labels: the items with the lowest margin
 * (see boundaryMargins; equal margins in an order shuffled by `random`),
 * each to its runner-up class — the confusion the reference model finds
 * most plausible. Every flip changes the label.
 *
 * Draws from `random`: N numbers for the tie order, then one per tie among
 * runner-up classes.
 */
export function injectBoundaryNoise(trueLabels: Int32Array, options: BoundaryNoiseOptions): NoisyLabels {
  const { rate, probabilities, classes, random } = options;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`noise rate must be in [0, 1], got ${rate}`);
  if (!(Number.isInteger(classes) && classes >= 2)) {
    throw new RangeError(`label noise needs at least 2 classes, got ${classes}`);
  }
  const n = trueLabels.length;
  const tieKey = Float64Array.from({ length: n }, () => random());
  const { margins, runnerUp } = boundaryMargins(trueLabels, probabilities, classes, random);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => margins[a]! - margins[b]! || tieKey[a]! - tieKey[b]! || a - b,
  );
  const labels = Int32Array.from(trueLabels);
  for (const item of order.slice(0, Math.round(rate * n))) labels[item] = runnerUp[item]!;
  return noisyLabels(trueLabels, labels, classes);
}
