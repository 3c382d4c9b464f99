/** What the review list (ReviewList.svelte) shows and reports. */
export type { ReviewDecision } from '../engine/confident/reviewDecisions.ts';

/** One flagged item; classes are indices into the list's class names. */
export interface ReviewListItem {
  /** Identifies the item in the decisions. */
  readonly position: number;
  readonly given: number;
  /** The model's most likely class. */
  readonly suggested: number;
  /** The out-of-fold probability of the given label: low = suspect. */
  readonly score: number;
  /** The out-of-fold probability of the suggested class, when known. */
  readonly suggestedProbability: number | null;
  /** The true label, when known (the noise was injected). */
  readonly truth: number | null;
}

export interface ReviewListTally {
  readonly reviewed: number;
  readonly relabelled: number;
  readonly kept: number;
  readonly removed: number;
}

/**
 * How the digit keys name the classes: 'index' when the classes are numbered
 * 0…K−1 and known by their number (the lessons' data sets), 'ordinal' when
 * they are known by name (a user's table): 1 for the first class listed.
 */
export type ClassKeyScheme = 'index' | 'ordinal';

/**
 * The digits that relabel as each class, one code per class (null: no key):
 * - classes named by distinct single digits ("0"/"1", "1"/"2"/"3"): the name itself;
 * - otherwise, up to 10 classes: 'index' → the class number 0–9; 'ordinal' →
 *   1–9 for the first nine classes, 0 for the tenth;
 * - 11 to 99 classes: two digits, 01, 02, … in list order (typed one after the other);
 * - more: no keys (the row's class menu still reaches every class).
 */
export function classKeys(names: readonly string[], scheme: ClassKeyScheme): (string | null)[] {
  const k = names.length;
  if (names.every((name) => /^[0-9]$/.test(name)) && new Set(names).size === k) return [...names];
  if (k <= 10) return names.map((_, i) => (scheme === 'index' ? String(i) : String((i + 1) % 10)));
  if (k <= 99) return names.map((_, i) => String(i + 1).padStart(2, '0'));
  return names.map(() => null);
}

/** What the digits typed so far pick: a class, the start of a longer code, or nothing. */
export type ClassKeyMatch =
  { readonly kind: 'class'; readonly index: number } | { readonly kind: 'prefix' } | { readonly kind: 'none' };

/** Matches `typed` (one or more digits) against the class codes of `classKeys`. */
export function matchClassKey(codes: readonly (string | null)[], typed: string): ClassKeyMatch {
  if (typed === '') return { kind: 'none' };
  const index = codes.indexOf(typed);
  if (index >= 0) return { kind: 'class', index };
  return codes.some((code) => code !== null && code.startsWith(typed)) ? { kind: 'prefix' } : { kind: 'none' };
}
