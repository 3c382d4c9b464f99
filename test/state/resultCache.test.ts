import { describe, expect, it } from 'vitest';
import { ResultCache, estimateBytes } from '../../src/state/resultCache.ts';
import { createMemoryNotebookStore } from '../../src/state/notebookStore.ts';
import { abortError } from '../../src/workers/pool.ts';
import { isAbortError } from '../../src/workers/protocol.ts';
import type {
  EvaluateRequest,
  EvaluateResult,
  FitProgress,
  HeldOutRequest,
  TableAnalysisRequest,
  TabularProgress,
  TabularWorth,
} from '../../src/workers/protocol.ts';

const heldOut = (seed: number, rows = [1, 2, 3]): HeldOutRequest => ({
  dataset: 'digits',
  model: 'logreg',
  trainRows: Int32Array.from(rows),
  trainLabels: Int32Array.from(rows, (r) => r % 2),
  predictRows: Int32Array.from([7, 8]),
  seed,
});
const evaluateRequest = (seed: number): EvaluateRequest => ({
  dataset: 'digits',
  model: 'logreg',
  rows: Int32Array.from([1, 2]),
  labels: Int32Array.from([0, 1]),
  seed,
});

/** A fake pool: counts calls, answers from the request, fails or holds when told. */
function fakeTrainer() {
  const calls = { predict: 0, evaluate: 0, trials: 0, table: 0 };
  let fail: Error | null = null;
  return {
    calls,
    failNext: (error: Error) => (fail = error),
    trainer: {
      runTrial: async () => {
        calls.trials++;
        throw new Error('not used');
      },
      fitToy: async () => {
        throw new Error('not used');
      },
      predictHeldOut: async (request: HeldOutRequest, options?: { onProgress?: (p: FitProgress) => void }) => {
        calls.predict++;
        options?.onProgress?.({ iteration: 1, maxIterations: 4, loss: 1, gradientMax: 1 });
        if (fail) {
          const error = fail;
          fail = null;
          throw error;
        }
        return Float32Array.from(request.predictRows, (r) => r + request.seed / 10);
      },
      fitAndEvaluate: async (request: EvaluateRequest): Promise<EvaluateResult> => {
        calls.evaluate++;
        return {
          accuracy: 0.5 + request.seed / 100,
          accuracyNoisyTest: null,
          trainAccuracyGiven: 1,
          iterations: 3,
          converged: true,
          backend: 'fake',
        };
      },
    },
    analyser: {
      analyseTable: async (request: TableAnalysisRequest) => {
        calls.table++;
        return { fits: request.seed } as unknown as TabularWorth;
      },
    },
  };
}

describe('ResultCache', () => {
  it('answers a repeated request from memory without the pool, and passes other requests through', async () => {
    const fake = fakeTrainer();
    const cache = new ResultCache();
    const trainer = cache.wrapTrainer(fake.trainer);
    const first = await trainer.predictHeldOut(heldOut(1));
    const again = await trainer.predictHeldOut(heldOut(1));
    expect(again).toEqual(first);
    expect(again).toBeInstanceOf(Float32Array);
    expect(again).not.toBe(first); // a copy: changing it leaves the cache alone
    expect(fake.calls.predict).toBe(1);
    await trainer.predictHeldOut(heldOut(2));
    await trainer.predictHeldOut(heldOut(1, [1, 2, 4]));
    expect(fake.calls.predict).toBe(3);
    await trainer.fitAndEvaluate(evaluateRequest(1));
    await expect(trainer.fitAndEvaluate(evaluateRequest(1))).resolves.toMatchObject({ accuracy: 0.51 });
    expect(fake.calls.evaluate).toBe(1);
    const analyser = cache.wrapAnalyser(fake.analyser);
    const table = { seed: 4 } as unknown as TableAnalysisRequest;
    await analyser.analyseTable(table);
    await expect(analyser.analyseTable(table)).resolves.toEqual({ fits: 4 });
    expect(fake.calls.table).toBe(1);
    expect(cache.stats).toMatchObject({ hits: 3, misses: 5, entries: 5 });
    // Trials keep their own cache (trialCache.ts): they pass straight through.
    await expect(trainer.runTrial({} as never)).rejects.toThrow('not used');
    await expect(trainer.runTrial({} as never)).rejects.toThrow('not used');
    expect(fake.calls.trials).toBe(2);
  });

  it('a mutated answer does not change what a later hit returns', async () => {
    const fake = fakeTrainer();
    const trainer = new ResultCache().wrapTrainer(fake.trainer);
    const first = await trainer.predictHeldOut(heldOut(1));
    const expected = Float32Array.from(first);
    first.fill(-1);
    await expect(trainer.predictHeldOut(heldOut(1))).resolves.toEqual(expected);
  });

  it('tells the progress callback a hit is complete', async () => {
    const fake = fakeTrainer();
    const cache = new ResultCache();
    const trainer = cache.wrapTrainer(fake.trainer);
    await trainer.predictHeldOut(heldOut(1));
    const seen: FitProgress[] = [];
    await trainer.predictHeldOut(heldOut(1), { onProgress: (p) => seen.push(p) });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.iteration).toBe(seen[0]!.maxIterations);
    const analyser = cache.wrapAnalyser(fake.analyser);
    const table = { seed: 1 } as unknown as TableAnalysisRequest;
    await analyser.analyseTable(table);
    const tableSeen: TabularProgress[] = [];
    await analyser.analyseTable(table, { onProgress: (p) => tableSeen.push(p) });
    expect(tableSeen).toEqual([{ done: 1, total: 1 }]);
  });

  it('never keeps failures or cancellations, and a cancelled hit rejects with an AbortError', async () => {
    const fake = fakeTrainer();
    const store = createMemoryNotebookStore();
    const cache = new ResultCache({ store: () => store });
    const trainer = cache.wrapTrainer(fake.trainer);
    fake.failNext(new Error('worker crashed'));
    await expect(trainer.predictHeldOut(heldOut(1))).rejects.toThrow('worker crashed');
    fake.failNext(abortError());
    await expect(trainer.predictHeldOut(heldOut(1))).rejects.toSatisfy(isAbortError);
    expect(cache.stats.entries).toBe(0);
    expect(store.trained.size).toBe(0);
    await trainer.predictHeldOut(heldOut(1));
    expect(fake.calls.predict).toBe(3);
    const controller = new AbortController();
    controller.abort();
    await expect(trainer.predictHeldOut(heldOut(1), { signal: controller.signal })).rejects.toSatisfy(isAbortError);
    expect(fake.calls.predict).toBe(3);
  });

  it('is bounded by bytes in memory: the least recently used go first', async () => {
    const fake = fakeTrainer();
    const one = estimateBytes(Float32Array.from([7, 8]));
    const cache = new ResultCache({ maxBytes: one * 2 });
    const trainer = cache.wrapTrainer(fake.trainer);
    await trainer.predictHeldOut(heldOut(1));
    await trainer.predictHeldOut(heldOut(2));
    await trainer.predictHeldOut(heldOut(1)); // 1 is now the most recently used
    await trainer.predictHeldOut(heldOut(3)); // evicts 2
    expect(cache.stats).toMatchObject({ entries: 2, bytes: one * 2 });
    expect(fake.calls.predict).toBe(3);
    await trainer.predictHeldOut(heldOut(1));
    await trainer.predictHeldOut(heldOut(3));
    expect(fake.calls.predict).toBe(3);
    await trainer.predictHeldOut(heldOut(2));
    expect(fake.calls.predict).toBe(4);
  });

  it('keeps results in the store and finds them there on a later page, one at a time on a miss', async () => {
    const store = createMemoryNotebookStore();
    const first = fakeTrainer();
    const earlier = new ResultCache({ store: () => store }).wrapTrainer(first.trainer);
    const probabilities = await earlier.predictHeldOut(heldOut(1));
    const fit = await earlier.fitAndEvaluate(evaluateRequest(2));
    await Promise.resolve();
    expect(store.trained.size).toBe(2);

    let reads = 0;
    const counting = {
      getCachedResult: (key: string) => {
        reads++;
        return store.getCachedResult(key);
      },
      saveCachedResult: store.saveCachedResult,
    };
    const second = fakeTrainer();
    const cache = new ResultCache({ store: () => counting });
    expect(reads).toBe(0); // nothing read at start-up
    const later = cache.wrapTrainer(second.trainer);
    await expect(later.predictHeldOut(heldOut(1))).resolves.toEqual(probabilities);
    await expect(later.fitAndEvaluate(evaluateRequest(2))).resolves.toEqual(fit);
    expect(second.calls).toMatchObject({ predict: 0, evaluate: 0 });
    expect(reads).toBe(2);
    await later.predictHeldOut(heldOut(1)); // now in memory
    expect(reads).toBe(2);
    await later.predictHeldOut(heldOut(5)); // in neither: trained
    expect(second.calls.predict).toBe(1);
  });

  it('carries on without a failing store', async () => {
    const fake = fakeTrainer();
    const broken = {
      getCachedResult: () => Promise.reject(new Error('disk full')),
      saveCachedResult: () => Promise.reject(new Error('disk full')),
    };
    const trainer = new ResultCache({ store: () => broken }).wrapTrainer(fake.trainer);
    await trainer.predictHeldOut(heldOut(1));
    await trainer.predictHeldOut(heldOut(1));
    expect(fake.calls.predict).toBe(1);
  });
});

describe('the memory notebook store of trained results', () => {
  it('drops the oldest saved past its byte cap', async () => {
    const store = createMemoryNotebookStore({ resultBytes: 100 });
    await store.saveCachedResult('a', 1, 40);
    await store.saveCachedResult('b', 2, 40);
    await store.saveCachedResult('c', 3, 40);
    expect([...store.trained.keys()]).toEqual(['b', 'c']);
    await expect(store.getCachedResult('a')).resolves.toBeUndefined();
    await expect(store.getCachedResult('c')).resolves.toBe(3);
    await store.saveCachedResult('big', 4, 500); // the newest stays, alone
    expect([...store.trained.keys()]).toEqual(['big']);
  });
});
