/**
 * The bench's scale section (issue 12, part 7): the tables the "Your own
 * data" page promises to handle — 200,000 rows × 30 columns and 20,000 × 300,
 * seeded (scripts/makeScaleTable.ts) — picked through the page's file input
 * in the built app in Chromium, then restored by a reload. For each: the time
 * to the profile and to the table saved, and the main-thread long tasks
 * (the e2e test asserts the 200 ms bound on smaller tables; here it is only
 * reported). `npm run bench` runs it as its section 8; on its own:
 *
 *   npx vite build && npx tsx scripts/benchScale.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytes, seconds, table } from './benchFormat.ts';
import { PRESETS, writeScaleTable, type ScaleTableOptions } from './makeScaleTable.ts';
import { startHarness } from './previewBrowser.ts';
import {
  installScaleProbe,
  loadTableThroughPage,
  reloadRestored,
  type TableLoad,
  type TableRestore,
} from './scaleLoad.ts';

export interface ScaleRun {
  readonly table: ScaleTableOptions;
  readonly bytes: number;
  readonly load: TableLoad;
  readonly restore: TableRestore;
}

export async function benchScale(options: { readonly progress: (message: string) => void }): Promise<ScaleRun[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dcl-bench-scale-'));
  const harness = await startHarness({ serviceWorkers: 'block' });
  try {
    await installScaleProbe(harness.context);
    const runs: ScaleRun[] = [];
    for (const [name, size] of Object.entries(PRESETS)) {
      const table: ScaleTableOptions = { ...size, seed: 0 };
      const path = join(dir, `${name}-${size.rows}x${size.columns}.csv`);
      options.progress(`Chromium: loading a ${size.rows.toLocaleString('en-US')} × ${size.columns} table`);
      await writeScaleTable(path, table);
      const page = await harness.newPage();
      try {
        await page.goto(`${harness.url}#/data`);
        await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 60_000 });
        const load = await loadTableThroughPage(page, path, 600_000);
        const restore = await reloadRestored(page, 600_000);
        // Leave nothing saved for the next table's page.
        await page.getByTestId('forget').click();
        runs.push({ table, bytes: statSync(path).size, load, restore });
      } finally {
        await page.close();
      }
    }
    return runs;
  } finally {
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The longest of some task durations (0 for none). */
export function longestTask(tasks: readonly number[]): number {
  return Math.max(0, ...tasks);
}

/** The section's table and its notes, as printed. */
export function scaleTable(runs: readonly ScaleRun[]): string {
  const rows = runs.map((r) => [
    `${r.table.rows.toLocaleString('en-US')} × ${r.table.columns}`,
    bytes(r.bytes),
    seconds(r.load.shownMs),
    seconds(r.load.savedMs),
    `${longestTask(r.load.longTasks).toFixed(0)} ms`,
    String(r.load.longTasks.length),
    seconds(r.restore.restoredMs),
    `${longestTask(r.restore.longTasks).toFixed(0)} ms`,
  ]);
  return (
    table(
      [
        'table',
        'file',
        'to profile',
        'to saved',
        'longest task',
        'long tasks',
        'reload: restored',
        'reload: longest task',
      ],
      rows,
    ) +
    "To profile / to saved: from the file input's change event; long tasks (> 50 ms): those that started after it. " +
    'Reload: from navigation start, the app starting included.\n'
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const began = performance.now();
  const runs = await benchScale({
    progress: (message) =>
      process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${message}\n`),
  });
  process.stdout.write(scaleTable(runs));
}
