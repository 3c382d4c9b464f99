import { describe, expect, it } from 'vitest';
import { boundedMemo, memoizeAsync } from '../../src/engine/memoize.ts';

describe('memoizeAsync', () => {
  it('computes a key once, and again after a rejection', async () => {
    let calls = 0;
    let fail = true;
    const load = memoizeAsync(async (key) => {
      calls++;
      if (fail) throw new Error('offline');
      return key.length;
    });
    await expect(load('abc')).rejects.toThrow('offline');
    fail = false;
    expect(await load('abc')).toBe(3);
    expect(await load('abc')).toBe(3);
    expect(calls).toBe(2);
  });
});

describe('boundedMemo', () => {
  it('returns the kept result for a key seen before, computing each key once', async () => {
    const memo = boundedMemo<number>(3);
    let calls = 0;
    const compute = (v: number) => async () => {
      calls++;
      return v;
    };
    expect(await memo('a', compute(1))).toBe(1);
    expect(await memo('a', compute(2))).toBe(1);
    expect(await Promise.all([memo('b', compute(3)), memo('b', compute(4))])).toEqual([3, 3]);
    expect(calls).toBe(2);
  });

  it('keeps the most recently used keys up to its limit', async () => {
    const memo = boundedMemo<string>(2);
    const seen: string[] = [];
    const compute = (key: string) => () => {
      seen.push(key);
      return Promise.resolve(key);
    };
    await memo('a', compute('a'));
    await memo('b', compute('b'));
    await memo('a', compute('a')); // a is now the most recent
    await memo('c', compute('c')); // b goes
    await memo('a', compute('a'));
    await memo('b', compute('b'));
    expect(seen).toEqual(['a', 'b', 'c', 'b']);
  });

  it('forgets a rejected computation, so the next call retries', async () => {
    const memo = boundedMemo<number>(2);
    await expect(memo('x', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await memo('x', () => Promise.resolve(7))).toBe(7);
    expect(() => boundedMemo(0)).toThrow(/limit/);
  });
});
