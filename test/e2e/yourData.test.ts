import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';
import { withWrongLabels } from '../support/wrongLabels.ts';

const note = (i: number) => `"a free text remark, number ${i}, written about this row"`;
/** 12 good rows, a ragged one (row 14 counting the header), a free-text column and a label column. */
const CSV = [
  'height,colour,remark,label',
  ...Array.from(
    { length: 12 },
    (_, i) => `${(i * 7) % 5}.5,${i % 2 ? 'red' : 'blue'},${note(i)},${i % 3 ? 'yes' : 'no'}`,
  ),
  '2.5,red',
].join('\r\n');

describe('Your own data in headless Chromium (built app)', () => {
  let harness: Harness;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dcl-csv-'));
    writeFileSync(join(dir, 'mine.csv'), '\ufeff' + CSV);
    // A real PNG renamed, and a real Windows-1252 file (é, ü, ß, €, curly quotes) as older Excel saves "CSV".
    copyFileSync(new URL('../../docs/screenshot.png', import.meta.url), join(dir, 'photo.csv'));
    copyFileSync(new URL('../fixtures/encodings/windows-1252.csv', import.meta.url), join(dir, 'old-excel.csv'));
    // The shipped examples' labels are right, so the report suspects none of them: review needs tables with wrong labels.
    writeFileSync(join(dir, 'breast_cancer_noisy.csv'), withWrongLabels('breast_cancer.csv', 10));
    writeFileSync(join(dir, 'cars_noisy.csv'), withWrongLabels('cars.csv', 7));
    harness = await startHarness();
    page = await harness.newPage();
    await page.goto(harness.url + '#/data');
  });

  afterAll(async () => {
    await harness?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const profile = () => page.getByTestId('profile');
  const row = (name: string) => profile().locator(`tr[data-column="${name}"]`);

  it('the sidebar links to the page, which says the data stays in the browser', async () => {
    await expect(page.locator('h1').textContent()).resolves.toBe('Your own data');
    await expect(page.getByRole('link', { name: 'Your own data' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.getByTestId('privacy').textContent()).resolves.toMatch(/nothing is uploaded/);
    await expect(page.title()).resolves.toBe('Your own data · Data-Centric Lab');
  });

  it('a chosen file is profiled: types, the free-text column left out with its reason, the ragged row', async () => {
    await page.getByTestId('file-input').setInputFiles(join(dir, 'mine.csv'));
    await page.waitForSelector('[data-testid="profile"]', { timeout: 30_000 });
    await expect(profile().locator('.source').textContent()).resolves.toBe('mine.csv');
    await expect(page.getByTestId('stat-rows').textContent()).resolves.toBe('12');
    await expect(page.getByTestId('stat-columns').textContent()).resolves.toBe('4');
    await expect(row('height').textContent()).resolves.toContain('numeric');
    await expect(row('colour').textContent()).resolves.toContain('categorical');
    await expect(row('remark').textContent()).resolves.toMatch(
      /free text.*left out because the lab does not model text/,
    );
    await expect(row('remark').getByRole('checkbox').isChecked()).resolves.toBe(false);
    await expect(row('label').textContent()).resolves.toContain('label');
    const warnings = page.getByRole('region', { name: 'Warnings' });
    await expect(warnings.getByTestId('problem-row').textContent()).resolves.toBe('row 14');
    await expect(warnings.textContent()).resolves.toMatch(/set aside/);
    const counts = await page.getByTestId('class-count').allTextContents();
    expect(counts).toEqual(['4', '8']);
  });

  it('the wine example loads from the app’s own origin', async () => {
    await page.getByRole('button', { name: /Wine/ }).click();
    await expect.poll(() => profile().locator('.source').textContent(), { timeout: 30_000 }).toBe('wine.csv');
    await expect(page.getByTestId('stat-rows').textContent()).resolves.toBe('178');
    await expect(page.getByRole('combobox', { name: /predict/ }).inputValue()).resolves.toBe('13');
    await expect(page.getByTestId('class-count').allTextContents()).resolves.toEqual(['59', '71', '48']);
  });

  it('the cars example: the car names are left out as free text, the year is a date, missing values are counted', async () => {
    await page.getByRole('button', { name: /Cars/ }).click();
    await expect.poll(() => profile().locator('.source').textContent(), { timeout: 30_000 }).toBe('cars.csv');
    await expect(page.getByTestId('stat-rows').textContent()).resolves.toBe('406');
    await expect(page.getByRole('combobox', { name: /predict/ }).inputValue()).resolves.toBe('8'); // the last column
    await expect(row('Name').textContent()).resolves.toMatch(/free text/);
    await expect(row('Name').getByRole('checkbox').isChecked()).resolves.toBe(false);
    await expect(row('Year').textContent()).resolves.toMatch(/date/);
    await expect(row('Horsepower').textContent()).resolves.toMatch(/numeric.*\b6\b/s);
    await expect(page.getByTestId('class-count').allTextContents()).resolves.toEqual(['73', '79', '254']);
    await page.getByRole('button', { name: /Wine/ }).click();
    await expect.poll(() => profile().locator('.source').textContent(), { timeout: 30_000 }).toBe('wine.csv');
  });

  it('Analyse on the wine table trains in the workers and shows the Worth report', async () => {
    const section = page.getByTestId('analyse');
    await section.getByRole('button', { name: 'Analyse' }).click();
    await page.getByTestId('worth-report').waitFor({ timeout: 90_000 });
    await expect(section.getAttribute('data-status')).resolves.toBe('done');
    // Wine's labels are right: the report finds none wrong (as `lab worth` does in Node) and claims nothing.
    await expect(page.getByTestId('worth-report').getAttribute('data-verdict')).resolves.toBe('no_noise');
    await expect(page.getByTestId('worth-headline').textContent()).resolves.toMatch(/^No (label looks wrong|sign of)/);
    await expect(page.getByTestId('worth-interval').textContent()).resolves.toMatch(
      /90% interval: 0\.0% to [1-9]\.\d%/,
    );
    await expect(page.getByTestId('no-suspects').isVisible()).resolves.toBe(true);
    await expect(page.locator('svg.line-plot').count()).resolves.toBe(2);
    await expect(page.locator('svg.matrix-plot').count()).resolves.toBe(1);
    await expect(page.getByTestId('worth-method').locator('li').count()).resolves.toBe(7);
    await expect(page.getByTestId('worth-caveats').locator('li').count()).resolves.toBeGreaterThan(0);
  });

  const review = () => page.getByTestId('table-review');
  const reviewRows = () => review().locator('[role="row"][data-rank]');
  const tally = async (key: string) => Number(await review().locator(`[data-tally="${key}"]`).textContent());

  it('on breast cancer with wrong labels the suspected rows are listed for review, with their file row and labels', async () => {
    await page.getByTestId('file-input').setInputFiles(join(dir, 'breast_cancer_noisy.csv'));
    await expect
      .poll(() => profile().locator('.source').textContent(), { timeout: 30_000 })
      .toBe('breast_cancer_noisy.csv');
    await expect(page.getByTestId('worth-report').count()).resolves.toBe(0); // a new table clears the report
    await page.getByTestId('analyse').getByRole('button', { name: 'Analyse' }).click();
    await review().waitFor({ timeout: 180_000 });
    // 56 of 569 labels are wrong: the report finds some, and says how much fixing them is worth (or that it may not help).
    await expect(page.getByTestId('worth-headline').textContent()).resolves.toMatch(
      /^(Fixing the ~\d+ suspected labels is worth|Cleaning may not help)/,
    );
    expect(await reviewRows().count()).toBeGreaterThan(3);
    const first = reviewRows().first();
    expect(Number(await first.getAttribute('data-position'))).toBeGreaterThanOrEqual(2);
    const given = (await first.locator('.given').textContent())?.trim();
    const suggested = (await first.locator('.suggested .class').textContent())?.trim();
    expect(given).toMatch(/^(benign|malignant)$/);
    expect(suggested).toMatch(/^(benign|malignant)$/);
    expect(suggested).not.toBe(given);
    // Each row shows its first feature values from the file.
    await expect(first.locator('.row-ref small').textContent()).resolves.toMatch(/^mean radius \d/);
  });

  it('reviews with the keyboard; the decisions survive a reload and go into the next analysis', async () => {
    const rows = reviewRows();
    const positions = await Promise.all([0, 1, 2].map((i) => rows.nth(i).getAttribute('data-position')));
    await rows.first().click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Enter'); // accept the suggestion
    await page.keyboard.press('x'); // remove
    await page.keyboard.press(' '); // keep
    await expect.poll(() => tally('reviewed')).toBe(3);
    expect([await tally('relabelled'), await tally('removed'), await tally('kept')]).toEqual([1, 1, 1]);
    await expect(rows.nth(1).getAttribute('data-decision')).resolves.toBe('remove');
    await page.keyboard.press('u'); // undo the keep
    await expect.poll(() => tally('kept')).toBe(0);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await expect.poll(() => tally('kept')).toBe(1);
    await expect(page.getByTestId('review-pending').textContent()).resolves.toMatch(
      /3 decisions are not in the report/,
    );

    // The page says when the decisions are in this browser's storage; reload only then.
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-saving')).toBe('false');
    await expect(page.getByTestId('save-status').textContent()).resolves.toMatch(/Saved in this browser/);
    await page.reload();
    await review().waitFor({ timeout: 30_000 });
    await expect.poll(() => tally('reviewed')).toBe(3);
    const decisions = await Promise.all(
      positions.map((p) => review().locator(`[data-position="${p}"]`).getAttribute('data-decision')),
    );
    expect(decisions).toEqual(['relabel', 'remove', 'keep']);

    await review().getByRole('button', { name: 'Analyse again with my fixes' }).click();
    await expect.poll(() => page.getByTestId('analyse').getAttribute('data-status'), { timeout: 180_000 }).toBe('done');
    await expect(page.getByTestId('review-pending').count()).resolves.toBe(0);
    await expect(page.getByTestId('analyse').locator('.meta').textContent()).resolves.toMatch(/with your 3 fixes/);
  });

  it('exports the cleaned CSV, the report as JSON, and each chart as SVG and PNG', async () => {
    const exportPanel = page.getByTestId('export');
    const save = async (click: () => Promise<void>) => {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      const path = await download.path();
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    };

    const csv = await save(() => exportPanel.getByRole('button', { name: 'Download the cleaned CSV' }).click());
    expect(csv.name).toBe('breast_cancer_noisy-cleaned.csv');
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    const original = readFileSync(join(dir, 'breast_cancer_noisy.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(`${original[0]},source_row,label_issue_score,suggested_label,was_edited`);
    expect(lines).toHaveLength(original.length - 1); // one row removed
    expect(lines.filter((line) => line.endsWith(',true'))).toHaveLength(1); // one label changed
    await expect(page.getByTestId('export-saved').textContent()).resolves.toMatch(
      /Saved breast_cancer_noisy-cleaned\.csv: 568 rows, 1 label changed, 1 row removed\./,
    );

    const json = await save(() => exportPanel.getByRole('button', { name: 'Download the report (JSON)' }).click());
    expect(json.name).toBe('breast_cancer_noisy-worth-report.json');
    const report = JSON.parse(json.bytes.toString('utf8'));
    expect(report.decisions.map((r: { decision: string }) => r.decision).sort()).toEqual(['keep', 'relabel', 'remove']);
    for (const decision of report.decisions) {
      expect(Object.keys(decision).sort()).toEqual(['decision', 'given', 'newLabel', 'row']);
    }
    expect(report.report.headline).toBe(await page.getByTestId('worth-headline').textContent());
    expect(report.noise.classes.matrix).toHaveLength(4);
    expect(report.report.dataEquivalent === null || 'low' in report.report.dataEquivalent).toBe(true);

    const charts = page.getByTestId('chart-save');
    await expect(charts.count()).resolves.toBe(3);
    const svg = await save(() => charts.first().getByRole('button', { name: 'SVG' }).click());
    expect(svg.name).toBe('breast_cancer_noisy-learning-curve.svg');
    const markup = svg.bytes.toString('utf8');
    expect(markup).toMatch(/^<\?xml/);
    expect(markup).toMatch(/<svg[^>]* width="\d+"/);
    expect(markup).toMatch(/<svg[^>]* height="\d+"/);
    expect(markup).toContain('Accuracy vs. training rows');
    const png = await save(() => charts.nth(1).getByRole('button', { name: 'PNG' }).click());
    expect(png.name).toBe('breast_cancer_noisy-noise-sensitivity.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(600); // drawn at twice the chart's size
  });

  it('an audit: in random order, the decided top of the list measures how many flags are wrong labels', async () => {
    // The true label of each file row: the shipped file, before withWrongLabels flipped every tenth.
    const truth = readFileSync(new URL('../../public/data/tabular/breast_cancer.csv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.slice(line.lastIndexOf(',') + 1));
    const suspectOrder = await reviewRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-position')));
    await review()
      .getByLabel(/Random order: an audit/)
      .check();
    const audit = review().getByTestId('flag-audit');
    await audit.waitFor();
    const auditOrder = await reviewRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-position')));
    expect([...auditOrder].sort()).toEqual([...suspectOrder].sort()); // the same flags
    expect(auditOrder).not.toEqual(suspectOrder); // in another order

    // An oracle reviewer decides the first 10 rows in order: accept the suggestion when the label is wrong, else keep.
    const rows = reviewRows();
    await rows.first().click({ position: { x: 5, y: 5 } });
    let wrong = 0;
    for (let i = 0; i < 10; i++) {
      const position = Number(await rows.nth(i).getAttribute('data-position'));
      const given = (await rows.nth(i).locator('.given').textContent())!.trim();
      const isWrong = given !== truth[position - 1];
      if (isWrong) wrong++;
      await page.keyboard.press(isWrong ? 'Enter' : ' ');
    }
    // The audit counts from the top down to the first undecided row (rows decided before may extend it).
    const decided = await rows.evaluateAll((r) => r.map((row) => row.getAttribute('data-decision')));
    const prefix = decided.findIndex((d) => d === 'none');
    const sampled = prefix === -1 ? decided.length : prefix;
    expect(sampled).toBeGreaterThanOrEqual(10);
    const counted = decided.slice(0, sampled);
    const expectedWrong = counted.filter((d) => d !== 'keep').length;
    await expect.poll(() => audit.locator('[data-audit="wrong"]').textContent()).toBe(String(expectedWrong));
    await expect(audit.locator('[data-audit="right"]').textContent()).resolves.toBe(String(sampled - expectedWrong));
    await expect(audit.locator('[data-audit="share"]').textContent()).resolves.toBe(
      `${Math.round((100 * expectedWrong) / sampled)}%`,
    );
    if (sampled === 10) expect(expectedWrong).toBe(wrong); // the oracle's own count
    await expect(audit.textContent()).resolves.toMatch(/90% interval \d+\.\d% to \d+\.\d%/);
    await expect(audit.textContent()).resolves.toMatch(/estimated by the model alone/);

    // A decision further down, past an undecided row, is not counted and the page says why.
    const skipped = review().getByTestId('audit-skipped');
    const skippedCount = async () => ((await skipped.count()) === 0 ? 0 : parseInt((await skipped.textContent())!, 10));
    const below = decided.slice(sampled + 1).filter((d) => d !== 'none').length; // earlier decisions can fall there
    await expect.poll(skippedCount).toBe(below);
    const gap = decided.findIndex((d, i) => i > sampled && d === 'none');
    if (gap > 0) {
      await rows.nth(gap).click({ position: { x: 5, y: 5 } });
      await page.keyboard.press(' ');
      await expect.poll(skippedCount).toBe(below + 1);
      await expect(skipped.textContent()).resolves.toMatch(
        /further down\s+(is|are)\s+not counted:\s+decide\s+the rows in order/,
      );
      await expect(audit.locator('[data-audit="wrong"]').textContent()).resolves.toBe(String(expectedWrong));
      await page.keyboard.press('u');
      await expect.poll(skippedCount).toBe(below);
    }

    // Back to most suspect first: the same rows, the audit readout gone.
    await review()
      .getByLabel(/Most suspect first/)
      .check();
    await expect(review().getByTestId('flag-audit').count()).resolves.toBe(0);
    await expect(reviewRows().evaluateAll((r) => r.map((row) => row.getAttribute('data-position')))).resolves.toEqual(
      suspectOrder,
    );
  });

  it('a changed choice marks the report out of date', async () => {
    await profile().locator('tr[data-column="mean radius"]').getByRole('checkbox').uncheck();
    await expect(page.getByTestId('analyse-stale').isVisible()).resolves.toBe(true);
  });

  it('relabels as any class with a digit key; the class menu’s arrow keys decide nothing; back to the given label is no change; the CSV agrees', async () => {
    await page.getByTestId('file-input').setInputFiles(join(dir, 'cars_noisy.csv'));
    await expect.poll(() => profile().locator('.source').textContent(), { timeout: 30_000 }).toBe('cars_noisy.csv');
    await page.getByTestId('analyse').getByRole('button', { name: 'Analyse' }).click();
    await review().waitFor({ timeout: 180_000 });
    // The key help names the key of every class: 1 Europe, 2 Japan, 3 USA.
    const legend = await review().getByTestId('class-keys').getByRole('listitem').allTextContents();
    expect(legend).toHaveLength(3);
    const keyOf = new Map(legend.map((text) => [text.slice(2), text[0]!] as const));
    const rows = reviewRows();
    const first = rows.first();
    const given = (await first.locator('.given .class').textContent())!.trim();
    const suggested = (await first.locator('.suggested .class').textContent())!.trim();
    const other = [...keyOf.keys()].find((name) => name !== given && name !== suggested)!;
    expect(other).toBeDefined();

    // A digit key: the first row becomes the class neither given nor suggested.
    await first.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(keyOf.get(other)!);
    await expect.poll(() => first.getAttribute('data-decision')).toBe('relabel');
    await expect(first.locator('.decision').textContent()).resolves.toContain(`relabelled → ${other}`);
    await expect.poll(() => tally('relabelled')).toBe(1);

    // The second row's class menu: the arrow keys only choose; Enter applies.
    const second = rows.nth(1);
    const menu = second.getByRole('combobox');
    await menu.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(menu.inputValue()).resolves.not.toBe('');
    await expect(second.getAttribute('data-decision')).resolves.toBe('none');
    await expect(second.getByRole('button', { name: 'Relabel' }).isEnabled()).resolves.toBe(true);
    expect(await tally('reviewed')).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => second.getAttribute('data-decision')).not.toBe('none');
    await expect.poll(() => tally('reviewed')).toBe(2);

    // Back on the first row: its given label again is a keep, not a change.
    const before = await tally('relabelled');
    await first.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(keyOf.get(given)!);
    await expect.poll(() => first.getAttribute('data-decision')).toBe('keep');
    const relabelled = await tally('relabelled');
    expect(relabelled).toBe(before - 1);
    await rows.nth(2).click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('x'); // and remove one row
    await expect.poll(() => tally('removed')).toBe(1);
    const exportPanel = page.getByTestId('export');
    await expect(exportPanel.getByTestId('export-tally').textContent()).resolves.toMatch(
      new RegExp(`^${relabelled} labels? changed, 1 row removed, 1 label kept as given`),
    );

    const removedRow = Number(await rows.nth(2).getAttribute('data-position'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exportPanel.getByRole('button', { name: 'Download the cleaned CSV' }).click(),
    ]);
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    const header = lines[0]!.split(',');
    const sourceRow = header.indexOf('source_row');
    expect(sourceRow).toBeGreaterThan(0);
    const numbers = lines.slice(1).map((line) => Number(line.split(',').at(sourceRow - header.length)));
    expect(numbers).toHaveLength(405);
    expect(numbers).not.toContain(removedRow);
    expect(numbers.slice(0, 2)).toEqual([2, 3]); // the header is row 1
    expect(lines.filter((line) => line.endsWith(',true'))).toHaveLength(relabelled);
    await expect(page.getByTestId('export-saved').textContent()).resolves.toMatch(
      new RegExp(`405 rows, ${relabelled} labels? changed, 1 row removed`),
    );
  });

  it('a file dropped on the drop zone is imported', async () => {
    const dropZone = page.getByRole('region', { name: 'Drop a CSV file here' });
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      const text = 'weight;kind\r\n1,5;x\r\n2,5;y\r\n3,5;x\r\n4,5;y\r\n5,5;x\r\n6,5;y\r\n';
      data.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      return data;
    });
    await dropZone.dispatchEvent('dragover', { dataTransfer: transfer });
    await dropZone.dispatchEvent('drop', { dataTransfer: transfer });
    await expect.poll(() => profile().locator('.source').textContent(), { timeout: 30_000 }).toBe('dropped.csv');
    await expect(page.getByTestId('stat-rows').textContent()).resolves.toBe('6');
    await expect(page.getByTestId('stat-columns').textContent()).resolves.toBe('2');
    // "1,5" with ";" between cells: numbers with a decimal comma.
    await expect(row('weight').textContent()).resolves.toMatch(/numeric.*decimal comma \(from 1,5 to 6,5\)/);
  });

  it('pasted text is imported', async () => {
    const rows = ['3,a', '1,b', '4,a', '1,b', '5,a', '9,b', '2,a', '6,b', '5,a', '3,b'];
    await page.getByLabel('Paste CSV').fill(`x;target\n${rows.join('\n').replaceAll(',', ';')}\n`);
    await page.getByRole('button', { name: 'Import pasted text' }).click();
    await expect.poll(() => profile().locator('.source').textContent()).toBe('pasted text');
    await expect(page.getByTestId('stat-rows').textContent()).resolves.toBe('10');
    await expect(page.getByTestId('ready').isVisible()).resolves.toBe(true);
  });

  it('a PNG renamed .csv is refused as an image, not read as text, and the previous profile stays', async () => {
    await page.getByTestId('file-input').setInputFiles(join(dir, 'photo.csv'));
    const failed = page.getByTestId('import-failed');
    await failed.waitFor({ timeout: 30_000 });
    const alert = failed.getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(/Could not use photo\.csv\. Still showing pasted text below/);
    const problem = alert.locator('[data-code="binary"]');
    await expect(problem.count()).resolves.toBe(1);
    await expect(problem.textContent()).resolves.toMatch(/^This is a PNG image, not a CSV file\. Load the CSV file/);
    await expect(alert.textContent()).resolves.not.toMatch(/Latin-1|Windows-1252/);
    await expect(profile().locator('.source').textContent()).resolves.toBe('pasted text');
    await expect(page.getByTestId('stat-rows').textContent()).resolves.toBe('10');
  });

  it('a Windows-1252 file loads with its accented names intact and the encoding notice among the warnings', async () => {
    await page.getByTestId('file-input').setInputFiles(join(dir, 'old-excel.csv'));
    await expect.poll(() => profile().locator('.source').textContent(), { timeout: 30_000 }).toBe('old-excel.csv');
    await expect(page.getByTestId('import-failed').count()).resolves.toBe(0);
    await expect(page.getByTestId('stat-rows').textContent()).resolves.toBe('60');
    await expect(row('Größe').textContent()).resolves.toContain('numeric');
    await expect(page.getByRole('combobox', { name: /predict/ }).inputValue()).resolves.toBe('6'); // Qualität, the last
    await expect(page.getByTestId('class-count').allTextContents()).resolves.toEqual(['30', '30']);
    const notice = page.getByRole('region', { name: 'Warnings' }).locator('[data-code="read-as-windows-1252"]');
    await expect(notice.isVisible()).resolves.toBe(true);
    await expect(notice.textContent()).resolves.toMatch(
      /^This file is not UTF-8 .*read as Windows-1252 \(Latin-1\).*for example on line 1: "Größe".*"CSV UTF-8"/,
    );
    await expect(profile().textContent()).resolves.toMatch(/süß/);
  });

  /** The record the page saved in IndexedDB (read with the raw API), or null. */
  const savedRecord = () =>
    page.evaluate(
      () =>
        new Promise<{ source: string; columns: { name: string; included: boolean }[] } | null>((resolve, reject) => {
          const open = indexedDB.open('data-centric-lab');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('your-data')) return resolve(null);
            const get = db.transaction('your-data').objectStore('your-data').get('current');
            get.onsuccess = () => resolve((get.result as never) ?? null);
            get.onerror = () => reject(get.error);
          };
        }),
    );

  it('the table and the user’s changes survive a reload', async () => {
    await page.getByRole('button', { name: /Wine/ }).click();
    await expect.poll(() => profile().locator('.source').textContent(), { timeout: 30_000 }).toBe('wine.csv');
    await row('alcohol').getByRole('checkbox').uncheck();
    await expect
      .poll(async () => (await savedRecord())?.columns.find((c) => c.name === 'alcohol')?.included)
      .toBe(false);
    await expect(page.getByTestId('stored-here').textContent()).resolves.toMatch(/only in this browser/);
    await page.reload();
    await expect.poll(() => profile().locator('.source').textContent(), { timeout: 30_000 }).toBe('wine.csv');
    await expect(page.getByTestId('restored').textContent()).resolves.toBe('Restored wine.csv from this browser.');
    await expect(page.getByTestId('stat-rows').textContent()).resolves.toBe('178');
    await expect(page.getByTestId('class-count').allTextContents()).resolves.toEqual(['59', '71', '48']);
    await expect(row('alcohol').getByRole('checkbox').isChecked()).resolves.toBe(false);
    await expect(row('malic_acid').getByRole('checkbox').isChecked()).resolves.toBe(true);
  });

  it('“Forget this data set” deletes it: after a reload the page is empty', async () => {
    await page.getByRole('button', { name: 'Forget this data set' }).click();
    await expect(profile().count()).resolves.toBe(0);
    await expect.poll(() => savedRecord()).toBeNull();
    await page.reload();
    await expect(page.locator('h1').textContent()).resolves.toBe('Your own data');
    await page.getByRole('button', { name: /Wine/ }).waitFor();
    await expect(profile().count()).resolves.toBe(0);
    await expect(page.getByTestId('restored').count()).resolves.toBe(0);
  });

  it('with eight classes the noise matrix takes the report’s width, under the per-class table', async () => {
    // Eight well-separated classes, one label in ten of each moved to the next class: a matrix worth reading.
    const lines = ['a,b,c,d,e,f,g,h,disease'];
    for (let i = 0; i < 480; i++) {
      const y = i % 8;
      const x = Array.from({ length: 8 }, (_, t) =>
        ((t === y ? 4 : 0) + Math.sin(i * 12.9898 + t * 78.233) * 1.2).toFixed(3),
      );
      lines.push(`${x.join(',')},disease-${Math.floor(i / 8) % 10 === 0 ? ((y + 1) % 8) + 1 : y + 1}`);
    }
    writeFileSync(join(dir, 'eight.csv'), lines.join('\n'));
    await page.getByTestId('file-input').setInputFiles(join(dir, 'eight.csv'));
    await expect.poll(() => profile().locator('.source').textContent(), { timeout: 30_000 }).toBe('eight.csv');
    await page.getByTestId('analyse').getByRole('button', { name: 'Analyse' }).click();
    await page.getByTestId('worth-report').waitFor({ timeout: 120_000 });
    const matrix = page.getByTestId('worth-matrix');
    await matrix.locator('svg').first().waitFor();
    await expect(matrix.locator('xpath=..').getAttribute('class')).resolves.toMatch(/\bstacked\b/);
    const [chart, report] = await Promise.all([matrix.boundingBox(), page.getByTestId('worth-report').boundingBox()]);
    expect(chart!.width / report!.width).toBeGreaterThan(0.8);
    const table = await page.getByTestId('worth-class-noise').boundingBox();
    expect(chart!.y).toBeGreaterThan(table!.y + table!.height - 1);
  });

  it('made no request outside its own origin, and logged no errors', () => {
    const origin = new URL(harness.url).origin;
    const outside = harness.requests.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url));
    expect(outside).toEqual([]);
    expect(harness.requests.some((url) => url.endsWith('/data/tabular/wine.csv'))).toBe(true);
    expect(harness.consoleErrors).toEqual([]);
  });
});
