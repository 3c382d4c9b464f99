/**
 * Seeded tables at the size the "Your own data" page promises (200,000 rows ×
 * 30 columns, and a wide 20,000 × 300 variant), for the scale e2e test, the
 * bench and measuring the CLI:
 *
 *   npx tsx scripts/makeScaleTable.ts [--preset tall|wide] [--rows N] [--columns C]
 *        [--classes K] [--noise R] [--seed S] [--out path.csv]
 *
 * Without --out the file goes to the system's temp folder (its path is printed).
 *
 * What is in it (C columns in all, the label last):
 * - `x1…` numeric features: the first INFORMATIVE of them carry the class
 *   (each class has its own mean there, a unit normal around it), the rest are
 *   pure noise; about 1% of the cells of every third one are missing;
 * - CATEGORICAL categorical features `c1…` (values "v0"…"v5"): half the rows
 *   take their class's favourite value, the rest a uniform one;
 * - `label`: K classes named alpha, beta, …; a fraction `noise` of the rows
 *   (uniform, seeded) carries another class than the one its features were
 *   drawn from, so the analysis has something to find.
 *
 * Logistic regression predicts the clean label of the default tables about
 * 90% of the time (checked with `lab issues`). Same options → the same bytes.
 */
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRandom, randomInt, randomNormal } from '../src/engine/random.ts';

export interface ScaleTableOptions {
  /** Data rows (the header is extra). */
  readonly rows: number;
  /** Columns in all, the label included (≥ 2 + categorical). */
  readonly columns: number;
  /** K, 2…8. Default 4. */
  readonly classes?: number;
  /** Fraction of labels drawn as another class than the features'. Default 0.05. */
  readonly noise?: number;
  readonly seed?: number;
}

/** The sizes the page promises. */
export const PRESETS = {
  tall: { rows: 200_000, columns: 30 },
  wide: { rows: 20_000, columns: 300 },
} as const satisfies Record<string, ScaleTableOptions>;

const CLASS_NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
/** Numeric features that carry the class. */
const INFORMATIVE = 8;
const CATEGORICAL = 3;
const CATEGORIES = 6;
/** Spread of the class means on an informative feature (in units of the within-class spread). */
const SEPARATION = 0.75;
/** Randomness streams: the class means, then the rows. */
const STREAM_MEANS = 1;
const STREAM_ROWS = 2;

/** The header row and then every data row, as CSV lines without their line ending. */
export function* scaleTableLines(options: ScaleTableOptions): Generator<string> {
  const { rows, columns, classes = 4, noise = 0.05, seed = 0 } = options;
  if (!(Number.isInteger(rows) && rows >= 1)) throw new RangeError(`rows must be a whole number ≥ 1, got ${rows}`);
  if (!(Number.isInteger(columns) && columns >= CATEGORICAL + 2))
    throw new RangeError(`columns must be a whole number ≥ ${CATEGORICAL + 2}, got ${columns}`);
  if (!(Number.isInteger(classes) && classes >= 2 && classes <= CLASS_NAMES.length))
    throw new RangeError(`classes must be 2…${CLASS_NAMES.length}, got ${classes}`);
  if (!(noise >= 0 && noise < 1)) throw new RangeError(`noise must be in [0, 1), got ${noise}`);
  const numeric = columns - 1 - CATEGORICAL;
  const informative = Math.min(INFORMATIVE, numeric);
  const means = createRandom(seed, STREAM_MEANS);
  /** `(K, informative)` class means. */
  const centre = Array.from({ length: classes }, () =>
    Float64Array.from({ length: informative }, () => SEPARATION * randomNormal(means)),
  );
  /** `(CATEGORICAL, K)` each class's favourite value of each categorical feature. */
  const favourite = Array.from({ length: CATEGORICAL }, () =>
    Int32Array.from({ length: classes }, () => randomInt(means, CATEGORIES)),
  );
  yield [
    ...Array.from({ length: numeric }, (_, j) => `x${j + 1}`),
    ...Array.from({ length: CATEGORICAL }, (_, j) => `c${j + 1}`),
    'label',
  ].join(',');
  const random = createRandom(seed, STREAM_ROWS);
  const cells: string[] = new Array<string>(columns);
  for (let r = 0; r < rows; r++) {
    const y = randomInt(random, classes);
    for (let j = 0; j < numeric; j++) {
      const value = (j < informative ? centre[y]![j]! : 0) + randomNormal(random);
      cells[j] = j % 3 === 2 && random() < 0.01 ? '' : value.toFixed(2);
    }
    for (let j = 0; j < CATEGORICAL; j++) {
      const v = random() < 0.5 ? favourite[j]![y]! : randomInt(random, CATEGORIES);
      cells[numeric + j] = `v${v}`;
    }
    const given = random() < noise ? (y + 1 + randomInt(random, classes - 1)) % classes : y;
    cells[columns - 1] = CLASS_NAMES[given]!;
    yield cells.join(',');
  }
}

/** The whole table as one string (tests, small sizes). */
export function scaleTableCsv(options: ScaleTableOptions): string {
  return [...scaleTableLines(options)].join('\n') + '\n';
}

/** Streams the table to `path` (bounded memory whatever its size); resolves with the bytes written. */
export async function writeScaleTable(path: string, options: ScaleTableOptions): Promise<number> {
  const out = createWriteStream(path);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  let chunk: string[] = [];
  for (const line of scaleTableLines(options)) {
    chunk.push(line);
    if (chunk.length === 2000) {
      if (!out.write(chunk.join('\n') + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = [];
    }
  }
  if (chunk.length) out.write(chunk.join('\n') + '\n');
  out.end();
  await done;
  return out.bytesWritten;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', default: 'tall' },
      rows: { type: 'string' },
      columns: { type: 'string' },
      classes: { type: 'string' },
      noise: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const preset = PRESETS[values.preset as keyof typeof PRESETS];
  if (!preset) throw new RangeError(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
  const number = (text: string | undefined, fallback: number | undefined) =>
    text === undefined ? fallback : Number(text);
  const options: ScaleTableOptions = {
    rows: number(values.rows, preset.rows)!,
    columns: number(values.columns, preset.columns)!,
    classes: number(values.classes, 4)!,
    noise: number(values.noise, 0.05)!,
    seed: number(values.seed, 0)!,
  };
  const path = values.out ?? join(tmpdir(), `scale-${options.rows}x${options.columns}-seed${options.seed}.csv`);
  const bytes = await writeScaleTable(path, options);
  process.stdout.write(`${path}\n`);
  process.stderr.write(
    `${options.rows} rows × ${options.columns} columns, ${options.classes} classes, ${(100 * options.noise!).toFixed(0)}% labels drawn wrong, ${(bytes / 2 ** 20).toFixed(1)} MiB\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
