/**
 * How long a class waits for each cell: every lesson, "Prepare this lesson" in
 * Chromium through the built app (the page's own worker pool, a fresh profile,
 * so nothing is cached), each cell timed from the moment it starts to the
 * moment the next one does. Prints every lesson's slowest cell against the
 * 10 s a class can wait.
 *
 * `npm run bench` runs it as its section 10; on its own:
 *
 *   npx vite build && npx tsx scripts/benchCells.ts [LESSON-SLUG …]
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseLesson } from '../src/notebook/parseLesson.ts';
import { ROOT, startHarness } from './previewBrowser.ts';
import { lessonFiles } from './vite-plugin-lessons.ts';

/** A class waits at most this long for a cell at its default settings (issue 14). */
export const CELL_SECONDS = 10;

export interface LessonCells {
  readonly slug: string;
  /** Seconds per cell, in the lesson's order; null when Prepare did not finish. */
  readonly cells: readonly { readonly id: string; readonly seconds: number }[];
  readonly error: string | null;
}

export async function benchCells(options: {
  readonly progress: (message: string) => void;
  readonly slugs?: readonly string[];
}): Promise<LessonCells[]> {
  const files = lessonFiles(join(ROOT, 'lessons')).filter(
    (f) => !options.slugs?.length || options.slugs.includes(basename(f, '.md')),
  );
  const out: LessonCells[] = [];
  for (const file of files) {
    const slug = basename(file, '.md');
    const lesson = parseLesson(readFileSync(file, 'utf8'), `lessons/${slug}.md`);
    const ids = lesson.blocks.flatMap((b) => (b.kind === 'cell' ? [b.cell.id] : []));
    if (ids.length === 0) continue;
    options.progress(`Chromium: Prepare ${slug} (${ids.length} cells)`);
    // A fresh browser profile per lesson: no cached trials from another lesson.
    const harness = await startHarness({ serviceWorkers: 'block' });
    try {
      const page = await harness.newPage();
      await page.goto(`${harness.url}?present#/${slug}`);
      const button = page.getByRole('button', { name: 'Prepare this lesson' });
      await button.waitFor({ timeout: 60_000 });
      const started: number[] = [];
      let finished = 0;
      const t0 = Date.now();
      await button.click();
      for (;;) {
        const text = (await page.getByTestId('prepared').textContent()) ?? '';
        const now = (Date.now() - t0) / 1000;
        const running = /Preparing: cell (\d+) of/.exec(text);
        if (running) {
          const index = Number(running[1]) - 1;
          for (let i = started.length; i <= index; i++) started.push(now);
        } else if (/^Prepared/.test(text)) {
          finished = now;
          if (!/all \d+ cells? ran/.test(text)) throw new Error(text);
          break;
        }
        if (now > 1800) throw new Error('not prepared after 30 minutes');
        await page.waitForTimeout(100);
      }
      while (started.length < ids.length) started.push(finished);
      out.push({
        slug,
        cells: ids.map((id, i) => ({ id, seconds: (started[i + 1] ?? finished) - started[i]! })),
        error: null,
      });
    } catch (error) {
      out.push({ slug, cells: [], error: error instanceof Error ? error.message : String(error) });
    } finally {
      await harness.close();
    }
  }
  return out;
}

/** The section's lines: per lesson its slowest cell (✓ within CELL_SECONDS, ✗ over), then every cell over. */
export function cellsLines(lessons: readonly LessonCells[]): string[] {
  return lessons.map((l) => {
    if (l.error) return `${l.slug}: failed: ${l.error}`;
    const slowest = l.cells.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    const over = l.cells.filter((c) => c.seconds > CELL_SECONDS);
    return `${slowest.seconds <= CELL_SECONDS ? '✓' : '✗'} ${l.slug}: slowest cell ${slowest.id} ${slowest.seconds.toFixed(1)} s${
      over.length > 1
        ? `; over ${CELL_SECONDS} s: ${over.map((c) => `${c.id} ${c.seconds.toFixed(1)} s`).join(', ')}`
        : ''
    } (all ${l.cells.length}: ${l.cells.reduce((s, c) => s + c.seconds, 0).toFixed(1)} s)`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lessons = await benchCells({
    progress: (m) => process.stderr.write(`${m}\n`),
    slugs: process.argv.slice(2),
  });
  for (const line of cellsLines(lessons)) console.log(line);
  // On its own, every cell's time too (to compare a change cell by cell).
  for (const l of lessons) {
    if (!l.error) console.log(`  ${l.slug}: ${l.cells.map((c) => `${c.id} ${c.seconds.toFixed(1)} s`).join(', ')}`);
  }
}
