/** Small dense linear systems (K ≤ a few dozen), by Gaussian elimination with partial pivoting. */

/**
 * x with A·x = b for a `(K, K)` row-major A, or null when A is singular (a
 * pivot below 1e-12 in size).
 */
export function solveLinear(a: ArrayLike<number>, b: ArrayLike<number>, k: number): Float64Array | null {
  if (a.length !== k * k) throw new RangeError(`matrix must be ${k}×${k}, got ${a.length} numbers`);
  if (b.length !== k) throw new RangeError(`right-hand side must have ${k} numbers, got ${b.length}`);
  const m = Array.from({ length: k }, (_, i) => {
    const row = new Float64Array(k + 1);
    for (let j = 0; j < k; j++) row[j] = a[i * k + j]!;
    row[k] = b[i]!;
    return row;
  });
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (Math.abs(m[pivot]![c]!) < 1e-12) return null;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const row = m[c]!;
    const d = row[c]!;
    for (let j = c; j <= k; j++) row[j] = row[j]! / d;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const other = m[r]!;
      const f = other[c]!;
      if (f !== 0) for (let j = c; j <= k; j++) other[j] = other[j]! - f * row[j]!;
    }
  }
  return Float64Array.from(m, (row) => row[k]!);
}

/** The solution of A·x = b clipped to ≥ 0 and scaled to sum to 1 (a distribution); b itself when A is singular. */
export function solveDistribution(a: ArrayLike<number>, b: ArrayLike<number>, k: number): Float64Array {
  const x = solveLinear(a, b, k) ?? Float64Array.from(b);
  const clipped = x.map((v) => Math.max(0, v));
  const sum = clipped.reduce((s, v) => s + v, 0);
  return sum > 0 ? clipped.map((v) => v / sum) : Float64Array.from({ length: k }, () => 1 / k);
}
