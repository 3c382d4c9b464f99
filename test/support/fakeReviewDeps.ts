/**
 * A fake CellDeps for the review cell: a small synthetic data set, and a
 * "trainer" whose held-out probabilities put 0.8 on each row's true class
 * (or on a wrong class for rows the test picks) and whose accuracy grows with
 * the fraction of training labels that are right. Requests resolve at once,
 * or when the test says so.
 */
import { onAbort } from './onAbort.ts';
import type { CellDeps } from '../../src/state/cellDeps.ts';
import type { Dataset } from '../../src/engine/types.ts';
import type { EvaluateRequest, EvaluateResult, HeldOutRequest } from '../../src/workers/protocol.ts';
import { abortError } from '../../src/workers/pool.ts';

export const FAKE_CLASSES = 3;
export const FAKE_POOL = 120;
export const FAKE_TEST = 30;

/** 150 rows of 2×2 "images", labels 0, 1, 2 in turn; rows 0–119 are the pool, 120–149 the test set. */
export function fakeDataset(options: { image?: boolean } = {}): Dataset {
  const n = FAKE_POOL + FAKE_TEST;
  const d = 4;
  const y = Int32Array.from({ length: n }, (_, i) => i % FAKE_CLASSES);
  const x = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    x[i * d + y[i]!] = 1;
    x[i * d + 3] = (i % 7) / 7;
  }
  return {
    name: 'digits',
    title: 'Fake digits',
    n,
    d,
    classes: FAKE_CLASSES,
    classNames: ['zero', 'one', 'two'],
    x,
    y,
    image: options.image === false ? null : { width: 2, height: 2 },
    split: { pool: [0, FAKE_POOL], test: [FAKE_POOL, n] },
    source: 'test',
    license: 'test',
  };
}

/** The fake model's accuracy: 0.5 plus half the fraction of training labels that are right. */
export function fakeAccuracy(dataset: Dataset, rows: Int32Array, labels: Int32Array): number {
  let right = 0;
  rows.forEach((row, i) => (right += labels[i] === dataset.y[row] ? 1 : 0));
  return 0.5 + 0.5 * (rows.length ? right / rows.length : 0);
}

export interface Pending {
  readonly kind: 'predict' | 'evaluate';
  readonly request: HeldOutRequest | EvaluateRequest;
  readonly signal: AbortSignal | undefined;
  resolve(): void;
  reject(error: unknown): void;
}

export interface FakeReviewDeps extends CellDeps {
  readonly dataset: Dataset;
  readonly pending: Pending[];
  readonly calls: { predict: HeldOutRequest[]; evaluate: EvaluateRequest[]; load: string[] };
  /** Makes the next loadDataset call fail with this message. */
  failLoad(message: string): void;
}

export function fakeReviewDeps(
  options: { mode?: 'instant' | 'hold'; wrongRows?: (row: number) => boolean; image?: boolean } = {},
): FakeReviewDeps {
  const mode = options.mode ?? 'instant';
  const wrongRows = options.wrongRows ?? (() => false);
  const dataset = fakeDataset({ image: options.image });
  const pending: Pending[] = [];
  const calls = { predict: [] as HeldOutRequest[], evaluate: [] as EvaluateRequest[], load: [] as string[] };
  let loadError: string | null = null;

  const later = <T>(
    kind: Pending['kind'],
    request: HeldOutRequest | EvaluateRequest,
    signal: AbortSignal | undefined,
    answer: () => T,
  ) =>
    new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const forget = onAbort(signal, () => reject(abortError()));
      const entry: Pending = {
        kind,
        request,
        signal,
        resolve: () => {
          forget();
          resolve(answer());
        },
        reject,
      };
      if (mode === 'instant') entry.resolve();
      else pending.push(entry);
    });

  const probabilities = (request: HeldOutRequest) => {
    const k = FAKE_CLASSES;
    const out = new Float32Array(request.predictRows.length * k).fill(0.1);
    request.predictRows.forEach((row, i) => {
      const truth = dataset.y[row]!;
      out[i * k + (wrongRows(row) ? (truth + 1) % k : truth)] = 0.8;
    });
    return out;
  };

  const evaluate = (request: EvaluateRequest): EvaluateResult => {
    const accuracy = fakeAccuracy(dataset, request.rows, request.labels);
    let agree = 0;
    const noisy = request.noisyTestLabels;
    noisy?.forEach((label, i) => (agree += label === dataset.y[FAKE_POOL + i] ? 1 : 0));
    return {
      accuracy,
      accuracyNoisyTest: noisy ? accuracy * (agree / noisy.length) : null,
      trainAccuracyGiven: 1,
      iterations: 1,
      converged: true,
      backend: 'fake',
    };
  };

  return {
    dataset,
    pending,
    calls,
    failLoad: (message) => {
      loadError = message;
    },
    loadDataset: async (name) => {
      calls.load.push(name);
      if (loadError) {
        const message = loadError;
        loadError = null;
        throw new Error(message);
      }
      return dataset;
    },
    trainer: {
      runTrial: () => Promise.reject(new Error('runTrial is not used by the review cell')),
      fitToy: () => Promise.reject(new Error('fitToy is not used by the review cell')),
      predictHeldOut: (request, requestOptions) => {
        calls.predict.push(request);
        requestOptions?.onProgress?.({ iteration: 1, maxIterations: 2, loss: 1, gradientMax: 1 });
        return later('predict', request, requestOptions?.signal, () => probabilities(request));
      },
      fitAndEvaluate: (request, requestOptions) => {
        calls.evaluate.push(request);
        return later('evaluate', request, requestOptions?.signal, () => evaluate(request));
      },
    },
  };
}

/** Lets resolved promises and the microtasks after them run. */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};
