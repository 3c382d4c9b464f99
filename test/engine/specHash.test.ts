import { describe, expect, it } from 'vitest';
import { specHash } from '../../src/engine/specHash.ts';

const request = () => ({
  dataset: 'digits',
  model: 'logreg',
  seed: 3,
  trainRows: Int32Array.from([1, 2, 3, 4]),
  trainLabels: Int32Array.from([0, 1, 0, 1]),
  options: { folds: 5, weights: [0.5, 0.25], flag: true, none: null },
});

describe('specHash', () => {
  it('is 16 hex digits and the same for equal specs, whatever the key order', () => {
    const a = request();
    const { options, seed, ...rest } = request();
    const b = { options: { none: null, flag: true, weights: [0.5, 0.25], folds: 5 }, seed, ...rest };
    expect(Object.keys(b)).not.toEqual(Object.keys(a));
    expect(options).toEqual(a.options);
    expect(specHash(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(specHash(b)).toBe(specHash(a));
  });

  it('changes with any number, string, boolean or one array element', () => {
    const base = specHash(request());
    const changed = [
      { ...request(), seed: 4 },
      { ...request(), model: 'mlp' },
      { ...request(), trainRows: Int32Array.from([1, 2, 3, 5]) },
      { ...request(), trainLabels: Int32Array.from([0, 1, 0]) },
      { ...request(), options: { ...request().options, weights: [0.5, 0.26] } },
      { ...request(), options: { ...request().options, flag: false } },
      { ...request(), options: { ...request().options, none: 0 } },
      { ...request(), extra: 1 },
    ];
    const hashes = changed.map(specHash);
    for (const hash of hashes) expect(hash).not.toBe(base);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('tells typed arrays of the same bytes but another type apart, and arrays from typed arrays', () => {
    const floats = new Float32Array([1.5, -2, 3]);
    const ints = new Int32Array(floats.buffer.slice(0));
    expect(specHash({ x: floats })).not.toBe(specHash({ x: ints }));
    expect(specHash({ x: [1, 2] })).not.toBe(specHash({ x: Float64Array.from([1, 2]) }));
    // Only the viewed bytes count, not the rest of the buffer.
    const big = Int32Array.from([9, 1, 2, 9]);
    expect(specHash(big.subarray(1, 3))).toBe(specHash(Int32Array.from([1, 2])));
  });

  it('keeps values of different kinds and nesting apart', () => {
    expect(specHash('1')).not.toBe(specHash(1));
    expect(specHash(['a', 'b'])).not.toBe(specHash(['ab']));
    expect(specHash({ a: { b: 1 } })).not.toBe(specHash({ a: 1, b: 1 }));
    expect(specHash(null)).not.toBe(specHash(false));
    expect(specHash({ a: 1, b: undefined })).toBe(specHash({ a: 1 }));
  });

  it('refuses what it cannot hash, naming the place', () => {
    expect(() => specHash({ a: { f: () => 1 } })).toThrow(/function at a\.f/);
    expect(() => specHash({ m: new Map() })).toThrow(/Map at m/);
  });
});
