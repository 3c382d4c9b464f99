/**
 * Golden test: given exactly the labels and out-of-fold probabilities that
 * cleanlab 2.9 saw (digits, 20% uniform noise), every step reproduces its
 * outputs (test/fixtures/reference/cleanlab-digits-case.json); and on small
 * cases built around ties between the given label and the top probability,
 * every filter and the issue count follow cleanlab's tie rule
 * (test/fixtures/reference/cleanlab-ties.json, scripts/reference-cleanlab-ties.py).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  calibrateConfidentJoint,
  confidentJoint,
  estimateJoint,
  findLabelIssues,
  labelQualityScores,
  maskToIndices,
  numLabelIssues,
  rankByScore,
  FILTERS,
  detectLabelIssues,
  scoreFlags,
} from '../../../src/engine/confident/index.ts';
import { predictsGivenLabel } from '../../../src/engine/confident/checks.ts';

interface Case {
  noisy_labels: number[];
  true_labels: number[];
  flipped: number[];
  pred_probs: number[][];
  cleanlab: {
    confident_joint: number[][];
    estimate_joint: number[][];
    num_label_issues: number;
    issues_by_filter: Record<string, number[]>;
    issues_default_ranked_by_self_confidence: number[];
    label_quality_self_confidence: number[];
    label_quality_normalized_margin: number[];
  };
}

const golden = JSON.parse(
  readFileSync(new URL('../../fixtures/reference/cleanlab-digits-case.json', import.meta.url), 'utf8'),
) as Case;
const K = 10;
const labels = Int32Array.from(golden.noisy_labels);
const probs = Float64Array.from(golden.pred_probs.flat());

describe('confident learning vs cleanlab 2.9 on identical inputs (digits, 20% noise)', () => {
  it('calibrateConfidentJoint(confidentJoint(labels, probs)) equals cleanlab compute_confident_joint()', () => {
    const joint = confidentJoint(labels, probs, K);
    const calibrated = calibrateConfidentJoint(joint.counts, labels, K);
    expect(Array.from(calibrated)).toEqual(golden.cleanlab.confident_joint.flat());
  });

  it('estimateJoint equals cleanlab estimate_joint() to 1e-12', () => {
    const calibrated = calibrateConfidentJoint(confidentJoint(labels, probs, K).counts, labels, K);
    const joint = estimateJoint(calibrated);
    golden.cleanlab.estimate_joint.flat().forEach((v, i) => expect(joint[i]).toBeCloseTo(v, 12));
  });

  it('numLabelIssues equals cleanlab num_label_issues()', () => {
    expect(numLabelIssues(labels, probs, K)).toBe(golden.cleanlab.num_label_issues);
  });

  for (const filter of FILTERS) {
    it(`findLabelIssues(filter: ${filter}) flags exactly cleanlab's indices`, () => {
      const flagged = maskToIndices(findLabelIssues(labels, probs, K, { filter }));
      expect(Array.from(flagged)).toEqual(golden.cleanlab.issues_by_filter[filter]);
    });
  }

  it("the default filter equals cleanlab's default (prune_by_noise_rate)", () => {
    expect(Array.from(maskToIndices(findLabelIssues(labels, probs, K)))).toEqual(
      golden.cleanlab.issues_by_filter.default,
    );
  });

  it('labelQualityScores (self-confidence, normalized margin) equal cleanlab to 1e-12', () => {
    const self = labelQualityScores(labels, probs, K, 'self_confidence');
    const margin = labelQualityScores(labels, probs, K, 'normalized_margin');
    golden.cleanlab.label_quality_self_confidence.forEach((v, i) => expect(self[i]).toBeCloseTo(v, 12));
    golden.cleanlab.label_quality_normalized_margin.forEach((v, i) => expect(margin[i]).toBeCloseTo(v, 12));
  });

  it('rankByScore(default issues, self-confidence) equals cleanlab return_indices_ranked_by="self_confidence"', () => {
    const issues = maskToIndices(findLabelIssues(labels, probs, K));
    const ranked = rankByScore(issues, labelQualityScores(labels, probs, K, 'self_confidence'));
    expect(Array.from(ranked)).toEqual(golden.cleanlab.issues_default_ranked_by_self_confidence);
  });

  it('the default filter finds most truly flipped labels: precision and recall above 0.85', () => {
    const flagged = new Set(maskToIndices(findLabelIssues(labels, probs, K)));
    const truth = new Set(golden.flipped);
    const hits = [...flagged].filter((i) => truth.has(i)).length;
    expect(hits / flagged.size).toBeGreaterThan(0.85);
    expect(hits / truth.size).toBeGreaterThan(0.85);
  });
});

describe('detectLabelIssues and scoreFlags on the cleanlab case', () => {
  it('detectLabelIssues(labels, probs, K) ranks exactly the default issues, most suspect first, with suggestions', () => {
    const detection = detectLabelIssues(labels, probs, K);
    expect(Array.from(detection.ranked)).toEqual(golden.cleanlab.issues_default_ranked_by_self_confidence);
    expect(detection.estimatedNoiseRate).toBeGreaterThan(0.15);
    expect(detection.estimatedNoiseRate).toBeLessThan(0.25);
    for (let c = 0; c < K; c++) {
      let column = 0;
      for (let r = 0; r < K; r++) column += detection.noiseMatrix[r * K + c]!;
      expect(column).toBeCloseTo(1, 12);
    }
    const first = detection.ranked[0]!;
    expect(detection.suggested[first]).not.toBe(labels[first]);
  });

  it('scoreFlags(flagged, wrong) gives precision, recall and F1; NaN when undefined, 0 when nothing matches', () => {
    expect(scoreFlags([1, 2, 3, 4], [2, 4, 6])).toEqual({
      flagged: 4,
      truePositives: 2,
      precision: 0.5,
      recall: 2 / 3,
      f1: (2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3),
    });
    expect(scoreFlags([], [1]).precision).toBeNaN();
    expect(scoreFlags([1], []).recall).toBeNaN();
    expect(scoreFlags([1], [2]).f1).toBe(0);
  });
});

interface TieCase {
  name: string;
  classes: number;
  labels: number[];
  pred_probs: number[][];
  num_label_issues: number;
  issues_by_filter: Record<string, number[]>;
  plain_argmax_differs: Record<string, number[]>;
}

const ties = (
  JSON.parse(readFileSync(new URL('../../fixtures/reference/cleanlab-ties.json', import.meta.url), 'utf8')) as {
    cases: TieCase[];
  }
).cases;

describe("the tie rule vs cleanlab 2.9: a given label within 1e-6 of the top probability is the model's prediction", () => {
  for (const c of ties) {
    const tieLabels = Int32Array.from(c.labels);
    const tieProbs = Float64Array.from(c.pred_probs.flat());
    describe(c.name, () => {
      it('numLabelIssues equals cleanlab num_label_issues()', () => {
        expect(numLabelIssues(tieLabels, tieProbs, c.classes)).toBe(c.num_label_issues);
      });
      for (const filter of FILTERS) {
        it(`findLabelIssues(filter: ${filter}) flags exactly cleanlab's indices`, () => {
          const flagged = maskToIndices(findLabelIssues(tieLabels, tieProbs, c.classes, { filter }));
          expect(Array.from(flagged)).toEqual(c.issues_by_filter[filter]);
        });
      }
    });
  }

  it('the cases exercise the rule: for every filter that applies it, and the count, a plain argmax would differ', () => {
    const decided = new Set(ties.flatMap((c) => Object.keys(c.plain_argmax_differs)));
    for (const name of [...FILTERS, 'num_label_issues']) expect(decided, name).toContain(name);
  });

  it('predictsGivenLabel(probs, i, k, label): ties and gaps under 1e-6 count as predicted, whichever class comes first', () => {
    const rows = [
      [0.5, 0.5],
      [0.5000004, 0.4999996],
      [0.50001, 0.49999],
      [0.45, 0.1, 0.45],
      [1 / 3, 1 / 3, 1 / 3],
      [0.2, 0.2, 0.6],
    ];
    const predicted = (row: number[], label: number) => predictsGivenLabel(row, 0, row.length, label);
    expect([predicted(rows[0]!, 0), predicted(rows[0]!, 1)]).toEqual([true, true]);
    expect([predicted(rows[1]!, 0), predicted(rows[1]!, 1)]).toEqual([true, true]);
    expect([predicted(rows[2]!, 0), predicted(rows[2]!, 1)]).toEqual([true, false]);
    expect([0, 1, 2].map((label) => predicted(rows[3]!, label))).toEqual([true, false, true]);
    expect([0, 1, 2].map((label) => predicted(rows[4]!, label))).toEqual([true, true, true]);
    expect([0, 1, 2].map((label) => predicted(rows[5]!, label))).toEqual([false, false, true]);
  });

  it('findLabelIssues(binary, label 1, [0.5, 0.5]) flags the row under no filter; a gap of 2e-5 is flagged by predicted_neq_given', () => {
    const tied = Float64Array.from([0.5, 0.5, 0.9, 0.1, 0.1, 0.9]);
    const gap = Float64Array.from([0.50001, 0.49999, 0.9, 0.1, 0.1, 0.9]);
    const given = Int32Array.from([1, 0, 1]);
    for (const filter of FILTERS) expect(findLabelIssues(given, tied, 2, { filter })[0], filter).toBe(0);
    expect(findLabelIssues(given, gap, 2, { filter: 'predicted_neq_given' })[0]).toBe(1);
  });
});
