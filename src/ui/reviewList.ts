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
