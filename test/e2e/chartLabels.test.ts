/**
 * Charts label everything (issue 14): for the charts lessons and code cells
 * draw — code cells' bar and line charts (lessons 05, 06, 08, and typed
 * into lesson 01's code cell), a learning curve (lesson 00) — at 1280×720 and at 390×844: every bar has a visible
 * category label, no two pieces of text overlap, no text runs past the
 * chart's edge, and on the phone no text is drawn smaller than 11 px.
 *
 * With CHART_SHOTS=before|after it also saves each chart as
 * docs/design/charts-<that>-<lesson>-<width>.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, startHarness, type Harness } from '../../scripts/previewBrowser.ts';

interface ChartReport {
  readonly kind: string;
  readonly bars: number;
  readonly barLabels: readonly string[];
  readonly barTitles: readonly string[];
  readonly overlaps: readonly string[];
  readonly clipped: readonly string[];
  readonly smallest: { readonly text: string; readonly px: number };
  readonly texts: number;
}

/** Measures every chart inside `selector` in the page (screen pixels). */
async function measure(page: Page, selector: string): Promise<ChartReport[]> {
  return page.locator(selector).evaluateAll((svgs) =>
    (svgs as SVGSVGElement[]).map((svg) => {
      const box = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '');
      const rects = texts.map((t) => t.getBoundingClientRect());
      const name = (t: SVGTextElement) => JSON.stringify((t.textContent ?? '').trim());
      const overlaps: string[] = [];
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const a = rects[i]!;
          const b = rects[j]!;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          // Glyph boxes include the line's ascent and descent: 2 px of touching is not an overlap.
          if (w > 2 && h > 2) overlaps.push(`${name(texts[i]!)} × ${name(texts[j]!)}`);
        }
      }
      const clipped = texts
        .filter((_, i) => {
          const r = rects[i]!;
          return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
        })
        .map(name);
      let smallest = { text: '', px: Infinity };
      for (const t of texts) {
        const ctm = t.getScreenCTM();
        const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (px < smallest.px) smallest = { text: (t.textContent ?? '').trim(), px };
      }
      const bars = [...svg.querySelectorAll('rect.bar')];
      return {
        kind: svg.getAttribute('class') ?? '',
        bars: bars.length,
        barLabels: [...svg.querySelectorAll('text.category-label')]
          .filter((t) => t.getBoundingClientRect().width > 0)
          .map((t) => [...t.childNodes].map((n) => n.textContent).join(' ')),
        barTitles: bars.map((b) => (b.querySelector('title')?.textContent ?? '').replace(/: [^:]*$/, '')),
        overlaps,
        clipped,
        smallest,
        texts: texts.length,
      };
    }),
  );
}

function expectLabelled(reports: readonly ChartReport[], where: string, minPx: number): void {
  expect(reports.length, `${where}: charts`).toBeGreaterThan(0);
  for (const r of reports) {
    expect(r.overlaps, `${where} ${r.kind}: overlapping text`).toEqual([]);
    expect(r.clipped, `${where} ${r.kind}: text past the chart's edge`).toEqual([]);
    expect(
      r.smallest.px,
      `${where} ${r.kind}: smallest text ${JSON.stringify(r.smallest.text)}`,
    ).toBeGreaterThanOrEqual(minPx);
    if (r.kind.includes('code-plot-bar')) {
      expect(r.bars, `${where}: bars`).toBeGreaterThan(0);
      // Every bar has its own visible label, in full (wrapped lines joined by spaces).
      expect(
        r.barLabels.map((l) => l.replace(/-\s/g, '-')),
        `${where}: category labels`,
      ).toEqual(r.barTitles.map((t) => t.replace(/\s+/g, ' ')));
    }
  }
}

const SHOTS = process.env.CHART_SHOTS;
const SHOT_DIR = join(ROOT, 'docs', 'design');

async function shoot(page: Page, cellId: string, name: string, width: number): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await page
    .locator(`[data-cell-id="${cellId}"] svg.plot`)
    .first()
    .screenshot({ path: join(SHOT_DIR, `charts-${SHOTS}-${name}-${width}.png`) });
}

/**
 * The code cells whose charts are checked: lesson, cell, a name for the
 * screenshots, and (to keep the test near a minute) an edit of the code that
 * draws the same chart from fewer training runs.
 */
const CELLS: readonly {
  lesson: string;
  cell: string;
  name: string;
  quicker?: (code: string) => string;
}[] = [
  // A learning curve (a curve cell): 2 seeds × 5 sizes on digits.
  { lesson: '#/00-the-lifecycle', cell: 'quick', name: '00-learning-curve' },
  // The other kinds a code cell draws, from data typed into lesson 01's cell: a line chart of rates with a legend
  // and a long axis title, and a bar chart of ten long labels.
  {
    lesson: '#/01-clean-vs-more-data',
    cell: 'tryCode',
    name: '01-code-line',
    quicker: () =>
      `const data = [50, 100, 200, 400, 800].map((size, i) => ({ size, clean: 0.6 + i / 15, noisy: 0.5 + i / 15, 'noisy, worst seed': 0.45 + i / 15 }));
return plot.line({ data, x: 'size', y: ['clean', 'noisy', 'noisy, worst seed'], thin: ['noisy, worst seed'], xLabel: 'extra labelled images of the rare class', yLabel: 'accuracy on the clean test set' });`,
  },
  {
    lesson: '#/01-clean-vs-more-data',
    cell: 'tryCode',
    name: '01-code-bars',
    quicker: () =>
      `const data = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'].map((c, i) => ({ 'class of the long tail': c + (i % 3 === 0 ? ' with a very long description' : ''), 'share of images': (i + 1) / 10 }));
return plot.bar({ data, x: 'class of the long tail', y: 'share of images' });`,
  },
  { lesson: '#/08-coverage-and-the-long-tail', cell: 'tail', name: '08-recall-by-class' },
  { lesson: '#/05-error-analysis-by-slice', cell: 'actions', name: '05-slice-actions' },
  {
    lesson: '#/06-model-vs-data-centric',
    cell: 'afternoons',
    name: '06-afternoons',
    // One seed and two model settings instead of three and seven: the same four bars, a third of the time.
    quicker: (code) =>
      code
        .replace(/const seeds = Array\.from\([^;]*;/, 'const seeds = [0];')
        .replace(/const settings = \[.*\];/, 'const settings = [{}, { l2: 3 }];'),
  },
];

describe('charts label everything, on a desktop and on a phone (built app, Chromium)', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
  });

  afterAll(async () => {
    await harness?.close();
  });

  for (const { lesson, cell, name, quicker } of CELLS) {
    it(`${name}: every bar labelled, no overlap or clipping, ≥ 11 px text at 390 px`, async () => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(harness.url + lesson);
      const frame = page.locator(`[data-cell-id="${cell}"]`);
      await frame.waitFor({ timeout: 30_000 });
      if (quicker) {
        // A cell with controls keeps its code behind "Show the code".
        const show = frame.locator('details.show-code:not([open]) > summary');
        if (await show.count()) await show.click();
        const editor = frame.getByLabel(/JavaScript/);
        await editor.fill(quicker((await editor.inputValue()) || ''));
      }
      await frame.locator('[data-action="run"], [data-action="train"]').first().click();
      await page.waitForSelector(`[data-cell-id="${cell}"][data-status="done"]`, { timeout: 120_000 });
      const charts = `[data-cell-id="${cell}"] svg.plot`;
      await page.locator(charts).first().waitFor();
      await shoot(page, cell, name, 1280);
      const wide = await measure(page, charts);
      await page.setViewportSize({ width: 390, height: 844 });
      // The chart draws again for its narrower container (a ResizeObserver): wait for the new drawing to settle.
      await page.waitForFunction(
        (sel) => (document.querySelector(sel)?.getBoundingClientRect().width ?? 999) < 390,
        charts,
      );
      await page.waitForTimeout(200);
      await shoot(page, cell, name, 390);
      const narrow = await measure(page, charts);
      expectLabelled(wide, `${name} at 1280`, 0);
      expectLabelled(narrow, `${name} at 390`, 11);
    }, 180_000);
  }
});
