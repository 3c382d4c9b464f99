/**
 * Screenshots of code cells as a reader meets them, at 1280×720: the page
 * scrolled so the cell's top is at the top of the window, after Run.
 * `npx vite build --outDir DIST && DCL_DIST=DIST npx tsx scripts/codeShots.ts OUT_DIR PREFIX LESSON:CELL …`
 * writes OUT_DIR/PREFIX-LESSON-CELL.png (e.g. docs/design/code-after-05-bySlice.png).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness } from './previewBrowser.ts';

const [out, prefix, ...targets] = process.argv.slice(2);
if (!out || !prefix || targets.length === 0) {
  console.error('usage: tsx scripts/codeShots.ts OUT_DIR PREFIX LESSON:CELL …');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const harness = await startHarness({ serviceWorkers: 'block' });
try {
  for (const target of targets) {
    const [lesson, id] = target.split(':') as [string, string];
    const page = await harness.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${harness.url}#/${lesson}`);
    const cell = page.locator(`[data-cell-id="${id}"]`).first();
    await cell.waitFor({ timeout: 60_000 });
    await cell.locator('[data-action="run"]').first().click();
    await page.waitForSelector(`[data-cell-id="${id}"][data-status="done"]`, { timeout: 900_000 });
    await page.waitForTimeout(500);
    // The cell's top just under the sticky header.
    await cell.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 76));
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(out, `${prefix}-${lesson.slice(0, 2)}-${id}.png`) });
    console.log(`${prefix} ${lesson} ${id}`);
    await page.close();
  }
  if (harness.consoleErrors.length) console.log('console errors:', harness.consoleErrors.join('\n'));
} finally {
  await harness.close();
}
