import type { Indices } from './types.ts';
import { shuffle, type Random } from './random.ts';
import { groupByClass } from './split.ts';

/**
 * Orders the rows of a training pool so that every prefix is a near-stratified
 * sample: the training subset of size N is the first N rows of the order, so
 * subsets are nested (the subset at N contains the one at every smaller N) and
 * each keeps the pool's class proportions to within one row per class: with
 * M pool rows of which m_c are class c, the first k rows hold floor(k·m_c/M)
 * or ceil(k·m_c/M) rows of class c, for every k and c.
 *
 * Within each class the rows are shuffled. Position k then takes the next row
 * of a class that can have one more without exceeding ceil(k·m_c/M), choosing
 * the one whose next row is due soonest (it must be in by position
 * ceil((taken_c + 1)·M/m_c)); ties go to a random per-class priority. This
 * earliest-deadline rule never misses a deadline, because an order within
 * these bounds exists (Balinski & Young's quota method).
 *
 * @param pool row indices of the pool
 * @param labels labels of all rows (indexed by row)
 */
export function nestedSubsetOrder(pool: Indices, labels: Int32Array, random: Random): Indices {
  const poolLabels = Int32Array.from(pool, (row) => labels[row]!);
  const classes: { rows: Int32Array; priority: number; taken: number }[] = [];
  for (const members of groupByClass(poolLabels)) {
    if (members.length === 0) continue;
    const rows = Int32Array.from(members, (i) => pool[i]!);
    shuffle(random, rows);
    classes.push({ rows, priority: random(), taken: 0 });
  }
  const total = pool.length;
  const order = new Int32Array(total);
  for (let k = 1; k <= total; k++) {
    let next = classes[0]!;
    let nextDue = Infinity;
    for (const c of classes) {
      const m = c.rows.length;
      // One more row of c keeps its count ≤ ceil(k·m/M) iff taken·M < k·m.
      if (c.taken * total >= k * m) continue;
      const due = Math.ceil(((c.taken + 1) * total) / m);
      if (due < nextDue || (due === nextDue && c.priority < next.priority)) {
        next = c;
        nextDue = due;
      }
    }
    order[k - 1] = next.rows[next.taken++]!;
  }
  return order;
}
