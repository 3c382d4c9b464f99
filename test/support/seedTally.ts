/**
 * Claims tests run a lesson's claim over many seeds (or seed groups): count
 * in how many it holds, print the range measured (so docs/claims.md can quote
 * it) and assert it holds in at least 90% of at least 20 runs.
 */
import { expect } from 'vitest';

/** The share of runs a claim must hold in. */
export const MOSTLY = 0.9;

/**
 * Asserts `holds` for at least MOSTLY of `values` (one per seed or group, at
 * least 20) and prints "[claim] name: holds in h/n; range min … max" of the
 * values, scaled by `scale` (100 for points or percent).
 */
export function expectMostly<T extends number>(
  name: string,
  values: readonly T[],
  holds: (value: T) => boolean,
  scale = 1,
): { holds: number; runs: number; min: number; max: number } {
  const finite = values.filter(Number.isFinite);
  const min = finite.length ? Math.min(...finite) * scale : NaN;
  const max = finite.length ? Math.max(...finite) * scale : NaN;
  const ok = values.filter(holds).length;
  const f = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(3));
  const infinite = values.length - finite.length;
  console.log(
    `[claim] ${name}: holds in ${ok}/${values.length}; range ${f(min)} … ${f(max)}${infinite ? ` (${infinite} not finite)` : ''}`,
  );
  expect(values.length, name).toBeGreaterThanOrEqual(20);
  expect(ok / values.length, `${name}: holds in ${ok} of ${values.length}`).toBeGreaterThanOrEqual(MOSTLY);
  return { holds: ok, runs: values.length, min, max };
}
