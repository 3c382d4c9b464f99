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
import { exchangeRate, interpolateAt, type ExchangeRate } from '../../src/engine/exchange.ts';

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

export interface GroupExchange {
  readonly firstSeed: number;
  readonly exchange: ExchangeRate;
  /** Mean clean accuracy at N0 and mean noisy accuracy at 3·N0 (log-N interpolated), when 3·N0 is in range. */
  readonly cleanAtN0: number;
  readonly noisyAt3N0: number | null;
}

/**
 * The exchange rate and the tripled-data comparison of each seed group,
 * running only the trials they read: clean at N0, and noisy from N0 upwards
 * until each group's noisy mean reaches its clean target (and at least up to
 * 3·N0). Below N0 the noisy curve is not run: where the noisy mean at N0
 * already reaches the target, the cell would interpolate below N0 and report
 * a factor ≤ 1; here the group reports 'below_range' — either way no more
 * than 1×. Otherwise every number equals the full cell's (summarizeSweep).
 */
export async function exchangeOverSeedGroups(spec: SweepSpec, firstSeeds: readonly number[]): Promise<GroupExchange[]> {
  if (spec.noise.kind === 'boundary') throw new Error('exchangeOverSeedGroups: boundary noise is not supported');
  if (!spec.sizes.includes(spec.n0)) throw new Error(`N0 = ${spec.n0} must be one of the sizes`);
  await initBackend('wasm');
  const preparer = new TrialPreparer(await loadDatasetFile(spec.dataset));
  const cache = new Map<string, number>();
  const accuracyOf = async (arm: 'clean' | 'noisy', size: number, seed: number): Promise<number> => {
    const key = `${arm}|${size}|${seed}`;
    let value = cache.get(key);
    if (value === undefined) {
      const [trial] = planSweep({ ...spec, sizes: [size], firstSeed: seed, seeds: 1 }).filter((t) => t.arm === arm);
      value = (await runTrial(preparer, trial!)).accuracy;
      cache.set(key, value);
    }
    return value;
  };
  const meanOver = async (arm: 'clean' | 'noisy', size: number, firstSeed: number) => {
    let sum = 0;
    for (let i = 0; i < spec.seeds; i++) sum += await accuracyOf(arm, size, firstSeed + i);
    return sum / spec.seeds;
  };
  const upper = spec.sizes.filter((n) => n >= spec.n0);
  const out: GroupExchange[] = [];
  for (const firstSeed of firstSeeds) {
    const cleanAtN0 = await meanOver('clean', spec.n0, firstSeed);
    const noisy: number[] = [];
    for (const size of upper) {
      noisy.push(await meanOver('noisy', size, firstSeed));
      if (noisy.at(-1)! >= cleanAtN0 && size >= 3 * spec.n0) break;
    }
    const curve = { sizes: upper.slice(0, noisy.length), accuracy: noisy };
    out.push({
      firstSeed,
      exchange: exchangeRate({ sizes: [spec.n0], accuracy: [cleanAtN0] }, curve, spec.n0),
      cleanAtN0,
      noisyAt3N0: interpolateAt(curve, 3 * spec.n0),
    });
  }
  return out;
}
