import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';
import { withWrongLabels } from '../support/wrongLabels.ts';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);

/** axe-core on the page as it is now; the serious and critical violations, one readable line per element. */
async function audit(page: Page): Promise<string[]> {
  // Open every data table, so the tables behind the charts are checked too.
  for (const summary of await page.locator('details:not([open]) > summary').all()) {
    if (await summary.isVisible()) await summary.click();
  }
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map(
        (node) =>
          `${v.id} (${v.impact}): ${v.help} — ${node.target.join(' ')}\n    ${node.failureSummary?.replaceAll('\n', '\n    ')}`,
      ),
    );
}

describe('accessibility: axe-core finds no serious or critical WCAG 2 A/AA violation (built app, Chromium)', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness({ serviceWorkers: 'block' });
    page = await harness.newPage();
    await page.goto(harness.url);
    await page.waitForSelector('nav.sidebar ol a');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const cell = (id: string) => page.locator(`[data-cell-id="${id}"]`);
  const open = async (hash: string) => {
    await page.goto(new URL(hash, harness.url).href);
    await page.waitForSelector('[data-testid="backend"][data-backend="wasm"]', { timeout: 30_000 });
  };

  it('every lesson in the sidebar, as it first opens', async () => {
    const lessons = await page
      .locator('nav.sidebar ol a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(lessons.length).toBeGreaterThanOrEqual(5);
    const found: Record<string, string[]> = {};
    for (const hash of lessons) {
      await open(hash);
      await page.waitForSelector('article.lesson');
      found[hash] = await audit(page);
    }
    expect(found).toEqual(Object.fromEntries(lessons.map((hash) => [hash, []])));
  });

  it('lesson 1 after the playground trained and the curve cell ran its quickest preset', async () => {
    await open('#/01-clean-vs-more-data');
    await page.waitForSelector('[data-cell-id="toy"][data-status="done"]', { timeout: 60_000 });
    await cell('curve')
      .getByRole('button', { name: /Quick look/ })
      .click();
    await cell('curve').locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="curve"][data-status="done"]', { timeout: 120_000 });
    expect(await audit(page)).toEqual([]);
  });

  it('lesson 3 after the instructions were revised (two matrices, the comparison)', async () => {
    await open('#/03-labeler-consistency');
    await page.waitForSelector('[data-cell-id="labelers"] [data-testid="agreement-figures"]', { timeout: 60_000 });
    await cell('labelers').locator('[data-action="revise"]').click();
    await page.waitForSelector('[data-cell-id="labelers"] input[value="after"]', { timeout: 60_000 });
    expect(await audit(page)).toEqual([]);
  });

  it('lesson 4 after detection: the scored summary and the review list', async () => {
    await open('#/04-finding-label-errors');
    await cell('review').locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="review"][data-status="done"]', { timeout: 120_000 });
    expect(await audit(page)).toEqual([]);
  });

  it('Your own data: empty, with the wine example loaded, and after Analyse', async () => {
    await open('#/data');
    await page.getByRole('button', { name: /Wine/ }).waitFor();
    expect(await audit(page)).toEqual([]);
    await page.getByRole('button', { name: /Wine/ }).click();
    await page.getByTestId('profile').waitFor({ timeout: 30_000 });
    expect(await audit(page)).toEqual([]);
    await page.getByTestId('analyse').getByRole('button', { name: 'Analyse' }).click();
    await page.getByTestId('worth-report').waitFor({ timeout: 90_000 });
    expect(await audit(page)).toEqual([]);
  });

  it('Your own data: the review list of suspected rows, with a class chosen in a row’s menu', async () => {
    // The shipped cars' labels are right (nothing to review): a copy with one label in seven moved.
    const dir = mkdtempSync(join(tmpdir(), 'dcl-a11y-'));
    writeFileSync(join(dir, 'cars_noisy.csv'), withWrongLabels('cars.csv', 7));
    await page.getByTestId('file-input').setInputFiles(join(dir, 'cars_noisy.csv'));
    await expect
      .poll(() => page.getByTestId('profile').locator('.source').textContent(), { timeout: 30_000 })
      .toBe('cars_noisy.csv');
    await page.getByTestId('analyse').getByRole('button', { name: 'Analyse' }).click();
    const review = page.getByTestId('table-review');
    await review.waitFor({ timeout: 180_000 });
    rmSync(dir, { recursive: true, force: true });
    const first = review.locator('[role="row"][data-rank]').first();
    await first.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('x');
    await review.locator('[role="row"][data-rank]').nth(1).getByRole('combobox').selectOption({ index: 1 });
    expect(await audit(page)).toEqual([]);
  });
});
