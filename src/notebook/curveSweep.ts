import type { SweepSpec } from '../engine/sweep.ts';
import type { CurveParams } from './types.ts';

/** The sweep a curve cell's parameters describe: clean vs. noisy labels, seeds seed … seed + seeds − 1. */
export function curveSweepSpec(params: CurveParams): SweepSpec {
  return {
    dataset: params.dataset,
    model: params.model,
    sizes: params.sizes,
    noise: params.noise,
    seeds: params.seeds,
    firstSeed: params.seed,
    n0: params.n0,
  };
}
