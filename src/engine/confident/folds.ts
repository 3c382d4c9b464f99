import { shuffle, type Random } from '../random.ts';
import { groupByClass } from '../split.ts';

/**
 * Stratified k-fold assignment: `(N)` fold numbers in [0, folds). Within each
 * class the examples are shuffled and dealt to the folds in turn, continuing
 * from class to class, so every fold gets its share of every class (±1) and
 * the folds' sizes differ by at most one.
 */
export function stratifiedKFold(
  labels: Int32Array,
  options: { readonly folds: number; readonly random: Random },
): Int32Array {
  const { folds, random } = options;
  if (!(Number.isInteger(folds) && folds >= 2)) throw new RangeError(`use at least 2 folds, got ${folds}`);
  if (labels.length < folds) {
    throw new RangeError(`${folds}-fold cross-validation needs at least ${folds} examples, got ${labels.length}`);
  }
  const fold = new Int32Array(labels.length);
  let next = 0;
  for (const members of groupByClass(labels)) {
    for (const i of shuffle(random, Int32Array.from(members))) {
      fold[i] = next;
      next = (next + 1) % folds;
    }
  }
  return fold;
}

/** Classes with fewer examples than folds (cross-validation cannot hold each out). */
export function classesTooSmallForFolds(labels: Int32Array, folds: number): { label: number; count: number }[] {
  return groupByClass(labels)
    .map((members, label) => ({ label, count: members.length }))
    .filter(({ count }) => count > 0 && count < folds);
}
