import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const SLUG = '01-clean-vs-more-data';
const LESSON = `#/${SLUG}`;

/**
 * Finding your way and taking results away, in the built app: the sidebar's
 * progress follows the cells as they finish and survives a reload; a
 * self-check answers from the reader's own run; a cell's results download as
 * CSV and JSON.
 */
describe('progress, self-checks and result downloads in headless Chromium', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
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
  const cell = (id: string) => page.locator(`[data-cell-id="${id}"]`);
  const field = (name: string) => cell('curve').locator(`input[name="${name}"]`);
  const sidebar = () => page.locator(`[data-testid="lesson-progress"][data-lesson="${SLUG}"]`);
  // The first self-check of lesson 1 asks for the digits curve's clean accuracy at N0.
  const firstCheck = () => page.getByTestId('self-check').first();

  it('the sidebar, the page and its title number the lessons as their addresses do: 00, 01, …', async () => {
    const links = await page
      .locator('nav.sidebar ol a')
      .evaluateAll((as) =>
        as.map((a) => [a.getAttribute('href') ?? '', a.querySelector('[data-testid="lesson-number"]')?.textContent]),
      );
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const [href, number] of links) expect(number, href).toBe(/#\/(\d\d)-/.exec(href!)?.[1]);
    expect(links[0]![1]).toBe('00');
    await expect(page.locator('article.lesson [data-testid="lesson-number"]').textContent()).resolves.toBe('Lesson 01');
    await expect(page.title()).resolves.toMatch(/^01 /);
  });

  it('the sidebar lists every lesson with its length and what has been run', async () => {
    await expect(page.getByTestId('lesson-progress').count()).resolves.toBeGreaterThanOrEqual(5);
    await expect(page.locator('nav.sidebar').textContent()).resolves.toMatch(/\d+ min · 4 cells/);
    // The playground fits itself on opening: it counts as run.
    await page.waitForSelector('[data-cell-id="toy"][data-status="done"]', { timeout: 60_000 });
    await expect.poll(() => sidebar().getAttribute('data-ran')).toBe('1');
    await expect(sidebar().textContent()).resolves.toMatch(/1 of 4 cells run, 0 of 3 checks right/);
  });

  it('a self-check asks to run its cell first; after the run the sidebar counts it', async () => {
    await expect(firstCheck().getAttribute('data-verdict')).resolves.toBe('pending');
    await expect(firstCheck().getByTestId('check-verdict').textContent()).resolves.toMatch(/above first/);
    await field('sizes').fill('50, 100, 200');
    await field('seeds').fill('1');
    await field('n0').fill('100');
    await cell('curve').locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="curve"][data-status="done"]', { timeout: 90_000 });
    await expect.poll(() => sidebar().getAttribute('data-ran')).toBe('2');
    await expect(sidebar().textContent()).resolves.toMatch(/2 of 4 cells run/);
    await expect(firstCheck().getAttribute('data-verdict')).resolves.toBe('unanswered');
  });

  it('answers the self-check wrong, then right, from the run’s own value', async () => {
    const shown = (await page.locator('output[data-ref="curve.cleanAtN0"]').first().textContent()) ?? '';
    expect(shown).toMatch(/^\d+\.\d%$/);
    const input = firstCheck().getByRole('textbox');
    await input.fill(String(Number.parseFloat(shown) - 20));
    await firstCheck().getByRole('button', { name: 'Check' }).click();
    await expect(firstCheck().getAttribute('data-verdict')).resolves.toBe('wrong');
    await input.fill(shown.replace('%', ''));
    await firstCheck().getByRole('button', { name: 'Check' }).click();
    await expect(firstCheck().getAttribute('data-verdict')).resolves.toBe('right');
    await expect(firstCheck().getByTestId('check-verdict').textContent()).resolves.toContain(`your run gave ${shown}`);
    await expect.poll(() => sidebar().getAttribute('data-right')).toBe('1');
  });

  it('downloads the curve cell’s results as CSV and as JSON', async () => {
    const save = async (name: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        cell('curve').getByRole('button', { name }).click(),
      ]);
      return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
    };
    const csv = await save('Download results as CSV');
    expect(csv.name).toBe(`${SLUG}-curve.csv`);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'size,clean_mean,clean_sd,clean_seeds,noisy_mean,noisy_sd,noisy_seeds,noisy_measured_on_noisy_test_mean',
    );
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['50', '100', '200']);
    const shown = (await page.locator('output[data-ref="curve.cleanAtN0"]').first().textContent()) ?? '';
    const at100 = Number(lines[2]!.split(',')[1]);
    expect(`${(100 * at100).toFixed(1)}%`).toBe(shown);

    const json = await save('Download results as JSON');
    expect(json.name).toBe(`${SLUG}-curve.json`);
    const document = JSON.parse(json.text);
    expect(document).toMatchObject({ lesson: SLUG, cell: { id: 'curve', type: 'curve' } });
    expect(document.params).toMatchObject({ sizes: [50, 100, 200], seeds: 1, n0: 100 });
    expect(document.outputs.cleanAtN0).toBe(at100);
    expect(document.result.trials).toHaveLength(6);
  });

  it('after a reload the sidebar still shows the progress', async () => {
    // The progress record is written as soon as it changes; give the sidebar's writes a moment to settle.
    await page.waitForSelector('[data-testid="lesson-tools"][data-save-status="saved"]', { timeout: 10_000 });
    await page.reload();
    await opened(page);
    await expect.poll(() => sidebar().getAttribute('data-ran'), { timeout: 10_000 }).toBe('2');
    await expect(sidebar().getAttribute('data-right')).resolves.toBe('1');
    await expect(sidebar().textContent()).resolves.toMatch(/2 of 4 cells run, 1 of 3 checks right/);
  });

  it('logged no errors', () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});
