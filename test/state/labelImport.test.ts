/**
 * readLabelFile: a label file the label cell exported is read back against
 * the batch; every bad file is refused with a message that names the file and
 * the problem; no input makes it throw.
 */
import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/datasets.ts';
import { createRandom } from '../../src/engine/random.ts';
import { LABEL_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import { CONFUSABLE_CLASSES, selectBatch } from '../../src/state/labelCellItems.ts';
import { scoreLabels, type LabelAnswer } from '../../src/state/labelCellScore.ts';
import {
  labelFileText,
  readerLabelFile,
  datasetLabelFile,
  type LabelFileInput,
} from '../../src/state/labelCellFile.ts';
import {
  MAX_LABEL_FILE_BYTES,
  fileSizeProblem,
  labelerName,
  readLabelFile,
  type BatchContext,
} from '../../src/state/labelImport.ts';

const classNames = DATASETS.fashion.classNames;
const rows = Int32Array.from({ length: 40 }, (_, i) => 1000 + 7 * i);
const batch: BatchContext = { dataset: 'fashion', classNames, rows, seed: 3, items: 40 };

/** A label file for `batch` by hand: every item labelled (i mod 10) unless changed. */
function labelFile(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'data-centric-lab/labels',
    version: 1,
    labeler: 'Ana',
    dataset: 'fashion',
    classNames: [...classNames],
    items: Array.from(rows),
    labels: Array.from(rows, (_, i) => i % 10),
    skipped: [],
    repeats: [],
    instructions: 'Shirts have buttons.',
    batch: { seed: 3, items: 40, repeats: 4, confusable: 0.8 },
    savedAt: '2026-12-07T13:00:00.000Z',
    ...changes,
  };
}

const read = (file: unknown, name = 'ana.json') =>
  readLabelFile(typeof file === 'string' ? file : JSON.stringify(file), name, batch);

/** The refusal's message (fails the test when the file was accepted). */
function refusal(file: unknown, name = 'ana.json'): string {
  const outcome = read(file, name);
  if (outcome.ok) throw new Error(`expected a refusal, the file was accepted`);
  expect(outcome.message).toContain(`“${name}”`);
  return outcome.message;
}

describe('readLabelFile accepts', () => {
  it('a whole file: every row of the batch, in batch order, with its name, instructions and time', () => {
    const outcome = read(labelFile());
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.notes).toEqual([]);
    const { value } = outcome;
    expect(value.name).toBe('Ana');
    expect(value.fileName).toBe('ana.json');
    expect([...value.labels.keys()]).toEqual(Array.from(rows));
    expect([...value.labels.values()]).toEqual(Array.from(rows, (_, i) => i % 10));
    expect(value.instructions).toBe('Shirts have buttons.');
    expect(value.savedAt).toBe('2026-12-07T13:00:00.000Z');
  });

  it('items in another order, keyed by row and put in batch order', () => {
    const order = Array.from(rows).reverse();
    const outcome = read(labelFile({ items: order, labels: order.map((row) => (row - 1000) % 10) }));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect([...outcome.value.labels.keys()]).toEqual(Array.from(rows));
    expect(outcome.value.labels.get(1007)).toBe(7);
  });

  it('a partner who skipped items, with a note of how many the file covers', () => {
    const outcome = read(
      labelFile({ items: Array.from(rows).slice(3), labels: Array.from(rows, (_, i) => i % 10).slice(3) }),
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value.labels.size).toBe(37);
    expect(outcome.notes.join(' ')).toContain('covers 37 of the 40 items');
  });

  it('names the labeler after the file when the file says "you" or nothing', () => {
    for (const labeler of ['you', 'You ', '', undefined, 42]) {
      const outcome = read(labelFile({ labeler }), 'C:\\labels\\bo-labels.json');
      expect(outcome.ok && outcome.value.name).toBe('bo-labels');
    }
    expect(labelerName('  Ana \n María ', 'x.json')).toBe('Ana María');
    expect(labelerName('x'.repeat(100), 'x.json').length).toBe(40);
  });

  it('instructions and savedAt missing → null', () => {
    const outcome = read(labelFile({ instructions: undefined, savedAt: 3 }));
    expect(outcome.ok && outcome.value.instructions).toBeNull();
    expect(outcome.ok && outcome.value.savedAt).toBeNull();
  });

  it('what the label cell itself exports (readerLabelFile), with a byte-order mark', () => {
    const labels = Int32Array.from({ length: 3000 }, (_, i) => (i * 7) % 10);
    const params = { ...LABEL_DEFAULTS, dataset: 'fashion' as const, seed: 5 };
    const cellBatch = selectBatch({
      pool: Int32Array.from({ length: 3000 }, (_, i) => i),
      labels,
      classes: 10,
      confusable: CONFUSABLE_CLASSES.fashion,
      items: params.items,
      share: params.confusable,
      repeats: params.repeats,
      seed: params.seed,
    });
    const answers: LabelAnswer[] = Array.from(cellBatch.sequence, (item, s) => ({
      label: s === 2 ? null : (labels[cellBatch.rows[item]!]! + (s % 5 === 0 ? 1 : 0)) % 10,
      ms: 1000,
    }));
    const input: LabelFileInput = {
      params,
      classNames,
      batch: cellBatch,
      answers,
      score: scoreLabels(cellBatch, answers, labels, 10),
      instructions: params.instructions,
      savedAt: Date.UTC(2026, 11, 7),
    };
    const text = `\uFEFF${labelFileText(readerLabelFile(input))}`;
    const context: BatchContext = {
      dataset: 'fashion',
      classNames,
      rows: cellBatch.rows,
      seed: 5,
      items: params.items,
    };
    const outcome = readLabelFile(text, 'partner.json', context);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value.name).toBe('partner');
    const score = input.score;
    expect(outcome.value.labels.size).toBe(score.items.length);
    score.items.forEach((i, j) => expect(outcome.value.labels.get(cellBatch.rows[i]!)).toBe(score.yours[j]));
    // The data set's own file of the same cell is the yardstick, refused as a labeler.
    const yardstick = readLabelFile(labelFileText(datasetLabelFile(input)), 'data.json', context);
    expect(!yardstick.ok && yardstick.message).toMatch(/data set’s own labels/);
  });
});

describe('readLabelFile refuses, naming the file and the problem', () => {
  it('an empty file', () => {
    expect(refusal('')).toMatch(/is empty/);
    expect(refusal('  \n ')).toMatch(/is empty/);
  });

  it('text that is not JSON, with JSON’s own reason', () => {
    const message = refusal('{"format": ', 'notes.txt');
    expect(message).toMatch(/is not JSON \(/);
    let reason = '';
    try {
      JSON.parse('{"format": ');
    } catch (error) {
      reason = (error as Error).message;
    }
    expect(message).toContain(reason);
  });

  it('JSON that is not a label file, pointing to the export button', () => {
    for (const json of [[1, 2, 3], { labels: [1] }, null, 7, '"text"']) {
      const message = refusal(json);
      expect(message).toMatch(/not a label file/);
      expect(message).toContain('“Download my labels (JSON)”');
    }
    expect(refusal(labelFile({ format: 'other/thing' }))).toMatch(/format "other\/thing", not a label file/);
  });

  it('a newer version, and a version no cell writes', () => {
    expect(refusal(labelFile({ version: 2 }))).toMatch(/version 2, newer than this lab reads \(version 1\)/);
    expect(refusal(labelFile({ version: '1' }))).toMatch(/version "1"/);
    expect(refusal(labelFile({ version: undefined }))).toMatch(/has no "version"/);
    expect(refusal(labelFile({ version: 0 }))).toMatch(/version 0, which no label cell writes/);
  });

  it('the data set’s own labels', () => {
    expect(refusal(labelFile({ labeler: 'data set' }))).toMatch(/data set’s own labels — the yardstick/);
  });

  it('another data set', () => {
    expect(refusal(labelFile({ dataset: 'digits' }))).toMatch(/"digits" data set, but this cell labels "fashion"/);
  });

  it('class names that differ or are missing', () => {
    const renamed = [...classNames];
    renamed[6] = 'Blouse';
    expect(refusal(labelFile({ classNames: renamed }))).toMatch(/class 6 is "Blouse" there and "Shirt" here/);
    expect(refusal(labelFile({ classNames: classNames.slice(0, 9) }))).toMatch(/it has 9 classes, this cell 10/);
    expect(refusal(labelFile({ classNames: undefined }))).toMatch(/does not list its "classNames"/);
  });

  it('items or labels missing, not lists, or of different lengths', () => {
    expect(refusal(labelFile({ items: undefined }))).toMatch(/has no "items" list/);
    expect(refusal(labelFile({ labels: undefined }))).toMatch(/has no "labels" list/);
    expect(refusal(labelFile({ labels: '1,2,3' }))).toMatch(/"labels" is not a list \(it is "1,2,3"\)/);
    expect(refusal(labelFile({ items: { 0: 1000 } }))).toMatch(/"items" is not a list/);
    expect(refusal(labelFile({ labels: [1, 2, 3] }))).toMatch(/lists 40 items but 3 labels/);
  });

  it('no labels at all', () => {
    expect(refusal(labelFile({ items: [], labels: [] }))).toMatch(/has no labels at all/);
  });

  it('a label that is no class: the position, the value and the class range with names', () => {
    for (const bad of [10, -1, 2.5, '3', null]) {
      const labels = Array.from(rows, (_, i) => i % 10) as unknown[];
      labels[4] = bad;
      const message = refusal(labelFile({ labels }));
      expect(message).toContain(`item 5 (row 1028) has label ${JSON.stringify(bad)}`);
      expect(message).toContain('0–9 (0 T-shirt/top, 1 Trouser');
      expect(message).toContain('9 Ankle boot)');
    }
  });

  it('an item that is not a data-set row', () => {
    const items = Array.from(rows) as unknown[];
    items[2] = 'a';
    expect(refusal(labelFile({ items }))).toMatch(/item 3 is "a", not a data-set row/);
  });

  it('a row listed twice', () => {
    const items = Array.from(rows);
    items[9] = items[1]!;
    expect(refusal(labelFile({ items }))).toMatch(/lists row 1007 twice \(items 2 and 10\)/);
  });

  it('items of another batch: how many, the batch the file was made for, and the same lesson settings', () => {
    const items = Array.from(rows);
    items[0] = 5;
    items[1] = 6;
    const some = refusal(labelFile({ items, batch: { seed: 4, items: 40 } }));
    expect(some).toContain('2 of its 40 items are not in this cell’s batch (seed 3, 40 items)');
    expect(some).toContain('made for batch seed 4, 40 items');
    expect(some).toContain('same lesson settings');
    const none = refusal(labelFile({ items: items.map((r) => r + 1), batch: undefined }));
    expect(none).toContain('none of its 40 items are in this cell’s batch');
    expect(none).not.toContain('made for batch seed');
    const sameSeed = refusal(labelFile({ items }));
    expect(sameSeed).toContain('confusable share');
  });

  it('a file over 2 MB, before reading it', () => {
    const big = `${JSON.stringify(labelFile())}${' '.repeat(MAX_LABEL_FILE_BYTES)}`;
    expect(refusal(big)).toMatch(/MB, too large for a label file \(at most 2 MB/);
    expect(fileSizeProblem('big.json', 3 * 1024 * 1024)).toMatch(/^“big.json” is 3.0 MB, too large/);
    expect(fileSizeProblem('ok.json', 4000)).toBeNull();
  });
});

describe('readLabelFile never throws', () => {
  it('on random text, random JSON and mangled label files', () => {
    const random = createRandom(15, 1);
    const alphabet = '{}[]":,0123456789.-eE truefalsnul\\\u00e9\uFEFF';
    const good = JSON.stringify(labelFile());
    for (let t = 0; t < 300; t++) {
      let text: string;
      if (t % 3 === 0) {
        text = Array.from(
          { length: Math.floor(random() * 60) },
          () => alphabet[Math.floor(random() * alphabet.length)],
        ).join('');
      } else {
        // Cut or overwrite part of a good file.
        const at = Math.floor(random() * good.length);
        const char = alphabet[Math.floor(random() * alphabet.length)]!;
        text = t % 3 === 1 ? good.slice(0, at) : good.slice(0, at) + char + good.slice(at + 1);
      }
      const outcome = readLabelFile(text, `fuzz-${t}.json`, batch);
      if (!outcome.ok) expect(outcome.message).toContain(`“fuzz-${t}.json”`);
    }
    // Non-string input from untyped callers.
    expect(readLabelFile(undefined as unknown as string, 'x.json', batch).ok).toBe(false);
  });
});
