/**
 * How long a class waits for each cell, cold: every lesson in Chromium
 * through the built app (the page's own worker pool), two ways:
 *
 * - **prepared**: "Prepare this lesson" on a fresh profile, each cell timed
 *   from the moment it starts to the moment the next one does (a cell may
 *   reuse what an earlier cell of the lesson trained);
 * - **alone**: each cell that has a Run button, on its own fresh profile
 *   (no IndexedDB lab store, no trial cache, no earlier cell run), timed from
 *   the click on Run to its result — what a class waits for when the teacher
 *   jumps straight to that cell.
 *
 * A cell's time is the longer of the two. Prints every lesson's slowest cell
 * against the 10 s a class can wait, with the load average at the start.
 *
 * `npm run bench` runs it as its section 10; on its own:
 *
 *   npx vite build && npx tsx scripts/benchCells.ts [--prepared-only] [LESSON-SLUG …]
 *
 * (DCL_DIST=/tmp/dist-x measures another build.)
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { parseLesson } from '../src/notebook/parseLesson.ts';
import { ROOT, startHarness } from './previewBrowser.ts';
import { lessonFiles } from './vite-plugin-lessons.ts';

/** A class waits at most this long for a cell at its default settings (issue 14). */
export const CELL_SECONDS = 10;

export interface LessonCells {
  readonly slug: string;
  /**
   * Per cell, in the lesson's order: seconds in "Prepare this lesson", seconds
   * run alone on a fresh profile (null: no Run button, or not measured alone),
   * and the longer of the two.
   */
  readonly cells: readonly {
    readonly id: string;
    readonly seconds: number;
    readonly prepared: number;
    readonly alone: number | null;
  }[];
  readonly error: string | null;
}

export async function benchCells(options: {
  readonly progress: (message: string) => void;
  readonly slugs?: readonly string[];
  /** Also run each cell alone on a fresh profile (default true). */
  readonly alone?: boolean;
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
      const prepared = ids.map((id, i) => ({ id, prepared: (started[i + 1] ?? finished) - started[i]! }));
      const cells = [];
      for (const cell of prepared) {
        let alone: number | null = null;
        if (options.alone !== false) {
          options.progress(`Chromium: ${slug} ${cell.id} alone, fresh profile`);
          alone = await timeAlone(slug, cell.id);
        }
        cells.push({ ...cell, alone, seconds: Math.max(cell.prepared, alone ?? 0) });
      }
      out.push({ slug, cells, error: null });
    } catch (error) {
      out.push({ slug, cells: [], error: error instanceof Error ? error.message : String(error) });
    } finally {
      await harness.close();
    }
  }
  return out;
}

/**
 * Seconds from a click on cell `id`'s Run button to its result, on a fresh
 * profile with nothing else run; null when the cell has no Run button (a
 * playground fits by itself, a labelers cell loads then trains) or cannot
 * run before an earlier cell it takes a value from: Prepare's time stands
 * for them. Throws if the cell ends in an error.
 */
async function timeAlone(slug: string, id: string): Promise<number | null> {
  const harness = await startHarness({ serviceWorkers: 'block' });
  try {
    const page = await harness.newPage();
    await page.goto(`${harness.url}#/${slug}`);
    const cell = page.locator(`[data-cell-id="${id}"]`);
    await cell.waitFor({ timeout: 60_000 });
    // A lazily mounted cell shows its Run button once it is on screen (and replaces its placeholder).
    await page.evaluate((cellId) => document.querySelector(`[data-cell-id="${cellId}"]`)?.scrollIntoView(), id);
    const run = cell.locator('[data-action="run"]').first();
    try {
      await run.waitFor({ timeout: 20_000 });
      // A cell that takes a value from an earlier one (lesson 4's cost) waits for it: it cannot run alone.
      await page.waitForFunction(
        (cellId) =>
          document.querySelector(`[data-cell-id="${cellId}"] [data-action="run"]`)?.matches(':enabled') === true,
        id,
        { timeout: 10_000, polling: 100 },
      );
    } catch {
      return null;
    }
    const t0 = Date.now();
    await run.click();
    const status = await page.waitForFunction(
      (cellId) => {
        const s = document.querySelector(`[data-cell-id="${cellId}"]`)?.getAttribute('data-status');
        return s === 'done' || s === 'error' ? s : null;
      },
      id,
      { timeout: 600_000, polling: 100 },
    );
    const seconds = (Date.now() - t0) / 1000;
    if ((await status.jsonValue()) === 'error') throw new Error(`${slug} ${id} alone ended in an error`);
    return seconds;
  } finally {
    await harness.close();
  }
}

/** The section's lines: per lesson its slowest cell (✓ within CELL_SECONDS, ✗ over), then every cell over. */
export function cellsLines(lessons: readonly LessonCells[]): string[] {
  return lessons.map((l) => {
    if (l.error) return `${l.slug}: failed: ${l.error}`;
    const slowest = l.cells.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    const over = l.cells.filter((c) => c.seconds > CELL_SECONDS);
    const how = slowest.alone === null ? 'prepared' : `alone; prepared ${slowest.prepared.toFixed(1)} s`;
    return `${slowest.seconds <= CELL_SECONDS ? '✓' : '✗'} ${l.slug}: slowest cell ${slowest.id} ${slowest.seconds.toFixed(1)} s (${how})${
      over.length > 1
        ? `; over ${CELL_SECONDS} s: ${over.map((c) => `${c.id} ${c.seconds.toFixed(1)} s`).join(', ')}`
        : ''
    } (all ${l.cells.length} prepared: ${l.cells.reduce((s, c) => s + c.prepared, 0).toFixed(1)} s)`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const load = loadavg().map((x) => x.toFixed(1));
  const lessons = await benchCells({
    progress: (m) => process.stderr.write(`${m}\n`),
    slugs: args.filter((a) => !a.startsWith('--')),
    alone: !args.includes('--prepared-only'),
  });
  console.log(
    `load average at the start: ${load.join(', ')}; at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(', ')}`,
  );
  for (const line of cellsLines(lessons)) console.log(line);
  // On its own, every cell's time too (to compare a change cell by cell).
  for (const l of lessons) {
    if (!l.error) {
      const cells = l.cells.map(
        (c) => `${c.id} ${c.prepared.toFixed(1)}${c.alone === null ? '' : ` / alone ${c.alone.toFixed(1)}`} s`,
      );
      console.log(`  ${l.slug}: ${cells.join(', ')}`);
    }
  }
}
