/**
 * Regenerates docs/screenshot.png (the README's picture): lesson 1 in the
 * built app, the digits curve run, at a classroom-friendly size.
 *   npm run build && npx tsx scripts/screenshot.ts
 */
import { startHarness, ROOT } from './previewBrowser.ts';

const harness = await startHarness();
try {
  const page = await harness.newPage();
  await page.setViewportSize({ width: 1360, height: 1480 });
  await page.goto(`${harness.url}#/01-clean-vs-more-data`);
  const curve = page.locator('[data-cell-id="curve"]');
  await curve.locator('[data-action="run"]').click();
  await page.waitForSelector('[data-cell-id="curve"][data-status="done"]', { timeout: 120_000 });
  await curve.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -70));
  await page.screenshot({ path: `${ROOT}docs/screenshot.png` });
  process.stdout.write('wrote docs/screenshot.png\n');
} finally {
  await harness.close();
}
