/**
 * An audit of the flags: how many of the suspected labels are really wrong,
 * measured by a person instead of assumed by the model.
 *
 * Why: the noise rate is the share of labels that disagree with the model
 * where it is surest (plateauNoiseRate.ts). When even those rows include
 * cases the features cannot decide, or labels whose meaning drifted, they
 * count as wrong too, and nothing in the table alone can tell them apart
 * (docs/worth-accuracy.md, "Where the misses come from"). A person can: the
 * reviewer looks at a random sample of the flagged rows and decides each. The
 * share decided wrong, with its interval, is measured, not modelled.
 *
 * The sample is the flagged rows in a seeded random order (`auditOrder`),
 * counted from the top down to the first row not decided yet: rows decided
 * further down are not counted, so skipping a hard row cannot bias the share.
 * A relabel or a removal says the flag was right (the label was wrong, or
 * the row is unusable); a keep says the label was right.
 *
 * The interval is Wilson's score interval for a share, with the finite
 * population correction of a sample drawn without replacement from the F
 * flagged rows (the effective sample size n·(F − 1)/(F − n); the whole list
 * decided is exact). Scaled by F/N it bounds the share of the table's labels
 * that are wrong labels among the flags; wrong labels the model never flags
 * are not in it, so it is a lower end of all the wrong labels.
 */
import { createRandom, shuffle } from '../random.ts';
import { normalQuantile } from './plateauNoiseRate.ts';

/** Stream of the audit order (see random.ts). */
export const STREAM_AUDIT_ORDER = 72;

/** What the reviewer decided about a flagged row: the flag was right ('wrong' label), or the label was ('right'). */
export type AuditVerdict = 'wrong' | 'right';

export interface Share {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

export interface FlagAudit {
  /** Flagged rows in the table (F). */
  readonly flagged: number;
  /** Rows of the table (N). */
  readonly rows: number;
  /** Rows counted: the decided prefix of the random order. */
  readonly sampled: number;
  readonly wrong: number;
  readonly right: number;
  /** Rows decided below the first undecided one (not counted). */
  readonly decidedBelow: number;
  /** Share of the flags that are wrong labels; null before the first row is decided. */
  readonly share: Share | null;
  /** Share of the table's labels that are wrong labels among the flags (share × F / N); null with `share`. */
  readonly rate: Share | null;
  readonly level: number;
}

/** The flagged rows in a random order fixed by `seed` (the same seed, the same order). */
export function auditOrder(flagged: readonly number[], seed: number): number[] {
  const rows = [...flagged].sort((a, b) => a - b); // the order does not depend on how the flags were listed
  return shuffle(createRandom(seed, STREAM_AUDIT_ORDER), rows);
}

/** Wilson's score interval for `successes` of `n`, with `n` drawn without replacement from `population`. */
export function wilsonInterval(successes: number, n: number, population: number, level: number): Share {
  if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`sample size must be a whole number > 0, got ${n}`);
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= n)) {
    throw new RangeError(`successes must be a whole number from 0 to ${n}, got ${successes}`);
  }
  if (!(population >= n)) throw new RangeError(`population (${population}) must be at least the sample (${n})`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const p = successes / n;
  if (n === population) return { estimate: p, low: p, high: p };
  const effective = population > 1 ? (n * (population - 1)) / (population - n) : n;
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const centre = (p + z2 / (2 * effective)) / (1 + z2 / effective);
  const half = (z / (1 + z2 / effective)) * Math.sqrt((p * (1 - p)) / effective + z2 / (4 * effective * effective));
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The audit so far: `order` from `auditOrder`, `verdictOf(row)` the reviewer's
 * decision on a row (null: not decided), `rows` the table's row count.
 */
export function flagAudit(
  order: readonly number[],
  verdictOf: (row: number) => AuditVerdict | null,
  rows: number,
  level = 0.9,
): FlagAudit {
  const flagged = order.length;
  if (!(Number.isInteger(rows) && rows >= flagged)) {
    throw new RangeError(`rows must be a whole number ≥ the ${flagged} flagged, got ${rows}`);
  }
  let wrong = 0;
  let right = 0;
  let i = 0;
  for (; i < flagged; i++) {
    const verdict = verdictOf(order[i]!);
    if (verdict === null) break;
    if (verdict === 'wrong') wrong++;
    else right++;
  }
  let decidedBelow = 0;
  for (let j = i + 1; j < flagged; j++) if (verdictOf(order[j]!) !== null) decidedBelow++;
  const sampled = wrong + right;
  const share = sampled > 0 ? wilsonInterval(wrong, sampled, flagged, level) : null;
  const scale = rows > 0 ? flagged / rows : 0;
  const rate = share ? { estimate: share.estimate * scale, low: share.low * scale, high: share.high * scale } : null;
  return { flagged, rows, sampled, wrong, right, decidedBelow, share, rate, level };
}
