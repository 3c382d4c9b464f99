/**
 * The sizing of a clean-vs-noisy sweep, as a curve cell shows it: power laws
 * fitted to the noisy and to the clean curve, both followed to the same
 * target — the clean accuracy at N0, what cleaning buys there — so the noisy
 * report's `needed` says how much noisy data would buy the same.
 */
import type { SweepSpec, SweepSummary } from '../sweep.ts';
import { sizingReport, type SizingReport } from './sizingReport.ts';

export interface CurveSizing {
  /** The clean accuracy at N0. */
  readonly target: number;
  readonly noisy: SizingReport;
  readonly clean: SizingReport;
}

/** Null until every size of both curves has a value, or with fewer than 3 sizes. Bootstrap seeded by the sweep's first seed. */
export function curveSizing(spec: SweepSpec, summary: SweepSummary): CurveSizing | null {
  const target = summary.tripled?.cleanAtN0 ?? summary.exchange?.target ?? null;
  if (summary.minSeeds < 1 || spec.sizes.length < 3 || target === null || !Number.isFinite(target)) return null;
  const options = { targetAccuracy: Math.min(1, Math.max(1e-9, target)), seed: spec.firstSeed };
  return { target, noisy: sizingReport(summary.noisy, options), clean: sizingReport(summary.clean, options) };
}
