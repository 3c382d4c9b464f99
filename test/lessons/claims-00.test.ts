/**
 * Lesson 0's claims, each over 20 seeds (docs/claims.md, "00 The lifecycle"):
 * on the playground, fixing the labels beats either model trained on the
 * wrong ones by more than the measurement noise, and fixing every wrong label
 * never lowers the test accuracy beyond that noise, whatever the shape, noise
 * and seed; on the quick curve, clean labels at N0 are worth several times
 * more noisy data.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import type { PlaygroundCellSpec } from '../../src/notebook/types.ts';
import { initBackend } from '../../src/model/backend.ts';
import { changeNoise } from '../../src/engine/measurementNoise.ts';
import { curveSweepSpec } from '../../src/notebook/curveSweep.ts';
import type { ToyShape } from '../../src/engine/toy2d.ts';
import { lessonFiles } from '../../scripts/vite-plugin-lessons.ts';
import { playgroundRun, share } from '../support/playgroundRuns.ts';
import { factorOf, range, sweepSeedGroups } from '../support/seedGroups.ts';

const file = 'lessons/00-the-lifecycle.md';
const lesson = parseLesson(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);
const cells = lesson.blocks.flatMap((b) => (b.kind === 'cell' ? [b.cell] : []));
const prose = lesson.blocks
  .flatMap((b) => (b.kind === 'prose' ? [b.html] : []))
  .join('\n')
  .replace(/\s+/g, ' ');
const SEEDS = Array.from({ length: 20 }, (_, i) => i);

function playgroundSpec(): PlaygroundCellSpec {
  const spec = cells.find((c) => c.id === 'loop');
  if (spec?.type !== 'playground') throw new Error('lesson 0 has no playground "loop"');
  return spec;
}

describe(`${file}: claims`, () => {
  it('the playground: across 20 seeds, fixing the labels beats either model on the wrong labels by more than the noise in ≥ 18', async () => {
    await initBackend('wasm');
    const spec = playgroundSpec();
    expect(spec.params).toMatchObject({ model: 'mlp', starts: 8 });
    const margins: number[] = [];
    const holds: boolean[] = [];
    for (const seed of SEEDS) {
      // The same points, labels and test points in both runs (the same seed).
      const run = playgroundRun(spec, { seed });
      const mlp = await run.step();
      const clean = await run.step((c) => c.cleanAll());
      const logreg = await playgroundRun(spec, { seed, model: 'logreg' }).step();
      const best = mlp.accuracy >= logreg.accuracy ? mlp : logreg;
      margins.push(clean.accuracy - best.accuracy);
      holds.push(clean.accuracy - best.accuracy > changeNoise(best, clean));
    }
    console.info(
      'lesson 0 playground, clean − best noisy model (points):',
      range(margins.map((m) => 100 * m)),
      share(holds),
    );
    expect(share(holds)).toBeGreaterThanOrEqual(0.9);
    expect(prose).toMatch(
      /fixing the labels scored higher than either model on the wrong labels, by more than the measurement noise, in at least eighteen/,
    );
  }, 240_000);

  it('the playground, any shape, noise and seed: fixing every wrong label never lowers test accuracy beyond the measurement noise', async () => {
    await initBackend('wasm');
    const spec = playgroundSpec();
    const shapes: ToyShape[] = ['moons', 'circles', 'blobs'];
    const noises = [0.05, 0.15, 0.3, 0.45];
    const cases = shapes.flatMap((shape) => noises.map((noise) => ({ shape, noise })));
    const deltas: number[] = [];
    const noiseBands: number[] = [];
    const failures: string[] = [];
    // 24 runs: every shape × noise level, twice, each with its own seed (100 …).
    for (let i = 0; i < 2 * cases.length; i++) {
      const { shape, noise } = cases[i % cases.length]!;
      const run = playgroundRun(spec, { shape, noise, seed: 100 + i, classes: 3 });
      await run.step();
      await run.step((c) => c.cleanAll());
      const change = run.cell.change!;
      deltas.push(change.delta);
      noiseBands.push(change.noise);
      if (change.delta < -change.noise)
        failures.push(`${shape} ${noise} seed ${100 + i}: ${change.delta} ± ${change.noise}`);
    }
    console.info(
      'fix all, any shape: change (points)',
      range(deltas.map((d) => 100 * d)),
      'noise',
      range(noiseBands.map((d) => 100 * d)),
    );
    expect(failures).toEqual([]);
  }, 240_000);

  it('the quick curve: across first seeds 0–19 the factor is between 3× and 8× in ≥ 18, and more than 2× in ≥ 18', async () => {
    const block = cells.find((c) => c.id === 'quick');
    if (block?.type !== 'curve') throw new Error('lesson 0 has no curve cell "quick"');
    const groups = await sweepSeedGroups(curveSweepSpec(block.params), SEEDS);
    const factors = groups.map((g) => factorOf(g.summary));
    console.info('lesson 0 quick curve factor over first seeds 0–19:', range(factors));
    expect(share(factors.map((f) => f >= 3 && f <= 8))).toBeGreaterThanOrEqual(0.9);
    expect(share(factors.map((f) => f > 2))).toBeGreaterThanOrEqual(0.9);
    expect(prose).toMatch(/worth collecting several times more/);
    expect(prose).toMatch(/between about 3× and 8×, well above 2×/);
  }, 240_000);

  it('"Where the lessons sit" names every other lesson of the course by its title', () => {
    const section = prose.slice(prose.indexOf('Where the lessons sit'), prose.indexOf('one picture'));
    const titles = lessonFiles(fileURLToPath(new URL('../../lessons', import.meta.url)))
      .filter((f) => !f.endsWith(file.slice('lessons/'.length)))
      .map((f) => parseLesson(readFileSync(f, 'utf8'), f).meta.title);
    expect(titles.length).toBeGreaterThanOrEqual(11);
    const plain = (text: string) =>
      text
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .toLowerCase();
    for (const title of titles) expect(plain(section)).toContain(plain(title));
  });
});
