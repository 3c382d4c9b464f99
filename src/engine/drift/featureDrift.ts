/**
 * Every drift measure of the lab on one numeric feature, reference against
 * current, each with its usual threshold:
 *
 * | measure        | binning                                    | drift when  |
 * | -------------- | ------------------------------------------ | ----------- |
 * | Kolmogorov–Smirnov | none                                   | p < 0.05    |
 * | chi-square     | Sturges bins over both samples              | p < 0.05    |
 * | Wasserstein    | none; divided by the reference's SD         | ≥ 0.1       |
 * | Jensen–Shannon | Sturges bins over both samples; distance, ln | ≥ 0.1      |
 * | PSI            | reference deciles; empty bins → 1e-4        | ≥ 0.1       |
 *
 * The tests (KS, chi-square) suit small reference sets; with large ones
 * they flag even tiny, harmless shifts, so the distances (Wasserstein,
 * Jensen–Shannon) take over. `method` is that rule: KS up to
 * `LARGE_REFERENCE` reference values, Wasserstein above.
 */
import { binCounts, quantileEdges, sturgesEdges } from './bins.ts';
import { chiSquareTest } from './chiSquare.ts';
import { jensenShannonDistance } from './jensenShannon.ts';
import { ksTest } from './ksTest.ts';
import { populationStabilityIndex } from './psi.ts';
import { wassersteinDistance } from './wasserstein.ts';

export const P_THRESHOLD = 0.05;
export const DISTANCE_THRESHOLD = 0.1;
export const PSI_THRESHOLD = 0.1;
export const LARGE_REFERENCE = 1000;

export interface FeatureDrift {
  readonly ksStatistic: number;
  readonly ksPValue: number;
  readonly chiSquare: number;
  readonly chiSquareDof: number;
  readonly chiSquarePValue: number;
  /** Wasserstein-1 distance divided by the reference's standard deviation. */
  readonly wasserstein: number;
  /** Jensen–Shannon distance, natural log. */
  readonly jensenShannon: number;
  readonly psi: number;
  readonly ksDrift: boolean;
  readonly chiSquareDrift: boolean;
  readonly wassersteinDrift: boolean;
  readonly jensenShannonDrift: boolean;
  readonly psiDrift: boolean;
  /** The measure chosen for the reference's size: `ks` (small) or `wasserstein` (large). */
  readonly method: 'ks' | 'wasserstein';
  /** That measure's verdict. */
  readonly drift: boolean;
}

function sd(values: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean /= values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i]! - mean) ** 2;
  return Math.sqrt(ss / values.length);
}

export function featureDrift(reference: ArrayLike<number>, current: ArrayLike<number>): FeatureDrift {
  if (!reference.length || !current.length) throw new RangeError('featureDrift: both samples must be non-empty');
  const ks = ksTest(reference, current);
  const edges = sturgesEdges([...Array.from(reference), ...Array.from(current)]);
  const refCounts = binCounts(reference, edges);
  const curCounts = binCounts(current, edges);
  const chi = chiSquareTest([refCounts, curCounts]);
  const scale = sd(reference) || 1;
  const wasserstein = wassersteinDistance(reference, current) / scale;
  const jensenShannon = jensenShannonDistance(refCounts, curCounts);
  const deciles = quantileEdges(reference);
  const psi = populationStabilityIndex(binCounts(reference, deciles), binCounts(current, deciles));
  const method = reference.length > LARGE_REFERENCE ? 'wasserstein' : 'ks';
  const ksDrift = ks.pValue < P_THRESHOLD;
  const wassersteinDrift = wasserstein >= DISTANCE_THRESHOLD;
  return {
    ksStatistic: ks.statistic,
    ksPValue: ks.pValue,
    chiSquare: chi.statistic,
    chiSquareDof: chi.dof,
    chiSquarePValue: chi.pValue,
    wasserstein,
    jensenShannon,
    psi,
    ksDrift,
    chiSquareDrift: chi.pValue < P_THRESHOLD,
    wassersteinDrift,
    jensenShannonDrift: jensenShannon >= DISTANCE_THRESHOLD,
    psiDrift: psi >= PSI_THRESHOLD,
    method,
    drift: method === 'ks' ? ksDrift : wassersteinDrift,
  };
}
