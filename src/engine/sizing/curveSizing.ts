/**
 * The sizing of a clean-vs-noisy sweep, as a curve cell shows it: power laws
 * fitted to the noisy and to the clean curve, both followed to the same
 * target — the clean accuracy at N0, what cleaning buys there — so the noisy
 * report's `needed` says how much noisy data would buy the same.
 *
 * The target is measured too (the mean of a few seeds), and a size read off
 * a flattening curve moves a lot with it: so each bootstrap resample of the
 * noisy curve is followed to its own target, the clean accuracy at N0 of a
 * resample of the clean curve (seeds redrawn within each size). Checked on
 * 100 seeds of digits (test/lessons/claims-11.test.ts): with a fixed target
 * the 90% interval of the size held the 100-seed size in about half of 20
 * groups of 5 seeds; with the target redrawn, in most.
 */
import { interpolateAt } from '../exchange.ts';
import { createRandom, randomInt } from '../random.ts';
import type { SweepSpec, SweepSummary } from '../sweep.ts';
import { sizingReport, type SizingPoint, type SizingReport } from './sizingReport.ts';

export interface CurveSizing {
  /** The clean accuracy at N0. */
  readonly target: number;
  readonly noisy: SizingReport;
  readonly clean: SizingReport;
}

/** Bootstrap resamples of a curve cell's sizing. */
export const SIZING_RESAMPLES = 200;
const STREAM_TARGET = 0x5122;

/** Null until every size of both curves has a value, or with fewer than 3 sizes. Bootstrap seeded by the sweep's first seed. */
export function curveSizing(spec: SweepSpec, summary: SweepSummary): CurveSizing | null {
  const target = summary.tripled?.cleanAtN0 ?? summary.exchange?.target ?? null;
  if (summary.minSeeds < 1 || spec.sizes.length < 3 || target === null || !Number.isFinite(target)) return null;
  const clamp = (t: number) => Math.min(1, Math.max(1e-9, t));
  const options = { targetAccuracy: clamp(target), seed: spec.firstSeed, resamples: SIZING_RESAMPLES };
  const targets = targetResamples(summary.clean, spec.n0, spec.firstSeed, SIZING_RESAMPLES).map((t) =>
    clamp(Number.isFinite(t) ? t : target),
  );
  return {
    target,
    noisy: sizingReport(summary.noisy, { ...options, targetResamples: targets }),
    clean: sizingReport(summary.clean, options),
  };
}

/**
 * The clean accuracy at `n0` (log-interpolated between the means of the
 * sizes around it, as the sweep's summary reads it) in each of `resamples`
 * resamples of the seeds within each size; seeded by `seed`.
 */
export function targetResamples(clean: readonly SizingPoint[], n0: number, seed: number, resamples: number): number[] {
  const random = createRandom(seed, STREAM_TARGET);
  const sizes = clean.map((p) => p.size);
  return Array.from({ length: resamples }, () => {
    const means = clean.map((p) => {
      let sum = 0;
      for (let i = 0; i < p.values.length; i++) sum += p.values[randomInt(random, p.values.length)]!;
      return p.values.length ? sum / p.values.length : NaN;
    });
    return interpolateAt({ sizes, accuracy: means }, n0) ?? NaN;
  });
}
