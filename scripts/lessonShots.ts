/**
 * Screenshots of lesson cells as their readers see them, after running them:
 * `npx vite build && npx tsx scripts/lessonShots.ts OUT_DIR LESSON:CELL[,CELL…] …`
 * Each cell is run (its Run button), awaited (data-status="done") and shot at
 * 1280×720 (a projector) and 390×844 (a phone); the page's top is shot too.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness } from './previewBrowser.ts';

const [out, ...targets] = process.argv.slice(2);
if (!out || targets.length === 0) {
  console.error('usage: tsx scripts/lessonShots.ts OUT_DIR LESSON:CELL[,CELL…] …');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const harness = await startHarness({ serviceWorkers: 'block' });
try {
  for (const target of targets) {
    const [lesson, cells = ''] = target.split(':');
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 720 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const page = await harness.newPage();
      await page.setViewportSize(viewport);
      await page.goto(`${harness.url}#/${lesson}`);
      await page.locator('article, main').first().waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(out, `${lesson}-top-${name}.png`) });
      for (const id of cells.split(',').filter(Boolean)) {
        const cell = page.locator(`[data-cell-id="${id}"]`).first();
        await cell.scrollIntoViewIfNeeded();
        const run = cell.getByRole('button', { name: /^Run/ }).first();
        if (await run.count()) await run.click();
        await page.waitForFunction(
          (cellId) => document.querySelector(`[data-cell-id="${cellId}"]`)?.getAttribute('data-status') === 'done',
          id,
          { timeout: 600_000 },
        );
        await page.waitForTimeout(500);
        await cell.screenshot({ path: join(out, `${lesson}-${id}-${name}.png`) });
        console.log(`${lesson} ${id} ${name}`);
      }
      await page.close();
    }
  }
  if (harness.consoleErrors.length) console.log('console errors:', harness.consoleErrors.join('\n'));
} finally {
  await harness.close();
}
