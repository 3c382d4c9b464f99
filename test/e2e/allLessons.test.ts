/**
 * Every lesson in the sidebar opens, and its first cell runs to the end in
 * the built app — whatever its type (a playground fits by itself; a labelers
 * cell needs its instructions revised before it can train; a label cell is
 * labelled to the end).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

async function runFirstCell(cell: Locator): Promise<void> {
  const status = () => cell.getAttribute('data-status');
  // A cell may still be loading its data (a labelers cell shows Train once its items are in).
  await expect
    .poll(
      async () =>
        ['done', 'running', 'queued'].includes((await status()) ?? '') ||
        (await cell.locator('[data-action="run"], [data-action="train"], [data-action="start"]').count()) > 0,
      { timeout: 60_000 },
    )
    .toBe(true);
  if ((await status()) === 'done') return;
  const run = cell.locator('[data-action="run"]');
  if ((await run.count()) > 0) {
    await run.first().click();
    return;
  }
  const train = cell.locator('[data-action="train"]');
  if ((await train.count()) > 0) {
    await expect.poll(() => cell.locator('[data-action="revise"]').isEnabled(), { timeout: 60_000 }).toBe(true);
    if (await train.isDisabled()) await cell.locator('[data-action="revise"]').click();
    await train.click();
    return;
  }
  // A label cell: the reader labels its whole batch (here every item as the first class, key 1).
  const start = cell.locator('[data-action="start"]');
  if ((await start.count()) > 0) {
    await start.click();
    while ((await cell.getByTestId('labeller').count()) > 0) await cell.page().keyboard.press('1');
    return;
  }
  // Cells that start by themselves (the playground) need nothing.
}

describe('every lesson opens and runs its first cell (built app, Chromium)', () => {
  let harness: Harness;
  let page: Page;
  let lessons: { href: string; title: string }[] = [];

  beforeAll(async () => {
    harness = await startHarness({ serviceWorkers: 'block' });
    page = await harness.newPage();
    await page.goto(harness.url);
    await page.locator('nav.sidebar ol a').first().waitFor({ timeout: 30_000 });
    lessons = await page
      .locator('nav.sidebar ol a')
      .evaluateAll((links) =>
        links.map((a) => ({ href: a.getAttribute('href') ?? '', title: a.textContent?.trim() ?? '' })),
      );
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('the sidebar lists the lessons in file order', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(5);
    const numbers = lessons.map((l) => l.href.match(/#\/(\d\d)-/)?.[1]);
    expect(numbers.every((n) => n !== undefined)).toBe(true);
    expect([...numbers].sort()).toEqual(numbers);
  });

  it('each lesson renders and its first cell runs to done', async () => {
    for (const lesson of lessons) {
      await page.goto(new URL(lesson.href, harness.url).href);
      await expect.poll(() => page.locator('article.lesson').getAttribute('data-lesson')).toBe(lesson.href.slice(2));
      const cell = page.locator('[data-cell-id]').first();
      await cell.waitFor({ timeout: 30_000 });
      await runFirstCell(cell);
      await expect
        .poll(() => cell.getAttribute('data-status'), { timeout: 180_000, interval: 500, message: lesson.title })
        .toBe('done');
    }
  });

  it('every code cell of every lesson runs to done, and the numbers the prose quotes from it appear', async () => {
    for (const lesson of lessons) {
      await page.goto(new URL(lesson.href, harness.url).href);
      await expect.poll(() => page.locator('article.lesson').getAttribute('data-lesson')).toBe(lesson.href.slice(2));
      await page.locator('[data-cell-id]').first().waitFor({ timeout: 30_000 });
      const code = page.locator('section.cell-code[data-cell-id]');
      const ids = await code.evaluateAll((els) => els.map((e) => e.getAttribute('data-cell-id') ?? ''));
      for (const id of ids) {
        const cell = page.locator(`section.cell-code[data-cell-id="${id}"]`);
        await cell.locator('[data-action="run"]').click();
        await expect
          .poll(() => cell.getAttribute('data-status'), {
            timeout: 180_000,
            interval: 250,
            message: `${lesson.title}: code cell ${id}`,
          })
          .toBe('done');
        // Every number the prose quotes from this cell is filled in.
        const refs = page.locator(`output[data-ref^="${id}."]`);
        for (const ref of await refs.all()) {
          await expect
            .poll(() => ref.getAttribute('class'), { message: `${lesson.title}: ${id}` })
            .not.toContain('pending');
          expect((await ref.textContent())?.trim()).not.toBe('…');
        }
      }
    }
  }, 900_000);

  it('made no request outside its own origin and logged no errors', () => {
    const origin = new URL(harness.url).origin;
    expect(harness.requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u))).toEqual([]);
    expect(harness.consoleErrors).toEqual([]);
  });
});
