import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const LESSON = '#/03-labeler-consistency';
const UPPER_BODY = ['Shirt', 'T-shirt/top', 'Pullover', 'Coat'];

describe('lesson 3 in headless Chromium (built app): two labelers on Fashion-MNIST', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
    await page.goto(harness.url + LESSON);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const cell = () => page.locator('[data-cell-id="labelers"]');
  const text = async (testId: string) => ((await cell().getByTestId(testId).textContent()) ?? '').trim();
  const percentOf = (value: string) => Number(value.replace('%', ''));

  it('loads the Fashion-MNIST items and shows agreement, kappa and the disagreement matrix', async () => {
    await expect(page.locator('.prose h1').first().textContent()).resolves.toContain('Measuring labeler consistency');
    await page.waitForSelector('[data-cell-id="labelers"] [data-testid="agreement-figures"]', { timeout: 60_000 });
    const agreement = await text('agreement-before');
    expect(agreement).toMatch(/^\d+\.\d%$/);
    expect(percentOf(agreement)).toBeGreaterThan(50);
    expect(percentOf(agreement)).toBeLessThan(95);
    const kappa = await text('kappa-before');
    expect(kappa).toMatch(/^0\.\d\d$/);
    expect(Number(kappa)).toBeLessThan(percentOf(agreement) / 100);
    const matrix = cell().locator('.plot svg.matrix-plot');
    await expect(matrix.count()).resolves.toBe(1);
    await expect(matrix.locator('g.cell').count()).resolves.toBe(100);
    await expect(matrix.locator('.row-names text').first().textContent()).resolves.toBe('T-shirt/top');
    // The prose quotes the same values the cell shows.
    await expect(page.locator('output[data-ref="labelers.agreement"]').textContent()).resolves.toBe(agreement);
    await expect(page.locator('output[data-ref="labelers.kappa"]').textContent()).resolves.toBe(kappa);
  });

  it('names an upper-body garment as the worst class, in the prose and at the top of the per-class table', async () => {
    const worst = (await page.locator('output[data-ref="labelers.worstClass"]').textContent()) ?? '';
    expect(UPPER_BODY).toContain(worst);
    const first = cell().locator('[data-testid="per-class"] tbody tr').first();
    await expect(first.locator('th').textContent()).resolves.toContain(worst);
    await expect(first.locator('input[type="checkbox"]').isChecked()).resolves.toBe(true);
  });

  it('Revise the instructions: agreement and kappa rise, beside the original figures', async () => {
    const before = percentOf(await text('agreement-before'));
    await cell().locator('[data-action="revise"]').click();
    await cell().getByTestId('agreement-after').waitFor();
    const after = percentOf(await text('agreement-after'));
    expect(after).toBeGreaterThan(before);
    expect(Number(await text('kappa-after'))).toBeGreaterThan(Number(await text('kappa-before')));
    await expect(text('agreement-change')).resolves.toMatch(/^\+\d+\.\d pts$/);
    await expect(page.locator('output[data-ref="labelers.revisedAgreement"]').textContent()).resolves.toBe(
      `${after.toFixed(1)}%`,
    );
    await expect(cell().locator('.plot svg .plot-title').textContent()).resolves.toBe('Revised instructions');
  });

  it('Train a model on each set of labels: both accuracies on the clean test set, and the prose fills in', async () => {
    await cell().locator('[data-action="train"]').click();
    await page.waitForSelector('[data-cell-id="labelers"][data-status="done"]', { timeout: 90_000 });
    const before = await text('accuracy-before');
    const after = await text('accuracy-after');
    expect(before).toMatch(/^\d+\.\d%$/);
    expect(after).toMatch(/^\d+\.\d%$/);
    expect(percentOf(after)).toBeGreaterThan(percentOf(before));
    await expect(cell().locator('[data-row="labelled-test"] td').count()).resolves.toBe(3);
    await expect(page.locator('output[data-ref="labelers.accuracyBefore"]').textContent()).resolves.toBe(before);
    await expect(page.locator('output[data-ref="labelers.accuracyAfter"]').textContent()).resolves.toBe(after);
  });

  it('three labelers: Fleiss’ kappa and Krippendorff’s alpha appear, and the training is marked out of date', async () => {
    await cell().locator('input[name="labelers"]').fill('3');
    await page.waitForSelector('[data-cell-id="labelers"][data-status="stale"]');
    await expect(text('fleiss-before')).resolves.toMatch(/^0\.\d\d$/);
    await expect(text('alpha-before')).resolves.toMatch(/^0\.\d\d$/);
    await expect(cell().locator('[data-testid="pairs"] tbody tr').count()).resolves.toBe(3);
    await expect(text('stale')).resolves.toMatch(/Out of date/);
  });

  it('the prose quotes Fleiss’ kappa and Krippendorff’s alpha from the three-labeler cell, with no “…” left', async () => {
    const three = page.locator('[data-cell-id="three"]');
    await expect(three.locator('[data-testid="pairs"] tbody tr').count()).resolves.toBe(3);
    for (const key of ['fleiss', 'alpha', 'kappa']) {
      const ref = page.locator(`output[data-ref="three.${key}"]`);
      await expect.poll(() => ref.textContent(), { timeout: 60_000 }).toMatch(/^0\.\d\d$/);
    }
  });

  it('made no request outside its own origin and logged no errors', () => {
    const origin = new URL(harness.url).origin;
    const foreign = harness.requests.filter(
      (u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
    expect(foreign).toEqual([]);
    expect(harness.consoleErrors).toEqual([]);
  });
});
