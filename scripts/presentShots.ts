/**
 * The presentation view as a lecture hall sees it (issue 14): every section of
 * the given lessons opened with `?present`, its cells run, measured and shot.
 * `npx vite build --outDir DIST && DCL_DIST=DIST npx tsx scripts/presentShots.ts OUT_DIR [WxH] LESSON…`
 * Prints, per section, the page's scroll height against the viewport and
 * whether every chart and readout lies inside it; saves OUT_DIR/<lesson>-<n>-<W>.png.
 * Flags: `--no-run` shoots the cells as they open (not run); `--prepare` presses "Prepare this lesson" first
 * (every cell run, the labelers revised and trained, the review's budget drawn) and shoots them so;
 * `--query=controls=locked` adds to the query; `--sections=2,5` shoots only those sections.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness } from './previewBrowser.ts';

const args = process.argv.slice(2);
const prepare = args.includes('--prepare');
const run = !args.includes('--no-run') && !prepare;
const only = args
  .find((a) => a.startsWith('--sections='))
  ?.slice('--sections='.length)
  .split(',')
  .map(Number);
const query = args.find((a) => a.startsWith('--query='))?.slice('--query='.length) ?? '';
const rest = args.filter((a) => !a.startsWith('--'));
const out = rest.shift();
const size = rest[0] && /^\d+x\d+$/.test(rest[0]) ? rest.shift()! : '1280x720';
const [width, height] = size.split('x').map(Number) as [number, number];
if (!out || rest.length === 0) {
  console.error('usage: tsx scripts/presentShots.ts OUT_DIR [WxH] [--no-run] [--query=…] LESSON…');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const harness = await startHarness({ serviceWorkers: 'block' });
try {
  for (const lesson of rest) {
    const page = await harness.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(`${harness.url}?present${query ? `&${query}` : ''}#/${lesson}`);
    await page.getByTestId('present-where').waitFor({ timeout: 60_000 });
    const total = Number((await page.getByTestId('present-where').textContent())!.match(/\/ (\d+)/)![1]);
    if (prepare) {
      await page.locator('[data-action="prepare"]').click();
      await page.waitForFunction(
        () => /^Prepared/.test(document.querySelector('[data-testid="prepared"]')?.textContent ?? ''),
        undefined,
        { timeout: 600_000 },
      );
    }
    for (let n = 1; n <= total; n++) {
      await page.waitForFunction(
        (k) => document.querySelector('[data-testid="present-where"]')?.textContent?.startsWith(`${k} /`),
        n,
      );
      await page.waitForTimeout(400);
      if (only && !only.includes(n)) {
        if (n < total) await page.getByRole('button', { name: 'Next section' }).click();
        continue;
      }
      if (prepare) await page.waitForTimeout(1500);
      if (run) {
        const ids = await page
          .locator('[data-cell-id]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-cell-id')!));
        for (const id of ids) {
          const cell = page.locator(`[data-cell-id="${id}"]`);
          const status = await cell.getAttribute('data-status');
          if (status === 'done') continue;
          // A labelers cell trains instead of running.
          const button = cell.locator('[data-action="run"], [data-action="train"]').first();
          if (!((await button.count()) && (await button.isEnabled()))) {
            // Nothing to press (a labelers cell before any revision): its figures come with its data.
            await cell
              .locator('.labelers-figures, .figure')
              .first()
              .waitFor({ timeout: 60_000 })
              .catch(() => console.log(`  ${lesson} ${id}: no figures`));
            continue;
          }
          await button.click();
          await page
            .waitForFunction(
              (cellId) => {
                const s = document.querySelector(`[data-cell-id="${cellId}"]`)?.getAttribute('data-status');
                return s === 'done' || s === 'error';
              },
              id,
              { timeout: 180_000 },
            )
            .catch(() => console.log(`  ${lesson} ${id}: not done`));
        }
        await page.waitForTimeout(600);
        await page.evaluate(() => window.scrollTo(0, 0));
      }
      // A string, not a function: tsx would wrap a named arrow function in a helper the page lacks.
      const m = (await page.evaluate(`(() => {
        const vh = window.innerHeight;
        const where = (sel) =>
          [...document.querySelectorAll(sel)]
            .filter((e) => e.offsetParent !== null)
            .map((e) => {
              const r = e.getBoundingClientRect();
              return r.top >= 0 && r.bottom <= vh + 0.5 ? 'in' : 'out(' + Math.round(r.top) + '–' + Math.round(r.bottom) + ')';
            });
        return {
          scroll: document.documentElement.scrollHeight,
          vh,
          charts: where('.cell .plot svg'),
          readouts: where('.cell .readout, .cell [data-testid$="readout"]'),
          title: document.querySelector('[data-testid="present-where"]')?.textContent,
          fit: (document.querySelector('.slide')?.getAttribute('data-fit') ?? '') + '@' + document.querySelector('.slide')?.getAttribute('data-scale'),
        };
      })()`)) as { scroll: number; vh: number; charts: string[]; readouts: string[]; title: string; fit: string };
      const file = join(out, `${lesson}-${n}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(
        `${m.scroll > m.vh ? 'TALL' : 'fits'} ${m.scroll}/${m.vh} ${m.fit} ${m.title} charts=${m.charts.join(',')} readouts=${m.readouts.join(',')}`,
      );
      if (n < total) await page.getByRole('button', { name: 'Next section' }).click();
    }
    await page.close();
  }
  if (harness.consoleErrors.length) console.log('console errors:', harness.consoleErrors.join('\n'));
} finally {
  await harness.close();
}
