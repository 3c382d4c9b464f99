import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const LESSON = '#/01-clean-vs-more-data';

describe('lesson 1 in headless Chromium (built app, served from a sub-path)', () => {
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

  it('renders the lesson and shows the TF.js backend that actually loaded (wasm)', async () => {
    await expect(page.locator('.prose h1').first().textContent()).resolves.toContain('Clean labels vs. more data');
    await page.waitForSelector('[data-testid="backend"][data-backend="wasm"]', { timeout: 30_000 });
    await expect(page.locator('[data-testid="backend"]').textContent()).resolves.toMatch(/TF\.js wasm/);
  });

  it('every cell carries data-cell-id and data-status', async () => {
    const statuses = await page
      .locator('[data-cell-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    for (const status of statuses) expect(['idle', 'queued', 'running', 'done', 'error', 'stale']).toContain(status);
  });

  it('the 2-D playground trains, and fixing a wrong label retrains it', async () => {
    const toy = cell('toy');
    await page.waitForSelector('[data-cell-id="toy"][data-status="done"]', { timeout: 30_000 });
    const wrongBefore = Number(await toy.locator('[data-testid="wrong-labels"]').textContent());
    expect(wrongBefore).toBeGreaterThan(0);
    expect(await toy.locator('svg circle.point').count()).toBe(80);
    expect(await toy.locator('svg circle.flipped').count()).toBe(wrongBefore);
    await expect(toy.locator('[data-testid="toy-accuracy"]').textContent()).resolves.toMatch(/^\d+\.\d%$/);
    // Prose references the live value.
    await expect(page.locator('output[data-ref="toy.wrongLabels"]').textContent()).resolves.toBe(String(wrongBefore));

    await toy.locator('svg circle.flipped').first().click();
    await expect
      .poll(async () => Number(await toy.locator('[data-testid="wrong-labels"]').textContent()))
      .toBe(wrongBefore - 1);
    await page.waitForSelector('[data-cell-id="toy"][data-status="done"]', { timeout: 30_000 });
    expect(await toy.locator('svg circle.flipped').count()).toBe(wrongBefore - 1);

    // The readout gives the accuracy's measurement noise and what the fix was worth against it.
    await expect(toy.getByTestId('toy-accuracy-noise').textContent()).resolves.toMatch(/^± \d+\.\d points$/);
    await expect(toy.getByTestId('toy-change').textContent()).resolves.toMatch(
      /Last change: [+−]\d+\.\d points, measurement noise ±\d+\.\d\s+— (larger than|within) the noise\./,
    );

    await toy.locator('[data-action="clean"]').click();
    await expect.poll(async () => Number(await toy.locator('[data-testid="wrong-labels"]').textContent())).toBe(0);

    // Click empty space (the top-left corner of the data frame) to add a point of the chosen class.
    await toy.getByLabel('class B').check();
    // Cleaning retrains and redraws the plot: wait for it to settle before reading its frame.
    await page.waitForSelector('[data-cell-id="toy"][data-status="done"]', { timeout: 30_000 });
    const frameLocator = toy.locator('svg rect.frame');
    await frameLocator.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => frameLocator.boundingBox(), { timeout: 10_000 }).not.toBeNull();
    // A mouse click lands only inside the window: bring the plot's top into it first.
    await frameLocator.scrollIntoViewIfNeeded();
    const frame = await frameLocator.boundingBox();
    if (!frame) throw new Error('the playground plot has no frame');
    await page.mouse.click(frame.x + 6, frame.y + 6);
    await expect.poll(() => toy.locator('svg circle.point').count()).toBe(81);
    await expect(toy.locator('svg circle.point[data-index="80"]').getAttribute('data-label')).resolves.toBe('1');
    await page.waitForSelector('[data-cell-id="toy"][data-status="done"]', { timeout: 30_000 });
  });

  it('the curve cell runs a small preset: chart, streaming progress, readout and live prose', async () => {
    const curve = cell('curve');
    await curve.getByRole('button', { name: /Quick look/ }).click();
    await curve.locator('[data-action="run"]').click();
    await page.waitForSelector(
      '[data-cell-id="curve"][data-status="running"], [data-cell-id="curve"][data-status="done"]',
    );
    await page.waitForSelector('[data-cell-id="curve"][data-status="done"]', { timeout: 90_000 });
    const svg = curve.locator('.plot svg');
    await expect(svg.count()).resolves.toBe(1);
    expect(await svg.locator('path').count()).toBeGreaterThan(2);
    const readout = await curve.locator('[data-testid="readout"]').textContent();
    expect(readout).toMatch(/Cleaning the labels at N0 = 100/);
    expect(readout).toMatch(/Mean of 3 seeds/);
    const factor = await curve.locator('[data-testid="factor"]').textContent();
    expect(factor).toMatch(/\d/);
    await expect(page.locator('output[data-ref="curve.n0"]').textContent()).resolves.toBe('100');
    // The data-table alternative lists every size.
    expect(await curve.locator('.data-table tbody tr').count()).toBe(5);
  });

  it('a running sweep shows progress and time left, and can be changed, restarted and cancelled mid-run', async () => {
    const tripled = cell('tripled');
    const status = () => tripled.getAttribute('data-status');
    const progress = tripled.locator('[data-testid="progress"]');
    await tripled.locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="tripled"][data-status="running"]', { timeout: 30_000 });
    await expect.poll(() => progress.textContent(), { timeout: 30_000 }).toMatch(/\d+ \/ 60 trials · about .+ left/);
    await page.waitForSelector('[data-cell-id="tripled"][data-status="done"]', { timeout: 120_000 });
    await expect(tripled.locator('.plot svg').count()).resolves.toBe(1);

    // Seeds nobody has run yet, so the next runs train for a while.
    const seed = tripled.locator('input[name="seed"]');
    await seed.fill('11');
    await tripled.locator('input[name="seeds"]').fill('4');
    await tripled.locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="tripled"][data-status="running"]', { timeout: 30_000 });
    // The controls answer while the workers train: a field takes typing mid-run.
    await seed.fill('12');
    await expect(seed.inputValue()).resolves.toBe('12');
    await tripled.locator('input[name="seeds"]').fill('3');
    // Restart mid-run: the latest request wins and starts from nothing.
    await tripled.locator('[data-action="run"]').click();
    await expect.poll(status, { timeout: 30_000 }).toBe('running');
    await expect.poll(() => progress.textContent(), { timeout: 30_000 }).toMatch(/\d+ \/ 36 trials/);
    await tripled.locator('[data-action="cancel"]').click();
    await page.waitForSelector('[data-cell-id="tripled"][data-status="idle"]', { timeout: 10_000 });
    await expect(tripled.locator('[data-testid="cancelled"]').textContent()).resolves.toMatch(
      /Cancelled after \d+ of 36 trials/,
    );
  });

  it('the pool is free after a cancel, and a run of trials already measured reuses them instead of training', async () => {
    // The quick-look run above measured 3 seeds; 2 seeds are all in the page's cache.
    const curve = cell('curve');
    await curve.locator('input[name="seeds"]').fill('2');
    await page.waitForSelector('[data-cell-id="curve"][data-status="stale"]');
    await curve.locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="curve"][data-status="done"]', { timeout: 90_000 });
    await expect(curve.locator('[data-testid="readout"]').textContent()).resolves.toMatch(/Mean of 2 seeds/);
    await expect(curve.locator('[data-testid="reused"]').textContent()).resolves.toMatch(
      /All 20 fits reused .*nothing needed training/,
    );
    // A new seed trains: the first seed moves past the cached ones.
    await curve.locator('input[name="seed"]').fill('7');
    await curve.locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="curve"][data-status="done"]', { timeout: 90_000 });
    await expect(curve.locator('[data-testid="reused"]').count()).resolves.toBe(0);
  });

  it('prints as a lesson: prose, cells and charts, without the navigation, buttons or save links', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      await expect(page.locator('nav.sidebar').isVisible()).resolves.toBe(false);
      await expect(page.locator('header.top').isVisible()).resolves.toBe(false);
      await expect(page.getByTestId('chart-save').first().isVisible()).resolves.toBe(false);
      await expect(page.locator('main button:visible').count()).resolves.toBe(0);
      await expect(page.locator('.prose h1').first().isVisible()).resolves.toBe(true);
      await expect(cell('toy').locator('.plot svg').isVisible()).resolves.toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    await expect(page.locator('nav.sidebar').isVisible()).resolves.toBe(true);
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
