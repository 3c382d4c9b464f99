import { describe, it, expect, vi } from 'vitest';
import { createRandom, mixSeed, randomInt, randomNormal, shuffle, type Random } from '../../src/engine/random.ts';

/** A generator that replays `values` in order, for checking exactly what a function does with its draws. */
function sequence(...values: number[]): Random {
  let i = 0;
  return () => {
    if (i >= values.length) throw new Error('sequence exhausted');
    return values[i++]!;
  };
}

function draws(random: Random, count: number): number[] {
  return Array.from({ length: count }, () => random());
}

describe('mixSeed', () => {
  it('mixSeed(...parts) returns pinned 32-bit values', () => {
    expect(mixSeed()).toBe(2462723854);
    expect(mixSeed(0)).toBe(1768809451);
    expect(mixSeed(1)).toBe(34001987);
    expect(mixSeed(0, 1)).toBe(4125223472);
    expect(mixSeed(1, 0)).toBe(4178013870);
    expect(mixSeed(42, 3, 500, 0.1)).toBe(4005020336);
    expect(mixSeed(-1)).toBe(1021871282);
    expect(mixSeed(2 ** 40)).toBe(3648662197);
  });

  it('mixSeed(...parts) is an unsigned 32-bit integer for small, negative, fractional and huge parts', () => {
    for (const parts of [[0], [-7], [0.5], [1e12], [-1e12], [3, 2, 1], [Number.MAX_SAFE_INTEGER / 1e6]]) {
      const h = mixSeed(...parts);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });

  it('mixSeed(a, b) depends on the order of the parts', () => {
    expect(mixSeed(0, 1)).not.toBe(mixSeed(1, 0));
    expect(mixSeed(3, 500, 0.1)).not.toBe(mixSeed(3, 0.1, 500));
  });

  it('mixSeed(x) tells apart parts that differ in the 6th decimal but not beyond', () => {
    expect(mixSeed(0.1)).not.toBe(mixSeed(0.100001));
    expect(mixSeed(0.1)).toBe(mixSeed(0.1000001));
    expect(mixSeed(0.1, 500)).not.toBe(mixSeed(0.2, 500));
  });

  it('mixSeed(x) tells apart parts that differ only above 32 bits', () => {
    expect(mixSeed(2 ** 40)).not.toBe(mixSeed(0));
    expect(mixSeed(2 ** 40 / 1e6)).not.toBe(mixSeed(0));
  });

  it('mixSeed(seed, ...) gives distinct values for the first thousand seeds', () => {
    const seen = new Set(Array.from({ length: 1000 }, (_, s) => mixSeed(s, 2)));
    expect(seen.size).toBe(1000);
  });
});

describe('createRandom', () => {
  it('createRandom(42) returns a pinned sequence', () => {
    expect(draws(createRandom(42), 5)).toEqual([
      0.5835618095006794, 0.45702709117904305, 0.2550127694848925, 0.3661948135122657, 0.6580294768791646,
    ]);
  });

  it('createRandom(0, 1) returns a pinned sequence', () => {
    expect(draws(createRandom(0, 1), 3)).toEqual([0.6050867920275778, 0.3285676767118275, 0.3481467275414616]);
  });

  it('createRandom(seed, ...parts) gives the same stream for the same seed and parts', () => {
    expect(draws(createRandom(7, 3, 500, 0.1), 100)).toEqual(draws(createRandom(7, 3, 500, 0.1), 100));
  });

  it('createRandom(seed, ...parts) gives different streams for different seeds or parts', () => {
    const base = draws(createRandom(7, 2), 20);
    expect(draws(createRandom(8, 2), 20)).not.toEqual(base);
    expect(draws(createRandom(7, 3), 20)).not.toEqual(base);
    expect(draws(createRandom(7), 20)).not.toEqual(base);
    expect(draws(createRandom(7, 2, 0), 20)).not.toEqual(base);
  });

  it('createRandom(seed) returns numbers in [0, 1) with mean near 1/2', () => {
    const values = draws(createRandom(123), 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it('createRandom(seed) does not read Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    try {
      draws(createRandom(1, 2, 3), 100);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('createRandom(NaN | ±Infinity) throws a RangeError naming the seed', () => {
    expect(() => createRandom(NaN)).toThrow(RangeError);
    expect(() => createRandom(NaN)).toThrow(/seed must be a finite number, got NaN/);
    expect(() => createRandom(Infinity)).toThrow(/got Infinity/);
    expect(() => createRandom(-Infinity)).toThrow(RangeError);
  });
});

describe('randomInt', () => {
  it('randomInt(createRandom(42), 10) returns a pinned sequence', () => {
    const random = createRandom(42);
    expect(Array.from({ length: 10 }, () => randomInt(random, 10))).toEqual([5, 4, 2, 3, 6, 7, 4, 5, 3, 3]);
  });

  it('randomInt(random, n) maps [0, 1) onto the integers 0…n−1', () => {
    expect(randomInt(() => 0, 5)).toBe(0);
    expect(randomInt(() => 0.2, 5)).toBe(1);
    expect(randomInt(() => 0.1999999, 5)).toBe(0);
    expect(randomInt(() => 1 - 2 ** -53, 5)).toBe(4);
  });

  it('randomInt(random, n) hits every value in [0, n) roughly equally often', () => {
    const random = createRandom(5);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[randomInt(random, 7)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });

  it('randomInt(random, 1) is always 0', () => {
    const random = createRandom(9);
    for (let i = 0; i < 100; i++) expect(randomInt(random, 1)).toBe(0);
  });
});

describe('shuffle', () => {
  it('shuffle(createRandom(42), array) returns a pinned permutation', () => {
    expect(shuffle(createRandom(42), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([6, 0, 8, 1, 9, 3, 7, 2, 4, 5]);
  });

  it('shuffle(random, Int32Array) shuffles typed arrays the same way as arrays', () => {
    const typed = shuffle(createRandom(42), Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(typed).toBeInstanceOf(Int32Array);
    expect(Array.from(typed)).toEqual([6, 0, 8, 1, 9, 3, 7, 2, 4, 5]);
  });

  it('shuffle(random, array) shuffles in place and returns the same array', () => {
    const array = [1, 2, 3, 4];
    expect(shuffle(createRandom(1), array)).toBe(array);
  });

  it('shuffle(random, array) returns a permutation of its input', () => {
    const array = Array.from({ length: 100 }, (_, i) => i * 3);
    const shuffled = shuffle(createRandom(3), array.slice());
    expect(shuffled).not.toEqual(array);
    expect(shuffled.slice().sort((a, b) => a - b)).toEqual(array);
  });

  it('shuffle(random, []) and shuffle(random, [x]) return their input unchanged', () => {
    expect(shuffle(createRandom(1), [])).toEqual([]);
    expect(shuffle(createRandom(1), ['x'])).toEqual(['x']);
  });

  it('shuffle(random, array) puts each element at each position about equally often', () => {
    const random = createRandom(11);
    const counts = Array.from({ length: 4 }, () => new Array<number>(4).fill(0));
    for (let t = 0; t < 8000; t++) {
      shuffle(random, [0, 1, 2, 3]).forEach((value, position) => counts[value]![position]!++);
    }
    for (const row of counts) for (const c of row) expect(Math.abs(c - 2000)).toBeLessThan(150);
  });
});

describe('randomNormal', () => {
  it('randomNormal(createRandom(7)) returns a pinned sequence', () => {
    const random = createRandom(7);
    expect([randomNormal(random), randomNormal(random), randomNormal(random)]).toEqual([
      0.9817675649833554, 1.2375866795087866, 0.35524073437401216,
    ]);
  });

  it('randomNormal(random) applies Box–Muller to two draws: sqrt(−2 ln u)·cos(2πv)', () => {
    expect(randomNormal(sequence(Math.exp(-0.5), 0))).toBeCloseTo(1, 15);
    expect(randomNormal(sequence(Math.exp(-2), 0.5))).toBeCloseTo(-2, 15);
  });

  it('randomNormal(random) redraws u when it is 0 (log 0 would be −∞)', () => {
    expect(randomNormal(sequence(0, 0, Math.exp(-0.5), 0))).toBeCloseTo(1, 15);
  });

  it('randomNormal(random) has mean ≈ 0 and standard deviation ≈ 1', () => {
    const random = createRandom(2024);
    const values = Array.from({ length: 40_000 }, () => randomNormal(random));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
    expect(values.every(Number.isFinite)).toBe(true);
  });
});
