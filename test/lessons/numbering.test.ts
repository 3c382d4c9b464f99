/**
 * One numbering scheme everywhere: the lessons are numbered 00, 01, … as
 * their files and addresses are (lessons/03-labeler-consistency.md,
 * #/03-labeler-consistency), the sidebar and the page show that number
 * (src/notebook/lessonNumber.ts), the README lists them under it, and the
 * prose refers to them by it ("lesson 3"). A reference in the prose names a
 * lesson that exists and that the reader has already seen: no lesson leans
 * on a rule a later lesson has not taught yet.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lessonFiles } from '../../scripts/vite-plugin-lessons.ts';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { lessonNumber } from '../../src/notebook/lessonNumber.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const files = lessonFiles(`${root}lessons`);
const lessons = files.map((file) => {
  const source = readFileSync(file, 'utf8');
  const name = `lessons/${basename(file)}`;
  const lesson = parseLesson(source, name);
  return { name, source, slug: lesson.slug, number: Number(lessonNumber(lesson.slug)), title: lesson.meta.title };
});

/**
 * References to a later lesson that point ahead to where a topic is taken up,
 * rather than lean on something the reader has not seen: by file, the
 * reference as written. Anything else must name an earlier lesson.
 */
const POINTS_AHEAD: Readonly<Record<string, readonly string[]>> = {
  // "(Lesson 7 shows a network that fits every label of a small data set, wrong ones included.)"
  'lessons/01-clean-vs-more-data.md': ['Lesson 7'],
  // "have to be found and fixed (lessons 3 and 4)"
  'lessons/02-not-all-noise-is-alike.md': ['lessons 3 and 4'],
  // "why lesson 4 goes looking for the labels a model confidently disagrees with"
  'lessons/03-labeler-consistency.md': ['lesson 4'],
};

/** Every "lesson N", "Lesson N's", "lessons N and M", "lessons N, M or K", "lessons N–M" in `text`, with its line. */
function lessonReferences(text: string): { line: number; numbers: number[]; text: string }[] {
  const found: { line: number; numbers: number[]; text: string }[] = [];
  const pattern = /\b[Ll]essons?\s+(\d{1,2}(?:(?:,\s*|\s+and\s+|\s+or\s+|\s*[–-]\s*)\d{1,2})*)\b/g;
  for (const m of text.matchAll(pattern)) {
    const list = m[1]!;
    const numbers = [...list.matchAll(/\d{1,2}/g)].map((n) => Number(n[0]));
    const range = /^(\d{1,2})\s*[–-]\s*(\d{1,2})$/.exec(list);
    const all = range
      ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i)
      : numbers;
    found.push({ line: text.slice(0, m.index).split('\n').length, numbers: all, text: m[0] });
  }
  return found;
}

/** The prose of a lesson file: frontmatter, cell fences and check fences blanked (line numbers kept). */
function proseOf(source: string): string {
  const blank = (block: string) => block.replace(/[^\n]/g, '');
  return source.replace(/^---\n[\s\S]*?\n---\n/, blank).replace(/^```[\s\S]*?^```$/gm, blank);
}

describe('lesson numbering', () => {
  it('lessonReferences finds single, listed and ranged references with their lines, and nothing else', () => {
    const text = 'Lesson 2 ended.\nSee lessons 3 and 4, lesson 10’s curve,\nlessons 5–7 and lessons 1, 2 or 3.\n';
    expect(lessonReferences(text)).toEqual([
      { line: 1, numbers: [2], text: 'Lesson 2' },
      { line: 2, numbers: [3, 4], text: 'lessons 3 and 4' },
      { line: 2, numbers: [10], text: 'lesson 10' },
      { line: 3, numbers: [5, 6, 7], text: 'lessons 5–7' },
      { line: 3, numbers: [1, 2, 3], text: 'lessons 1, 2 or 3' },
    ]);
    expect(lessonReferences('the next lesson, a lessons learned list, 2 lessons')).toEqual([]);
  });

  it('the lesson files are numbered 00, 01, … with no gap and no number twice', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(2);
    expect(lessons.map((l) => l.number)).toEqual(lessons.map((_, i) => i));
  });

  it("README.md lists every lesson under its file's number and title, in order", () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const section = readme.slice(readme.indexOf('## The lessons'));
    const listed = [...section.matchAll(/^- \*\*(\d\d) (.+?)\*\*/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(listed).toEqual(lessons.map((l) => `${String(l.number).padStart(2, '0')} ${l.title}`));
  });

  it('README.md: every "lesson N" names a lesson that exists, by its file\'s number', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const problems = lessonReferences(readme).flatMap((ref) =>
      ref.numbers
        .filter((n) => !lessons.some((l) => l.number === n))
        .map((n) => `README.md:${ref.line}: "${ref.text}" refers to lesson ${n}, which does not exist`),
    );
    expect(problems).toEqual([]);
  });

  for (const lesson of lessons) {
    it(`${lesson.name}: every "lesson N" names an earlier lesson that exists (or points ahead, listed)`, () => {
      const ahead = POINTS_AHEAD[lesson.name] ?? [];
      const problems = lessonReferences(proseOf(lesson.source)).flatMap((ref) =>
        ref.numbers
          .filter((n) => !(n > lesson.number && ahead.includes(ref.text)))
          .filter((n) => !(n < lesson.number && lessons.some((l) => l.number === n)))
          .map(
            (n) =>
              `${lesson.name}:${ref.line}: "${ref.text}" refers to lesson ${n}, ` +
              (lessons.some((l) => l.number === n) ? 'which comes later' : 'which does not exist'),
          ),
      );
      expect(problems).toEqual([]);
    });
  }
});
