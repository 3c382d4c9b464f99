import { describe, expect, it } from 'vitest';
import {
  budgetSteps,
  confidentReviewOrder,
  labelsAfterReview,
  oracleReviewOrder,
  planCleaningBudget,
  randomReviewOrder,
  STREAM_RANDOM_REVIEW,
} from '../../../src/engine/confident/cleaningBudget.ts';
import { createRandom } from '../../../src/engine/random.ts';

const sorted = (a: ArrayLike<number>) => Array.from(a).sort((x, y) => x - y);

describe('confidentReviewOrder(ranked, scores)', () => {
  it('puts the flags first in their ranked order, then the rest by score ascending', () => {
    const scores = [0.9, 0.1, 0.5, 0.3, 0.8, 0.2];
    expect(Array.from(confidentReviewOrder([3, 1], scores))).toEqual([3, 1, 5, 2, 4, 0]);
  });

  it('breaks ties in score by position', () => {
    expect(Array.from(confidentReviewOrder([], [0.5, 0.2, 0.5, 0.2]))).toEqual([1, 3, 0, 2]);
  });

  it('with no flags and no examples is empty; with every example flagged is the ranking itself', () => {
    expect(Array.from(confidentReviewOrder([], []))).toEqual([]);
    expect(Array.from(confidentReviewOrder([2, 0, 1], [0.1, 0.2, 0.3]))).toEqual([2, 0, 1]);
  });

  it('rejects a flag outside the examples or flagged twice', () => {
    expect(() => confidentReviewOrder([3], [0.1, 0.2])).toThrow(/position 3 is not in \[0, 2\)/);
    expect(() => confidentReviewOrder([1, 1], [0.1, 0.2])).toThrow(/appears twice/);
  });
});

describe('randomReviewOrder(n, random)', () => {
  it('is a permutation of 0…n−1, the same for the same seed and different for another', () => {
    const a = randomReviewOrder(50, createRandom(0, STREAM_RANDOM_REVIEW));
    const b = randomReviewOrder(50, createRandom(0, STREAM_RANDOM_REVIEW));
    const c = randomReviewOrder(50, createRandom(1, STREAM_RANDOM_REVIEW));
    expect(sorted(a)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('of 0 or 1 examples is [] or [0]', () => {
    expect(Array.from(randomReviewOrder(0, createRandom(0)))).toEqual([]);
    expect(Array.from(randomReviewOrder(1, createRandom(0)))).toEqual([0]);
  });
});

describe('oracleReviewOrder(n, wrong)', () => {
  it('puts the wrong positions first, ascending, then the others', () => {
    expect(Array.from(oracleReviewOrder(6, [4, 1]))).toEqual([1, 4, 0, 2, 3, 5]);
  });

  it('with nothing wrong is the identity; rejects a position outside [0, n)', () => {
    expect(Array.from(oracleReviewOrder(3, []))).toEqual([0, 1, 2]);
    expect(() => oracleReviewOrder(3, [3])).toThrow(/not in \[0, 3\)/);
  });

  it('oracleReviewOrder(n, wrong, { ranking }) keeps the ranking, the right positions skipped to the end', () => {
    const ranking = [3, 1, 5, 2, 4, 0];
    expect(Array.from(oracleReviewOrder(6, [4, 1, 0], { ranking }))).toEqual([1, 4, 0, 3, 5, 2]);
    // At every budget it corrects at least as many wrong positions as the ranking itself.
    const wrong = new Set([4, 1, 0]);
    const oracle = oracleReviewOrder(6, [...wrong], { ranking });
    for (let b = 0; b <= 6; b++) {
      const hits = (order: ArrayLike<number>) =>
        Array.from(order)
          .slice(0, b)
          .filter((p) => wrong.has(p)).length;
      expect(hits(oracle)).toBeGreaterThanOrEqual(hits(ranking));
    }
  });

  it('oracleReviewOrder(n, wrong, { ranking }) rejects a ranking that is not a permutation of 0…n−1', () => {
    expect(() => oracleReviewOrder(3, [1], { ranking: [0, 1] })).toThrow(/2 positions for 3/);
    expect(() => oracleReviewOrder(3, [1], { ranking: [0, 1, 1] })).toThrow(/not a permutation/);
    expect(() => oracleReviewOrder(3, [1], { ranking: [0, 1, 3] })).toThrow(/not a permutation/);
  });
});

describe('budgetSteps(wrongCount, n, options)', () => {
  it('spaces 7 budgets from 0 to 1.5 × the wrong labels', () => {
    expect(budgetSteps(200, 1000)).toEqual([0, 50, 100, 150, 200, 250, 300]);
  });

  it('rounds, drops repeats and stops at n', () => {
    expect(budgetSteps(3, 1000)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(budgetSteps(100, 120)).toEqual([0, 20, 40, 60, 80, 100, 120]);
    expect(budgetSteps(10, 100, { points: 3, reach: 1 })).toEqual([0, 5, 10]);
  });

  it('is [0] when nothing is wrong, and rejects fewer than 2 points', () => {
    expect(budgetSteps(0, 100)).toEqual([0]);
    expect(() => budgetSteps(10, 100, { points: 1 })).toThrow(/at least 2/);
  });
});

describe('labelsAfterReview(given, truth, order, budget)', () => {
  const given = Int32Array.from([1, 0, 2, 2, 1]);
  const truth = Int32Array.from([1, 1, 2, 0, 1]);

  it('gives the first `budget` items of the order their true label and leaves the rest', () => {
    expect(Array.from(labelsAfterReview(given, truth, [3, 0, 1, 2, 4], 2))).toEqual([1, 0, 2, 0, 1]);
    expect(Array.from(labelsAfterReview(given, truth, [3, 0, 1, 2, 4], 5))).toEqual(Array.from(truth));
  });

  it('at budget 0 is a copy of the given labels', () => {
    const out = labelsAfterReview(given, truth, [0, 1, 2, 3, 4], 0);
    expect(Array.from(out)).toEqual(Array.from(given));
    expect(out).not.toBe(given);
  });

  it('rejects a budget past the order and mismatched labels', () => {
    expect(() => labelsAfterReview(given, truth, [0, 1], 3)).toThrow(/from 0 to 2, got 3/);
    expect(() => labelsAfterReview(given, Int32Array.from([1]), [0], 0)).toThrow(/5 given labels but 1 true/);
  });
});

describe('planCleaningBudget({ given, truth, orders, budgets })', () => {
  // Positions 1 and 3 are wrong.
  const given = Int32Array.from([0, 0, 2, 2, 1, 1]);
  const truth = Int32Array.from([0, 1, 2, 0, 1, 1]);
  const orders = {
    confident: [3, 0, 1, 2, 4, 5],
    random: [5, 4, 3, 2, 1, 0],
    oracle: [1, 3, 0, 2, 4, 5],
  };

  it('measures every order at every budget, and counts the wrong labels each corrects', () => {
    const plan = planCleaningBudget({ given, truth, orders, budgets: [0, 2, 4] });
    expect(plan.points.map((p) => [p.order, p.budget, p.corrected])).toEqual([
      ['confident', 0, 0],
      ['confident', 2, 1],
      ['confident', 4, 2],
      ['random', 0, 0],
      ['random', 2, 0],
      ['random', 4, 1],
      ['oracle', 0, 0],
      ['oracle', 2, 2],
      ['oracle', 4, 2],
    ]);
  });

  it('shares one fit between points that train on identical labels, the all-clean set included', () => {
    const plan = planCleaningBudget({ given, truth, orders, budgets: [0, 2, 4] });
    const fitOf = (order: string, budget: number) =>
      plan.points.find((p) => p.order === order && p.budget === budget)!.fit;
    // Budget 0 everywhere, and random at 2 (it reviewed only right labels), train on the given labels.
    expect(new Set([fitOf('confident', 0), fitOf('random', 0), fitOf('oracle', 0), fitOf('random', 2)]).size).toBe(1);
    // Confident at 4 and the oracle at 2 and 4 have corrected everything: that is the all-clean fit.
    expect(new Set([fitOf('confident', 4), fitOf('oracle', 2), fitOf('oracle', 4), plan.cleanFit]).size).toBe(1);
    // Random at 4 corrects position 3, as confident learning at 2 does: three distinct label sets in all.
    expect(fitOf('random', 4)).toBe(fitOf('confident', 2));
    expect(plan.fits.map((f) => f.key)).toEqual(['', '3', '1,3']);
    expect(Array.from(plan.fits[plan.cleanFit]!.labels)).toEqual(Array.from(truth));
    expect(Array.from(plan.fits[fitOf('confident', 2)]!.labels)).toEqual([0, 0, 2, 0, 1, 1]);
  });

  it('adds the all-clean fit when no point reaches it, and sorts the budgets', () => {
    const plan = planCleaningBudget({ given, truth, orders: { random: orders.random }, budgets: [2, 0] });
    expect(plan.budgets).toEqual([0, 2]);
    expect(plan.fits.length).toBe(2);
    expect(plan.cleanFit).toBe(1);
    expect(plan.fits[1]!.corrected).toBe(2);
  });

  it('with clean labels needs a single fit', () => {
    const plan = planCleaningBudget({ given: truth, truth, orders, budgets: [0, 3] });
    expect(plan.fits.length).toBe(1);
    expect(plan.points.every((p) => p.fit === 0 && p.corrected === 0)).toBe(true);
  });

  it('rejects an order of the wrong length and a budget past N', () => {
    expect(() => planCleaningBudget({ given, truth, orders: { x: [0, 1] }, budgets: [0] })).toThrow(
      /order "x" has 2 positions for 6 examples/,
    );
    expect(() => planCleaningBudget({ given, truth, orders, budgets: [7] })).toThrow(/from 0 to 6, got 7/);
  });
});
