/**
 * The one contract between the page and the training workers: what the page
 * may ask (TrainerApi), and the shapes of requests, progress and results.
 * The worker implements it (trainerApi.ts), the pool calls it (pool.ts).
 * Callbacks cross the boundary as comlink proxies; typed arrays are copied.
 */
import type { TrialOutcome, TrialSpec } from '../engine/sweep.ts';
import type { BackendInfo, BackendName, BackendTiming } from '../model/backend.ts';
import type { ToyFitRequest, ToyFitResult } from '../model/fitToy.ts';
import type { EvaluateRequest, EvaluateResult, HeldOutRequest } from '../model/heldOut.ts';
import type { FitProgress } from '../model/types.ts';
import type { ColumnInfo } from '../engine/table/columnTypes.ts';
import type { PackedCells } from '../engine/table/packedCells.ts';
import type { ModelChoice } from '../engine/types.ts';
import type { TabularProgress } from '../model/tabular.ts';
import type { TabularWorth } from '../model/tabularWorth.ts';
import type { RestoredLabels } from '../model/restoredLabels.ts';

export type {
  TrialOutcome,
  TrialSpec,
  ToyFitRequest,
  ToyFitResult,
  FitProgress,
  BackendName,
  BackendTiming,
  HeldOutRequest,
  EvaluateRequest,
  EvaluateResult,
  TabularProgress,
  TabularWorth,
  RestoredLabels,
};

/** A user's table to analyse (the Worth report): the rows as the page holds them and the user's choices. */
export interface TableAnalysisRequest {
  /**
   * C column names, N rows × C cells packed (engine/table/packedCells.ts: a
   * large table crosses to the worker without a string per cell), and the
   * 1-based file row of each row.
   */
  readonly table: {
    readonly header: readonly string[];
    readonly cells: PackedCells;
    readonly rowNumbers: Int32Array;
  };
  /** C column infos; the `included` ones (other than the label) are the features. */
  readonly columns: readonly ColumnInfo[];
  /** Index of the label column. */
  readonly label: number;
  readonly folds: number;
  readonly seed: number;
  /** 'auto' chooses the better-fitting model (model/tableNoise.ts). */
  readonly model: ModelChoice;
  /**
   * Flip this fraction of the labels first (uniform, seeded), so the report can
   * be checked against known noise (`TabularWorth.injected`); absent: none.
   */
  readonly injectNoise?: number;
}

/**
 * A table analysed with injected noise, retrained with every flipped label set
 * back (model/restoredLabels.ts): the same table, folds, seed and noise as the
 * analysis it follows, and the model and fold splits that analysis used.
 */
export interface RestoreLabelsRequest extends TableAnalysisRequest {
  readonly injectNoise: number;
  /** `TabularWorth.model.chosen`. */
  readonly candidate: { readonly kind: 'logreg' | 'mlp'; readonly l2: number };
  /** `TabularWorth.repeats`. */
  readonly repeats: number;
}

/** Fits done out of fits planned. */
export type TableProgressCallback = (progress: TabularProgress) => void;

export interface WorkerInit {
  /** The backend to try first; the worker falls back to wasm, then cpu, if it cannot start. */
  readonly backend: BackendName;
  /** Absolute URL of the folder holding the data set files (public/data/). */
  readonly dataUrl: string;
}

export interface WorkerInfo extends BackendInfo {
  /** Why the requested backend was not used, or null. */
  readonly fallbackReason: string | null;
}

export interface MemoryInfo {
  readonly numTensors: number;
  readonly numBytes: number;
}

/** Progress of one request (each request gets its own callback). */
export type ProgressCallback = (progress: FitProgress) => void;

export interface TrainerApi {
  /** Starts TF.js on the requested backend (or wasm, or cpu) and says which one runs. */
  init(init: WorkerInit): Promise<WorkerInfo>;
  /** Times each backend on a small job like the lab's (model/backend.ts timeBackends); call before init. */
  timeBackends(backends: readonly BackendName[]): Promise<Partial<Record<BackendName, BackendTiming>>>;
  /** Trains and evaluates one trial of a sweep. Rejects with an AbortError when cancelled. */
  runTrial(requestId: string, spec: TrialSpec, onProgress?: ProgressCallback): Promise<TrialOutcome>;
  /** Trains a 2-D model and maps its probabilities over a grid. */
  fitToy(requestId: string, request: ToyFitRequest, onProgress?: ProgressCallback): Promise<ToyFitResult>;
  /** Trains on chosen rows and labels; returns `(predictRows, K)` probabilities (one cross-validation fold). */
  predictHeldOut(requestId: string, request: HeldOutRequest, onProgress?: ProgressCallback): Promise<Float32Array>;
  /** Trains on chosen rows and labels; measures the model on the clean test set. */
  fitAndEvaluate(requestId: string, request: EvaluateRequest, onProgress?: ProgressCallback): Promise<EvaluateResult>;
  /**
   * The Worth report on a user's table, trained for real (model/tabularWorth.ts).
   * Rejects with a RangeError naming the problem when the table cannot be analysed.
   */
  analyseTable(
    requestId: string,
    request: TableAnalysisRequest,
    onProgress?: TableProgressCallback,
  ): Promise<TabularWorth>;
  /**
   * Where the truth is known (injected noise): what fixing exactly the flipped
   * labels buys — the analysis' model cross-validated on the labels as in the
   * file, on the analysis' own fold splits (model/restoredLabels.ts).
   */
  restoreLabels(
    requestId: string,
    request: RestoreLabelsRequest,
    onProgress?: TableProgressCallback,
  ): Promise<RestoredLabels>;
  /**
   * Signs of life for the pool's stall watchdog: from now on, while any
   * request runs, calls `onAlive` every `everyMs` milliseconds of the
   * worker's own clock. The calls come from a timer, so they only come while
   * the worker's event loop turns: a worker busy in one long synchronous step
   * (or killed by the browser) sends none, a long fit that yields between its
   * iterations keeps sending them.
   */
  heartbeat(onAlive: () => void, everyMs: number): void;
  /** Stops request `requestId` at its next yield (within a few tens of milliseconds). */
  cancel(requestId: string): void;
  /** TF.js memory: tensors alive and bytes held, for leak checks. */
  memory(): MemoryInfo;
}

/** Name of the error a cancelled request rejects with. */
export const ABORT_ERROR = 'AbortError';

export function isAbortError(error: unknown): boolean {
  return error instanceof Error
    ? error.name === ABORT_ERROR
    : (error as { name?: string } | null)?.name === ABORT_ERROR;
}
