/**
 * The lessons' words must match what their cells compute. Lesson 11 says, of
 * its two curve cells run with their own settings (5 seeds from seed 0):
 * the 10% cell's measured crossing falls inside the power law's interval and
 * clean labels have the higher fitted ceiling; the 30% cell's measured noisy
 * curve never reaches the target, the power law puts the size past the
 * measured sizes, and its interval is many times wider than at 10%. Run those
 * cells with the same engine in Node and check the sentences are still true.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { runSweepInNode } from '../../src/cli/runSweep.ts';
import { curveSweepSpec } from '../../src/notebook/curveSweep.ts';
import { curveSizing } from '../../src/engine/sizing/curveSizing.ts';

const file = 'lessons/11-sizing-the-data-set.md';
const lesson = parseLesson(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);
const prose = lesson.blocks.flatMap((b) => (b.kind === 'prose' ? [b.html] : [])).join('\n');

async function runCell(id: string) {
  const block = lesson.blocks.find((b) => b.kind === 'cell' && b.cell.id === id);
  if (block?.kind !== 'cell' || block.cell.type !== 'curve') throw new Error(`lesson 11 has no curve cell "${id}"`);
  const spec = curveSweepSpec(block.cell.params);
  expect(spec).toMatchObject({ dataset: 'digits', seeds: 5, firstSeed: 0, n0: 200 });
  const { summary } = await runSweepInNode(spec);
  const sizing = curveSizing(spec, summary);
  if (!sizing) throw new Error(`cell "${id}" gave no sizing`);
  return { spec, summary, sizing };
}

describe(`${file}: claims`, () => {
  it('the 10% cell: the measured crossing falls inside the power law’s 90% interval; clean has the higher ceiling; the 30% cell’s interval is many times wider', async () => {
    const ten = await runCell('curve');
    expect(prose).toMatch(/measured\s+crossing\s+fell\s+inside\s+the\s+power\s+law(?:'|&#39;)s\s+interval/);
    expect(ten.summary.exchange?.status).toBe('interpolated');
    const crossing = ten.summary.exchange?.status === 'interpolated' ? ten.summary.exchange.equivalentN : NaN;
    const { low, high } = ten.sizing.noisy.neededInterval;
    expect(crossing).toBeGreaterThanOrEqual(low);
    expect(crossing).toBeLessThanOrEqual(high);
    expect(ten.sizing.noisy.needed).toBeGreaterThan(ten.spec.n0);
    expect(ten.sizing.clean.ceiling).toBeGreaterThan(ten.sizing.noisy.ceiling);

    const thirty = await runCell('heavy');
    expect(prose).toMatch(/does\s+not\s+reach\s.*anywhere\s+in\s+the\s+sizes\s+we\s+tried/s);
    expect(thirty.summary.exchange?.status).toBe('beyond_range');
    const largest = thirty.spec.sizes[thirty.spec.sizes.length - 1]!;
    expect(thirty.sizing.noisy.needed).toBeGreaterThan(largest);
    expect(thirty.sizing.clean.ceiling).toBeGreaterThan(thirty.sizing.noisy.ceiling);
    // "Many times wider": the interval's spread (high / low) is over 3× the 10% cell's.
    expect(prose).toMatch(/interval\s+was\s+many\s+times\s+wider\s+than\s+at\s+10%\s+noise/);
    const spread = (i: { low: number; high: number }) => i.high / i.low;
    expect(spread(thirty.sizing.noisy.neededInterval)).toBeGreaterThan(3 * spread(ten.sizing.noisy.neededInterval));
  }, 360_000);
});
