import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

/** Lesson 4: the curve cell "cost" takes its noise from the review cell's estimate (from: review.estimatedNoise). */
const LESSON = '#/04-finding-label-errors';

describe('reactive cells in headless Chromium: lesson 4’s curve follows the review cell’s noise estimate', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness({ serviceWorkers: 'block' });
    page = await harness.newPage();
    await page.goto(harness.url + LESSON);
    await page.waitForSelector('[data-testid="backend"][data-backend="wasm"]', { timeout: 30_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const review = () => page.locator('[data-cell-id="review"]');
  const cost = () => page.locator('[data-cell-id="cost"]');
  const link = () => cost().locator('[data-link="noise"]');
  const linkedValue = async () => Number(await link().getAttribute('data-value'));
  const estimateText = () => page.locator('output[data-ref="review.estimatedNoise"]').first().textContent();

  it('before the review has run, the curve waits for it, and its noise field is read-only', async () => {
    await expect(cost().locator('[data-waiting="review"]').isVisible()).resolves.toBe(true);
    await expect(cost().locator('.status').textContent()).resolves.toBe('waiting for “review”');
    await expect(link().textContent()).resolves.toMatch(/noise\s+from cell “review” \(estimatedNoise\)/);
    await expect(cost().locator('input[name="noise"]').isDisabled()).resolves.toBe(true);
    await expect(cost().locator('select[name="noise-kind"]').isDisabled()).resolves.toBe(true);
    await expect(review().locator('input[name="noise"]').isDisabled()).resolves.toBe(false);
    // It cannot be run with a stand-in value meanwhile: its Run waits too.
    await expect(cost().locator('[data-action="run"]').isDisabled()).resolves.toBe(true);
  });

  it('once the review has run, the curve takes its estimate and runs with it', async () => {
    await review().locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="review"][data-status="done"]', { timeout: 120_000 });
    await expect(cost().locator('[data-waiting]').count()).resolves.toBe(0);
    await expect(cost().locator('[data-action="run"]').isDisabled()).resolves.toBe(false);
    const value = await linkedValue();
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(1);
    await expect(link().locator('output').textContent()).resolves.toBe(await estimateText());

    await cost().locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="cost"][data-status="done"]', { timeout: 120_000 });
    await expect(page.locator('output[data-ref="cost.noise"]').textContent()).resolves.toBe(await estimateText());
  });

  it('changing the review’s noise marks the curve out of date; re-running the review hands on the new estimate', async () => {
    const before = await linkedValue();
    await review()
      .locator('input[name="noise"]')
      .evaluate((input: HTMLInputElement) => {
        input.value = '0.3';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    await page.waitForSelector('[data-cell-id="review"][data-status="stale"]');
    // The review's output is out of date, so the curve's is too: it waits for the review.
    await page.waitForSelector('[data-cell-id="cost"][data-status="stale"] [data-waiting="review"]');

    await review().locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="review"][data-status="done"]', { timeout: 120_000 });
    await expect(cost().locator('[data-waiting]').count()).resolves.toBe(0);
    await expect(cost().getAttribute('data-status')).resolves.toBe('stale');
    const after = await linkedValue();
    expect(after).not.toBe(before);
    await expect(link().locator('output').textContent()).resolves.toBe(await estimateText());

    await cost().locator('[data-action="run-linked"]').click();
    await page.waitForSelector('[data-cell-id="cost"][data-status="done"]', { timeout: 120_000 });
    await expect(page.locator('output[data-ref="cost.noise"]').textContent()).resolves.toBe(await estimateText());
  });
});
