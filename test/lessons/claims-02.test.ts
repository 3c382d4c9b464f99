/**
 * Lesson 2's words must match what its cells compute: random noise keeps
 * yielding to more data, boundary noise flattens out, a labelling
 * convention stalls about a tenth below clean labels.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { curveSweepSpec } from '../../src/notebook/curveSweep.ts';
import { runSweepInNode } from '../../src/cli/runSweep.ts';
import type { SweepSummary } from '../../src/engine/sweep.ts';

const file = 'lessons/02-not-all-noise-is-alike.md';
const lesson = parseLesson(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);

async function run(id: string): Promise<SweepSummary> {
  const block = lesson.blocks.find((b) => b.kind === 'cell' && b.cell.id === id);
  if (block?.kind !== 'cell' || block.cell.type !== 'curve') throw new Error(`${file} has no curve cell "${id}"`);
  return (await runSweepInNode(curveSweepSpec(block.cell.params))).summary;
}

const at = (points: SweepSummary['noisy'], size: number) => points.find((p) => p.size === size)!.mean;

describe(`${file}: claims`, () => {
  let uniform: SweepSummary;
  let boundary: SweepSummary;
  let convention: SweepSummary;
  beforeAll(async () => {
    uniform = await run('uniform');
    boundary = await run('boundary');
    convention = await run('convention');
  }, 180_000);

  it('uniform noise: the noisy curve keeps climbing, and cleaning is worth a multiple of the data', () => {
    expect(at(uniform.noisy, 1250) - at(uniform.noisy, 400)).toBeGreaterThan(0.02);
    expect(uniform.exchange?.status).toBe('interpolated');
  });

  it('boundary noise: milder at the smallest size, flatter at the end, worse than uniform with the most data', () => {
    expect(at(boundary.noisy, 50)).toBeGreaterThan(at(uniform.noisy, 50));
    const boundaryGain = at(boundary.noisy, 1250) - at(boundary.noisy, 400);
    const uniformGain = at(uniform.noisy, 1250) - at(uniform.noisy, 400);
    expect(boundaryGain).toBeLessThan(uniformGain / 2);
    expect(at(boundary.noisy, 1250)).toBeLessThan(at(uniform.noisy, 1250));
  });

  it('every 4 labelled 9: the noisy curve stalls about a tenth below clean labels', () => {
    const gap = at(convention.clean, 1250) - at(convention.noisy, 1250);
    expect(gap).toBeGreaterThan(0.07);
    expect(gap).toBeLessThan(0.15);
    expect(at(convention.noisy, 1250) - at(convention.noisy, 800)).toBeLessThan(0.01);
  });
});
