/**
 * Seeded randomness. Every random choice in the engine takes a `Random` —
 * a function returning uniform numbers in [0, 1) — so the same seed always
 * gives the same numbers; nothing here reads an unseeded global generator.
 */
import { randomLcg, shuffler } from 'd3';

export type Random = () => number;

/**
 * Mixes numbers into one well-spread 32-bit seed (murmur3 mixing). Each part
 * is taken to 6 decimals, so a noise rate of 0.1 and a size of 500 both count.
 */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  const mix = (word: number): void => {
    let k = Math.imul(word | 0, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  };
  for (const part of parts) {
    const value = Math.round(part * 1e6);
    mix(value % 4294967296);
    mix(Math.floor(value / 4294967296));
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seeded uniform generator on [0, 1). `parts` name the stream: the same
 * seed with different parts gives independent-looking streams, e.g.
 * `createRandom(seed, STREAM_NOISE, n)`.
 */
export function createRandom(seed: number, ...parts: readonly number[]): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return randomLcg(mixSeed(seed, ...parts) / 4294967296);
}

/** An integer uniformly drawn from [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** Shuffles `array` in place (Fisher–Yates) with the given generator and returns it. */
export function shuffle<T extends { [index: number]: unknown; length: number }>(random: Random, array: T): T {
  return shuffler(random)(array as unknown as unknown[]) as unknown as T;
}

/** A standard normal draw (Box–Muller). */
export function randomNormal(random: Random): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
