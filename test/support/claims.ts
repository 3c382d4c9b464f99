/**
 * What the lesson claims tests share: run a claim over many seeds (or seed
 * groups), count in how many it holds, measure its range, and print one line
 * per claim so docs/claims.md can quote the figures.
 */
import { expect } from 'vitest';

/** The share of runs a claim must hold in. */
export const HOLDS_IN = 0.9;

export interface ClaimTally {
  readonly holds: number;
  readonly runs: number;
  readonly min: number;
  readonly max: number;
  readonly median: number;
}

/**
 * Asserts that `holds(value)` is true for at least HOLDS_IN of `values` (one
 * per seed or seed group) and prints the tally and range of the measured
 * `values` (scaled by `scale`, e.g. 100 for points) under `name`.
 */
export function expectMostly(
  name: string,
  values: readonly number[],
  holds: (value: number) => boolean,
  scale = 1,
): ClaimTally {
  const sorted = [...values].sort((a, b) => a - b);
  const tally: ClaimTally = {
    holds: values.filter(holds).length,
    runs: values.length,
    min: sorted[0]! * scale,
    max: sorted.at(-1)! * scale,
    median: (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) * 0.5 * scale,
  };
  const f = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
  console.log(
    `[claim] ${name}: holds in ${tally.holds}/${tally.runs}; range ${f(tally.min)} … ${f(tally.max)}, median ${f(tally.median)}`,
  );
  expect(values.length, name).toBeGreaterThanOrEqual(20);
  expect(tally.holds / tally.runs, `${name}: holds in ${tally.holds} of ${tally.runs}`).toBeGreaterThanOrEqual(
    HOLDS_IN,
  );
  return tally;
}
