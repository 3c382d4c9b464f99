/**
 * Generated tables with a known Bayes error, for checking the Worth report
 * where the answer is known by construction (scripts/worthAccuracy.ts).
 *
 * - 'blobs': class j is a unit-variance Gaussian in `dims` dimensions centred
 *   at `separation` along axis j (mod dims); the classes overlap, so even the
 *   best possible classifier errs on a share of the rows (the Bayes error,
 *   computed here by Monte Carlo with the true densities). Every label is
 *   correct: whatever a model gets wrong is hard, not mislabelled.
 * - 'xor': two classes by the signs of x1 and x2 (same sign: class 0), with
 *   unit-variance noise around ±separation — a table a linear model cannot
 *   fit and a small neural network can.
 * - 'nosignal': the label drawn independently of the features.
 *
 * Seeded: the same spec gives the same CSV text.
 */
import { createRandom, randomNormal, type Random } from '../src/engine/random.ts';

export interface GeneratedTableSpec {
  readonly name: string;
  readonly kind: 'blobs' | 'xor' | 'nosignal';
  readonly classes: number;
  readonly dims: number;
  readonly rows: number;
  readonly separation: number;
  readonly seed: number;
}

export interface GeneratedTable {
  readonly csv: string;
  /** The error of the best possible classifier (Monte Carlo, 20,000 draws). */
  readonly bayesError: number;
}

const STREAM_ROWS = 7001;
const STREAM_BAYES = 7002;

function draw(spec: GeneratedTableSpec, random: Random): { x: number[]; y: number } {
  const { classes: k, dims: d, separation: s } = spec;
  const y = Math.floor(random() * k);
  if (spec.kind === 'xor') {
    const x = Array.from({ length: d }, () => randomNormal(random));
    const sign = random() < 0.5 ? 1 : -1;
    x[0] = sign * s + randomNormal(random);
    x[1] = (y === 0 ? sign : -sign) * s + randomNormal(random);
    return { x, y };
  }
  const x = Array.from({ length: d }, (_, t) => (spec.kind === 'blobs' && t === y % d ? s : 0) + randomNormal(random));
  return { x, y };
}

/** The Bayes-optimal class of x (equal class shares). */
function bayesClass(spec: GeneratedTableSpec, x: number[]): number {
  if (spec.kind === 'xor') return Math.sign(x[0]!) === Math.sign(x[1]!) ? 0 : 1;
  let best = 0;
  let bestScore = -Infinity;
  for (let j = 0; j < spec.classes; j++) {
    const score = -((x[j % spec.dims]! - spec.separation) ** 2) + x[j % spec.dims]! ** 2;
    if (score > bestScore) {
      bestScore = score;
      best = j;
    }
  }
  return best;
}

export function generateTable(spec: GeneratedTableSpec): GeneratedTable {
  const random = createRandom(spec.seed, STREAM_ROWS);
  const header = [...Array.from({ length: spec.dims }, (_, t) => `x${t + 1}`), 'label'];
  const lines = [header.join(',')];
  for (let i = 0; i < spec.rows; i++) {
    const { x, y } = draw(spec, random);
    lines.push([...x.map((v) => v.toFixed(4)), `c${y}`].join(','));
  }
  let errors = 0;
  const trials = 20_000;
  const check = createRandom(spec.seed, STREAM_BAYES);
  for (let i = 0; i < trials; i++) {
    const { x, y } = draw(spec, check);
    // The xor rule above is Bayes-optimal only approximately (sign of each noisy coordinate); blobs exactly.
    if (spec.kind === 'nosignal' ? Math.floor(check() * spec.classes) !== y : bayesClass(spec, x) !== y) errors++;
  }
  return { csv: `${lines.join('\n')}\n`, bayesError: errors / trials };
}

/** Generated tables of the tuning group (constants may be chosen on them). */
export const TUNING_GENERATED: readonly GeneratedTableSpec[] = [
  { name: 'gen-blobs-3', kind: 'blobs', classes: 3, dims: 5, rows: 600, separation: 1.65, seed: 101 },
  { name: 'gen-blobs-4-easy', kind: 'blobs', classes: 4, dims: 6, rows: 800, separation: 3.2, seed: 102 },
  { name: 'gen-xor', kind: 'xor', classes: 2, dims: 4, rows: 800, separation: 1.5, seed: 103 },
  { name: 'gen-nosignal', kind: 'nosignal', classes: 2, dims: 6, rows: 500, separation: 0, seed: 104 },
];

/** Generated tables of the held-out group: other sizes, shapes and seeds, never tuned on. */
export const HELDOUT_GENERATED: readonly GeneratedTableSpec[] = [
  { name: 'gen-overlap-3', kind: 'blobs', classes: 3, dims: 4, rows: 900, separation: 1.7, seed: 201 },
  { name: 'gen-blobs-5', kind: 'blobs', classes: 5, dims: 8, rows: 1200, separation: 2.6, seed: 202 },
  { name: 'gen-nosignal-3', kind: 'nosignal', classes: 3, dims: 5, rows: 700, separation: 0, seed: 203 },
  { name: 'gen-overlap-2', kind: 'blobs', classes: 2, dims: 2, rows: 600, separation: 0.75, seed: 204 },
];

/**
 * Generated tables of the second held-out set (group 'fresh'), other shapes
 * and seeds again, chosen before any of it was run: four classes with
 * 14% Bayes error, four classes with 22%, and a label independent of the
 * features (two classes).
 */
export const FRESH_GENERATED: readonly GeneratedTableSpec[] = [
  { name: 'gen2-blobs-4', kind: 'blobs', classes: 4, dims: 6, rows: 800, separation: 2.2, seed: 301 },
  { name: 'gen2-overlap-4', kind: 'blobs', classes: 4, dims: 4, rows: 1000, separation: 1.8, seed: 302 },
  { name: 'gen2-nosignal-2', kind: 'nosignal', classes: 2, dims: 4, rows: 600, separation: 0, seed: 303 },
];
