/**
 * How good is the Worth report? Runs the real analysis (src/model/tabularWorth.ts,
 * the same code as `lab worth` and the page) on tables where the truth is
 * known — public tables with noise injected at known rates, and generated
 * tables whose every label is correct — and compares what it says with the
 * truth the noise hides:
 *
 * - the estimated noise rate and its 90% interval vs the injected rate;
 * - "accuracy now" and "after cleaning" vs the same models scored on the true
 *   labels (the analysis measures those too when it injects the noise itself);
 * - the verdict: how often it declines ('no_signal', 'unsure'), and whether it
 *   claims a gain on tables with no wrong labels (false alarms).
 *
 * Groups of tables, kept apart (docs/worth-accuracy.md):
 * - tuning: every constant of the method was chosen looking at these;
 * - heldout: only ever measured, never tuned on. The aims are stated for these;
 * - fresh: a second held-out set whose labels are fixed by how the data were
 *   made (scripts/prepare-worth-data.py --fresh), run once the first showed
 *   that a table with inconsistent labels of its own is no ground truth.
 *
 *   npx tsx scripts/worthAccuracy.ts [--group heldout|tuning|fresh|all] [--seeds 3]
 *       [--tables a,b] [--kinds uniform,class_conditional] [--rates 0,0.1,0.2,0.3]
 *       [--json results.json] [--quiet]
 *
 * The tuning group needs `/usr/bin/python3 scripts/prepare-worth-data.py --tuning`
 * (Debian's r-cran-mlbench) first; tables whose file is missing are skipped with a note.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { prepareCsvBytes } from '../src/cli/readCsvTable.ts';
import { quietTfjsBanner } from '../src/cli/quietTfjsBanner.ts';
import { initBackend } from '../src/model/backend.ts';
import type { InjectNoiseKind, PreparedTable } from '../src/model/tabular.ts';
import { analyseTable, type TabularWorth } from '../src/model/tabularWorth.ts';
import { PLATEAU_FRACTION, plateauRows } from '../src/engine/worth/plateauNoiseRate.ts';
import {
  FRESH_GENERATED,
  generateTable,
  HELDOUT_GENERATED,
  TUNING_GENERATED,
  type GeneratedTableSpec,
} from './worthTables.ts';

const DATA = new URL('./data/worth/', import.meta.url);
const BUNDLED = new URL('../public/data/tabular/', import.meta.url);

export interface TableSource {
  readonly name: string;
  readonly group: 'tuning' | 'heldout' | 'fresh';
  readonly label: string;
  /** A CSV file, or a generated table. */
  readonly file?: URL;
  readonly generated?: GeneratedTableSpec;
}

type Group = TableSource['group'];

/** Files `<group>/<name>.csv` in scripts/data/worth/, each with its label column. */
function fileTables(group: Group, labels: Record<string, string>): TableSource[] {
  return Object.entries(labels).map(([name, label]) => ({
    name,
    group,
    label,
    file: new URL(`${group}/${name}.csv`, DATA),
  }));
}

/** Generated tables (scripts/worthTables.ts), their label column `label`. */
function generatedTables(group: Group, specs: readonly GeneratedTableSpec[]): TableSource[] {
  return specs.map((g) => ({ name: g.name, group, label: 'label', generated: g }));
}

export const TABLES: readonly TableSource[] = [
  { name: 'wine', group: 'tuning', label: 'cultivar', file: new URL('wine.csv', BUNDLED) },
  { name: 'breast_cancer', group: 'tuning', label: 'diagnosis', file: new URL('breast_cancer.csv', BUNDLED) },
  { name: 'cars', group: 'tuning', label: 'Origin', file: new URL('cars.csv', BUNDLED) },
  ...fileTables('tuning', {
    glass: 'Type',
    vehicle: 'Class',
    vowel: 'Class',
    sonar: 'Class',
    ionosphere: 'Class',
    pima: 'diabetes',
  }),
  ...generatedTables('tuning', TUNING_GENERATED),
  ...fileTables('heldout', {
    penguins: 'species',
    two_class: 'Class',
    bivariate: 'Class',
    attrition: 'Attrition',
    hpc: 'class',
    cells: 'class',
    credit: 'Status',
    alzheimer: 'Class',
    churn: 'churn',
    seattle_weather: 'weather',
    digits: 'digit',
  }),
  ...generatedTables('heldout', HELDOUT_GENERATED),
  ...fileTables('fresh', {
    satellite: 'classes',
    dna: 'Class',
    soybean: 'Class',
    house_votes: 'Class',
    letters: 'lettr',
    pd_speech: 'class',
    parabolic: 'class',
    stackoverflow: 'Remote',
  }),
  ...generatedTables('fresh', FRESH_GENERATED),
];

/** The table through the same steps as `lab worth` (decode, parse, column types, label check). */
export function readSource(source: TableSource): { prepared: PreparedTable; bayesError: number | null } | null {
  let bytes: Uint8Array;
  let bayesError: number | null = null;
  if (source.generated) {
    const table = generateTable(source.generated);
    bytes = new TextEncoder().encode(table.csv);
    bayesError = table.bayesError;
  } else {
    if (!existsSync(source.file!)) return null;
    bytes = readFileSync(source.file!);
  }
  const { prepared } = prepareCsvBytes(bytes, `${source.name}.csv`, { label: source.label, folds: 5, seed: 0 });
  return { prepared, bayesError };
}

export interface CaseResult {
  readonly table: string;
  readonly group: string;
  readonly kind: InjectNoiseKind;
  readonly rate: number;
  readonly seed: number;
  readonly rows: number;
  readonly classes: number;
  readonly bayesError: number | null;
  readonly model: string;
  readonly verdict: string;
  readonly trueRate: number;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly correction: string;
  readonly nowTrue: number;
  readonly nowEstimate: number;
  readonly afterTrue: number;
  readonly afterEstimate: number;
  readonly gainLow: number;
  readonly gainHigh: number;
  readonly factor: string;
  readonly factorLow: number | null;
  readonly factorHigh: number | null;
  readonly fixes: number;
  readonly fixesRight: number;
  readonly fixesWrong: number;
  readonly seconds: number;
}

export function caseResult(
  source: TableSource,
  w: TabularWorth,
  context: { kind: InjectNoiseKind; rate: number; seed: number; bayesError: number | null; seconds: number },
): CaseResult {
  const e = w.report.dataEquivalent;
  const factor =
    e === null
      ? '—'
      : e.status === 'beyond_range'
        ? `>${e.moreThan <= 1 ? 'any' : e.bound}×`
        : `${e.status === 'below_range' ? '≤' : ''}${e.factor.toFixed(2)}×`;
  return {
    table: source.name,
    group: source.group,
    kind: context.kind,
    rate: context.rate,
    seed: context.seed,
    rows: w.summary.rows,
    classes: w.summary.classes.length,
    bayesError: context.bayesError,
    model: `${w.model.chosen.kind}:${w.model.chosen.l2}`,
    verdict: w.report.verdict,
    trueRate: w.injected?.trueNoiseRate ?? 0,
    estimate: w.noise.estimate,
    low: w.noise.low,
    high: w.noise.high,
    correction: w.noise.correction,
    nowTrue: w.baseline.truth ?? w.baseline.accuracy,
    nowEstimate: w.baseline.corrected,
    afterTrue: w.afterCleaning.truth ?? w.afterCleaning.accuracy,
    afterEstimate: w.afterCleaning.corrected,
    gainLow: w.bootstrap.gain.low,
    gainHigh: w.bootstrap.gain.high,
    factor,
    factorLow: e?.low ?? null,
    factorHigh: e?.high ?? null,
    fixes: w.afterCleaning.cleaning.fixes,
    fixesRight: w.afterCleaning.cleaning.fixesRight ?? 0,
    fixesWrong: w.afterCleaning.cleaning.fixesWrong ?? 0,
    seconds: context.seconds,
  };
}

const AIM = 0.03;
const pct = (v: number): string => (100 * v).toFixed(1).padStart(5);

/** erf(x), Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/**
 * A reference for "noise rate within 3 points": the chance that an unbiased
 * reading of exactly the surest PLATEAU_FRACTION of a table's rows (m of N)
 * lands within AIM of the table's true rate, from which rows happen to be
 * flipped among them alone (standard error √(r(1 − r)(1/m − 1/N)), normal
 * approximation). Not a bound: the isotonic fit pools rows past m, and an
 * estimator that read more rows would have less sampling error (and more
 * hard rows). 1 for a clean table (nothing to sample).
 */
export function samplingReference(rows: number, trueRate: number): number {
  const m = plateauRows(rows, PLATEAU_FRACTION);
  if (m >= rows || trueRate === 0) return 1;
  const r = Math.max(trueRate, 1 / m);
  const se = Math.sqrt(r * (1 - r) * (1 / m - 1 / rows));
  return erf(AIM / (se * Math.SQRT2));
}

/** The summary lines of a set of cases (see the file header). */
export function summarize(results: readonly CaseResult[]): string[] {
  const answered = results.filter((r) => r.verdict !== 'no_signal' && r.verdict !== 'unsure');
  const share = (part: number, whole: number): string =>
    `${part}/${whole} (${whole ? Math.round((100 * part) / whole) : 0}%)`;
  const within = (rows: readonly CaseResult[], est: keyof CaseResult, truth: keyof CaseResult): number =>
    rows.filter((r) => Math.abs((r[est] as number) - (r[truth] as number)) <= AIM).length;
  const covered = answered.filter((r) => r.low - 1e-9 <= r.trueRate && r.trueRate <= r.high + 1e-9).length;
  const clean = results.filter((r) => r.trueRate === 0);
  const falseAlarms = clean.filter((r) => r.verdict === 'helps').length;
  const mean = (rows: readonly CaseResult[], f: (r: CaseResult) => number): string =>
    pct(rows.reduce((s, r) => s + f(r), 0) / Math.max(rows.length, 1));
  return [
    `cases ${results.length}; answered ${share(answered.length, results.length)}; declined: no signal ${results.filter((r) => r.verdict === 'no_signal').length}, can't tell ${results.filter((r) => r.verdict === 'unsure').length}`,
    `  noise rate within 3 points: ${share(within(answered, 'estimate', 'trueRate'), answered.length)} (mean |error| ${mean(answered, (r) => Math.abs(r.estimate - r.trueRate))}); for reference, an unbiased reading of exactly the surest ${100 * PLATEAU_FRACTION}% would be within 3 points in ${Math.round((100 * answered.reduce((s, r) => s + samplingReference(r.rows, r.trueRate), 0)) / Math.max(answered.length, 1))}% (sampling alone)`,
    `  90% interval holds the true rate: ${share(covered, answered.length)} (mean width ${mean(answered, (r) => r.high - r.low)})`,
    `  accuracy now within 3 points: ${share(within(answered, 'nowEstimate', 'nowTrue'), answered.length)} (mean |error| ${mean(answered, (r) => Math.abs(r.nowEstimate - r.nowTrue))})`,
    `  accuracy after cleaning within 3 points: ${share(within(answered, 'afterEstimate', 'afterTrue'), answered.length)} (mean |error| ${mean(answered, (r) => Math.abs(r.afterEstimate - r.afterTrue))})`,
    `  no wrong labels (0% injected): ${clean.length} cases, gain claimed in ${falseAlarms}; verdicts ${[...new Set(clean.map((r) => r.verdict))].map((v) => `${v} ${clean.filter((r) => r.verdict === v).length}`).join(', ')}`,
    `  gain interval holds the true gain: ${share(answered.filter((r) => r.gainLow - 1e-9 <= r.afterTrue - r.nowTrue && r.afterTrue - r.nowTrue <= r.gainHigh + 1e-9).length, answered.length)}`,
  ];
}

function line(r: CaseResult): string {
  return `${r.table.padEnd(16)} ${r.kind === 'uniform' ? 'unif' : 'cc  '} ${pct(r.trueRate)} ${String(r.seed).padStart(2)} | ${pct(r.estimate)} [${pct(r.low)},${pct(r.high)}] ${r.correction === 'matrix' ? 'M' : ' '} | now ${pct(r.nowTrue)} ${pct(r.nowEstimate)} | after ${pct(r.afterTrue)} ${pct(r.afterEstimate)} | gain [${pct(r.gainLow)},${pct(r.gainHigh)}] ${r.factor.padStart(7)} | ${r.verdict.padEnd(12)} ${r.model.padEnd(10)} ${r.seconds.toFixed(0).padStart(4)}s`;
}

async function main(): Promise<void> {
  quietTfjsBanner();
  const arg = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const group = arg('--group') ?? 'heldout';
  const seeds = Number(arg('--seeds') ?? 3);
  const only = arg('--tables')?.split(',');
  const kinds = (arg('--kinds') ?? 'uniform,class_conditional').split(',') as InjectNoiseKind[];
  const rates = (arg('--rates') ?? '0,0.1,0.2,0.3').split(',').map(Number);
  const jsonPath = arg('--json');
  const quiet = process.argv.includes('--quiet');
  await initBackend('wasm');
  const started = performance.now();
  const results: CaseResult[] = [];
  const sources = TABLES.filter((t) => (group === 'all' || t.group === group) && (!only || only.includes(t.name)));
  console.log(
    'table            kind  true seed |  est. [ low, high]   | now: true  est | after: true est | gain interval    factor | verdict      model      time',
  );
  for (const source of sources) {
    const read = readSource(source);
    if (!read) {
      console.log(
        `${source.name}: ${source.file?.pathname} not found (run scripts/prepare-worth-data.py --${source.group === 'fresh' ? 'fresh' : 'tuning'}); skipped`,
      );
      continue;
    }
    for (const kind of kinds) {
      for (const rate of rates) {
        if (rate === 0 && kind !== kinds[0]) continue;
        for (let seed = 0; seed < seeds; seed++) {
          const t0 = performance.now();
          const w = await analyseTable(read.prepared, { seed, injectNoise: rate, injectNoiseKind: kind });
          const r = caseResult(source, w, {
            kind,
            rate,
            seed,
            bayesError: read.bayesError,
            seconds: (performance.now() - t0) / 1000,
          });
          results.push(r);
          if (!quiet) console.log(line(r));
          if (jsonPath) writeFileSync(jsonPath, JSON.stringify(results, null, 1));
        }
      }
    }
  }
  for (const g of ['tuning', 'heldout', 'fresh']) {
    const mine = results.filter((r) => r.group === g);
    if (mine.length === 0) continue;
    console.log(`\n${g} tables (${[...new Set(mine.map((r) => r.table))].join(', ')}):`);
    for (const s of summarize(mine)) console.log(s);
  }
  console.log(`\n${results.length} analyses in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
