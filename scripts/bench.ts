/**
 * `npm run bench`: speed of the default digits sweep (logistic regression;
 * sizes 50…1250; clean and 10% noise; 5 seeds = 80 fits)
 *   1. in Node, on the same engine and models (wasm backend),
 *   2. in headless Chromium through the real worker pool, driving lesson 1's
 *      curve cell in the built app (needs `npm run build`),
 *   3. in scikit-learn on the very same training sets, when Debian's python3
 *      has sklearn (python3-sklearn); skipped otherwise.
 * Prints figures only; nothing here asserts a timing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { TrialPreparer } from '../src/engine/trial.ts';
import { planSweep, type SweepSpec } from '../src/engine/sweep.ts';
import { meanSd } from '../src/engine/metrics.ts';
import { loadDatasetFile } from '../src/cli/loadDatasetFile.ts';
import { runSweepInNode } from '../src/cli/runSweep.ts';
import { quietTfjsBanner } from '../src/cli/quietTfjsBanner.ts';
import { startHarness, ROOT } from './previewBrowser.ts';
import { detectInNode } from '../src/cli/detectInNode.ts';
import { REVIEW_DEFAULTS } from '../src/notebook/cellSchemas.ts';
import { DATASETS } from '../src/engine/datasets.ts';

const digitsX = (await loadDatasetFile('digits')).x;

const SWEEP: SweepSpec = {
  dataset: 'digits',
  model: 'logreg',
  sizes: [50, 100, 200, 300, 500, 750, 1000, 1250],
  noise: { kind: 'uniform', rate: 0.1 },
  seeds: 5,
  firstSeed: 0,
  n0: 200,
};
const FITS = planSweep(SWEEP).length;
const rows: string[][] = [];
const row = (...cells: string[]) => rows.push(cells);
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

quietTfjsBanner();

async function benchNode(): Promise<number> {
  const result = await runSweepInNode(SWEEP, { backend: 'wasm' });
  const accuracy = meanSd(result.outcomes.map((o) => o.accuracy)).mean;
  row(
    'Node (1 thread)',
    result.backend,
    fmt(result.milliseconds),
    `${(result.milliseconds / FITS).toFixed(0)} ms`,
    `${(100 * accuracy).toFixed(2)}%`,
  );
  return result.milliseconds;
}

async function benchChromium(): Promise<number | null> {
  if (!existsSync(`${ROOT}dist/index.html`)) {
    row('Chromium workers', 'skipped: run `npm run build` first', '', '', '');
    return null;
  }
  const harness = await startHarness();
  try {
    const page = await harness.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({
        type: 'longtask',
        buffered: true,
      });
    });
    await page.goto(`${harness.url}#/01-clean-vs-more-data`);
    const badge = page.locator('[data-testid="backend"]');
    await page.waitForSelector(
      '[data-testid="backend"][data-backend="wasm"], [data-testid="backend"][data-backend="cpu"]',
      { timeout: 60_000 },
    );
    const backend = (await badge.getAttribute('data-backend')) ?? '?';
    const workers = (await badge.textContent())?.match(/(\d+)\s+workers?/)?.[1] ?? '?';
    const cell = page.locator('[data-cell-id="curve"]');
    // Warm-up run (loads the data set and compiles kernels in every worker), then the timed run.
    const timed = async () => {
      await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
      const t0 = Date.now();
      await cell.locator('[data-action="run"]').click();
      await page.waitForSelector('[data-cell-id="curve"][data-status="running"]');
      await page.waitForSelector('[data-cell-id="curve"][data-status="done"]', { timeout: 600_000 });
      return Date.now() - t0;
    };
    await timed();
    const ms = await timed();
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    // Mean accuracy over all fits, from the cell's data table (every entry is a mean over the same 5 seeds):
    // the clean and noisy columns, graded on the true test labels (not the column graded on noisy ones).
    const cells = await cell
      .locator('.data-table tbody tr')
      .evaluateAll((rows) =>
        rows.flatMap((row) => [...row.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent ?? '')),
      );
    const means = cells.map((text) => Number(text.match(/^([\d.]+)%/)?.[1]) / 100);
    const accuracy = meanSd(means).mean;
    row(
      `Chromium, ${workers} workers`,
      backend,
      fmt(ms),
      `${(ms / FITS).toFixed(0)} ms`,
      `${(100 * accuracy).toFixed(2)}%`,
    );
    process.stdout.write(
      `Chromium main thread: ${longTasks.length} long tasks (> 50 ms) during the timed sweep${longTasks.length ? `, longest ${Math.max(...longTasks).toFixed(0)} ms` : ''}\n`,
    );
    return ms;
  } finally {
    await harness.close();
  }
}

async function benchSklearn(): Promise<number | null> {
  const python = '/usr/bin/python3';
  const probe = spawnSync(python, ['-c', 'import sklearn; print(sklearn.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    row('scikit-learn', 'skipped: /usr/bin/python3 has no sklearn (apt-get install python3-sklearn)', '', '', '');
    return null;
  }
  const preparer = new TrialPreparer(await loadDatasetFile('digits'));
  const trials = planSweep(SWEEP).map((spec) => {
    const { train } = preparer.prepare(spec);
    return { x: Array.from(train.x), y: Array.from(train.y) };
  });
  const job = { d: 64, test: { x: Array.from(preparer.test.x), y: Array.from(preparer.test.y) }, trials };
  const run = spawnSync(python, [`${ROOT}scripts/bench_sklearn.py`], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) {
    row('scikit-learn', `failed: ${run.stderr.trim().split('\n').at(-1)}`, '', '', '');
    return null;
  }
  const out = JSON.parse(run.stdout) as { seconds: number; fits: number; accuracies: number[] };
  const accuracy = meanSd(out.accuracies).mean;
  row(
    `scikit-learn ${probe.stdout.trim()}`,
    'lbfgs, float64',
    fmt(out.seconds * 1000),
    `${((out.seconds * 1000) / out.fits).toFixed(0)} ms`,
    `${(100 * accuracy).toFixed(2)}%`,
  );
  return out.seconds * 1000;
}

/** Confident-learning detection on digits with 20% uniform noise (5-fold logistic-regression probabilities). */
async function benchDetection(): Promise<void> {
  const params = { ...REVIEW_DEFAULTS, size: DATASETS.digits.poolSize, noise: { kind: 'uniform', rate: 0.2 } as const };
  await detectInNode(params); // warm-up
  const result = await detectInNode(params);
  const { flags, seconds } = result;
  process.stdout.write(
    `\nConfident-learning detection, digits (${params.size} rows, 20% uniform noise, 5-fold logreg, default filter), Node wasm:\n` +
      `  flagged ${flags.flagged}, precision ${flags.precision.toFixed(3)}, recall ${flags.recall.toFixed(3)}, ` +
      `F1 ${flags.f1.toFixed(3)} (cleanlab 2.9 + scikit-learn on this setting: 0.906)\n` +
      `  noise rate estimated ${(100 * result.detection.estimatedNoiseRate).toFixed(1)}% (true ${((100 * result.flipped.length) / params.size).toFixed(1)}%)\n` +
      `  time: probabilities ${fmt(seconds.probabilities * 1000)}, filter ${(seconds.filter * 1000).toFixed(0)} ms, ` +
      `whole detection ${fmt((seconds.probabilities + seconds.filter) * 1000)}\n`,
  );
  const python = '/usr/bin/python3';
  const job = {
    d: 64,
    x: Array.from(result.rows).flatMap((row) => Array.from(digitsX.subarray(row * 64, row * 64 + 64))),
    y: Array.from(result.givenLabels),
  };
  const run = spawnSync(python, [`${ROOT}scripts/bench_sklearn_cv.py`], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.status === 0) {
    const { seconds: sk } = JSON.parse(run.stdout) as { seconds: number };
    process.stdout.write(
      `  scikit-learn 5-fold cross_val_predict on the same labels: ${fmt(sk * 1000)} ` +
        `(cleanlab's filter adds well under a second); ratio ours / scikit-learn's probabilities: ${(seconds.probabilities / sk).toFixed(2)}×\n`,
    );
  } else {
    process.stdout.write('  scikit-learn reference skipped (no python3-sklearn)\n');
  }
}

process.stdout.write(
  `Default digits sweep: logreg, sizes ${SWEEP.sizes.join(', ')}, clean + 10% noise, ${SWEEP.seeds} seeds = ${FITS} fits\n\n`,
);
const node = await benchNode();
const sklearn = await benchSklearn();
const browser = await benchChromium();
const widths = [0, 1, 2, 3, 4].map((i) =>
  Math.max(...[['where', 'backend', 'wall', 'per fit', 'mean accuracy'], ...rows].map((r) => (r[i] ?? '').length)),
);
for (const r of [['where', 'backend', 'wall', 'per fit', 'mean accuracy'], ...rows]) {
  process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
}
await benchDetection();
if (sklearn) {
  process.stdout.write(
    `\nratio to scikit-learn: Node ${(node / sklearn).toFixed(2)}×${browser ? `, Chromium ${(browser / sklearn).toFixed(2)}×` : ''}\n`,
  );
}
