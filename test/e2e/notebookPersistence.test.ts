import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const LESSON = '#/01-clean-vs-more-data';

/**
 * Keeping and sharing a lesson's cells, in the built app under a sub-path:
 * parameters and results survive a reload, Reset brings the lesson's values
 * back, and a copied link reproduces the parameters and the numbers.
 */
describe('notebook persistence and sharing links in headless Chromium', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    // Every load comes from the server: the service worker plays no part in what is tested here.
    harness = await startHarness({ serviceWorkers: 'block' });
    page = await harness.newPage();
    await page.goto(harness.url + LESSON);
    await opened(page);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const opened = (p: Page) =>
    p.waitForSelector('[data-testid="lesson-tools"][data-opened="true"]', { timeout: 30_000 });
  const saved = (p: Page) =>
    p.waitForSelector('[data-testid="lesson-tools"][data-save-status="saved"]', { timeout: 10_000 });
  const cell = (p: Page, id: string) => p.locator(`[data-cell-id="${id}"]`);
  const field = (p: Page, name: string) => cell(p, 'curve').locator(`input[name="${name}"]`);

  let factor = '';
  let readout = '';

  it('a changed parameter and a finished sweep survive a reload, shown without training again', async () => {
    await field(page, 'sizes').fill('50, 100, 200');
    await field(page, 'seeds').fill('1');
    await field(page, 'seed').fill('2');
    await cell(page, 'curve').locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="curve"][data-status="done"]', { timeout: 90_000 });
    factor = (await cell(page, 'curve').locator('[data-testid="factor"]').textContent()) ?? '';
    readout = (await cell(page, 'curve').locator('[data-testid="readout"]').textContent()) ?? '';
    expect(readout).toMatch(/Mean of 1 seed/);
    await saved(page);

    await page.reload();
    await opened(page);
    await expect(field(page, 'seed').inputValue()).resolves.toBe('2');
    await expect(field(page, 'sizes').inputValue()).resolves.toBe('50, 100, 200');
    await expect(cell(page, 'curve').getAttribute('data-status')).resolves.toBe('done');
    await expect(cell(page, 'curve').locator('[data-testid="reused"]').textContent()).resolves.toMatch(
      /All 6 fits reused .*nothing needed training/,
    );
    await expect(cell(page, 'curve').locator('[data-testid="restored"]').count()).resolves.toBe(1);
    await expect(cell(page, 'curve').locator('[data-testid="factor"]').textContent()).resolves.toBe(factor);
    await expect(cell(page, 'curve').locator('[data-testid="readout"]').textContent()).resolves.toBe(readout);
  });

  it('Copy link gives a link that opens the same parameters in a new page and reproduces the numbers', async () => {
    await cell(page, 'curve').locator('[data-action="copy-link"]').click();
    const link = await cell(page, 'curve').getByTestId('share-link').inputValue();
    expect(link).toBe(`${harness.url}${LESSON}?curve.sizes=50,100,200&curve.seeds=1&curve.seed=2`);

    const other = await harness.newPage();
    try {
      await other.goto(link);
      await opened(other);
      await expect(other.getByTestId('lesson-notice').first().textContent()).resolves.toMatch(
        /shared link: “curve” has its parameters/,
      );
      await expect(field(other, 'seed').inputValue()).resolves.toBe('2');
      await expect(field(other, 'seeds').inputValue()).resolves.toBe('1');
      await expect(field(other, 'sizes').inputValue()).resolves.toBe('50, 100, 200');
      // The address drops the parameters once applied, so a reload shows what the reader changes next.
      expect(other.url()).toBe(harness.url + LESSON);
      await cell(other, 'curve').locator('[data-action="run"]').click();
      await other.waitForSelector('[data-cell-id="curve"][data-status="done"]', { timeout: 90_000 });
      // Every trial comes from the results kept in this browser.
      await expect(cell(other, 'curve').locator('[data-testid="reused"]').textContent()).resolves.toMatch(
        /All 6 fits reused/,
      );
      await expect(cell(other, 'curve').locator('[data-testid="factor"]').textContent()).resolves.toBe(factor);
      await expect(cell(other, 'curve').locator('[data-testid="readout"]').textContent()).resolves.toBe(readout);
    } finally {
      await other.close();
    }
  });

  it('a link with a bad value names the parameter, and the cell keeps the lesson’s values', async () => {
    const other = await harness.newPage();
    try {
      await other.goto(`${harness.url}${LESSON}?curve.noise=2&curve.seed=4`);
      await opened(other);
      await expect(other.getByRole('alert').first().textContent()).resolves.toMatch(
        /curve\.noise: must be between 0\.01 and 0\.9, got 2/,
      );
      await expect(field(other, 'seed').inputValue()).resolves.toBe('0');
    } finally {
      await other.close();
    }
  });

  it('Reset brings back the lesson’s values, and a reload keeps them', async () => {
    await page.reload();
    await opened(page);
    await cell(page, 'curve').locator('[data-action="reset"]').click();
    await expect(field(page, 'seed').inputValue()).resolves.toBe('0');
    await expect(field(page, 'sizes').inputValue()).resolves.toBe('50, 100, 200, 300, 500, 750, 1000, 1250');
    await saved(page);
    await page.reload();
    await opened(page);
    await expect(field(page, 'seed').inputValue()).resolves.toBe('0');
    await expect(cell(page, 'curve').getAttribute('data-status')).resolves.toBe('idle');
    await expect(cell(page, 'curve').locator('[data-testid="restored"]').count()).resolves.toBe(0);
  });

  it('a finished review detection comes back after a reload, its folds read from the kept results', async () => {
    const review = () => cell(page, 'review');
    await page.goto(harness.url + '#/04-finding-label-errors');
    await opened(page);
    await review().locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="review"][data-status="done"] [data-testid="review-summary"]', {
      timeout: 120_000,
    });
    const flagged = await review().locator('[data-output="flagged"]').textContent();
    const summary = await review().getByTestId('review-summary').textContent();
    await expect(review().getByTestId('resumed').count()).resolves.toBe(0);
    await saved(page);
    // The five folds' results are kept in IndexedDB, by request hash.
    const kept = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('data-centric-lab-notebook');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('trained').objectStore('trained').count();
            count.onsuccess = () => resolve(count.result);
            count.onerror = () => reject(count.error);
          };
        }),
    );
    expect(kept).toBeGreaterThanOrEqual(5);

    await page.reload();
    await opened(page);
    // Run again by itself on restore; every fold comes from the results kept in this browser.
    await page.waitForSelector('[data-cell-id="review"][data-status="done"] [data-testid="resumed"]', {
      timeout: 60_000,
    });
    await expect(review().getByTestId('restored').count()).resolves.toBe(1);
    await expect(review().locator('[data-output="flagged"]').textContent()).resolves.toBe(flagged);
    await expect(review().getByTestId('review-summary').textContent()).resolves.toBe(summary);
  });

  it('logged no errors', () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});
