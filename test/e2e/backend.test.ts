/**
 * The page's TF.js backend in headless Chromium (no GPU): chosen
 * automatically it is WebAssembly, and the page says why; ?backend= forces
 * WebGL (SwiftShader renders it here) or WebGPU (no adapter here: the workers
 * fall back to WebAssembly and the page says so); an unknown value is named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const LESSON = '#/01-clean-vs-more-data';
const CODE = `const m = await lab.trainModel({ dataset: 'digits', size: 200, noise: 0.1, seed: 3, model: 'logreg', validation: 100 });
const build = () => tf.sequential({ layers: [tf.layers.dense({
  inputShape: [64], units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
})] });
const options = { dataset: 'digits', size: 200, noise: 0.1, seed: 1, epochs: 2 };
const r = await lab.fit(build(), options);
const again = await lab.fit(build(), options);
return { trained: m.accuracy, fitted: r.accuracy, again: again.accuracy, backend: tf.getBackend() };`;

describe('the backend the page trains on (built app, headless Chromium)', () => {
  let harness: Harness;
  /** The logistic regression's clean test accuracy on WebAssembly (the first test). */
  let onWasm = NaN;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function open(query: string): Promise<Page> {
    const page = await harness.newPage();
    await page.goto(`${harness.url}${query}${LESSON}`);
    await page.waitForSelector('[data-testid="backend"]:not([data-backend="starting"])', { timeout: 60_000 });
    return page;
  }

  const why = async (page: Page) => {
    await page.locator('[data-testid="backend-why"] summary').click();
    return (await page.locator('[data-testid="backend-why"] p').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
  };

  async function runCode(page: Page) {
    const cell = page.locator('[data-cell-id="tryCode"]');
    await cell.getByLabel(/JavaScript/).fill(CODE);
    await cell.locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="tryCode"]:is([data-status="done"], [data-status="error"])', {
      timeout: 120_000,
    });
    expect(await cell.locator('[data-testid="code-error"]').allTextContents()).toEqual([]);
    return JSON.parse((await cell.locator('[data-testid="code-json"]').textContent()) ?? 'null');
  }

  it('chosen automatically without a GPU: WebAssembly, and the page says why', async () => {
    const page = await open('');
    expect(await page.locator('[data-testid="backend"]').getAttribute('data-backend')).toBe('wasm');
    expect(await why(page)).toMatch(
      /^WebAssembly: no GPU to use \(.*(WebGL renders in software: \w+|no WebGL 2)\), so WebAssembly\./,
    );
    const result = await runCode(page);
    expect(result.backend).toBe('wasm');
    expect(result.trained).toBeGreaterThan(0.5);
    expect(result.again).toBe(result.fitted); // deterministic: the same seeded fit twice
    onWasm = result.trained;
    await page.close();
  });

  it('?backend=webgl forces WebGL in every worker, and cells still train', async () => {
    const page = await open('?backend=webgl');
    expect(await page.locator('[data-testid="backend"]').getAttribute('data-backend')).toBe('webgl');
    expect(await why(page)).toMatch(/^WebGL: forced by \?backend=webgl\./);
    const result = await runCode(page);
    expect(result.backend).toBe('webgl');
    // The same fit on another backend rounds differently, but must land close to WebAssembly's.
    expect(Math.abs(result.trained - onWasm)).toBeLessThan(0.03);
    expect(result.fitted).toBeGreaterThan(0);
    expect(result.fitted).toBeLessThanOrEqual(1);
    expect(result.again).toBe(result.fitted); // deterministic on this backend too
    await page.close();
  });

  it('?backend=webgpu without an adapter falls back to WebAssembly and says so; an unknown backend is named', async () => {
    const page = await open('?backend=webgpu');
    const badge = page.locator('[data-testid="backend"]');
    if ((await badge.getAttribute('data-backend')) !== 'webgpu') {
      expect(await badge.getAttribute('data-backend')).toBe('wasm');
      const text = async () => (await badge.textContent())?.replace(/\s+/g, ' ');
      await expect.poll(text, { timeout: 30_000 }).toMatch(/webgpu failed in \d workers?, using wasm there/);
      expect(await badge.locator('.warn').getAttribute('title')).toMatch(/no WebGPU/);
      expect(await why(page)).toMatch(
        /WebGPU was chosen \(forced by \?backend=webgpu\), but it did not start, so WebAssembly/,
      );
    }
    await page.close();
    const unknown = await open('?backend=gpu');
    expect(await unknown.locator('[data-testid="backend"]').getAttribute('data-backend')).toBe('wasm');
    await expect
      .poll(async () => (await unknown.locator('[data-testid="backend"]').textContent())?.replace(/\s+/g, ' '))
      .toMatch(/\?backend=gpu is not a backend the lab knows \(use one of wasm, webgl, webgpu, cpu\)/);
    await unknown.close();
  });
});
