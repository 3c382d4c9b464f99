/**
 * The dependency graph of a lesson's cells: a cell that takes a parameter
 * from another cell's output (`from:` in the lesson file) depends on it.
 *
 * A graph is given as `sources`: for each cell id, the ids it takes inputs
 * from (an id with no entry has none). Order is kept: results list cells in
 * the order of `ids`, dependencies first.
 */

/** For each cell id, the ids of the cells it takes inputs from. */
export type CellSources = ReadonlyMap<string, readonly string[]>;

/**
 * A cycle among `ids`, as its path from a cell back to itself
 * (`['a', 'b', 'a']`: a takes from b, b from a); null when there is none.
 * A cell taking from itself is the cycle `['a', 'a']`.
 */
export function findCycle(ids: readonly string[], sources: CellSources): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    const seen = state.get(id);
    if (seen === 'done') return null;
    if (seen === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const source of sources.get(id) ?? []) {
      const cycle = visit(source);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of ids) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return null;
}

/** A cycle found where an order was needed; `cycle` is its path (see findCycle). */
export class CellCycleError extends Error {
  override name = 'CellCycleError';
  readonly cycle: readonly string[];

  constructor(cycle: readonly string[]) {
    super(`the cells' inputs form a cycle: ${cycle.join(' → ')}`);
    this.cycle = cycle;
  }
}

/**
 * The ids with every cell after the cells it takes inputs from; among cells
 * free to go in any order, the order of `ids`. Sources not in `ids` are
 * ignored. Throws CellCycleError when there is a cycle.
 */
export function topologicalOrder(ids: readonly string[], sources: CellSources): string[] {
  const cycle = findCycle(ids, sources);
  if (cycle) throw new CellCycleError(cycle);
  const known = new Set(ids);
  const placed = new Set<string>();
  const order: string[] = [];
  const place = (id: string) => {
    if (placed.has(id)) return;
    placed.add(id);
    for (const source of sources.get(id) ?? []) if (known.has(source)) place(source);
    order.push(id);
  };
  for (const id of ids) place(id);
  return order;
}

/**
 * Every cell that depends on `id`, directly or through other cells, in
 * topological order (`id` itself excluded).
 */
export function dependentsOf(id: string, ids: readonly string[], sources: CellSources): string[] {
  const affected = new Set([id]);
  const result: string[] = [];
  for (const other of topologicalOrder(ids, sources)) {
    if (other === id) continue;
    if ((sources.get(other) ?? []).some((source) => affected.has(source))) {
      affected.add(other);
      result.push(other);
    }
  }
  return result;
}
