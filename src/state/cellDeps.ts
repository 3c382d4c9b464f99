/**
 * What cell states need from the outside world, as interfaces, so tests can
 * pass fakes and only main.ts knows the real worker pool and fetch.
 */
import type { Dataset } from '../engine/types.ts';
import type { RequestOptions } from '../workers/pool.ts';
import type {
  EvaluateRequest,
  EvaluateResult,
  HeldOutRequest,
  RestoreLabelsRequest,
  RestoredLabels,
  TableAnalysisRequest,
  TableProgressCallback,
  TabularWorth,
  ToyFitRequest,
  ToyFitResult,
  TrialOutcome,
  TrialSpec,
} from '../workers/protocol.ts';

import type { TableImporter } from '../workers/tableClient.ts';
import type { TrialCache } from './trialCache.ts';
import type { CodeRunner } from '../workers/codeClient.ts';

export type { RequestOptions };

/** Trains and evaluates sweep trials (the worker pool). */
export interface TrialRunner {
  runTrial(spec: TrialSpec, options?: RequestOptions): Promise<TrialOutcome>;
}

/** Fits 2-D playground models (the worker pool). */
export interface ToyFitter {
  fitToy(request: ToyFitRequest, options?: RequestOptions): Promise<ToyFitResult>;
}

/** Trains on chosen rows and labels: cross-validation folds and retraining (the worker pool). */
export interface RowTrainer {
  predictHeldOut(request: HeldOutRequest, options?: RequestOptions): Promise<Float32Array>;
  fitAndEvaluate(request: EvaluateRequest, options?: RequestOptions): Promise<EvaluateResult>;
}

/** Runs the Worth analysis of a user's table (the worker pool). */
export interface TableAnalyser {
  analyseTable(
    request: TableAnalysisRequest,
    options?: { readonly signal?: AbortSignal; readonly onProgress?: TableProgressCallback },
  ): Promise<TabularWorth>;
  /**
   * Where the lab injected the noise itself: the analysis' model retrained
   * with the flipped labels set back, on its own folds. Optional: without it
   * a worth cell shows no such figure.
   */
  restoreLabels?(
    request: RestoreLabelsRequest,
    options?: { readonly signal?: AbortSignal; readonly onProgress?: TableProgressCallback },
  ): Promise<RestoredLabels>;
}

/** The bundled tables worth cells analyse: read by the table worker, analysed in the worker pool. */
export interface TableFiles {
  readonly analyser: TableAnalyser;
  readonly importer: Pick<TableImporter, 'importTable'>;
  /** Loads a file shipped with the app by its path under data/, e.g. "tabular/cars.csv". */
  readonly loadFile: (path: string) => Promise<Uint8Array>;
}

/** Everything a lesson's cells may use. */
export interface CellDeps {
  readonly trainer: TrialRunner & ToyFitter & RowTrainer;
  /** Loads a shipped data set on this thread (to draw its items, choose rows, score flags). */
  readonly loadDataset: (name: string) => Promise<Dataset>;
  /** Streaming results reach the page at most this often (ms); 0 or absent: at once. */
  readonly updateEveryMs?: number;
  /** Finished sweep trials to reuse (one per page). */
  readonly trialCache?: TrialCache;
  /** Bundled tables for worth cells; without it a worth cell says it cannot run. */
  readonly tables?: TableFiles;
  /** Starts a code worker for a code cell (one per cell, on its first run); without it a code cell says it cannot run. */
  readonly createCodeRunner?: () => CodeRunner;
}
