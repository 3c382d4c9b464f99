/**
 * The drift measures against scipy 1.17.1. Every reference value below was
 * computed with python3 and scipy on exactly these inputs:
 * `scipy.stats.ks_2samp(a, b)` (default method 'auto'), `scipy.stats.chi2.sf`,
 * `scipy.stats.chi2_contingency(table)` (default correction=True),
 * `scipy.stats.wasserstein_distance(a, b)`,
 * `scipy.spatial.distance.jensenshannon(p, q[, base=2])`,
 * `numpy.histogram_bin_edges(a, bins='sturges')` and `numpy.quantile`.
 */
import { describe, expect, it } from 'vitest';
import {
  binCounts,
  chiSquareSf,
  chiSquareTest,
  driftStream,
  featureDrift,
  jensenShannonDistance,
  jensenShannonDivergence,
  ksStatistic,
  ksTest,
  populationStabilityIndex,
  quantileEdges,
  sturgesEdges,
  wassersteinDistance,
} from '../../../src/engine/drift/index.ts';

const a = [0.1, 0.5, 1.2, 1.9, 2.4, 3.3, 0.7, 1.1];
const b = [0.9, 1.8, 2.2, 2.9, 3.5, 4.1, 2.6, 3.0, 3.8, 1.6, 4.4];
const c = [1.5, 2.5, 0.2, 0.8, 3.1, 1.3, 2.0, 0.4];
const seq = (n: number, f: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => Math.round(f(i) * 1000) / 1000);

describe('ksTest(a, b): two-sided two-sample KS as scipy ks_2samp', () => {
  it('unequal sizes, exact: D and p as scipy', () => {
    const r = ksTest(a, b);
    expect(r.statistic).toBeCloseTo(0.5340909090909091, 12);
    expect(r.pValue).toBeCloseTo(0.10121457489878542, 10);
    expect(r.method).toBe('exact');
  });
  it('equal sizes, exact', () => {
    const r = ksTest(a, c);
    expect(r.statistic).toBeCloseTo(0.25, 12);
    expect(r.pValue).toBeCloseTo(0.98010878010878, 10);
  });
  it('300 against 450 values (sin/cos sequences), exact', () => {
    const r = ksTest(
      seq(300, (i) => Math.sin(i * 1.7) * 2),
      seq(450, (i) => Math.cos(i * 0.9) * 2 + 0.3),
    );
    expect(r.statistic).toBeCloseTo(0.17333333333333334, 12);
    expect(r.pValue / 3.5529262799257024e-5).toBeCloseTo(1, 6);
  });
  it('heavy ties: the statistic counts each tied value once', () => {
    const r = ksTest(
      seq(200, (i) => i % 7),
      seq(200, (i) => (i * 3) % 9),
    );
    expect(r.statistic).toBeCloseTo(0.19, 12);
    expect(r.pValue / 0.0014264303851701861).toBeCloseTo(1, 6);
  });
  it('more than 10,000 values: asymptotic, close to scipy', () => {
    const r = ksTest(
      seq(12000, (i) => Math.sin(i * 1.7) * 2),
      seq(11000, (i) => Math.sin(i * 0.9) * 2 + 0.05),
    );
    expect(r.method).toBe('asymp');
    expect(r.statistic).toBeCloseTo(0.07091666666666667, 12);
    expect(Math.log10(r.pValue)).toBeCloseTo(Math.log10(1.526720380000557e-25), 0);
  });
  it('identical samples: D = 0, p = 1; a single value each works', () => {
    expect(ksTest(a, a)).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
    expect(ksStatistic([1], [2])).toBe(1);
    expect(ksTest([1], [2]).pValue).toBeCloseTo(1, 12);
  });
  it('empty samples throw', () => {
    expect(() => ksTest([], a)).toThrow(/non-empty/);
  });
});

describe('chiSquareSf(x, dof) and chiSquareTest(table)', () => {
  it('the survival function matches scipy.stats.chi2.sf', () => {
    expect(chiSquareSf(3.84, 1)).toBeCloseTo(0.05004352124870519, 12);
    expect(chiSquareSf(10, 4)).toBeCloseTo(0.04042768199451279, 12);
    expect(chiSquareSf(0.5, 7)).toBeCloseTo(0.9994464813904249, 12);
    expect(chiSquareSf(60, 30) / 0.0009206823961486636).toBeCloseTo(1, 9);
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareSf(1, 0)).toBeNaN();
  });
  it('2×3 table as chi2_contingency', () => {
    const r = chiSquareTest([
      [10, 20, 30],
      [15, 15, 40],
    ]);
    expect(r.statistic).toBeCloseTo(2.3877551020408165, 12);
    expect(r.dof).toBe(2);
    expect(r.pValue).toBeCloseTo(0.30304391468510006, 12);
  });
  it('2×2 table: Yates correction, as chi2_contingency', () => {
    const r = chiSquareTest([
      [12, 30],
      [25, 20],
    ]);
    expect(r.statistic).toBeCloseTo(5.414882239382241, 12);
    expect(r.dof).toBe(1);
    expect(r.pValue).toBeCloseTo(0.019965800014170497, 12);
  });
  it('empty columns are dropped; nothing to compare gives p = 1', () => {
    expect(
      chiSquareTest([
        [10, 0, 20, 30],
        [15, 0, 15, 40],
      ]).statistic,
    ).toBeCloseTo(2.3877551020408165, 12);
    expect(chiSquareTest([[1, 2]])).toEqual({ statistic: 0, dof: 0, pValue: 1 });
  });
});

describe('wassersteinDistance(a, b)', () => {
  it('matches scipy.stats.wasserstein_distance', () => {
    expect(wassersteinDistance(a, b)).toBeCloseTo(1.4, 12);
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 12);
    expect(wassersteinDistance([2], [2])).toBe(0);
  });
});

describe('jensenShannonDistance(p, q, base): scipy jensenshannon, a distance (√ divergence)', () => {
  it('natural log by default, base 2 on request', () => {
    expect(jensenShannonDistance([1, 0, 0], [0, 1, 0])).toBeCloseTo(0.8325546111576977, 12);
    expect(jensenShannonDistance([1, 0, 0], [0, 1, 0], 2)).toBeCloseTo(1, 12);
    expect(jensenShannonDistance([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(0.32625164411267443, 12);
    expect(jensenShannonDistance([1, 2, 3, 4], [4, 3, 2, 1], 2)).toBeCloseTo(0.3918681606471551, 12);
    expect(jensenShannonDivergence([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(0.32625164411267443 ** 2, 12);
    expect(jensenShannonDistance([2, 2], [1, 1])).toBe(0);
  });
});

describe('populationStabilityIndex(reference, current, epsilon)', () => {
  it('Σ (c − r) ln(c / r) over shares; identical is 0; empty bins use epsilon', () => {
    // By hand: shares (0.5, 0.5) and (0.25, 0.75): −0.25·ln 0.5 + 0.25·ln 1.5.
    expect(populationStabilityIndex([1, 1], [1, 3])).toBeCloseTo(-0.25 * Math.log(0.5) + 0.25 * Math.log(1.5), 12);
    expect(populationStabilityIndex([3, 5], [6, 10])).toBe(0);
    expect(populationStabilityIndex([1, 0], [0, 1])).toBeCloseTo(2 * (1 - 1e-4) * Math.log(1 / 1e-4), 9);
  });
});

describe('bins', () => {
  it('sturgesEdges matches numpy histogram_bin_edges(bins="sturges")', () => {
    const edges = sturgesEdges(a);
    [0.1, 0.9, 1.7, 2.5, 3.3].forEach((e, i) => expect(edges[i]).toBeCloseTo(e, 12));
    expect(edges).toHaveLength(5);
  });
  it('quantileEdges are numpy quantiles (linear) with ±∞ outside', () => {
    const edges = quantileEdges(b);
    expect(edges[0]).toBe(-Infinity);
    expect(edges.at(-1)).toBe(Infinity);
    [1.6, 1.8, 2.2, 2.6, 2.9, 3.0, 3.5, 3.8, 4.1].forEach((e, i) => expect(edges[i + 1]).toBeCloseTo(e, 12));
  });
  it('binCounts: right edge in the last bin, outside values in the end bins', () => {
    expect(binCounts([-5, 0, 0.5, 1, 2, 9], [0, 1, 2])).toEqual([3, 3]);
  });
});

describe('featureDrift(reference, current) on driftStream(options)', () => {
  // Large samples: the method is Wasserstein, and the distances' 0.1 thresholds are meant for such sizes.
  const stream = driftStream({
    batches: 3,
    batchSize: 3000,
    referenceSize: 5000,
    covariateAt: 2,
    conceptAt: 3,
    shift: 1,
    labelNoise: 0,
    seed: 0,
  });
  it('the same seed gives the same points; another seed other points', () => {
    const again = driftStream({
      batches: 3,
      batchSize: 3000,
      referenceSize: 5000,
      covariateAt: 2,
      conceptAt: 3,
      shift: 1,
      labelNoise: 0,
      seed: 0,
    });
    expect(again).toEqual(stream);
    expect(
      driftStream({
        batches: 1,
        batchSize: 5,
        referenceSize: 5,
        covariateAt: 2,
        conceptAt: 3,
        shift: 1,
        labelNoise: 0,
        seed: 1,
      }).reference.x,
    ).not.toEqual(stream.reference.x.slice(0, 5));
    expect(stream.batches.map((b) => b.phase)).toEqual(['stable', 'covariate', 'concept']);
  });
  const col = (rows: number[][], j: number) => rows.map((r) => r[j]!);
  it('a stable batch is not flagged; a shifted one is flagged by every measure', () => {
    const stable = featureDrift(col(stream.reference.x, 0), col(stream.batches[0]!.x, 0));
    expect([stable.wassersteinDrift, stable.jensenShannonDrift, stable.psiDrift, stable.drift]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    const moved = featureDrift(col(stream.reference.x, 0), col(stream.batches[1]!.x, 0));
    expect([
      moved.ksDrift,
      moved.chiSquareDrift,
      moved.wassersteinDrift,
      moved.jensenShannonDrift,
      moved.psiDrift,
    ]).toEqual([true, true, true, true, true]);
    expect(moved.method).toBe('wasserstein');
    expect(moved.drift).toBe(true);
  });
  it('concept drift leaves the inputs as they were: the labels move, P(x) does not', () => {
    const [stable, , concept] = stream.batches;
    const same = featureDrift(col(stream.reference.x, 0), col(concept!.x, 0));
    expect([same.wassersteinDrift, same.psiDrift, same.drift]).toEqual([false, false, false]);
    const positives = (y: number[]) => y.reduce((s, v) => s + v, 0) / y.length;
    expect(positives(stable!.y) - positives(concept!.y)).toBeGreaterThan(0.15);
  });
});
