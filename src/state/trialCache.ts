/**
 * Finished sweep trials, kept for reuse. A trial is deterministic — the same
 * data set, model, arm, noise, size and seed give the same numbers on the
 * same backend — so a fit measured once never needs training again on this
 * page: re-running a cell, adding a size, changing N0 or only the noise rate
 * (the clean arm stays the same) trains only what is new.
 *
 * Bounded: the least recently used outcomes go first.
 *
 * Optionally kept across reloads: `persist` is told of every new outcome
 * (with its key) and `preload` puts back what was kept.
 */
import { trialKey, type TrialOutcome, type TrialSpec } from '../engine/sweep.ts';

export const TRIAL_CACHE_LIMIT = 5000;

export class TrialCache {
  readonly #limit: number;
  readonly #outcomes = new Map<string, TrialOutcome>();
  readonly #persist: ((key: string, outcome: TrialOutcome) => void) | null;
  /**
   * Part of every key: the backend the page trains on (results are
   * deterministic per backend, not across them). Set it before the first
   * trial; '' (the default) adds nothing.
   */
  scope = '';

  constructor(
    options: { readonly limit?: number; readonly persist?: (key: string, outcome: TrialOutcome) => void } = {},
  ) {
    this.#persist = options.persist ?? null;
    const limit = options.limit ?? TRIAL_CACHE_LIMIT;
    if (!(Number.isInteger(limit) && limit >= 1))
      throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
    this.#limit = limit;
  }

  get size(): number {
    return this.#outcomes.size;
  }

  /** The outcome of a trial equal to `spec`, with `spec` as its spec; undefined when it was never run here. */
  get(spec: TrialSpec): TrialOutcome | undefined {
    const key = this.#key(spec);
    const outcome = this.#outcomes.get(key);
    if (!outcome) return undefined;
    this.#outcomes.delete(key); // most recently used last
    this.#outcomes.set(key, outcome);
    return { ...outcome, spec };
  }

  set(outcome: TrialOutcome): void {
    const key = this.#key(outcome.spec);
    const known = this.#outcomes.has(key);
    this.#insert(key, outcome);
    if (!known) this.#persist?.(key, outcome);
  }

  #key(spec: TrialSpec): string {
    return this.scope ? `${this.scope}/${trialKey(spec)}` : trialKey(spec);
  }

  /** Whether a key kept by `persist` belongs to this cache's scope (kept results of another backend do not). */
  inScope(key: string): boolean {
    return this.scope ? key.startsWith(`${this.scope}/`) : !key.includes('/');
  }

  /** Puts back outcomes kept from an earlier visit (oldest first), without persisting them again; newer ones stay. */
  preload(outcomes: Iterable<TrialOutcome>): void {
    const newer = [...this.#outcomes];
    this.#outcomes.clear();
    // Older than anything measured on this page: they go to the least recently used end.
    for (const outcome of outcomes) this.#insert(this.#key(outcome.spec), outcome);
    for (const [key, outcome] of newer) this.#insert(key, outcome);
  }

  #insert(key: string, outcome: TrialOutcome): void {
    this.#outcomes.delete(key);
    this.#outcomes.set(key, outcome);
    if (this.#outcomes.size > this.#limit) this.#outcomes.delete(this.#outcomes.keys().next().value!);
  }

  clear(): void {
    this.#outcomes.clear();
  }
}
