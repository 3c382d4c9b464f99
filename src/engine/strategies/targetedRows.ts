/**
 * Collecting targeted examples: walk the not-yet-used part of the pool
 * (`candidates`, in the order they would be collected) and take the first
 * `count` rows whose true class is one of `classes`. Returns fewer when the
 * candidates run out. `labelOf(row)` is the row's true class.
 */
export function targetedRows(
  candidates: ArrayLike<number>,
  labelOf: (row: number) => number,
  classes: readonly number[],
  count: number,
): Int32Array {
  const wanted = new Set(classes);
  const out: number[] = [];
  for (let i = 0; i < candidates.length && out.length < count; i++) {
    const row = candidates[i]!;
    if (wanted.has(labelOf(row))) out.push(row);
  }
  return Int32Array.from(out);
}
