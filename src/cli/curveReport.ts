import type { SweepSpec } from '../engine/sweep.ts';
import { classNamesOf } from '../engine/datasets.ts';
import { describeNoise, type NoiseSpec } from '../engine/noise/spec.ts';
import type { NodeSweepResult } from './runSweep.ts';

export interface CurveReport {
  readonly dataset: string;
  readonly model: string;
  /** The noisy arm's noise model. */
  readonly noise: NoiseSpec;
  readonly noiseDescription: string;
  readonly seeds: readonly number[];
  readonly backend: string;
  readonly seconds: number;
  /** Fits that stopped at the iteration cap before converging. */
  readonly unconverged: number;
  readonly sizes: readonly number[];
  readonly clean: readonly { size: number; mean: number; sd: number }[];
  readonly noisy: readonly { size: number; mean: number; sd: number }[];
  readonly exchange: {
    /** The size at which the exchange rate is read off. */
    readonly n0: number;
    /** Where N0 came from (an option, or which default), in words. */
    readonly n0Source: string;
    readonly status: 'interpolated' | 'below_range' | 'beyond_range';
    readonly cleanAccuracyAtN0: number;
    /** The noisy-data size matching clean accuracy at n0; null outside the measured sizes. */
    readonly equivalentN: number | null;
    /** equivalentN / n0; null when equivalentN is. */
    readonly factor: number | null;
  } | null;
}

export function curveReport(spec: SweepSpec, result: NodeSweepResult, n0Source = 'as given'): CurveReport {
  const { summary } = result;
  const point = (p: { size: number; mean: number; sd: number }) => ({ size: p.size, mean: p.mean, sd: p.sd });
  const x = summary.exchange;
  return {
    dataset: spec.dataset,
    model: spec.model,
    noise: spec.noise,
    noiseDescription: describeNoise(spec.noise, { classNames: classNamesOf(spec.dataset, 10) }),
    seeds: Array.from({ length: spec.seeds }, (_, i) => spec.firstSeed + i),
    backend: result.backend,
    seconds: result.milliseconds / 1000,
    unconverged: result.outcomes.filter((o) => !o.converged).length,
    sizes: spec.sizes,
    clean: summary.clean.map(point),
    noisy: summary.noisy.map(point),
    exchange: x && {
      n0: x.n0,
      n0Source,
      status: x.status,
      cleanAccuracyAtN0: x.target,
      equivalentN: x.status === 'interpolated' ? x.equivalentN : null,
      factor: x.status === 'interpolated' ? x.factor : null,
    },
  };
}

export function formatCurveTable(report: CurveReport): string {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`.padStart(6);
  const lines = [
    `${report.dataset}, ${report.model}, ${report.noiseDescription}, ${report.seeds.length} seeds (${report.backend}, ${report.seconds.toFixed(1)} s)`,
    '',
    '     N    clean ± sd        noisy ± sd',
    ...report.sizes.map((n, i) => {
      const c = report.clean[i]!;
      const z = report.noisy[i]!;
      return `${String(n).padStart(6)}  ${pct(c.mean)} ± ${pct(c.sd)}   ${pct(z.mean)} ± ${pct(z.sd)}`;
    }),
    '',
  ];
  const x = report.exchange;
  if (x) lines.push(`Exchange rate read at N0 = ${x.n0} (${x.n0Source}).`);
  if (x?.factor != null && x.equivalentN != null) {
    lines.push(
      `Cleaning at N0 = ${x.n0} is worth ≈ ${x.factor.toFixed(2)}× more noisy data (noisy labels need N ≈ ${Math.round(x.equivalentN)}).`,
    );
  } else if (x?.status === 'beyond_range') {
    lines.push(
      `Cleaning at N0 = ${x.n0}: the noisy curve never reaches ${pct(x.cleanAccuracyAtN0).trim()} within the sizes measured.`,
    );
  } else if (x) {
    lines.push(`Cleaning at N0 = ${x.n0}: the noisy curve is already there at its smallest size.`);
  }
  return `${lines.join('\n')}\n`;
}
