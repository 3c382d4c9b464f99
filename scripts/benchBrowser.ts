/**
 * The Chromium side of `npm run bench`: the built app (DCL_DIST or dist/) on
 * Vite's preview server, driven like a reader would — every workload runs in
 * the real worker pool by clicking a cell's Run button:
 *
 *   render     lesson 1 from navigation start to its h1 and cells in the DOM,
 *              cold (HTTP cache disabled) and warm;
 *   digits     lesson 1's curve cell as shipped (80 fits);
 *   memory     more digits sweeps until ~1,000 fits, reading every worker's
 *              TF.js memory, wasm heap and JS heap (after gc) over CDP;
 *   fashion    the same cell's "Ng's slide" preset (60 fits);
 *   detection  lesson 4's review cell set to the bench's setting.
 *
 * A PerformanceObserver in the page records main-thread long tasks (> 50 ms)
 * during every run, warm-ups included.
 */
import type { BrowserContext, CDPSession, Locator, Page } from 'playwright-core';
import { startHarness, type Harness } from './previewBrowser.ts';

const LESSON_1 = '#/01-clean-vs-more-data';
const LESSON_4 = '#/04-finding-label-errors';
const RUN_TIMEOUT_MS = 600_000;

interface BenchGlobals {
  __bench: { longTasks: { start: number; duration: number }[]; rendered: number | null };
}

/** Installed in every page before its scripts: the long-task log and the lesson-rendered marker. */
function pageProbe(): void {
  const w = window as unknown as BenchGlobals;
  w.__bench = { longTasks: [], rendered: null };
  new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => w.__bench.longTasks.push({ start: e.startTime, duration: e.duration })),
  ).observe({ type: 'longtask', buffered: true });
  const observer = new MutationObserver(() => {
    if (w.__bench.rendered === null && document.querySelector('h1') && document.querySelector('[data-cell-id]')) {
      w.__bench.rendered = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

export interface CellRun {
  readonly milliseconds: number;
  /** Durations of main-thread long tasks that started during the run. */
  readonly longTasks: number[];
}

/**
 * Clicks a cell's Run button (from a task, so its handler counts as one) and
 * waits until the cell has gone through queued/running to done; timed in the page.
 */
async function runCell(page: Page, cellId: string): Promise<CellRun> {
  return page.evaluate(
    ({ cellId, timeout }) =>
      new Promise<CellRun>((resolve, reject) => {
        const w = window as unknown as BenchGlobals;
        const cell = document.querySelector(`[data-cell-id="${cellId}"]`);
        const button = cell?.querySelector<HTMLButtonElement>('[data-action="run"]');
        if (!cell || !button) return reject(new Error(`no cell "${cellId}" with a Run button`));
        let started = 0;
        let busy = false;
        const timer = setTimeout(() => reject(new Error(`cell "${cellId}" did not finish`)), timeout);
        // A run the page answers from its caches never shows as busy: say so instead of waiting for the timeout.
        const idle = setTimeout(() => {
          if (busy) return;
          observer.disconnect();
          clearTimeout(timer);
          reject(new Error(`cell "${cellId}" never started running (were all its results reused?)`));
        }, 5_000);
        const observer = new MutationObserver((records) => {
          for (const r of records) if (r.oldValue === 'running' || r.oldValue === 'queued') busy = true;
          const status = cell.getAttribute('data-status');
          if (status === 'running' || status === 'queued') busy = true;
          if (!busy) return;
          clearTimeout(idle);
          if (status === 'error') {
            observer.disconnect();
            clearTimeout(timer);
            reject(new Error(`cell "${cellId}" failed: ${cell.querySelector('[role="alert"]')?.textContent ?? ''}`));
          } else if (status === 'done') {
            const ended = performance.now();
            observer.disconnect();
            clearTimeout(timer);
            // Long-task entries arrive a little after the task: give them a moment.
            setTimeout(() => {
              const longTasks = w.__bench.longTasks
                .filter((t) => t.start >= started - 1 && t.start <= ended)
                .map((t) => t.duration);
              resolve({ milliseconds: ended - started, longTasks });
            }, 250);
          }
        });
        observer.observe(cell, { attributes: true, attributeFilter: ['data-status'], attributeOldValue: true });
        setTimeout(() => {
          started = performance.now();
          button.click();
        }, 0);
      }),
    { cellId, timeout: RUN_TIMEOUT_MS },
  );
}

export interface WorkerMemory {
  readonly numTensors: number | null;
  readonly numBytes: number | null;
  readonly wasmHeap: number | null;
  /** V8 heap in use after a forced gc. */
  readonly jsHeap: number | null;
}

export interface MemorySample {
  /** Fits the page had run when sampled. */
  readonly fits: number;
  readonly workers: WorkerMemory[];
  /** The page's own JS heap after gc, for contrast. */
  readonly mainJsHeap: number;
}

/**
 * A CDP view of the page's dedicated workers (attached without flattening,
 * commands relayed through the page session): the app exposes nothing for
 * this, and needs not — TF.js keeps its engine at `self._tfengine`.
 */
async function workerProbe(context: BrowserContext, page: Page) {
  const cdp: CDPSession = await context.newCDPSession(page);
  const sessions = new Set<string>();
  const pending = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  const events = cdp as unknown as { on(event: string, handler: (e: Record<string, unknown>) => void): void };
  events.on('Target.attachedToTarget', (e) => {
    const info = e.targetInfo as { type: string };
    if (info.type === 'worker') sessions.add(e.sessionId as string);
  });
  events.on('Target.detachedFromTarget', (e) => void sessions.delete(e.sessionId as string));
  events.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message as string) as { id: number; result?: unknown; error?: { message: string } };
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const { product: version } = await cdp.send('Browser.getVersion');
  let nextId = 1;
  const call = <T>(sessionId: string, method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method} timed out`));
      }, 15_000);
      pending.set(id, (message) => {
        clearTimeout(timer);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result as T);
      });
      cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch(reject);
    });
  const expression = `JSON.stringify((() => {
    const engine = self._tfengine;
    const memory = engine ? engine.memory() : null;
    const heap = engine && engine.backendInstance && engine.backendInstance.wasm && engine.backendInstance.wasm.HEAPU8;
    return { numTensors: memory ? memory.numTensors : null, numBytes: memory ? memory.numBytes : null,
             wasmHeap: heap ? heap.byteLength : null };
  })())`;
  return {
    /** e.g. "HeadlessChrome/156.0.8078.108". */
    version,
    async sample(fits: number): Promise<MemorySample> {
      const workers = await Promise.all(
        [...sessions].map(async (session) => {
          await call(session, 'HeapProfiler.collectGarbage');
          const { usedSize } = await call<{ usedSize: number }>(session, 'Runtime.getHeapUsage');
          const { result } = await call<{ result: { value: string } }>(session, 'Runtime.evaluate', {
            expression,
            returnByValue: true,
          });
          return { ...(JSON.parse(result.value) as Omit<WorkerMemory, 'jsHeap'>), jsHeap: usedSize };
        }),
      );
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return { fits, workers, mainJsHeap: usedSize };
    },
  };
}

export interface SweepRun {
  readonly backend: string;
  readonly workers: string;
  readonly fits: number;
  /** Timed runs (after one warm-up), each on new seeds. */
  readonly milliseconds: number[];
  /** Mean clean-test accuracy per size, per arm, as the cell's data table shows it (0.1-point rounding). */
  /** From the first timed run (the lesson's seeds). */
  readonly means: { readonly clean: Map<number, number>; readonly noisy: Map<number, number> };
  /** Long tasks in every run of this workload, warm-up included. */
  readonly longTasks: number[];
  readonly runs: number;
}

/** The cell's data table: training-set size, mean clean-label accuracy, mean noisy-label accuracy. */
async function readCurveTable(cell: Locator) {
  const rows = await cell
    .locator('.data-table tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('th')?.textContent ?? '',
        ...[...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
      ]),
    );
  const clean = new Map<number, number>();
  const noisy = new Map<number, number>();
  const value = (text: string | undefined) => Number(text?.match(/^([\d.]+)%/)?.[1]) / 100;
  for (const [size, c, n] of rows) {
    const s = Number(size?.replace(/[^\d]/g, ''));
    clean.set(s, value(c));
    noisy.set(s, value(n));
  }
  return { clean, noisy };
}

export interface DetectionRun {
  readonly milliseconds: number[];
  /** Quality of the first timed run (the bench's seed). */
  readonly flagged: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly estimatedNoise: number;
  readonly trueNoise: number;
  readonly longTasks: number[];
  readonly runs: number;
}

export interface BrowserBench {
  readonly chromium: string;
  readonly render: {
    readonly coldMs: number[];
    readonly warmMs: number[];
    /** Main-thread long tasks from navigation until half a second after the lesson rendered, every load. */
    readonly longTasks: number[];
  };
  readonly digits: SweepRun;
  readonly memory: MemorySample[];
  readonly fashion: SweepRun;
  readonly detection: DetectionRun;
}

/** How one curve-cell workload runs: the "First seed" of each run (each run's seeds are new to the page). */
export interface SweepPlan {
  /** Fits in one run. */
  readonly fits: number;
  readonly warmUpSeed: number;
  /** One timed run per first seed; the first one's accuracies are read. */
  readonly timedSeeds: readonly number[];
  /** More runs after the timed ones (digits: up to the memory check's fit count). */
  readonly extraSeeds: readonly number[];
}

export interface BrowserBenchOptions {
  /** Page loads for each render figure. */
  readonly loads: number;
  readonly digits: SweepPlan;
  readonly fashion: SweepPlan;
  /** The review cell's setting, and the seed of the warm-up and of each timed run. */
  readonly detection: {
    readonly size: number;
    readonly folds: number;
    readonly noiseRate: number;
    readonly warmUpSeed: number;
    readonly timedSeeds: readonly number[];
  };
  readonly progress: (message: string) => void;
}

/** One fresh page loading lesson 1: ms from navigation start to the lesson in the DOM, and the long tasks of the load. */
async function lessonRender(harness: Harness, cold: boolean): Promise<{ ms: number; longTasks: number[] }> {
  const page = await harness.newPage();
  try {
    if (cold) {
      const cdp = await harness.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    }
    await page.goto(`${harness.url}${LESSON_1}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as BenchGlobals).__bench?.rendered != null, null, {
      timeout: 60_000,
    });
    return await page.evaluate(
      () =>
        new Promise<{ ms: number; longTasks: number[] }>((resolve) =>
          setTimeout(() => {
            const { rendered, longTasks } = (window as unknown as BenchGlobals).__bench;
            resolve({ ms: rendered!, longTasks: longTasks.map((t) => t.duration) });
          }, 500),
        ),
    );
  } finally {
    await page.close();
  }
}

/**
 * Runs a curve-cell workload: a warm-up, the timed runs, then any extra runs,
 * each with its own first seed — the page reuses finished trials, so a run
 * with seeds it has seen would train nothing.
 */
async function sweep(page: Page, cellId: string, plan: SweepPlan, onSample?: (fits: number) => Promise<void>) {
  const cell = page.locator(`[data-cell-id="${cellId}"]`);
  const run = async (seed: number) => {
    await cell.locator('input[name="seed"]').fill(String(seed));
    return runCell(page, cellId);
  };
  const warmUp = await run(plan.warmUpSeed);
  await onSample?.(plan.fits);
  const timed: CellRun[] = [];
  let means = null;
  for (const seed of plan.timedSeeds) {
    timed.push(await run(seed));
    means ??= await readCurveTable(cell);
  }
  const extra: CellRun[] = [];
  for (const seed of plan.extraSeeds) extra.push(await run(seed));
  const all = [warmUp, ...timed, ...extra];
  if (plan.extraSeeds.length) await onSample?.(plan.fits * all.length);
  return {
    fits: plan.fits,
    milliseconds: timed.map((r) => r.milliseconds),
    longTasks: all.flatMap((r) => r.longTasks),
    runs: all.length,
    means: means ?? { clean: new Map<number, number>(), noisy: new Map<number, number>() },
  };
}

export async function benchBrowser(options: BrowserBenchOptions): Promise<BrowserBench> {
  const { progress } = options;
  // Cold loads must be cold: a service worker would answer them from its cache.
  const harness = await startHarness({ serviceWorkers: 'block' });
  try {
    await harness.context.addInitScript(pageProbe);
    progress('Chromium: first render of lesson 1 (cold, then warm)');
    const loads = { cold: [] as number[], warm: [] as number[], longTasks: [] as number[] };
    for (const kind of ['cold', 'warm'] as const) {
      if (kind === 'warm') await lessonRender(harness, false); // fills the HTTP cache
      for (let i = 0; i < options.loads; i++) {
        const load = await lessonRender(harness, kind === 'cold');
        loads[kind].push(load.ms);
        loads.longTasks.push(...load.longTasks);
      }
    }

    const page = await harness.newPage();
    await page.goto(`${harness.url}${LESSON_1}`);
    await page.waitForSelector(
      '[data-testid="backend"][data-backend="wasm"], [data-testid="backend"][data-backend="cpu"]',
      { timeout: 60_000 },
    );
    const badge = page.locator('[data-testid="backend"]');
    const backend = (await badge.getAttribute('data-backend')) ?? '?';
    const workers = (await badge.textContent())?.match(/(\d+)\s+workers?/)?.[1] ?? '?';
    const probe = await workerProbe(harness.context, page);
    const chromium = probe.version.replace(/^\D*\//, '');

    progress('Chromium: default digits sweep, and more of them for the memory check');
    const memory: MemorySample[] = [];
    const digits: SweepRun = {
      backend,
      workers,
      ...(await sweep(page, 'curve', options.digits, async (fits) => void memory.push(await probe.sample(fits)))),
    };

    progress('Chromium: fashion "Ng\'s slide" preset sweep');
    await page.locator('[data-cell-id="curve"] button.preset', { hasText: "Ng's slide" }).click({ timeout: 10_000 });
    const fashion: SweepRun = { backend, workers, ...(await sweep(page, 'curve', options.fashion)) };

    progress('Chromium: confident-learning detection in lesson 4');
    await page.evaluate((hash) => void (location.hash = hash), LESSON_4);
    const review = page.locator('[data-cell-id="review"]');
    await review.waitFor({ timeout: 30_000 });
    const { size, folds, noiseRate } = options.detection;
    await review.locator('select[name="dataset"]').selectOption('digits');
    await review.locator('select[name="model"]').selectOption('logreg');
    await review.locator('select[name="noise-kind"]').selectOption('uniform');
    await review.locator('input[name="noise"]').fill(String(noiseRate));
    await review.locator('input[name="size"]').fill(String(size));
    await review.locator('input[name="folds"]').fill(String(folds));
    await review.locator('select[name="filter"]').selectOption('prune_by_noise_rate');
    // Every run on its own seed, in case the page reuses a detection it has seen; quality from the first timed run.
    const detect = async (seed: number) => {
      await review.locator('input[name="seed"]').fill(String(seed));
      return runCell(page, 'review');
    };
    const output = async (key: string) => (await review.locator(`[data-output="${key}"]`).textContent())?.trim() ?? '';
    const number = async (key: string) => {
      const text = await output(key);
      const value = Number(text.replace(/[^\d.]/g, ''));
      return text.endsWith('%') ? value / 100 : value;
    };
    const runs: CellRun[] = [await detect(options.detection.warmUpSeed)];
    let quality = null;
    for (const seed of options.detection.timedSeeds) {
      runs.push(await detect(seed));
      quality ??= {
        flagged: await number('flagged'),
        precision: await number('precision'),
        recall: await number('recall'),
        f1: await number('f1'),
        estimatedNoise: await number('estimatedNoise'),
        trueNoise: await number('trueNoise'),
      };
    }
    const detection: DetectionRun = {
      milliseconds: runs.slice(1).map((r) => r.milliseconds),
      longTasks: runs.flatMap((r) => r.longTasks),
      runs: runs.length,
      ...quality!,
    };
    if (harness.consoleErrors.length) progress(`Chromium console errors: ${harness.consoleErrors.join(' | ')}`);
    return {
      chromium,
      render: { coldMs: loads.cold, warmMs: loads.warm, longTasks: loads.longTasks },
      digits,
      memory,
      fashion,
      detection,
    };
  } finally {
    await harness.close();
  }
}
