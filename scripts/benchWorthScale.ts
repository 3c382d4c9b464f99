/**
 * The Worth analysis at the size the "Your own data" page promises — the
 * seeded 200,000 × 30 table of scripts/makeScaleTable.ts — to the end:
 *
 * - in Node, the way `lab worth` runs it, in a child process that reports its
 *   own wall time and peak resident memory (process.resourceUsage().maxRSS);
 * - in Chromium through the built app: picked in the file input, Analyse,
 *   until the report shows; meanwhile the progress line is read (fits done,
 *   time left) and the pool must not declare a worker dead.
 *
 * `npm run bench` runs it as its section 9; on its own:
 *
 *   npx vite build && npx tsx scripts/benchWorthScale.ts [--rows 200000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRESETS, writeScaleTable } from './makeScaleTable.ts';
import { ROOT, startHarness } from './previewBrowser.ts';
import { installScaleProbe, loadTableThroughPage } from './scaleLoad.ts';

export interface WorthScaleRun {
  readonly rows: number;
  readonly columns: number;
  /** Node: wall seconds, peak RSS in bytes, the verdict; null when it failed (with the error). */
  readonly node: {
    readonly seconds: number;
    readonly maxRss: number;
    readonly verdict: string;
    readonly fits: number;
  } | null;
  readonly nodeError: string | null;
  /** Chromium: seconds from Analyse to the report, the progress lines seen, whether one said the time left. */
  readonly browser: {
    readonly seconds: number;
    readonly progress: readonly string[];
    readonly timeLeftShown: boolean;
    /** The time left the page said at about a quarter, half and three quarters of the run, against what was left. */
    readonly timeLeftChecks: readonly { readonly at: number; readonly said: number; readonly actual: number }[];
    readonly verdict: string;
  } | null;
  readonly browserError: string | null;
}

/** The child's part: analyse `path` as `lab worth` would, print JSON with the time and the peak RSS. */
async function child(path: string): Promise<void> {
  const { quietTfjsBanner } = await import('../src/cli/quietTfjsBanner.ts');
  const { readCsvTable } = await import('../src/cli/readCsvTable.ts');
  const { initBackend } = await import('../src/model/backend.ts');
  const { analyseTable } = await import('../src/model/tabularWorth.ts');
  quietTfjsBanner();
  const started = performance.now();
  const { prepared } = await readCsvTable(path, { label: 'label', folds: 5, seed: 0 });
  await initBackend('wasm');
  const worth = await analyseTable(prepared, { seed: 0 });
  process.stdout.write(
    `${JSON.stringify({
      seconds: (performance.now() - started) / 1000,
      maxRss: process.resourceUsage().maxRSS * 1024,
      verdict: worth.report.verdict,
      fits: worth.fits,
    })}\n`,
  );
}

export async function benchWorthScale(options: {
  readonly progress: (message: string) => void;
  readonly rows?: number;
}): Promise<WorthScaleRun> {
  const rows = options.rows ?? PRESETS.tall.rows;
  const columns = PRESETS.tall.columns;
  const dir = mkdtempSync(join(tmpdir(), 'dcl-bench-worth-scale-'));
  const path = join(dir, `tall-${rows}x${columns}.csv`);
  await writeScaleTable(path, { rows, columns, seed: 0 });
  let node: WorthScaleRun['node'] = null;
  let nodeError: string | null = null;
  let browser: WorthScaleRun['browser'] = null;
  let browserError: string | null = null;
  try {
    options.progress(`Node: the Worth analysis of ${rows.toLocaleString('en-US')} × ${columns}`);
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/benchWorthScale.ts'), '--child', path],
      {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    if (run.status === 0 && last.startsWith('{')) node = JSON.parse(last);
    else nodeError = run.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${run.status}`;

    options.progress(`Chromium: the Worth analysis of ${rows.toLocaleString('en-US')} × ${columns}`);
    const harness = await startHarness({ serviceWorkers: 'block' });
    try {
      await installScaleProbe(harness.context);
      const page = await harness.newPage();
      await page.goto(`${harness.url}#/data`);
      await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 60_000 });
      await loadTableThroughPage(page, path, 600_000);
      const seen = new Set<string>();
      const said: { at: number; left: number }[] = [];
      const started = Date.now();
      await page.getByTestId('analyse').getByRole('button', { name: 'Analyse' }).click();
      const report = page.getByTestId('worth-report');
      while (!(await report.count())) {
        const failed = page.getByTestId('analyse-failed');
        if (await failed.count()) throw new Error((await failed.textContent()) ?? 'the analysis failed');
        const line = await page
          .getByTestId('analyse-progress')
          .textContent()
          .catch(() => null);
        if (line) seen.add(line.trim());
        const left = line ? parseTimeLeft(line) : null;
        if (left !== null) said.push({ at: (Date.now() - started) / 1000, left });
        if (Date.now() - started > 3_600_000) throw new Error('no report after an hour');
        await page.waitForTimeout(2_000);
      }
      const lines = [...seen];
      const total = (Date.now() - started) / 1000;
      const timeLeftChecks = [0.25, 0.5, 0.75].flatMap((share) => {
        const near = said.reduce<(typeof said)[number] | null>(
          (best, s) => (!best || Math.abs(s.at - share * total) < Math.abs(best.at - share * total) ? s : best),
          null,
        );
        return near ? [{ at: near.at, said: near.left, actual: total - near.at }] : [];
      });
      browser = {
        seconds: total,
        timeLeftChecks,
        progress: lines.length > 6 ? [...lines.slice(0, 3), '…', ...lines.slice(-2)] : lines,
        timeLeftShown: lines.some((l) => /left/.test(l)),
        verdict: (await report.getAttribute('data-verdict')) ?? '',
      };
      await page.getByTestId('forget').click();
    } finally {
      await harness.close();
    }
  } catch (error) {
    browserError = error instanceof Error ? error.message : String(error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, columns, node, nodeError, browser, browserError };
}

/** Seconds in "about 3 min 5 s left" / "about 40 s left" / "<1 s left", or null. */
export function parseTimeLeft(line: string): number | null {
  const m = /about (?:(\d+) min )?(\d+) s left/.exec(line);
  if (m) return Number(m[1] ?? 0) * 60 + Number(m[2]);
  return /<1 s left/.test(line) ? 0.5 : null;
}

/** The section's lines. */
export function worthScaleLines(run: WorthScaleRun): string[] {
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
  const size = `${run.rows.toLocaleString('en-US')} × ${run.columns}`;
  return [
    run.node
      ? `Node (lab worth): ${size} analysed in ${run.node.seconds.toFixed(0)} s, ${run.node.fits} models, peak RSS ${mb(run.node.maxRss)}, verdict ${run.node.verdict}`
      : `Node (lab worth): failed: ${run.nodeError}`,
    run.browser
      ? `Chromium (the page, Analyse → report): ${run.browser.seconds.toFixed(0)} s, verdict ${run.browser.verdict}; progress seen: ${run.browser.progress.join(' | ')}${run.browser.timeLeftShown ? '' : ' (no time left shown!)'}`
      : `Chromium: failed: ${run.browserError}`,
    ...(run.browser?.timeLeftChecks.length
      ? [
          `  time left on the page, said vs. actual: ${run.browser.timeLeftChecks
            .map((c) => `at ${c.at.toFixed(0)} s said ${c.said.toFixed(0)} s, was ${c.actual.toFixed(0)} s`)
            .join('; ')}`,
        ]
      : []),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--child');
  if (at >= 0) await child(process.argv[at + 1]!);
  else {
    const rowsAt = process.argv.indexOf('--rows');
    const run = await benchWorthScale({
      progress: (m) => process.stderr.write(`${m}\n`),
      rows: rowsAt >= 0 ? Number(process.argv[rowsAt + 1]) : undefined,
    });
    for (const line of worthScaleLines(run)) console.log(line);
  }
}
