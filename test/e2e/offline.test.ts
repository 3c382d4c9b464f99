import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BASE, DIST, startHarness, type Harness } from '../../scripts/previewBrowser.ts';

const LESSON = '#/01-clean-vs-more-data';
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

/** Every file of the build, as a path relative to it ('assets/index-….js', 'data/tabular/wine.csv', …). */
const builtFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split('\\').join('/'))
    .sort();

/** The app's URLs in the page's Cache Storage, relative to the app (without Workbox's revision query), per cache. */
const cachedFiles = (page: Page) =>
  page.evaluate(async (base) => {
    const out: Record<string, { path: string; revision: string | null }[]> = {};
    for (const name of await caches.keys()) {
      const requests = await (await caches.open(name)).keys();
      out[name] = requests.map((request) => {
        const url = new URL(request.url);
        return { path: url.pathname.slice(base.length), revision: url.searchParams.get('__WB_REVISION__') };
      });
    }
    return out;
  }, BASE);

/** Waits until a service worker is active and controls the page; returns its scope and script. */
const controlled = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
    }
    return { scope: registration.scope, script: navigator.serviceWorker.controller?.scriptURL };
  });

describe('offline: the built app works with no network after the first visit (service worker)', () => {
  let harness: Harness;
  let page: Page;
  let nextBuild: string;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
    await page.goto(harness.url + LESSON);
  });

  afterAll(async () => {
    await harness?.close();
    if (nextBuild) rmSync(nextBuild, { recursive: true, force: true });
  });

  const cell = (p: Page, id: string) => p.locator(`[data-cell-id="${id}"]`);

  it('the first visit installs a service worker scoped to the app’s sub-path that precaches every built file', async () => {
    await expect(controlled(page)).resolves.toEqual({ scope: harness.url, script: `${harness.url}sw.js` });
    const cached = await cachedFiles(page);
    const names = Object.keys(cached);
    expect(names).toHaveLength(1);
    const paths = cached[names[0]!]!.map((entry) => entry.path).sort();
    expect(paths).toEqual(builtFiles(DIST).filter((name) => name !== 'sw.js'));
    // The parts the app cannot start without: the shell, the three workers, the wasm binaries, the data.
    for (const file of ['index.html', 'data/index.json', 'data/digits.dcl.gz', 'data/tabular/wine.csv']) {
      expect(paths).toContain(file);
    }
    expect(paths.filter((p) => /^assets\/(trainer|table|code)\.worker-.+\.js$/.test(p))).toHaveLength(3);
    // README.md says how much the offline cache holds: within 0.3 MB of what this build precaches.
    const bytes = paths.reduce((sum, path) => sum + statSync(join(DIST, path)).size, 0);
    const stated = /precaches the app, its three workers.*?\(about ([\d.]+) MB\)/.exec(readme)?.[1];
    expect(stated, 'README.md: "precaches the app, its three workers, … (about N MB)"').toBeDefined();
    expect(Math.abs(Number(stated) - bytes / 1e6)).toBeLessThanOrEqual(0.3);
    expect(paths.filter((p) => /^assets\/tfjs-backend-wasm.*\.wasm$/.test(p)).length).toBeGreaterThanOrEqual(2);
  });

  it('offline, a reload renders the lesson and the wasm backend trains the playground and a curve preset', async () => {
    await harness.stopServer(); // nothing answers now but the service worker
    await harness.context.setOffline(true);
    await page.reload();
    await expect(page.locator('.prose h1').first().textContent()).resolves.toContain('Clean labels vs. more data');
    await page.waitForSelector('[data-testid="backend"][data-backend="wasm"]', { timeout: 30_000 });
    await page.waitForSelector('[data-cell-id="toy"][data-status="done"]', { timeout: 30_000 });
    await expect(cell(page, 'toy').locator('[data-testid="toy-accuracy"]').textContent()).resolves.toMatch(
      /^\d+\.\d%$/,
    );

    const curve = cell(page, 'curve');
    await curve.getByRole('button', { name: /Quick look/ }).click();
    await curve.locator('[data-action="run"]').click();
    await page.waitForSelector('[data-cell-id="curve"][data-status="done"]', { timeout: 90_000 });
    await expect(curve.locator('[data-testid="readout"]').textContent()).resolves.toMatch(
      /Cleaning the labels at N0 = 100/,
    );
  });

  it('offline, a new tab opens “Your own data” and loads the wine example', async () => {
    const data = await harness.newPage();
    await data.goto(harness.url + '#/data');
    await expect(data.locator('h1').textContent()).resolves.toBe('Your own data');
    await data.getByRole('button', { name: /Wine/ }).click();
    const source = () => data.getByTestId('profile').locator('.source').textContent();
    await expect.poll(source, { timeout: 30_000 }).toBe('wine.csv');
    await expect(data.getByTestId('stat-rows').textContent()).resolves.toBe('178');
    await expect(data.getByTestId('class-count').allTextContents()).resolves.toEqual(['59', '71', '48']);
    await data.close();
  });

  it('a new build replaces the old one: its worker takes over, says so, and the cache holds only the new files', async () => {
    // The next build: index.html changed, and sw.js lists its new revision (Workbox's is the file's MD5).
    nextBuild = mkdtempSync(join(tmpdir(), 'dcl-next-build-'));
    cpSync(DIST, nextBuild, { recursive: true });
    const indexPath = join(nextBuild, 'index.html');
    const html = readFileSync(indexPath, 'utf8').replace(
      '</head>',
      '  <meta name="dcl-build" content="next" />\n  </head>',
    );
    writeFileSync(indexPath, html);
    const revision = createHash('md5').update(html).digest('hex');
    const swPath = join(nextBuild, 'sw.js');
    const sw = readFileSync(swPath, 'utf8');
    const entry = /\{url:"index\.html",revision:"([0-9a-f]+)"\}/;
    const oldRevision = entry.exec(sw)?.[1];
    expect(oldRevision).toBeDefined();
    writeFileSync(swPath, sw.replace(entry, `{url:"index.html",revision:"${revision}"}`));

    await harness.startServer(nextBuild);
    await harness.context.setOffline(false);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect
      .poll(() => page.locator('.notices').textContent(), { timeout: 30_000 })
      .toMatch(/A new version of the lab is installed: reload the page/);
    // The new worker drops the old build's entries while it activates.
    const indexRevisions = async () =>
      Object.values(await cachedFiles(page)).map((entries) =>
        entries.filter((e) => e.path === 'index.html').map((e) => e.revision),
      );
    await expect.poll(indexRevisions, { timeout: 30_000 }).toEqual([[revision]]);

    // Offline again, a reload serves the new build from the cache.
    await harness.stopServer();
    await harness.context.setOffline(true);
    await page.reload();
    await expect(page.locator('meta[name="dcl-build"]').getAttribute('content')).resolves.toBe('next');
    await expect(page.locator('.prose h1').first().textContent()).resolves.toContain('Clean labels vs. more data');
  });

  it('made no request outside its own origin and logged no errors', () => {
    const origin = new URL(harness.url).origin;
    const outside = harness.requests.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url));
    expect(outside).toEqual([]);
    expect(harness.consoleErrors).toEqual([]);
  });
});
