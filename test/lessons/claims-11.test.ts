/**
 * Lesson 11's claims, rerun over 20 seed settings of its two curve cells (the
 * cells' own parameters with `seed` 0, 2, …, 38: 5 seeds each, so
 * neighbouring groups share 3 seeds; 44 seeds in all, each trial run once and
 * shared by the cells and groups that use it). Each claim must hold in at
 * least 90% of the groups; the ranges printed are the ones the lesson and
 * docs/claims.md quote. The trials are the lesson's (logistic regression on
 * digits, 8 sizes, clean and noisy arms) on the same engine as the page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { curveSweepSpec } from '../../src/notebook/curveSweep.ts';
import { curveSizing, type CurveSizing } from '../../src/engine/sizing/curveSizing.ts';
import {
  planSweep,
  summarizeSweep,
  trialKey,
  type SweepSpec,
  type SweepSummary,
  type TrialOutcome,
} from '../../src/engine/sweep.ts';
import { TrialPreparer } from '../../src/engine/trial.ts';
import { DATASETS } from '../../src/engine/datasets.ts';
import { initBackend } from '../../src/model/backend.ts';
import { runTrial } from '../../src/model/runTrial.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../../src/cli/quietTfjsBanner.ts';
import { expectMostly } from '../support/seedTally.ts';

quietTfjsBanner();

const file = 'lessons/11-sizing-the-data-set.md';
const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const lesson = parseLesson(source, file);
const prose = source.replace(/\s+/g, ' ');

/** The 20 seed settings: the cell's `seed` field. */
const FIRST_SEEDS = Array.from({ length: 20 }, (_, g) => 2 * g);

function cellSpec(id: string): SweepSpec {
  const block = lesson.blocks.find((b) => b.kind === 'cell' && b.cell.id === id);
  if (block?.kind !== 'cell' || block.cell.type !== 'curve') throw new Error(`lesson 11 has no curve cell "${id}"`);
  expect(block.cell.chart).toBe('power-law');
  return curveSweepSpec(block.cell.params);
}

interface Run {
  readonly spec: SweepSpec;
  readonly summary: SweepSummary;
  readonly sizing: CurveSizing;
}

const runs: Record<'curve' | 'heavy', Run[]> = { curve: [], heavy: [] };

beforeAll(async () => {
  await initBackend('wasm');
  const preparer = new TrialPreparer(await loadDatasetFile('digits'));
  const outcomes = new Map<string, TrialOutcome>();
  for (const id of ['curve', 'heavy'] as const) {
    const base = cellSpec(id);
    expect(base).toMatchObject({ dataset: 'digits', seeds: 5, firstSeed: 0, n0: 200 });
    for (const firstSeed of FIRST_SEEDS) {
      const spec = { ...base, firstSeed };
      const mine: TrialOutcome[] = [];
      for (const trial of planSweep(spec)) {
        const key = trialKey(trial);
        if (!outcomes.has(key)) outcomes.set(key, await runTrial(preparer, trial));
        mine.push(outcomes.get(key)!);
      }
      const summary = summarizeSweep(spec, mine);
      const sizing = curveSizing(spec, summary);
      if (!sizing) throw new Error(`${id}, seed ${firstSeed}: no sizing`);
      runs[id].push({ spec, summary, sizing });
    }
  }
}, 300_000);

const crossing = (r: Run) => (r.summary.exchange?.status === 'interpolated' ? r.summary.exchange.equivalentN : NaN);
const width = (r: Run) => r.sizing.noisy.neededInterval.high - r.sizing.noisy.neededInterval.low;

describe(`${file}: claims over 20 seed settings`, () => {
  it('10%: the power law’s size stays within about a quarter of the measured crossing (0.75–1.33×); its interval holds the crossing in most runs', () => {
    expect(prose).toMatch(/within about a quarter of the measured crossing every time/);
    expectMostly(
      '11 curve: fitted size / measured crossing',
      runs.curve.map((r) => r.sizing.noisy.needed / crossing(r)),
      (ratio) => ratio >= 0.75 && ratio <= 1.33,
    );
    expectMostly(
      '11 curve: the fit needs more than N0',
      runs.curve.map((r) => r.sizing.noisy.needed),
      (n) => n > 200,
    );
    // "held the measured crossing in 17 of the 20": quoted as measured, so only printed and kept above half.
    const inside = runs.curve.filter((r) => {
      const { low, high } = r.sizing.noisy.neededInterval;
      return crossing(r) >= low && crossing(r) <= high;
    }).length;
    console.log(`[claim] 11 curve: the interval holds the measured crossing in ${inside}/20`);
    expect(inside).toBeGreaterThan(10);
  });

  it('10%: at every measured size clean labels score higher than noisy ones', () => {
    expect(prose).toMatch(/at every size measured, clean labels score higher than noisy ones/);
    expectMostly(
      '11 curve: smallest clean − noisy gap over the sizes, points',
      runs.curve.map((r) => Math.min(...r.summary.clean.map((c, i) => c.mean - r.summary.noisy[i]!.mean))),
      (gap) => gap > 0,
      100,
    );
  });

  it('30%: the measured noisy curve stays below the target at 1,250 examples, nearly all the pool; the fit puts the size past the measured sizes', () => {
    const largest = runs.heavy[0]!.spec.sizes.at(-1)!;
    expect(largest).toBe(1250);
    expect(DATASETS.digits.poolSize).toBeLessThan(1.25 * largest);
    expect(prose).toMatch(/measured noisy curve stayed below it even at 1,250 examples/);
    expectMostly(
      '11 heavy: measured noisy curve below the target at every size (1 = yes)',
      runs.heavy.map((r) => (r.summary.exchange?.status === 'beyond_range' ? 1 : 0)),
      (beyond) => beyond === 1,
    );
    expectMostly(
      '11 heavy: the fitted size needed',
      runs.heavy.map((r) => r.sizing.noisy.needed),
      (n) => n > largest,
    );
  });

  it('30%: the interval spans at least twice as many examples as at 10%, or has no top', () => {
    expect(prose).toMatch(/it spans far more examples/);
    expectMostly(
      '11 heavy/curve: interval width ratio',
      runs.heavy.map((r, g) => width(r) / width(runs.curve[g]!)),
      (ratio) => ratio >= 2,
    );
    const open = runs.heavy.filter((r) => !Number.isFinite(r.sizing.noisy.neededInterval.high)).length;
    console.log(`[claim] 11 heavy: intervals with no top: ${open}/20`);
  });
});
