import { randomInt, type Random } from '../random.ts';
import type { NoisyLabels } from './noisyLabels.ts';
import type { NoiseMatrix } from './noiseMatrix.ts';
import { realizedNoiseMatrix } from './realizedNoiseMatrix.ts';

export interface UniformNoiseOptions {
  /** Fraction of labels to flip, in [0, 1]. */
  readonly rate: number;
  /** K: number of classes; labels are in [0, K). */
  readonly classes: number;
  readonly random: Random;
}

/**
 * Uniform ("symmetric") label noise. Exactly round(rate · N) labels are
 * flipped (Math.round: halves round up); the positions are a uniformly random
 * set of that size, and each flipped label is replaced by a class drawn
 * uniformly from the K − 1 classes other than its own — so a flip always
 * changes the label, and the noise rate is exact, not expected. Every
 * column of the expected noise matrix is 1 − rate on the diagonal and
 * rate / (K − 1) elsewhere; `matrix` is the one these labels realize.
 */
export function injectUniformNoise(labels: Int32Array, options: UniformNoiseOptions): NoisyLabels {
  const { rate, classes, random } = options;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`noise rate must be in [0, 1], got ${rate}`);
  if (!(Number.isInteger(classes) && classes >= 2)) {
    throw new RangeError(`label noise needs at least 2 classes, got ${classes}`);
  }
  const n = labels.length;
  const count = Math.round(rate * n);
  const positions = Int32Array.from({ length: n }, (_, i) => i);
  // Partial Fisher–Yates: the first `count` entries become a uniform random subset.
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(random, n - i);
    const t = positions[i]!;
    positions[i] = positions[j]!;
    positions[j] = t;
  }
  const flipped = positions.slice(0, count).sort();
  const noisy = Int32Array.from(labels);
  for (const i of flipped) {
    const given = noisy[i]!;
    if (given < 0 || given >= classes) throw new RangeError(`label ${given} at ${i} is outside [0, ${classes})`);
    noisy[i] = (given + 1 + randomInt(random, classes - 1)) % classes;
  }
  return { labels: noisy, flipped, matrix: realizedNoiseMatrix(labels, noisy, classes) };
}

/** The noise matrix uniform noise aims at: 1 − rate on the diagonal, rate / (K − 1) everywhere else. */
export function uniformNoiseMatrix(options: { readonly classes: number; readonly rate: number }): NoiseMatrix {
  const { classes: k, rate } = options;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`noise rate must be in [0, 1], got ${rate}`);
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`label noise needs at least 2 classes, got ${k}`);
  const values = new Float64Array(k * k).fill(rate / (k - 1));
  for (let j = 0; j < k; j++) values[j * k + j] = 1 - rate;
  return { classes: k, values };
}
