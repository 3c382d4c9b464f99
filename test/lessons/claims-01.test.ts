/**
 * The lessons' words must match what their cells compute. Lesson 1 says what
 * two settings measured when it was written (the tripled-data cell: 3.2×;
 * the "Ng's slide" preset: about 2.4×, that is within 0.1 of it — the
 * exchange rate moves by a few hundredths when the optimizer's last digits do). Run those exact settings with the same
 * engine in Node and check the sentences are still true.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { runSweepInNode } from '../../src/cli/runSweep.ts';
import { curveSweepSpec } from '../../src/notebook/curveSweep.ts';

const file = 'lessons/01-clean-vs-more-data.md';
const lesson = parseLesson(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);

describe(`${file}: claims`, () => {
  it('the tripled-data cell: cleaning at N0 = 500 is worth 2.5–3.5× more noisy data (mean of 5 seeds)', async () => {
    const block = lesson.blocks.find((b) => b.kind === 'cell' && b.cell.id === 'tripled');
    if (block?.kind !== 'cell' || block.cell.type !== 'curve') throw new Error('lesson 1 has no curve cell "tripled"');
    const spec = curveSweepSpec(block.cell.params);
    expect(spec).toMatchObject({ dataset: 'fashion', n0: 500, seeds: 5 });
    const { summary } = await runSweepInNode(spec);
    expect(summary.exchange?.status).toBe('interpolated');
    const factor = summary.exchange?.status === 'interpolated' ? summary.exchange.factor : NaN;
    expect(factor).toBeGreaterThanOrEqual(2.5);
    expect(factor).toBeLessThanOrEqual(3.5);
    expect(factor.toFixed(1)).toBe('3.2');
    expect(summary.tripled).not.toBeNull();
  }, 180_000);

  it('the "Ng\'s slide" preset (12% noise, N0 = 500) measures about 2.4×, as the lesson says', async () => {
    const cells = lesson.blocks.flatMap((b) => (b.kind === 'cell' && b.cell.type === 'curve' ? [b.cell] : []));
    const preset = cells.flatMap((c) => c.presets).find((p) => p.name.startsWith("Ng's slide"));
    if (!preset) throw new Error('lesson 1 has no "Ng\'s slide" preset');
    expect(preset.params).toMatchObject({ noise: { kind: 'uniform', rate: 0.12 }, n0: 500, seeds: 5 });
    const { summary } = await runSweepInNode(curveSweepSpec(preset.params));
    const factor = summary.exchange?.status === 'interpolated' ? summary.exchange.factor : NaN;
    expect(lesson.blocks.some((b) => b.kind === 'prose' && /measured about\s+2\.4×/.test(b.html))).toBe(true);
    expect(Math.abs(factor - 2.4)).toBeLessThanOrEqual(0.1);
  }, 180_000);
});
