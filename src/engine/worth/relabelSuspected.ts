/** Labels after cleaning: every suspected label replaced by the model's suggestion. */

/**
 * `given` with each position in `suspected` set to `suggested` at that
 * position. `(N)`; `suggested` is `(N)` (e.g. Detection.suggested).
 */
export function relabelSuspected(
  given: Int32Array,
  suspected: ArrayLike<number>,
  suggested: ArrayLike<number>,
): Int32Array {
  const n = given.length;
  if (suggested.length !== n) throw new RangeError(`${n} given labels but ${suggested.length} suggested ones`);
  const out = Int32Array.from(given);
  for (let i = 0; i < suspected.length; i++) {
    const p = suspected[i]!;
    if (!(Number.isInteger(p) && p >= 0 && p < n)) throw new RangeError(`suspected position ${p} is not in [0, ${n})`);
    out[p] = suggested[p]!;
  }
  return out;
}
