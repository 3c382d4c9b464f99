import { TrialPreparer } from '../engine/trial.ts';
import { createRandom } from '../engine/random.ts';
import { detectLabelIssues, foldSplits, outOfFoldProbabilities, scoreFlags } from '../engine/confident/index.ts';
import type { Detection, FlagScores } from '../engine/confident/index.ts';
import { STREAM_FOLDS } from '../engine/confident/outOfFold.ts';
import type { ReviewParams } from '../notebook/types.ts';
import { initBackend, type BackendName } from '../model/backend.ts';
import { predictHeldOut } from '../model/heldOut.ts';
import { referenceProbabilities } from '../model/referenceProbabilities.ts';
import { loadDatasetFile } from './loadDatasetFile.ts';

export interface NodeDetection {
  readonly params: ReviewParams;
  readonly backend: string;
  /** Data-set rows of the training set, in order; detection positions index into it. */
  readonly rows: Int32Array;
  readonly givenLabels: Int32Array;
  readonly trueLabels: Int32Array;
  /** Positions whose label was flipped by the injected noise. */
  readonly flipped: Int32Array;
  readonly detection: Detection;
  readonly flags: FlagScores;
  /** Wall time of the out-of-fold probabilities and of the filter. */
  readonly seconds: { readonly probabilities: number; readonly filter: number };
}

/**
 * Injects known noise into a training set, computes out-of-fold
 * probabilities (k folds, one after another in this process) and runs
 * confident learning — the same steps as the review cell in the browser.
 */
export async function detectInNode(
  params: ReviewParams,
  options: { backend?: BackendName } = {},
): Promise<NodeDetection> {
  const info = await initBackend(options.backend ?? 'wasm');
  const dataset = await loadDatasetFile(params.dataset);
  const preparer = new TrialPreparer(
    dataset,
    params.noise.kind === 'boundary' ? { referenceProbabilities: await referenceProbabilities(dataset) } : {},
  );
  const { seed, size, folds, model } = params;
  const prepared = preparer.prepare({ dataset: params.dataset, size, noise: params.noise, seed });
  const rows = preparer.order(seed).subarray(0, size);
  const given = prepared.train.y;
  const k = dataset.classes;
  const started = performance.now();
  const splits = foldSplits(given, { folds, random: createRandom(seed, STREAM_FOLDS) });
  const probs = await outOfFoldProbabilities(size, k, splits, (split) =>
    predictHeldOut(dataset, {
      dataset: params.dataset,
      model,
      trainRows: Int32Array.from(split.train, (i) => rows[i]!),
      trainLabels: Int32Array.from(split.train, (i) => given[i]!),
      predictRows: Int32Array.from(split.holdout, (i) => rows[i]!),
      seed,
    }),
  );
  const probabilitiesDone = performance.now();
  const detection = detectLabelIssues(given, probs, k, { filter: params.filter });
  const filterDone = performance.now();
  return {
    params,
    backend: info.name,
    rows: Int32Array.from(rows),
    givenLabels: given,
    trueLabels: prepared.trueLabels,
    flipped: prepared.flipped,
    detection,
    flags: scoreFlags(detection.ranked, prepared.flipped),
    seconds: { probabilities: (probabilitiesDone - started) / 1000, filter: (filterDone - probabilitiesDone) / 1000 },
  };
}
