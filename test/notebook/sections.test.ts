import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { lessonSections } from '../../src/notebook/sections.ts';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import type { Block } from '../../src/notebook/types.ts';

const prose = (html: string): Block => ({ kind: 'prose', html, line: 1 });
const cell = (id: string): Block => ({
  kind: 'cell',
  cell: { type: 'playground', id, title: '', line: 1, params: {} } as never,
});

describe('lessonSections', () => {
  it('cuts at each <h2>: the opening first, cells stay with the prose before them', () => {
    const sections = lessonSections([
      prose('<h1>Title</h1><p>Intro</p><h2>First &amp; best</h2><p>a</p>'),
      cell('one'),
      prose('<p>more</p><h2 id="x">Second <code>two</code></h2><p>b</p>'),
      cell('two'),
    ]);
    expect(sections.map((s) => s.title)).toEqual(['', 'First & best', 'Second two']);
    expect(sections.map((s) => s.blocks.map((b) => (b.kind === 'cell' ? b.cell.id : 'prose')))).toEqual([
      ['prose'],
      ['prose', 'one', 'prose'],
      ['prose', 'two'],
    ]);
    expect((sections[1]!.blocks[0] as { html: string }).html).toBe('<h2>First &amp; best</h2><p>a</p>');
    expect((sections[1]!.blocks[2] as { html: string }).html).toBe('<p>more</p>');
  });

  it('a lesson without <h2> is one section; empty prose leaves no empty section', () => {
    expect(lessonSections([prose('<p>x</p>'), cell('c')])).toHaveLength(1);
    expect(lessonSections([prose('<h2>A</h2>'), prose('<h2>B</h2><p>b</p>')]).map((s) => s.title)).toEqual(['A', 'B']);
    expect(lessonSections([])).toEqual([]);
  });

  it('every lesson keeps all its blocks, in order, across its sections', () => {
    const dir = new URL('../../lessons/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => /^\d\d-.*\.md$/.test(f))) {
      const lesson = parseLesson(readFileSync(new URL(file, dir), 'utf8'), file);
      const sections = lessonSections(lesson.blocks);
      expect(sections.length, file).toBeGreaterThan(1);
      const cells = sections.flatMap((s) => s.blocks.filter((b) => b.kind === 'cell').map((b) => b.cell.id));
      expect(cells, file).toEqual(lesson.blocks.filter((b) => b.kind === 'cell').map((b) => b.cell.id));
      const html = sections.flatMap((s) => s.blocks.filter((b) => b.kind === 'prose').map((b) => b.html)).join('');
      expect(html, file).toBe(lesson.blocks.map((b) => (b.kind === 'prose' ? b.html : '')).join(''));
    }
  });
});
