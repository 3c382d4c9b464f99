/**
 * Screenshots for the type-scale pass (docs/design/type-*.png): the top of lessons 01, 05 and 10 and one
 * run cell of each at 1400×1000, and lesson 05 at 390×844 (a phone).
 *   npx vite build --outDir /tmp/dist && DCL_DIST=/tmp/dist npx tsx scripts/typeShots.ts OUT_DIR PREFIX
 * writes OUT_DIR/PREFIX-<lesson>-<what>-<width>.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness } from './previewBrowser.ts';

const [out, prefix = 'type'] = process.argv.slice(2);
if (!out) {
  console.error('usage: tsx scripts/typeShots.ts OUT_DIR [PREFIX]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const shots: { lesson: string; cell: string; viewport: { width: number; height: number } }[] = [
  { lesson: '01-clean-vs-more-data', cell: 'curve', viewport: { width: 1400, height: 1000 } },
  { lesson: '05-error-analysis-by-slice', cell: 'bySlice', viewport: { width: 1400, height: 1000 } },
  { lesson: '10-cleaning-worth-on-your-data', cell: 'known', viewport: { width: 1400, height: 1000 } },
  { lesson: '05-error-analysis-by-slice', cell: 'bySlice', viewport: { width: 390, height: 844 } },
];

const harness = await startHarness({ serviceWorkers: 'block' });
try {
  for (const { lesson, cell: id, viewport } of shots) {
    const page = await harness.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${harness.url}#/${lesson}`);
    await page.locator('article, main').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    const short = lesson.slice(0, 2);
    await page.screenshot({ path: join(out, `${prefix}-${short}-top-${viewport.width}.png`) });
    const cell = page.locator(`[data-cell-id="${id}"]`).first();
    const run = cell.getByRole('button', { name: /^Run/ }).first();
    if (await run.count()) await run.click();
    await page.waitForFunction(
      (cellId) => document.querySelector(`[data-cell-id="${cellId}"]`)?.getAttribute('data-status') === 'done',
      id,
      { timeout: 600_000 },
    );
    await page.waitForTimeout(500);
    await cell.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -80));
    await page.screenshot({ path: join(out, `${prefix}-${short}-${id}-${viewport.width}.png`) });
    console.log(`${lesson} ${id} ${viewport.width}`);
    await page.close();
  }
  if (harness.consoleErrors.length) console.log('console errors:', harness.consoleErrors.join('\n'));
} finally {
  await harness.close();
}
