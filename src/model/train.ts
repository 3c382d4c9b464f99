import type { LbfgsOptions } from '../engine/lbfgs.ts';
import { minimize } from './minimize.ts';
import type { TrainingObjective } from './objective.ts';
import type { Classifier, FitOptions, FitResult } from './types.ts';

/**
 * Minimizes a training objective from `x0` and builds the classifier from the
 * optimum. Disposes the objective's tensors whatever happens.
 */
export async function train(
  objective: TrainingObjective,
  x0: Float64Array,
  lbfgs: LbfgsOptions & { readonly maxIterations: number },
  options: FitOptions,
  classifier: (params: Float32Array) => Classifier,
): Promise<FitResult> {
  try {
    const state = await minimize(objective.objective, x0, lbfgs, options);
    const stopReason = state.stopped ?? 'max_iterations';
    return {
      classifier: classifier(Float32Array.from(state.x)),
      iterations: state.iterations,
      evaluations: state.evaluations,
      loss: state.f,
      gradientMax: state.gradientMax,
      stopReason,
      // A line search that cannot improve a float32 loss means the optimum is reached to float32 precision.
      converged: stopReason !== 'max_iterations',
    };
  } finally {
    objective.dispose();
  }
}
