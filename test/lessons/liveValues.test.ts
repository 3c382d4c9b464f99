/**
 * No placeholder is left once a lesson has been prepared: for every lesson,
 * every live value its prose quotes ({{cell.key}}) and every value a
 * self-check answers from gets a value when "Prepare this lesson" has run its
 * cells. The lesson runs here in Node exactly as on the page — the same cell
 * states and the same prepareLesson, on the workers' own APIs (wasm) and the
 * shipped data — so an output that stays empty for the lesson's parameters
 * (Fleiss' kappa asked of a cell with two labelers, a code cell quoted as a
 * number that returns a table) fails here, naming the lesson, the cell and
 * the key.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lessonFiles } from '../../scripts/vite-plugin-lessons.ts';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { checkRefs } from '../../src/notebook/checkSpec.ts';
import type { Lesson } from '../../src/notebook/types.ts';
import type { CellDeps } from '../../src/state/cellDeps.ts';
import { LessonState } from '../../src/state/lessonState.svelte.ts';
import { prepareLesson } from '../../src/state/prepareLesson.ts';
import { nodeCellDeps } from '../support/nodeCellDeps.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every live value a lesson shows: `cell.key`, from its prose and its self-checks, each once, in order. */
function liveReferences(lesson: Lesson): string[] {
  const refs = lesson.blocks.flatMap((block) => {
    if (block.kind === 'prose') return [...block.html.matchAll(/data-ref="([^"]+)"/g)].map((m) => m[1]!);
    if (block.kind === 'check') return checkRefs(block.check).map((ref) => `${ref.cell}.${ref.key}`);
    return [];
  });
  return [...new Set(refs)];
}

let deps: CellDeps;
beforeAll(async () => {
  deps = await nodeCellDeps();
}, 60_000);

describe('every live value of every lesson is filled in once the lesson is prepared', () => {
  it('liveReferences lists the prose’s and the self-checks’ values, each once', () => {
    const lesson = parseLesson(
      [
        '---',
        'title: T',
        'summary: S.',
        '---',
        '',
        'Quote {{c.value}} and {{c.value}} again.',
        '',
        '```cell code',
        'id: c',
        'code: return 1;',
        '```',
        '',
        '```check',
        'question: Q?',
        'choices:',
        '  - text: Yes',
        '    when: "{{c.value}} > {{d.value}}"',
        '  - text: No',
        '    when: "{{c.value}} <= {{d.value}}"',
        '```',
        '',
        '```cell code',
        'id: d',
        'code: return 2;',
        '```',
        '',
      ].join('\n'),
      't.md',
    );
    expect(liveReferences(lesson)).toEqual(['c.value', 'd.value']);
  });

  for (const file of lessonFiles(`${root}lessons`)) {
    const name = relative(root, file);
    it(`${name}: after "Prepare this lesson", no {{cell.key}} is left empty`, async () => {
      const lesson = parseLesson(readFileSync(file, 'utf8'), name);
      const refs = liveReferences(lesson);
      const state = new LessonState(lesson, deps);
      // As on the page: values flow along the cells' from: links, playgrounds fit, labelers load their items.
      state.start();
      try {
        const prepared = await prepareLesson(state.cells);
        expect(prepared.failed, `${name}: cells that failed`).toEqual([]);
        const empty = refs.filter((ref) => {
          const [cell = '', key = ''] = ref.split('.');
          return (state.outputs[cell]?.[key] ?? null) === null;
        });
        expect(empty, `${name}: live values still "…" after Prepare`).toEqual([]);
      } finally {
        state.stop();
      }
    }, 600_000);
  }
});
