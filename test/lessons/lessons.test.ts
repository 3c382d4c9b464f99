import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { lessonFiles } from '../../scripts/vite-plugin-lessons.ts';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { LessonError } from '../../src/notebook/types.ts';
import { CELL_OUTPUTS } from '../../src/notebook/cellSchemas.ts';
import { checkRefs } from '../../src/notebook/checkSpec.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const files = lessonFiles(`${root}lessons`);

describe('lessons/', () => {
  it('has lesson 1, 01-clean-vs-more-data.md', () => {
    expect(files.map((f) => relative(root, f))).toContain('lessons/01-clean-vs-more-data.md');
  });

  for (const file of files) {
    const name = relative(root, file);
    it(`${name} parses: frontmatter, prose, cells with valid parameters and references`, () => {
      const lesson = parseLesson(readFileSync(file, 'utf8'), name);
      expect(lesson.meta.title.length).toBeGreaterThan(3);
      const cells = lesson.blocks.filter((b) => b.kind === 'cell');
      expect(cells.length).toBeGreaterThan(0);
      const ids = new Set(cells.map((b) => (b.kind === 'cell' ? b.cell.id : '')));
      // Every live reference in the prose names a cell and one of its outputs.
      for (const block of lesson.blocks) {
        if (block.kind !== 'prose') continue;
        for (const [, cell, key] of block.html.matchAll(/data-ref="([^".]+)\.([^"]+)"/g)) {
          expect(ids.has(cell!)).toBe(true);
          const spec = cells.find((b) => b.kind === 'cell' && b.cell.id === cell);
          expect(spec?.kind === 'cell' && CELL_OUTPUTS[spec.cell.type].includes(key!)).toBe(true);
        }
      }
    });
  }

  it('lesson 1 has a playground and a curve cell with the two presets the issue names', () => {
    const lesson = parseLesson(
      readFileSync(`${root}lessons/01-clean-vs-more-data.md`, 'utf8'),
      'lessons/01-clean-vs-more-data.md',
    );
    const cells = lesson.blocks.flatMap((b) => (b.kind === 'cell' ? [b.cell] : []));
    expect(cells.map((c) => c.type)).toEqual(expect.arrayContaining(['playground', 'curve']));
    const curve = cells.find((c) => c.type === 'curve' && c.presets.length > 0);
    const names = curve?.type === 'curve' ? curve.presets.map((p) => p.name) : [];
    expect(names.some((n) => /Ng's slide.*12%.*500/.test(n))).toBe(true);
    expect(names.some((n) => /tripled-data/.test(n))).toBe(true);
  });

  /**
   * What every lesson of the course promises (issue 7): under 15 minutes, at
   * least two live cells, numbers computed live, a "what this means for your
   * project" box, "Try this" and a self-check answered from live values.
   * The time is checked against an estimate: 200 words of prose a minute
   * (code left out), plus a minute for each cell and half a minute for each
   * self-check question.
   */
  for (const file of files) {
    const name = relative(root, file);
    const source = readFileSync(file, 'utf8');
    const lesson = parseLesson(source, name);
    const cells = lesson.blocks.flatMap((b) => (b.kind === 'cell' ? [b.cell] : []));
    const checks = lesson.blocks.flatMap((b) => (b.kind === 'check' ? [b.check] : []));

    it(`${name} takes under 15 minutes, and no less than its reading time`, () => {
      const minutes = lesson.meta.minutes;
      expect(minutes).toBeLessThan(15);
      const prose = source.replace(/^---[\s\S]*?^---$/m, '').replace(/^```[\s\S]*?^```$/gm, '');
      const words = prose.split(/\s+/).filter((w) => /\w/.test(w)).length;
      const estimate = words / 200 + cells.length + checks.length / 2;
      expect(minutes).toBeGreaterThanOrEqual(Math.floor(estimate));
    });

    it(`${name} has at least two live cells, and the prose quotes their live values or a code cell shows them`, () => {
      expect(cells.length).toBeGreaterThanOrEqual(2);
      const live = lesson.blocks.some((b) => b.kind === 'prose' && /data-ref="/.test(b.html));
      const codeValue = cells.some((c) => c.type === 'code');
      expect(live || codeValue).toBe(true);
    });

    it(`${name} has a "What this means for your project" box`, () => {
      expect(
        lesson.blocks.some(
          (b) => b.kind === 'prose' && /<blockquote>[\s\S]*What this means for your project/.test(b.html),
        ),
      ).toBe(true);
    });

    it(`${name} ends with "Try this" and a self-check of 2–3 questions answered from live values`, () => {
      const kinds = lesson.blocks.map((b) => b.kind);
      expect(checks.length).toBeGreaterThanOrEqual(2);
      expect(checks.length).toBeLessThanOrEqual(3);
      // The checks come last, after a "Try this" section.
      expect(kinds.slice(-checks.length)).toEqual(checks.map(() => 'check'));
      expect(lesson.blocks.some((b) => b.kind === 'prose' && /<h2[^>]*>Try this<\/h2>/.test(b.html))).toBe(true);
      // Every answer reads at least one live value of a cell of this lesson.
      const ids = new Set(cells.map((c) => c.id));
      for (const check of checks) expect(checkRefs(check).every((ref) => ids.has(ref.cell))).toBe(true);
    });
  }

  it('a bad cell fails with the file, the line and the reason', () => {
    const source = [
      '---',
      'title: Broken',
      'summary: A lesson with a mistake.',
      '---',
      '',
      'Text.',
      '',
      '```cell curve',
      'id: c',
      'noise: 2',
      '```',
      '',
    ].join('\n');
    let error: unknown;
    try {
      parseLesson(source, 'lessons/99-broken.md');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LessonError);
    expect((error as LessonError).message).toBe(
      'lessons/99-broken.md:10: curve cell: noise must be between 0.01 and 0.9, got 2',
    );
  });
});
