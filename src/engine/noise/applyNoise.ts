/**
 * One entry point from a declarative NoiseSpec to noisy labels.
 * Shapes: N items, K classes; `probabilities` is `(N, K)` row-major.
 */
import type { Random } from '../random.ts';
import { injectUniformNoise } from './uniform.ts';
import { injectMatrixNoise } from './matrix.ts';
import { injectBoundaryNoise } from './boundary.ts';
import { injectSystematicNoise } from './systematic.ts';
import { noiseMatrixOf } from './noiseMatrixOf.ts';
import type { NoisyLabels } from './noisyLabels.ts';
import { describeNoise, validateNoiseSpec, type NoiseSpec } from './spec.ts';

export interface ApplyNoiseOptions {
  /** K: number of classes; labels are in [0, K). */
  readonly classes: number;
  /** Chooses which items flip (and, for uniform noise, to what). */
  readonly random: Random;
  /**
   * Draws the random matrix of kind 'matrix'; defaults to `random`. Pass a
   * stream that does not depend on N to keep the same matrix along a
   * learning curve.
   */
  readonly matrixRandom?: Random;
  /** `(N, K)` reference-model probabilities of these items; required by boundary noise. */
  readonly probabilities?: ArrayLike<number>;
}

/**
 * Applies `spec` to `trueLabels` and returns `{ labels, flipped, matrix }`
 * (matrix: the realized noise matrix). Uniform noise is injectUniformNoise
 * exactly; pairs, matrix and systematic noise use exact counts per class;
 * boundary noise needs `probabilities`. Throws a RangeError listing the
 * problems of an invalid spec, and an Error for boundary noise without
 * probabilities.
 */
export function applyNoise(trueLabels: Int32Array, spec: NoiseSpec, options: ApplyNoiseOptions): NoisyLabels {
  const { classes, random } = options;
  const problems = validateNoiseSpec(spec, classes);
  if (problems.length > 0) throw new RangeError(`invalid noise (${spec.kind}): ${problems.join('; ')}`);
  switch (spec.kind) {
    case 'uniform':
      return injectUniformNoise(trueLabels, { rate: spec.rate, classes, random });
    case 'pairs':
    case 'matrix': {
      const matrix = noiseMatrixOf(spec, { classes, random: options.matrixRandom ?? random })!;
      return injectMatrixNoise(trueLabels, { matrix, random });
    }
    case 'boundary':
      if (!options.probabilities) {
        throw new Error(
          `${describeNoise(spec)} needs a reference model: pass probabilities, its (N, K) predicted class probabilities for these ${trueLabels.length} items`,
        );
      }
      return injectBoundaryNoise(trueLabels, {
        rate: spec.rate,
        probabilities: options.probabilities,
        classes,
        random,
      });
    case 'systematic':
      return injectSystematicNoise(trueLabels, { from: spec.from, to: spec.to, rate: spec.rate, classes, random });
  }
}
