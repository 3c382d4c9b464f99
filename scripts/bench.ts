/**
 * `npm run bench`: everything issue 4 asks, side by side in one run, with
 * ratios (these 2-core machines are noisy):
 *
 *   1. lesson 1's default digits sweep (logreg, 8 sizes, clean + 10% noise,
 *      5 seeds = 80 fits) and 2. its "Ng's slide" preset on Fashion-MNIST
 *      (60 fits) — in Node (same engine, wasm), in headless Chromium through
 *      the real worker pool (clicking the curve cell in the built app), and in
 *      scikit-learn on the very same training sets when Debian's python3 has it;
 *   3. confident-learning detection on digits (5-fold probabilities + filter)
 *      in Node and through lesson 4's review cell, against scikit-learn's
 *      cross_val_predict + our filter (cleanlab is not installable here);
 *   4. memory over 1,000 fits (Node in-process and the Chromium workers);
 *   5. main-thread bundle size; 6. time to first render of lesson 1;
 *   7. the Worth report's estimates against the truth on held-out and tuning
 *   tables, 7b. its data-equivalent against more noisy data trained; 8. the "Your own
 *   data" page at the size it promises (200,000 × 30 and 20,000 × 300):
 *   load time and longest main-thread task, in Chromium; 9. the Worth
 *   analysis of 200,000 × 30 to the end, in Node (time, peak memory) and on
 *   the page (time, progress); 10. every lesson's slowest cell, as a class
 *   waits for it, cold (Prepare, and each cell alone on a fresh profile, in
 *   Chromium: scripts/benchCells.ts); 11. the reader's own TF.js model: the docs'
 *   small CNN trained by lab.fit in Node (scripts/benchTfModel.ts);
 *
 * then a Targets section. Timing marks are informational: the exit code
 * never depends on them. Serves DCL_DIST (default dist/).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSweep, type SweepSpec, type TrialOutcome, type TrialSpec } from '../src/engine/sweep.ts';
import type { Arm } from '../src/engine/sweep.ts';
import { loadDatasetFile } from '../src/cli/loadDatasetFile.ts';
import { runSweepInNode } from '../src/cli/runSweep.ts';
import { quietTfjsBanner } from '../src/cli/quietTfjsBanner.ts';
import { detectInNode, type NodeDetection } from '../src/cli/detectInNode.ts';
import { REVIEW_DEFAULTS } from '../src/notebook/cellSchemas.ts';
import { curveSweepSpec } from '../src/notebook/curveSweep.ts';
import { parseLesson } from '../src/notebook/parseLesson.ts';
import type { CurveCellSpec, ReviewParams } from '../src/notebook/types.ts';
import { DATASETS } from '../src/engine/datasets.ts';
import { DIST, ROOT } from './previewBrowser.ts';
import { benchBrowser, type BrowserBench, type SweepRun } from './benchBrowser.ts';
import { bundleSizes, type BundleSizes } from './benchBundle.ts';
import type { MemoryReport } from './benchMemory.ts';
import { probeSklearn, sklearnCrossVal, sklearnSweep, type SklearnInfo } from './benchSklearn.ts';
import { benchScale, longestTask, scaleTable, type ScaleRun } from './benchScale.ts';
import { benchWorthScale, worthScaleLines } from './benchWorthScale.ts';
import { CELL_SECONDS, benchCells, cellsLines, type LessonCells } from './benchCells.ts';
import { benchTfModel } from './benchTfModel.ts';
import { summarize, TABLES, type CaseResult } from './worthAccuracy.ts';
import { bytes, mark, mean, median, percent, ratio, seconds, signedBytes, table, wall } from './benchFormat.ts';

quietTfjsBanner();

/** Timed runs of every workload, after one warm-up; figures are their median. */
const REPEATS = 3;
const RENDER_LOADS = 3;
const MEMORY_FITS = 1000;
/** Allowed JS-heap growth over the memory window: about 1 KB a fit (V8 keeps tuning code early on). */
const HEAP_ALLOWANCE = 1 << 20;
const TARGETS = {
  digitsVsSklearn: 0.5,
  accuracyGapPoints: 1.5,
  mainJsGzipKB: 150,
  renderMs: 1500,
  /** The e2e test's behaviour bound (test/e2e/scaleTable.test.ts), here on the full-size tables. */
  scaleLongestTaskMs: 200,
};

// The workloads, read from lesson 1 itself so the bench follows the lesson.
const lesson1 = parseLesson(readFileSync(join(ROOT, 'lessons/01-clean-vs-more-data.md'), 'utf8'), 'lessons/01.md');
const curveCell = lesson1.blocks
  .map((b) => (b.kind === 'cell' ? b.cell : null))
  .find((c): c is CurveCellSpec => c?.type === 'curve' && c.id === 'curve');
if (!curveCell) throw new Error('lesson 1 has no curve cell with id "curve"');
const ngPreset = curveCell.presets.find((p) => p.name.startsWith("Ng's slide"));
if (!ngPreset) throw new Error('lesson 1\'s curve cell has no "Ng\'s slide" preset');
const DIGITS: SweepSpec = curveSweepSpec(curveCell.params);
const FASHION: SweepSpec = curveSweepSpec(ngPreset.params);
const DETECTION: ReviewParams = {
  ...REVIEW_DEFAULTS,
  dataset: 'digits',
  model: 'logreg',
  size: DATASETS.digits.poolSize,
  noise: { kind: 'uniform', rate: 0.2 },
  folds: 5,
};

const began = performance.now();
const progress = (message: string) =>
  process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
const out = (text = '') => process.stdout.write(`${text}\n`);

// ---------------------------------------------------------------- measuring

type Means = { clean: Map<number, number>; noisy: Map<number, number> };

function meansOf(trials: readonly TrialSpec[], accuracies: readonly number[]): Means {
  const sums = { clean: new Map<number, number[]>(), noisy: new Map<number, number[]>() };
  trials.forEach((t, i) => {
    const list = sums[t.arm].get(t.size) ?? [];
    list.push(accuracies[i]!);
    sums[t.arm].set(t.size, list);
  });
  const avg = (m: Map<number, number[]>) => new Map([...m].map(([size, list]) => [size, mean(list)]));
  return { clean: avg(sums.clean), noisy: avg(sums.noisy) };
}

/** The largest |ours − scikit-learn's| mean accuracy over sizes and arms, in points, and where. */
function largestGap(ours: Means, theirs: Means): { points: number; where: string } {
  let best = { points: 0, where: '' };
  for (const arm of ['clean', 'noisy'] as Arm[]) {
    for (const [size, value] of theirs[arm]) {
      const gap = 100 * Math.abs((ours[arm].get(size) ?? NaN) - value);
      if (!(gap <= best.points)) best = { points: gap, where: `${arm}, N=${size}` };
    }
  }
  return best;
}

interface NodeSweep {
  milliseconds: number[];
  backend: string;
  outcomes: readonly TrialOutcome[];
}

/**
 * Timed run r of a sweep uses seeds firstSeed + r·seeds …, in every engine: the page
 * reuses finished trials, so a re-run with the same seeds would train nothing.
 * The first timed run has the lesson's own seeds; its accuracies are compared.
 */
const timedSpecs = (spec: SweepSpec): SweepSpec[] =>
  Array.from({ length: REPEATS }, (_, r) => ({ ...spec, firstSeed: spec.firstSeed + r * spec.seeds }));
/** Seeds of the warm-up runs, apart from every timed one. */
const WARM_UP_SEED = 500;

async function nodeSweep(spec: SweepSpec): Promise<NodeSweep> {
  await runSweepInNode({ ...spec, firstSeed: WARM_UP_SEED }, { backend: 'wasm' });
  const runs = [];
  for (const timed of timedSpecs(spec)) runs.push(await runSweepInNode(timed, { backend: 'wasm' }));
  return { milliseconds: runs.map((r) => r.milliseconds), backend: runs[0]!.backend, outcomes: runs[0]!.outcomes };
}

/** Detection run r uses seed seed + r (warm-up: WARM_UP_SEED), in every engine; quality is from r = 0. */
const detectionSeeds = Array.from({ length: REPEATS }, (_, r) => DETECTION.seed + r);

async function nodeDetection(): Promise<{ runs: NodeDetection[] }> {
  await detectInNode({ ...DETECTION, seed: WARM_UP_SEED });
  const runs: NodeDetection[] = [];
  for (const seed of detectionSeeds) runs.push(await detectInNode({ ...DETECTION, seed }));
  return { runs };
}

function nodeMemory(): MemoryReport | string {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(ROOT, 'scripts/benchMemory.ts'), String(MEMORY_FITS)],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    return `failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`;
  }
  return JSON.parse(line) as MemoryReport;
}

// ---------------------------------------------------------------- running

const sklearn: SklearnInfo | null = probeSklearn();
const haveDist = existsSync(join(DIST, 'index.html'));

progress('Node: digits sweep');
const nodeDigits = await nodeSweep(DIGITS);
progress('Node: fashion sweep');
const nodeFashion = await nodeSweep(FASHION);
progress('Node: confident-learning detection');
const nodeDetect = await nodeDetection();
progress(`Node: memory over ${MEMORY_FITS} fits (child process with --expose-gc)`);
const memory = nodeMemory();

let skDigits = null;
let skFashion = null;
let skCv: number[] | null = null;
let skError = '';
if (sklearn) {
  try {
    progress('scikit-learn: digits sweep');
    skDigits = sklearnSweep(await loadDatasetFile('digits'), timedSpecs(DIGITS).map(planSweep));
    progress('scikit-learn: fashion sweep');
    skFashion = sklearnSweep(await loadDatasetFile('fashion'), timedSpecs(FASHION).map(planSweep));
    progress('scikit-learn: 5-fold cross_val_predict');
    const digits = await loadDatasetFile('digits');
    skCv = sklearnCrossVal(
      digits,
      nodeDetect.runs.map((r) => ({ rows: r.rows, labels: r.givenLabels })),
    );
  } catch (error) {
    skError = error instanceof Error ? error.message : String(error);
  }
}

let browser: BrowserBench | null = null;
let browserError = '';
let bundle: BundleSizes | null = null;
if (haveDist) {
  bundle = bundleSizes(DIST);
  try {
    const plan = (spec: SweepSpec, memoryFits = 0) => {
      const fits = planSweep(spec).length;
      const extra = Math.max(0, Math.ceil(memoryFits / fits) - 1 - REPEATS);
      return {
        fits,
        warmUpSeed: WARM_UP_SEED,
        timedSeeds: timedSpecs(spec).map((t) => t.firstSeed),
        extraSeeds: Array.from({ length: extra }, (_, k) => spec.firstSeed + (REPEATS + k) * spec.seeds),
      };
    };
    browser = await benchBrowser({
      loads: RENDER_LOADS,
      digits: plan(DIGITS, MEMORY_FITS),
      fashion: plan(FASHION),
      detection: {
        size: DETECTION.size,
        folds: DETECTION.folds,
        noiseRate: 0.2,
        warmUpSeed: WARM_UP_SEED,
        timedSeeds: detectionSeeds,
      },
      progress,
    });
  } catch (error) {
    browserError = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
}
let scale: ScaleRun[] | null = null;
let scaleError = '';
if (haveDist) {
  try {
    scale = await benchScale({ progress });
  } catch (error) {
    scaleError = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
}
progress('done');

// ---------------------------------------------------------------- reporting

const skLabel = sklearn ? `scikit-learn ${sklearn.version}` : 'scikit-learn';
out(
  `npm run bench — node ${process.version}, ${cpus().length} cores` +
    (browser ? `, Chromium ${browser.chromium}` : '') +
    (sklearn ? `, scikit-learn ${sklearn.version} (threads: ${sklearn.threads})` : '') +
    `; build ${DIST}`,
);
out(
  `Wall: median of ${REPEATS} timed runs after one warm-up (range). Sweep run r uses seeds first + ${DIGITS.seeds}r…, the same in ` +
    "every engine (the page reuses finished trials); accuracies are from the lesson's seeds. Ratio: our time / scikit-learn's.",
);
if (!sklearn) out('scikit-learn not available (/usr/bin/python3 cannot import sklearn): no ratios.');
if (skError) out(`scikit-learn reference failed: ${skError}`);
if (!haveDist) out(`Chromium skipped: ${DIST} has no index.html (run \`npm run build\` first).`);
if (browserError) out(`Chromium failed: ${browserError}`);

const HEADER = [
  'where',
  'backend',
  'wall',
  'fits/s',
  'per fit',
  'ratio to sklearn',
  'mean accuracy',
  'max gap to sklearn',
];
const gaps: { label: string; points: number }[] = [];
const longTaskTargets: { label: string; tasks: number[]; runs: number }[] = [];

function sweepTable(
  title: string,
  spec: SweepSpec,
  node: NodeSweep,
  sk: { milliseconds: number[]; accuracies: number[] } | null,
  chromium: SweepRun | null,
): number | null {
  const trials = planSweep(spec);
  const fits = trials.length;
  const skMs = sk ? median(sk.milliseconds) : null;
  const skMeans = sk ? meansOf(trials, sk.accuracies) : null;
  const rows: string[][] = [];
  const row = (where: string, backend: string, ms: number[], accuracy: string, ours: Means | null, note = '') => {
    const m = median(ms);
    let gap = '—';
    if (ours && skMeans) {
      const g = largestGap(ours, skMeans);
      gaps.push({ label: `${spec.dataset} ${where.split(/[ ,]/)[0]}`, points: g.points });
      gap = `${g.points.toFixed(2)} pt (${g.where})${note}`;
    }
    rows.push([
      where,
      backend,
      wall(ms),
      (fits / (m / 1000)).toFixed(1),
      `${(m / fits).toFixed(0)} ms`,
      skMs ? ratio(m / skMs) : '—',
      accuracy,
      gap,
    ]);
  };
  const nodeAcc = node.outcomes.map((o) => o.accuracy);
  row(
    'Node (1 thread)',
    node.backend,
    node.milliseconds,
    percent(mean(nodeAcc)),
    meansOf(
      node.outcomes.map((o) => o.spec),
      nodeAcc,
    ),
  );
  if (chromium) {
    const all = [...chromium.means.clean.values(), ...chromium.means.noisy.values()];
    const sizesMatch = [...chromium.means.clean.keys()].join() === spec.sizes.join();
    row(
      `Chromium, ${chromium.workers} workers`,
      chromium.backend,
      chromium.milliseconds,
      percent(mean(all)) + (sizesMatch ? '' : ' (sizes differ from the spec!)'),
      chromium.means,
      ' (table: ±0.05)',
    );
  }
  if (sk && skMs !== null) {
    rows.push([
      skLabel,
      'lbfgs, float64',
      wall(sk.milliseconds),
      (fits / (skMs / 1000)).toFixed(1),
      `${(skMs / fits).toFixed(0)} ms`,
      '1.00×',
      percent(mean(sk.accuracies)),
      '—',
    ]);
  }
  out();
  out(title);
  process.stdout.write(table(HEADER, rows));
  if (chromium) {
    longTaskTargets.push({ label: `${spec.dataset} sweep`, tasks: chromium.longTasks, runs: chromium.runs });
    out(`Chromium main thread: ${longTaskSummary(chromium.longTasks, chromium.runs)}`);
  }
  return chromium && skMs ? median(chromium.milliseconds) / skMs : null;
}

function longTaskSummary(tasks: number[], runs: number): string {
  return (
    `${tasks.length} long task${tasks.length === 1 ? '' : 's'} (> 50 ms) over ${runs} runs (warm-up included)` +
    (tasks.length
      ? `, longest ${Math.max(...tasks).toFixed(0)} ms, total ${tasks.reduce((a, b) => a + b, 0).toFixed(0)} ms`
      : '')
  );
}

const sizesText = (spec: SweepSpec) => `sizes ${spec.sizes.join(', ')}`;
const noiseText = (spec: SweepSpec) =>
  spec.noise.kind === 'uniform' ? `${(100 * spec.noise.rate).toFixed(0)}% noise` : spec.noise.kind;
const digitsRatio = sweepTable(
  `1. Default digits sweep (lesson 1 "curve"): ${DIGITS.model}, ${sizesText(DIGITS)}, clean + ${noiseText(DIGITS)}, ${DIGITS.seeds} seeds = ${planSweep(DIGITS).length} fits`,
  DIGITS,
  nodeDigits,
  skDigits,
  browser?.digits ?? null,
);
sweepTable(
  `2. Fashion preset "${ngPreset.name}": ${FASHION.model}, ${sizesText(FASHION)}, clean + ${noiseText(FASHION)}, ${FASHION.seeds} seeds = ${planSweep(FASHION).length} fits`,
  FASHION,
  nodeFashion,
  skFashion,
  browser?.fashion ?? null,
);

// Detection.
const nodeRuns = nodeDetect.runs;
const nodeDetectMs = nodeRuns.map((r) => 1000 * (r.seconds.probabilities + r.seconds.filter));
const filterMs = median(nodeRuns.map((r) => 1000 * r.seconds.filter));
const standIn = skCv ? median(skCv) + filterMs : null;
const flags = nodeRuns[0]!.flags;
const folds = DETECTION.folds;
const detectRows: string[][] = [];
const detectRow = (where: string, backend: string, ms: number[], quality: string[]) => {
  const m = median(ms);
  detectRows.push([
    where,
    backend,
    wall(ms),
    (folds / (m / 1000)).toFixed(1),
    standIn ? ratio(m / standIn) : '—',
    ...quality,
  ]);
};
detectRow('Node (1 thread)', nodeRuns[0]!.backend, nodeDetectMs, [
  String(flags.flagged),
  flags.precision.toFixed(3),
  flags.recall.toFixed(3),
  flags.f1.toFixed(3),
]);
if (browser) {
  const d = browser.detection;
  detectRow(`Chromium, ${browser.digits.workers} workers`, browser.digits.backend, d.milliseconds, [
    String(d.flagged),
    `${percent(d.precision, 1)}`,
    `${percent(d.recall, 1)}`,
    d.f1.toFixed(2),
  ]);
}
if (skCv && standIn) {
  detectRows.push([
    `${skLabel} cross_val_predict + our filter`,
    'lbfgs, float64',
    `${wall(skCv)} + ${filterMs.toFixed(0)} ms`,
    (folds / (standIn / 1000)).toFixed(1),
    '1.00×',
    '',
    '',
    '',
    'cleanlab 2.9: 0.906',
  ]);
}
out();
out(
  `3. Confident-learning detection, digits: ${DETECTION.size} rows (the whole pool), 20% uniform noise, ${folds}-fold ${DETECTION.model} probabilities + ${DETECTION.filter} filter`,
);
process.stdout.write(
  table(
    ['where', 'backend', 'wall', 'folds/s', 'ratio to stand-in', 'flagged', 'precision', 'recall', 'F1'],
    detectRows,
  ),
);
const first = nodeRuns[0]!;
out(
  `Node: probabilities ${seconds(median(nodeRuns.map((r) => 1000 * r.seconds.probabilities)))}, filter ${filterMs.toFixed(0)} ms; ` +
    `noise rate estimated ${percent(first.detection.estimatedNoiseRate, 1)} (true ${percent(first.flipped.length / DETECTION.size, 1)})` +
    (browser
      ? `; Chromium estimated ${percent(browser.detection.estimatedNoise, 1)} (true ${percent(browser.detection.trueNoise, 1)})`
      : ''),
);
out(
  standIn
    ? "Stand-in for scikit-learn + cleanlab (cleanlab is not in Debian, so not installable here): scikit-learn's 5-fold cross_val_predict time plus our own filter time."
    : 'scikit-learn not available: no stand-in for scikit-learn + cleanlab, no ratio.',
);
if (browser) {
  longTaskTargets.push({ label: 'detection', tasks: browser.detection.longTasks, runs: browser.detection.runs });
  out(`Chromium main thread: ${longTaskSummary(browser.detection.longTasks, browser.detection.runs)}`);
}

// Memory.
interface Growth {
  label: string;
  tensors: number;
  tensorBytes: number;
  wasm: number;
  heap: number;
  fits: [number, number];
}
const growths: Growth[] = [];
const memRows: string[][] = [];
const memRow = (where: string, fits: number, t: number | null, b: number | null, w: number | null, h: number | null) =>
  memRows.push([
    where,
    String(fits),
    t === null ? '—' : String(t),
    b === null ? '—' : bytes(b),
    w === null ? '—' : bytes(w),
    h === null ? '—' : bytes(h),
  ]);
if (typeof memory === 'string') {
  memRows.push([`Node: ${memory}`]);
} else {
  memory.samples.forEach((s, i) =>
    memRow(
      i ? '' : `Node, worker code in-process (${memory.backend})`,
      s.fits,
      s.numTensors,
      s.numBytes,
      s.wasmHeap,
      s.jsHeap,
    ),
  );
  const [a, b] = [memory.samples[0]!, memory.samples.at(-1)!];
  growths.push({
    label: 'Node',
    tensors: b.numTensors - a.numTensors,
    tensorBytes: b.numBytes - a.numBytes,
    wasm: (b.wasmHeap ?? 0) - (a.wasmHeap ?? 0),
    heap: b.jsHeap - a.jsHeap,
    fits: [a.fits, b.fits],
  });
}
if (browser && browser.memory.length === 2) {
  const [a, b] = browser.memory as [BrowserBench['memory'][0], BrowserBench['memory'][0]];
  a.workers.forEach((wa, i) => {
    const wb = b.workers[i];
    memRow(`Chromium worker ${i + 1}`, a.fits, wa.numTensors, wa.numBytes, wa.wasmHeap, wa.jsHeap);
    if (!wb) return;
    memRow('', b.fits, wb.numTensors, wb.numBytes, wb.wasmHeap, wb.jsHeap);
    growths.push({
      label: `Chromium worker ${i + 1}`,
      tensors: (wb.numTensors ?? 0) - (wa.numTensors ?? 0),
      tensorBytes: (wb.numBytes ?? 0) - (wa.numBytes ?? 0),
      wasm: (wb.wasmHeap ?? 0) - (wa.wasmHeap ?? 0),
      heap: (wb.jsHeap ?? 0) - (wa.jsHeap ?? 0),
      fits: [a.fits, b.fits],
    });
  });
  memRow('Chromium main thread (contrast)', a.fits, null, null, null, a.mainJsHeap);
  memRow('', b.fits, null, null, null, b.mainJsHeap);
  if (a.workers.length !== b.workers.length)
    memRows.push([`(workers changed: ${a.workers.length} → ${b.workers.length})`]);
}
out();
out(`4. Memory over ${MEMORY_FITS} fits (heaps after a forced gc; Chromium fits count the whole pool, over CDP)`);
process.stdout.write(table(['where', 'at fit', 'tensors', 'tensor bytes', 'wasm heap', 'JS heap'], memRows));
if (typeof memory !== 'string') {
  out(
    `Node: ${MEMORY_FITS} logreg fits on digits (sizes 50–300) in ${seconds(memory.milliseconds)}${memory.gc ? '' : ' (no gc: run with --expose-gc)'}`,
  );
}

// Bundle.
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const sum = (chunks: { gzip: number }[], key: 'gzip' | 'raw' = 'gzip') =>
  chunks.reduce((a, c) => a + (c as { gzip: number; raw: number })[key], 0);
out();
out(`5. Bundle (${DIST}; gzip -9 via node:zlib)`);
if (bundle) {
  out(
    `main-thread JS: ${kb(sum(bundle.main))} gzip (${kb(sum(bundle.main, 'raw'))} raw) in ${bundle.main.length} chunk(s): ${bundle.main.map((c) => c.file).join(', ')}; ` +
      `TF.js on the main thread: ${bundle.tfjsOnMain.length ? bundle.tfjsOnMain.join(', ') : 'none'}`,
  );
  out(
    `worker JS: ${kb(sum(bundle.workers))} gzip (${kb(sum(bundle.workers, 'raw'))} raw); ` +
      `wasm: ${bundle.wasm.map((c) => `${c.file.replace(/^assets\//, '')} ${kb(c.gzip)}`).join(', ')}`,
  );
  for (const chunk of bundle.workers) {
    out(`  ${chunk.file.replace(/^assets\//, '')}: ${kb(chunk.gzip)} gzip, ${kb(chunk.raw)} raw`);
  }
} else out('skipped: no build');

// Render.
out();
out(
  `6. First render of lesson 1 (navigation start → its h1 and [data-cell-id] cells in the DOM), ${RENDER_LOADS} loads each`,
);
if (browser) {
  const r = browser.render;
  const ms = (v: number[]) => `${median(v).toFixed(0)} ms (${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)})`;
  out(`cold (HTTP cache disabled, new page): ${ms(r.coldMs)}; warm (cached, new page): ${ms(r.warmMs)}`);
  out(
    `main-thread long tasks while loading (not a target): ${r.longTasks.length} in ${2 * RENDER_LOADS} loads` +
      (r.longTasks.length ? `, ${r.longTasks.map((t) => t.toFixed(0)).join(', ')} ms` : ''),
  );
} else out('skipped: no browser');

// 7. The Worth report's estimates against the truth (issue 12), in child processes (one per core).
out();
out(
  '7. Worth report vs the truth: the two held-out sets (never tuned on) and the tuning tables, uniform and class-conditional noise at 0/10/20/30% (scripts/worthAccuracy.ts; 3 seeds held out, 2 tuning — about 2.5 h on 2 cores; BENCH_WORTH_SEEDS=1 for a quick look, BENCH_WORTH=skip to skip)',
);
if (process.env.BENCH_WORTH === 'skip') out('skipped (BENCH_WORTH=skip)');
else {
  progress('Node: Worth report accuracy (scripts/worthAccuracy.ts)');
  const seeds = process.env.BENCH_WORTH_SEEDS;
  const names = (group: string): string[] => TABLES.filter((t) => t.group === group).map((t) => t.name);
  const halves = (tables: string[]): string[][] => [
    tables.filter((_, i) => i % 2 === 0),
    tables.filter((_, i) => i % 2 === 1),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'dcl-bench-worth-'));
  const jobs = [
    ...halves(names('heldout')).map((tables) => ({ group: 'heldout', tables, seeds: seeds ?? '3' })),
    ...halves(names('fresh')).map((tables) => ({ group: 'fresh', tables, seeds: seeds ?? '3' })),
    { group: 'tuning', tables: names('tuning'), seeds: seeds ?? '2' },
  ];
  const start = (job: (typeof jobs)[number], i: number): { json: string; done: Promise<string> } => {
    const json = join(dir, `${i}.json`);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'scripts/worthAccuracy.ts'),
        '--group',
        job.group,
        '--tables',
        job.tables.join(','),
        '--seeds',
        job.seeds,
        '--json',
        json,
        '--quiet',
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    return {
      json,
      done: new Promise<string>((resolve) => child.on('close', (code) => resolve(code === 0 ? '' : stderr))),
    };
  };
  // Two at a time on two cores, in the order above: each lane takes the next job when its last ends.
  const files: string[] = [];
  const failures: string[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      const run = start(jobs[i]!, i);
      files.push(run.json);
      const error = await run.done;
      if (error) failures.push(error);
    }
  };
  await Promise.all([lane(), lane()]);
  const errors = failures;
  const results: CaseResult[] = files.flatMap((f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : []));
  rmSync(dir, { recursive: true, force: true });
  for (const group of ['heldout', 'fresh', 'tuning']) {
    const mine = results.filter((r) => r.group === group);
    const ran = new Set(mine.map((r) => r.table));
    const missing = names(group).filter((name) => !ran.has(name));
    const prepare = `scripts/prepare-worth-data.py${group === 'heldout' ? '' : ` --${group}`}`;
    if (mine.length === 0) {
      out(`${group}: no results (its tables need ${prepare})`);
      continue;
    }
    out(`${group} (${[...ran].join(', ')}):`);
    // A part of a group is not the group: say which tables are missing (files not written yet, or a failed run).
    if (missing.length > 0) out(`  not in these figures: ${missing.join(', ')} (files from ${prepare})`);
    for (const line of summarize(mine)) out(line);
  }
  for (const error of errors) out(`failed: ${error.trim().split('\n').slice(-3).join(' ')}`);
  out(
    'Aims on the held-out sets (issue 12): noise rate and both accuracies within 3 points in ≥ 90% of the runs answered, 90% intervals holding the truth in ≥ 85%. docs/worth-accuracy.md keeps the figures.',
  );
}
out();
out(
  '7b. The data-equivalent vs more noisy data actually trained: Fashion-MNIST tables of 600 rows at 20% and 30% noise, 3 seeds (scripts/worthEquivalent.ts)',
);
if (process.env.BENCH_WORTH === 'skip') out('skipped (BENCH_WORTH=skip)');
else {
  progress('Node: the data-equivalent on Fashion-MNIST (scripts/worthEquivalent.ts)');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts/worthEquivalent.ts'), '--seeds', '3'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  if (run.status === 0) for (const line of run.stdout.trimEnd().split('\n')) out(line);
  else out(`failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
}

// 8. The "Your own data" page at the size it promises.
out();
out(
  '8. "Your own data" at the promised size (seeded tables from scripts/makeScaleTable.ts), picked through the page\'s file input in Chromium; then a reload restores it',
);
if (scale) process.stdout.write(scaleTable(scale));
else out(haveDist ? `failed: ${scaleError}` : 'skipped: no build');

// 9. The Worth analysis at the promised size, in Node and in the page.
out();
out(
  '9. The Worth analysis of the 200,000 × 30 table to the end: `lab worth` in Node (time, peak memory) and Analyse on the page in Chromium (time, progress with the time left)',
);
if (!haveDist) out('skipped: no build');
else {
  const run = await benchWorthScale({ progress });
  for (const line of worthScaleLines(run)) out(line);
}

// 10. Every lesson's cells, as a class waits for them.
out();
out(
  `10. Every lesson's slowest cell, cold: in Chromium, "Prepare this lesson" on a fresh profile (each cell timed until the next starts) and each cell run alone on its own fresh profile (no lab store, no trial cache); a cell counts its longer time (a class waits at most ${CELL_SECONDS} s)`,
);
let lessonCells: LessonCells[] = [];
if (!haveDist) out('skipped: no build');
else {
  const load = loadavg().map((x) => x.toFixed(1));
  lessonCells = await benchCells({ progress });
  for (const line of cellsLines(lessonCells)) out(line);
  out(
    `(load average before: ${load.join(', ')}; after: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(', ')})`,
  );
}

// 11. The reader's own TF.js model.
out();
out(
  "11. Your own model (issue 16): docs/lab-api.md's small CNN (conv2d 8 → max pool → dense) trained by lab.fit on 1,000 Fashion-MNIST 14×14 images, 20% flipped, 5 epochs, in Node (wasm), 3 runs",
);
try {
  const tfModel = await benchTfModel(3);
  out(
    `CNN fit ${seconds(median(tfModel.fitMs))} median (${tfModel.fitMs.map(seconds).join(', ')}); clean test accuracy: CNN ${percent(tfModel.cnnAccuracy)}, the lab's MLP ${percent(tfModel.mlpAccuracy)}; tensors before ${tfModel.tensorsBefore}, after ${tfModel.tensorsAfter}`,
  );
  out(
    `lesson 6's built-in CNN (lab.trainModel, model 'cnn', 500 digits, 12% flipped): fit ${seconds(median(tfModel.builtinCnnMs))} median (${tfModel.builtinCnnMs.map(seconds).join(', ')}), clean test ${percent(tfModel.builtinCnnAccuracy)} (last run); the MLP on the same data ${seconds(median(tfModel.builtinMlpMs))} median`,
  );
} catch (error) {
  out(`failed: ${error instanceof Error ? error.message : String(error)}`);
}

// Targets.
const targets: string[][] = [];
const target = (ok: boolean | null, what: string, measured: string, limit: string) =>
  targets.push([ok === null ? '?' : mark(ok), what, measured, limit]);
target(
  digitsRatio === null ? null : digitsRatio <= TARGETS.digitsVsSklearn,
  'default digits sweep, Chromium vs scikit-learn',
  digitsRatio === null
    ? 'not measured'
    : `${ratio(digitsRatio)} (${seconds(median(browser!.digits.milliseconds))} vs ${seconds(median(skDigits!.milliseconds))})`,
  `≤ ${ratio(TARGETS.digitsVsSklearn)}`,
);
{
  const node = median(nodeDetectMs);
  const chromium = browser ? median(browser.detection.milliseconds) : null;
  const vs = (m: number) => `${seconds(m)}${standIn ? ` (${ratio(m / standIn)})` : ''}`;
  target(
    standIn === null || chromium === null ? null : chromium <= standIn,
    'CL detection on digits vs sklearn cv + our filter',
    `Chromium ${chromium === null ? 'not measured' : vs(chromium)}; Node ${vs(node)}`,
    standIn ? `≤ ${seconds(standIn)}` : 'stand-in not measured',
  );
}
target(
  gaps.length ? gaps.every((g) => g.points <= TARGETS.accuracyGapPoints) : null,
  'LR mean accuracy vs scikit-learn, worst size',
  gaps.length ? gaps.map((g) => `${g.label} ${g.points.toFixed(2)}`).join(', ') : 'not measured',
  `≤ ${TARGETS.accuracyGapPoints} points`,
);
target(
  longTaskTargets.length ? longTaskTargets.every((l) => l.tasks.length === 0) : null,
  'main-thread long tasks (> 50 ms) in browser workloads',
  longTaskTargets.length
    ? longTaskTargets
        .map(
          (l) =>
            `${l.label} ${l.tasks.length}${l.tasks.length ? ` (longest ${Math.max(...l.tasks).toFixed(0)} ms)` : ''}`,
        )
        .join(', ')
    : 'not measured',
  '0',
);
if (bundle) {
  const gz = sum(bundle.main) / 1024;
  target(
    gz <= TARGETS.mainJsGzipKB && !bundle.tfjsOnMain.length,
    'main-thread JS (gzip), TF.js only in workers',
    `${gz.toFixed(1)} KB${bundle.tfjsOnMain.length ? ', TF.js on the main thread!' : ''} (worker ${kb(sum(bundle.workers))})`,
    `≤ ${TARGETS.mainJsGzipKB} KB`,
  );
} else target(null, 'main-thread JS (gzip)', 'no build', `≤ ${TARGETS.mainJsGzipKB} KB`);
if (browser) {
  const cold = median(browser.render.coldMs);
  const warm = median(browser.render.warmMs);
  target(
    cold <= TARGETS.renderMs && warm <= TARGETS.renderMs,
    'lesson 1 rendered after navigation',
    `cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(0)} ms`,
    `≤ ${TARGETS.renderMs} ms`,
  );
} else target(null, 'lesson 1 rendered after navigation', 'not measured', `≤ ${TARGETS.renderMs} ms`);
target(
  scale ? scale.every((r) => longestTask(r.load.longTasks) <= TARGETS.scaleLongestTaskMs) : null,
  'longest main-thread task loading 200,000 × 30 and 20,000 × 300',
  scale
    ? scale
        .map((r) => `${r.table.rows / 1000}k × ${r.table.columns}: ${longestTask(r.load.longTasks).toFixed(0)} ms`)
        .join(', ')
    : 'not measured',
  `≤ ${TARGETS.scaleLongestTaskMs} ms`,
);
{
  const measured = lessonCells.filter((l) => !l.error && l.cells.length);
  const slowest = measured.map((l) => ({ slug: l.slug, ...l.cells.reduce((a, b) => (b.seconds > a.seconds ? b : a)) }));
  const worst = slowest.reduce<(typeof slowest)[number] | null>((a, b) => (!a || b.seconds > a.seconds ? b : a), null);
  target(
    measured.length ? slowest.every((c) => c.seconds <= CELL_SECONDS) && measured.length === lessonCells.length : null,
    'every lesson cell at its default settings (Chromium, cold: prepared or alone)',
    worst
      ? `slowest ${worst.slug.slice(0, 2)} ${worst.id} ${worst.seconds.toFixed(1)} s; over: ${
          slowest
            .filter((c) => c.seconds > CELL_SECONDS)
            .map((c) => `${c.slug.slice(0, 2)} ${c.id}`)
            .join(', ') || 'none'
        }`
      : 'not measured',
    `≤ ${CELL_SECONDS} s`,
  );
}
for (const where of ['Node', 'Chromium']) {
  const list = growths.filter((g) => g.label.startsWith(where));
  const flat = list.every((g) => g.tensors === 0 && g.tensorBytes === 0 && g.wasm === 0 && g.heap <= HEAP_ALLOWANCE);
  // Several workers: the largest growth of each kind.
  const worst = (key: 'tensors' | 'tensorBytes' | 'wasm' | 'heap') => Math.max(...list.map((g) => g[key]));
  const tensors = worst('tensors');
  target(
    list.length ? flat : null,
    `memory flat over ${MEMORY_FITS} fits, ${where === 'Node' ? 'Node (worker code)' : 'Chromium workers'}`,
    list.length
      ? `${list.length > 1 ? `worst of ${list.length}, ` : ''}fit ${list[0]!.fits[0]}→${list[0]!.fits[1]}: ` +
          `tensors ${tensors >= 0 ? '+' : ''}${tensors}, bytes ${signedBytes(worst('tensorBytes'))}, ` +
          `wasm ${signedBytes(worst('wasm'))}, JS heap ${signedBytes(worst('heap'))}`
      : 'not measured',
    `+0 tensors, bytes, wasm; JS heap ≤ +${bytes(HEAP_ALLOWANCE)}`,
  );
}
out();
out('Targets (✓ met, ✗ missed, ? not measured; the marks never change the exit code)');
process.stdout.write(table(['', 'target', 'measured', 'limit'], targets));
out(`Whole bench: ${seconds(performance.now() - began)}`);
