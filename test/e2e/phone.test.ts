/**
 * Every lesson on a phone (issue 14): at 390×844 (scale 3, mobile, touch) each lesson opens, its cells run to
 * done, and then — with every "Data table" opened — the page never scrolls sideways (a wide table scrolls in
 * its own box), no chart draws text smaller than 11 px as rendered (font size × the SVG's scale on screen),
 * no chart text runs past its chart's edge, and the sizing chart's and the Worth report's annotations do not
 * cover each other. The playground fills the content width, a tap beside a ringed point (outside the dot,
 * inside a 24 px target) gives it its label back, and a tap on empty space adds a point.
 *
 * To keep it near two minutes, the lessons whose cells train for long run only their cheap cells.
 *
 * With PHONE_SHOTS=before|after it saves a few figures as docs/design/phone-<that>-<name>.png, and with
 * PHONE_PAGES=<dir> every lesson's whole page as <dir>/<lesson>.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ROOT, startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const MIN_TEXT_PX = 11;

/**
 * The cells each lesson runs: 'all' presses "Prepare this lesson" (every cell); a list runs just those cells
 * (the cheap ones of a lesson whose other cells train for tens of seconds). A lesson not named runs all.
 */
const RUN: Readonly<Record<string, 'all' | readonly string[]>> = {
  // Skips the Fashion-MNIST tripled-data curve (about 20 s).
  '01-clean-vs-more-data': ['toy', 'curve', 'tryCode'],
  // Every cell trains for 15–50 s: only their layout before a run is checked.
  '05-error-analysis-by-slice': [],
  '06-model-vs-data-centric': [],
  // Skips the 5-seed train-vs-test sweep (about 14 s).
  '07-small-data-and-overfitting': ['memo', 'models'],
  // The recall-per-class chart only.
  '08-coverage-and-the-long-tail': ['tail'],
};

/** Figures saved with PHONE_SHOTS: lesson, what to shoot, name. */
const SHOTS = [
  { lesson: '00-the-lifecycle', selector: 'figure.lifecycle', name: '00-lifecycle' },
  { lesson: '01-clean-vs-more-data', selector: '[data-cell-id="toy"] .figure.playground .plot', name: '01-playground' },
  {
    lesson: '03-labeler-consistency',
    selector: '[data-cell-id="labelers"] .matrix-layout .plot-host',
    name: '03-matrix',
  },
  { lesson: '10-cleaning-worth-on-your-data', selector: '[data-cell-id="known"] table.suspects', name: '10-suspects' },
  { lesson: '10-cleaning-worth-on-your-data', selector: '.prose pre', name: '10-code' },
  { lesson: '10-cleaning-worth-on-your-data', selector: '[data-cell-id="known"] svg.line-plot', name: '10-line' },
  { lesson: '11-sizing-the-data-set', selector: '[data-cell-id="curve"] svg.sizing-plot', name: '11-sizing' },
] as const;

interface PhoneReport {
  readonly pageWidth: number;
  readonly viewportWidth: number;
  /** The outermost elements reaching past the viewport that are not inside a box that scrolls sideways. */
  readonly wide: readonly string[];
  /** Charts whose smallest text is under MIN_TEXT_PX as rendered: "chart: smallest "text" 8.1 px". */
  readonly small: readonly string[];
  /** Chart text past its chart's edge. */
  readonly clipped: readonly string[];
  /** Pieces of text covering each other in the charts whose annotations are placed (sizing, line charts). */
  readonly overlaps: readonly string[];
  readonly charts: number;
  readonly statuses: readonly string[];
}

/** Measures the page as laid out now, every <details> open. Runs in the page. */
function measurePhone(minPx: number): PhoneReport {
  for (const d of document.querySelectorAll<HTMLDetailsElement>('main details')) d.open = true;
  const vw = document.documentElement.clientWidth;
  const where = (el: Element) => el.closest('[data-cell-id]')?.getAttribute('data-cell-id') ?? 'prose';
  const name = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
  const scrollsSideways = (el: Element) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const wide: string[] = [];
  for (const el of document.querySelectorAll('main *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 1 || scrollsSideways(el)) continue;
    const parent = el.parentElement?.getBoundingClientRect();
    if (parent && parent.right > vw + 1) continue;
    wide.push(`${where(el)}: ${name(el)} reaches ${Math.round(r.right)} px`);
  }

  const small: string[] = [];
  const clipped: string[] = [];
  const overlaps: string[] = [];
  let charts = 0;
  for (const svg of document.querySelectorAll<SVGSVGElement>('main svg')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || getComputedStyle(svg).display === 'none') continue;
    charts++;
    const label = `${where(svg)} ${svg.getAttribute('class') ?? 'svg'}`;
    const texts = [...svg.querySelectorAll('text')].filter(
      (t) => (t.textContent ?? '').trim() !== '' && t.getBoundingClientRect().width > 0,
    );
    const rects = texts.map((t) => t.getBoundingClientRect());
    let smallest = { px: Infinity, text: '' };
    texts.forEach((t, i) => {
      const ctm = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
      const text = JSON.stringify((t.textContent ?? '').trim().slice(0, 40));
      if (px < smallest.px) smallest = { px, text };
      const r = rects[i]!;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        clipped.push(`${label}: ${text}`);
      }
    });
    if (smallest.px < minPx) small.push(`${label}: smallest ${smallest.text} ${smallest.px.toFixed(1)} px`);
    if (svg.matches('.sizing-plot, .line-plot')) {
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const a = rects[i]!;
          const b = rects[j]!;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          // Glyph boxes include the line's ascent and descent: 2 px of touching is not an overlap.
          if (w > 2 && h > 2) overlaps.push(`${label}: ${texts[i]!.textContent} × ${texts[j]!.textContent}`);
        }
      }
    }
  }
  const statuses = [...document.querySelectorAll('[data-cell-id]')].map(
    (c) => `${c.getAttribute('data-cell-id')}: ${c.getAttribute('data-status')}`,
  );
  return {
    pageWidth: document.documentElement.scrollWidth,
    viewportWidth: vw,
    wide,
    small,
    clipped,
    overlaps,
    charts,
    statuses,
  };
}

/** Runs one cell the way its main button does, and waits for it to be done. */
async function runCell(page: Page, id: string): Promise<void> {
  const cell = page.locator(`[data-cell-id="${id}"]`);
  await cell.waitFor({ timeout: 30_000 });
  const status = () => cell.getAttribute('data-status');
  // A playground fits by itself; a cell loading its component or data shows its button when ready.
  await expect
    .poll(
      async () =>
        ['done', 'running', 'queued'].includes((await status()) ?? '') ||
        (await cell.locator('[data-action="run"]').count()) > 0,
      { timeout: 60_000 },
    )
    .toBe(true);
  if (!['done', 'running', 'queued'].includes((await status()) ?? '')) {
    await cell.locator('[data-action="run"]').first().click();
  }
  await expect.poll(status, { timeout: 120_000, interval: 250, message: id }).toBe('done');
}

/** The client-space centre of every point of a playground, and whether its label is wrong. */
async function playgroundPoints(cell: Locator) {
  return cell.locator('svg.boundary-plot circle.point').evaluateAll((circles) =>
    circles.map((c) => {
      const r = c.getBoundingClientRect();
      return {
        index: Number(c.getAttribute('data-index')),
        x: r.left + r.width / 2,
        y: r.top + r.height / 2,
        flipped: c.classList.contains('flipped'),
      };
    }),
  );
}

describe('every lesson at 390×844 on a phone (built app, Chromium, touch)', () => {
  let harness: Harness;
  let page: Page;
  let lessons: string[] = [];

  beforeAll(async () => {
    harness = await startHarness({ serviceWorkers: 'block', device: PHONE });
    page = await harness.newPage();
    await page.goto(harness.url);
    await page.locator('nav.sidebar ol a').first().waitFor({ timeout: 30_000 });
    lessons = await page
      .locator('nav.sidebar ol a')
      .evaluateAll((links) => links.map((a) => (a.getAttribute('href') ?? '').replace(/^#\//, '')));
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function open(slug: string): Promise<void> {
    await page.goto(`${harness.url}#/${slug}`);
    await expect.poll(() => page.locator('article.lesson').getAttribute('data-lesson')).toBe(slug);
    await page.locator('.prose h1').first().waitFor({ timeout: 30_000 });
  }

  async function runLesson(slug: string): Promise<void> {
    const run = RUN[slug] ?? 'all';
    if (run === 'all') {
      const button = page.getByRole('button', { name: 'Prepare this lesson' });
      await button.click();
      await expect
        .poll(() => page.getByTestId('prepared').textContent(), { timeout: 180_000, interval: 500, message: slug })
        .toMatch(/^Prepared: all \d+ cells? ran\.$/);
    } else {
      for (const id of run) await runCell(page, id);
    }
    // A label cell waits for the reader: tap through its batch (every item the first class), so its results
    // are measured too.
    for (const cell of await page.locator('section.cell-label').all()) {
      await cell.locator('[data-action="start"]').tap();
      while ((await cell.getByTestId('labeller').count()) > 0) await cell.locator('.class-button').first().tap();
      await cell.getByTestId('label-results').waitFor();
    }
    // Charts that lay themselves out for their width draw again after a resize observer fires: let them settle.
    await page.waitForTimeout(300);
  }

  async function shoot(slug: string): Promise<void> {
    const pages = process.env.PHONE_PAGES;
    if (pages) {
      mkdirSync(pages, { recursive: true });
      await page.screenshot({ path: join(pages, `${slug}.png`), fullPage: true, scale: 'css' });
    }
    const shots = process.env.PHONE_SHOTS;
    if (!shots) return;
    // The sticky top bar would sit over a figure that is scrolled up to it.
    const unstick = await page.addStyleTag({ content: '.top { position: static !important; }' });
    for (const shot of SHOTS.filter((s) => s.lesson === slug)) {
      const target = page.locator(shot.selector).first();
      if ((await target.count()) === 0) continue;
      // The screen's width at the figure's height on the page, as a reader scrolls to it (what runs past the
      // screen's edge is cut off, as on the phone).
      const top = await target.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      const height = await target.evaluate((el) => el.getBoundingClientRect().height);
      await page.screenshot({
        path: join(ROOT, 'docs', 'design', `phone-${shots}-${shot.name}.png`),
        fullPage: true,
        clip: { x: 0, y: Math.max(0, top - 8), width: PHONE.viewport.width, height: Math.min(height + 16, 1400) },
        scale: 'css',
      });
    }
    await unstick.evaluate((style) => (style as Element).remove());
  }

  it('lists the lessons', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(12);
  });

  it('each lesson: its cells run to done; no sideways page scroll, chart text ≥ 11 px, none clipped or covered', async () => {
    const failures: string[] = [];
    for (const slug of lessons) {
      await open(slug);
      await runLesson(slug);
      await shoot(slug);
      const report = await page.evaluate(measurePhone, MIN_TEXT_PX);
      const run = RUN[slug] ?? 'all';
      const ran = run === 'all' ? report.statuses : report.statuses.filter((s) => run.includes(s.split(':')[0]!));
      const notDone = ran.filter((s) => !s.endsWith(': done'));
      if (notDone.length) failures.push(`${slug}: cells not done: ${notDone.join(', ')}`);
      if (report.pageWidth > report.viewportWidth) {
        failures.push(`${slug}: the page is ${report.pageWidth} px wide: ${report.wide.join('; ')}`);
      }
      for (const s of report.small) failures.push(`${slug}: text under ${MIN_TEXT_PX} px: ${s}`);
      for (const s of report.clipped) failures.push(`${slug}: text past the chart's edge: ${s}`);
      for (const s of report.overlaps) failures.push(`${slug}: overlapping text: ${s}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('the playground fills the content width; a tap beside a ringed point fixes it, a tap on empty space adds one', async () => {
    await open('01-clean-vs-more-data');
    const toy = page.locator('[data-cell-id="toy"]');
    await expect.poll(() => toy.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const svg = toy.locator('svg.boundary-plot');
    // In the middle of the screen: the sticky top bar would cover its top.
    await svg.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const content = (await page.locator('article.lesson').boundingBox())!;
    const plot = (await svg.boundingBox())!;
    expect(plot.width).toBeGreaterThanOrEqual(0.9 * content.width);
    const frame = (await svg.locator('rect.frame').boundingBox())!;
    expect(frame.width).toBeGreaterThanOrEqual(0.8 * content.width);

    // A ringed point and a spot 11 px from its centre (outside the 8 px dot, inside a 24 px target) that is
    // nearer to it than to any other point, inside the frame.
    const wrong = async () => Number(await toy.getByTestId('wrong-labels').textContent());
    const wrongBefore = await wrong();
    expect(wrongBefore).toBeGreaterThan(0);
    const points = await playgroundPoints(toy);
    const inFrame = (x: number, y: number) =>
      x > frame.x + 2 && x < frame.x + frame.width - 2 && y > frame.y + 2 && y < frame.y + frame.height - 2;
    let tap: { index: number; x: number; y: number } | null = null;
    for (const p of points.filter((q) => q.flipped)) {
      for (let k = 0; k < 16 && !tap; k++) {
        const x = p.x + 11 * Math.cos((k * Math.PI) / 8);
        const y = p.y + 11 * Math.sin((k * Math.PI) / 8);
        const nearest = Math.min(...points.filter((q) => q !== p).map((q) => Math.hypot(q.x - x, q.y - y)));
        if (inFrame(x, y) && nearest > 14) tap = { index: p.index, x, y };
      }
      if (tap) break;
    }
    expect(tap, 'a ringed point with room around it').not.toBeNull();
    await page.touchscreen.tap(tap!.x, tap!.y);
    await expect.poll(wrong, { timeout: 10_000 }).toBe(wrongBefore - 1);
    await expect(toy.locator(`circle.point[data-index="${tap!.index}"]`).getAttribute('class')).resolves.toBe('point');
    await expect(toy.locator('svg circle.point').count()).resolves.toBe(points.length);
    await expect.poll(() => toy.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');

    // Empty space: a spot of the frame at least 30 px from every point.
    const now = await playgroundPoints(toy);
    let empty: { x: number; y: number } | null = null;
    for (let gy = frame.y + 10; gy < frame.y + frame.height - 10 && !empty; gy += 10) {
      for (let gx = frame.x + 10; gx < frame.x + frame.width - 10 && !empty; gx += 10) {
        if (Math.min(...now.map((q) => Math.hypot(q.x - gx, q.y - gy))) > 30) empty = { x: gx, y: gy };
      }
    }
    expect(empty, 'an empty spot').not.toBeNull();
    await page.touchscreen.tap(empty!.x, empty!.y);
    await expect.poll(() => toy.locator('svg circle.point').count(), { timeout: 10_000 }).toBe(points.length + 1);
    await expect.poll(() => toy.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');

    // A square data window (blobs) fills the width too, instead of being letterboxed in a wide-screen layout.
    await toy.locator('select[name="shape"]').selectOption('blobs');
    await expect.poll(() => toy.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const square = (await svg.locator('rect.frame').boundingBox())!;
    expect(square.width).toBeGreaterThanOrEqual(0.8 * content.width);
    expect(square.height).toBeCloseTo(square.width, 0);
  }, 120_000);

  it('made no request outside its own origin and logged no errors', () => {
    const origin = new URL(harness.url).origin;
    expect(harness.requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u))).toEqual([]);
    expect(harness.consoleErrors).toEqual([]);
  });
});
