/**
 * A power-law learning curve: test error against training-set size,
 *
 *   error(n) = a · n^(−b) + c,   a ≥ 0, b > 0, 0 ≤ c ≤ 1,
 *
 * where c is the error no amount of this kind of data removes (the curve's
 * floor; 1 − c is its ceiling in accuracy) and b how fast the rest shrinks.
 *
 * Why three parameters and not a line in log–log space (c = 0): with noisy
 * labels the curve levels off above zero error, and a line in log–log space
 * cannot level off, so it promises that enough data reaches any accuracy.
 * The floor is what tells "more data will get there" from "it will not".
 *
 * The fit is least squares in error space by variable projection: for a
 * fixed b the model is linear in (a, c), solved in closed form under the
 * bounds; b is found by a grid over [B_MIN, B_MAX] refined by golden-section
 * search. No starting guess, no divergence.
 *
 * Shapes: `sizes` and `errors` are parallel arrays of M points (several
 * points may share a size — one per seed); at least 3 distinct sizes.
 */

export interface PowerLaw {
  readonly a: number;
  readonly b: number;
  /** The floor: error as n → ∞. */
  readonly c: number;
}

export interface PowerLawFit extends PowerLaw {
  /** Root-mean-square residual of the fit, in error units. */
  readonly rmse: number;
}

export interface PowerLawPoints {
  readonly sizes: readonly number[];
  /** Test error (1 − accuracy) at each size, in [0, 1]. */
  readonly errors: readonly number[];
}

/** The exponents searched. */
export const B_MIN = 0.02;
export const B_MAX = 3;
const GRID = 80;
const REFINE = 60;

/** The power law's error at n. */
export function powerLawError(law: PowerLaw, n: number): number {
  return law.a * n ** -law.b + law.c;
}

/**
 * The least-squares power law through the points (see the file header).
 * Throws a RangeError on mismatched lengths, non-finite values, sizes ≤ 0 or
 * fewer than 3 distinct sizes.
 */
export function fitPowerLaw(points: PowerLawPoints): PowerLawFit {
  const { sizes, errors } = points;
  if (sizes.length !== errors.length) throw new RangeError(`${sizes.length} sizes but ${errors.length} errors`);
  sizes.forEach((n, i) => {
    if (!(Number.isFinite(n) && n > 0)) throw new RangeError(`size ${n} at point ${i} must be a positive number`);
    if (!Number.isFinite(errors[i]!)) throw new RangeError(`error at point ${i} is ${errors[i]}; give finite numbers`);
  });
  if (new Set(sizes).size < 3) {
    throw new RangeError(`a power law needs at least 3 distinct sizes, got ${new Set(sizes).size}`);
  }
  const groups = groupBySize(sizes, errors);
  const sse = (b: number): { a: number; c: number; sse: number } => linearPart(groups, b);
  // Grid in log b, then golden-section search around the best grid point.
  const grid = Array.from({ length: GRID }, (_, i) => B_MIN * (B_MAX / B_MIN) ** (i / (GRID - 1)));
  let best = 0;
  const values = grid.map((b) => sse(b).sse);
  values.forEach((v, i) => {
    if (v < values[best]!) best = i;
  });
  let lo = Math.log(grid[Math.max(0, best - 1)]!);
  let hi = Math.log(grid[Math.min(GRID - 1, best + 1)]!);
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = sse(Math.exp(x1)).sse;
  let f2 = sse(Math.exp(x2)).sse;
  for (let i = 0; i < REFINE; i++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = sse(Math.exp(x1)).sse;
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = sse(Math.exp(x2)).sse;
    }
  }
  const refined = Math.exp((lo + hi) / 2);
  const b = sse(refined).sse <= values[best]! ? refined : grid[best]!;
  const { a, c } = sse(b);
  let total = 0;
  sizes.forEach((n, i) => (total += (errors[i]! - powerLawError({ a, b, c }, n)) ** 2));
  return { a, b, c, rmse: Math.sqrt(total / sizes.length) };
}

/**
 * The training-set size at which the law's error falls to `targetError`:
 * (a / (targetError − c))^(1/b); Infinity when the floor c is at or above
 * the target (not reachable with more data of this kind).
 */
export function sizeForError(law: PowerLaw, targetError: number): number {
  if (!(targetError > law.c) || !(law.a > 0)) return Infinity;
  return (law.a / (targetError - law.c)) ** (1 / law.b);
}

/** The points by distinct size: count, sum and sum of squares of the errors (the fit's sufficient statistics). */
interface SizeGroups {
  readonly sizes: readonly number[];
  readonly count: readonly number[];
  readonly sum: readonly number[];
  /** Totals over all points: number, Σ y, Σ y². */
  readonly m: number;
  readonly sy: number;
  readonly syy: number;
}

function groupBySize(sizes: readonly number[], errors: readonly number[]): SizeGroups {
  const bySize = new Map<number, { count: number; sum: number }>();
  let sy = 0;
  let syy = 0;
  sizes.forEach((n, i) => {
    const y = errors[i]!;
    const g = bySize.get(n) ?? { count: 0, sum: 0 };
    g.count++;
    g.sum += y;
    bySize.set(n, g);
    sy += y;
    syy += y * y;
  });
  const keys = [...bySize.keys()];
  return {
    sizes: keys,
    count: keys.map((n) => bySize.get(n)!.count),
    sum: keys.map((n) => bySize.get(n)!.sum),
    m: sizes.length,
    sy,
    syy,
  };
}

/**
 * Best (a, c) for a fixed b: least squares of the errors on x = n^(−b) under
 * a ≥ 0, 0 ≤ c ≤ 1, from the sufficient statistics (O(distinct sizes)).
 */
function linearPart(groups: SizeGroups, b: number): { a: number; c: number; sse: number } {
  const { m, sy, syy } = groups;
  let sx = 0;
  let sxx = 0;
  let sxy = 0;
  groups.sizes.forEach((n, i) => {
    const x = n ** -b;
    sx += groups.count[i]! * x;
    sxx += groups.count[i]! * x * x;
    sxy += groups.sum[i]! * x;
  });
  // Σ (y − a·x − c)² expanded.
  const cost = (a: number, c: number): number =>
    syy - 2 * a * sxy - 2 * c * sy + a * a * sxx + 2 * a * c * sx + m * c * c;
  const candidates: [number, number][] = [];
  const det = m * sxx - sx * sx;
  if (det > 0) {
    const a = (m * sxy - sx * sy) / det;
    const c = (sy - a * sx) / m;
    if (a >= 0 && c >= 0 && c <= 1) candidates.push([a, c]);
  }
  // On the bounds: c = 0 or c = 1 with the best a ≥ 0; a = 0 with the best c.
  for (const c of [0, 1]) candidates.push([Math.max(0, (sxy - c * sx) / sxx), c]);
  candidates.push([0, Math.min(1, Math.max(0, sy / m))]);
  let best = { a: 0, c: 0, sse: Infinity };
  for (const [a, c] of candidates) {
    const s = cost(a, c);
    if (s < best.sse) best = { a, c, sse: s };
  }
  return best;
}
