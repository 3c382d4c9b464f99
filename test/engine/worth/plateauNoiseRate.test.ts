import { describe, expect, it } from 'vitest';
import {
  confidenceOrder,
  normalQuantile,
  PLATEAU_FRACTION,
  plateauNoiseRate,
  plateauRate,
  plateauRows,
  SENSITIVITY_FRACTIONS,
} from '../../../src/engine/worth/plateauNoiseRate.ts';
import { createRandom, randomInt, shuffle, type Random } from '../../../src/engine/random.ts';

/** Flattens rows of K probabilities into the row-major `(N, K)` layout. */
function flat(rows: readonly (readonly number[])[]): Float64Array {
  return Float64Array.from(rows.flat());
}

/**
 * `(N, K)` probabilities for true labels `truth`: the surest `sureShare` of the
 * rows (row order is confidence order) are predicted right with confidence
 * 0.99 falling to 0.79; the rest are predicted as the next class, with
 * confidence 0.6 falling to 0.5 — wrong and unsure.
 */
function syntheticProbs(truth: Int32Array, k: number, sureShare: number): Float64Array {
  const n = truth.length;
  const sure = Math.round(sureShare * n);
  const probs = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const y = truth[i]!;
    const top = i < sure ? y : (y + 1) % k;
    const c = i < sure ? 0.99 - (0.2 * i) / n : 0.6 - (0.1 * (i - sure)) / n;
    for (let j = 0; j < k; j++) probs[i * k + j] = j === top ? c : (1 - c) / (k - 1);
  }
  return probs;
}

/** Exactly round(r·N) of the labels, at positions drawn at random among all rows, moved to a random other class. */
function flipLabels(truth: Int32Array, k: number, r: number, random: Random): Int32Array {
  const given = Int32Array.from(truth);
  const positions = shuffle(
    random,
    Int32Array.from({ length: truth.length }, (_, i) => i),
  );
  for (let f = 0; f < Math.round(r * truth.length); f++) {
    const i = positions[f]!;
    given[i] = (truth[i]! + 1 + randomInt(random, k - 1)) % k;
  }
  return given;
}

function synthetic(n: number, k: number, r: number, seed: number) {
  const random = createRandom(seed);
  const truth = Int32Array.from({ length: n }, () => randomInt(random, k));
  const given = flipLabels(truth, k, r, random);
  let flipped = 0;
  for (let i = 0; i < n; i++) if (given[i] !== truth[i]) flipped++;
  return { truth, given, probs: syntheticProbs(truth, k, 0.6), flipped };
}

describe('confidenceOrder', () => {
  it('confidenceOrder(given, probs, k) puts the highest top probability first', () => {
    const probs = flat([
      [0.6, 0.4],
      [0.1, 0.9],
      [0.7, 0.3],
      [0.45, 0.55],
    ]);
    const { order, disagrees } = confidenceOrder([0, 1, 1, 1], probs, 2);
    expect(order).toBeInstanceOf(Int32Array);
    expect(Array.from(order)).toEqual([1, 2, 0, 3]);
    // In that order: row 1 (given 1, predicted 1), row 2 (given 1, predicted 0), row 0, row 3.
    expect(disagrees).toBeInstanceOf(Uint8Array);
    expect(Array.from(disagrees)).toEqual([0, 1, 0, 0]);
  });

  it('confidenceOrder(…) breaks ties in the top probability by position', () => {
    const probs = flat([
      [0.2, 0.8],
      [0.8, 0.2],
      [0.9, 0.1],
      [0.2, 0.8],
    ]);
    expect(Array.from(confidenceOrder([0, 0, 0, 0], probs, 2).order)).toEqual([2, 0, 1, 3]);
  });

  it('confidenceOrder(…) counts a given label tied with the top, or within 1e-6 of it, as predicted (cleanlab)', () => {
    const probs = flat([
      [0.5, 0.5],
      [0.5, 0.5],
      [0.5000004, 0.4999996],
      [0.4999996, 0.5000004],
      [0.50001, 0.49999],
      [0.46, 0.54],
    ]);
    const given = [0, 1, 1, 0, 1, 0];
    const { order, disagrees } = confidenceOrder(given, probs, 2);
    const byRow = new Map(Array.from(order, (row, at) => [row, disagrees[at]]));
    expect(byRow.get(0)).toBe(0);
    expect(byRow.get(1)).toBe(0);
    // 0.4999996 is 8e-7 below the top: predicted.
    expect(byRow.get(2)).toBe(0);
    expect(byRow.get(3)).toBe(0);
    // 0.49999 is 2e-5 below the top: not predicted.
    expect(byRow.get(4)).toBe(1);
    // 0.46 < 0.54: given 0 is not predicted.
    expect(byRow.get(5)).toBe(1);
  });

  it('confidenceOrder(…) applies the tie rule with K = 3 whichever side of the label the top class is', () => {
    const probs = flat([
      [0.4, 0.4, 0.2],
      [0.4, 0.4, 0.2],
      [0.2, 0.4, 0.4],
      [0.2, 0.4, 0.4],
    ]);
    const { order, disagrees } = confidenceOrder([1, 0, 1, 0], probs, 3);
    expect(Array.from(order)).toEqual([0, 1, 2, 3]);
    expect(Array.from(disagrees)).toEqual([0, 0, 0, 1]);
  });

  it('confidenceOrder([], [], k) is empty and a single row is its own order', () => {
    const empty = confidenceOrder([], [], 3);
    expect(empty.order).toHaveLength(0);
    expect(empty.disagrees).toHaveLength(0);
    const one = confidenceOrder([2], [0.1, 0.2, 0.7], 3);
    expect(Array.from(one.order)).toEqual([0]);
    expect(Array.from(one.disagrees)).toEqual([0]);
  });

  it('confidenceOrder(…) throws a RangeError on a wrong shape, a label outside [0, K) or fewer than 2 classes', () => {
    expect(() => confidenceOrder([0, 1], [0.5, 0.5, 1], 2)).toThrow(/\(N, K\) = \(2, 2\)/);
    expect(() => confidenceOrder([0, 2], [0.5, 0.5, 0.5, 0.5], 2)).toThrow(/label 2 of example 1 is not a class/);
    expect(() => confidenceOrder([0], [1], 1)).toThrow(/at least 2 classes/);
  });
});

describe('plateauRows', () => {
  it('plateauRows(n, fraction) is round(fraction·n)', () => {
    expect(plateauRows(10, 0.3)).toBe(3);
    expect(plateauRows(5, 0.3)).toBe(2); // 1.5 rounds up
    expect(plateauRows(1000, 0.15)).toBe(150);
    expect(plateauRows(7, 1)).toBe(7);
  });

  it('plateauRows(n, fraction) is at least 1 row, and 0 for n = 0', () => {
    expect(plateauRows(1, 0.01)).toBe(1);
    expect(plateauRows(10, 0.001)).toBe(1);
    expect(plateauRows(0, 0.3)).toBe(0);
    expect(plateauRows(0, 1)).toBe(0);
  });

  it('plateauRows(n, fraction) throws a RangeError for a fraction outside (0, 1]', () => {
    expect(() => plateauRows(10, 0)).toThrow(new RangeError('plateau fraction must be in (0, 1], got 0'));
    expect(() => plateauRows(10, 1.5)).toThrow(/got 1.5/);
    expect(() => plateauRows(10, NaN)).toThrow(/got NaN/);
    expect(() => plateauRows(0, -0.1)).toThrow(RangeError);
  });
});

describe('plateauRate', () => {
  it('plateauRate(disagrees, fraction) averages the isotonic fit over the first fraction of the rows', () => {
    // Isotonic fit: [0, 0, 0.25, 0.25, 0.25, 0.25, 1, 1, 1, 1].
    const disagrees = [0, 0, 1, 0, 0, 0, 1, 1, 1, 1];
    expect(plateauRate(disagrees, 0.3)).toBeCloseTo(0.25 / 3, 15);
    expect(plateauRate(disagrees, 0.6)).toBeCloseTo(1 / 6, 15);
    expect(plateauRate(disagrees, 0.1)).toBe(0);
  });

  it('plateauRate(disagrees, 1) is the plain disagreement rate (the fit keeps the sum)', () => {
    const random = createRandom(4);
    for (let trial = 0; trial < 20; trial++) {
      const disagrees: number[] = Array.from({ length: 1 + randomInt(random, 40) }, () => (random() < 0.3 ? 1 : 0));
      const mean = disagrees.reduce((s, v) => s + v, 0) / disagrees.length;
      expect(plateauRate(disagrees, 1)).toBeCloseTo(mean, 12);
    }
  });

  it('plateauRate(disagrees, fraction) pools an early disagreement with its neighbours', () => {
    // A lone disagreement among the surest row does not make the estimate 1.
    expect(plateauRate([1, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.1)).toBeCloseTo(0.1, 15);
  });

  it('plateauRate(all 0s or all 1s, fraction) is 0 or 1', () => {
    expect(plateauRate(new Uint8Array(20), 0.3)).toBe(0);
    expect(plateauRate(new Uint8Array(20).fill(1), 0.3)).toBe(1);
  });

  it('plateauRate(disagrees, fraction, weights) weights both the fit and the average', () => {
    // Weighted fit of [1, 0, 0, 1] with weights [1, 3, 0, 1]: [0.25, 0.25, 0.25, 1]; first 2 rows.
    expect(plateauRate([1, 0, 0, 1], 0.5, [1, 3, 0, 1])).toBeCloseTo(0.25, 15);
    // Weight 0 on the first rows: nothing to average.
    expect(plateauRate([1, 0, 0, 1], 0.5, [0, 0, 1, 1])).toBeNaN();
  });

  it('plateauRate([], fraction) is NaN and a single row is its own rate', () => {
    expect(plateauRate([], 0.3)).toBeNaN();
    expect(plateauRate([1], 0.3)).toBe(1);
    expect(plateauRate([0], 0.3)).toBe(0);
  });

  it('plateauRate(…) throws a RangeError for a fraction outside (0, 1]', () => {
    expect(() => plateauRate([0, 1], 0)).toThrow(/plateau fraction must be in \(0, 1\]/);
  });
});

describe('normalQuantile', () => {
  it('normalQuantile(p) matches known standard normal quantiles to 1e-8', () => {
    const known: [number, number][] = [
      [0.5, 0],
      [0.95, 1.6448536269514722],
      [0.975, 1.959963984540054],
      [0.995, 2.5758293035489004],
      [0.8413447460685429, 1],
      [0.01, -2.3263478740408408],
      [0.001, -3.090232306167813],
      [0.9999, 3.719016485455709],
      [0.3, -0.5244005127080407],
    ];
    for (const [p, x] of known) expect(Math.abs(normalQuantile(p) - x), `p = ${p}`).toBeLessThan(1e-8);
  });

  it('normalQuantile(p) is −normalQuantile(1 − p)', () => {
    for (const p of [0.001, 0.02, 0.024, 0.03, 0.1, 0.25, 0.4, 0.49]) {
      expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 9);
    }
  });

  it('normalQuantile(p) increases with p, across the region boundaries', () => {
    const ps = [1e-10, 1e-4, 0.02, 0.02425, 0.025, 0.2, 0.5, 0.8, 0.975, 0.97575, 0.98, 0.9999, 1 - 1e-10];
    const qs = ps.map(normalQuantile);
    for (let i = 1; i < qs.length; i++) expect(qs[i]!).toBeGreaterThan(qs[i - 1]!);
  });

  it('normalQuantile(p) throws a RangeError outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(new RangeError('probability must be in (0, 1), got 0'));
    expect(() => normalQuantile(1)).toThrow(/got 1$/);
    expect(() => normalQuantile(-0.5)).toThrow(RangeError);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(NaN)).toThrow(/got NaN/);
  });
});

describe('plateauNoiseRate', () => {
  it('plateauNoiseRate(…) defaults to the plateau fraction 0.3 and sensitivity fractions 0.15, 0.3, 0.45', () => {
    expect(PLATEAU_FRACTION).toBe(0.3);
    expect(SENSITIVITY_FRACTIONS).toEqual([0.15, 0.3, 0.45]);
    const { given, probs } = synthetic(1000, 3, 0.1, 1);
    const result = plateauNoiseRate(given, probs, 3);
    expect(result.level).toBe(0.9);
    expect(result.anchorRows).toBe(300);
    expect(result.variants.map((v) => [v.model, v.fraction])).toEqual([
      [0, 0.15],
      [0, 0.3],
      [0, 0.45],
    ]);
  });

  it('plateauNoiseRate(given, probs, k).estimate is plateauRate of the confidence-ordered disagreements', () => {
    const { given, probs } = synthetic(800, 4, 0.2, 3);
    const { disagrees } = confidenceOrder(given, probs, 4);
    const result = plateauNoiseRate(given, probs, 4);
    expect(result.estimate).toBe(plateauRate(disagrees, 0.3));
    for (const v of result.variants) expect(v.rate).toBe(plateauRate(disagrees, v.fraction));
  });

  it('plateauNoiseRate(…) spans rate ± z·√(s(1 − s)(1/m − 1/N)) for a single fraction', () => {
    // K = 2, N = 20 in confidence order; the first 10 disagree as 0,1,0,0,1,0,0,1,0,0 (isotonic fit 0 then 1/3s),
    // the last 10 all disagree. Over the first m = 10 the rate is 9·(1/3)/10 = 0.3.
    const pattern = [0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const probs = flat(pattern.map((_, i) => [0.99 - 0.01 * i, 0.01 + 0.01 * i]));
    const result = plateauNoiseRate(pattern, probs, 2, { fraction: 0.5, sensitivity: [] });
    expect(result.estimate).toBeCloseTo(0.3, 15);
    expect(result.anchorRows).toBe(10);
    const halfWidth = 1.6448536269514722 * Math.sqrt(0.3 * 0.7 * (1 / 10 - 1 / 20));
    expect(result.low).toBeCloseTo(0.3 - halfWidth, 8);
    expect(result.high).toBeCloseTo(0.3 + halfWidth, 8);
    expect(result.variants).toEqual([{ model: 0, fraction: 0.5, rate: result.estimate }]);
  });

  it('plateauNoiseRate(…) estimates r for labels flipped at random among all rows when the model is sure and right on the top 60%', () => {
    for (const [k, r] of [
      [3, 0.1],
      [2, 0.2],
      [3, 0.3],
      [4, 0.05],
    ] as const) {
      let sum = 0;
      for (let seed = 0; seed < 4; seed++) {
        const { given, probs, flipped } = synthetic(5000, k, r, seed);
        expect(flipped).toBe(Math.round(r * 5000));
        const { estimate } = plateauNoiseRate(given, probs, k);
        // A single table: the anchor rows are a sample of 1500 rows, so their own flip share varies by ~0.01.
        expect(Math.abs(estimate - r), `K ${k}, r ${r}, seed ${seed}`).toBeLessThan(0.03);
        sum += estimate;
      }
      expect(Math.abs(sum / 4 - r), `K ${k}, r ${r}: mean of 4 seeds`).toBeLessThan(0.015);
    }
  });

  it('plateauNoiseRate(…) is within 0.02 of r for N = 20000', () => {
    for (const r of [0.1, 0.2, 0.3]) {
      for (let seed = 0; seed < 3; seed++) {
        const { given, probs } = synthetic(20000, 3, r, seed);
        const { estimate } = plateauNoiseRate(given, probs, 3);
        expect(Math.abs(estimate - r), `r ${r}, seed ${seed}`).toBeLessThan(0.02);
      }
    }
  });

  it('plateauNoiseRate(…) is 0, with an interval starting at 0, for clean labels', () => {
    const { given, probs } = synthetic(2000, 3, 0, 5);
    const result = plateauNoiseRate(given, probs, 3);
    expect(result.estimate).toBe(0);
    expect(result.low).toBe(0);
    expect(result.high).toBeGreaterThan(0);
    expect(result.high).toBeLessThan(0.01);
  });

  it('plateauNoiseRate(…) intervals contain the estimate and lie within [0, (K − 1)/K]', () => {
    for (const k of [2, 3, 5]) {
      for (const r of [0, 0.05, 0.2, 0.4]) {
        for (const n of [1, 2, 7, 50, 1000]) {
          const { given, probs } = synthetic(n, k, r, n + k);
          const result = plateauNoiseRate(given, probs, k);
          const where = `K ${k}, r ${r}, N ${n}`;
          expect(result.low, where).toBeLessThanOrEqual(result.estimate);
          expect(result.high, where).toBeGreaterThanOrEqual(result.estimate);
          expect(result.low, where).toBeGreaterThanOrEqual(0);
          expect(result.high, where).toBeLessThanOrEqual((k - 1) / k);
        }
      }
    }
  });

  it('plateauNoiseRate(…) clips the estimate to (K − 1)/K when most of the surest labels disagree', () => {
    // K = 3: 80% of the labels are 1 where the model is sure of 0.
    const n = 100;
    const given = Int32Array.from({ length: n }, (_, i) => (i % 10 < 8 ? 1 : 0));
    const probs = flat(Array.from({ length: n }, (_, i) => [0.9 - 0.001 * i, 0.05 + 0.0005 * i, 0.05 + 0.0005 * i]));
    const result = plateauNoiseRate(given, probs, 3);
    expect(result.estimate).toBeCloseTo(2 / 3, 15);
    expect(result.high).toBeCloseTo(2 / 3, 15);
    expect(result.low).toBeLessThanOrEqual(result.estimate);
  });

  it('plateauNoiseRate(…, {alternatives}) widens the interval, never narrows it, and keeps the estimate', () => {
    for (let seed = 0; seed < 5; seed++) {
      const random = createRandom(seed, 1);
      const n = 2000;
      const truth = Int32Array.from({ length: n }, () => randomInt(random, 3));
      const given = flipLabels(truth, 3, 0.15, random);
      const probs = syntheticProbs(truth, 3, 0.6);
      // A weaker model: sure and right only on its top 20%, in a shuffled row order.
      const perm = shuffle(
        random,
        Int32Array.from({ length: n }, (_, i) => i),
      );
      const weakSorted = syntheticProbs(
        Int32Array.from(perm, (i) => truth[i]!),
        3,
        0.2,
      );
      const weak = new Float64Array(n * 3);
      perm.forEach((row, at) => weak.set(weakSorted.subarray(at * 3, at * 3 + 3), row * 3));
      const alone = plateauNoiseRate(given, probs, 3);
      const both = plateauNoiseRate(given, probs, 3, { alternatives: [weak] });
      expect(both.estimate).toBe(alone.estimate);
      expect(both.low).toBeLessThanOrEqual(alone.low);
      expect(both.high).toBeGreaterThanOrEqual(alone.high);
      expect(both.variants).toHaveLength(6);
      expect(both.variants.slice(0, 3)).toEqual(alone.variants);
      expect(both.variants.slice(3).map((v) => v.model)).toEqual([1, 1, 1]);
      // The same model again changes nothing.
      expect(plateauNoiseRate(given, probs, 3, { alternatives: [probs] })).toMatchObject({
        estimate: alone.estimate,
        low: alone.low,
        high: alone.high,
      });
    }
  });

  it('plateauNoiseRate(…, {alternatives}) throws a RangeError for an alternative of the wrong shape', () => {
    const { given, probs } = synthetic(50, 3, 0.1, 2);
    expect(() => plateauNoiseRate(given, probs, 3, { alternatives: [probs.subarray(3)] })).toThrow(RangeError);
  });

  it('plateauNoiseRate(…, {level}) gives a wider interval for a higher level', () => {
    const { given, probs } = synthetic(1000, 3, 0.2, 9);
    const narrow = plateauNoiseRate(given, probs, 3, { level: 0.5 });
    const wide = plateauNoiseRate(given, probs, 3, { level: 0.99 });
    expect(narrow.level).toBe(0.5);
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
    expect(wide.estimate).toBe(narrow.estimate);
  });

  it('plateauNoiseRate(…, {fraction}) changes the estimate and anchor rows, and is one of the variants', () => {
    const { given, probs } = synthetic(1000, 3, 0.2, 9);
    const result = plateauNoiseRate(given, probs, 3, { fraction: 0.2 });
    expect(result.anchorRows).toBe(200);
    expect(result.variants.map((v) => v.fraction)).toEqual([0.15, 0.2, 0.3, 0.45]);
    expect(result.estimate).toBe(result.variants[1]!.rate);
  });

  it('plateauNoiseRate([], [], k) is NaN with no anchor rows and no variants', () => {
    expect(plateauNoiseRate([], [], 3)).toEqual({
      estimate: NaN,
      low: NaN,
      high: NaN,
      level: 0.9,
      anchorRows: 0,
      variants: [],
    });
  });

  it('plateauNoiseRate(one row, …) is finite', () => {
    const right = plateauNoiseRate([1], [0.2, 0.8], 2);
    expect(right).toMatchObject({ estimate: 0, low: 0, anchorRows: 1 });
    expect(right.high).toBeGreaterThanOrEqual(0);
  });

  it('plateauNoiseRate(…) throws a RangeError for a level outside (0, 1), bad shapes or labels', () => {
    const { given, probs } = synthetic(30, 3, 0.1, 2);
    expect(() => plateauNoiseRate(given, probs, 3, { level: 1 })).toThrow(
      new RangeError('interval level must be in (0, 1), got 1'),
    );
    expect(() => plateauNoiseRate(given, probs, 3, { level: 0 })).toThrow(/got 0/);
    expect(() => plateauNoiseRate(given, probs, 3, { fraction: 0 })).toThrow(/plateau fraction/);
    expect(() => plateauNoiseRate(given, probs, 2)).toThrow(RangeError);
    expect(() => plateauNoiseRate([0, 3], [0.5, 0.3, 0.2, 0.5, 0.3, 0.2], 3)).toThrow(/label 3 of example 1/);
  });
});

describe('plateauNoiseRate at the ceiling', () => {
  it('plateauNoiseRate(labels every model prediction contradicts) keeps low ≤ estimate ≤ high ≤ (K − 1)/K', () => {
    // K = 2, every label 1, every row predicted 0: a raw rate of 1, above what labels better than chance allow.
    const given = new Array(10).fill(1);
    const probs = Array.from({ length: 10 }, (_, i) => [0.95 - 0.01 * i, 0.05 + 0.01 * i]).flat();
    const r = plateauNoiseRate(given, probs, 2);
    expect(r.estimate).toBe(0.5);
    expect(r.low).toBeLessThanOrEqual(r.estimate);
    expect(r.high).toBeGreaterThanOrEqual(r.estimate);
    expect(r.high).toBeLessThanOrEqual(0.5);
  });
});
