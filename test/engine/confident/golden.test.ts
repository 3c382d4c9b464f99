/**
 * Golden test: given exactly the labels and out-of-fold probabilities that
 * cleanlab 2.9 saw (digits, 20% uniform noise), every step reproduces its
 * outputs (test/fixtures/reference/cleanlab-digits-case.json).
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
