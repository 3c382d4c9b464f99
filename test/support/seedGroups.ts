/**
 * A curve cell's claim over many seed groups, as a reader gets them by
 * changing the cell's first seed: group g runs seeds g … g + seeds − 1.
 * Every trial (arm, size, seed) is run once and shared by the groups that
 * contain its seed, so 20 overlapping groups of 5 seeds cost 24 seeds' trials.
 */
import { TrialPreparer } from '../../src/engine/trial.ts';
import {
  planSweep,
  summarizeSweep,
  type SweepSpec,
  type SweepSummary,
  type TrialOutcome,
} from '../../src/engine/sweep.ts';
import { initBackend } from '../../src/model/backend.ts';
import { runTrial } from '../../src/model/runTrial.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';

export interface SeedGroup {
  readonly firstSeed: number;
  readonly summary: SweepSummary;
}

/** The summaries of `spec` with first seeds `firstSeeds` (each group `spec.seeds` seeds long), in that order. */
export async function sweepSeedGroups(spec: SweepSpec, firstSeeds: readonly number[]): Promise<SeedGroup[]> {
  if (spec.noise.kind === 'boundary') throw new Error('sweepSeedGroups: boundary noise is not supported');
  await initBackend('wasm');
  const preparer = new TrialPreparer(await loadDatasetFile(spec.dataset));
  const seeds = [...new Set(firstSeeds.flatMap((s) => Array.from({ length: spec.seeds }, (_, i) => s + i)))];
  const bySeed = new Map<number, TrialOutcome[]>();
  for (const seed of seeds) {
    const outcomes: TrialOutcome[] = [];
    for (const trial of planSweep({ ...spec, firstSeed: seed, seeds: 1 }))
      outcomes.push(await runTrial(preparer, trial));
    bySeed.set(seed, outcomes);
  }
  return firstSeeds.map((firstSeed) => {
    const group = { ...spec, firstSeed };
    const outcomes = Array.from({ length: spec.seeds }, (_, i) => bySeed.get(firstSeed + i)!).flat();
    return { firstSeed, summary: summarizeSweep(group, outcomes) };
  });
}

/** The exchange factor of a summary, or NaN when the noisy curve does not cross within the sizes. */
export function factorOf(summary: SweepSummary): number {
  return summary.exchange?.status === 'interpolated' ? summary.exchange.factor : NaN;
}

/** Smallest, median and largest of some numbers (NaN sorts last). */
export function range(values: readonly number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b));
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}
