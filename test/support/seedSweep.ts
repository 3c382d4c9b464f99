/**
 * A claim is a distribution, not a run: the lesson claims tests rerun a
 * lesson's cells over many seeds and assert that each claim holds in nearly
 * all of them (at least 90%). These helpers run the sweep, count, and say
 * which seeds broke a claim. With CLAIMS_REPORT=1 in the environment each
 * claim also prints how many seeds it held in and the range measured, the
 * figures docs/claims.md quotes.
 */
import { expect } from 'vitest';

/** The share of seeds a claim must hold in. */
export const MOSTLY = 0.9;

/** `count` seeds from `first`: 0, 1, 2, … */
export function seedsFrom(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** The smallest, median and largest of `values`. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted.at(-1)! };
}

const show = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(3));

/**
 * Asserts that `holds` is true for at least 90% of the seeds' rows, naming
 * the seeds where it is not. `measure`, if given, is the figure the claim is
 * about; with CLAIMS_REPORT=1 its spread is printed with the count.
 */
export function expectMostly<T extends { readonly seed: number }>(
  claim: string,
  rows: readonly T[],
  holds: (row: T) => boolean,
  measure?: (row: T) => number,
): void {
  expect(rows.length, `${claim}: seeds run`).toBeGreaterThanOrEqual(20);
  const broken = rows.filter((r) => !holds(r)).map((r) => r.seed);
  const held = rows.length - broken.length;
  if (process.env.CLAIMS_REPORT) {
    const s = measure ? spread(rows.map(measure)) : null;
    const figures = s ? `; min ${show(s.min)}, median ${show(s.median)}, max ${show(s.max)}` : '';
    console.log(`[claims] ${claim}: holds in ${held} of ${rows.length}${figures}`);
  }
  // Reporting, every claim of a test is counted and printed before the test fails.
  const check = process.env.CLAIMS_REPORT ? expect.soft : expect;
  check(held / rows.length, `${claim}: fails for seeds ${broken.join(', ')}`).toBeGreaterThanOrEqual(MOSTLY);
}
