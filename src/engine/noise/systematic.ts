/**
 * A systematic labeler convention: the items of some classes are given
 * another class — e.g. a labeler who calls every shirt a T-shirt. Unlike
 * random noise it is consistent, so a model learns the convention.
 */
import { randomInt, type Random } from '../random.ts';
import { noisyLabels, type NoisyLabels } from './noisyLabels.ts';
import { identityMatrix, type NoiseMatrix } from './noiseMatrix.ts';

export interface SystematicNoiseOptions {
  /** The classes the labeler relabels, distinct, none equal to `to`. */
  readonly from: readonly number[];
  /** The class they are given. */
  readonly to: number;
  /** Fraction of each `from` class given `to`, in [0, 1]; default 1 (consistently). */
  readonly rate?: number;
  /** K: number of classes; labels are in [0, K). */
  readonly classes: number;
  readonly random: Random;
}

/** Problems with a convention, each naming the field and what to do. */
export function systematicNoiseProblems(options: Omit<SystematicNoiseOptions, 'random'>): string[] {
  const { from, to, rate = 1, classes: k } = options;
  if (!(Number.isInteger(k) && k >= 2)) return [`classes: label noise needs at least 2 classes, got ${k}`];
  const problems: string[] = [];
  const isClass = (c: number) => Number.isInteger(c) && c >= 0 && c < k;
  if (!(rate >= 0 && rate <= 1)) problems.push(`rate: use a fraction from 0 to 1, got ${rate}`);
  if (!isClass(to)) problems.push(`to: ${to} is not a class; use one of 0…${k - 1}`);
  if (from.length === 0) problems.push('from: name at least one class to relabel');
  const seen = new Set<number>();
  for (const c of from) {
    if (!isClass(c)) problems.push(`from: ${c} is not a class; use classes 0…${k - 1}`);
    else if (c === to) problems.push(`from: ${c} is the target class itself; remove it from "from"`);
    else if (seen.has(c)) problems.push(`from: ${c} is listed twice`);
    seen.add(c);
  }
  return problems;
}

/**
 * For each class c in `from`, exactly round(rate · n_c) of its n_c items
 * (halves up), chosen uniformly at random, are given class `to`; every other
 * label is kept. Per class, so each `from` column of the realized matrix is
 * rate at row `to` up to rounding. Draws from `random` class by class, in
 * the order `from` lists them (a partial Fisher–Yates over the class's items,
 * one draw per relabelled item); a class relabelled whole draws nothing.
 */
export function injectSystematicNoise(trueLabels: Int32Array, options: SystematicNoiseOptions): NoisyLabels {
  const problems = systematicNoiseProblems(options);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const { from, to, rate = 1, classes: k, random } = options;
  const members: number[][] = Array.from({ length: k }, () => []);
  trueLabels.forEach((label, index) => {
    if (!(label >= 0 && label < k)) throw new RangeError(`label ${label} at ${index} is outside [0, ${k})`);
    members[label]!.push(index);
  });
  const labels = Int32Array.from(trueLabels);
  for (const c of from) {
    const items = members[c]!;
    const count = Math.round(rate * items.length);
    if (count === items.length) {
      for (const item of items) labels[item] = to;
      continue;
    }
    for (let i = 0; i < count; i++) {
      const j = i + randomInt(random, items.length - i);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
      labels[items[i]!] = to;
    }
  }
  return noisyLabels(trueLabels, labels, k);
}

/** The noise matrix a convention aims at: each `from` column has `rate` at row `to` and 1 − rate on the diagonal. */
export function systematicNoiseMatrix(options: Omit<SystematicNoiseOptions, 'random'>): NoiseMatrix {
  const problems = systematicNoiseProblems(options);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const { from, to, rate = 1, classes: k } = options;
  const { values } = identityMatrix(k);
  for (const c of from) {
    values[c * k + c] = 1 - rate;
    values[to * k + c] = rate;
  }
  return { classes: k, values };
}
