import { describe, expect, it } from 'vitest';
import {
  budgetPaysFrom,
  spreadOf,
  summarizeBudget,
  type SetBudget,
} from '../../../src/engine/confident/budgetSummary.ts';

const BUDGETS = [0, 10, 20];
const set = (confident: (number | null)[], random: (number | null)[], clean: number | null): SetBudget => ({
  accuracy: { confident, random },
  corrected: { confident: [0, 9, 18], random: [0, 2, 4] },
  clean,
});

describe('spreadOf(values)', () => {
  it('spreadOf(values) is the mean and population sd of the finite values', () => {
    expect(spreadOf([0.8, 0.9, null, NaN])).toMatchObject({ values: [0.8, 0.9] });
    expect(spreadOf([0.8, 0.9]).mean).toBeCloseTo(0.85, 12);
    expect(spreadOf([0.8, 0.9]).sd).toBeCloseTo(0.05, 12);
  });

  it('spreadOf([]) and spreadOf([null]) have a null mean; one value has sd 0', () => {
    expect(spreadOf([])).toEqual({ mean: null, sd: 0, values: [] });
    expect(spreadOf([null])).toEqual({ mean: null, sd: 0, values: [] });
    expect(spreadOf([0.7])).toEqual({ mean: 0.7, sd: 0, values: [0.7] });
  });
});

describe('summarizeBudget(budgets, orders, sets)', () => {
  it('summarizeBudget(…) gives per order and budget the mean, sd and values of the sets measured, and the mean corrected', () => {
    const summary = summarizeBudget(
      BUDGETS,
      ['confident', 'random'],
      [set([0.8, 0.85, 0.9], [0.8, 0.8, 0.82], 0.9), set([0.7, null, 0.8], [0.7, 0.72, 0.7], null)],
    );
    const confident = summary.series[0]!;
    expect(confident.order).toBe('confident');
    expect(confident.points.map((p) => p.budget)).toEqual(BUDGETS);
    expect(confident.points[0]!.mean).toBeCloseTo(0.75, 12);
    expect(confident.points[0]!.sd).toBeCloseTo(0.05, 12);
    expect(confident.points[1]).toMatchObject({ mean: 0.85, sd: 0, values: [0.85], corrected: 9 });
    expect(summary.series[1]!.points[2]!.corrected).toBe(4);
    expect(summary.clean).toEqual({ mean: 0.9, sd: 0, values: [0.9] });
  });

  it('summarizeBudget(…, []) has null means; a set without every budget of an order is rejected', () => {
    const empty = summarizeBudget(BUDGETS, ['confident'], []);
    expect(empty.series[0]!.points.every((p) => p.mean === null && p.corrected === 0)).toBe(true);
    expect(empty.clean.mean).toBeNull();
    expect(() => summarizeBudget(BUDGETS, ['confident'], [set([0.8, 0.9], [0.8, 0.8, 0.8], 1)])).toThrow(
      /no 3 budgets for the order "confident"/,
    );
  });
});

describe('budgetPaysFrom(budgets, sets, order)', () => {
  it('budgetPaysFrom(…) is the smallest budget from which the order beat budget 0 in every set, there and beyond', () => {
    const sets = [set([0.8, 0.85, 0.9], [0.8, 0.8, 0.82], 0.9), set([0.7, 0.69, 0.8], [0.7, 0.72, 0.7], 0.8)];
    expect(budgetPaysFrom(BUDGETS, sets, 'confident')).toBe(20);
    // Beating the noisy labels at 10 but not at 20 does not count as paying from 10.
    expect(budgetPaysFrom(BUDGETS, sets, 'random')).toBeNull();
    expect(budgetPaysFrom(BUDGETS, [sets[0]!], 'confident')).toBe(10);
  });

  it('budgetPaysFrom(…) is null with no sets, a single budget, or a point not measured', () => {
    expect(budgetPaysFrom(BUDGETS, [], 'confident')).toBeNull();
    expect(budgetPaysFrom([0], [set([0.8], [0.8], 1)], 'confident')).toBeNull();
    expect(budgetPaysFrom(BUDGETS, [set([0.8, 0.9, null], [0.8, 0.8, 0.8], 1)], 'confident')).toBeNull();
  });
});
