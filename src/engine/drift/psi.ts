/**
 * The population stability index between a reference and a current
 * distribution over the same bins: Σ (c_i − r_i) · ln(c_i / r_i), with r and
 * c the shares per bin and an empty bin's share replaced by `epsilon`
 * (default 1e-4) so the logarithm stays finite. Rules of thumb: below 0.1
 * stable, 0.1–0.25 a moderate shift, above 0.25 a major one.
 */
export const PSI_EPSILON = 1e-4;

export function populationStabilityIndex(
  reference: readonly number[],
  current: readonly number[],
  epsilon = PSI_EPSILON,
): number {
  if (reference.length !== current.length) throw new RangeError('psi: the two count lists must have the same bins');
  const sr = reference.reduce((s, v) => s + v, 0);
  const sc = current.reduce((s, v) => s + v, 0);
  if (!(sr > 0 && sc > 0)) throw new RangeError('psi: both count lists must have a positive total');
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]! / sr || epsilon;
    const c = current[i]! / sc || epsilon;
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}
