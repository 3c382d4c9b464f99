/**
 * The whole detection, given out-of-fold probabilities: confident joint,
 * calibration, noise estimates, flagged issues ranked most suspect first,
 * and the model's suggested label for each. And, where the truth is known,
 * how good the flags are.
 */
import { calibrateConfidentJoint } from './calibrate.ts';
import { rowArgmax } from './checks.ts';
import { confidentJoint } from './confidentJoint.ts';
import { estimateJoint, estimateNoiseMatrix, estimatedNoiseRate } from './estimate.ts';
import { findLabelIssues, maskToIndices, type Filter } from './findLabelIssues.ts';
import { labelQualityScores, rankByScore } from './scores.ts';

export interface Detection {
  /** `(K, K)` calibrated confident joint, rows = given, columns = true. */
  readonly calibrated: Int32Array;
  /** `(K, K)` estimated P(given, true). */
  readonly joint: Float64Array;
  /** `(K, K)` estimated P(given = i | true = j), columns sum to 1. */
  readonly noiseMatrix: Float64Array;
  /** Estimated fraction of wrong labels (1 − trace of the joint). */
  readonly estimatedNoiseRate: number;
  /** Flagged positions, most suspect (lowest self-confidence) first. */
  readonly ranked: Int32Array;
  /** `(N)` self-confidence of every example's given label. */
  readonly scores: Float64Array;
  /** `(N)` the model's most likely class for every example. */
  readonly suggested: Int32Array;
}

export function detectLabelIssues(
  labels: Int32Array,
  probs: ArrayLike<number>,
  k: number,
  options: { readonly filter?: Filter } = {},
): Detection {
  const cj = confidentJoint(labels, probs, k);
  const calibrated = calibrateConfidentJoint(cj.counts, labels, k);
  const joint = estimateJoint(calibrated);
  const mask = findLabelIssues(labels, probs, k, { filter: options.filter ?? 'prune_by_noise_rate', joint: cj });
  const scores = labelQualityScores(labels, probs, k, 'self_confidence');
  return {
    calibrated,
    joint,
    noiseMatrix: estimateNoiseMatrix(calibrated, k),
    estimatedNoiseRate: estimatedNoiseRate(joint, k),
    ranked: rankByScore(maskToIndices(mask), scores),
    scores,
    suggested: Int32Array.from({ length: labels.length }, (_, i) => rowArgmax(probs, i, k)),
  };
}

export interface FlagScores {
  readonly flagged: number;
  readonly truePositives: number;
  /** Of the flagged, the fraction truly wrong; NaN when nothing is flagged. */
  readonly precision: number;
  /** Of the truly wrong, the fraction flagged; NaN when nothing is wrong. */
  readonly recall: number;
  /** Harmonic mean of precision and recall; 0 when either is 0, NaN when undefined. */
  readonly f1: number;
}

/** How well `flagged` positions match the truly `wrong` ones. */
export function scoreFlags(flagged: ArrayLike<number>, wrong: ArrayLike<number>): FlagScores {
  const truth = new Set(Array.from(wrong));
  const flags = new Set(Array.from(flagged));
  let truePositives = 0;
  for (const i of flags) if (truth.has(i)) truePositives++;
  const precision = flags.size ? truePositives / flags.size : NaN;
  const recall = truth.size ? truePositives / truth.size : NaN;
  const f1 =
    Number.isNaN(precision) || Number.isNaN(recall)
      ? NaN
      : precision + recall === 0
        ? 0
        : (2 * precision * recall) / (precision + recall);
  return { flagged: flags.size, truePositives, precision, recall, f1 };
}
