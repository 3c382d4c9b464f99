/**
 * What the calibrated confident joint says about the noise.
 * All matrices `(K, K)` row-major.
 */

/** The joint distribution P(given = i, true = j): the calibrated counts over their total. */
export function estimateJoint(calibrated: ArrayLike<number>): Float64Array {
  let total = 0;
  for (let i = 0; i < calibrated.length; i++) total += calibrated[i]!;
  return Float64Array.from(calibrated, (c) => c / Math.max(total, 1e-100));
}

/** The noise matrix P(given = i | true = j) — each column normalized to sum to 1. */
export function estimateNoiseMatrix(counts: ArrayLike<number>, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let column = 0;
    for (let i = 0; i < k; i++) column += counts[i * k + j]!;
    for (let i = 0; i < k; i++) out[i * k + j] = column > 0 ? counts[i * k + j]! / column : i === j ? 1 : 0;
  }
  return out;
}

/** The inverse noise matrix P(true = j | given = i), entry [j][i] — each column sums to 1. */
export function estimateInverseNoiseMatrix(counts: ArrayLike<number>, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    let row = 0;
    for (let j = 0; j < k; j++) row += counts[i * k + j]!;
    for (let j = 0; j < k; j++) out[j * k + i] = row > 0 ? counts[i * k + j]! / row : i === j ? 1 : 0;
  }
  return out;
}

/** The estimated fraction of wrong labels: 1 − trace of the joint. */
export function estimatedNoiseRate(joint: ArrayLike<number>, k: number): number {
  let trace = 0;
  for (let c = 0; c < k; c++) trace += joint[c * k + c]!;
  return 1 - trace;
}
