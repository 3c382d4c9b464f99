import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

/** What a keyboard user should be able to reach with Tab (a radio group counts once: Tab enters it, arrows move). */
const CONTROLS =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

interface Stop {
  readonly what: string;
  /** The focused element shows an outline or a box shadow. */
  readonly indicated: boolean;
}

/**
 * Presses Tab from the top of the page until focus leaves the page or comes back round, marking each
 * element it lands on; returns the stops in order.
 */
async function tabThrough(page: Page, max = 600): Promise<Stop[]> {
  // Tab starts after the focused element: focus a marker at the very top of the page first.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('[data-kbd-seen]')) el.removeAttribute('data-kbd-seen');
    const start = document.createElement('span');
    start.tabIndex = -1;
    start.setAttribute('data-kbd-start', '');
    document.body.prepend(start);
    start.focus();
  });
  const stops: Stop[] = [];
  for (let i = 0; i < max; i++) {
    // A code editor takes Tab to indent; it tells its users that Escape, then Tab, moves on.
    if (stops.at(-1)?.what.startsWith('textarea')) await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el.hasAttribute('data-kbd-seen')) return null;
      el.setAttribute('data-kbd-seen', '');
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim().replace(/\s+/g, ' ').slice(0, 40) ?? '';
      return {
        what: `${el.tagName.toLowerCase()}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''} “${name}”`,
        indicated: outline || style.boxShadow !== 'none',
      };
    });
    if (!stop) break;
    stops.push(stop);
  }
  await page.evaluate(() => document.querySelector('[data-kbd-start]')?.remove());
  return stops;
}

/** Visible controls Tab never reached (radio groups count once). */
function unreached(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const all = [...document.querySelectorAll(selector)].filter(
      (el) =>
        el.checkVisibility() &&
        // Disabled through a <fieldset disabled> too, not only by its own attribute.
        !el.matches(':disabled') &&
        !(el.closest('details:not([open])') && el.tagName !== 'SUMMARY') &&
        !el.closest('[inert]'),
    );
    const seenGroups = new Set(
      all
        .filter((el) => el instanceof HTMLInputElement && el.type === 'radio' && el.hasAttribute('data-kbd-seen'))
        .map((el) => (el as HTMLInputElement).name),
    );
    return all
      .filter((el) => !el.hasAttribute('data-kbd-seen'))
      .filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio' && seenGroups.has(el.name)))
      .map(
        (el) =>
          `${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 40)}” ${el.outerHTML.slice(0, 80)}`,
      );
  }, CONTROLS);
}

describe('keyboard: every control reachable with Tab, with a visible focus style, and usable (built app, Chromium)', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness({ serviceWorkers: 'block' });
    page = await harness.newPage();
  });

  afterAll(async () => {
    await harness?.close();
  });

  const cell = (id: string) => page.locator(`[data-cell-id="${id}"]`);
  const expectEveryStopIndicated = (stops: Stop[]) =>
    expect(stops.filter((s) => !s.indicated).map((s) => s.what)).toEqual([]);

  it('lesson 1: Tab reaches every control, each showing where the focus is', async () => {
    await page.goto(harness.url + '#/01-clean-vs-more-data');
    await page.waitForSelector('[data-cell-id="toy"][data-status="done"]', { timeout: 60_000 });
    const stops = await tabThrough(page);
    expect(stops.length).toBeGreaterThan(20);
    expect(await unreached(page)).toEqual([]);
    expectEveryStopIndicated(stops);
  });

  it('the first Tab offers "Skip to the content"; Enter takes the focus past the navigation', async () => {
    await page.goto(harness.url + '#/01-clean-vs-more-data');
    await page.locator('.prose h1').first().waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    const skip = page.getByRole('button', { name: 'Skip to the content' });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const box = await skip.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0); // on screen while focused
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('MAIN');
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => Boolean(document.activeElement?.closest('main')));
    expect(inMain).toBe(true);
  });

  it('lesson 1: the playground is usable without a mouse — fix a label, change the class, add a point', async () => {
    const toy = cell('toy');
    const wrong = async () => Number(await toy.getByTestId('wrong-labels').textContent());
    const before = await wrong();
    expect(before).toBeGreaterThan(0);
    await toy.locator('details.playground-table > summary').focus();
    await page.keyboard.press('Enter');
    await toy.locator('[data-action="fix-point"]').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(wrong).toBe(before - 1);

    await toy.getByLabel('class A').focus();
    await page.keyboard.press('ArrowRight');
    await expect(toy.getByLabel('class B').isChecked()).resolves.toBe(true);
    await expect(toy.locator('[data-action="add-point"]').textContent()).resolves.toBe('Add a point of class B');

    await toy.locator('input[name="add-x"]').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('0.5');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('0.5');
    await page.keyboard.press('Enter');
    await expect.poll(() => toy.locator('svg circle.point').count()).toBe(81);
    await expect(toy.locator('svg circle.point[data-index="80"]').getAttribute('data-label')).resolves.toBe('1');
    await page.waitForSelector('[data-cell-id="toy"][data-status="done"]', { timeout: 60_000 });
  });

  it('lesson 1: a preset and Run work from the keyboard, and the data table opens with Space', async () => {
    const curve = cell('curve');
    await curve.getByRole('button', { name: /Quick look/ }).focus();
    await page.keyboard.press('Enter');
    await curve.locator('[data-action="run"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-cell-id="curve"][data-status="done"]', { timeout: 120_000 });
    await curve.locator('details.data-table > summary').focus();
    await page.keyboard.press(' ');
    await expect(curve.locator('details.data-table').getAttribute('open')).resolves.toBe('');
    await expect(curve.locator('.data-table tbody tr').first().isVisible()).resolves.toBe(true);
  });

  it('Your own data: Tab reaches every control before and after a table is loaded and analysed, all from the keyboard', async () => {
    await page.goto(harness.url + '#/data');
    await page.getByRole('button', { name: /Wine/ }).waitFor();
    let stops = await tabThrough(page);
    expect(await unreached(page)).toEqual([]);
    expectEveryStopIndicated(stops);

    await page.getByRole('button', { name: /Wine/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('profile').waitFor({ timeout: 30_000 });
    const alcohol = page.getByTestId('profile').locator('tr[data-column="alcohol"]').getByRole('checkbox');
    await alcohol.focus();
    await page.keyboard.press(' ');
    await expect(alcohol.isChecked()).resolves.toBe(false);
    await page.keyboard.press(' ');
    await expect(alcohol.isChecked()).resolves.toBe(true);

    await page.getByTestId('analyse').getByRole('button', { name: 'Analyse' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('worth-report').waitFor({ timeout: 90_000 });
    stops = await tabThrough(page);
    expect(await unreached(page)).toEqual([]);
    expectEveryStopIndicated(stops);
  });
});
