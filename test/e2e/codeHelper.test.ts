/**
 * A code cell on two cores (issue 14, point 6): lesson 6's model-centric
 * cell asks for all its fits at once, so the page starts a helper code worker
 * beside the cell's own and the fits split between them — and the cell
 * prints exactly what the same code prints in Node with one worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';
import { nodeCodeApi, readLessonFile } from '../support/lessonFile.ts';

const SLUG = '06-model-vs-data-centric';
const CELL = 'modelCentric';

describe('code cells share their fits with a helper code worker (built app, Chromium): lesson 06, modelCentric', () => {
  let harness: Harness;
  let page: Page;
  const workers: string[] = [];

  beforeAll(async () => {
    harness = await startHarness({ serviceWorkers: 'block' });
    page = await harness.newPage();
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(`${harness.url}#/${SLUG}`);
    await page.waitForSelector(`[data-cell-id="${CELL}"]`);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('one seed: two code workers train, and the printed lines are the lone Node run’s', async () => {
    const cell = page.locator(`[data-cell-id="${CELL}"]`);
    await cell.getByLabel('Seeds (runs averaged)').fill('1');
    await cell.locator('[data-action="run"]').first().click();
    await page.waitForSelector(`[data-cell-id="${CELL}"][data-status="done"]`, { timeout: 120_000 });
    const printed = (await cell.getByTestId('code-logs').textContent())!.split('\n');

    expect(workers.filter((url) => /code\.worker/.test(url))).toHaveLength(2);

    const lesson = readLessonFile(`lessons/${SLUG}.md`);
    const api = await nodeCodeApi();
    const alone = await api.run(lesson.code(CELL), { ...lesson.controls(CELL), seeds: 1 });
    expect(alone.logs.length).toBeGreaterThan(3);
    expect(printed).toEqual(alone.logs);
  }, 180_000);
});
