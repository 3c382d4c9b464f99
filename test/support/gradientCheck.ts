import type { TrainingObjective } from '../../src/model/objective.ts';

/** Largest |analytic − central difference| of an objective's gradient over all its parameters. */
export function gradientError(objective: TrainingObjective, params: Float64Array, h = 1e-3): number {
  const grad = new Float64Array(objective.size);
  objective.objective(params, grad);
  let worst = 0;
  const scratch = new Float64Array(objective.size);
  for (let i = 0; i < objective.size; i++) {
    const plus = Float64Array.from(params);
    const minus = Float64Array.from(params);
    plus[i]! += h;
    minus[i]! -= h;
    const numeric = (objective.objective(plus, scratch) - objective.objective(minus, scratch)) / (2 * h);
    worst = Math.max(worst, Math.abs(numeric - grad[i]!));
  }
  return worst;
}
