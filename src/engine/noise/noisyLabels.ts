/** What every noise model returns, and the one helper that assembles it. */
import { realizedNoiseMatrix, type RealizedNoiseMatrix } from './realizedNoiseMatrix.ts';

/** Labels after noise was injected, with the positions that were changed and the noise it amounts to. */
export interface NoisyLabels {
  /** `(N)` the labels a model will see. */
  readonly labels: Int32Array;
  /** Positions (into the input array) whose label was changed, ascending. */
  readonly flipped: Int32Array;
  /** The noise matrix these labels realize against the true labels (see realizedNoiseMatrix). */
  readonly matrix: RealizedNoiseMatrix;
}

/** Assembles a noise model's result: the positions where `labels` differs from `trueLabels`, and the realized matrix. */
export function noisyLabels(trueLabels: Int32Array, labels: Int32Array, classes: number): NoisyLabels {
  const matrix = realizedNoiseMatrix(trueLabels, labels, classes);
  let count = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== trueLabels[i]) count++;
  const flipped = new Int32Array(count);
  for (let i = 0, f = 0; i < labels.length; i++) if (labels[i] !== trueLabels[i]) flipped[f++] = i;
  return { labels, flipped, matrix };
}
