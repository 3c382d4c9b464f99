/**
 * Lesson 4's claims, each over 20 training sets: the review cell's own
 * experiment (its data set, model, noise, size, folds and filter, read from
 * the lesson file) with seeds 0–19, on the engine and model code the cell's
 * worker runs. Per seed: confident learning on out-of-fold probabilities,
 * the reader's suggested review (the first 30 flags, each given the model's
 * suggestion), and the cleaning-budget points the prose reads — not the whole
 * chart, to keep the test cheap. A claim must hold in at least 90% of the
 * seeds (test/support/claims.ts); the measured range is printed for
 * docs/claims.md.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TrialPreparer } from '../../src/engine/trial.ts';
import { createRandom } from '../../src/engine/random.ts';
import {
  budgetSteps,
  confidentReviewOrder,
  detectLabelIssues,
  foldSplits,
  labelsAfterReview,
  oracleReviewOrder,
  outOfFoldProbabilities,
  planCleaningBudget,
  randomReviewOrder,
  scoreFlags,
  STREAM_FOLDS,
  STREAM_RANDOM_REVIEW,
} from '../../src/engine/confident/index.ts';
import type { ReviewCellSpec } from '../../src/notebook/types.ts';
import { CELL_OUTPUTS } from '../../src/notebook/cellSchemas.ts';
import { initBackend } from '../../src/model/backend.ts';
import { fitAndEvaluate, predictHeldOut } from '../../src/model/heldOut.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../../src/cli/quietTfjsBanner.ts';
import { readLessonFile } from '../support/lessonFile.ts';
import { expectMostly } from '../support/claims.ts';

quietTfjsBanner();

const file = 'lessons/04-finding-label-errors.md';
const { cells, source, proseText } = readLessonFile(file);
const SEEDS = Array.from({ length: 20 }, (_, i) => i);
/** The review the lesson suggests: the first 30 flags. */
const SUGGESTED_REVIEW = 30;

function reviewSpec(): ReviewCellSpec {
  const cell = cells.find((c) => c.id === 'review');
  if (cell?.type !== 'review') throw new Error(`${file} has no review cell "review"`);
  return cell;
}

/** What one training set gives, accuracies in points (0–100). */
interface SetResult {
  readonly precision: number;
  readonly recall: number;
  readonly estimatedNoise: number;
  readonly trueNoise: number;
  /** predicted_neq_given on the same probabilities. */
  readonly flaggedNeq: number;
  readonly flagged: number;
  readonly precisionNeq: number;
  /** Of the first 30 flags, how many were truly wrong and given their true label by the suggestion. */
  readonly suggestedFixes: number;
  readonly noisy: number;
  readonly noisyGradedNoisy: number;
  readonly afterSuggested: number;
  readonly clean: number;
  /** Confident-learning order, by budget. */
  readonly confident: Map<number, { accuracy: number; graded: number }>;
  readonly random200: number;
  readonly oracle150: number;
  readonly correctedAt200: { confident: number; random: number };
  /** Every budget, every order: the oracle corrects at least as many as confident learning. */
  readonly oracleNeverBehind: boolean;
}

let results: SetResult[];
let budgets: readonly number[];
const perSet = (f: (r: SetResult) => number) => results.map(f);

describe(`${file}: claims`, () => {
  const spec = reviewSpec();

  beforeAll(async () => {
    const { dataset: name, model, size, noise, folds, filter } = spec.params;
    await initBackend('wasm');
    const dataset = await loadDatasetFile(name);
    const preparer = new TrialPreparer(dataset);
    const k = dataset.classes;
    results = [];
    for (const seed of SEEDS) {
      const prepared = preparer.prepare({ dataset: name, size, noise, seed });
      const rows = Int32Array.from(preparer.order(seed).subarray(0, size));
      const given = prepared.train.y;
      const truth = prepared.trueLabels;
      const at = (positions: Int32Array, values: Int32Array) => Int32Array.from(positions, (i) => values[i]!);
      const splits = foldSplits(given, { folds, random: createRandom(seed, STREAM_FOLDS) });
      const probs = await outOfFoldProbabilities(size, k, splits, (split) =>
        predictHeldOut(dataset, {
          dataset: name,
          model,
          trainRows: at(split.train, rows),
          trainLabels: at(split.train, given),
          predictRows: at(split.holdout, rows),
          seed,
        }),
      );
      const detection = detectLabelIssues(given, probs, k, { filter });
      const flags = scoreFlags(detection.ranked, prepared.flipped);
      const neq = scoreFlags(
        detectLabelIssues(given, probs, k, { filter: 'predicted_neq_given' }).ranked,
        prepared.flipped,
      );
      const noisyTestLabels = preparer.noisyTestLabels(noise, seed);
      const evaluate = (labels: Int32Array) =>
        fitAndEvaluate(preparer, { dataset: name, model, rows, labels, seed, noisyTestLabels });
      // The suggested review: the first 30 flags, each given the model's suggested label.
      const suggested = Int32Array.from(given);
      let suggestedFixes = 0;
      for (const p of Array.from(detection.ranked).slice(0, SUGGESTED_REVIEW)) {
        suggested[p] = detection.suggested[p]!;
        if (given[p] !== truth[p] && suggested[p] === truth[p]) suggestedFixes++;
      }
      // The cleaning budget as the cell plans it, measured at the points the prose reads.
      budgets = budgetSteps(prepared.flipped.length, size);
      const confident = confidentReviewOrder(detection.ranked, detection.scores);
      const orders = {
        confident,
        random: randomReviewOrder(size, createRandom(seed, STREAM_RANDOM_REVIEW)),
        oracle: oracleReviewOrder(size, prepared.flipped, { ranking: confident }),
      };
      const plan = planCleaningBudget({ given, truth, orders, budgets });
      const corrected = (order: string, budget: number) =>
        plan.points.find((p) => p.order === order && p.budget === budget)!.corrected;
      const oracleNeverBehind = budgets.every((b) => corrected('oracle', b) >= corrected('confident', b));
      const noisyFit = await evaluate(given);
      const confidentAt = new Map<number, { accuracy: number; graded: number }>();
      for (const b of [150, 200, 250, 300]) {
        const r = await evaluate(labelsAfterReview(given, truth, confident, b));
        confidentAt.set(b, { accuracy: 100 * r.accuracy, graded: 100 * r.accuracyNoisyTest! });
      }
      results.push({
        precision: flags.precision,
        recall: flags.recall,
        estimatedNoise: detection.estimatedNoiseRate,
        trueNoise: prepared.flipped.length / size,
        flagged: flags.flagged,
        flaggedNeq: neq.flagged,
        precisionNeq: neq.precision,
        suggestedFixes,
        noisy: 100 * noisyFit.accuracy,
        noisyGradedNoisy: 100 * noisyFit.accuracyNoisyTest!,
        afterSuggested: 100 * (await evaluate(suggested)).accuracy,
        clean: 100 * (await evaluate(truth)).accuracy,
        confident: confidentAt,
        random200: 100 * (await evaluate(labelsAfterReview(given, truth, orders.random, 200))).accuracy,
        oracle150: 100 * (await evaluate(labelsAfterReview(given, truth, orders.oracle, 150))).accuracy,
        correctedAt200: { confident: corrected('confident', 200), random: corrected('random', 200) },
        oracleNeverBehind,
      });
    }
  }, 170_000);

  it('the cell is what the prose says: 20% of the labels of 1,000 digits flipped, 5 folds; its budget averages 5 training sets', () => {
    expect(source).toContain('20% of the labels of 1,000 digits have been flipped');
    expect(spec.params).toMatchObject({
      dataset: 'digits',
      noise: { kind: 'uniform', rate: 0.2 },
      size: 1000,
      folds: 5,
      filter: 'prune_by_noise_rate',
      seeds: 5,
    });
    for (const r of results) expect(r.trueNoise).toBe(0.2);
    // The budget points the claims read are the ones the cell plans for 200 wrong labels of 1,000.
    expect(budgets).toEqual([0, 50, 100, 150, 200, 250, 300]);
    // Every {{review.key}} in the prose is an output of the cell.
    const refs = [...source.matchAll(/\{\{\s*review\.(\w+)\s*\}\}/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(10);
    for (const key of refs) expect(CELL_OUTPUTS.review, key).toContain(key);
  });

  it('“Were most of your run’s flags truly wrong labels?” — yes: precision and recall above 80%; the noise estimate within 5 points of the truth', () => {
    expectMostly(
      'precision',
      perSet((r) => r.precision),
      (v) => v > 0.8,
    );
    expectMostly(
      'recall',
      perSet((r) => r.recall),
      (v) => v > 0.8,
    );
    expectMostly(
      'estimated − true noise rate',
      perSet((r) => r.estimatedNoise - r.trueNoise),
      (v) => Math.abs(v) < 0.05,
    );
  });

  it('the suggested review of the first 30 flags fixes 25 or more wrong labels, and moves accuracy by less than 2 points either way', () => {
    expect(proseText).toContain('review the first 30');
    expectMostly(
      'wrong labels fixed by the first 30 flags',
      perSet((r) => r.suggestedFixes),
      (v) => v >= 25,
    );
    expectMostly(
      'accuracy change after the first 30 flags (points)',
      perSet((r) => r.afterSuggested - r.noisy),
      (v) => Math.abs(v) < 2,
    );
  });

  it('the whole distance from these noisy labels to clean ones is 1.5 to 6.5 points', () => {
    expectMostly(
      'clean − noisy accuracy (points)',
      perSet((r) => r.clean - r.noisy),
      (v) => v > 1.5 && v < 6.5,
    );
  });

  it('the cleaning budget: from 150 labels reviewed on, the confident-learning order beats the noisy labels; at 200 it gains 1 to 6 points', () => {
    expectMostly(
      'confident order at 150, 200, 250, 300 reviewed, smallest gain over the noisy labels (points)',
      perSet((r) => Math.min(...[150, 200, 250, 300].map((b) => r.confident.get(b)!.accuracy - r.noisy))),
      (v) => v > 0,
    );
    expectMostly(
      'confident order at 200 reviewed, gain over the noisy labels (points)',
      perSet((r) => r.confident.get(200)!.accuracy - r.noisy),
      (v) => v > 1 && v < 6,
    );
  });

  it('the cleaning budget: at 200 labels reviewed, confident-learning order corrects more than twice as many as random order and scores higher', () => {
    expectMostly(
      'corrected at 200: confident / random',
      perSet((r) => r.correctedAt200.confident / r.correctedAt200.random),
      (v) => v > 2,
    );
    expectMostly(
      'accuracy at 200: confident − random (points)',
      perSet((r) => r.confident.get(200)!.accuracy - r.random200),
      (v) => v > 0,
    );
  });

  it('the oracle corrects at least as many at every budget (by construction); in accuracy confident learning comes within a few tenths of it, or of all labels clean, by chance', () => {
    for (const r of results) expect(r.oracleNeverBehind).toBe(true);
    expectMostly(
      'accuracy at 150: oracle − confident (points)',
      perSet((r) => r.oracle150 - r.confident.get(150)!.accuracy),
      (v) => v > -0.8,
    );
    // At 200 the oracle has corrected every wrong label: its fit is the all-clean fit.
    expectMostly(
      'accuracy at 200: oracle (all clean) − confident (points)',
      perSet((r) => r.clean - r.confident.get(200)!.accuracy),
      (v) => v > -0.8,
    );
    expectMostly(
      'accuracy at 300: |confident − all clean| (points)',
      perSet((r) => Math.abs(r.confident.get(300)!.accuracy - r.clean)),
      (v) => v < 1,
    );
  });

  it('“Measured against test labels with the same noise, a model looks worse than it is”, and the gain from cleaning looks no larger', () => {
    expectMostly(
      'noisy labels: graded on noisy − clean test labels (points)',
      perSet((r) => r.noisyGradedNoisy - r.noisy),
      (v) => v < -10,
    );
    expectMostly(
      'gain at 200 reviewed: graded on noisy − on clean test labels (points)',
      perSet((r) => r.confident.get(200)!.graded - r.noisyGradedNoisy - (r.confident.get(200)!.accuracy - r.noisy)),
      (v) => v <= 0,
    );
  });

  it('switching the filter to predicted_neq_given flags more labels and precision drops', () => {
    expectMostly(
      'flags: predicted_neq_given − prune_by_noise_rate',
      perSet((r) => r.flaggedNeq - r.flagged),
      (v) => v > 0,
    );
    expectMostly(
      'precision: predicted_neq_given − prune_by_noise_rate',
      perSet((r) => r.precisionNeq - r.precision),
      (v) => v < 0,
    );
  });
});
