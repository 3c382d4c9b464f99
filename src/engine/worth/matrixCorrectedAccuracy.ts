/**
 * Accuracy against the true labels, recovered from predictions scored against
 * labels with class-conditional noise.
 *
 * Shapes: N held-out examples, K classes; `predicted` and `given` `(N)`;
 * the noise matrix T `(K, K)` row-major, T[i][j] = P(given = i | true = j).
 *
 * When the labels are wrong independently of the prediction given the true
 * class (the model never saw these labels: held-out rows), the joint of
 * prediction and given label is O[c][i] = Σ_j M[c][j] T[i][j], with M the
 * unknown joint of prediction and true class. So each row of M solves
 * T · M[c]ᵀ = O[c]ᵀ; the accuracy is the trace of M. Each row is solved as a
 * distribution (clipped to ≥ 0, rescaled to its row total), which keeps the
 * answer in [0, 1] when T is estimated. With uniform T and no row clipped
 * (every given-label share of a prediction row at least r/(K − 1)) this is
 * exactly correctedAccuracy.ts's formula; where clipping bites (small tables,
 * high noise) the matrix form stays a valid distribution and the two differ. Optional `weights` `(N)` count each row
 * that many times (a bootstrap resample).
 */
import { solveDistribution } from './solveLinear.ts';

export function matrixCorrectedAccuracy(
  predicted: ArrayLike<number>,
  given: ArrayLike<number>,
  matrix: ArrayLike<number>,
  k: number,
  weights?: ArrayLike<number>,
): number {
  const n = given.length;
  if (predicted.length !== n) throw new RangeError(`${predicted.length} predictions but ${n} labels`);
  if (matrix.length !== k * k) throw new RangeError(`noise matrix must be ${k}×${k}, got ${matrix.length} numbers`);
  if (weights && weights.length !== n) throw new RangeError(`${n} labels but ${weights.length} weights`);
  const joint = new Float64Array(k * k);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    joint[predicted[i]! * k + given[i]!]! += w;
    sum += w;
  }
  if (!(sum > 0)) return NaN;
  for (let c = 0; c < joint.length; c++) joint[c] = joint[c]! / sum;
  let accuracy = 0;
  for (let c = 0; c < k; c++) {
    const row = joint.subarray(c * k, c * k + k);
    const total = row.reduce((s, v) => s + v, 0);
    if (total === 0) continue;
    const truth = solveDistribution(
      matrix,
      Float64Array.from(row, (v) => v / total),
      k,
    );
    accuracy += total * truth[c]!;
  }
  return Math.min(1, Math.max(0, accuracy));
}
