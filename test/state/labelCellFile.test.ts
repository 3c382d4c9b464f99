/**
 * The label files a label cell exports are what `lab agreement` reads: the
 * CLI's own parsing and statistics, run on the exported text, give the
 * numbers the cell shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLabelFiles, parseLabelFile } from '../../src/cli/agreementArgs.ts';
import { agreementReport } from '../../src/cli/agreementReport.ts';
import { agreementCommand } from '../../src/cli/agreementCommand.ts';
import { LABEL_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import { DATASETS } from '../../src/engine/datasets.ts';
import { CONFUSABLE_CLASSES, selectBatch } from '../../src/state/labelCellItems.ts';
import { scoreLabels, type LabelAnswer } from '../../src/state/labelCellScore.ts';
import {
  LABEL_FILE_FORMAT,
  datasetLabelFile,
  labelFileText,
  readerLabelFile,
  type LabelFileInput,
} from '../../src/state/labelCellFile.ts';

const classNames = DATASETS.fashion.classNames;
const labels = Int32Array.from({ length: 3000 }, (_, i) => (i * 7) % 10);
const pool = Int32Array.from({ length: 3000 }, (_, i) => i);
const batch = selectBatch({
  pool,
  labels,
  classes: 10,
  confusable: CONFUSABLE_CLASSES.fashion,
  items: 40,
  share: 0.8,
  repeats: 4,
  seed: 0,
});
/** A reader who confuses shirts and T-shirts, skips presentation 3, and takes 1.5 s + 0.1 s per position. */
const answers: LabelAnswer[] = Array.from(batch.sequence, (item, s) => {
  const truth = labels[batch.rows[item]!]!;
  const label = s === 3 ? null : truth === 6 && s % 2 === 0 ? 0 : truth === 0 && s % 3 === 0 ? 6 : truth;
  return { label, ms: 1500 + 100 * s };
});
const score = scoreLabels(batch, answers, labels, 10);
const input: LabelFileInput = {
  params: LABEL_DEFAULTS,
  classNames,
  batch,
  answers,
  score,
  instructions: 'A shirt has buttons.',
  savedAt: Date.UTC(2026, 11, 7, 13, 0, 0),
};

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'label-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readerLabelFile(input) and datasetLabelFile(input)', () => {
  it('write the labelled items, their labels, times, skips, repeats and instructions', () => {
    const file = readerLabelFile(input);
    expect(file.format).toBe(LABEL_FILE_FORMAT);
    expect(file.version).toBe(1);
    expect(file.labeler).toBe('you');
    expect(file.dataset).toBe('fashion');
    expect(file.classNames).toEqual(classNames);
    expect(file.items.length).toBe(39); // 40 items, one skipped and not shown again
    expect(file.labels).toEqual(Array.from(score.yours));
    expect(file.items).toEqual(Array.from(score.items, (i) => batch.rows[i]));
    expect(file.skipped).toEqual([batch.rows[batch.sequence[3]!]]);
    expect(file.repeats.length).toBe(score.self.pairs);
    expect(file.seconds!.every((s) => s >= 1.5)).toBe(true);
    expect(file.instructions).toBe('A shirt has buttons.');
    expect(file.batch).toEqual({ seed: 0, items: 40, repeats: 4, confusable: 0.8 });
    expect(file.savedAt).toBe('2026-12-07T13:00:00.000Z');
    const theirs = datasetLabelFile(input);
    expect(theirs.labeler).toBe('data set');
    expect(theirs.items).toEqual(file.items);
    expect(theirs.labels).toEqual(file.items.map((row) => labels[row]));
  });

  it('are read by lab agreement, whose statistics equal the cell’s', () => {
    const mine = parseLabelFile(labelFileText(readerLabelFile(input)), 'mine.json');
    const theirs = parseLabelFile(labelFileText(datasetLabelFile(input)), 'theirs.json');
    const files = ['mine.json', 'theirs.json'];
    const classes = checkLabelFiles(files, [mine, theirs], 10);
    const report = agreementReport(files, [mine, theirs], classes);
    expect(report.items).toBe(score.labelled);
    expect(report.percentAgreement).toBe(score.agreement);
    expect(report.pairs[0]!.cohenKappa).toEqual(score.kappa);
    expect(report.disagreementMatrix.flat()).toEqual(Array.from(score.matrix));
    const perClass = report.pairs[0]!.perClass;
    for (const c of score.perClass) expect(perClass[c.class]).toEqual(c);
  });

  it('run through the lab agreement command from files on disk, printing the same kappa', async () => {
    writeFileSync(join(dir, 'mine.json'), labelFileText(readerLabelFile(input)));
    writeFileSync(join(dir, 'theirs.json'), labelFileText(datasetLabelFile(input)));
    let stdout = '';
    const code = await agreementCommand([join(dir, 'mine.json'), join(dir, 'theirs.json'), '--json'], {
      stdout: (t) => (stdout += t),
      stderr: () => {},
    });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { pairs: { cohenKappa: { kappa: number } }[]; percentAgreement: number };
    expect(score.kappa.defined).toBe(true);
    expect(report.pairs[0]!.cohenKappa.kappa).toBeCloseTo(score.kappa.defined ? score.kappa.kappa : NaN, 12);
    expect(report.percentAgreement).toBeCloseTo(score.agreement, 12);
  });
});
