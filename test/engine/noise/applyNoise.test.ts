import { describe, it, expect } from 'vitest';
import { createRandom } from '../../../src/engine/random.ts';
import {
  applyNoise,
  injectBoundaryNoise,
  injectMatrixNoise,
  injectSystematicNoise,
  injectUniformNoise,
  noiseMatrixOf,
  pairFlipMatrix,
  randomNoiseMatrix,
  type NoiseSpec,
  type NoisyLabels,
} from '../../../src/engine/noise/index.ts';

function cyclicLabels(n: number, classes: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i % classes);
}

const plain = (result: NoisyLabels) => ({
  labels: Array.from(result.labels),
  flipped: Array.from(result.flipped),
  matrix: Array.from(result.matrix.values),
});

const TRUTH = cyclicLabels(60, 4);

describe('applyNoise', () => {
  it('applyNoise(labels, uniform spec, options) is exactly injectUniformNoise', () => {
    const result = applyNoise(TRUTH, { kind: 'uniform', rate: 0.3 }, { classes: 4, random: createRandom(5) });
    expect(plain(result)).toEqual(plain(injectUniformNoise(TRUTH, { rate: 0.3, classes: 4, random: createRandom(5) })));
  });

  it('applyNoise(labels, pairs spec, options) is injectMatrixNoise with the pair-flip matrix', () => {
    const spec: NoiseSpec = { kind: 'pairs', rate: 0.4, pairs: [[0, 3]], symmetric: true };
    const result = applyNoise(TRUTH, spec, { classes: 4, random: createRandom(5) });
    const matrix = pairFlipMatrix({ classes: 4, pairs: [[0, 3]], rate: 0.4, symmetric: true });
    expect(plain(result)).toEqual(plain(injectMatrixNoise(TRUTH, { matrix, random: createRandom(5) })));
    expect(result.flipped.length).toBe(2 * Math.round(0.4 * 15));
  });

  it('applyNoise(labels, matrix spec, {matrixRandom}) draws the matrix from matrixRandom, the flips from random', () => {
    const spec: NoiseSpec = { kind: 'matrix', trace: 2.8, sparsity: 0.25 };
    const result = applyNoise(TRUTH, spec, { classes: 4, random: createRandom(5), matrixRandom: createRandom(6) });
    const matrix = randomNoiseMatrix({ classes: 4, trace: 2.8, sparsity: 0.25, random: createRandom(6) });
    expect(plain(result)).toEqual(plain(injectMatrixNoise(TRUTH, { matrix, random: createRandom(5) })));
  });

  it('applyNoise(labels, matrix spec) without matrixRandom draws the matrix first from random', () => {
    const spec: NoiseSpec = { kind: 'matrix', trace: 2.8, sparsity: 0.25 };
    const random = createRandom(5);
    const matrix = randomNoiseMatrix({ classes: 4, trace: 2.8, sparsity: 0.25, random });
    const expected = injectMatrixNoise(TRUTH, { matrix, random });
    expect(plain(applyNoise(TRUTH, spec, { classes: 4, random: createRandom(5) }))).toEqual(plain(expected));
  });

  it('applyNoise(labels, boundary spec, {probabilities}) is exactly injectBoundaryNoise', () => {
    const draw = createRandom(1);
    const probabilities = Float64Array.from({ length: 60 * 4 }, () => draw());
    const result = applyNoise(
      TRUTH,
      { kind: 'boundary', rate: 0.25 },
      { classes: 4, random: createRandom(2), probabilities },
    );
    const expected = injectBoundaryNoise(TRUTH, { rate: 0.25, probabilities, classes: 4, random: createRandom(2) });
    expect(plain(result)).toEqual(plain(expected));
  });

  it('applyNoise(labels, boundary spec) without probabilities throws an Error asking for a reference model', () => {
    expect(() => applyNoise(TRUTH, { kind: 'boundary', rate: 0.2 }, { classes: 4, random: createRandom(0) })).toThrow(
      '20% boundary noise needs a reference model: pass probabilities, its (N, K) predicted class probabilities for these 60 items',
    );
  });

  it('applyNoise(labels, systematic spec, options) is exactly injectSystematicNoise', () => {
    const spec: NoiseSpec = { kind: 'systematic', from: [1, 2], to: 0, rate: 0.6 };
    const result = applyNoise(TRUTH, spec, { classes: 4, random: createRandom(3) });
    const expected = injectSystematicNoise(TRUTH, {
      from: [1, 2],
      to: 0,
      rate: 0.6,
      classes: 4,
      random: createRandom(3),
    });
    expect(plain(result)).toEqual(plain(expected));
  });

  it('applyNoise(labels, invalid spec) throws a RangeError listing the problems', () => {
    expect(() => applyNoise(TRUTH, { kind: 'uniform', rate: 2 }, { classes: 4, random: createRandom(0) })).toThrow(
      'invalid noise (uniform): rate: use a fraction from 0 to 1, got 2',
    );
    expect(() =>
      applyNoise(TRUTH, { kind: 'pairs', rate: 0.2, pairs: [[0, 9]] }, { classes: 4, random: createRandom(0) }),
    ).toThrow(RangeError);
  });

  it('applyNoise on large N realizes close to noiseMatrixOf(spec) for every class-conditional kind', () => {
    const truth = cyclicLabels(30000, 6);
    const specs: NoiseSpec[] = [
      { kind: 'uniform', rate: 0.25 },
      {
        kind: 'pairs',
        rate: 0.3,
        pairs: [
          [1, 4],
          [2, 5],
        ],
      },
      { kind: 'matrix', trace: 4, sparsity: 0.5 },
      { kind: 'systematic', from: [0, 3], to: 5, rate: 0.7 },
    ];
    for (const spec of specs) {
      const { matrix } = applyNoise(truth, spec, {
        classes: 6,
        random: createRandom(1),
        matrixRandom: createRandom(2),
      });
      const requested = noiseMatrixOf(spec, { classes: 6, random: createRandom(2) })!;
      for (let index = 0; index < 36; index++) {
        expect(Math.abs(matrix.values[index]! - requested.values[index]!), spec.kind).toBeLessThan(0.02);
      }
    }
  });

  it('applyNoise([], spec, options) returns empty labels for every kind', () => {
    const specs: NoiseSpec[] = [
      { kind: 'uniform', rate: 0.25 },
      { kind: 'pairs', rate: 0.3, pairs: [[0, 1]] },
      { kind: 'matrix', trace: 2, sparsity: 0 },
      { kind: 'boundary', rate: 0.5 },
      { kind: 'systematic', from: [0], to: 1, rate: 1 },
    ];
    for (const spec of specs) {
      const result = applyNoise(new Int32Array(0), spec, { classes: 3, random: createRandom(0), probabilities: [] });
      expect(result.labels.length, spec.kind).toBe(0);
      expect(result.flipped.length, spec.kind).toBe(0);
    }
  });
});

describe('noiseMatrixOf', () => {
  it('noiseMatrixOf(spec, {classes, random}) is the requested matrix, or null for boundary noise', () => {
    expect(
      Array.from(noiseMatrixOf({ kind: 'uniform', rate: 0.5 }, { classes: 2, random: createRandom(0) })!.values),
    ).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(
      Array.from(
        noiseMatrixOf({ kind: 'pairs', rate: 0.2, pairs: [[0, 1]] }, { classes: 2, random: createRandom(0) })!.values,
      ),
    ).toEqual([0.8, 0, 0.2, 1]);
    expect(
      Array.from(
        noiseMatrixOf({ kind: 'systematic', from: [1], to: 0, rate: 1 }, { classes: 2, random: createRandom(0) })!
          .values,
      ),
    ).toEqual([1, 1, 0, 0]);
    expect(noiseMatrixOf({ kind: 'boundary', rate: 0.2 }, { classes: 2, random: createRandom(0) })).toBeNull();
    const drawn = noiseMatrixOf({ kind: 'matrix', trace: 2.5, sparsity: 0 }, { classes: 3, random: createRandom(4) })!;
    const direct = randomNoiseMatrix({ classes: 3, trace: 2.5, sparsity: 0, random: createRandom(4) });
    expect(Array.from(drawn.values)).toEqual(Array.from(direct.values));
  });
});
