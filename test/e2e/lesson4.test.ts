import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const LESSON = '#/04-finding-label-errors';

describe('lesson 4 in headless Chromium (built app, served from a sub-path)', () => {
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

  const review = () => page.locator('[data-cell-id="review"]');
  const tally = async (key: string) => Number(await review().locator(`[data-tally="${key}"]`).textContent());
  const activeRank = () => page.evaluate(() => document.activeElement?.getAttribute('data-rank') ?? null);

  it('renders the lesson and its review cell, ready to run on wasm', async () => {
    await expect(page.locator('.prose h1').first().textContent()).resolves.toContain('Finding and fixing label errors');
    await page.waitForSelector('[data-testid="backend"][data-backend="wasm"]', { timeout: 30_000 });
    await expect(review().getAttribute('data-status')).resolves.toBe('idle');
    await expect(review().locator('input[name="size"]').inputValue()).resolves.toBe('1000');
  });

  it('Run finds the injected label errors: a scored summary, the ranked list, live prose', async () => {
    await review().locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="review"][data-status="done"]', { timeout: 120_000 });
    const summary = review().locator('[data-testid="review-summary"]');
    const flagged = Number(await summary.locator('[data-output="flagged"]').textContent());
    // 20% of 1,000 labels flipped: confident learning flags roughly that many, most of them truly wrong.
    expect(flagged).toBeGreaterThan(100);
    expect(flagged).toBeLessThan(300);
    const precision = parseFloat((await summary.locator('[data-output="precision"]').textContent()) ?? '');
    expect(precision).toBeGreaterThan(75);
    await expect(summary.locator('[data-output="trueNoise"]').textContent()).resolves.toBe('20.0%');
    await expect(page.locator('output[data-ref="review.flagged"]').textContent()).resolves.toBe(String(flagged));

    const rows = review().locator('[role="row"][data-rank]');
    expect(await rows.count()).toBe(Math.min(50, flagged));
    expect(await review().locator('[role="row"][data-rank] canvas').count()).toBe(Math.min(50, flagged));
  });

  it('draws every item on its canvas: 8×8 grayscale pixels, not blank', async () => {
    const shades = await review()
      .locator('[role="row"][data-rank] canvas')
      .evaluateAll((canvases) =>
        (canvases as HTMLCanvasElement[]).slice(0, 10).map((canvas) => {
          const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
          const values = new Set<number>();
          let gray = true;
          for (let i = 0; i < data.length; i += 4) {
            values.add(data[i]!);
            gray &&= data[i] === data[i + 1] && data[i] === data[i + 2] && data[i + 3] === 255;
          }
          return { width: canvas.width, height: canvas.height, distinct: values.size, dark: Math.min(...values), gray };
        }),
      );
    expect(shades).toHaveLength(10);
    for (const s of shades) {
      expect(s).toMatchObject({ width: 8, height: 8, gray: true });
      expect(s.distinct).toBeGreaterThan(2);
      expect(s.dark).toBeLessThan(128);
    }
    const box = await review().locator('[role="row"][data-rank="0"] canvas').boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(48); // scaled up from 8 pixels
  });

  it('reviews with the keyboard: the tally counts each decision, and undo takes it back', async () => {
    const first = review().locator('[role="row"][data-rank="0"]');
    await first.click({ position: { x: 12, y: 12 } });
    await expect.poll(activeRank).toBe('0');
    await page.keyboard.press('Enter'); // accept the suggestion
    await expect.poll(activeRank).toBe('1');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('j');
    await expect.poll(activeRank).toBe('3');
    await page.keyboard.press('Delete');
    await page.keyboard.press(' ');
    const given = Number(await review().locator('[role="row"][data-rank="5"] .given .class').textContent());
    await page.keyboard.press(String((given + 1) % 10)); // relabel to another class
    await expect.poll(() => tally('reviewed')).toBe(4);
    expect(await tally('relabelled')).toBe(2);
    expect(await tally('removed')).toBe(1);
    expect(await tally('kept')).toBe(1);
    await expect(page.locator('output[data-ref="review.reviewed"]').textContent()).resolves.toBe('4');
    await expect.poll(activeRank).toBe('6');
    await page.keyboard.press('u');
    await expect.poll(() => tally('reviewed')).toBe(3);
    await expect.poll(activeRank).toBe('5');
    await page.keyboard.press('Control+z');
    await expect.poll(() => tally('kept')).toBe(0);
    await expect.poll(activeRank).toBe('4');
    await expect(review().locator('[role="row"][data-rank="3"]').getAttribute('data-decision')).resolves.toBe('remove');
  });

  it('Retrain shows accuracy before and after, on the clean test set and on noisy test labels', async () => {
    await review().locator('[data-action="retrain"]').click();
    await page.waitForSelector('[data-cell-id="review"][data-status="done"] [data-testid="retrain-outcome"]', {
      timeout: 60_000,
    });
    const outcome = review().locator('[data-testid="retrain-outcome"]');
    const percent = /^\d+\.\d%$/;
    for (const id of ['accuracy-before', 'accuracy-after', 'noisy-before', 'noisy-after']) {
      await expect(outcome.locator(`[data-testid="${id}"]`).textContent()).resolves.toMatch(percent);
    }
    await expect(outcome.locator('[data-testid="training-size"]').textContent()).resolves.toBe('999');
    const before = parseFloat((await outcome.locator('[data-testid="accuracy-before"]').textContent()) ?? '');
    const noisyBefore = parseFloat((await outcome.locator('[data-testid="noisy-before"]').textContent()) ?? '');
    // Graded against test labels with 20% noise, the same model seems far worse than it is.
    expect(noisyBefore).toBeLessThan(before - 10);
    await expect(page.locator('output[data-ref="review.accuracyAfter"]').textContent()).resolves.toMatch(percent);
  });

  it('draws the cleaning budget: three series streaming in, and the all-clean line', async () => {
    await review().locator('[data-action="budget"]').click();
    await page.waitForSelector('[data-cell-id="review"] svg.budget-plot', { timeout: 30_000 });
    await page.waitForSelector('[data-cell-id="review"][data-status="done"]', { timeout: 180_000 });
    const svg = review().locator('svg.budget-plot');
    expect(await svg.locator('.series').count()).toBe(3);
    for (const order of ['confident', 'random', 'oracle']) {
      expect(await svg.locator(`.series-${order} path.point`).count()).toBe(7);
    }
    await expect(svg.locator('.marker-clean .label').textContent()).resolves.toMatch(/^All labels clean: \d+\.\d%$/);
    await expect(review().locator('[data-testid="budget-readout"]').textContent()).resolves.toMatch(
      /corrects \d+ wrong labels in confident-learning order/,
    );
    expect(await review().locator('.data-table tbody tr').count()).toBe(7);
    // Means over the cell's five training sets, with a ± 1 sd band per order, and from where review paid.
    for (const order of ['confident', 'random', 'oracle']) {
      expect(await svg.locator(`.series-${order} path.band`).count()).toBe(1);
    }
    await expect(svg.locator('.legend-band').textContent()).resolves.toContain('5 training sets');
    const pays = ((await review().locator('[data-testid="budget-pays"]').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(pays).toMatch(
      /From \d+ labels reviewed on, the confident-learning order beat the noisy labels in every one of the 5 training sets/,
    );
    for (const key of [
      'budgetNoisyAccuracy',
      'budgetConfidentAccuracy',
      'budgetRandomAccuracy',
      'budgetCleanAccuracy',
    ]) {
      await expect(page.locator(`output[data-ref="review.${key}"]`).first().textContent()).resolves.toMatch(
        /^\d+\.\d%$/,
      );
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
