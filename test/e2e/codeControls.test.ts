/**
 * A code-heavy lesson reads like a lesson (issue 14): in lesson 09 the drift
 * monitor shows its controls, Run and the chart; the code is behind "Show the
 * code", still editable and runnable; a control change marks the result out
 * of date and a new run follows it; the chart's data downloads as CSV and JSON.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const SLUG = '09-data-and-concept-drift';

describe('code cells with controls in headless Chromium (built app): lesson 09, monitor', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${harness.url}#/${SLUG}`);
    await page.waitForSelector('[data-cell-id="monitor"]');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const cell = () => page.locator('[data-cell-id="monitor"]');
  const done = () => page.waitForSelector('[data-cell-id="monitor"][data-status="done"]', { timeout: 60_000 });
  /** The chart's data as the page lists it under the chart: "series|batch|share" per row. */
  const chartRows = () =>
    cell()
      .locator('[data-testid="code-plot-table"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent).join('|')));

  it('shows the controls and Run; the code is hidden behind "Show the code"', async () => {
    const controls = cell().locator('[data-testid="code-controls"]');
    await expect(controls.getByLabel('Stream seed').inputValue()).resolves.toBe('0');
    await expect(controls.getByLabel(/Input shift/).inputValue()).resolves.toBe('1.5');
    await expect(cell().locator('details.show-code').getAttribute('open')).resolves.toBeNull();
    await expect(
      cell()
        .getByLabel(/JavaScript/)
        .isVisible(),
    ).resolves.toBe(false);
  });

  let before: string[] = [];

  it('Run draws the chart; a control change marks it out of date; Run again follows the new value', async () => {
    await cell().locator('[data-action="run"]').first().click();
    await done();
    await cell().locator('[data-testid="code-plot"] svg').first().waitFor();
    before = await chartRows();
    expect(before.length).toBe(20); // two lines of 10 batches
    await cell()
      .getByLabel(/Input shift/)
      .fill('0');
    await expect.poll(() => cell().getAttribute('data-status')).toBe('stale');
    await cell().locator('[data-action="run"]').first().click();
    await done();
    const after = await chartRows();
    expect(after).toHaveLength(20);
    expect(after).not.toEqual(before);
    // No input shift: the covariate batches (4–6) flag far fewer features than with a shift of 1.5 standard deviations.
    const flagged = (rows: string[], batch: number) =>
      rows.find((r) => r.startsWith(`features flagged|${batch}|`))!.split('|')[2];
    expect(flagged(before, 5)).toBe('100%');
    expect(flagged(after, 5)).not.toBe('100%');
  });

  it('the chart downloads as CSV (its lines as rows) and as JSON (with the control values)', async () => {
    const save = async (name: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        cell().getByRole('button', { name }).click(),
      ]);
      return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
    };
    const csv = await save('Download results as CSV');
    expect(csv.name).toBe(`${SLUG}-monitor.csv`);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('series,batch,share');
    expect(lines).toHaveLength(21);
    expect(lines[1]).toMatch(/^accuracy,1,0\.\d+$/);
    const json = JSON.parse((await save('Download results as JSON')).text);
    expect(json).toMatchObject({
      lesson: SLUG,
      cell: { id: 'monitor', type: 'code' },
      params: { controls: { seed: 0, shift: 0 } },
    });
    expect(json.result.value.kind).toBe('plot');
  });

  it('"Show the code" opens an editor that still runs (Ctrl+Enter), with the controls', async () => {
    await cell().locator('details.show-code > summary').click();
    const editor = cell().getByLabel(/JavaScript/);
    await expect(editor.isVisible()).resolves.toBe(true);
    const code = await editor.inputValue();
    expect(code).toContain('controls.shift');
    await editor.fill(code.replace("title: 'Input drift alarms and accuracy over time'", "title: 'My own monitor'"));
    await expect.poll(() => cell().getAttribute('data-status')).toBe('stale');
    await editor.press('Control+Enter');
    await done();
    await expect(cell().locator('[data-testid="code-plot"] svg').first().textContent()).resolves.toContain(
      'My own monitor',
    );
    expect(await chartRows()).toHaveLength(20);
  });
});

/**
 * Issue 14 polish: a returned number says what it is (label and unit), a share
 * is entered in percent, and a copied link carries the code cell's controls.
 */
describe('code cells in Chromium (built app): labelled values, shares in percent, links with the controls', () => {
  let harness: Harness;
  let page: Page;
  const LESSON_06 = '06-model-vs-data-centric';
  /** The lesson's own default share of wrong labels in the data-centric cell (read from the lesson, e.g. 0.12). */
  const noiseDefault = Number(
    /id: dataCentric[\s\S]*?noise: \{ label: Share of wrong labels, value: ([\d.]+)/.exec(
      readFileSync(new URL(`../../lessons/${LESSON_06}.md`, import.meta.url), 'utf8'),
    )![1],
  );

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const cellOf = (p: Page, id: string) => p.locator(`[data-cell-id="${id}"]`);

  it('lesson 09: the returned number shows with its label and unit', async () => {
    await page.goto(`${harness.url}#/${SLUG}`);
    const alarms = cellOf(page, 'alarms');
    await alarms.waitFor();
    await alarms.locator('[data-action="run"]').first().click();
    await page.waitForSelector('[data-cell-id="alarms"][data-status="done"]', { timeout: 60_000 });
    await expect(alarms.getByTestId('code-label').textContent()).resolves.toMatch(
      /^Concept-drift batches flagged by an input test \(of \d+\)$/,
    );
    const shown = (await alarms.getByTestId('code-number').textContent())!.replace(/\s+/g, ' ').trim();
    expect(shown).toMatch(/^\d+ batch(es)?$/);
  });

  it('lesson 06: the share of wrong labels is a field in percent; 30 reaches the code as 0.3; 120 is named', async () => {
    await page.goto(`${harness.url}#/${LESSON_06}`);
    const cell = cellOf(page, 'dataCentric');
    await cell.waitFor();
    const noise = cell.getByLabel('Share of wrong labels');
    await expect(noise.inputValue()).resolves.toBe(String(Math.round(100 * noiseDefault)));
    await expect(noise.locator('xpath=ancestor::label').textContent()).resolves.toContain('%');
    await noise.fill('120');
    await expect(cell.getByRole('alert').textContent()).resolves.toContain(
      'Share of wrong labels (noise): must be between 0% and 50%, got 120%',
    );
    await expect(cell.locator('[data-action="run"]').first().isDisabled()).resolves.toBe(true);
    await noise.fill('30');
    // What the code reads: edit it (behind "Show the code") to return the control, and run.
    await cell.locator('details.show-code > summary').click();
    await cell.getByLabel(/JavaScript/).fill('return controls.noise;');
    await cell.locator('[data-action="run"]').first().click();
    await page.waitForSelector('[data-cell-id="dataCentric"][data-status="done"]', { timeout: 60_000 });
    await expect(cell.getByTestId('code-number').textContent()).resolves.toMatch(/^\s*0\.3\s*$/);
  });

  it('Copy link carries the changed control, and the link reopens the cell with it', async () => {
    const cell = cellOf(page, 'dataCentric');
    await cell.locator('[data-action="copy-link"]').click();
    const link = await cell.getByTestId('share-link').inputValue();
    expect(link).toBe(`${harness.url}#/${LESSON_06}?dataCentric.noise=0.3`);
    const other = await harness.newPage();
    try {
      await other.goto(link);
      const linked = cellOf(other, 'dataCentric');
      await linked.waitFor();
      await expect.poll(() => linked.getByLabel('Share of wrong labels').inputValue()).toBe('30');
      await expect(other.getByTestId('lesson-notice').first().textContent()).resolves.toMatch(
        /shared link: “dataCentric” has its parameters/,
      );
      // The other cells keep the lesson's value.
      await expect(cellOf(other, 'modelCentric').getByLabel('Share of wrong labels').inputValue()).resolves.toBe(
        String(Math.round(100 * noiseDefault)),
      );
    } finally {
      await other.close();
    }
  });
});
