import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/engine/random.ts';
import {
  annotatorNoiseMatrix,
  simulateAnnotator,
  validateAnnotatorSpec,
  type Ambiguity,
} from '../../../src/engine/agreement/index.ts';

const SHIRT: Ambiguity = { from: 6, to: [0, 2, 4], rate: 0.35 };
const TWENTY = Int32Array.from({ length: 20 }, (_, i) => i % 10);

/** `(K, K)` realized frequencies P(given = i | true = j), columns summing to 1. */
function realizedNoiseMatrix(truth: Int32Array, given: Int32Array, k: number): Float64Array {
  const counts = new Float64Array(k * k);
  const perClass = new Float64Array(k);
  truth.forEach((t, n) => {
    counts[given[n]! * k + t]!++;
    perClass[t]!++;
  });
  return counts.map((c, index) => c / perClass[index % k]!);
}

describe('simulateAnnotator', () => {
  it('simulateAnnotator(truth, {accuracy: 0.8, classes: 10, random: createRandom(42)}) returns pinned labels', () => {
    const labels = simulateAnnotator(TWENTY, { accuracy: 0.8, classes: 10, random: createRandom(42) });
    expect(labels).toBeInstanceOf(Int32Array);
    expect(Array.from(labels)).toEqual([0, 1, 2, 6, 4, 3, 6, 7, 8, 9, 0, 1, 2, 3, 5, 5, 1, 7, 8, 9]);
  });

  it('simulateAnnotator(truth, {ambiguity: [shirt]}) with the same seed changes only the shirts, pinned', () => {
    const labels = simulateAnnotator(TWENTY, {
      accuracy: 0.8,
      classes: 10,
      ambiguity: [SHIRT],
      random: createRandom(42),
    });
    expect(Array.from(labels)).toEqual([0, 1, 2, 6, 4, 3, 2, 7, 8, 9, 0, 1, 2, 3, 5, 5, 1, 7, 8, 9]);
  });

  it('simulateAnnotator(shirts, {accuracy: 1, ambiguity: rate 0.5}) sends shirts only to the `to` classes, pinned', () => {
    const shirts = new Int32Array(10).fill(6);
    const options = { accuracy: 1, classes: 10, ambiguity: [{ ...SHIRT, rate: 0.5 }], random: createRandom(7) };
    expect(Array.from(simulateAnnotator(shirts, options))).toEqual([6, 4, 6, 0, 6, 4, 4, 6, 6, 6]);
  });

  it('simulateAnnotator(truth, options) gives the same labels for the same seed and different ones for another', () => {
    const truth = Int32Array.from({ length: 500 }, (_, i) => i % 10);
    const run = (seed: number) =>
      Array.from(
        simulateAnnotator(truth, { accuracy: 0.7, classes: 10, ambiguity: [SHIRT], random: createRandom(seed) }),
      );
    expect(run(3)).toEqual(run(3));
    expect(run(4)).not.toEqual(run(3));
  });

  it('simulateAnnotator(truth, options) takes exactly three draws per item', () => {
    let draws = 0;
    const counting = createRandom(1);
    const random = () => (draws++, counting());
    simulateAnnotator(TWENTY, { accuracy: 0.5, classes: 10, ambiguity: [SHIRT], random });
    expect(draws).toBe(60);
  });

  it('simulateAnnotator([], options) returns an empty Int32Array', () => {
    const labels = simulateAnnotator([], { accuracy: 0.9, classes: 3, random: createRandom(0) });
    expect(labels).toEqual(new Int32Array(0));
  });

  it('simulateAnnotator([2], {accuracy: 1}) labels a single item correctly; {accuracy: 0} never does', () => {
    expect(Array.from(simulateAnnotator([2], { accuracy: 1, classes: 3, random: createRandom(0) }))).toEqual([2]);
    const wrong = simulateAnnotator(new Int32Array(200).fill(2), { accuracy: 0, classes: 3, random: createRandom(0) });
    expect(wrong.every((label) => label !== 2)).toBe(true);
    expect(new Set(wrong)).toEqual(new Set([0, 1]));
  });

  it('simulateAnnotator(truth, {accuracy: 0.7}) is right about 70% of the time over 20,000 items', () => {
    const truth = Int32Array.from({ length: 20_000 }, (_, i) => i % 10);
    const labels = simulateAnnotator(truth, { accuracy: 0.7, classes: 10, random: createRandom(11) });
    const correct = labels.filter((label, i) => label === truth[i]).length / truth.length;
    expect(Math.abs(correct - 0.7)).toBeLessThan(0.015); // sd ≈ 0.0032
  });

  it('simulateAnnotator(truth, options) spreads errors uniformly over the other classes', () => {
    const truth = new Int32Array(20_000).fill(3);
    const labels = simulateAnnotator(truth, { accuracy: 0.55, classes: 5, random: createRandom(12) });
    for (const other of [0, 1, 2, 4]) {
      const share = labels.filter((label) => label === other).length / truth.length;
      expect(Math.abs(share - 0.45 / 4), `class ${other}`).toBeLessThan(0.015);
    }
  });

  it('simulateAnnotator(truth, {ambiguity}) sends confusable items to the `to` classes as annotatorNoiseMatrix says', () => {
    const truth = Int32Array.from({ length: 30_000 }, (_, i) => i % 10);
    const spec = { accuracy: 0.9, classes: 10, ambiguity: [SHIRT] };
    const labels = simulateAnnotator(truth, { ...spec, random: createRandom(13) });
    const realized = realizedNoiseMatrix(truth, labels, 10);
    const expected = annotatorNoiseMatrix(spec);
    for (let index = 0; index < 100; index++) {
      expect(Math.abs(realized[index]! - expected[index]!), `entry ${index}`).toBeLessThan(0.02); // sd ≤ 0.009
    }
    const shirts = labels.filter((_, i) => truth[i] === 6);
    const toTargets = shirts.filter((label) => SHIRT.to.includes(label)).length / shirts.length;
    expect(toTargets).toBeGreaterThan(0.35);
    expect(Math.abs(toTargets - (0.35 + 0.65 * 0.1 * (3 / 9)))).toBeLessThan(0.02);
  });

  it.each([
    [{ accuracy: 1.2, classes: 3 }, /accuracy must be a probability in \[0, 1\], got 1.2/],
    [{ accuracy: NaN, classes: 3 }, /accuracy must be a probability in \[0, 1\], got NaN/],
    [{ accuracy: 0.9, classes: 1 }, /classes must be a whole number ≥ 2, got 1/],
    [
      { accuracy: 0.9, classes: 3, ambiguity: [{ from: 3, to: [0], rate: 0.1 }] },
      /ambiguity\[0\].from must be a class/,
    ],
    [{ accuracy: 0.9, classes: 3, ambiguity: [{ from: 1, to: [], rate: 0.1 }] }, /ambiguity\[0\].to is empty/],
    [{ accuracy: 0.9, classes: 3, ambiguity: [{ from: 1, to: [1, 2], rate: 0.1 }] }, /contains class 1 itself/],
    [{ accuracy: 0.9, classes: 3, ambiguity: [{ from: 1, to: [0, 0], rate: 0.1 }] }, /lists a class twice/],
    [
      { accuracy: 0.9, classes: 3, ambiguity: [{ from: 1, to: [5], rate: 0.1 }] },
      /ambiguity\[0\].to: 5 is not a class/,
    ],
    [{ accuracy: 0.9, classes: 3, ambiguity: [{ from: 1, to: [0], rate: -0.1 }] }, /rate must be a probability/],
    [
      {
        accuracy: 0.9,
        classes: 3,
        ambiguity: [
          { from: 1, to: [0], rate: 0.1 },
          { from: 1, to: [2], rate: 0.1 },
        ],
      },
      /ambiguity\[1\]: class 1 is listed twice; merge its entries into one/,
    ],
  ])('simulateAnnotator(truth, %j) throws a RangeError naming the field', (spec, message) => {
    const options = { ...spec, random: createRandom(0) };
    expect(() => simulateAnnotator([0, 1], options)).toThrow(RangeError);
    expect(() => simulateAnnotator([0, 1], options)).toThrow(message);
    expect(validateAnnotatorSpec(spec)).toHaveLength(1);
  });

  it('simulateAnnotator(truth, {classes: 3}) refuses true labels outside 0…2 or not whole', () => {
    const options = { accuracy: 0.9, classes: 3, random: createRandom(0) };
    expect(() => simulateAnnotator([0, 3], options)).toThrow(
      /simulateAnnotator: the true label at item 1 is 3, outside the 3 classes 0…2/,
    );
    expect(() => simulateAnnotator([0, -1], options)).toThrow(RangeError);
    expect(() => simulateAnnotator([0.5], options)).toThrow(/labels must be whole class numbers/);
  });

  it('validateAnnotatorSpec(spec) is empty for a valid spec', () => {
    expect(validateAnnotatorSpec({ accuracy: 0.9, classes: 10, ambiguity: [SHIRT] })).toEqual([]);
    expect(validateAnnotatorSpec({ accuracy: 0, classes: 2 })).toEqual([]);
  });
});

describe('annotatorNoiseMatrix', () => {
  it('annotatorNoiseMatrix({accuracy: 0.8, classes: 3}) has 0.8 on the diagonal and 0.1 elsewhere', () => {
    const matrix = annotatorNoiseMatrix({ accuracy: 0.8, classes: 3 });
    expect(Array.from(matrix)).toEqual([0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8].map((v) => expect.closeTo(v, 12)));
  });

  it('annotatorNoiseMatrix(spec with ambiguity) has columns summing to 1 and shirt accuracy (1 − rate)·accuracy', () => {
    const matrix = annotatorNoiseMatrix({ accuracy: 0.9, classes: 10, ambiguity: [SHIRT] });
    for (let j = 0; j < 10; j++) {
      let sum = 0;
      for (let i = 0; i < 10; i++) sum += matrix[i * 10 + j]!;
      expect(sum).toBeCloseTo(1, 12);
    }
    expect(matrix[6 * 10 + 6]).toBeCloseTo(0.65 * 0.9, 12);
    expect(matrix[0 * 10 + 6]).toBeCloseTo(0.35 / 3 + (0.65 * 0.1) / 9, 12);
    expect(matrix[1 * 10 + 6]).toBeCloseTo((0.65 * 0.1) / 9, 12);
    expect(matrix[3 * 10 + 3]).toBeCloseTo(0.9, 12);
  });

  it('annotatorNoiseMatrix({accuracy: 2}) throws a RangeError', () => {
    expect(() => annotatorNoiseMatrix({ accuracy: 2, classes: 3 })).toThrow(/annotatorNoiseMatrix: accuracy/);
  });
});
