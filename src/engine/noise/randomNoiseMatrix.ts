/**
 * Random class-conditional noise with a chosen amount and shape: a random
 * column-stochastic K×K matrix with a given trace and a given share of
 * off-diagonal zeros. The idea follows cleanlab's benchmarking
 * `generate_noise_matrix_from_trace` (random diagonal with the right sum,
 * random non-zero pattern, random split of each column's remaining mass);
 * the steps and their exact guarantees are our own. Conventions in
 * noiseMatrix.ts (columns are true classes and sum to 1).
 */
import { randomInt, type Random } from '../random.ts';
import type { NoiseMatrix } from './noiseMatrix.ts';

export interface RandomNoiseMatrixShape {
  /** K: number of classes, ≥ 2. */
  readonly classes: number;
  /**
   * Sum of the diagonal, from 1 to K. K − trace is the total probability
   * moved off the diagonal; with balanced classes the expected noise rate is
   * 1 − trace / K. Below 1 the labels would, on average, be no better than
   * chance, so it is not offered.
   */
  readonly trace: number;
  /** Fraction of the K·(K − 1) off-diagonal entries that are exactly zero, in [0, 1]. */
  readonly sparsity: number;
}

export interface RandomNoiseMatrixOptions extends RandomNoiseMatrixShape {
  readonly random: Random;
}

/** How many off-diagonal entries are non-zero, and how many columns carry noise. */
export function randomNoiseMatrixLayout(shape: Pick<RandomNoiseMatrixShape, 'classes' | 'sparsity'>): {
  readonly nonZero: number;
  readonly noisyColumns: number;
} {
  const k = shape.classes;
  const offDiagonal = k * (k - 1);
  const nonZero = offDiagonal - Math.round(shape.sparsity * offDiagonal);
  return { nonZero, noisyColumns: Math.min(k, nonZero) };
}

/**
 * Problems with a requested shape, each naming the field and what to do.
 *
 * The valid range: zeros = round(sparsity · K(K − 1)) off-diagonal entries
 * are zero and the other `nonZero` are strictly positive. A column that
 * carries noise needs at least one non-zero entry, so at most
 * m = min(K, nonZero) columns carry noise and each moves at most all of its
 * mass; the trace must therefore lie in [max(1, K − m), K). The one way to
 * reach trace K is no noise at all: sparsity 1 (then trace must be K).
 */
export function randomNoiseMatrixProblems(shape: RandomNoiseMatrixShape): string[] {
  const { classes: k, trace, sparsity } = shape;
  if (!(Number.isInteger(k) && k >= 2)) return [`classes: a noise matrix needs at least 2 classes, got ${k}`];
  const problems: string[] = [];
  if (!(sparsity >= 0 && sparsity <= 1)) problems.push(`sparsity: use a fraction from 0 to 1, got ${sparsity}`);
  if (!(trace >= 1 && trace <= k)) problems.push(`trace: use a trace from 1 to ${k} (K = ${k} classes), got ${trace}`);
  if (problems.length > 0) return problems;
  const { nonZero, noisyColumns } = randomNoiseMatrixLayout(shape);
  if (nonZero === 0) {
    if (trace !== k) {
      problems.push(
        `trace: sparsity ${sparsity} leaves no off-diagonal entry, so the trace is ${k}; lower the sparsity`,
      );
    }
  } else if (trace === k) {
    problems.push(
      `trace: trace ${k} means no noise, so no off-diagonal entry can be non-zero; use a trace below ${k} or sparsity 1`,
    );
  } else if (trace < k - noisyColumns) {
    problems.push(
      `trace: with sparsity ${sparsity} only ${noisyColumns} of ${k} columns carry noise, so the trace is at least ${k - noisyColumns}; raise the trace or lower the sparsity`,
    );
  }
  return problems;
}

/**
 * A random column-stochastic K×K noise matrix whose diagonal sums to `trace`
 * (up to float rounding, ≪ 1e-9) and whose off-diagonal has exactly
 * round(sparsity · K(K − 1)) zeros, every other off-diagonal entry strictly
 * positive. Throws a RangeError listing the problems of an infeasible shape
 * (see randomNoiseMatrixProblems). Steps, each drawing from `random` in turn:
 *
 * 1. noisy columns: all K when nonZero ≥ K; otherwise nonZero columns drawn
 *    uniformly (the rest are identity columns);
 * 2. off-diagonal mass per noisy column: a uniform (Dirichlet(1)) split of
 *    K − trace, capped at 1 per column with the excess handed on in
 *    proportion, so each column gives away some but at most all of its mass;
 * 3. non-zero pattern: one uniformly drawn off-diagonal row per noisy column,
 *    then the remaining non-zeros uniformly among the other off-diagonal cells
 *    of the noisy columns;
 * 4. each noisy column's mass split uniformly (Dirichlet(1)) over its
 *    non-zero cells; the diagonal is 1 minus that mass.
 *
 * Unlike cleanlab's generator it does not reject matrices by a class prior
 * (its `valid_noise_matrix`): a column may give most of its mass to one other
 * class, which is what systematic confusions look like.
 */
export function randomNoiseMatrix(options: RandomNoiseMatrixOptions): NoiseMatrix {
  const problems = randomNoiseMatrixProblems(options);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const { classes: k, trace, random } = options;
  const values = new Float64Array(k * k);
  for (let j = 0; j < k; j++) values[j * k + j] = 1;
  const { nonZero, noisyColumns: m } = randomNoiseMatrixLayout(options);
  if (nonZero === 0) return { classes: k, values };

  // 1. Which columns carry noise.
  const columns = Int32Array.from({ length: k }, (_, j) => j);
  if (m < k) partialShuffle(random, columns, m);
  const noisy = columns.slice(0, m).sort();

  // 2. How much mass each noisy column moves off the diagonal.
  const mass = cappedSplit(dirichlet(random, m), k - trace);

  // 3. Which off-diagonal cells are non-zero: cells[c] lists column noisy[c]'s rows.
  const cells: number[][] = [];
  const spare: number[] = []; // c * k + row for every other off-diagonal cell of a noisy column
  for (let c = 0; c < m; c++) {
    const j = noisy[c]!;
    const first = randomInt(random, k - 1);
    const row = first < j ? first : first + 1;
    cells.push([row]);
    for (let i = 0; i < k; i++) if (i !== j && i !== row) spare.push(c * k + i);
  }
  const extra = nonZero - m;
  partialShuffle(random, spare, extra);
  for (const code of spare.slice(0, extra)) cells[Math.floor(code / k)]!.push(code % k);

  // 4. Split each column's mass over its non-zero cells.
  for (let c = 0; c < m; c++) {
    const j = noisy[c]!;
    const rows = cells[c]!.sort((a, b) => a - b);
    const shares = dirichlet(random, rows.length);
    rows.forEach((i, r) => (values[i * k + j] = mass[c]! * shares[r]!));
    values[j * k + j] = 1 - mass[c]!;
  }
  return { classes: k, values };
}

/** Moves a uniform random subset of size `count` to the front of `array` (partial Fisher–Yates). */
function partialShuffle(random: Random, array: { [index: number]: number; length: number }, count: number): void {
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(random, array.length - i);
    const t = array[i]!;
    array[i] = array[j]!;
    array[j] = t;
  }
}

/** A uniform point on the simplex (Dirichlet(1, …, 1)), every share strictly positive. */
function dirichlet(random: Random, n: number): Float64Array {
  const shares = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let e = 0;
    while (!(e > 0)) e = -Math.log(1 - random());
    shares[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) shares[i] = shares[i]! / sum;
  return shares;
}

/**
 * `shares` (summing to 1) scaled to `total`, with no value above 1: values
 * over 1 are set to 1 and their excess goes to the others in proportion,
 * until none is over. Needs total ≤ shares.length.
 */
function cappedSplit(shares: Float64Array, total: number): Float64Array {
  const values = shares.map((s) => s * total);
  const capped = new Uint8Array(values.length);
  for (;;) {
    let excess = 0;
    let free = 0;
    for (let i = 0; i < values.length; i++) {
      if (capped[i]) continue;
      if (values[i]! >= 1) {
        excess += values[i]! - 1;
        values[i] = 1;
        capped[i] = 1;
      } else {
        free += values[i]!;
      }
    }
    if (excess === 0 || free === 0) return values;
    for (let i = 0; i < values.length; i++) if (!capped[i]) values[i] = values[i]! + (excess * values[i]!) / free;
  }
}
