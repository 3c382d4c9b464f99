import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

/**
 * Issue 14: the presentation view on a projector. Each section opened with `?present` fits 1280×720 and
 * 1920×1080 — its chart and readout on screen beside each other, its form folded into a settings line, no
 * sharing tools — checked with bounding boxes after running its cells; `?controls=locked` disables every
 * control that changes a cell (Run and Cancel stay) in every kind of cell, and `?controls=hidden` hides them.
 */

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

/** Controls that stay usable when locked: running, stopping, and what only shows or saves. */
const KEPT =
  /^(run|run-linked|cancel|stop|stop-slow|train|retrain|budget|retry|more|copy-link|copy-labels-link|add-label-files|train-class|cancel-class|download.*)$/;

describe('presentation mode on a projector, in headless Chromium (built app)', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness({ serviceWorkers: 'block' });
    page = await harness.newPage();
  });

  afterAll(async () => {
    await harness?.close();
  });

  const where = () => page.getByTestId('present-where').textContent();

  /** Opens section `n` (1-based) of a lesson in the presentation view at 1280×720. */
  async function openSection(lesson: string, n: number) {
    await page.setViewportSize(SIZES[0]);
    await page.goto('about:blank'); // a fresh page: the same lesson's address alone would keep its section
    await page.goto(`${harness.url}?present#/${lesson}`);
    await page.getByTestId('present-where').waitFor({ timeout: 30_000 });
    for (let i = 1; i < n; i++) await page.getByRole('button', { name: 'Next section' }).click();
    await expect.poll(where).toMatch(new RegExp(`^${n} /`));
  }

  /** Runs every cell on the slide that has not run, and waits for all of them. */
  async function runCells() {
    for (const cell of await page.locator('.slide [data-cell-id]').all()) {
      if ((await cell.getAttribute('data-status')) === 'done') continue;
      const run = cell.locator('[data-action="run"]');
      if (await run.count()) await run.first().click();
      await expect.poll(() => cell.getAttribute('data-status'), { timeout: 60_000, interval: 250 }).toBe('done');
    }
  }

  /** Where everything that matters lies on the screen, once the slide has settled on its fit. */
  async function measure() {
    await page.waitForFunction(() => document.querySelector('.slide')?.getAttribute('data-fit') !== null);
    await page.waitForTimeout(400); // a chart redrawing for its new width, and the fit after it
    return page.evaluate(() => {
      const box = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
      };
      const shown = (e: Element) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().height > 0;
      const all = (selector: string) => [...document.querySelectorAll(selector)].filter(shown).map(box);
      return {
        viewport: { width: innerWidth, height: innerHeight },
        scrollHeight: document.documentElement.scrollHeight,
        fit: document.querySelector('.slide')!.getAttribute('data-fit'),
        slide: box(document.querySelector('.slide')!),
        charts: all('.slide .cell .plot svg'),
        readouts: all('.slide .cell .readout'),
        fields: all('.slide .cell .controls :is(select, input:not([type="hidden"]))'),
        summaries: all('.slide [data-testid="settings-summary"]'),
        sharing: all('.slide :is([data-action="copy-link"], [data-action^="download"], [data-testid="chart-save"])'),
        cells: document.querySelectorAll('.slide section.cell').length,
      };
    });
  }

  type Measure = Awaited<ReturnType<typeof measure>>;
  function expectFits(m: Measure, what: string) {
    const label = `${what} at ${m.viewport.width}×${m.viewport.height}`;
    expect(m.fit, label).toBe('fits');
    expect(m.scrollHeight, label).toBeLessThanOrEqual(m.viewport.height);
    expect(m.slide.top, label).toBeGreaterThanOrEqual(0);
    expect(m.slide.bottom, label).toBeLessThanOrEqual(m.viewport.height);
    expect(m.charts.length, label).toBeGreaterThan(0);
    expect(m.readouts.length, label).toBeGreaterThan(0);
    for (const r of [...m.charts, ...m.readouts]) {
      expect(r.top, label).toBeGreaterThanOrEqual(0);
      expect(r.bottom, label).toBeLessThanOrEqual(m.viewport.height);
      expect(r.right, label).toBeLessThanOrEqual(m.viewport.width);
    }
    // Side by side: the readout starts right of the chart, not below it.
    expect(m.readouts[0]!.left, label).toBeGreaterThanOrEqual(m.charts[0]!.right - 1);
    expect(m.readouts[0]!.top, label).toBeLessThan(m.charts[0]!.bottom);
    // The form is folded into one summary line per cell; no copy link, downloads or save buttons.
    expect(m.fields, label).toEqual([]);
    expect(m.summaries.length, label).toBe(m.cells);
    for (const s of m.summaries) expect(s.height, label).toBeLessThan(m.viewport.height / 12);
    expect(m.sharing, label).toEqual([]);
  }

  it.each([
    ['01-clean-vs-more-data', 2, 'the playground'],
    ['01-clean-vs-more-data', 3, 'the learning curve'],
    ['11-sizing-the-data-set', 2, 'a long text beside the sizing curve'],
  ])('%s section %i (%s) fits 1280×720 and 1920×1080 with its chart and readout side by side', async (lesson, n) => {
    await openSection(lesson, n);
    await runCells();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      expectFits(await measure(), `${lesson} section ${n}`);
    }
  });

  it('the settings summary says what the form holds and opens it; a preset changes it', async () => {
    await openSection('01-clean-vs-more-data', 3);
    const summary = page.locator('[data-cell-id="curve"] [data-testid="settings-summary"]');
    await expect(summary.textContent()).resolves.toMatch(/^▸\s*Settings: Handwritten digits.*Noisy labels: \d+%/);
    await expect(summary.getAttribute('aria-expanded')).resolves.toBe('false');
    await summary.click();
    await expect(summary.getAttribute('aria-expanded')).resolves.toBe('true');
    const seeds = page.locator('[data-cell-id="curve"] input[name="seeds"]');
    await expect(seeds.isVisible()).resolves.toBe(true);
    await page.locator('[data-cell-id="curve"] button.preset').first().click();
    await expect.poll(() => summary.textContent()).toMatch(new RegExp(`Seeds ${await seeds.inputValue()}`));
    await summary.click();
    await expect(seeds.isVisible()).resolves.toBe(false);
  });

  it("a code cell's named controls fold into the summary too; its Run stays on the slide", async () => {
    await openSection('09-data-and-concept-drift', 2);
    const cell = page.locator('[data-cell-id="monitor"]');
    const summary = cell.getByTestId('settings-summary');
    await expect(summary.textContent()).resolves.toMatch(/^▸\s*Settings: .*Stream seed 0.*Input shift/);
    const seed = cell.locator('input[name="seed"]');
    await expect(seed.isVisible()).resolves.toBe(false);
    await expect(cell.locator('[data-action="run"]').isVisible()).resolves.toBe(true);
    await summary.click();
    await expect(seed.isVisible()).resolves.toBe(true);
  });

  it('presenting with the controls locked: the summary line says so, and the opened form is disabled', async () => {
    await page.goto('about:blank');
    await page.goto(`${harness.url}?present&controls=locked#/01-clean-vs-more-data`);
    for (let i = 1; i < 3; i++) await page.getByRole('button', { name: 'Next section' }).click();
    const summary = page.locator('[data-cell-id="curve"] [data-testid="settings-summary"]');
    await expect(summary.getByTestId('locked-note').textContent()).resolves.toMatch(/Locked by the instructor/);
    await summary.click();
    await expect(page.locator('[data-cell-id="curve"] select').first().isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-cell-id="curve"] button.preset').first().isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-cell-id="curve"] [data-action="run"]').isEnabled()).resolves.toBe(true);
  });

  it('every section of lesson 01 fits 1280×720 without scrolling', async () => {
    await openSection('01-clean-vs-more-data', 1);
    const total = Number((await where())!.match(/\/ (\d+)/)![1]);
    for (let n = 1; n <= total; n++) {
      await expect.poll(where).toMatch(new RegExp(`^${n} /`));
      const m = await measure();
      expect(m.slide.bottom, `section ${n}`).toBeLessThanOrEqual(m.viewport.height);
      expect(m.scrollHeight, `section ${n}`).toBeLessThanOrEqual(m.viewport.height);
      await page.keyboard.press('ArrowRight');
    }
  });

  /**
   * A slide as projected, after its cells ran: the page and the slide within the screen, the cells' column
   * whole (no box of its own to scroll), and every key result that shows — charts, readouts, the labelers'
   * figures and Revise button, the review list's counters, rows and paging, the Worth report's headline and
   * figures, a code cell's result — inside the screen. What sits in a closed disclosure does not show.
   */
  async function measureSlide(settle = 1200) {
    await page.waitForFunction(() => document.querySelector('.slide')?.getAttribute('data-fit') !== null);
    await page.waitForTimeout(settle); // a chart redrawing for its new width, and the fits after it
    return page.evaluate(() => {
      const KEY = [
        '.cell .plot svg',
        '.cell .readout',
        '[data-testid="agreement-figures"]',
        '[data-action="revise"]',
        '[data-testid="tally"]',
        '.review-list [role="row"]',
        '[data-testid="review-pager"]',
        '[data-testid="worth-headline"]',
        '.worth .figures',
        '[data-testid="code-result"] > :first-child',
        '[data-testid="label-progress"]',
        '[data-testid="labeller"]',
      ].join(', ');
      const shown = (e: Element) =>
        (e as HTMLElement).offsetParent !== null &&
        e.getBoundingClientRect().height > 0 &&
        e.closest('details:not([open]) > :not(summary), [hidden]') === null;
      const slide = document.querySelector('.slide')!;
      const cells = slide.querySelector<HTMLElement>('.slide-cells');
      const tooWide = [...slide.querySelectorAll<HTMLElement>('section.cell, .plot')].filter(
        (e) => e.scrollWidth > e.clientWidth + 1,
      );
      return {
        viewport: { width: innerWidth, height: innerHeight },
        scrollHeight: document.documentElement.scrollHeight,
        slide: slide.getBoundingClientRect().toJSON() as DOMRect,
        cellsScroll: cells ? cells.scrollHeight - cells.clientHeight : 0,
        // "overflows" when no layout fits whole and the text scrolls in its own box beside the cells.
        fit: slide.getAttribute('data-fit'),
        tooWide: tooWide.map((e) => e.className),
        keys: [...slide.querySelectorAll(KEY)].filter(shown).map((e) => {
          const r = e.getBoundingClientRect();
          return { what: `${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''}`, ...r.toJSON() } as DOMRect & {
            what: string;
          };
        }),
        charts: slide.querySelectorAll('.cell .plot svg').length,
        cells: slide.querySelectorAll('section.cell').length,
      };
    });
  }

  function expectSlideFits(m: Awaited<ReturnType<typeof measureSlide>>, label: string, ran: boolean) {
    const { width, height } = m.viewport;
    expect(m.scrollHeight, `${label}: the page scrolls`).toBeLessThanOrEqual(height);
    expect(m.slide.top, label).toBeGreaterThanOrEqual(0);
    expect(m.slide.bottom, `${label}: the slide runs off the screen`).toBeLessThanOrEqual(height + 0.5);
    expect(m.cellsScroll, `${label}: the cells scroll in their box`).toBeLessThanOrEqual(1);
    expect(m.fit, `${label}: the text scrolls in its column`).toBe('fits');
    expect(m.tooWide, `${label}: a cell or chart scrolls sideways`).toEqual([]);
    if (ran && m.cells > 0) expect(m.keys.length, `${label}: no result shows`).toBeGreaterThan(0);
    for (const k of m.keys) {
      const where = `${label}: ${k.what} at ${Math.round(k.top)}–${Math.round(k.bottom)}`;
      expect(k.top, where).toBeGreaterThanOrEqual(-0.5);
      expect(k.bottom, where).toBeLessThanOrEqual(height + 0.5);
      expect(k.left, where).toBeGreaterThanOrEqual(-0.5);
      expect(k.right, where).toBeLessThanOrEqual(width + 0.5);
    }
  }

  /** Runs every cell on the slide as runCells does; a labelers or label cell (nothing to run) waits for its figures or its first item. */
  async function runSlide() {
    for (const cell of await page.locator('.slide [data-cell-id]').all()) {
      if ((await cell.getAttribute('data-status')) === 'done') continue;
      // A cell loads its component first (LazyCell): wait for its Run, a labelers cell's figures or a label cell's item.
      await cell
        .locator('[data-action="run"], .labelers-figures, [data-testid="labeller"]')
        .first()
        .waitFor({ timeout: 60_000 });
      const run = cell.locator('[data-action="run"]');
      if ((await run.count()) === 0) continue;
      await run.first().click();
      await expect.poll(() => cell.getAttribute('data-status'), { timeout: 90_000, interval: 250 }).toBe('done');
    }
  }

  // Every section of every lesson at 1280×720: the labelers, review, Worth and two-code-cell lessons (and two
  // cheap ones) after running their cells, at 1920×1080 too. The other lessons' cells take minutes to run
  // (lessons 01 and 11's run charts are checked above; scripts/presentShots.ts shoots every lesson run):
  // their slides are checked as they open.
  it.each([
    ['03-labeler-consistency', true],
    ['04-finding-label-errors', true],
    ['09-data-and-concept-drift', true],
    ['10-cleaning-worth-on-your-data', true],
    ['00-the-lifecycle', true],
    ['11-sizing-the-data-set', true],
    ['01-clean-vs-more-data', false],
    ['02-not-all-noise-is-alike', false],
    ['05-error-analysis-by-slice', false],
    ['06-model-vs-data-centric', false],
    ['07-small-data-and-overfitting', false],
    ['08-coverage-and-the-long-tail', false],
  ])('every section of %s fits the screen with its results in view (cells run: %s)', async (lesson, run) => {
    await openSection(lesson, 1);
    const total = Number((await where())!.match(/\/ (\d+)/)![1]);
    for (let n = 1; n <= total; n++) {
      await expect.poll(where).toMatch(new RegExp(`^${n} /`));
      if (run) await runSlide();
      for (const size of run ? SIZES : [SIZES[0]]) {
        await page.setViewportSize(size);
        expectSlideFits(
          await measureSlide(run ? 1200 : 400),
          `${lesson} section ${n} at ${size.width}×${size.height}`,
          run,
        );
      }
      await page.setViewportSize(SIZES[0]);
      await page.keyboard.press('ArrowRight');
    }
  });

  it('presenting, the review list shows three rows with its own paging; the keys move across pages', async () => {
    await openSection('04-finding-label-errors', 3);
    await runSlide();
    const rows = page.locator('.review-list [role="row"][data-rank]');
    const ranks = () => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-rank')));
    await expect.poll(ranks).toEqual(['0', '1', '2']);
    await expect(page.getByTestId('review-pager').textContent()).resolves.toMatch(/^← Previous 3\s*1–3 of \d+ flagged/);
    await page.getByRole('button', { name: 'Next 3 →' }).click();
    await expect.poll(ranks).toEqual(['3', '4', '5']);
    await page.getByRole('button', { name: '← Previous 3' }).click();
    await expect.poll(ranks).toEqual(['0', '1', '2']);
    // Down from the page's last row opens the next page on its first row; Space keeps that label.
    await rows.nth(2).click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowDown');
    await expect.poll(ranks).toEqual(['3', '4', '5']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-rank'))).toBe('3');
    await page.keyboard.press(' ');
    await expect.poll(() => page.locator('[data-tally="kept"]').textContent()).toBe('1');
    // The key help and the next steps fold behind lines that open.
    await expect(page.getByTestId('review-keys').isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'The keys' }).click();
    await expect(page.getByTestId('review-keys').isVisible()).resolves.toBe(true);
  });

  /** Every enabled control in every cell of a lesson: its data-action (or a description), when visible. */
  async function enabledControls(): Promise<string[]> {
    return page
      .locator('section.cell')
      .evaluateAll((cells) =>
        cells.flatMap((cell) =>
          [...cell.querySelectorAll<HTMLInputElement>('input, select, textarea, button')]
            .filter(
              (c) => !c.disabled && !c.closest('fieldset:disabled') && !c.matches('[aria-expanded], [data-format]'),
            )
            .map(
              (c) =>
                `${cell.getAttribute('data-cell-id')}:${c.getAttribute('data-action') ?? `${c.tagName.toLowerCase()}[${c.getAttribute('name') ?? c.className}]`}`,
            ),
        ),
      );
  }

  it.each([
    ['01-clean-vs-more-data', ['curve', 'playground', 'code']],
    ['03-labeler-consistency', ['labelers']],
    ['04-finding-label-errors', ['review']],
    ['10-cleaning-worth-on-your-data', ['worth']],
  ])(
    '?controls=locked in %s disables every field, preset, Reset and code editor in %j cells, visibly; Run stays',
    async (lesson, kinds) => {
      await page.setViewportSize(SIZES[0]);
      await page.goto(`${harness.url}?controls=locked#/${lesson}`);
      for (const kind of kinds) await page.locator(`.cell-${kind}`).first().waitFor({ timeout: 30_000 });
      await page.locator('.cell :is(input, select, textarea)').first().waitFor();
      await expect.poll(() => page.locator('section.cell[aria-busy="true"]').count()).toBe(0);
      // Every field is disabled but a label cell's "add label files": an instructor gathers a class's files while locked.
      const fields = await page
        .locator('.cell :is(input, select, textarea):not([data-action="add-label-files"])')
        .evaluateAll((els) =>
          els.map((e) => (e as HTMLInputElement).disabled || e.closest('fieldset:disabled') !== null),
        );
      expect(fields.length).toBeGreaterThan(0);
      expect(fields.every(Boolean)).toBe(true);
      const files = page.locator('.cell [data-action="add-label-files"]');
      for (const input of await files.all()) await expect(input.isDisabled()).resolves.toBe(false);
      const enabled = await enabledControls();
      expect(enabled.filter((c) => !KEPT.test(c.split(':')[1]!))).toEqual([]);
      expect(enabled.some((c) => /:run$/.test(c))).toBe(true);
      // Every cell says its settings are locked.
      const cells = await page.locator('section.cell').count();
      await expect(page.getByTestId('locked-note').filter({ visible: true }).count()).resolves.toBe(cells);
    },
  );

  it('locked: Run still runs a cell, and a preset cannot be pressed', async () => {
    await page.goto(`${harness.url}?controls=locked#/01-clean-vs-more-data`);
    const curve = page.locator('[data-cell-id="curve"]');
    await curve.locator('[data-action="run"]').waitFor({ timeout: 30_000 });
    await expect(curve.locator('button.preset').first().isDisabled()).resolves.toBe(true);
    await expect(curve.locator('[data-action="reset"]').isDisabled()).resolves.toBe(true);
    await curve.locator('[data-action="run"]').click();
    await expect.poll(() => curve.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
  });

  it('?controls=hidden hides every field, preset, Reset and the code editor; Run stays visible', async () => {
    await page.goto(`${harness.url}?controls=hidden#/01-clean-vs-more-data`);
    await page.locator('.cell-code [data-action="run"]').waitFor({ timeout: 30_000 });
    const visible = await page.locator('section.cell').evaluateAll((cells) =>
      cells.flatMap((cell) =>
        [...cell.querySelectorAll<HTMLInputElement>('input, select, textarea, button, .presets')]
          .filter((c) => c.offsetParent !== null && !c.matches('[aria-expanded], [data-format]'))
          // A button the cell itself disabled (CSV before a run) changes nothing; a locked one must be gone.
          .filter((c) => !c.disabled || c.hasAttribute('data-locked-by-teaching'))
          .map((c) => c.getAttribute('data-action') ?? c.className ?? c.tagName),
      ),
    );
    expect(visible.filter((c) => !KEPT.test(c))).toEqual([]);
    await expect(page.locator('[data-cell-id="curve"] [data-action="run"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('.cell-code [data-action="run"]').isVisible()).resolves.toBe(true);
  });

  it('logged no errors', () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});
