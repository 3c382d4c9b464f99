/**
 * The cells' forms at a laptop, a full-HD and a phone viewport (issue 14): every select is wide enough for
 * its longest option, no field leaves an empty block in the form, and on a phone the fields stack, none
 * wider than the screen. Lesson 01 has the playground and curve cells, 02 and 11 curve cells, 03 the labelers
 * cell, 04 a review cell, 10 the worth cells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
] as const;

const LESSONS = [
  { hash: '#/01-clean-vs-more-data', cells: ['toy', 'curve'] },
  { hash: '#/04-finding-label-errors', cells: ['review'] },
  { hash: '#/10-cleaning-worth-on-your-data', cells: [] },
  { hash: '#/03-labeler-consistency', cells: [] },
  { hash: '#/02-not-all-noise-is-alike', cells: [] },
  { hash: '#/11-sizing-the-data-set', cells: [] },
] as const;

interface FormReport {
  forms: number;
  /** Selects narrower than their longest option: "name: option text needs px, has px". */
  cutSelects: string[];
  /** Fields that take space but show nothing, or sit below a gap no field above explains. */
  emptyBlocks: string[];
  /** At a phone width: fields wider than the viewport or sharing a row with another field. */
  notStacked: string[];
}

/** Measures every cell form on the page. `phone`: also check that fields stack within the viewport. */
function measureForms(phone: boolean): FormReport {
  const report: FormReport = { forms: 0, cutSelects: [], emptyBlocks: [], notStacked: [] };
  const describe = (el: Element) =>
    `${el.closest('[data-cell-id]')?.getAttribute('data-cell-id')}: <${el.tagName.toLowerCase()} class="${el.className}"> "${(el as HTMLElement).innerText.trim().slice(0, 40)}"`;

  for (const select of document.querySelectorAll<HTMLSelectElement>('.controls select')) {
    // The width the browser gives a select of its own accord fits its longest option; the laid-out one must not be narrower.
    const laidOut = select.getBoundingClientRect().width;
    const before = select.style.width;
    select.style.width = 'max-content';
    const needed = select.getBoundingClientRect().width;
    select.style.width = before;
    if (laidOut < needed - 0.5) {
      const longest = [...select.options].map((o) => o.text).sort((x, y) => y.length - x.length)[0];
      report.cutSelects.push(`${select.name}: "${longest}" needs ${needed.toFixed(0)} px, has ${laidOut.toFixed(0)}`);
    }
  }

  const containers = [...document.querySelectorAll<HTMLElement>('.controls, .controls fieldset.noise')];
  report.forms = document.querySelectorAll('.controls').length;
  for (const container of containers) {
    const style = getComputedStyle(container);
    const rowGap = parseFloat(style.rowGap) || 0;
    const box = container.getBoundingClientRect();
    const children = [...container.children].filter((c) => c.tagName !== 'LEGEND') as HTMLElement[];
    const legend = container.querySelector(':scope > legend');
    const top = legend ? legend.getBoundingClientRect().bottom : box.top + parseFloat(style.paddingTop);
    const rects = children.map((c) => c.getBoundingClientRect());
    children.forEach((child, i) => {
      const r = rects[i]!;
      if (r.width === 0 || r.height === 0) return;
      const cs = getComputedStyle(child);
      const shows =
        child.innerText.trim() !== '' || child.querySelector('input, select, button, svg, textarea') !== null;
      if (!shows || cs.visibility === 'hidden' || cs.opacity === '0') {
        report.emptyBlocks.push(
          `${describe(child)} takes ${r.width.toFixed(0)}×${r.height.toFixed(0)} px and shows nothing`,
        );
      }
      // What is directly above this field: the lowest bottom of the fields above it that it overlaps sideways.
      const above = rects.filter(
        (o, j) => j !== i && o.bottom <= r.top + 1 && o.right > r.left + 1 && o.left < r.right - 1,
      );
      const floor = above.length ? Math.max(...above.map((o) => o.bottom)) + rowGap : top;
      // Legend margins and line boxes give a few pixels; an empty block is a row or more.
      if (r.top - floor > 12) {
        report.emptyBlocks.push(`${describe(child)} has an empty block ${(r.top - floor).toFixed(0)} px tall above it`);
      }
      if (phone) {
        if (r.left < -0.5 || r.right > window.innerWidth + 0.5) {
          report.notStacked.push(
            `${describe(child)} spans ${r.left.toFixed(0)}…${r.right.toFixed(0)} px of ${window.innerWidth}`,
          );
        }
        const beside = rects.some((o, j) => j !== i && o.height > 0 && o.top < r.bottom - 1 && o.bottom > r.top + 1);
        if (beside) report.notStacked.push(`${describe(child)} shares a row with another field`);
      }
    });
  }
  return report;
}

describe('cell forms at 1280×720, 1920×1080 and 390×844 (built app, headless Chromium)', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function open(hash: string, cells: readonly string[]) {
    await page.goto(harness.url + hash);
    await page.locator('.prose h1').first().waitFor({ timeout: 15_000 });
    for (const id of cells) await page.locator(`[data-cell-id="${id}"] .controls`).first().waitFor({ timeout: 15_000 });
    // The worth and review cells load their component on demand: wait until no cell says it is loading.
    await page.waitForFunction(() => document.querySelectorAll('.cell[aria-busy="true"]').length === 0, null, {
      timeout: 15_000,
    });
  }

  for (const viewport of VIEWPORTS) {
    const phone = viewport.width < 600;
    for (const lesson of LESSONS) {
      it(`${viewport.width}×${viewport.height}, ${lesson.hash.slice(2)}: selects fit their options, no empty blocks${phone ? ', fields stack' : ''}`, async () => {
        await page.setViewportSize(viewport);
        await open(lesson.hash, lesson.cells);
        const report = await page.evaluate(measureForms, phone);
        expect(report.forms).toBeGreaterThan(0);
        expect(report.cutSelects).toEqual([]);
        expect(report.emptyBlocks).toEqual([]);
        expect(report.notStacked).toEqual([]);
      });
    }
  }

  it('the systematic noise kind offers the digits as "4", not "4: 4", and its selects fit too', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await open('#/01-clean-vs-more-data', ['curve']);
    const curve = page.locator('[data-cell-id="curve"]');
    await curve.locator('select[name="noise-kind"]').selectOption('systematic');
    const from = curve.locator('select[name="noise-from"]');
    await from.waitFor();
    const texts = await from.locator('option').allTextContents();
    expect(texts.map((t) => t.trim())).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const report = await page.evaluate(measureForms, false);
    expect(report.cutSelects).toEqual([]);
    expect(report.emptyBlocks).toEqual([]);
  });
});
