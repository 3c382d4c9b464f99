import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { accuracy, argmax, meanSd } from '../../src/engine/metrics.ts';

type BySize = Record<string, Record<string, number>>;
interface ReferenceCurves {
  models: Record<string, { acc: Record<string, Record<string, number[]>>; mean: BySize; std: BySize }>;
}

describe('accuracy', () => {
  it('accuracy(predicted, truth) is the fraction of equal positions', () => {
    expect(accuracy([0, 1, 2, 3], [0, 1, 0, 0])).toBe(0.5);
    expect(accuracy(Int32Array.from([1, 1, 1]), Int32Array.from([1, 1, 1]))).toBe(1);
    expect(accuracy([2, 2, 2], [0, 1, 0])).toBe(0);
    expect(accuracy([0, 1, 2], Int32Array.from([0, 1, 1]))).toBeCloseTo(2 / 3, 15);
  });

  it('accuracy([], []) is NaN', () => {
    expect(accuracy([], [])).toBeNaN();
    expect(accuracy(new Int32Array(0), new Int32Array(0))).toBeNaN();
  });

  it('accuracy([p], [t]) is 1 or 0 for a single element', () => {
    expect(accuracy([3], [3])).toBe(1);
    expect(accuracy([3], [4])).toBe(0);
  });

  it('accuracy(predicted, truth) never counts a NaN prediction as a hit', () => {
    expect(accuracy([NaN, 1], [NaN, 1])).toBe(0.5);
  });

  it('accuracy(predicted, truth) throws a RangeError when the lengths differ', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(RangeError);
    expect(() => accuracy([0, 1], [0])).toThrow('accuracy: 2 predictions for 1 labels');
    expect(() => accuracy([], [0])).toThrow('accuracy: 0 predictions for 1 labels');
  });
});

describe('meanSd', () => {
  it('meanSd(values) returns the mean and population standard deviation (ddof = 0)', () => {
    const { mean, sd, count } = meanSd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(mean).toBe(5);
    expect(sd).toBe(2);
    expect(count).toBe(8);
  });

  it('meanSd([a, b]) has sd |a − b| / 2', () => {
    const { mean, sd } = meanSd([0.9, 0.95]);
    expect(mean).toBeCloseTo(0.925, 15);
    expect(sd).toBeCloseTo(0.025, 15);
  });

  it('meanSd(values) matches numpy mean and std of the reference per-seed accuracies', () => {
    const reference = JSON.parse(
      readFileSync(new URL('../fixtures/reference/digits-curve-sklearn.json', import.meta.url), 'utf8'),
    ) as ReferenceCurves;
    let checked = 0;
    for (const model of Object.values(reference.models)) {
      for (const [noise, bySize] of Object.entries(model.acc)) {
        for (const [size, values] of Object.entries(bySize)) {
          const { mean, sd, count } = meanSd(values);
          expect(count).toBe(values.length);
          expect(mean).toBeCloseTo(model.mean[noise]![size]!, 12);
          expect(sd).toBeCloseTo(model.std[noise]![size]!, 12);
          checked++;
        }
      }
    }
    expect(checked).toBe(2 * 5 * 8);
  });

  it('meanSd(iterable) accepts any iterable of numbers', () => {
    expect(meanSd(new Set([1, 2, 3])).mean).toBe(2);
    expect(meanSd(Float32Array.from([1, 3])).mean).toBe(2);
    function* gen() {
      yield 10;
      yield 20;
    }
    expect(meanSd(gen())).toEqual({ mean: 15, sd: 5, count: 2 });
  });

  it('meanSd([]) is NaN mean and sd with count 0', () => {
    const { mean, sd, count } = meanSd([]);
    expect(mean).toBeNaN();
    expect(sd).toBeNaN();
    expect(count).toBe(0);
  });

  it('meanSd([x]) is x with sd 0', () => {
    expect(meanSd([0.7])).toEqual({ mean: 0.7, sd: 0, count: 1 });
  });

  it('meanSd(values) ignores NaN and ±Infinity', () => {
    expect(meanSd([1, NaN, 3, Infinity, -Infinity])).toEqual({ mean: 2, sd: 1, count: 2 });
  });

  it('meanSd([NaN, NaN]) is NaN mean and sd with count 0', () => {
    const result = meanSd([NaN, Infinity]);
    expect(result.mean).toBeNaN();
    expect(result.sd).toBeNaN();
    expect(result.count).toBe(0);
  });

  it('meanSd(values) is numerically stable for values with a large common offset', () => {
    const { mean, sd } = meanSd([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expect(mean).toBe(1e9 + 2);
    expect(sd).toBeCloseTo(Math.sqrt(2 / 3), 6);
  });
});

describe('argmax', () => {
  it('argmax(values) is the index of the largest value', () => {
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(argmax(Float32Array.from([-3, -1, -2]))).toBe(1);
    expect(argmax([5, 1, 9])).toBe(2);
  });

  it('argmax(values) returns the first index on ties', () => {
    expect(argmax([0.2, 0.4, 0.4, 0.1])).toBe(1);
    expect(argmax([1, 1, 1])).toBe(0);
  });

  it('argmax(values, start, length) reads a row of a row-major matrix and returns the index within the row', () => {
    // (3, 3) probabilities, row-major.
    const probabilities = Float32Array.from([0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.2, 0.5, 0.3]);
    expect(argmax(probabilities, 0, 3)).toBe(0);
    expect(argmax(probabilities, 3, 3)).toBe(2);
    expect(argmax(probabilities, 6, 3)).toBe(1);
  });

  it('argmax(values, start) reads to the end of the array', () => {
    expect(argmax([9, 1, 3, 2], 1)).toBe(1);
  });

  it('argmax([x]) is 0', () => {
    expect(argmax([42])).toBe(0);
  });

  it('argmax([]) is 0', () => {
    expect(argmax([])).toBe(0);
  });

  it('argmax(values) skips NaN entries', () => {
    expect(argmax([NaN, 0.2, 0.5])).toBe(2);
    expect(argmax([0.3, NaN, 0.1])).toBe(0);
  });

  it('argmax(values) handles −Infinity and +Infinity', () => {
    expect(argmax([-Infinity, -Infinity, -5])).toBe(2);
    expect(argmax([1, Infinity, 2])).toBe(1);
  });
});
