/**
 * Screenshots of the cell forms (issue 14): the playground and the first curve cell of lesson 01,
 * at 1280×720 and 390×844, saved as docs/design/forms-<tag>-<cell>-<width>.png.
 * Run after `npx vite build`: `npx tsx scripts/formShots.ts before` (or `after`).
 */
import { join } from 'node:path';
import { startHarness, ROOT } from './previewBrowser.ts';

const tag = process.argv[2] ?? 'after';
const sizes = [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
  { width: 1920, height: 1080 },
];
const cells = [
  { lesson: '01-clean-vs-more-data', id: 'toy', name: 'playground' },
  { lesson: '01-clean-vs-more-data', id: 'curve', name: 'curve' },
  { lesson: '04-finding-label-errors', id: 'review', name: 'review' },
  { lesson: '10-cleaning-worth-on-your-data', id: 'known', name: 'worth' },
];
const harness = await startHarness();
try {
  const page = await harness.newPage();
  for (const size of sizes) {
    await page.setViewportSize(size);
    for (const cell of cells) {
      await page.goto(`${harness.url}#/${cell.lesson}`);
      const form = page.locator(`[data-cell-id="${cell.id}"] .controls`).first();
      await form.waitFor({ timeout: 30_000 });
      await form.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      const path = join(ROOT, 'docs/design', `forms-${tag}-${cell.name}-${size.width}.png`);
      await form.screenshot({ path });
      console.log(path);
    }
  }
} finally {
  await harness.close();
}
