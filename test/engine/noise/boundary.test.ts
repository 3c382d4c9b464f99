import { describe, it, expect } from 'vitest';
import { createRandom } from '../../../src/engine/random.ts';
import { boundaryMargins, injectBoundaryNoise, realizedNoiseMatrix } from '../../../src/engine/noise/index.ts';

// Six items, K = 3. Margin = p(true) − p(best other); runner-up = best other class.
const TRUTH = Int32Array.from([0, 1, 2, 0, 1, 2]);
// prettier-ignore
const PROBS = Float64Array.from([
  0.9, 0.05, 0.05, // true 0: margin 0.85
  0.4, 0.35, 0.25, // true 1: margin −0.05, runner-up 0
  0.1, 0.5, 0.4,   // true 2: margin −0.1, runner-up 1
  0.5, 0.1, 0.4,   // true 0: margin 0.1, runner-up 2
  0.1, 0.8, 0.1,   // true 1: margin 0.7
  0.2, 0.2, 0.6,   // true 2: margin 0.4
]);

describe('injectBoundaryNoise', () => {
  it('injectBoundaryNoise(labels, {rate: 0.5, probabilities}) flips the three lowest margins to their runner-up class', () => {
    const { labels, flipped, matrix } = injectBoundaryNoise(TRUTH, {
      rate: 0.5,
      probabilities: PROBS,
      classes: 3,
      random: createRandom(3),
    });
    expect(Array.from(flipped)).toEqual([1, 2, 3]);
    expect(Array.from(labels)).toEqual([0, 0, 1, 2, 1, 2]);
    expect(Array.from(matrix.values)).toEqual(Array.from(realizedNoiseMatrix(TRUTH, labels, 3).values));
  });

  it('injectBoundaryNoise flips in order of margin: rate 1/6 takes the most negative margin only', () => {
    const { flipped, labels } = injectBoundaryNoise(TRUTH, {
      rate: 1 / 6,
      probabilities: PROBS,
      classes: 3,
      random: createRandom(0),
    });
    expect(Array.from(flipped)).toEqual([2]);
    expect(labels[2]).toBe(1);
  });

  it('injectBoundaryNoise flips exactly round(rate · N) labels, every one to a different class', () => {
    for (const n of [1, 2, 5, 10, 33, 100]) {
      const truth = Int32Array.from({ length: n }, (_, i) => i % 4);
      const random = createRandom(n);
      const probabilities = Float64Array.from({ length: n * 4 }, () => random());
      for (const rate of [0, 0.1, 0.25, 0.5, 1]) {
        const { flipped, labels } = injectBoundaryNoise(truth, {
          rate,
          probabilities,
          classes: 4,
          random: createRandom(1),
        });
        expect(flipped.length, `N ${n}, rate ${rate}`).toBe(Math.round(rate * n));
        for (const i of flipped) expect(labels[i]).not.toBe(truth[i]);
      }
    }
  });

  it('injectBoundaryNoise sends each flip to the runner-up class and takes only the lowest margins', () => {
    const n = 300;
    const random = createRandom(42);
    const truth = Int32Array.from({ length: n }, (_, i) => i % 5);
    const probabilities = Float32Array.from({ length: n * 5 }, () => random());
    const { margins, runnerUp } = boundaryMargins(truth, probabilities, 5, createRandom(0));
    const { flipped, labels } = injectBoundaryNoise(truth, {
      rate: 0.2,
      probabilities,
      classes: 5,
      random: createRandom(0),
    });
    const threshold = Math.max(...Array.from(flipped, (i) => margins[i]!));
    const isFlipped = new Set(flipped);
    for (let i = 0; i < n; i++) {
      if (isFlipped.has(i)) expect(labels[i]).toBe(runnerUp[i]);
      else expect(margins[i]!).toBeGreaterThanOrEqual(threshold);
    }
  });

  it('injectBoundaryNoise breaks ties between equal margins with the random generator, fairly', () => {
    // Every item has the same margin: which 2 of 8 flip depends only on the seed.
    const truth = new Int32Array(8);
    const probabilities = Float64Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 0.6 : 0.4));
    const run = (seed: number) =>
      Array.from(
        injectBoundaryNoise(truth, { rate: 0.25, probabilities, classes: 2, random: createRandom(seed) }).flipped,
      );
    expect(run(1)).toEqual(run(1));
    const picked = new Array<number>(8).fill(0);
    const trials = 4000;
    for (let seed = 0; seed < trials; seed++) for (const i of run(seed)) picked[i]!++;
    for (const count of picked) expect(Math.abs(count / trials - 0.25)).toBeLessThan(0.03);
  });

  it('injectBoundaryNoise breaks ties between equally probable runner-up classes with the random generator', () => {
    // Item of class 0 with p = (0.5, 0.25, 0.25): runner-up 1 or 2, each about half the time.
    const counts = [0, 0, 0];
    for (let seed = 0; seed < 2000; seed++) {
      const { labels } = injectBoundaryNoise(Int32Array.from([0]), {
        rate: 1,
        probabilities: [0.5, 0.25, 0.25],
        classes: 3,
        random: createRandom(seed),
      });
      counts[labels[0]!]!++;
    }
    expect(counts[0]).toBe(0);
    expect(Math.abs(counts[1]! - 1000)).toBeLessThan(100);
  });

  it('injectBoundaryNoise does not modify its input and returns flips ascending', () => {
    const before = Array.from(TRUTH);
    const { flipped } = injectBoundaryNoise(TRUTH, {
      rate: 1,
      probabilities: PROBS,
      classes: 3,
      random: createRandom(0),
    });
    expect(Array.from(TRUTH)).toEqual(before);
    expect(Array.from(flipped)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('injectBoundaryNoise([], {probabilities: []}) returns nothing; a single item flips at rate 1 only', () => {
    const empty = injectBoundaryNoise(new Int32Array(0), {
      rate: 0.5,
      probabilities: [],
      classes: 2,
      random: createRandom(0),
    });
    expect(empty.labels.length).toBe(0);
    expect(empty.flipped.length).toBe(0);
    const one = (rate: number) =>
      injectBoundaryNoise(Int32Array.from([1]), {
        rate,
        probabilities: [0.3, 0.7],
        classes: 2,
        random: createRandom(0),
      });
    expect(Array.from(one(1).labels)).toEqual([0]);
    expect(one(0.4).flipped.length).toBe(0);
  });

  it('injectBoundaryNoise throws a RangeError for a bad rate, classes, label or probability matrix', () => {
    const options = { rate: 0.5, probabilities: PROBS, classes: 3, random: createRandom(0) };
    expect(() => injectBoundaryNoise(TRUTH, { ...options, rate: 2 })).toThrow('noise rate must be in [0, 1], got 2');
    expect(() => injectBoundaryNoise(TRUTH, { ...options, classes: 1 })).toThrow(
      'label noise needs at least 2 classes, got 1',
    );
    expect(() => injectBoundaryNoise(TRUTH, { ...options, probabilities: PROBS.subarray(0, 15) })).toThrow(
      'boundary noise needs (N, K) = (6, 3) reference probabilities, 18 values, got 15',
    );
    expect(() => injectBoundaryNoise(Int32Array.from([3]), { ...options, probabilities: [0.2, 0.3, 0.5] })).toThrow(
      'label 3 at 0 is outside [0, 3)',
    );
    expect(() => injectBoundaryNoise(Int32Array.from([0]), { ...options, probabilities: [0.2, NaN, 0.5] })).toThrow(
      'reference probability [0][1] is NaN; give finite numbers',
    );
  });
});

describe('boundaryMargins', () => {
  it('boundaryMargins(labels, probabilities, K, random) is p(true) − p(best other) with that other class', () => {
    const { margins, runnerUp } = boundaryMargins(TRUTH, PROBS, 3, createRandom(0));
    expect(Array.from(margins, (m) => Number(m.toFixed(10)))).toEqual([0.85, -0.05, -0.1, 0.1, 0.7, 0.4]);
    // Item 0's runner-up is a tie between classes 1 and 2, decided by the generator.
    expect(Array.from(runnerUp.subarray(1, 4))).toEqual([0, 1, 2]);
    expect([1, 2]).toContain(runnerUp[0]);
  });
});
