/**
 * A reviewer's decisions on flagged items, and what they do to the training
 * set. Positions index the training set (0…N−1); `given` and `truth` are its
 * `(N)` given and true labels.
 */

/** What the reviewer decided about one item. */
export type ReviewDecision =
  { readonly kind: 'relabel'; readonly label: number } | { readonly kind: 'keep' } | { readonly kind: 'remove' };

/** No decisions yet. */
export const NO_DECISIONS: ReadonlyMap<number, ReviewDecision> = new Map();

/**
 * The decisions with the one about `position` replaced by `decision`, or
 * taken out when it is null. A new map: the old one is left as it was, so a
 * history of snapshots stays valid.
 */
export function withDecision<D = ReviewDecision>(
  decisions: ReadonlyMap<number, D>,
  position: number,
  decision: D | null,
): ReadonlyMap<number, D> {
  const next = new Map(decisions);
  if (decision) next.set(position, decision);
  else next.delete(position);
  return next;
}

/**
 * The training set after the decisions: removed positions dropped, relabelled
 * ones carrying their new label, in the original order. `rows` are the
 * training set's data-set rows (or any per-position values to carry along).
 */
export function applyReviewDecisions(
  rows: Int32Array,
  given: Int32Array,
  decisions: ReadonlyMap<number, ReviewDecision>,
): { rows: Int32Array; labels: Int32Array } {
  if (rows.length !== given.length) throw new RangeError(`${rows.length} rows but ${given.length} labels`);
  for (const position of decisions.keys()) {
    if (!(Number.isInteger(position) && position >= 0 && position < given.length)) {
      throw new RangeError(`decision for position ${position}, outside the training set [0, ${given.length})`);
    }
  }
  const keptRows: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < given.length; i++) {
    const decision = decisions.get(i);
    if (decision?.kind === 'remove') continue;
    keptRows.push(rows[i]!);
    labels.push(decision?.kind === 'relabel' ? decision.label : given[i]!);
  }
  return { rows: Int32Array.from(keptRows), labels: Int32Array.from(labels) };
}

export interface ReviewTally {
  /** Items decided. */
  readonly reviewed: number;
  /** Decided by giving a different label. */
  readonly relabelled: number;
  readonly kept: number;
  readonly removed: number;
  /** Of the reviewed, how many had a wrong given label (the truth is known). */
  readonly trulyWrong: number;
  /** Wrong labels relabelled to the true class. */
  readonly corrected: number;
  /** Wrong labels removed from training. */
  readonly removedWrong: number;
  /** Wrong labels kept, or relabelled to another wrong class: still wrong. */
  readonly stillWrong: number;
  /** Right labels relabelled to a wrong class: errors the review introduced. */
  readonly introduced: number;
}

/** Counts the decisions, and checks them against the truth. */
export function tallyReviewDecisions(
  decisions: ReadonlyMap<number, ReviewDecision>,
  given: Int32Array,
  truth: Int32Array,
): ReviewTally {
  if (given.length !== truth.length) throw new RangeError(`${given.length} given labels but ${truth.length} true ones`);
  let relabelled = 0;
  let kept = 0;
  let removed = 0;
  let trulyWrong = 0;
  let corrected = 0;
  let removedWrong = 0;
  let stillWrong = 0;
  let introduced = 0;
  for (const [position, decision] of decisions) {
    const label = given[position];
    if (label === undefined) {
      throw new RangeError(`decision for position ${position}, outside the training set [0, ${given.length})`);
    }
    const wrong = label !== truth[position];
    if (wrong) trulyWrong++;
    switch (decision.kind) {
      case 'relabel':
        relabelled++;
        if (decision.label === truth[position]) corrected += wrong ? 1 : 0;
        else if (wrong) stillWrong++;
        else introduced++;
        break;
      case 'keep':
        kept++;
        if (wrong) stillWrong++;
        break;
      case 'remove':
        removed++;
        if (wrong) removedWrong++;
        break;
    }
  }
  return {
    reviewed: decisions.size,
    relabelled,
    kept,
    removed,
    trulyWrong,
    corrected,
    removedWrong,
    stillWrong,
    introduced,
  };
}
