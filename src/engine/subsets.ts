import type { Indices } from './types.ts';
import { shuffle, type Random } from './random.ts';
import { groupByClass } from './split.ts';

/**
 * Orders the rows of a training pool so that every prefix is a near-stratified
 * sample: the training subset of size N is the first N rows of the order, so
 * subsets are nested (the subset at N contains the one at every smaller N) and
 * each keeps the pool's class proportions to within one row per class.
 *
 * Within each class the rows are shuffled; the m_c rows of class c are then
 * placed at positions (j + u_c) / m_c, j = 0…m_c−1, with a random offset u_c
 * per class, and merged by position.
 *
 * @param pool row indices of the pool
 * @param labels labels of all rows (indexed by row)
 */
export function nestedSubsetOrder(pool: Indices, labels: Int32Array, random: Random): Indices {
  const poolLabels = Int32Array.from(pool, (row) => labels[row]!);
  const byClass = groupByClass(poolLabels);
  const keyed: { key: number; tie: number; row: number }[] = [];
  byClass.forEach((members) => {
    if (members.length === 0) return;
    const rows = shuffle(random, Int32Array.from(members, (i) => pool[i]!));
    const offset = random();
    const tie = random();
    rows.forEach((row, j) => keyed.push({ key: (j + offset) / rows.length, tie, row }));
  });
  keyed.sort((a, b) => a.key - b.key || a.tie - b.tie);
  return Int32Array.from(keyed, (k) => k.row);
}
