/**
 * How good is the Worth report? On each bundled CSV (public/data/tabular/)
 * with 10%, 20% and 30% injected uniform noise, computes the report's
 * estimates from the noisy labels alone — by really training logistic
 * regression in Node (wasm backend), 5-fold cross-validated — and compares
 * them with the truth the noisy labels hide:
 *
 * - estimated noise rate (with its 90% bootstrap interval) vs the injected rate;
 * - predicted accuracy with clean labels vs the cross-validated accuracy
 *   actually reached when training on the true labels (scored on true labels).
 *
 *   npx tsx scripts/worthAccuracy.ts [--seeds 3]
 */
import { readFileSync } from 'node:fs';
import { detectLabelIssues, foldSplits, STREAM_FOLDS, type FoldSplit } from '../src/engine/confident/index.ts';
import { accuracy } from '../src/engine/metrics.ts';
import { injectUniformNoise } from '../src/engine/noise/index.ts';
import { createRandom, shuffle } from '../src/engine/random.ts';
import type { LabelledMatrix } from '../src/engine/types.ts';
import {
  accuracyAtZeroNoise,
  composedNoiseRate,
  dataEquivalent,
  noiseCorrectedAccuracy,
  noiseRateInterval,
  relabelSuspected,
  STREAM_NOISE_BOOTSTRAP,
  worthReport,
  type WorthReport,
} from '../src/engine/worth/index.ts';
import { initBackend } from '../src/model/backend.ts';
import { fitLogReg } from '../src/model/logreg.ts';
import { quietTfjsBanner } from '../src/cli/quietTfjsBanner.ts';

const DATASETS = ['wine', 'breast_cancer'];
const RATES = [0.1, 0.2, 0.3];
const EXTRA = [0.1, 0.2];
const FRACTIONS = [1 / 8, 1 / 4, 1 / 2];
const FOLDS = 5;
const STREAM_NOISE = 51;
const STREAM_EXTRA = 52;
const STREAM_SUBSET = 53;

interface Table {
  readonly name: string;
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly n: number;
  readonly d: number;
  readonly classes: number;
}

/** A plain numeric CSV: header row, numeric feature columns, the label last; features standardized (z-scores). */
function readTable(name: string): Table {
  const lines = readFileSync(new URL(`../public/data/tabular/${name}.csv`, import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const rows = lines.slice(1).map((line) => line.split(','));
  const d = rows[0]!.length - 1;
  const names = [...new Set(rows.map((r) => r[d]!))].sort();
  const n = rows.length;
  const x = new Float32Array(n * d);
  for (let j = 0; j < d; j++) {
    const column = rows.map((r) => Number(r[j]));
    const mean = column.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(column.reduce((a, b) => a + (b - mean) ** 2, 0) / n) || 1;
    column.forEach((v, i) => (x[i * d + j] = (v - mean) / sd));
  }
  const y = Int32Array.from(rows, (r) => names.indexOf(r[d]!));
  return { name, x, y, n, d, classes: names.length };
}

function gather(table: Table, rows: ArrayLike<number>, labels: Int32Array): LabelledMatrix {
  const { d } = table;
  const x = new Float32Array(rows.length * d);
  const y = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    x.set(table.x.subarray(rows[i]! * d, rows[i]! * d + d), i * d);
    y[i] = labels[rows[i]!]!;
  }
  return { x, y, n: rows.length, d, classes: table.classes };
}

/** Out-of-fold predicted classes, training each fold on `fraction` of its training rows (a seeded nested subset). */
async function crossValidate(
  table: Table,
  labels: Int32Array,
  splits: readonly FoldSplit[],
  options: { fraction?: number; seed?: number } = {},
): Promise<{ predicted: Int32Array; probs: Float64Array; trainSize: number }> {
  const k = table.classes;
  const predicted = new Int32Array(table.n);
  const probs = new Float64Array(table.n * k);
  let trainSize = 0;
  for (const [f, split] of splits.entries()) {
    let rows = split.train;
    if (options.fraction !== undefined && options.fraction < 1) {
      const order = shuffle(createRandom(options.seed ?? 0, STREAM_SUBSET, f), Int32Array.from(rows));
      rows = order.subarray(0, Math.max(k, Math.round(options.fraction * rows.length)));
    }
    trainSize += rows.length / splits.length;
    const fit = await fitLogReg(gather(table, rows, labels), { seed: 0 });
    const holdout = gather(table, split.holdout, labels);
    const p = fit.classifier.predictProba(holdout.x, holdout.n);
    fit.classifier.dispose();
    split.holdout.forEach((row, i) => {
      let best = 0;
      for (let c = 0; c < k; c++) {
        probs[row * k + c] = p[i * k + c]!;
        if (p[i * k + c]! > p[i * k + best]!) best = c;
      }
      predicted[row] = best;
    });
  }
  return { predicted, probs, trainSize };
}

interface CaseResult {
  readonly trueRate: number;
  readonly estRate: number;
  readonly low: number;
  readonly high: number;
  readonly suspected: number;
  readonly nowTrue: number;
  readonly nowEst: number;
  readonly cleanTrue: number;
  readonly cleanVsCleaned: number;
  readonly cleanCorrected: number;
  readonly cleanExtrapolated: number;
  readonly factor: string;
  readonly factorTrue: string;
  readonly report: WorthReport;
}

async function runCase(table: Table, rate: number, seed: number): Promise<CaseResult> {
  const k = table.classes;
  const truth = table.y;
  const noisy = injectUniformNoise(truth, { rate, classes: k, random: createRandom(seed, STREAM_NOISE, rate) });
  const given = noisy.labels;
  const splits = foldSplits(given, { folds: FOLDS, random: createRandom(seed, STREAM_FOLDS) });
  const now = await crossValidate(table, given, splits);
  const detection = detectLabelIssues(given, now.probs, k);
  const interval = noiseRateInterval(given, now.probs, k, { random: createRandom(seed, STREAM_NOISE_BOOTSTRAP) });
  const r = interval.estimate;
  const correct = (predicted: Int32Array): number =>
    noiseCorrectedAccuracy(accuracy(predicted, given), { noiseRate: r, classes: k });
  const cleaned = relabelSuspected(given, detection.ranked, detection.suggested);
  const afterCleaning = await crossValidate(table, cleaned, splits);
  const withTruth = await crossValidate(table, truth, splits);
  const points = [{ noise: r, accuracy: correct(now.predicted) }];
  for (const extra of EXTRA) {
    const more = injectUniformNoise(given, {
      rate: extra,
      classes: k,
      random: createRandom(seed, STREAM_EXTRA, extra),
    });
    const cv = await crossValidate(table, more.labels, splits);
    points.push({ noise: composedNoiseRate(r, extra, k), accuracy: correct(cv.predicted) });
  }
  const sizes: number[] = [];
  const estCurve: number[] = [];
  const trueCurve: number[] = [];
  for (const fraction of FRACTIONS) {
    const cv = await crossValidate(table, given, splits, { fraction, seed });
    sizes.push(cv.trainSize);
    estCurve.push(correct(cv.predicted));
    trueCurve.push(accuracy(cv.predicted, truth));
  }
  sizes.push(now.trainSize);
  estCurve.push(correct(now.predicted));
  trueCurve.push(accuracy(now.predicted, truth));
  const cleanCorrected = correct(afterCleaning.predicted);
  const cleanTrue = accuracy(withTruth.predicted, truth);
  const describe = (e: ReturnType<typeof dataEquivalent>): string =>
    e.status === 'beyond_range'
      ? `>${e.moreThan.toFixed(0)}×`
      : e.status === 'below_range'
        ? `≤${e.factor.toFixed(2)}×`
        : `${e.factor.toFixed(1)}×${e.status === 'extrapolated' ? '*' : ''}`;
  const report = worthReport({
    n: table.n,
    noiseRate: interval,
    suspected: detection.ranked.length,
    accuracyNow: correct(now.predicted),
    accuracyAfterCleaning: cleanCorrected,
    curve: { sizes, accuracy: estCurve },
    model: 'logistic regression',
  });
  return {
    report,
    trueRate: noisy.flipped.length / table.n,
    estRate: r,
    low: interval.low,
    high: interval.high,
    suspected: detection.ranked.length,
    nowTrue: accuracy(now.predicted, truth),
    nowEst: correct(now.predicted),
    cleanTrue,
    cleanVsCleaned: accuracy(afterCleaning.predicted, cleaned),
    cleanCorrected,
    cleanExtrapolated: accuracyAtZeroNoise(points).accuracy,
    factor: describe(report.dataEquivalent),
    factorTrue: describe(dataEquivalent({ sizes, accuracy: trueCurve }, { target: cleanTrue })),
  };
}

const pct = (v: number): string => (100 * v).toFixed(1).padStart(5);

async function main(): Promise<void> {
  quietTfjsBanner();
  const argSeeds = process.argv.indexOf('--seeds');
  const seeds = argSeeds >= 0 ? Number(process.argv[argSeeds + 1]) : 3;
  await initBackend('wasm');
  const started = performance.now();
  console.log(
    'data set       noise seed | est. noise [90% CI]      flagged | acc now true/est | clean: true  est  (vs-cleaned, extrap.) | data-equiv est / true',
  );
  let example: WorthReport | null = null;
  const errors = { rate: [] as number[], clean: [] as number[], cleaned: [] as number[], extrap: [] as number[] };
  for (const name of DATASETS) {
    const table = readTable(name);
    for (const rate of RATES) {
      for (let seed = 0; seed < seeds; seed++) {
        const c = await runCase(table, rate, seed);
        if (name === 'wine' && rate === 0.2 && seed === 0) example = c.report;
        errors.rate.push(Math.abs(c.estRate - c.trueRate));
        errors.clean.push(Math.abs(c.cleanCorrected - c.cleanTrue));
        errors.cleaned.push(Math.abs(c.cleanVsCleaned - c.cleanTrue));
        errors.extrap.push(Math.abs(c.cleanExtrapolated - c.cleanTrue));
        console.log(
          `${name.padEnd(14)} ${pct(c.trueRate)} ${String(seed).padStart(4)} | ${pct(c.estRate)} [${pct(c.low)}, ${pct(c.high)}] ${String(c.suspected).padStart(6)} | ${pct(c.nowTrue)} ${pct(c.nowEst)}      | ${pct(c.cleanTrue)} ${pct(c.cleanCorrected)}  (${pct(c.cleanVsCleaned)} ${pct(c.cleanExtrapolated)})       | ${c.factor.padStart(7)} / ${c.factorTrue}`,
        );
      }
    }
  }
  const summary = (label: string, values: number[], aim: number): void => {
    const max = Math.max(...values);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const within = values.filter((v) => v <= aim).length;
    console.log(
      `${label}: mean |error| ${pct(mean)} points, max ${pct(max)}; within ${100 * aim} points in ${within}/${values.length}`,
    );
  };
  summary('noise rate (aim 5)                ', errors.rate, 0.05);
  summary('clean accuracy, corrected (aim 3)  ', errors.clean, 0.03);
  summary('clean accuracy, vs cleaned labels  ', errors.cleaned, 0.03);
  summary('clean accuracy, extrapolated       ', errors.extrap, 0.03);
  if (example) {
    console.log('\nThe report for wine, 20% noise, seed 0:');
    console.log(`  ${example.headline}`);
    for (const line of [...example.method, ...example.caveats]) console.log(`  - ${line}`);
  }
  console.log(`(* = extrapolated beyond the measured curve) ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
