import { TrialPreparer } from '../engine/trial.ts';
import { planSweep, summarizeSweep, type SweepSpec, type SweepSummary, type TrialOutcome } from '../engine/sweep.ts';
import { initBackend, type BackendName } from '../model/backend.ts';
import { runTrial } from '../model/runTrial.ts';
import { referenceProbabilities } from '../model/referenceProbabilities.ts';
import { loadDatasetFile } from './loadDatasetFile.ts';

export interface NodeSweepResult {
  readonly summary: SweepSummary;
  readonly outcomes: readonly TrialOutcome[];
  readonly backend: string;
  readonly milliseconds: number;
}

/**
 * Runs a sweep in this Node process, one trial after another, on the same
 * engine and models the browser workers use.
 */
export async function runSweepInNode(
  spec: SweepSpec,
  options: { backend?: BackendName; onTrial?: (outcome: TrialOutcome, done: number, total: number) => void } = {},
): Promise<NodeSweepResult> {
  const info = await initBackend(options.backend ?? 'wasm');
  const dataset = await loadDatasetFile(spec.dataset);
  const preparer = new TrialPreparer(
    dataset,
    spec.noise.kind === 'boundary' ? { referenceProbabilities: await referenceProbabilities(dataset) } : {},
  );
  const trials = planSweep(spec);
  const outcomes: TrialOutcome[] = [];
  const started = performance.now();
  for (const trial of trials) {
    const outcome = await runTrial(preparer, trial);
    outcomes.push(outcome);
    options.onTrial?.(outcome, outcomes.length, trials.length);
  }
  return {
    summary: summarizeSweep(spec, outcomes),
    outcomes,
    backend: info.name,
    milliseconds: performance.now() - started,
  };
}
