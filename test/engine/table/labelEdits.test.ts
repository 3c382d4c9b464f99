import { describe, expect, it } from 'vitest';
import {
  EXTRA_COLUMNS,
  NO_EDITS,
  applyLabelEdits,
  cleanedTable,
  labelEditList,
  labelEditsFrom,
  tallyLabelEdits,
  type LabelEdit,
} from '../../../src/engine/table/labelEdits.ts';
import { writeCsv } from '../../../src/engine/table/writeCsv.ts';
import { packRows, unpackRows } from '../../../src/engine/table/packedCells.ts';
import { parseTable } from '../../../src/engine/table/parse.ts';
import { createRandom } from '../../../src/engine/random.ts';

const table = {
  header: ['x', 'note', 'label'],
  rows: [
    ['1', 'a', 'cat'],
    ['2', 'b, c', 'dog'],
    ['3', 'say "hi"', 'cat'],
    ['4', 'd', 'dog'],
  ],
  rowNumbers: Int32Array.from([2, 3, 4, 5]),
};

const edits = (entries: [number, LabelEdit][]) => new Map(entries);

describe('label edits', () => {
  it('counts relabels, keeps and removals', () => {
    expect(tallyLabelEdits(NO_EDITS)).toEqual({ reviewed: 0, relabelled: 0, kept: 0, removed: 0 });
    const tally = tallyLabelEdits(
      edits([
        [2, { kind: 'relabel', label: 'dog' }],
        [3, { kind: 'keep' }],
        [4, { kind: 'remove' }],
        [5, { kind: 'remove' }],
      ]),
    );
    expect(tally).toEqual({ reviewed: 4, relabelled: 1, kept: 1, removed: 2 });
  });

  it('round-trips through a plain list in row order, skipping what is not an edit', () => {
    const map = edits([
      [9, { kind: 'keep' }],
      [3, { kind: 'relabel', label: 'dog' }],
    ]);
    const list = labelEditList(map);
    expect(list.map(([row]) => row)).toEqual([3, 9]);
    expect(labelEditsFrom(list)).toEqual(map);
    const junk = [
      [1.5, { kind: 'keep' }],
      [4, { kind: 'relabel' }],
      [5, null],
      [6, { kind: 'remove' }],
    ] as never;
    expect(labelEditList(labelEditsFrom(junk))).toEqual([[6, { kind: 'remove' }]]);
    expect(labelEditsFrom(undefined).size).toBe(0);
  });

  it('applies edits by spreadsheet row: removed rows dropped, relabels in the label column, order kept', () => {
    const packed = { header: table.header, cells: packRows(table.rows, 3), rowNumbers: table.rowNumbers };
    const out = applyLabelEdits(
      packed,
      2,
      edits([
        [3, { kind: 'remove' }],
        [4, { kind: 'relabel', label: 'dog' }],
        [99, { kind: 'remove' }],
      ]),
    );
    expect(unpackRows(out.cells)).toEqual([
      ['1', 'a', 'cat'],
      ['3', 'say "hi"', 'dog'],
      ['4', 'd', 'dog'],
    ]);
    expect(Array.from(out.rowNumbers)).toEqual([2, 4, 5]);
    expect(out.header).toBe(table.header);
    expect(unpackRows(packed.cells)[2]![2]).toBe('cat');
    expect(applyLabelEdits(packed, 2, NO_EDITS)).toBe(packed);
  });
});

describe('cleanedTable', () => {
  const flags = new Map([
    [2, { suggested: 'dog' }],
    [5, { suggested: 'cat' }],
  ]);
  const issueScores = new Map([
    [2, 0.91],
    [3, 0.1],
    [4, 0.2],
    [5, 0.75],
  ]);

  it('keeps the original columns and order and applies only what the user decided', () => {
    const out = cleanedTable(table, {
      label: 2,
      edits: edits([
        [3, { kind: 'remove' }],
        [4, { kind: 'relabel', label: 'dog' }],
      ]),
      flags,
    });
    expect(out.header).toEqual(['x', 'note', 'label']);
    expect(out.rows).toEqual([
      ['1', 'a', 'cat'],
      ['3', 'say "hi"', 'dog'],
      ['4', 'd', 'dog'],
    ]);
    expect([out.relabelled, out.removed, out.accepted]).toEqual([1, 1, 0]);
  });

  it('takes the suggestion for unreviewed flagged rows when asked, and appends the extra columns', () => {
    const out = cleanedTable(table, {
      label: 2,
      edits: edits([[5, { kind: 'keep' }]]),
      flags,
      issueScores,
      acceptUnreviewed: true,
      extraColumns: true,
    });
    expect(out.header).toEqual(['x', 'note', 'label', ...EXTRA_COLUMNS]);
    expect(out.rows).toEqual([
      ['1', 'a', 'dog', '0.9100', 'dog', 'true'],
      ['2', 'b, c', 'dog', '0.1000', '', 'false'],
      ['3', 'say "hi"', 'cat', '0.2000', '', 'false'],
      ['4', 'd', 'dog', '0.7500', 'cat', 'false'],
    ]);
    expect([out.relabelled, out.removed, out.accepted]).toEqual([1, 0, 1]);
  });

  it('a relabel to the label the row has is no edit; extra column names never clash', () => {
    const clash = { ...table, header: ['x', 'was_edited', 'label'] };
    const out = cleanedTable(clash, {
      label: 2,
      edits: edits([[2, { kind: 'relabel', label: 'cat' }]]),
      extraColumns: true,
    });
    expect(out.header).toEqual(['x', 'was_edited', 'label', 'label_issue_score', 'suggested_label', 'was_edited_2']);
    expect(out.rows[0]).toEqual(['1', 'a', 'cat', '', '', 'false']);
    expect(out.relabelled).toBe(0);
    expect(() => cleanedTable(table, { label: 3, edits: NO_EDITS })).toThrow(/label column 3/);
  });

  it('writes CSV that reads back to the same cells (quotes, commas, the file’s delimiter)', () => {
    const out = cleanedTable(table, { label: 2, edits: edits([[3, { kind: 'relabel', label: 'cat; maybe' }]]) });
    for (const delimiter of [',', ';', '\t']) {
      const csv = writeCsv(out.header, out.rows, { delimiter });
      expect(csv.endsWith('\n')).toBe(true);
      const back = parseTable(csv, { random: createRandom(0) });
      expect(back.delimiter).toBe(delimiter);
      expect(back.header).toEqual(out.header);
      expect(back.rows).toEqual(out.rows);
    }
    expect(writeCsv(['a'], [['1']], { header: false })).toBe('1\n');
  });
});
