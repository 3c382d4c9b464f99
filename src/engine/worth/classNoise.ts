/**
 * Label noise class by class: each true class's flip rate, where its wrong
 * labels go (the noise matrix), and whether the classes differ.
 *
 * Shapes: N examples, K classes; `given` `(N)`, `probs` `(N, K)` out-of-fold
 * probabilities, row-major. The noise matrix T is `(K, K)` row-major with
 * T[i][j] = P(given = i | true = j): columns are true classes and sum to 1
 * (the convention of src/engine/noise and cleanlab).
 *
 * The plateau idea of plateauNoiseRate.ts, one class at a time: the rows the
 * model predicts as class j, surest first; the share of them whose given
 * label is not j, fitted isotonically and averaged over the surest
 * `fraction`, is j's flip rate; the given labels of those surest rows that
 * are not j say where j's wrong labels go (each other class gets half a row
 * to start with, so a class seen rarely is not ruled out).
 *
 * Whether the flip rates really differ is a chi-square test of homogeneity
 * on the anchor rows (disagreeing and agreeing counts per class). Classes a
 * model finds hard look noisier than they are (their anchors hold model
 * mistakes), so the matrix is only used for correcting accuracies when the
 * test is decisive (CLASS_CONDITIONAL_P) — on the tuning tables a looser
 * rule switched to the matrix on uniform noise and made the accuracies worse.
 */
import { chiSquareTest } from '../drift/chiSquare.ts';
import { checkInputs, labelCounts, predictsGivenLabel, rowArgmax } from '../confident/checks.ts';
import { plateauRate, plateauRows, PLATEAU_FRACTION } from './plateauNoiseRate.ts';
import { solveDistribution } from './solveLinear.ts';

/** The test's p-value below which the noise counts as class-conditional. */
export const CLASS_CONDITIONAL_P = 1e-4;

export interface ClassNoise {
  /** `(K)` estimated share of each true class's rows that carry another label. */
  readonly flipRates: Float64Array;
  /** `(K, K)` T[given][true], columns summing to 1. */
  readonly matrix: Float64Array;
  /** `(K)` rows each class's flip rate was read from. */
  readonly anchorRows: Int32Array;
  /** `(K)` estimated share of each true class (T·π = the given shares, solved). */
  readonly priors: Float64Array;
  /** Σ priors · flip rates: the overall noise rate the matrix implies. */
  readonly rate: number;
  /** Chi-square test that every class flips at the same rate. */
  readonly test: { readonly statistic: number; readonly dof: number; readonly pValue: number };
  /** pValue < CLASS_CONDITIONAL_P. */
  readonly classConditional: boolean;
}

/** The model's prediction of row i, with cleanlab's tie rule in favour of the given label. */
export function predictedClass(probs: ArrayLike<number>, i: number, k: number, given: number): number {
  return predictsGivenLabel(probs, i, k, given) ? given : rowArgmax(probs, i, k);
}

export function classNoise(
  given: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
  options: { readonly fraction?: number; readonly alpha?: number } = {},
): ClassNoise {
  const n = checkInputs(given, probs, k);
  const fraction = options.fraction ?? PLATEAU_FRACTION;
  const alpha = options.alpha ?? CLASS_CONDITIONAL_P;
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) members[predictedClass(probs, i, k, given[i]!)]!.push(i);
  const flipRates = new Float64Array(k);
  const anchorRows = new Int32Array(k);
  const matrix = new Float64Array(k * k);
  const table: number[][] = [];
  for (let j = 0; j < k; j++) {
    const rows = members[j]!.sort((a, b) => probs[b * k + j]! - probs[a * k + j]! || a - b);
    const disagrees = Uint8Array.from(rows, (i) => (given[i] === j ? 0 : 1));
    const m = plateauRows(rows.length, fraction);
    const rate = rows.length ? plateauRate(disagrees, fraction) : 0;
    flipRates[j] = rate;
    anchorRows[j] = m;
    const destinations = Float64Array.from({ length: k }, (_, c) => (c === j ? 0 : 0.5));
    let flips = 0;
    for (let t = 0; t < m; t++) {
      if (disagrees[t]) {
        destinations[given[rows[t]!]!]! += 1;
        flips++;
      }
    }
    table.push([flips, m - flips]);
    const total = destinations.reduce((s, v) => s + v, 0);
    for (let c = 0; c < k; c++) matrix[c * k + j] = c === j ? 1 - rate : (rate * destinations[c]!) / total;
  }
  const counts = labelCounts(given, k);
  const shares = Float64Array.from(counts, (c) => (n > 0 ? c / n : 1 / k));
  const priors = solveDistribution(matrix, shares, k);
  let rate = 0;
  for (let j = 0; j < k; j++) rate += priors[j]! * flipRates[j]!;
  const test = chiSquareTest(table.filter((row) => row[0]! + row[1]! > 0));
  return {
    flipRates,
    matrix,
    anchorRows,
    priors,
    rate,
    test,
    classConditional: test.pValue < alpha,
  };
}
