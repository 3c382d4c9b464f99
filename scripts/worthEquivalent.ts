/**
 * Is the Worth report's data-equivalent right? Checked where the truth can be
 * measured: Fashion-MNIST, where more noisy data can really be trained.
 *
 * For each case (noise rate × seed): a "user's table" of ROWS rows drawn from
 * the Fashion-MNIST training pool (public/data/fashion.dcl.gz), its labels
 * flipped at the rate (uniform), goes through the real analysis
 * (src/model/tabularWorth.ts) as a CSV of 196 pixel columns. The report says
 * how much more data of the same quality cleaning is worth: a factor of n0,
 * the rows each fold trains on, with a 90% interval (or "more than 2×").
 *
 * The truth: the model the report chose, trained on m rows drawn afresh from
 * the rest of the pool with labels flipped at the same rate, scored on the
 * 3,000 test images with their true labels — averaged over DRAWS draws, at
 * m = n0 × 1, 1.5, 2, 3, 4. Where that curve reaches the accuracy the report's
 * nested cleaning reached (scored on the true labels of the held-out rows), as
 * a multiple of n0, is the true data-equivalent (log-linear between sizes;
 * "more than 4×" when it never does).
 *
 *   npx tsx scripts/worthEquivalent.ts [--seeds 3] [--rates 0.2,0.3] [--rows 600]
 */
import { quietTfjsBanner } from '../src/cli/quietTfjsBanner.ts';
import { loadDatasetFile } from '../src/cli/loadDatasetFile.ts';
import { prepareCsvBytes } from '../src/cli/readCsvTable.ts';
import { accuracy } from '../src/engine/metrics.ts';
import { injectUniformNoise } from '../src/engine/noise/uniform.ts';
import { createRandom, shuffle } from '../src/engine/random.ts';
import type { Dataset } from '../src/engine/types.ts';
import { initBackend } from '../src/model/backend.ts';
import { fitModel } from '../src/model/fit.ts';
import { analyseTable, type TabularWorth } from '../src/model/tabularWorth.ts';

const STREAM_SAMPLE = 8101;
const STREAM_TRUTH = 8102;
export const MULTIPLES = [1, 1.5, 2, 3, 4];
const DRAWS = 3;

/** `rows` of the pool as a CSV (pixel columns, then the class name). */
function tableCsv(data: Dataset, rows: Int32Array, labels: Int32Array): string {
  const header = [...Array.from({ length: data.d }, (_, j) => `p${j}`), 'label'].join(',');
  const lines = [header];
  rows.forEach((row, i) => {
    const x = Array.from(data.x.subarray(row * data.d, (row + 1) * data.d), (v) => String(Math.round(v * 255)));
    lines.push([...x, `c${labels[i]}`].join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** Test-set accuracy of `kind` trained on m noisy pool rows (not in `exclude`), averaged over DRAWS draws. */
async function noisyCurve(
  data: Dataset,
  worth: TabularWorth,
  sizes: readonly number[],
  exclude: Set<number>,
  rate: number,
  seed: number,
): Promise<number[]> {
  const [p0, p1] = data.split!.pool;
  const [t0, t1] = data.split!.test;
  const candidates = Int32Array.from({ length: p1 - p0 }, (_, i) => p0 + i).filter((i) => !exclude.has(i));
  const test = Int32Array.from({ length: t1 - t0 }, (_, i) => t0 + i);
  const testX = new Float32Array(test.length * data.d);
  test.forEach((row, i) => testX.set(data.x.subarray(row * data.d, (row + 1) * data.d), i * data.d));
  const testY = Int32Array.from(test, (i) => data.y[i]!);
  const out: number[] = [];
  for (const m of sizes) {
    let sum = 0;
    for (let draw = 0; draw < DRAWS; draw++) {
      const random = createRandom(seed, STREAM_TRUTH, m, draw);
      const rows = shuffle(random, Int32Array.from(candidates)).subarray(0, m);
      const truth = Int32Array.from(rows, (i) => data.y[i]!);
      const noisy = injectUniformNoise(truth, { rate, classes: data.classes, random }).labels;
      const x = new Float32Array(m * data.d);
      rows.forEach((row, i) => x.set(data.x.subarray(row * data.d, (row + 1) * data.d), i * data.d));
      // The table pipeline standardizes pixel columns per fold; the model here sees the same scale (0–1 pixels, centred).
      const fit = await fitModel(
        worth.model.chosen.kind,
        { x: standardize(x, m, data.d, x), y: noisy, n: m, d: data.d, classes: data.classes },
        { seed, l2: worth.model.chosen.l2 },
      );
      const predicted = fit.classifier.predict(standardize(testX, test.length, data.d, x, m), test.length);
      fit.classifier.dispose();
      sum += accuracy(predicted, testY);
    }
    out.push(sum / DRAWS);
  }
  return out;
}

/** `values` (n × d) standardized with the mean and sd of `reference` (r × d) per column, as the table featurizer does. */
function standardize(values: Float32Array, n: number, d: number, reference: Float32Array, r = n): Float32Array {
  const out = new Float32Array(values.length);
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < r; i++) mean += reference[i * d + j]!;
    mean /= r;
    let sq = 0;
    for (let i = 0; i < r; i++) sq += (reference[i * d + j]! - mean) ** 2;
    const sd = Math.sqrt(sq / Math.max(r - 1, 1)) || 1;
    for (let i = 0; i < n; i++) out[i * d + j] = (values[i * d + j]! - mean) / sd;
  }
  return out;
}

/** Where `curve` (accuracy at `multiples`) reaches `target`, log-linear between points; Infinity past the last. */
export function trueFactor(multiples: readonly number[], curve: readonly number[], target: number): number {
  if (curve[0]! >= target) return multiples[0]!;
  for (let i = 1; i < curve.length; i++) {
    if (curve[i]! >= target) {
      const [a, b] = [Math.log(multiples[i - 1]!), Math.log(multiples[i]!)];
      const t = (target - curve[i - 1]!) / (curve[i]! - curve[i - 1]!);
      return Math.exp(a + t * (b - a));
    }
  }
  return Infinity;
}

export interface EquivalentCase {
  readonly rate: number;
  readonly seed: number;
  readonly model: string;
  readonly verdict: string;
  readonly factor: string;
  readonly low: number | null;
  readonly high: number | null;
  readonly trueFactor: number;
  readonly target: number;
  readonly curve: readonly number[];
  readonly covered: boolean;
}

export async function equivalentCase(data: Dataset, rows: number, rate: number, seed: number): Promise<EquivalentCase> {
  const [p0, p1] = data.split!.pool;
  const sample = shuffle(
    createRandom(seed, STREAM_SAMPLE),
    Int32Array.from({ length: p1 - p0 }, (_, i) => p0 + i),
  ).subarray(0, rows);
  const labels = Int32Array.from(sample, (i) => data.y[i]!);
  const csv = tableCsv(data, sample, labels);
  const { prepared } = prepareCsvBytes(new TextEncoder().encode(csv), 'fashion.csv', {
    label: 'label',
    folds: 5,
    seed,
  });
  const worth = await analyseTable(prepared, { seed, injectNoise: rate });
  const n0 = worth.curve.at(-1)!.size;
  const sizes = MULTIPLES.map((f) => Math.round(f * n0));
  const curve = await noisyCurve(data, worth, sizes, new Set(sample), rate, seed);
  const target = worth.afterCleaning.truth!;
  const truth = trueFactor(MULTIPLES, curve, target);
  const e = worth.report.dataEquivalent;
  const low = e?.low ?? worth.bootstrap.factor.low;
  const high = e?.high ?? (Number.isFinite(worth.bootstrap.factor.high) ? worth.bootstrap.factor.high : null);
  const covered = low <= truth + 1e-9 && (high === null || truth <= high + 1e-9);
  const factor =
    e === null
      ? 'not claimed'
      : e.status === 'beyond_range'
        ? `>${e.moreThan <= 1 ? 'any' : e.bound}×`
        : `${e.factor.toFixed(2)}×`;
  return {
    rate,
    seed,
    model: worth.model.description,
    verdict: worth.report.verdict,
    factor,
    low,
    high,
    trueFactor: truth,
    target,
    curve,
    covered,
  };
}

async function main(): Promise<void> {
  quietTfjsBanner();
  const arg = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const seeds = Number(arg('--seeds') ?? 3);
  const rates = (arg('--rates') ?? '0.2,0.3').split(',').map(Number);
  const rows = Number(arg('--rows') ?? 600);
  await initBackend('wasm');
  const data = await loadDatasetFile('fashion');
  console.log(
    `Fashion-MNIST, ${rows} rows a table; true curve: the chosen model on n0 × ${MULTIPLES.join(', ')} noisy rows, ${DRAWS} draws, the 3,000 test images`,
  );
  console.log(
    'noise seed | report: factor  [90% interval]     verdict       | true factor  (cleaned acc; noisy curve)',
  );
  let covered = 0;
  let cases = 0;
  for (const rate of rates) {
    for (let seed = 0; seed < seeds; seed++) {
      const c = await equivalentCase(data, rows, rate, seed);
      cases++;
      if (c.covered) covered++;
      const f = (v: number | null): string => (v === null ? '>2' : v.toFixed(2));
      console.log(
        `${(100 * rate).toFixed(0).padStart(4)}% ${String(seed).padStart(3)} | ${c.factor.padStart(8)} [${f(c.low)}, ${f(c.high)}]  ${c.verdict.padEnd(13)} | ${Number.isFinite(c.trueFactor) ? `${c.trueFactor.toFixed(2)}×` : '>4×'}  (${(100 * c.target).toFixed(1)}%; ${c.curve.map((a) => (100 * a).toFixed(1)).join(' ')}) ${c.covered ? '' : '✗'}`,
      );
    }
  }
  console.log(`true data-equivalent inside the report's 90% interval: ${covered}/${cases}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
