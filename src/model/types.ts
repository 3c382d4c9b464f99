import type { ModelKind } from '../engine/types.ts';
import type { StopReason } from '../engine/lbfgs.ts';

export type { ModelKind };

/** Reported while a model trains. */
export interface FitProgress {
  readonly iteration: number;
  readonly maxIterations: number;
  readonly loss: number;
  /** max |∇loss|: the optimizer stops when it falls below the tolerance. */
  readonly gradientMax: number;
}

export interface FitOptions {
  /** Seeds the initial weights where they are random (the MLP). */
  readonly seed: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FitProgress) => void;
  /** Override the optimizer's iteration cap. */
  readonly maxIterations?: number;
  /** Yield to the event loop (for cancellation and progress) at least this often. Default 25 ms. */
  readonly yieldEveryMs?: number;
  /** Clock used for yielding; injectable for tests. Default `performance.now`. */
  readonly now?: () => number;
}

/** A trained classifier; owns tensors until `dispose()`. */
export interface Classifier {
  readonly kind: ModelKind;
  readonly classes: number;
  /** `(N, K)` class probabilities, row-major. */
  predictProba(x: Float32Array, n: number): Float32Array;
  /** `(N)` most probable class per row. */
  predict(x: Float32Array, n: number): Int32Array;
  dispose(): void;
}

export interface FitResult {
  readonly classifier: Classifier;
  readonly iterations: number;
  readonly evaluations: number;
  readonly loss: number;
  readonly gradientMax: number;
  readonly stopReason: StopReason;
  /** True when the optimizer met its gradient or loss tolerance. */
  readonly converged: boolean;
}
