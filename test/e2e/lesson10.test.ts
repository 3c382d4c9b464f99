import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const LESSON = '#/10-cleaning-worth-on-your-data';

describe('lesson 10 in headless Chromium (built app, served from a sub-path)', () => {
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

  const cell = (id: string) => page.locator(`[data-cell-id="${id}"]`);
  const ref = (name: string) => page.locator(`output[data-ref="${name}"]`).first();
  const percentOf = async (name: string) => parseFloat((await ref(name).textContent()) ?? '');

  it('is listed among the lessons, and renders its two worth cells ready to run on wasm', async () => {
    const link = page.locator('nav[aria-label="Lessons"] a[href$="#/10-cleaning-worth-on-your-data"]');
    await expect(link.textContent()).resolves.toContain('How much is cleaning worth on your data?');
    await expect(page.locator('.prose h1').first().textContent()).resolves.toContain(
      'How much is cleaning worth on your data?',
    );
    await page.waitForSelector('[data-testid="backend"][data-backend="wasm"]', { timeout: 30_000 });
    for (const id of ['known', 'cars']) await expect(cell(id).getAttribute('data-status')).resolves.toBe('idle');
    await expect(cell('known').locator('select[name="file"]').inputValue()).resolves.toBe('cars.csv');
    await expect(cell('known').locator('input[name="injectNoise"]').inputValue()).resolves.toBe('10');
    await expect(cell('cars').locator('input[name="label"]').inputValue()).resolves.toBe('Origin');
    await expect(ref('known.noiseEstimate').textContent()).resolves.toBe('…');
  });

  it('Run on cars with 10% flipped: the report, the truth beside the estimate, and live prose', async () => {
    await cell('known').locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="known"][data-status="done"]', { timeout: 120_000 });
    const report = cell('known').locator('[data-testid="worth-report"]');
    // The gain's interval includes zero on this table: the report says so rather than claiming a worth.
    await expect(report.locator('[data-testid="worth-headline"]').textContent()).resolves.toMatch(
      /^Cleaning may not help: accuracy after fixing the ~\d+ suspected labels/,
    );
    await expect(report.getAttribute('data-verdict')).resolves.toBe('may_not_help');
    await expect(report.locator('[data-testid="worth-gain"]').textContent()).resolves.toMatch(
      /points \(90% interval [−+]\d+\.\d to [−+]\d+\.\d\)/,
    );
    // The noise by class: a row per origin, and the noise matrix as a heat map.
    expect(await report.locator('[data-testid="worth-class-noise"] tbody tr').count()).toBe(3);
    expect(await report.locator('[data-testid="worth-matrix"] svg.matrix-plot').count()).toBe(1);
    await expect(report.locator('[data-testid="worth-interval"]').textContent()).resolves.toMatch(
      /90% interval: \d+\.\d% to \d+\.\d%/,
    );
    expect(await report.locator('[data-testid="worth-caveats"] li').count()).toBeGreaterThan(3);
    expect(await report.locator('svg').count()).toBeGreaterThanOrEqual(2);

    // Exactly round(0.1 · 406) = 41 labels are flipped.
    const truth = cell('known').locator('[data-testid="worth-truth"]');
    await expect(truth.locator('[data-testid="truth-noise"]').textContent()).resolves.toBe('10.1%');
    await expect(truth.locator('[data-testid="truth-verdict"]').textContent()).resolves.toMatch(
      /lies inside the interval/,
    );
    // The prose is filled in from the same run.
    await expect(ref('known.flipped').textContent()).resolves.toBe('41');
    await expect(ref('known.trueNoise').textContent()).resolves.toBe('10.1%');
    const [estimate, low, high, confident] = await Promise.all(
      ['known.noiseEstimate', 'known.noiseLow', 'known.noiseHigh', 'known.noiseConfidentLearning'].map(percentOf),
    );
    expect(low).toBeLessThanOrEqual(10.1);
    expect(high).toBeGreaterThanOrEqual(10.1);
    expect(confident).toBeGreaterThan(estimate!);
    const corrected = await percentOf('known.accuracyNow');
    const truthNow = await percentOf('known.accuracyNowTruth');
    const observed = await percentOf('known.accuracyObserved');
    expect(Math.abs(corrected - truthNow)).toBeLessThan(Math.abs(observed - truthNow));
    expect(observed).toBeLessThan(truthNow - 5);
    await expect(ref('known.headline').textContent()).resolves.toBe(
      await report.locator('[data-testid="worth-headline"]').textContent(),
    );
    // What fixing exactly the 41 flipped labels buys, beside the report's own cleaning, in the table and the prose.
    const restored = (await truth.locator('[data-testid="truth-restored"]').textContent()) ?? '';
    expect(restored).toMatch(/^\d+\.\d% [−+]\d+\.\d points$/);
    await expect(ref('known.accuracyRestoredTruth').textContent()).resolves.toBe(restored.split(' ')[0]);
    await expect(ref('known.gainRestoredTruth').textContent()).resolves.toBe(restored.split(' ').slice(1).join(' '));
    await expect(truth.locator('[data-testid="truth-restored-note"]').textContent()).resolves.toMatch(
      /what a perfect cleaning buys here/,
    );
  });

  it('Run on cars as shipped: no truth table, an estimate near zero, nothing flagged, no gain claimed', async () => {
    await cell('cars').locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="cars"][data-status="done"]', { timeout: 120_000 });
    await expect(cell('cars').locator('[data-testid="worth-truth"]').count()).resolves.toBe(0);
    await expect(cell('cars').locator('[data-testid="worth-meta"]').textContent()).resolves.toMatch(
      /cars\.csv · 406 rows · 7 features · label “Origin”/,
    );
    expect(await percentOf('cars.noiseEstimate')).toBeLessThan(2);
    await expect(ref('cars.suspected').textContent()).resolves.toBe('0');
    await expect(cell('cars').locator('[data-testid="worth-report"]').getAttribute('data-verdict')).resolves.toBe(
      'no_noise',
    );
    await expect(ref('cars.headline').textContent()).resolves.toMatch(/^No label looks wrong/);
  });

  it('changing the model marks the cars report out of date; run again, confident learning counts more', async () => {
    await cell('cars').locator('select[name="model"]').selectOption('logreg');
    await expect(cell('cars').getAttribute('data-status')).resolves.toBe('stale');
    const before = await percentOf('cars.noiseConfidentLearning');
    await cell('cars').locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="cars"][data-status="done"]', { timeout: 120_000 });
    expect(await percentOf('cars.noiseConfidentLearning')).toBeGreaterThan(before);
    expect(await percentOf('cars.noiseEstimate')).toBeLessThan(2);
  });

  it('links to the “Your own data” page', async () => {
    await page.locator('.prose a[href="#/data"]').click();
    await page.waitForSelector('h1:has-text("Your own data")', { timeout: 10_000 });
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
