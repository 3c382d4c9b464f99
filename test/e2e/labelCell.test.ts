/**
 * Lesson 03's label cell in headless Chromium (built app): the reader labels
 * the whole batch with the keyboard — number keys and letters, an undo, a
 * skip, a key that is no class — as scripted in
 * test/fixtures/label-cell-sklearn.json; the results show the kappa
 * scikit-learn computes on the same labels; a reload keeps the labels; the
 * label file downloads with them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';
import { cohenKappa } from '../../src/engine/agreement/index.ts';
import { compareLabelers } from '../../src/state/labelCompare.ts';

const LESSON = '#/03-labeler-consistency';
const FIXTURE = JSON.parse(readFileSync(new URL('../fixtures/label-cell-sklearn.json', import.meta.url), 'utf8')) as {
  presentations: number;
  presses: string[];
  rows: number[];
  yours: number[];
  theirs: number[];
  selfPairs: number;
  selfSame: number;
  skipped: number;
  disagreements: number;
  kappa: number;
  accuracy: number;
  others: { labeler: string; items: number[]; labels: number[] }[];
  pairKappa: number;
  fleiss: number;
  alpha: number;
};

/** axe-core's serious and critical WCAG 2 A/AA violations inside the label cell, one line per element. */
async function audit(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include('[data-cell-id="mine"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id}: ${v.help} — ${node.target.join(' ')}`));
}

describe('label cell in headless Chromium (built app): the reader labels lesson 03’s batch', () => {
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

  const cell = () => page.locator('[data-cell-id="mine"]');
  const text = async (testId: string) =>
    ((await cell().getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const progress = async () => Number(await cell().locator('progress').getAttribute('value'));

  it('shows the first image, the instructions, a button with its keys per class and an empty progress bar', async () => {
    await cell().getByTestId('labeller').waitFor({ timeout: 60_000 });
    await expect(
      cell()
        .locator('canvas')
        .first()
        .evaluate((c) => c.getBoundingClientRect().width),
    ).resolves.toBe(280);
    await expect(text('instructions')).resolves.toMatch(/Choose the class the picture shows/);
    await expect(cell().locator('.class-button').count()).resolves.toBe(10);
    await expect(cell().locator('.class-button[data-class="6"]').textContent()).resolves.toMatch(/7\s*Shirt/);
    await expect(cell().locator('.class-button[data-class="6"] u').textContent()).resolves.toBe('S');
    expect(await progress()).toBe(0);
    await expect(text('label-progress-text')).resolves.toBe(`0 of ${FIXTURE.presentations} done`);
  });

  it('labels the whole batch with the keyboard: numbers, letters, an undo, a skip; a key that is no class does nothing', async () => {
    await cell().locator('[data-action="start"]').click();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('labeller');
    let answered = 0;
    for (const [i, key] of FIXTURE.presses.entries()) {
      const before = await progress();
      await page.keyboard.press(key === ' ' ? 'Space' : key);
      if (key === 'Backspace') {
        answered--;
        expect(await progress()).toBe(before - 1);
      } else if (key === 'x') {
        expect(await progress()).toBe(before);
        await expect(text('label-notice')).resolves.toMatch(/“x” is not a key for a class/);
      } else {
        answered++;
        if (i < FIXTURE.presses.length - 1) expect(await progress()).toBe(before + 1);
      }
      if (i === 20) {
        expect(await audit(page)).toEqual([]);
        await expect(text('label-progress-text')).resolves.toMatch(
          new RegExp(`^${answered} of ${FIXTURE.presentations} done · 1 skipped$`),
        );
        await expect(text('label-live')).resolves.toMatch(/^So far you agree with the data set on \d+ of \d+/);
      }
    }
    expect(answered).toBe(FIXTURE.presentations);
    await cell().getByTestId('label-results').waitFor();
    await expect(cell().getAttribute('data-status')).resolves.toBe('done');
  });

  it('the results: agreement, Cohen’s kappa equal to scikit-learn’s, self-agreement, per class, matrix, gallery', async () => {
    await expect(text('label-kappa')).resolves.toBe(FIXTURE.kappa.toFixed(2));
    await expect(text('label-agreement')).resolves.toBe(`${(100 * FIXTURE.accuracy).toFixed(1)}%`);
    await expect(text('label-self-detail')).resolves.toBe(
      `the same label ${FIXTURE.selfSame} of ${FIXTURE.selfPairs} times`,
    );
    await expect(cell().locator('[data-testid="label-gallery"] li').count()).resolves.toBe(FIXTURE.disagreements);
    await expect(cell().locator('[data-testid="label-per-class"] tbody tr').count()).resolves.toBeGreaterThan(3);
    const matrix = cell().locator('.plot svg.matrix-plot');
    await expect(matrix.locator('g.cell').count()).resolves.toBe(100);
    expect(await audit(page)).toEqual([]);
  });

  it('a reload keeps the labels: the results come back the same', async () => {
    await page.waitForSelector('[data-testid="lesson-tools"][data-save-status="saved"]', { timeout: 10_000 });
    await page.reload();
    await cell().getByTestId('label-results').waitFor({ timeout: 60_000 });
    await expect(text('label-kappa')).resolves.toBe(FIXTURE.kappa.toFixed(2));
    await expect(text('label-progress-text')).resolves.toBe(
      `${FIXTURE.presentations} of ${FIXTURE.presentations} done · ${FIXTURE.skipped} skipped`,
    );
    await expect(cell().getAttribute('data-status')).resolves.toBe('done');
  });

  it('exports the label file: the labels and items scripted, and kappa against the data set’s file equal to scikit-learn’s', async () => {
    const save = async (action: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        cell().locator(`[data-action="${action}"]`).click(),
      ]);
      return { name: download.suggestedFilename(), json: JSON.parse(readFileSync(await download.path(), 'utf8')) };
    };
    const mine = await save('download-labels');
    expect(mine.name).toBe('mine-my-labels.json');
    expect(mine.json).toMatchObject({ format: 'data-centric-lab/labels', labeler: 'you', dataset: 'fashion' });
    expect(mine.json.labels).toEqual(FIXTURE.yours);
    expect(mine.json.items).toEqual(FIXTURE.rows);
    const theirs = await save('download-dataset');
    expect(theirs.json.labels).toEqual(FIXTURE.theirs);
    const kappa = cohenKappa(mine.json.labels as number[], theirs.json.labels as number[]);
    expect(kappa.defined && Math.abs(kappa.kappa - FIXTURE.kappa)).toBeLessThanOrEqual(1e-12);
  });

  it('passes the laptop: the partner labels the same items with the reader’s figures hidden; then both are compared and round 2 relabels what they disagreed on', async () => {
    await cell().getByTestId('partner-name').fill('Kim');
    await cell().locator('[data-action="pass-laptop"]').click();
    await expect(text('label-turn')).resolves.toMatch(/^Kim’s turn: the same 44 presentations/);
    await expect(cell().getByTestId('label-results').count()).resolves.toBe(0);
    await expect(cell().locator('[data-action="download-labels"]').count()).resolves.toBe(0);
    await cell().locator('[data-action="start"]').click();
    for (let i = 0; i < FIXTURE.presentations; i++) {
      await page.keyboard.press(String(((i * 7) % 10) % 4 === 0 ? 1 : 7)); // T-shirt/top or Shirt
      if (i === 3) await expect(cell().getByTestId('label-live').count()).resolves.toBe(0);
    }
    await cell().locator('[data-action="show-comparison"]').click();
    await expect(text('pair-figures')).resolves.toMatch(/Items you both labelled\s*\d+/);
    const disagreed = await cell().locator('[data-testid="pair-gallery"] li').count();
    expect(disagreed).toBeGreaterThan(0);
    // Round 2: a rule, then each relabels just the items they disagreed on, to the same class.
    await cell().locator('[data-action="revise"]').click();
    await cell().getByTestId('rule-input').fill('A shirt has a collar and buttons; a T-shirt has neither.');
    await cell().locator('[data-action="start-relabel"]').click();
    await expect(text('label-turn')).resolves.toMatch(new RegExp(`^Round 2 · You: relabel the ${disagreed} items`));
    await expect(text('instructions')).resolves.toMatch(/A shirt has a collar/);
    await cell().locator('[data-action="start"]').click();
    for (let i = 0; i < disagreed; i++) await page.keyboard.press('7');
    await cell().locator('[data-action="relabel-partner"]').click();
    await expect(text('label-turn')).resolves.toMatch(/^Round 2 · Kim:/);
    await cell().locator('[data-action="start"]').click();
    for (let i = 0; i < disagreed; i++) await page.keyboard.press('7');
    await cell().locator('[data-action="show-comparison"]').click();
    const before = Number(await text('pair-agreement').then((t) => t.replace('%', '')));
    const after = Number(await text('pair-agreement-after').then((t) => t.replace('%', '')));
    expect(after).toBe(100);
    expect(before).toBeLessThan(100);
    // Kim leaves: the reader's own results are as before.
    await cell().locator('[data-action="partner-discard"]').click();
    await expect(cell().getByTestId('pair-results').count()).resolves.toBe(0);
    await expect(text('label-kappa')).resolves.toBe(FIXTURE.kappa.toFixed(2));
  });

  /** Writes label files into a fresh folder and gives them to the cell's file input. */
  async function addFiles(files: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'dcl-labels-'));
    const paths = Object.entries(files).map(([name, content]) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    });
    await cell().getByTestId('label-files').setInputFiles(paths);
  }

  it('imports a partner’s file: the kappa between the two is scikit-learn’s; bad files are refused by name and lose nothing', async () => {
    await addFiles({ 'sam.json': JSON.stringify(FIXTURE.others[0]) });
    await expect(text('import-taken')).resolves.toMatch(/sam\.json: 40 labels by “Sam”/);
    await expect(text('pair-kappa')).resolves.toBe(FIXTURE.pairKappa.toFixed(2));
    const otherBatch = { ...FIXTURE.others[1], items: FIXTURE.others[1]!.items.map((r) => r + 1) };
    const unknownClass = { ...FIXTURE.others[2], labels: FIXTURE.others[2]!.labels.map((l, i) => (i === 3 ? 12 : l)) };
    await addFiles({
      'notes.json': 'these are my labels',
      'empty.json': '',
      'other-batch.json': JSON.stringify(otherBatch),
      'class-12.json': JSON.stringify(unknownClass),
    });
    const refused = cell().locator('[data-testid="import-refused"] li');
    await expect.poll(() => refused.count()).toBe(4);
    const messages = (await refused.allTextContents()).join('\n');
    expect(messages).toMatch(/notes\.json.*JSON/);
    expect(messages).toMatch(/empty\.json.*empty/i);
    expect(messages).toMatch(/other-batch\.json.*batch/);
    expect(messages).toMatch(/class-12\.json.*12/);
    // Sam's labels and the pair's figures are still there.
    await expect(text('pair-kappa')).resolves.toBe(FIXTURE.pairKappa.toFixed(2));
    await expect(text('label-others')).resolves.toMatch(/Sam/);
  });

  it('a class: more files at once give Fleiss’ kappa and Krippendorff’s alpha as in the reference, the contested items, and a model per set of labels', async () => {
    await addFiles({ 'ada.json': JSON.stringify(FIXTURE.others[1]), 'lin.json': JSON.stringify(FIXTURE.others[2]) });
    await expect(text('class-fleiss')).resolves.toBe(FIXTURE.fleiss.toFixed(2));
    await expect(text('class-alpha')).resolves.toBe(FIXTURE.alpha.toFixed(2));
    await expect(cell().locator('[data-testid="class-vs-majority"] tbody tr').count()).resolves.toBe(4);
    await expect(cell().locator('[data-testid="class-contested"] li').count()).resolves.toBeGreaterThan(0);
    await cell().locator('[data-action="train-class"]').click();
    const accuracies = cell().getByTestId('class-model-accuracy');
    await expect
      .poll(async () => (await accuracies.allTextContents()).filter((t) => /%$/.test(t)).length, { timeout: 60_000 })
      .toBe(6); // four labelers, the majority vote, the data set
    expect(await audit(page)).toEqual([]);
  });

  it('a link carries the reader’s labels: opened, they join the others beside the reader’s own', async () => {
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: async (t: string) => void ((window as unknown as { copied: string }).copied = t) },
      });
    });
    await cell().locator('[data-action="copy-labels-link"]').click();
    const link = await page.evaluate(() => (window as unknown as { copied: string }).copied);
    expect(link).toMatch(/#\/03-labeler-consistency\?mine\.labels=L1\./);
    await page.waitForSelector('[data-testid="lesson-tools"][data-save-status="saved"]', { timeout: 10_000 });
    await page.goto(link); // the same lesson: the link applies in place
    await cell().getByTestId('import-taken').waitFor({ timeout: 60_000 });
    await expect(text('import-taken')).resolves.toMatch(/From the link: 39 labels by “partner”/);
    await expect(text('label-others')).resolves.toMatch(/Sam.*Ada.*Lin.*partner/);
    await expect(text('label-kappa')).resolves.toBe(FIXTURE.kappa.toFixed(2));
    // Kept: after a reload the link's labels are still among the others.
    await page.waitForSelector('[data-testid="lesson-tools"][data-save-status="saved"]', { timeout: 10_000 });
    await page.goto(harness.url + LESSON);
    await page.reload();
    await cell().getByTestId('label-others').waitFor({ timeout: 60_000 });
    await expect(text('label-others')).resolves.toMatch(/Sam.*Ada.*Lin.*partner/);
  });

  it('Start over asks first; keeping the labels changes nothing', async () => {
    await cell().locator('[data-action="start-over"]').click();
    await expect(text('confirm-start-over')).resolves.toMatch(/Discard your 44 answers/);
    await cell().locator('[data-action="keep"]').click();
    await expect(text('label-kappa')).resolves.toBe(FIXTURE.kappa.toFixed(2));
    await cell().locator('[data-action="start-over"]').click();
    await cell().locator('[data-action="confirm-start-over"]').click();
    await expect(text('label-progress-text')).resolves.toBe(`0 of ${FIXTURE.presentations} done`);
    await expect(cell().getByTestId('label-results').count()).resolves.toBe(0);
  });
});

describe('label cell on a phone (390×844, touch): the buttons label, undo and skip', () => {
  const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness({ serviceWorkers: 'block', device: PHONE });
    page = await harness.newPage();
    await page.goto(harness.url + LESSON);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('taps on class buttons, Undo and Skip move the batch on; the panel fits the phone’s width', async () => {
    const cell = page.locator('[data-cell-id="mine"]');
    await cell.getByTestId('labeller').waitFor({ timeout: 60_000 });
    const progress = async () => Number(await cell.locator('progress').getAttribute('value'));
    const width = await cell.getByTestId('labeller').evaluate((el) => el.getBoundingClientRect().right);
    expect(width).toBeLessThanOrEqual(390);
    await cell.locator('[data-action="start"]').tap();
    await cell.locator('.class-button[data-class="6"]').tap();
    await cell.locator('.class-button[data-class="0"]').tap();
    expect(await progress()).toBe(2);
    await cell.locator('[data-action="undo"]').tap();
    expect(await progress()).toBe(1);
    await cell.locator('[data-action="skip"]').tap();
    expect(await progress()).toBe(2);
    await expect(cell.getByTestId('label-progress-text').textContent()).resolves.toMatch(/2 of 44 done · 1 skipped/);
    // The image, the ten classes and Undo / Skip are on one screen.
    const box = await cell.locator('[data-action="skip"]').boundingBox();
    const image = await cell.locator('canvas').first().boundingBox();
    expect(box!.y + box!.height - image!.y).toBeLessThan(844 - 100);
  });
});

describe('an instructor projects a class’s label files live (presenting, parameters locked, 1280×720)', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${harness.url}?present&controls=locked#/03-labeler-consistency`);
    await page.getByTestId('present-where').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Next section' }).click();
  });

  afterAll(async () => {
    await harness?.close();
  });

  const cell = () => page.locator('[data-cell-id="mine"]');
  const fits = async () => {
    await page.waitForFunction(() => document.querySelector('.slide')?.getAttribute('data-fit') !== null);
    await page.waitForTimeout(600);
    return page.evaluate(() => ({
      fit: document.querySelector('.slide')!.getAttribute('data-fit'),
      scroll: document.documentElement.scrollHeight - innerHeight,
    }));
  };

  it('files keep arriving: each adds to the class figures, which stay on the slide; labelling stays locked, adding files does not', async () => {
    await expect.poll(() => page.getByTestId('present-where').textContent()).toMatch(/^2 \/ .*Label these yourself/);
    await cell().getByTestId('labeller').waitFor({ timeout: 60_000 });
    await expect(cell().locator('.class-button').first().isDisabled()).resolves.toBe(true);
    await expect(cell().getByTestId('label-files').isDisabled()).resolves.toBe(false);
    expect(await fits()).toEqual({ fit: 'fits', scroll: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'dcl-class-'));
    const paths = FIXTURE.others.map((other) => {
      const path = join(dir, `${other.labeler}.json`);
      writeFileSync(path, JSON.stringify(other));
      return path;
    });
    // Two students' files, then a third: the figures follow.
    await cell().getByTestId('label-files').setInputFiles(paths.slice(0, 2));
    await expect(cell().getByTestId('class-kappa').textContent()).resolves.toMatch(/^\d\.\d\d$/);
    await expect(cell().getByTestId('class-fleiss').count()).resolves.toBe(0);
    await cell().getByTestId('label-files').setInputFiles(paths.slice(2));
    const expected = compareLabelers(
      FIXTURE.others[0]!.items,
      FIXTURE.others.map((o) => ({ name: o.labeler, labels: new Map(o.items.map((row, i) => [row, o.labels[i]!])) })),
      new Int32Array(Math.max(...FIXTURE.others[0]!.items) + 1),
      10,
    );
    const fleiss = expected.fleiss!;
    expect(fleiss.defined).toBe(true);
    await expect(cell().getByTestId('class-fleiss').textContent()).resolves.toBe(
      fleiss.defined ? fleiss.kappa.toFixed(2) : '',
    );
    const figures = await cell().getByTestId('class-figures').boundingBox();
    expect(figures!.y + figures!.height).toBeLessThanOrEqual(720);
    expect(await fits()).toEqual({ fit: 'fits', scroll: 0 });
    // Training stays possible while locked.
    await expect(cell().locator('[data-action="train-class"]').isDisabled()).resolves.toBe(false);
  });
});
