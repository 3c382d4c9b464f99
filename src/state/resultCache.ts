/**
 * Trained results by the hash of their request, so a repeat is instant: the
 * cross-validation folds and fits of review and labelers cells and the table
 * analyses of worth cells. Training is deterministic — the same request gives
 * the same numbers on the same backend — so a request answered once never
 * needs the pool again.
 *
 * Wraps the cells' trainer (`wrapTrainer`) and table analyser
 * (`wrapAnalyser`): a request seen before resolves to a copy of its stored
 * result without calling the pool (its progress callback, if any, is told it
 * is complete, so progress bars finish); any other request passes through.
 * Failures and cancellations are never kept. Sweep trials keep their own
 * cache (trialCache.ts) and pass straight through.
 *
 * Bounded in memory by the results' total size (least recently used go
 * first). With a store (notebookStore.ts) every new result is kept in
 * IndexedDB too, and a request missing in memory is looked up there — read
 * one at a time on a miss, never all at start-up.
 */
import { specHash } from '../engine/specHash.ts';
import { abortError } from '../workers/pool.ts';
import type { RowTrainer, TableAnalyser, ToyFitter, TrialRunner } from './cellDeps.ts';
import type { NotebookStore } from './notebookStore.ts';
import type { FitProgress, TabularProgress } from '../workers/protocol.ts';

/** Bytes of results kept in memory by default. */
export const RESULT_CACHE_BYTES = 50 * 1024 * 1024;
/** Part of every key: bump it when a change to training makes earlier results wrong. */
export const RESULT_CACHE_VERSION = 2;

export type ResultStore = Pick<NotebookStore, 'getCachedResult' | 'saveCachedResult'>;

type Trainer = TrialRunner & ToyFitter & RowTrainer;

/** What a hit tells a progress callback: the work is complete. */
const FIT_DONE: FitProgress = { iteration: 1, maxIterations: 1, loss: 0, gradientMax: 0 };
const TABLE_DONE: TabularProgress = { done: 1, total: 1 };

export interface ResultCacheStats {
  /** Requests answered from memory or the store. */
  readonly hits: number;
  /** Requests that went to the pool. */
  readonly misses: number;
  readonly entries: number;
  readonly bytes: number;
}

export class ResultCache {
  readonly #maxBytes: number;
  readonly #store: () => ResultStore | null;
  /** Insertion order = recency: most recently used last. */
  readonly #entries = new Map<string, { readonly value: unknown; readonly bytes: number }>();
  #bytes = 0;
  #hits = 0;
  #misses = 0;

  /** Part of every key: the backend the page trains on (see TrialCache.scope). Set it before the first request. */
  scope = '';

  constructor(options: { readonly maxBytes?: number; readonly store?: () => ResultStore | null } = {}) {
    const maxBytes = options.maxBytes ?? RESULT_CACHE_BYTES;
    if (!(Number.isFinite(maxBytes) && maxBytes >= 1)) throw new RangeError(`maxBytes must be ≥ 1, got ${maxBytes}`);
    this.#maxBytes = maxBytes;
    this.#store = options.store ?? (() => null);
  }

  get stats(): ResultCacheStats {
    return { hits: this.#hits, misses: this.#misses, entries: this.#entries.size, bytes: this.#bytes };
  }

  /** `trainer` with its fold and fit requests cached; trials and toy fits pass through. */
  wrapTrainer(trainer: Trainer): Trainer {
    return {
      runTrial: (spec, options) => trainer.runTrial(spec, options),
      fitToy: (request, options) => trainer.fitToy(request, options),
      predictHeldOut: (request, options) =>
        this.#through('heldOut', request, options, FIT_DONE, (o) => trainer.predictHeldOut(request, o)),
      fitAndEvaluate: (request, options) =>
        this.#through('evaluate', request, options, FIT_DONE, (o) => trainer.fitAndEvaluate(request, o)),
    };
  }

  /** `analyser` with its table analyses (and label restorations) cached. */
  wrapAnalyser(analyser: TableAnalyser): TableAnalyser {
    const restore = analyser.restoreLabels?.bind(analyser);
    return {
      analyseTable: (request, options) =>
        this.#through('table', request, options, TABLE_DONE, (o) => analyser.analyseTable(request, o)),
      ...(restore
        ? {
            restoreLabels: (request, options) =>
              this.#through('restore', request, options, TABLE_DONE, (o) => restore(request, o)),
          }
        : {}),
    };
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  async #through<T, P, O extends { readonly signal?: AbortSignal; readonly onProgress?: (progress: P) => void }>(
    kind: string,
    request: unknown,
    options: O | undefined,
    done: P,
    compute: (options: O | undefined) => Promise<T>,
  ): Promise<T> {
    const signal = options?.signal;
    if (signal?.aborted) throw abortError();
    const key = `r${RESULT_CACHE_VERSION}/${this.scope ? `${this.scope}/` : ''}${kind}/${specHash(request)}`;
    let found = this.#get(key);
    if (found === undefined) found = await this.#load(key);
    if (found !== undefined) {
      if (signal?.aborted) throw abortError();
      this.#hits++;
      options?.onProgress?.(done);
      return structuredClone(found.value) as T;
    }
    this.#misses++;
    const result = await compute(options);
    this.#keep(key, result);
    return result;
  }

  #get(key: string): { readonly value: unknown } | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  /** Looks `key` up in the store; a failing store counts as a miss. */
  async #load(key: string): Promise<{ readonly value: unknown } | undefined> {
    const store = this.#store();
    if (!store?.getCachedResult) return undefined;
    try {
      const value = await store.getCachedResult(key);
      if (value === undefined) return undefined;
      this.#insert(key, value, estimateBytes(value));
      return { value };
    } catch {
      return undefined;
    }
  }

  #keep(key: string, result: unknown): void {
    // A copy: the caller may change what it was given.
    const value = structuredClone(result);
    const bytes = estimateBytes(value);
    this.#insert(key, value, bytes);
    // A result not kept is only trained again after a reload; the page goes on.
    this.#store()
      ?.saveCachedResult?.(key, value, bytes)
      .catch(() => undefined);
  }

  #insert(key: string, value: unknown, bytes: number): void {
    const old = this.#entries.get(key);
    if (old) {
      this.#bytes -= old.bytes;
      this.#entries.delete(key);
    }
    if (bytes > this.#maxBytes) return; // never fits: not kept in memory
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }
}

/** About how many bytes `value` takes: typed arrays by their bytes, the rest by a rough per-value size. */
export function estimateBytes(value: unknown): number {
  if (value === null || value === undefined) return 8;
  switch (typeof value) {
    case 'number':
    case 'boolean':
      return 8;
    case 'string':
      return 16 + 2 * value.length;
    case 'object':
      break;
    default:
      return 8;
  }
  if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
  let bytes = 32;
  if (Array.isArray(value)) for (const item of value) bytes += estimateBytes(item);
  else for (const [key, item] of Object.entries(value)) bytes += 16 + 2 * key.length + estimateBytes(item);
  return bytes;
}
