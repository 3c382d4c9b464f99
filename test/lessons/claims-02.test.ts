/**
 * Lesson 2's words must match what its cells compute: random noise keeps
 * yielding to more data, boundary noise flattens out, a labelling
 * convention stalls about a tenth below clean labels; side by side, only
 * the uniform gap closes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { curveSweepSpec } from '../../src/notebook/curveSweep.ts';
import { runSweepInNode } from '../../src/cli/runSweep.ts';
import type { SweepSummary } from '../../src/engine/sweep.ts';
import { initBackend } from '../../src/model/backend.ts';
import { nodeCodeApi, readLessonFile } from '../support/lessonFile.ts';

const file = 'lessons/02-not-all-noise-is-alike.md';
const { lesson, code } = readLessonFile(file);

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

  it('side by side: the uniform gap closes as N grows; the boundary and convention gaps do not', async () => {
    await initBackend('wasm');
    const api = await nodeCodeApi();
    const result = await api.run(code('gaps'));
    if (!result.ok) throw new Error(result.failure.message);
    const value = result.value;
    if (value.kind !== 'plot' || value.plot.type !== 'line') throw new Error(`gaps returned ${value.kind}`);
    const line = (name: string) => {
      const series = value.plot.type === 'line' ? value.plot.series.find((s) => s.name.startsWith(name)) : undefined;
      if (!series) throw new Error(`no line "${name}"`);
      return series.points.map((p) => p.y);
    };
    const uniformGap = line('uniform');
    const boundaryGap = line('boundary');
    const conventionGap = line('convention');
    // "The uniform line falls towards zero"
    expect(uniformGap.at(-1)!).toBeLessThan(uniformGap[0]! / 3);
    expect(uniformGap.at(-1)!).toBeLessThan(4);
    // "The boundary gap stays a few points wide however many examples arrive"
    expect(Math.min(...boundaryGap.slice(2))).toBeGreaterThan(2);
    expect(boundaryGap.at(-1)!).toBeGreaterThanOrEqual(boundaryGap[0]!);
    // "the convention's gap stays where it started"
    expect(Math.abs(conventionGap.at(-1)! - conventionGap[0]!)).toBeLessThan(2);
    expect(conventionGap.at(-1)!).toBeGreaterThan(uniformGap.at(-1)! + 5);
  }, 180_000);
});
