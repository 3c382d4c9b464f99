/**
 * Code cells share their costliest results through IndexedDB (src/workers/labStore.ts):
 * in the built app, a code cell's run leaves capped, timestamped records in
 * 'dcl-lab-results'; after a reload (new workers, no memo) the same run finds
 * them — no new record — and prints the same lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const SLUG = '05-error-analysis-by-slice';

describe('the lab results store in headless Chromium (built app): lesson 05, weakest slice', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const cell = () => page.locator('[data-cell-id="weakest"]');
  /** Runs the cell small (200 images, one seed) and returns its printed lines. */
  const runSmall = async (): Promise<string> => {
    await page.goto(`${harness.url}#/${SLUG}`);
    await cell().waitFor();
    await cell().getByLabel('Training images').fill('200');
    await cell().getByLabel(/Seeds/).fill('1');
    await cell().locator('[data-action="run"]').first().click();
    await page.waitForSelector('[data-cell-id="weakest"][data-status="done"]', { timeout: 90_000 });
    return cell().locator('[data-testid="code-result"]').innerText();
  };
  /** The database's version and its records' write times, read in the page. */
  const records = () =>
    page.evaluate(
      () =>
        new Promise<{ version: number; stores: string[]; at: unknown[] }>((resolve, reject) => {
          const request = indexedDB.open('dcl-lab-results');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const db = request.result;
            const tx = db.transaction('results', 'readonly');
            const all = tx.objectStore('results').getAll();
            all.onsuccess = () => {
              resolve({
                version: db.version,
                stores: [...db.objectStoreNames],
                at: (all.result as { at: unknown }[]).map((r) => r.at),
              });
              db.close();
            };
          };
        }),
    );

  let first = '';
  let kept = 0;

  it('a run keeps its costly results, each with its write time, in version 2 of the store', async () => {
    first = await runSmall();
    expect(first).toMatch(/gap -?\d+\.\d points/);
    // Writes finish in the background after the result: wait for them.
    await expect.poll(async () => (await records()).at.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const { version, stores, at } = await records();
    expect(version).toBe(2);
    expect(stores).toEqual(['results']);
    expect(at.every((t) => typeof t === 'number' && t > 0)).toBe(true);
    kept = at.length;
  });

  it('after a reload the same run takes them from the store: same lines, no new record', async () => {
    const again = await runSmall();
    expect(again).toBe(first);
    expect((await records()).at.length).toBe(kept);
  });
});
