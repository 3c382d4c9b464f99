/**
 * Least-squares polynomial fit of low degree (a line or a parabola), by the
 * normal equations — enough for the handful of points of a learning or
 * noise-sensitivity curve.
 */

/** Coefficients c, lowest power first: y ≈ c[0] + c[1]·x + c[2]·x². */
export type Polynomial = readonly number[];

/**
 * The polynomial of `degree` (0, 1 or 2) minimizing Σ (y − p(x))². Needs at
 * least degree + 1 distinct x; throws a RangeError on mismatched lengths,
 * non-finite values or too few distinct x.
 */
export function fitPolynomial(xs: readonly number[], ys: readonly number[], degree: number): Polynomial {
  if (!(degree === 0 || degree === 1 || degree === 2)) throw new RangeError(`degree must be 0, 1 or 2, got ${degree}`);
  if (xs.length !== ys.length) throw new RangeError(`${xs.length} x values but ${ys.length} y values`);
  xs.forEach((x, i) => {
    if (!Number.isFinite(x) || !Number.isFinite(ys[i]!)) {
      throw new RangeError(`point ${i} is (${x}, ${ys[i]}); give finite numbers`);
    }
  });
  if (new Set(xs).size < degree + 1) {
    throw new RangeError(`a degree-${degree} fit needs ${degree + 1} distinct x values, got ${new Set(xs).size}`);
  }
  const m = degree + 1;
  // Centre x for conditioning, fit, then expand back.
  const centre = xs.reduce((a, b) => a + b, 0) / xs.length;
  const a = Array.from({ length: m }, () => new Float64Array(m + 1));
  xs.forEach((x, i) => {
    const powers = Array.from({ length: m }, (_, p) => (x - centre) ** p);
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < m; c++) a[r]![c]! += powers[r]! * powers[c]!;
      a[r]![m]! += powers[r]! * ys[i]!;
    }
  });
  const centred = solve(a, m);
  // Expand p(x − centre) into powers of x.
  const out = new Array<number>(m).fill(0);
  for (let p = 0; p < m; p++) {
    for (let j = 0; j <= p; j++) out[j]! += centred[p]! * binomial(p, j) * (-centre) ** (p - j);
  }
  return out;
}

/** The polynomial's value at x. */
export function evaluatePolynomial(coefficients: Polynomial, x: number): number {
  return coefficients.reduceRight((sum, c) => sum * x + c, 0);
}

/** Gaussian elimination with partial pivoting on the augmented m × (m + 1) system. */
function solve(a: Float64Array[], m: number): Float64Array {
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = col + 1; r < m; r++) {
      const f = a[r]![col]! / a[col]![col]!;
      for (let c = col; c <= m; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  const x = new Float64Array(m);
  for (let r = m - 1; r >= 0; r--) {
    let s = a[r]![m]!;
    for (let c = r + 1; c < m; c++) s -= a[r]![c]! * x[c]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

function binomial(n: number, k: number): number {
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return out;
}
