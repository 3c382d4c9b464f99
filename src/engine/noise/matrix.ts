/**
 * Class-conditional noise from a noise matrix, with exact counts.
 * Conventions in noiseMatrix.ts: P[i][j] = P(given = i | true = j).
 */
import { shuffle, type Random } from '../random.ts';
import { noiseEntry, validateNoiseMatrix, type NoiseMatrix } from './noiseMatrix.ts';
import { largestRemainder } from './largestRemainder.ts';
import { noisyLabels, type NoisyLabels } from './noisyLabels.ts';

export interface MatrixNoiseOptions {
  /** K×K, columns sum to 1; K is `matrix.classes`. */
  readonly matrix: NoiseMatrix;
  readonly random: Random;
}

/**
 * How many items of each true class get each given label: for true class j
 * with n_j items, the expected counts n_j·P[i][j] rounded by largest
 * remainder so they sum to n_j. Ties between equal remainders go to the
 * flips (other classes, lowest first) before the diagonal — the same
 * "halves round up" as Math.round(rate·n) in the other models. Returns
 * `(K, K)` row-major counts, [i * K + j] = items of true class j given i.
 */
export function matrixNoiseCounts(matrix: NoiseMatrix, support: ArrayLike<number>): Int32Array {
  const k = matrix.classes;
  const counts = new Int32Array(k * k);
  for (let j = 0; j < k; j++) {
    const nj = support[j]!;
    const expected = Float64Array.from({ length: k }, (_, i) => nj * noiseEntry(matrix, i, j));
    // Rounding error in a column sum is ≤ 1e-9·n_j; absorb it so the values sum to n_j exactly.
    const sum = expected.reduce((a, b) => a + b, 0);
    if (sum > 0) for (let i = 0; i < k; i++) expected[i] = (expected[i]! * nj) / sum;
    const tieOrder = [...Array.from({ length: k }, (_, i) => i).filter((i) => i !== j), j];
    const column = largestRemainder(expected, { tieOrder });
    for (let i = 0; i < k; i++) counts[i * k + j] = column[i]!;
  }
  return counts;
}

/**
 * Class-conditional label noise with exact counts. For each true class j
 * (in order 0…K−1; a class none of whose items flip is skipped) its items
 * are shuffled with `random` (Fisher–Yates, see random.ts), and walked through
 * in that order: the first count[0][j] are given class 0, the next
 * count[1][j] class 1, and so on (counts from matrixNoiseCounts), so which
 * items flip is uniformly random and how many flip to each class is exact.
 * The realized matrix therefore equals counts / n_j exactly, and is within
 * 1 / n_j of the requested one in every entry.
 */
export function injectMatrixNoise(trueLabels: Int32Array, options: MatrixNoiseOptions): NoisyLabels {
  const { matrix, random } = options;
  validateNoiseMatrix(matrix);
  const k = matrix.classes;
  const members: number[][] = Array.from({ length: k }, () => []);
  trueLabels.forEach((label, index) => {
    if (!(label >= 0 && label < k)) throw new RangeError(`label ${label} at ${index} is outside [0, ${k})`);
    members[label]!.push(index);
  });
  const counts = matrixNoiseCounts(
    matrix,
    members.map((m) => m.length),
  );
  const labels = Int32Array.from(trueLabels);
  for (let j = 0; j < k; j++) {
    // A column whose items all keep their label draws nothing.
    if (counts[j * k + j] === members[j]!.length) continue;
    const items = shuffle(random, Int32Array.from(members[j]!));
    let next = 0;
    for (let i = 0; i < k; i++) {
      const count = counts[i * k + j]!;
      for (let c = 0; c < count; c++) labels[items[next++]!] = i;
    }
  }
  return noisyLabels(trueLabels, labels, k);
}
