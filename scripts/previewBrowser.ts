/**
 * The built app in a real browser, for the end-to-end tests, the benchmark and
 * the screenshot: dist/ served by Vite's preview server under a sub-path, and
 * Debian's Chromium driven by playwright-core. Nothing downloads a browser. Every request the page makes is recorded, so a test
 * can assert the app stays on its own origin.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** A sub-path, to check that dist/ works wherever it is served. */
export const BASE = '/some/sub/path/';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The built app to serve: dist/ unless DCL_DIST names another directory (`vite build --outDir …`). */
export const DIST = process.env.DCL_DIST ?? join(ROOT, 'dist');

export interface Harness {
  readonly url: string;
  readonly context: BrowserContext;
  readonly requests: string[];
  readonly consoleErrors: string[];
  newPage(): Promise<Page>;
  /** Stops the preview server: from then on the page reaches nothing but what its service worker cached. */
  stopServer(): Promise<void>;
  /** Serves again on the same origin (same port), from `dist` if given (another build), else from DIST. */
  startServer(dist?: string): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** 'block' keeps the app's service worker from registering, for measurements that need every load cold. */
  readonly serviceWorkers?: 'allow' | 'block';
  /** A device to emulate instead of a 1280×900 desktop window, e.g. a phone: 390×844, scale 3, mobile, touch. */
  readonly device?: {
    readonly viewport: { readonly width: number; readonly height: number };
    readonly deviceScaleFactor: number;
    readonly isMobile: boolean;
    readonly hasTouch: boolean;
  };
}

/** Vite's preview server for a built app, under BASE; port 0 picks a free one. */
async function servePreview(dist: string, port: number): Promise<PreviewServer> {
  return preview({
    root: ROOT,
    base: BASE,
    logLevel: 'error',
    build: { outDir: dist },
    preview: { port, strictPort: port !== 0, host: '127.0.0.1', open: false },
  });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST} has no index.html: run \`npm run build\` first (npm test does it for you)`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  let server: PreviewServer | null = await servePreview(DIST, 0);
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  const port = address.port;
  const url = `http://127.0.0.1:${port}${BASE}`;
  const profile = mkdtempSync(join(tmpdir(), 'dcl-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    ...options.device,
    serviceWorkers: options.serviceWorkers ?? 'allow',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  return {
    url,
    context,
    requests,
    consoleErrors,
    async newPage() {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      return page;
    },
    async stopServer() {
      await server?.close();
      server = null;
    },
    async startServer(dist = DIST) {
      await server?.close();
      server = await servePreview(dist, port);
    },
    async close() {
      await context.close();
      await server?.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
