/**
 * Screenshots of lesson 03's label cell as a reader sees it:
 * `npx vite build --outDir DIST && DCL_DIST=DIST npx tsx scripts/labelShots.ts OUT_DIR [prefix]`
 * At 1400×1000 and 390×844: the cell before labelling, mid-batch (a key that
 * is no class pressed, so its notice shows), and the results after the batch
 * (labelled from test/fixtures/label-cell-sklearn.json's key presses).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness } from './previewBrowser.ts';

const [out, prefix = 'label-after'] = process.argv.slice(2);
if (!out) {
  console.error('usage: tsx scripts/labelShots.ts OUT_DIR [prefix]');
  process.exit(2);
}
const presses = (
  JSON.parse(readFileSync(new URL('../test/fixtures/label-cell-sklearn.json', import.meta.url), 'utf8')) as {
    presses: string[];
  }
).presses;
mkdirSync(out, { recursive: true });
const harness = await startHarness({ serviceWorkers: 'block' });
try {
  for (const [name, viewport] of [
    ['desktop', { width: 1400, height: 1000 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    const page = await harness.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${harness.url}#/03-labeler-consistency`);
    const cell = page.locator('[data-cell-id="mine"]');
    if ((await cell.count()) === 0) {
      // An old build without the cell: the lesson's start as it was.
      await page.locator('article').first().waitFor({ timeout: 60_000 });
      await page.locator('h2').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(out, `${prefix}-${name}.png`) });
      await page.close();
      continue;
    }
    await cell.getByTestId('label-progress').waitFor({ timeout: 60_000 });
    if (await cell.getByTestId('label-results').count()) {
      // The batch labelled at the other size is kept in this browser: start over (it asks first).
      await cell.locator('[data-action="start-over"]').click();
      await cell.locator('[data-action="confirm-start-over"]').click();
    }
    await cell.getByTestId('labeller').waitFor({ timeout: 60_000 });
    await cell.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(out, `${prefix}-start-${name}.png`) });
    await cell.locator('[data-action="start"]').click();
    for (const key of presses.slice(0, 15)) await page.keyboard.press(key === ' ' ? 'Space' : key);
    await cell.getByTestId('labeller').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -70));
    await page.screenshot({ path: join(out, `${prefix}-labelling-${name}.png`) });
    for (const key of presses.slice(15)) await page.keyboard.press(key === ' ' ? 'Space' : key);
    await cell.getByTestId('label-results').waitFor();
    await page.waitForTimeout(300);
    await cell.getByTestId('label-results').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(out, `${prefix}-results-${name}.png`) });
    await cell.locator('[data-testid="label-gallery"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(out, `${prefix}-gallery-${name}.png`) });
    await page.close();
  }
} finally {
  await harness.close();
}
