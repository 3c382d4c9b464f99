import { describe, expect, it } from 'vitest';
import { TrialCache } from '../../src/state/trialCache.ts';
import { trialKey, type TrialOutcome, type TrialSpec } from '../../src/engine/sweep.ts';

const spec = (size: number, overrides: Partial<TrialSpec> = {}): TrialSpec => ({
  dataset: 'digits',
  model: 'logreg',
  size,
  noise: { kind: 'uniform', rate: 0.1 },
  seed: 0,
  arm: 'noisy',
  ...overrides,
});

const outcome = (s: TrialSpec, accuracy = 0.9): TrialOutcome => ({
  spec: s,
  accuracy,
  accuracyNoisyTest: 0.8,
  trainAccuracyGiven: 1,
  trainAccuracyTrue: 0.9,
  iterations: 10,
  converged: true,
  milliseconds: 5,
  backend: 'wasm',
});

describe('TrialCache', () => {
  it('get(spec) returns the outcome of an equal spec, carrying the spec it was asked with', () => {
    const cache = new TrialCache();
    cache.set(outcome(spec(50), 0.77));
    const asked = spec(50);
    const got = cache.get(asked);
    expect(got?.accuracy).toBe(0.77);
    expect(got?.spec).toBe(asked);
  });

  it('get(spec) misses when any part of the trial differs: size, seed, arm, noise, model, data set', () => {
    const cache = new TrialCache();
    cache.set(outcome(spec(50)));
    expect(cache.get(spec(100))).toBeUndefined();
    expect(cache.get(spec(50, { seed: 1 }))).toBeUndefined();
    expect(cache.get(spec(50, { arm: 'clean' }))).toBeUndefined();
    expect(cache.get(spec(50, { noise: { kind: 'uniform', rate: 0.2 } }))).toBeUndefined();
    expect(cache.get(spec(50, { model: 'mlp' }))).toBeUndefined();
    expect(cache.get(spec(50, { dataset: 'fashion' }))).toBeUndefined();
    expect(cache.get(spec(50))).toBeDefined();
  });

  it('set(outcome) beyond the limit drops the least recently used', () => {
    const cache = new TrialCache({ limit: 2 });
    cache.set(outcome(spec(50)));
    cache.set(outcome(spec(100)));
    cache.get(spec(50)); // 50 is now the most recently used
    cache.set(outcome(spec(200)));
    expect(cache.size).toBe(2);
    expect(cache.get(spec(100))).toBeUndefined();
    expect(cache.get(spec(50))).toBeDefined();
    expect(cache.get(spec(200))).toBeDefined();
  });

  it('set(outcome) of a spec already there replaces it; clear() empties the cache', () => {
    const cache = new TrialCache();
    cache.set(outcome(spec(50), 0.5));
    cache.set(outcome(spec(50), 0.6));
    expect(cache.size).toBe(1);
    expect(cache.get(spec(50))?.accuracy).toBe(0.6);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('new TrialCache({ limit }) rejects a limit that is not a whole number ≥ 1', () => {
    expect(() => new TrialCache({ limit: 0 })).toThrow(/limit/);
    expect(() => new TrialCache({ limit: 1.5 })).toThrow(/limit/);
  });
});

describe('TrialCache kept across reloads', () => {
  it('persist(key, outcome) hears of each new outcome once, keyed by its spec', () => {
    const kept: [string, number][] = [];
    const cache = new TrialCache({ persist: (key, o) => kept.push([key, o.accuracy]) });
    cache.set(outcome(spec(50), 0.7));
    cache.set(outcome(spec(50), 0.7));
    cache.set(outcome(spec(100), 0.8));
    expect(kept).toEqual([
      [trialKey(spec(50)), 0.7],
      [trialKey(spec(100)), 0.8],
    ]);
  });

  it('preload(outcomes) puts back kept outcomes without persisting them, older than those measured here', () => {
    let persisted = 0;
    const cache = new TrialCache({ limit: 2, persist: () => persisted++ });
    cache.set(outcome(spec(300), 0.95));
    cache.preload([outcome(spec(50), 0.7), outcome(spec(100), 0.8)]);
    expect(persisted).toBe(1);
    expect(cache.size).toBe(2);
    // The limit drops the oldest: the first kept outcome goes, the one measured here stays.
    expect(cache.get(spec(50))).toBeUndefined();
    expect(cache.get(spec(100))?.accuracy).toBe(0.8);
    expect(cache.get(spec(300))?.accuracy).toBe(0.95);
  });
});
