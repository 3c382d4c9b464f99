import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const LESSON = '#/01-clean-vs-more-data';

describe('code cell in headless Chromium (built app): edit, run, see, fail, stop', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
    await page.goto(harness.url + LESSON);
    await page.waitForSelector('[data-cell-id="tryCode"]');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const cell = () => page.locator('[data-cell-id="tryCode"]');
  const editor = () => cell().getByLabel(/JavaScript/);
  const settled = () =>
    page.waitForSelector('[data-cell-id="tryCode"]:is([data-status="done"], [data-status="error"])', {
      timeout: 60_000,
    });

  /** Replaces the code, the way a reader does: select all in the editor and type. */
  async function write(code: string): Promise<void> {
    await editor().fill(code);
  }

  it("runs the lesson's code in a worker and shows its table of two accuracies", async () => {
    await cell().locator('[data-action="run"]').click();
    await settled();
    await expect(cell().getAttribute('data-status')).resolves.toBe('done');
    const table = cell().locator('[data-testid="code-table"]');
    await expect(table.locator('tbody tr').count()).resolves.toBe(2);
    const accuracies = await table.locator('tbody td.num').allTextContents();
    expect(accuracies).toHaveLength(2);
    // An accuracy column is a rate: shown in percent, to one decimal.
    for (const text of accuracies) expect(text).toMatch(/^\d{2}(\.\d)?%$/);
    for (const text of accuracies) expect(parseFloat(text)).toBeGreaterThan(50);
  });

  it('an edited cell returning a number shows it big; Ctrl+Enter runs', async () => {
    await write(
      "const r = await lab.train({ dataset: 'digits', size: 200, noise: 0.2, seed: 1 });\nreturn r.accuracy;",
    );
    await editor().press('Control+Enter');
    await settled();
    const text = await cell().locator('[data-testid="code-number"]').textContent();
    expect(Number(text)).toBeGreaterThan(0.5);
    expect(Number(text)).toBeLessThan(1);
  });

  it('a chart from plot.line draws an SVG with its data as a table', async () => {
    await write(
      [
        'const rows = [];',
        'for (const size of [100, 300]) {',
        "  const r = await lab.train({ dataset: 'digits', size });",
        '  rows.push({ size, accuracy: r.accuracy });',
        '}',
        "return plot.line({ data: rows, x: 'size', y: 'accuracy' });",
      ].join('\n'),
    );
    await cell().locator('[data-action="run"]').click();
    await settled();
    await expect(cell().locator('[data-testid="code-plot"] svg path').count()).resolves.toBeGreaterThan(0);
    await expect(cell().locator('[data-testid="code-plot-table"] tbody tr').count()).resolves.toBe(2);
  });

  it('a syntax error names its line; a runtime error names the line that threw', async () => {
    await write('const a = 1;\nconst b = ;\nreturn a;');
    await cell().locator('[data-action="run"]').click();
    await settled();
    const error = cell().locator('[data-testid="code-error"]');
    await expect(error.getAttribute('data-line')).resolves.toBe('2');
    await expect(error.textContent()).resolves.toMatch(/could not be read on line 2: SyntaxError/);

    await write('const a = 1;\n\nawait lab.train({ size: 99999 });\nreturn a;');
    await cell().locator('[data-action="run"]').click();
    await settled();
    await expect(error.getAttribute('data-line')).resolves.toBe('3');
    await expect(error.textContent()).resolves.toMatch(/line 3: RangeError: lab\.train: size must be/);
  });

  it('the code cannot reach the network or stored data (the worker has no fetch, indexedDB or XMLHttpRequest)', async () => {
    await write('return [typeof fetch, typeof indexedDB, typeof XMLHttpRequest, typeof importScripts].join(" ")');
    await cell().locator('[data-action="run"]').click();
    await settled();
    await expect(cell().locator('[data-testid="code-text"]').textContent()).resolves.toBe(
      'undefined undefined undefined undefined',
    );
  });

  it('an endless loop can be stopped, and the next run works in a fresh worker', async () => {
    await write('while (true) {}');
    await cell().locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="tryCode"][data-status="running"]');
    await expect(cell().locator('[data-testid="code-running"]').isVisible()).resolves.toBe(true);
    await cell().locator('[data-action="stop"]').click();
    await page.waitForSelector('[data-cell-id="tryCode"][data-status="idle"]');
    await expect(cell().locator('[data-testid="code-stopped"]').isVisible()).resolves.toBe(true);

    await write('return 6 * 7;');
    await cell().locator('[data-action="run"]').click();
    await settled();
    await expect(cell().locator('[data-testid="code-number"]').textContent()).resolves.toBe('42');
  });

  it('Reset code brings back the lesson code', async () => {
    await cell().locator('[data-action="reset"]').click();
    await expect(editor().inputValue()).resolves.toMatch(/^\/\/ Same data set, model and test set/);
  });

  it('requested nothing outside its own origin and logged no console errors', () => {
    const origin = new URL(harness.url).origin;
    const outside = harness.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'));
    expect(outside).toEqual([]);
    expect(harness.consoleErrors).toEqual([]);
  });
});
