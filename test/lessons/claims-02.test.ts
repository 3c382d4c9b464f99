/**
 * Lesson 2's claims, each over 20 seeds: the lesson's own curve cells (their
 * data set, model and noise, read from the lesson file) rerun in Node with
 * seeds 0–19 instead of the page's three, at the sizes the claims name. Each
 * seed is one training set per size, as on the page; a claim must hold in at
 * least 90% of the seeds (test/support/claims.ts), and the measured range is
 * printed for docs/claims.md.
 *
 * Cheap settings: the four noisy arms share one clean arm per seed and size
 * (the clean arm does not depend on the noise), and size 800 is left out —
 * no claim reads it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TrialPreparer } from '../../src/engine/trial.ts';
import { CLEAN } from '../../src/engine/noise/index.ts';
import type { CurveParams } from '../../src/notebook/types.ts';
import { initBackend } from '../../src/model/backend.ts';
import { runTrial } from '../../src/model/runTrial.ts';
import { referenceProbabilities } from '../../src/model/referenceProbabilities.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../../src/cli/quietTfjsBanner.ts';
import { readLessonFile } from '../support/lessonFile.ts';
import { expectMostly } from '../support/claims.ts';

quietTfjsBanner();

const file = 'lessons/02-not-all-noise-is-alike.md';
const { cells, code, proseText } = readLessonFile(file);
const KINDS = ['uniform', 'boundary', 'convention', 'pairs'] as const;
type Kind = (typeof KINDS)[number];
const SEEDS = Array.from({ length: 20 }, (_, i) => i);
const SIZES = [50, 100, 200, 400, 1250] as const;
type Size = (typeof SIZES)[number];

function curveParams(id: string): CurveParams {
  const cell = cells.find((c) => c.id === id);
  if (cell?.type !== 'curve') throw new Error(`${file} has no curve cell "${id}"`);
  return cell.params;
}

/** Accuracy on the clean test set in points (0–100), by arm, seed index and size. */
type Accuracy = Record<Kind | 'clean', Map<Size, number>[]>;
let acc: Accuracy;
/** Clean minus noisy accuracy, in points. */
const gap = (kind: Kind, s: number, size: Size) => acc.clean[s]!.get(size)! - acc[kind][s]!.get(size)!;
const noisy = (kind: Kind | 'clean', s: number, size: Size) => acc[kind][s]!.get(size)!;
/** One value per seed. */
const perSeed = (f: (s: number) => number) => SEEDS.map((_, s) => f(s));

describe(`${file}: claims`, () => {
  beforeAll(async () => {
    const params = Object.fromEntries(KINDS.map((k) => [k, curveParams(k)])) as Record<Kind, CurveParams>;
    const { dataset: name, model } = params.uniform;
    for (const k of KINDS) expect(params[k], k).toMatchObject({ dataset: name, model });
    await initBackend('wasm');
    const dataset = await loadDatasetFile(name);
    const preparer = new TrialPreparer(dataset, { referenceProbabilities: await referenceProbabilities(dataset) });
    const arms = [['clean', CLEAN] as const, ...KINDS.map((k) => [k, params[k].noise] as const)];
    acc = Object.fromEntries(arms.map(([arm]) => [arm, SEEDS.map(() => new Map<Size, number>())])) as Accuracy;
    for (const [s, seed] of SEEDS.entries()) {
      for (const size of SIZES) {
        for (const [arm, noise] of arms) {
          const outcome = await runTrial(preparer, {
            dataset: name,
            model,
            size,
            noise,
            seed,
            arm: arm === 'clean' ? 'clean' : 'noisy',
          });
          acc[arm][s]!.set(size, 100 * outcome.accuracy);
        }
      }
    }
  }, 170_000);

  it('the cells are the experiments the prose describes, on the sizes the claims read, with one shared y axis', () => {
    for (const k of KINDS) {
      const p = curveParams(k);
      for (const size of SIZES) expect(p.sizes, k).toContain(size);
    }
    expect(curveParams('uniform').noise).toEqual({ kind: 'uniform', rate: 0.2 });
    expect(curveParams('boundary').noise).toEqual({ kind: 'boundary', rate: 0.2 });
    expect(curveParams('convention').noise).toMatchObject({ kind: 'systematic', from: [4], to: 9, rate: 1 });
    expect(curveParams('pairs').noise).toMatchObject({ kind: 'pairs', rate: 0.2 });
    // The side-by-side cell runs the same three kinds of noise as the curves above it.
    expect(code('gaps')).toContain('uniform: 0.2');
    expect(code('gaps')).toContain("{ kind: 'boundary', rate: 0.2 }");
    expect(code('gaps')).toContain("{ kind: 'systematic', from: [4], to: 9, rate: 1 }");
    // The four curves are drawn on the same accuracy axis, so their shapes compare.
    const axes = KINDS.map((k) => {
      const cell = cells.find((c) => c.id === k);
      return cell?.type === 'curve' ? cell.yAxis : undefined;
    });
    expect(axes[0]).toBeDefined();
    for (const axis of axes) expect(axis).toEqual(axes[0]);
    expect(proseText).toContain('same accuracy axis');
  });

  it('uniform noise: “the noisy curve keeps climbing” — from 400 to 1,250 examples it gains more than a point', () => {
    expectMostly(
      'uniform: noisy gain 400 → 1,250 (points) > 1',
      perSeed((s) => noisy('uniform', s, 1250) - noisy('uniform', s, 400)),
      (v) => v > 1,
    );
  });

  it('uniform noise: the gap at 1,250 is less than half the gap at 100, and has not reached zero (1–5 points)', () => {
    expectMostly(
      'uniform: gap at 1,250 / gap at 100 < 0.5',
      perSeed((s) => gap('uniform', s, 1250) / gap('uniform', s, 100)),
      (v) => v < 0.5,
    );
    expectMostly(
      'uniform: gap at 100 (points)',
      perSeed((s) => gap('uniform', s, 100)),
      (v) => v > 0,
    );
    expectMostly(
      'uniform: gap at 1,250 (points) in 1 … 5',
      perSeed((s) => gap('uniform', s, 1250)),
      (v) => v > 1 && v < 5,
    );
  });

  it('boundary noise costs less than uniform noise at 50, 100 and 200 examples', () => {
    for (const size of [50, 100, 200] as const) {
      expectMostly(
        `boundary gap − uniform gap at ${size} (points) < 0`,
        perSeed((s) => gap('boundary', s, size) - gap('uniform', s, size)),
        (v) => v < 0,
      );
    }
  });

  it('boundary noise: the noisy curve flattens — it gains less from 400 to 1,250 than the uniform-noise curve does', () => {
    expectMostly(
      'boundary noisy gain 400 → 1,250 minus uniform noisy gain (points) < 0',
      perSeed(
        (s) =>
          noisy('boundary', s, 1250) -
          noisy('boundary', s, 400) -
          (noisy('uniform', s, 1250) - noisy('uniform', s, 400)),
      ),
      (v) => v < 0,
    );
    expectMostly(
      'boundary: noisy gain 400 → 1,250 (points)',
      perSeed((s) => noisy('boundary', s, 1250) - noisy('boundary', s, 400)),
      (v) => v < 2.5,
    );
  });

  it('boundary noise: the gap does not shrink from 400 examples on, and at 1,250 it is as wide as the uniform gap', () => {
    expectMostly(
      'boundary: gap at 1,250 − gap at 400 (points) > −1',
      perSeed((s) => gap('boundary', s, 1250) - gap('boundary', s, 400)),
      (v) => v > -1,
    );
    expectMostly(
      'boundary: gap at 1,250 (points) in 3 … 5',
      perSeed((s) => gap('boundary', s, 1250)),
      (v) => v > 3 && v < 5,
    );
    expectMostly(
      'boundary gap − uniform gap at 1,250 (points) > −0.5',
      perSeed((s) => gap('boundary', s, 1250) - gap('uniform', s, 1250)),
      (v) => v > -0.5,
    );
  });

  it('every 4 labelled 9: the gap is about a tenth (8–14 points) at every size and stays where it started', () => {
    expectMostly(
      'convention: smallest gap over the sizes (points) > 8',
      perSeed((s) => Math.min(...SIZES.map((n) => gap('convention', s, n)))),
      (v) => v > 8,
    );
    expectMostly(
      'convention: largest gap over the sizes (points) < 14',
      perSeed((s) => Math.max(...SIZES.map((n) => gap('convention', s, n)))),
      (v) => v < 14,
    );
    expectMostly(
      'convention: |gap at 1,250 − gap at 100| (points) < 2',
      perSeed((s) => Math.abs(gap('convention', s, 1250) - gap('convention', s, 100))),
      (v) => v < 2,
    );
  });

  it('pair flips sit in between: they cost less than the convention at every size, and their gap shrinks less than the uniform one', () => {
    expectMostly(
      'pairs gap − convention gap, largest over the sizes (points) < 0',
      perSeed((s) => Math.max(...SIZES.map((n) => gap('pairs', s, n) - gap('convention', s, n)))),
      (v) => v < 0,
    );
    expectMostly(
      'pairs gap shrink 100 → 1,250 minus uniform gap shrink (points) < 0',
      perSeed((s) => gap('pairs', s, 100) - gap('pairs', s, 1250) - (gap('uniform', s, 100) - gap('uniform', s, 1250))),
      (v) => v < 0,
    );
  });
});
