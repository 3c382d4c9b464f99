/**
 * How good is the Worth report? On each bundled CSV (public/data/tabular/)
 * with 10%, 20% and 30% injected uniform noise, computes the report's
 * estimates from the noisy labels alone — by really training logistic
 * regression in Node (wasm backend), 5-fold cross-validated through the same
 * driver as `lab worth` (src/model/tabularWorth.ts: the table engine's
 * pipeline, a featurizer fitted on each training fold) — and compares
 * them with the truth the noisy labels hide:
 *
 * - estimated noise rate (with its 90% bootstrap interval) vs the injected rate;
 * - predicted accuracy with clean labels vs the cross-validated accuracy
 *   actually reached when training on the true labels (scored on true labels).
 *
 *   npx tsx scripts/worthAccuracy.ts [--seeds 3]
 */
import { readFileSync } from 'node:fs';
import { dataEquivalent, type WorthReport } from '../src/engine/worth/index.ts';
import { initBackend } from '../src/model/backend.ts';
import { startTabularRun, type PreparedTable } from '../src/model/tabular.ts';
import { analyseTable } from '../src/model/tabularWorth.ts';
import { prepareCsvBytes } from '../src/cli/readCsvTable.ts';
import { quietTfjsBanner } from '../src/cli/quietTfjsBanner.ts';

const DATASETS = [
  { name: 'wine', label: 'cultivar' },
  { name: 'breast_cancer', label: 'diagnosis' },
];
const RATES = [0.1, 0.2, 0.3];
const FOLDS = 5;

/** A bundled CSV through the same table pipeline as `lab worth` (decode, parse, column types, label check). */
function readTable(name: string, label: string): PreparedTable {
  const path = new URL(`../public/data/tabular/${name}.csv`, import.meta.url);
  return prepareCsvBytes(readFileSync(path), `${name}.csv`, { label, folds: FOLDS, seed: 0 }).prepared;
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

/**
 * One case through the real driver (analyseTable: per-fold featurizer, the
 * labels flipped by --inject-noise's stream), plus the one thing the driver
 * cannot know: the cross-validated accuracy of training on the true labels,
 * on the very same folds.
 */
async function runCase(prepared: PreparedTable, rate: number, seed: number): Promise<CaseResult> {
  const analysis = await analyseTable(prepared, { folds: FOLDS, seed, injectNoise: rate });
  const run = startTabularRun(prepared, { folds: FOLDS, seed, injectNoise: rate }, FOLDS);
  const withTruth = await run.crossValidate(run.original);
  let correct = 0;
  withTruth.predicted.forEach((p, i) => (correct += p === run.original[i] ? 1 : 0));
  const cleanTrue = correct / run.original.length;
  const { report, injected, noiseRate, baseline, afterCleaning, curve } = analysis;
  const describe = (e: ReturnType<typeof dataEquivalent>): string =>
    e.status === 'beyond_range'
      ? `>${e.moreThan.toFixed(0)}×`
      : e.status === 'below_range'
        ? `≤${e.factor.toFixed(2)}×`
        : `${e.factor.toFixed(1)}×${e.status === 'extrapolated' ? '*' : ''}`;
  const trueCurve = { sizes: curve.map((p) => p.size), accuracy: curve.map((p) => p.truth!) };
  return {
    report,
    trueRate: injected!.trueNoiseRate,
    estRate: noiseRate.estimate,
    low: noiseRate.low,
    high: noiseRate.high,
    suspected: report.suspected,
    nowTrue: baseline.truth!,
    nowEst: baseline.corrected,
    cleanTrue,
    cleanVsCleaned: afterCleaning.againstCleaned,
    cleanCorrected: afterCleaning.corrected,
    cleanExtrapolated: analysis.sensitivity.accuracyAtZeroNoise,
    factor: describe(report.dataEquivalent),
    factorTrue: describe(dataEquivalent(trueCurve, { target: cleanTrue })),
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
  for (const { name, label } of DATASETS) {
    const table = readTable(name, label);
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
