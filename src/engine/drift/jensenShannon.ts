/**
 * The Jensen–Shannon distance between two discrete distributions, as scipy's
 * `scipy.spatial.distance.jensenshannon(p, q, base)`: both are normalised to
 * sum to 1, and the result is the *distance* √JSD — the square root of the
 * divergence JSD = ½ KL(p‖m) + ½ KL(q‖m), m = ½(p + q) — with natural
 * logarithms unless `base` is given (base 2 puts it in [0, 1]).
 */
export function jensenShannonDivergence(p: readonly number[], q: readonly number[], base = Math.E): number {
  if (p.length !== q.length) throw new RangeError('jensenShannon: p and q must have the same length');
  const sp = p.reduce((s, v) => s + v, 0);
  const sq = q.reduce((s, v) => s + v, 0);
  if (!(sp > 0 && sq > 0)) throw new RangeError('jensenShannon: p and q must each have a positive total');
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / sp;
    const b = q[i]! / sq;
    const m = (a + b) / 2;
    if (a > 0) sum += a * Math.log(a / m);
    if (b > 0) sum += b * Math.log(b / m);
  }
  return Math.max(0, sum / 2 / Math.log(base));
}

/** √ of the divergence: scipy's `jensenshannon(p, q, base)`. */
export function jensenShannonDistance(p: readonly number[], q: readonly number[], base = Math.E): number {
  return Math.sqrt(jensenShannonDivergence(p, q, base));
}
