/**
 * A simulated annotator: labels N items whose true classes are known, the
 * way a person following labeling instructions might.
 *
 * Shapes: N items, K classes; `trueLabels` and the result are `(N)` whole
 * numbers in [0, K). The annotator's noise matrix is `(K, K)` with entry
 * [i·K + j] = P(given = i | true = j): columns sum to 1 (the same convention
 * as the noise matrices in engine/confident).
 */
import type { Random } from '../random.ts';
import { checkLabels } from './checks.ts';

/**
 * Where items of one confusable class tend to go: an item whose true class is
 * `from` gets one of `to` (chosen uniformly) with probability `rate`, before
 * the annotator's base accuracy applies. Fashion-MNIST's shirts, mistaken for
 * T-shirts, pullovers and coats: `{ from: 6, to: [0, 2, 4], rate: 0.35 }`.
 */
export interface Ambiguity {
  readonly from: number;
  readonly to: readonly number[];
  readonly rate: number;
}

/** Everything that describes an annotator except its randomness. */
export interface AnnotatorSpec {
  /** Probability that a label is correct, in [0, 1] (for unambiguous items). */
  readonly accuracy: number;
  /** K: number of classes, ≥ 2. */
  readonly classes: number;
  /** At most one entry per `from` class. */
  readonly ambiguity?: readonly Ambiguity[];
}

export interface SimulateAnnotatorOptions extends AnnotatorSpec {
  readonly random: Random;
}

/**
 * What is wrong with an annotator spec, one message per problem naming the
 * field and what to do; empty when it is valid.
 */
export function validateAnnotatorSpec(spec: AnnotatorSpec): string[] {
  const problems: string[] = [];
  const { accuracy, classes, ambiguity = [] } = spec;
  if (!(accuracy >= 0 && accuracy <= 1)) problems.push(`accuracy must be a probability in [0, 1], got ${accuracy}`);
  if (!(Number.isInteger(classes) && classes >= 2)) {
    problems.push(`classes must be a whole number ≥ 2, got ${classes}`);
    return problems;
  }
  const isClass = (c: number) => Number.isInteger(c) && c >= 0 && c < classes;
  const seen = new Set<number>();
  ambiguity.forEach(({ from, to, rate }, e) => {
    const where = `ambiguity[${e}]`;
    if (!isClass(from)) problems.push(`${where}.from must be a class in 0…${classes - 1}, got ${from}`);
    else if (seen.has(from)) problems.push(`${where}: class ${from} is listed twice; merge its entries into one`);
    seen.add(from);
    if (to.length === 0) problems.push(`${where}.to is empty; list the classes that class ${from} is mistaken for`);
    for (const t of to) {
      if (!isClass(t)) problems.push(`${where}.to: ${t} is not a class in 0…${classes - 1}`);
      else if (t === from) problems.push(`${where}.to contains class ${from} itself; list only the other classes`);
    }
    if (new Set(to).size !== to.length) problems.push(`${where}.to lists a class twice; list each class once`);
    if (!(rate >= 0 && rate <= 1)) problems.push(`${where}.rate must be a probability in [0, 1], got ${rate}`);
  });
  return problems;
}

function checkSpec(fn: string, spec: AnnotatorSpec): void {
  const problems = validateAnnotatorSpec(spec);
  if (problems.length) throw new RangeError(`${fn}: ${problems.join('; ')}`);
}

/**
 * Labels each item as a simulated annotator would. For an item of true class
 * c, with ambiguity entry {from: c, to, rate}: with probability `rate` the
 * label is one of `to`, uniformly; otherwise the label is c with probability
 * `accuracy` and else a class drawn uniformly from the K − 1 others. So
 * P(correct | c) = (1 − rate)·accuracy for an ambiguous class, `accuracy`
 * for the rest (see `annotatorNoiseMatrix`).
 *
 * Every item takes exactly three draws from `random`, whatever happens to
 * it. So with the same seed, two specs that differ only in some classes'
 * ambiguity (e.g. before and after `reviseInstructions`) give the very same
 * labels to every item of the other classes, and the items of the revised
 * classes that were labelled correctly stay correct.
 */
export function simulateAnnotator(trueLabels: ArrayLike<number>, options: SimulateAnnotatorOptions): Int32Array {
  const { accuracy, classes, ambiguity = [], random } = options;
  checkSpec('simulateAnnotator', options);
  checkLabels('simulateAnnotator', trueLabels, 'the true label', classes);
  const byClass: (Ambiguity | undefined)[] = new Array(classes);
  for (const entry of ambiguity) byClass[entry.from] = entry;
  const labels = new Int32Array(trueLabels.length);
  for (let i = 0; i < trueLabels.length; i++) {
    const truth = trueLabels[i]!;
    const confusable = random();
    const correct = random();
    const choice = random();
    const entry = byClass[truth];
    if (entry && confusable < entry.rate) labels[i] = entry.to[Math.floor(choice * entry.to.length)]!;
    else if (correct < accuracy) labels[i] = truth;
    else labels[i] = (truth + 1 + Math.floor(choice * (classes - 1))) % classes;
  }
  return labels;
}

/**
 * The annotator's expected noise matrix, `(K, K)` row-major:
 * [i·K + j] = P(given = i | true = j); each column sums to 1.
 */
export function annotatorNoiseMatrix(spec: AnnotatorSpec): Float64Array {
  checkSpec('annotatorNoiseMatrix', spec);
  const { accuracy, classes: k, ambiguity = [] } = spec;
  const matrix = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const entry = ambiguity.find((a) => a.from === j);
    const rate = entry?.rate ?? 0;
    for (let i = 0; i < k; i++) {
      matrix[i * k + j] = (1 - rate) * (i === j ? accuracy : (1 - accuracy) / (k - 1));
    }
    for (const t of entry?.to ?? []) matrix[t * k + j]! += rate / entry!.to.length;
  }
  return matrix;
}
