import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const LESSON = '#/01-clean-vs-more-data';

/** A tiny model of the reader's own, trained with lab.fit on digits. */
const TINY = `const model = tf.sequential({ layers: [
  tf.layers.dense({ inputShape: [64], units: 16, activation: 'relu' }),
  tf.layers.dense({ units: 10, activation: 'softmax' }),
] });
const r = await lab.fit(model, { dataset: 'digits', size: 200, noise: 0.1, seed: 1, epochs: 3 });
return { accuracy: r.accuracy, epochs: r.epochs, backend: tf.getBackend() };`;

describe('your own TF.js model in a code cell (built app, headless Chromium)', () => {
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
  /** Tensors alive in the code worker before any model ran. */
  let before = NaN;
  const settled = () =>
    page.waitForSelector('[data-cell-id="tryCode"]:is([data-status="done"], [data-status="error"])', {
      timeout: 60_000,
    });

  async function run(code: string): Promise<void> {
    await cell()
      .getByLabel(/JavaScript/)
      .fill(code);
    await cell().locator('[data-action="run"]').click();
    await settled();
  }

  const json = async () => JSON.parse((await cell().locator('[data-testid="code-json"]').textContent()) ?? 'null');
  const tensors = async () => {
    await run('return tf.memory().numTensors;');
    const errors = await cell().locator('[data-testid="code-error"]').allTextContents();
    expect(errors).toEqual([]);
    return Number(await cell().locator('[data-testid="code-number"]').textContent());
  };

  it('tf.sequential trained with lab.fit on wasm: accuracy in (0, 1], a printed line per epoch, no tensors left', async () => {
    before = await tensors();
    expect(before).toBeGreaterThanOrEqual(0);
    await run(TINY);
    await expect(cell().locator('[data-testid="code-error"]').count()).resolves.toBe(0);
    const result = await json();
    expect(result.backend).toBe('wasm');
    expect(result.epochs).toBe(3);
    expect(typeof result.accuracy).toBe('number');
    expect(result.accuracy).toBeGreaterThan(0);
    expect(result.accuracy).toBeLessThanOrEqual(1);
    const logs = (await cell().locator('[data-testid="code-logs"]').textContent()) ?? '';
    expect(logs.split('\n').filter((line) => /^epoch [123]\/3: loss /.test(line))).toHaveLength(3);
    await expect(tensors()).resolves.toBe(before);
  });

  it('Stop ends a long fit at once, after its progress showed live a line per epoch; the next run works', async () => {
    await cell()
      .getByLabel(/JavaScript/)
      .fill(TINY.replace('epochs: 3', 'epochs: 1000'));
    await cell().locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="tryCode"][data-status="running"]');
    // While it runs, the last lines printed so far: the epochs as they end.
    const live = cell().locator('[data-testid="code-live"]');
    await expect
      .poll(async () => (await live.textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/^epoch \d+\/1000: loss /m);
    await expect(page.locator('[data-cell-id="tryCode"]').getAttribute('data-status')).resolves.toBe('running');
    expect(((await live.textContent()) ?? '').split('\n').length).toBeLessThanOrEqual(6);
    await cell().locator('[data-action="stop"]').click();
    await page.waitForSelector('[data-cell-id="tryCode"][data-status="idle"]', { timeout: 10_000 });
    await expect(cell().locator('[data-testid="code-stopped"]').isVisible()).resolves.toBe(true);
    await run(TINY);
    expect((await json()).epochs).toBe(3);
    // Nothing left behind by the stopped fit (its worker is gone) nor by the run after it.
    await expect(tensors()).resolves.toBe(before);
  });

  it('logged no console errors', () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});
