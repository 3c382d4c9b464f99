/**
 * The label cell's e2e reference (test/fixtures/label-cell-sklearn.json,
 * made by scripts/reference-label-cell.ts): the items are lesson 03's batch
 * of the shipped Fashion-MNIST, the data set's labels are theirs, and the
 * engine's Cohen's kappa equals scikit-learn's on the same labels.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { datasetSplit } from '../../src/engine/trial.ts';
import { cohenKappa, percentAgreement } from '../../src/engine/agreement/index.ts';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { CONFUSABLE_CLASSES, selectBatch } from '../../src/state/labelCellItems.ts';

const FIXTURE = JSON.parse(readFileSync(new URL('../fixtures/label-cell-sklearn.json', import.meta.url), 'utf8')) as {
  sklearn: string;
  cell: { id: string; items: number; repeats: number; confusable: number; seed: number };
  rows: number[];
  yours: number[];
  theirs: number[];
  kappa: number;
  accuracy: number;
};
const LESSON = new URL('../../lessons/03-labeler-consistency.md', import.meta.url);

describe('label cell reference (test/fixtures/label-cell-sklearn.json)', () => {
  it('is for lesson 03’s label cell as the lesson declares it', () => {
    const lesson = parseLesson(readFileSync(LESSON, 'utf8'), 'lessons/03-labeler-consistency.md');
    const block = lesson.blocks.find((b) => b.kind === 'cell' && b.cell.id === FIXTURE.cell.id);
    expect(block?.kind === 'cell' && block.cell.type).toBe('label');
    if (block?.kind !== 'cell' || block.cell.type !== 'label') return;
    const { items, repeats, confusable, seed } = block.cell.params;
    expect({ items, repeats, confusable, seed }).toEqual({
      items: FIXTURE.cell.items,
      repeats: FIXTURE.cell.repeats,
      confusable: FIXTURE.cell.confusable,
      seed: FIXTURE.cell.seed,
    });
  });

  it('lists rows of that batch of the shipped Fashion-MNIST, with the data set’s own labels', async () => {
    const dataset = await loadDatasetFile('fashion');
    const batch = selectBatch({
      pool: datasetSplit(dataset).pool,
      labels: dataset.y,
      classes: dataset.classes,
      confusable: CONFUSABLE_CLASSES.fashion,
      items: FIXTURE.cell.items,
      share: FIXTURE.cell.confusable,
      repeats: FIXTURE.cell.repeats,
      seed: FIXTURE.cell.seed,
    });
    const batchRows = new Set(batch.rows);
    expect(FIXTURE.rows.every((row) => batchRows.has(row))).toBe(true);
    expect(FIXTURE.theirs).toEqual(FIXTURE.rows.map((row) => dataset.y[row]));
  });

  it('cohenKappa and percentAgreement equal scikit-learn’s cohen_kappa_score and accuracy_score to 1e-12', () => {
    expect(FIXTURE.sklearn).toBe('1.2.1');
    const kappa = cohenKappa(FIXTURE.yours, FIXTURE.theirs, { classes: 10 });
    expect(kappa.defined).toBe(true);
    if (kappa.defined) expect(Math.abs(kappa.kappa - FIXTURE.kappa)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(percentAgreement(FIXTURE.yours, FIXTURE.theirs) - FIXTURE.accuracy)).toBeLessThanOrEqual(1e-12);
    // Not a trivial case: the reader and the data set part on some items.
    expect(FIXTURE.kappa).toBeGreaterThan(0.5);
    expect(FIXTURE.kappa).toBeLessThan(0.95);
  });
});
