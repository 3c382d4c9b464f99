/**
 * The lessons' words must match what their cells compute. Lesson 1 says the
 * tripled-data cell lands "close to three times": run that cell's exact
 * settings with the same engine in Node and check the factor is in 2.5–3.5.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { runSweepInNode } from '../../src/cli/runSweep.ts';
import { sweepSpecOf } from '../../src/state/curveCell.svelte.ts';

const file = 'lessons/01-clean-vs-more-data.md';
const lesson = parseLesson(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);

describe(`${file}: claims`, () => {
  it('the tripled-data cell: cleaning at N0 = 500 is worth 2.5–3.5× more noisy data (mean of 5 seeds)', async () => {
    const block = lesson.blocks.find((b) => b.kind === 'cell' && b.cell.id === 'tripled');
    if (block?.kind !== 'cell' || block.cell.type !== 'curve') throw new Error('lesson 1 has no curve cell "tripled"');
    const spec = sweepSpecOf(block.cell.params);
    expect(spec).toMatchObject({ dataset: 'fashion', n0: 500, seeds: 5 });
    const { summary } = await runSweepInNode(spec);
    expect(summary.exchange?.status).toBe('interpolated');
    const factor = summary.exchange?.status === 'interpolated' ? summary.exchange.factor : NaN;
    expect(factor).toBeGreaterThanOrEqual(2.5);
    expect(factor).toBeLessThanOrEqual(3.5);
    expect(summary.tripled).not.toBeNull();
  }, 180_000);
});
