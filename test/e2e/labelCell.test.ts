/**
 * Lesson 03's label cell in headless Chromium (built app): the reader labels
 * the whole batch with the keyboard — number keys and letters, an undo, a
 * skip, a key that is no class — as scripted in
 * test/fixtures/label-cell-sklearn.json; the results show the kappa
 * scikit-learn computes on the same labels; a reload keeps the labels; the
 * label file downloads with them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';
import { cohenKappa } from '../../src/engine/agreement/index.ts';

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
