/**
 * Fidelity to scikit-learn: on digits, with the split, nested subsets and the
 * exact label flips recorded in test/fixtures/reference/digits-curve-sklearn.json
 * (a copy of ../shared/reference/),
 * our TF.js logistic regression's learning curve (mean over the same 5 seeds)
 * must be within 1.5 accuracy points of scikit-learn's LogisticRegression(C=1)
 * at every size, for clean labels and for 10% and 30% noise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/model/backend.ts';
import { fitLogReg } from '../../src/model/logreg.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { gatherRows } from '../../src/engine/trial.ts';
import { accuracy, meanSd } from '../../src/engine/metrics.ts';
import type { Dataset } from '../../src/engine/types.ts';

interface Reference {
  protocol: { sizes: number[]; seeds: number[] };
  models: { lr: { mean: Record<string, Record<string, number>> } };
  indices: {
    train_pool: number[];
    test: number[];
    subset_order_by_seed: Record<string, number[]>;
    flips: Record<string, Record<string, Record<string, [number, number][]>>>;
  };
}

const cleanlabCase = JSON.parse(
  readFileSync(new URL('../fixtures/reference/cleanlab-digits-case.json', import.meta.url), 'utf8'),
) as { train_rows: number[]; true_labels: number[] };

const reference = JSON.parse(
  readFileSync(new URL('../fixtures/reference/digits-curve-sklearn.json', import.meta.url), 'utf8'),
) as Reference;

describe('logistic regression vs scikit-learn on digits (reference subsets and flips)', () => {
  let digits: Dataset;
  beforeAll(async () => {
    await initBackend('wasm');
    digits = await loadDatasetFile('digits');
  });

  it('the shipped digits rows are the reference rows: same labels at the same row numbers', () => {
    expect(digits.n).toBe(1797);
    expect(reference.indices.train_pool.length + reference.indices.test.length).toBe(1797);
    // The cleanlab case lists the true label of every training-pool row, in the reference's row numbering.
    const rows = cleanlabCase.train_rows;
    expect(rows.length).toBe(1257);
    rows.forEach((row, i) => expect(digits.y[row], `row ${row}`).toBe(cleanlabCase.true_labels[i]));
    // Pixels: features are the 0–16 counts over 16, so 16·x is a whole number in 0…16.
    expect(digits.x.every((v) => Number.isInteger(Math.round(v * 16 * 1e4) / 1e4) && v >= 0 && v <= 1)).toBe(true);
  });

  for (const rate of ['0.0', '0.1', '0.3']) {
    it(`noise ${rate}: mean accuracy within 1.5 points of scikit-learn at every size`, async () => {
      const test = gatherRows(digits, reference.indices.test);
      const gaps: string[] = [];
      for (const size of reference.protocol.sizes) {
        const accuracies: number[] = [];
        for (const seed of reference.protocol.seeds) {
          const rows = reference.indices.subset_order_by_seed[seed]!.slice(0, size);
          const flips = new Map(rate === '0.0' ? [] : reference.indices.flips[String(Number(rate))]![seed]![size]!);
          const labels = Int32Array.from(rows, (row) => flips.get(row) ?? digits.y[row]!);
          const fit = await fitLogReg(gatherRows(digits, rows, labels), { seed });
          expect(fit.converged).toBe(true);
          accuracies.push(accuracy(fit.classifier.predict(test.x, test.n), test.y));
          fit.classifier.dispose();
        }
        const ours = meanSd(accuracies).mean;
        const theirs = reference.models.lr.mean[`noise_${rate}`]![size]!;
        gaps.push(`${size}: ${(100 * (ours - theirs)).toFixed(2)}`);
        expect(Math.abs(ours - theirs), `N=${size}: ours ${ours}, scikit-learn ${theirs}`).toBeLessThanOrEqual(0.015);
      }
      // The gaps, for the record (visible with --reporter=verbose).
      expect(gaps.length).toBe(reference.protocol.sizes.length);
    });
  }

  it('leaves no tensors behind', () => {
    expect(tf.memory().numTensors).toBe(0);
  });
});
