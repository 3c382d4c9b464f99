import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const LESSON = '#/01-clean-vs-more-data';

describe('teaching mode in headless Chromium (built app)', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness({ serviceWorkers: 'block' });
    page = await harness.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${harness.url}?present${LESSON}`);
    await page.getByTestId('present-bar').waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const where = () => page.getByTestId('present-where').textContent();
  const cells = () =>
    page.locator('[data-cell-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-cell-id')));

  it('?present opens one section per screen, without the sidebar, in large type', async () => {
    await expect(page.locator('nav.sidebar').isVisible()).resolves.toBe(false);
    await expect(where()).resolves.toMatch(/^1 \/ \d+$/);
    const total = Number((await where())!.split('/')[1]);
    expect(total).toBeGreaterThan(3);
    const size = await page.locator('main.content').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThan(20);
    await expect(page.locator('.prose h2').count()).resolves.toBe(0); // the opening, before the first section heading
  });

  it('the arrow keys, Space, Home and End step through the sections; each shows its own cells', async () => {
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect.poll(where).toMatch(/^2 \/ \d+ · \S/);
    const second = await cells();
    await page.keyboard.press(' ');
    await expect.poll(where).toMatch(/^3 \//);
    expect(await page.locator('.prose h2').count()).toBe(1);
    await page.keyboard.press('End');
    const total = (await where())!.match(/\/ (\d+)/)![1];
    await expect.poll(where).toMatch(new RegExp(`^${total} / ${total}`));
    await expect(page.getByRole('button', { name: 'Next section' }).isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Home');
    await expect.poll(where).toMatch(/^1 \//);
    await page.keyboard.press('ArrowRight');
    expect(await cells()).toEqual(second);
  });

  it('parameters can be locked (Run still works) or hidden, and the address says so', async () => {
    await page.keyboard.press('End');
    while (!(await page.locator('[data-cell-id="curve"]').count())) {
      await page.getByRole('button', { name: 'Previous section' }).click();
    }
    const curve = page.locator('[data-cell-id="curve"]');
    const mode = page.getByRole('combobox', { name: 'Cell parameters' });
    await mode.selectOption('locked');
    await expect.poll(() => curve.locator('.controls select').first().isDisabled()).toBe(true);
    await expect(curve.locator('[data-action="run"]').isDisabled()).resolves.toBe(false);
    expect(new URL(page.url()).search).toBe('?present&controls=locked');
    await mode.selectOption('hidden');
    await expect.poll(() => curve.locator('.controls select').first().isVisible()).toBe(false);
    await expect(curve.locator('[data-action="run"]').isVisible()).resolves.toBe(true);
    // Hidden controls are also disabled, so no key or click can change them while out of sight.
    await expect(curve.locator('.controls select').first().isDisabled()).resolves.toBe(true);
    await expect(curve.locator('button.preset').first().isVisible()).resolves.toBe(false);
    await mode.selectOption('shown');
    expect(new URL(page.url()).search).toBe('?present');
    await expect.poll(() => curve.locator('.controls select').first().isDisabled()).toBe(false);
  });

  it('Escape leaves the presentation: the whole lesson and the sidebar are back', async () => {
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('nav.sidebar').isVisible()).toBe(true);
    await expect(page.getByTestId('present-where').count()).resolves.toBe(0);
    expect((await cells()).length).toBeGreaterThanOrEqual(4);
    expect(new URL(page.url()).search).toBe('');
  });

  it('"Prepare this lesson" runs every cell ahead of class', async () => {
    await page.getByRole('button', { name: 'Prepare this lesson' }).click();
    await expect
      .poll(() => page.getByTestId('prepared').textContent(), { timeout: 240_000, interval: 1000 })
      .toMatch(/^Prepared: all \d+ cells ran\.$/);
    const statuses = await page
      .locator('[data-cell-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.every((s) => s === 'done')).toBe(true);
  });

  it('made no request outside its own origin and logged no errors', () => {
    const origin = new URL(harness.url).origin;
    expect(harness.requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u))).toEqual([]);
    expect(harness.consoleErrors).toEqual([]);
  });
});
