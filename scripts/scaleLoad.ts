/**
 * Loading a large table on the "Your own data" page, watched from inside the
 * page: the e2e test (test/e2e/scaleTable.test.ts) and the bench's scale
 * section (scripts/benchScale.ts) both pick a file through the page's own
 * file input and read, from the page itself, when the file was picked, when
 * the profile (rows, classes) showed, when the table was saved, and every
 * main-thread long task (> 50 ms) in between (PerformanceObserver 'longtask').
 */
import { basename } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

interface ScaleGlobals {
  __scale: {
    longTasks: { start: number; duration: number }[];
    picked: number | null;
    shown: number | null;
    saved: number | null;
  };
}

/** Installed in every page before its scripts: the long-task log and the time a file was picked. */
function scaleProbe(): void {
  const w = window as unknown as ScaleGlobals;
  w.__scale = { longTasks: [], picked: null, shown: null, saved: null };
  new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => w.__scale.longTasks.push({ start: e.startTime, duration: e.duration })),
  ).observe({ type: 'longtask', buffered: true });
  document.addEventListener(
    'change',
    (event) => {
      if ((event.target as Element | null)?.matches?.('[data-testid="file-input"]')) {
        w.__scale.picked = performance.now();
      }
    },
    true,
  );
}

export async function installScaleProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript(scaleProbe);
}

export interface TableLoad {
  /** From the file input's change event to the profile showing the table's rows and class balance. */
  readonly shownMs: number;
  /** From the change event to the page saying the table is saved in this browser. */
  readonly savedMs: number;
  /** Durations of the main-thread long tasks that started after the change event, until saved and drawn. */
  readonly longTasks: number[];
  /** As the page shows them: the row count, the class counts, the column table's rows. */
  readonly rows: string;
  readonly classCounts: string[];
  readonly columns: number;
}

/**
 * Picks `path` in the page's file input (the page must be on #/data with the
 * probe installed) and waits until the profile shows it and it is saved.
 */
export async function loadTableThroughPage(page: Page, path: string, timeout = 120_000): Promise<TableLoad> {
  const source = basename(path);
  await page.evaluate((name) => {
    const scale = (window as unknown as ScaleGlobals).__scale;
    Object.assign(scale, { picked: null, shown: null, saved: null });
    // Marks the first moment the profile of `name` shows its class balance, and then says it is saved.
    const observer = new MutationObserver(() => {
      const profile = document.querySelector('[data-testid="profile"]');
      if (profile?.querySelector('.source')?.textContent !== name) return;
      if (scale.shown === null && profile.querySelector('[data-testid="class-count"]')) scale.shown = performance.now();
      const status = document.querySelector('[data-testid="save-status"]');
      if (scale.shown !== null && status?.getAttribute('data-saving') === 'false') {
        scale.saved = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  }, source);
  await page.getByTestId('file-input').setInputFiles(path);
  await page.waitForFunction(() => (window as unknown as ScaleGlobals).__scale.saved !== null, null, { timeout });
  // The column table draws a long list of columns a batch per task: wait for the last batch (its tasks count too).
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid="profile"] tr[data-column]').length ===
      Number(document.querySelector('[data-testid="stat-columns"]')?.textContent?.replace(/,/g, '')),
    null,
    { timeout },
  );
  // Long-task entries arrive a little after their task: give them a moment.
  await page.waitForTimeout(300);
  const times = await page.evaluate(() => {
    const { picked, shown, saved, longTasks } = (window as unknown as ScaleGlobals).__scale;
    return {
      picked: picked!,
      shown: shown!,
      saved: saved!,
      longTasks: longTasks.filter((t) => t.start >= picked! - 1).map((t) => t.duration),
    };
  });
  return {
    shownMs: times.shown - times.picked,
    savedMs: times.saved - times.picked,
    longTasks: times.longTasks,
    rows: (await page.getByTestId('stat-rows').textContent()) ?? '',
    classCounts: await page.getByTestId('class-count').allTextContents(),
    columns: await page.getByTestId('profile').locator('tr[data-column]').count(),
  };
}

export interface TableRestore {
  /** From navigation start to the profile saying the table was restored from this browser. */
  readonly restoredMs: number;
  /** Every main-thread long task of the reload (the app starting included). */
  readonly longTasks: number[];
  readonly rows: string;
}

/** Reloads the page and waits until it has restored the saved table. */
export async function reloadRestored(page: Page, timeout = 60_000): Promise<TableRestore> {
  await page.reload();
  await page.getByTestId('restored').waitFor({ timeout });
  const restoredMs = await page.evaluate(() => performance.now());
  await page.waitForTimeout(500);
  const longTasks = await page.evaluate(() =>
    (window as unknown as ScaleGlobals).__scale.longTasks.map((t) => t.duration),
  );
  return { restoredMs, longTasks, rows: (await page.getByTestId('stat-rows').textContent()) ?? '' };
}
