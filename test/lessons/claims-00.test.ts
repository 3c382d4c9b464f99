/**
 * Lesson 0's words must match what its cells compute: on the playground,
 * fixing the labels beats either model trained on the wrong ones; on the
 * quick curve, clean labels are worth several times more noisy data.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import type { PlaygroundCellSpec } from '../../src/notebook/types.ts';
import { PlaygroundCellState } from '../../src/state/playgroundCell.svelte.ts';
import { fitToy } from '../../src/model/fitToy.ts';
import { initBackend } from '../../src/model/backend.ts';
import { runSweepInNode } from '../../src/cli/runSweep.ts';
import { curveSweepSpec } from '../../src/notebook/curveSweep.ts';
import { lessonFiles } from '../../scripts/vite-plugin-lessons.ts';

const file = 'lessons/00-the-lifecycle.md';
const lesson = parseLesson(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);
const cells = lesson.blocks.flatMap((b) => (b.kind === 'cell' ? [b.cell] : []));
const prose = lesson.blocks.flatMap((b) => (b.kind === 'prose' ? [b.html] : [])).join('\n');

describe(`${file}: claims`, () => {
  it('the playground: fixing the labels scores higher than either model on the wrong labels', async () => {
    await initBackend('wasm');
    const spec = cells.find((c) => c.id === 'loop');
    if (spec?.type !== 'playground') throw new Error('lesson 0 has no playground "loop"');
    const cell = new PlaygroundCellState(spec as PlaygroundCellSpec, { fitToy: (r, o) => fitToy(r, o) });
    expect(cell.params.model).toBe('mlp');
    await cell.fit();
    const mlpNoisy = cell.outputs.accuracy!;
    expect(cell.setParams({ model: 'logreg' })).toEqual([]);
    await cell.fit();
    const logregNoisy = cell.outputs.accuracy!;
    expect(cell.setParams({ model: 'mlp' })).toEqual([]);
    cell.cleanAll();
    await cell.fit();
    const mlpClean = cell.outputs.accuracy!;
    expect(mlpClean).toBeGreaterThan(Math.max(mlpNoisy, logregNoisy));
    expect(prose).toMatch(/fixing the labels scored higher than either model\s+on the wrong labels/);
  }, 120_000);

  it('the quick curve: clean labels at N0 are worth several (more than two) times the noisy data', async () => {
    const block = cells.find((c) => c.id === 'quick');
    if (block?.type !== 'curve') throw new Error('lesson 0 has no curve cell "quick"');
    const { summary } = await runSweepInNode(curveSweepSpec(block.params));
    expect(summary.exchange?.status).toBe('interpolated');
    const factor = summary.exchange?.status === 'interpolated' ? summary.exchange.factor : NaN;
    expect(factor).toBeGreaterThan(2);
    expect(prose).toMatch(/worth collecting several times more/);
  }, 180_000);

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
