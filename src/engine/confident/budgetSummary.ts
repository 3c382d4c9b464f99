/**
 * The cleaning budget over several training sets drawn the same way (one per
 * seed): per review order and budget, the mean and spread of the accuracies
 * measured so far, and the budget from which an order beat the noisy labels
 * in every set.
 *
 * Shapes: S training sets; B budgets, the same for every set, 0 first (no
 * label reviewed: the noisy labels). Per set and order, `(B)` accuracies
 * (null until measured) and `(B)` numbers of wrong labels corrected.
 */
import { meanSd } from '../metrics.ts';

/** One training set's cleaning budget, by order name. */
export interface SetBudget {
  /** Per order: `(B)` accuracy on the clean test set after reviewing that many labels; null until measured. */
  readonly accuracy: Readonly<Record<string, readonly (number | null)[]>>;
  /** Per order: `(B)` wrong labels corrected within that many reviews. */
  readonly corrected: Readonly<Record<string, readonly number[]>>;
  /** Accuracy with every label clean; null until measured. */
  readonly clean: number | null;
}

/** Mean, spread and values of what was measured: null mean when nothing was. */
export interface Spread {
  readonly mean: number | null;
  /** Standard deviation (population, as meanSd); 0 with one value or none. */
  readonly sd: number;
  readonly values: readonly number[];
}

export interface BudgetPointSummary extends Spread {
  readonly budget: number;
  /** Wrong labels corrected, the mean over the sets given. */
  readonly corrected: number;
}

export interface BudgetSummary {
  readonly series: readonly { readonly order: string; readonly points: readonly BudgetPointSummary[] }[];
  readonly clean: Spread;
}

/** Mean and spread of the finite values among `values` (nulls are not measured yet). */
export function spreadOf(values: readonly (number | null)[]): Spread {
  const measured = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (measured.length === 0) return { mean: null, sd: 0, values: [] };
  const { mean, sd } = meanSd(measured);
  return { mean, sd, values: measured };
}

/**
 * Per order (in the order given) and budget: the accuracies of the sets
 * measured so far, their mean and standard deviation, and the mean number of
 * wrong labels corrected; and the same for the all-clean fit. With no sets,
 * every mean is null.
 */
export function summarizeBudget(
  budgets: readonly number[],
  orders: readonly string[],
  sets: readonly SetBudget[],
): BudgetSummary {
  for (const [i, set] of sets.entries()) {
    for (const order of orders) {
      const accuracy = set.accuracy[order];
      const corrected = set.corrected[order];
      if (accuracy?.length !== budgets.length || corrected?.length !== budgets.length) {
        throw new RangeError(`set ${i} has no ${budgets.length} budgets for the order "${order}"`);
      }
    }
  }
  const series = orders.map((order) => ({
    order,
    points: budgets.map((budget, b): BudgetPointSummary => {
      const corrected = sets.map((set) => set.corrected[order]![b]!);
      return {
        budget,
        ...spreadOf(sets.map((set) => set.accuracy[order]![b]!)),
        corrected: corrected.length ? corrected.reduce((sum, c) => sum + c, 0) / corrected.length : 0,
      };
    }),
  }));
  return { series, clean: spreadOf(sets.map((set) => set.clean)) };
}

/**
 * The smallest budget from which reviewing in `order` beat the noisy labels
 * (budget 0) in every set, at that budget and every larger one; null when it
 * never did, at the largest budget included. A point not measured (null)
 * counts as not beating them, so call this once every point is measured.
 */
export function budgetPaysFrom(budgets: readonly number[], sets: readonly SetBudget[], order: string): number | null {
  if (sets.length === 0 || budgets.length < 2) return null;
  const beats = (b: number) =>
    sets.every((set) => {
      const accuracy = set.accuracy[order];
      const value = accuracy?.[b];
      const noisy = accuracy?.[0];
      return value != null && noisy != null && value > noisy;
    });
  let from: number | null = null;
  for (let b = budgets.length - 1; b >= 1; b--) {
    if (!beats(b)) break;
    from = budgets[b]!;
  }
  return from;
}
