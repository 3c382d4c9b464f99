/**
 * Class-conditional label noise at an overall rate: each true class flips at
 * its own rate, to one or two other classes of its own — the shape of
 * systematic labelling mistakes (a tired labeller calls some T-shirts
 * shirts), unlike uniform noise. Used to check the Worth report on noise that
 * is not uniform (scripts/worthAccuracy.ts, `lab worth --inject-noise-kind
 * class-conditional`).
 *
 * Steps, each drawing from `random` in turn:
 * 1. class j's flip rate ρ_j = rate · u_j / Σ_c π_c u_c with u_j uniform in
 *    [0.4, 1.6] and π the true class shares, so Σ π_j ρ_j = rate; each ρ_j
 *    is capped at MAX_CLASS_FLIP (so no class is mostly mislabelled);
 * 2. class j's destinations: one other class, and with chance 1/2 (K ≥ 3) a
 *    second, sharing ρ_j in random proportions;
 * 3. exact counts per class (injectMatrixNoise).
 * With the cap reached the overall rate falls a little short of `rate`; the
 * realized labels say exactly how many flipped.
 */
import { randomInt, type Random } from '../random.ts';
import { injectMatrixNoise } from './matrix.ts';
import type { NoiseMatrix } from './noiseMatrix.ts';
import type { NoisyLabels } from './noisyLabels.ts';

/** No class flips more than this share of its rows. */
export const MAX_CLASS_FLIP = 0.6;

export interface ClassConditionalNoiseOptions {
  /** Overall share of labels to flip, in [0, 1). */
  readonly rate: number;
  readonly classes: number;
  readonly random: Random;
}

/** The random noise matrix of step 1–2 for labels with these class shares `priors` (summing to 1). */
export function classConditionalMatrix(priors: ArrayLike<number>, options: ClassConditionalNoiseOptions): NoiseMatrix {
  const { rate, classes: k, random } = options;
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`label noise needs at least 2 classes, got ${k}`);
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`noise rate must be in [0, 1), got ${rate}`);
  if (priors.length !== k) throw new RangeError(`${k} classes but ${priors.length} class shares`);
  const u = Float64Array.from({ length: k }, () => 0.4 + 1.2 * random());
  let scale = 0;
  for (let j = 0; j < k; j++) scale += priors[j]! * u[j]!;
  const values = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const flip = scale > 0 ? Math.min(MAX_CLASS_FLIP, (rate * u[j]!) / scale) : 0;
    values[j * k + j] = 1 - flip;
    const first = (j + 1 + randomInt(random, k - 1)) % k;
    const targets = [first];
    if (k > 2 && random() < 0.5) {
      let second = first;
      while (second === first || second === j) second = randomInt(random, k);
      targets.push(second);
    }
    const weights = targets.map(() => 0.2 + random());
    const total = weights.reduce((a, b) => a + b, 0);
    targets.forEach((t, q) => (values[t * k + j] = (flip * weights[q]!) / total));
  }
  return { classes: k, values };
}

/** Class-conditional noise on `labels` (see the file header). */
export function injectClassConditionalNoise(labels: Int32Array, options: ClassConditionalNoiseOptions): NoisyLabels {
  const k = options.classes;
  const counts = new Float64Array(k);
  for (const l of labels) {
    if (!(l >= 0 && l < k)) throw new RangeError(`label ${l} is outside [0, ${k})`);
    counts[l]! += 1;
  }
  const priors = counts.map((c) => (labels.length ? c / labels.length : 1 / k));
  return injectMatrixNoise(labels, { matrix: classConditionalMatrix(priors, options), random: options.random });
}
