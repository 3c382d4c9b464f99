/**
 * compareLabelers: small cases checked by hand, the leave-one-out majority and
 * its ties, missing labels; and larger seeded cases against scikit-learn's
 * cohen_kappa_score / confusion_matrix and a numpy Fleiss' kappa and
 * Krippendorff's alpha (scripts/reference-label-compare.py; statsmodels and
 * krippendorff are not installed, so those two are the script's own numpy
 * from the papers' formulas).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CohenKappa } from '../../src/engine/agreement/index.ts';
import {
  compareLabelers,
  mergeRelabels,
  relabelTargets,
  vote,
  type Comparison,
  type Labeler,
} from '../../src/state/labelCompare.ts';

/** A labeler from labels in batch order (null = not labelled). */
function labeler(name: string, rows: readonly number[], labels: readonly (number | null)[]): Labeler {
  const map = new Map<number, number>();
  rows.forEach((row, i) => {
    const label = labels[i];
    if (label !== null && label !== undefined) map.set(row, label);
  });
  return { name, labels: map };
}

const kappaOf = (k: CohenKappa) => (k.defined ? k.kappa : null);

describe('compareLabelers, three labelers by hand', () => {
  const rows = [10, 11, 12, 13, 14, 15];
  const y = Array.from({ length: 20 }, () => 0);
  [0, 1, 2, 0, 1, 0].forEach((label, i) => (y[rows[i]!] = label));
  const a = labeler('A', rows, [0, 1, 2, 0, 1, 2]);
  const b = labeler('B', rows, [0, 1, 1, 0, 1, null]);
  const c = labeler('C', rows, [0, 2, 2, 1, 1, 2]);
  // Labels outside the batch are ignored.
  const outside = new Map(a.labels).set(99, 1);
  const result = compareLabelers(rows, [{ name: 'A', labels: outside }, b, c], y, 3);

  it('every pair over the items both labelled: agreement, kappa, matrix, disagreed rows', () => {
    expect(result.labelers).toEqual(['A', 'B', 'C']);
    expect(result.pairs.map((p) => [p.a, p.b, p.items, p.agreement])).toEqual([
      [0, 1, 5, 4 / 5],
      [0, 2, 6, 4 / 6],
      [1, 2, 5, 2 / 5],
    ]);
    const ab = result.pairs[0]!;
    // A 2·0 2·1 1·2, B 2·0 3·1: chance 2·2 + 2·3 = 10 of 25; κ = 1 − 5·1 / (25 − 10).
    expect(kappaOf(ab.kappa)).toBeCloseTo(2 / 3, 12);
    expect(Array.from(ab.matrix)).toEqual([2, 0, 0, 0, 2, 0, 0, 1, 0]);
    expect(ab.disagreed).toEqual([12]);
    expect(result.pairs[1]!.disagreed).toEqual([11, 13]);
    expect(result.pairs[2]!.disagreed).toEqual([11, 12, 13]);
    expect(relabelTargets(result.pairs[2]!)).toEqual([11, 12, 13]);
  });

  it('per-class agreement worst first, classes neither used left out', () => {
    expect(result.pairs[0]!.perClass.map((p) => [p.class, p.agreement])).toEqual([
      [2, 0],
      [1, 4 / 5],
      [0, 1],
    ]);
    const two = compareLabelers([1, 2], [labeler('P', [1, 2], [0, 0]), labeler('Q', [1, 2], [0, 1])], [0, 0, 0], 3);
    expect(two.pairs[0]!.perClass.map((p) => p.class)).toEqual([1, 0]);
  });

  it('Fleiss’ kappa over the 5 items all three labelled, alpha over all 6 with the gap', () => {
    expect(result.fleissItems).toBe(5);
    // Σ n² = 33 of 15 ratings: P̄ = 18/30; pooled 5, 7, 3 → P̄e = 83/225; κ = (135 − 83) / (225 − 83).
    expect(result.fleiss?.defined && result.fleiss.kappa).toBeCloseTo(52 / 142, 12);
    // Coincidences: o00 4, o01 o10 1, o11 4, o12 o21 2, o22 3; n = 17 → α = 1 − (6/17) / (190/272).
    expect(result.alpha?.defined && result.alpha.alpha).toBeCloseTo(94 / 190, 12);
  });

  it('the majority of all labelers; the contested items, most contested first', () => {
    expect([...result.majority]).toEqual([
      [10, 0],
      [11, 1],
      [12, 2],
      [13, 0],
      [14, 1],
      [15, 2],
    ]);
    expect(result.contested).toEqual([
      { row: 11, labels: [1, 1, 2], majority: 1, majorityShare: 2 / 3, datasetLabel: 1 },
      { row: 12, labels: [2, 1, 2], majority: 2, majorityShare: 2 / 3, datasetLabel: 2 },
      { row: 13, labels: [0, 0, 1], majority: 0, majorityShare: 2 / 3, datasetLabel: 0 },
    ]);
  });

  it('each labeler against the majority of the others only (leave-one-out), ties left out', () => {
    const [va, vb, vc] = result.vsMajority;
    // A: the others B, C tie on 11, 12, 13 → items 10, 14, 15 (15: C alone).
    expect([va!.labeler, va!.items, va!.agreement]).toEqual([0, 3, 1]);
    // B: A, C tie on 11, 13 → 10, 12, 14; B's 1 on 12 against their 2.
    expect([vb!.labeler, vb!.items, vb!.agreement]).toEqual([1, 3, 2 / 3]);
    // C: A, B tie on 12 → 10, 11, 13, 14, 15; C differs on 11 and 13. (Voting with itself it would
    // agree on 12 and 13 too.)
    expect([vc!.labeler, vc!.items, vc!.agreement]).toEqual([2, 5, 3 / 5]);
    // Against the data set: every item the labeler labelled.
    expect([va!.vsDataset.items, va!.vsDataset.agreement]).toEqual([6, 5 / 6]);
    expect([vc!.vsDataset.items, vc!.vsDataset.agreement]).toEqual([6, 3 / 6]);
    expect(kappaOf(va!.kappa)).toBe(1);
  });
});

describe('compareLabelers: ties, order and missing labels', () => {
  const rows = [1, 2, 3, 4, 5];
  const y = [0, 2, 0, 1, 2, 0];
  const labels: (number | null)[][] = [
    // rows:  1     2  3     4  5
    [0, 1, 0, 2, 0],
    [1, 1, 1, 2, 0],
    [null, 0, 2, 2, 0],
    [null, 0, null, 2, 1],
  ];
  const result = compareLabelers(
    rows,
    labels.map((l, i) => labeler(`L${i}`, rows, l)),
    y,
    3,
  );

  it('orders the contested by lowest majority share, then most labelers, then batch order; a tie has no majority', () => {
    expect(result.contested.map((c) => [c.row, c.majority, c.majorityShare])).toEqual([
      [3, null, 1 / 3],
      [2, null, 1 / 2],
      [1, null, 1 / 2],
      [5, 0, 3 / 4],
    ]);
  });

  it('breaks a tie of all labelers for the class given by the earliest labeler, not the data set', () => {
    expect(result.majority.get(1)).toBe(0); // 0 (L0) vs 1 (L1); the data set says 2
    expect(result.majority.get(2)).toBe(1); // 1 1 vs 0 0; the data set says 0
    expect(result.majority.get(3)).toBe(0);
    expect(vote([2, 1, 0, 0, 1])).toEqual({ top: 1, count: 2, voters: 5, tied: true });
    expect(vote([0, 0, 1, 1, 1])).toEqual({ top: 1, count: 3, voters: 5, tied: false });
    expect(vote([null, null])).toBeNull();
  });

  it('leaves out of a labeler’s score the items where the others tie, whatever the data set says', () => {
    // L0: others on 1 → [1] (L1 alone) → 1; 2 → [1,0,0] → 0; 3 → [1,2] tie; 4 → 2; 5 → [0,0,1] → 0.
    const l0 = result.vsMajority[0]!;
    expect([l0.items, l0.agreement]).toEqual([4, 2 / 4]);
    // L3: 2 → [1,1,0] → 1; 4 → 2; 5 → 0. (1, 3 not labelled by L3.)
    const l3 = result.vsMajority[3]!;
    expect([l3.items, l3.agreement]).toEqual([3, 1 / 3]);
    expect(l3.vsDataset.items).toBe(3);
  });

  it('Fleiss over the items every labeler labelled only; alpha with the gaps', () => {
    expect(result.fleissItems).toBe(3);
    expect(result.alpha?.defined).toBe(true);
  });

  it('two labelers: no Fleiss, no majority scores; one: no alpha, no pairs', () => {
    const two = compareLabelers(rows, [labeler('a', rows, labels[0]!), labeler('b', rows, labels[1]!)], y, 3);
    expect(two.fleiss).toBeNull();
    expect(two.vsMajority).toEqual([]);
    expect(two.alpha?.defined).toBe(true);
    expect(two.pairs).toHaveLength(1);
    const one = compareLabelers(rows, [labeler('a', rows, labels[0]!)], y, 3);
    expect([one.alpha, one.pairs.length, one.contested.length]).toEqual([null, 0, 0]);
    expect(one.majority.get(4)).toBe(2);
  });

  it('labelers with no item in common: the pair and Fleiss undefined with a reason, never NaN kappa', () => {
    const apart = compareLabelers(
      rows,
      [
        labeler('a', rows, [0, 1, null, null, null]),
        labeler('b', rows, [null, null, 0, 1, 2]),
        labeler('c', rows, [0, 0, 0, 0, 0]),
      ],
      y,
      3,
    );
    const pair = apart.pairs[0]!;
    expect(pair.items).toBe(0);
    expect(pair.agreement).toBeNaN();
    expect(pair.kappa.defined).toBe(false);
    expect(apart.fleissItems).toBe(0);
    expect(apart.fleiss?.defined === false && apart.fleiss.reason).toMatch(/no items/);
  });
});

describe('mergeRelabels', () => {
  it('a new map where the relabels win', () => {
    const labels = new Map([
      [1, 0],
      [2, 1],
      [3, 2],
    ]);
    const merged = mergeRelabels(labels, new Map([[2, 0]]));
    expect([...merged]).toEqual([
      [1, 0],
      [2, 0],
      [3, 2],
    ]);
    expect(labels.get(2)).toBe(1);
    expect(merged).not.toBe(labels);
  });
});

interface ReferenceCase {
  readonly name: string;
  readonly classes: number;
  readonly labels: readonly (readonly number[])[];
  readonly pairs: readonly {
    a: number;
    b: number;
    items: number;
    kappa: number | null;
    agreement: number | null;
    matrix: number[];
  }[];
  readonly fleiss: number | null;
  readonly fleissItems: number;
  readonly alpha: number | null;
}

describe('compareLabelers against scikit-learn and the numpy reference', () => {
  const reference = JSON.parse(
    readFileSync(new URL('../fixtures/label-compare-reference.json', import.meta.url), 'utf8'),
  ) as { cases: ReferenceCase[] };

  it('has cases', () => expect(reference.cases.length).toBeGreaterThanOrEqual(4));

  for (const ref of reference.cases) {
    it(ref.name, () => {
      const n = ref.labels[0]!.length;
      const rows = Array.from({ length: n }, (_, i) => 100 + 3 * i); // rows are not item indices
      const y = new Int32Array(300);
      const result: Comparison = compareLabelers(
        rows,
        ref.labels.map((l, r) =>
          labeler(
            `L${r}`,
            rows,
            l.map((v) => (v < 0 ? null : v)),
          ),
        ),
        y,
        ref.classes,
      );
      expect(result.pairs).toHaveLength(ref.pairs.length);
      ref.pairs.forEach((p, i) => {
        const got = result.pairs[i]!;
        expect([got.a, got.b, got.items]).toEqual([p.a, p.b, p.items]);
        if (p.kappa === null) expect(got.kappa.defined).toBe(false);
        else expect(kappaOf(got.kappa)).toBeCloseTo(p.kappa, 9);
        expect(got.agreement).toBeCloseTo(p.agreement ?? NaN, 12);
        expect(Array.from(got.matrix)).toEqual(p.matrix);
      });
      expect(result.fleissItems).toBe(ref.fleissItems);
      if (ref.fleiss === null) expect(result.fleiss === null || !result.fleiss.defined).toBe(true);
      else expect(result.fleiss?.defined && result.fleiss.kappa).toBeCloseTo(ref.fleiss, 9);
      if (ref.alpha === null) expect(result.alpha?.defined ?? false).toBe(false);
      else expect(result.alpha?.defined && result.alpha.alpha).toBeCloseTo(ref.alpha, 9);
    });
  }
});
