/**
 * The lessons plugin ships every lesson's outline with the page and each
 * lesson itself as a module of its own, loaded when the lesson is opened.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import type { ResolvedConfig } from 'vite';
import { lessonFiles, lessonsPlugin } from '../../scripts/vite-plugin-lessons.ts';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { lessonOutline } from '../../src/notebook/lessonOutline.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function plugin() {
  const p = lessonsPlugin();
  const watched: string[] = [];
  const context = { addWatchFile: (file: string) => watched.push(file) };
  (p.configResolved as (config: ResolvedConfig) => void)({ root } as ResolvedConfig);
  const resolveId = (id: string) => (p.resolveId as (id: string) => string | null).call(context, id);
  const load = (id: string) => (p.load as (id: string) => string | null).call(context, id);
  return { resolveId, load, watched };
}

describe('the lessons plugin', () => {
  const files = lessonFiles(`${root}lessons`);
  const lessons = files.map((f) => parseLesson(readFileSync(f, 'utf8'), relative(root, f)));

  it('virtual:lessons lists every lesson in file order: its outline, and an import of the lesson itself', () => {
    const { resolveId, load, watched } = plugin();
    const code = load(resolveId('virtual:lessons')!)!;
    expect(watched).toEqual(files);
    // The index holds outlines only: no lesson's prose.
    expect(code).not.toContain('<p>');
    let at = 0;
    for (const lesson of lessons) {
      const outline = JSON.stringify(lessonOutline(lesson));
      const entry = code.indexOf(outline, at);
      expect(entry, lesson.slug).toBeGreaterThan(at - 1);
      expect(code.slice(entry)).toMatch(new RegExp(`^[^\\n]*import\\("virtual:lesson/${lesson.slug}"\\)`));
      at = entry + outline.length;
    }
  });

  it('virtual:lesson/<slug> is that lesson, parsed; an unknown slug is an error naming the file', () => {
    const { resolveId, load } = plugin();
    for (const lesson of lessons) {
      const id = resolveId(`virtual:lesson/${lesson.slug}`)!;
      expect(id.startsWith('\0')).toBe(true);
      expect(load(id)).toBe(`export default ${JSON.stringify(lesson)};`);
    }
    expect(() => load(resolveId('virtual:lesson/99-nothing')!)).toThrow('no lesson file lessons/99-nothing.md');
    expect(resolveId('./other.ts')).toBeNull();
  });
});
