import { describe, expect, it } from 'vitest';
import {
  EXTRA_COLUMNS,
  NO_EDITS,
  SOURCE_ROW_COLUMN,
  addedColumns,
  applyLabelEdits,
  cleanedTable,
  editsAsDecisions,
  effectiveEdit,
  givenLabels,
  labelDecisions,
  labelEditList,
  labelEditsFrom,
  tallyLabelEdits,
  type LabelEdit,
} from '../../../src/engine/table/labelEdits.ts';
import { writeCsv } from '../../../src/engine/table/writeCsv.ts';
import { packRows, unpackRows } from '../../../src/engine/table/packedCells.ts';
import { parseTable } from '../../../src/engine/table/parse.ts';
import { createRandom, randomInt } from '../../../src/engine/random.ts';

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

  it('effectiveEdit(edit, given): a relabel to the row’s own label is a keep; other edits and unknown rows stay', () => {
    expect(effectiveEdit({ kind: 'relabel', label: 'cat' }, 'cat')).toEqual({ kind: 'keep' });
    expect(effectiveEdit({ kind: 'relabel', label: 'dog' }, 'cat')).toEqual({ kind: 'relabel', label: 'dog' });
    expect(effectiveEdit({ kind: 'relabel', label: 'cat' }, undefined)).toEqual({ kind: 'relabel', label: 'cat' });
    expect(effectiveEdit({ kind: 'remove' }, 'cat')).toEqual({ kind: 'remove' });
    expect(effectiveEdit({ kind: 'keep' }, 'cat')).toEqual({ kind: 'keep' });
  });

  it('givenLabels(table, column) maps each spreadsheet row to its trimmed label', () => {
    const padded = {
      rows: [
        ['1', ' cat '],
        ['2', 'dog'],
      ],
      rowNumbers: Int32Array.from([2, 5]),
    };
    expect(givenLabels(padded, 1)).toEqual(
      new Map([
        [2, 'cat'],
        [5, 'dog'],
      ]),
    );
    expect(givenLabels({ rows: [], rowNumbers: new Int32Array(0) }, 0).size).toBe(0);
  });

  it('tallyLabelEdits(edits, given) counts a relabel to the row’s own label as kept', () => {
    const given = givenLabels(table, 2);
    const mixed = edits([
      [2, { kind: 'relabel', label: 'cat' }], // row 2 is a cat already
      [3, { kind: 'relabel', label: 'cat' }],
      [4, { kind: 'remove' }],
    ]);
    expect(tallyLabelEdits(mixed, given)).toEqual({ reviewed: 3, relabelled: 1, kept: 1, removed: 1 });
    expect(tallyLabelEdits(mixed)).toEqual({ reviewed: 3, relabelled: 2, kept: 0, removed: 1 });
  });

  it('editsAsDecisions(edits, names, given) shows a relabel to the given label as a keep', () => {
    const given = givenLabels(table, 2);
    const list = edits([
      [2, { kind: 'relabel', label: 'cat' }],
      [3, { kind: 'relabel', label: 'cat' }],
      [4, { kind: 'relabel', label: 'bird' }], // not a class: left out
    ]);
    expect([...editsAsDecisions(list, ['cat', 'dog'], given)]).toEqual([
      [2, { kind: 'keep' }],
      [3, { kind: 'relabel', label: 0 }],
    ]);
  });

  it('labelDecisions(edits, given) lists every decision: row, given label, decision, new label', () => {
    const given = givenLabels(table, 2);
    const list = edits([
      [5, { kind: 'keep' }],
      [4, { kind: 'remove' }],
      [3, { kind: 'relabel', label: 'cat' }],
      [2, { kind: 'relabel', label: 'cat' }],
      [99, { kind: 'relabel', label: 'dog' }],
    ]);
    expect(labelDecisions(list, given)).toEqual([
      { row: 2, given: 'cat', decision: 'keep', newLabel: 'cat' },
      { row: 3, given: 'dog', decision: 'relabel', newLabel: 'cat' },
      { row: 4, given: 'cat', decision: 'remove', newLabel: null },
      { row: 5, given: 'dog', decision: 'keep', newLabel: 'dog' },
      { row: 99, given: null, decision: 'relabel', newLabel: 'dog' },
    ]);
    expect(labelDecisions(NO_EDITS, given)).toEqual([]);
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

  it('addedColumns(header, options): source_row then the extras, suffixed past any name the table has in any case', () => {
    expect(addedColumns(['x', 'label'], {})).toEqual({ sourceRow: null, extras: [] });
    expect(addedColumns(['x', 'label'], { sourceRow: true })).toEqual({ sourceRow: SOURCE_ROW_COLUMN, extras: [] });
    expect(addedColumns(['x', 'label'], { sourceRow: true, extraColumns: true })).toEqual({
      sourceRow: 'source_row',
      extras: [...EXTRA_COLUMNS],
    });
    expect(
      addedColumns(['Source_Row', ' source_row_2 ', 'SUGGESTED_LABEL'], { sourceRow: true, extraColumns: true }),
    ).toEqual({
      sourceRow: 'source_row_3',
      extras: ['label_issue_score', 'suggested_label_2', 'was_edited'],
    });
  });

  it('the source_row column holds each kept row’s spreadsheet row, so removed rows can be traced', () => {
    const out = cleanedTable(table, {
      label: 2,
      edits: edits([
        [3, { kind: 'remove' }],
        [5, { kind: 'relabel', label: 'cat' }],
      ]),
      sourceRow: true,
      extraColumns: true,
    });
    expect(out.header).toEqual(['x', 'note', 'label', 'source_row', ...EXTRA_COLUMNS]);
    expect(out.rows.map((row) => row[3])).toEqual(['2', '4', '5']);
    expect(out.rows[2]).toEqual(['4', 'd', 'cat', '5', '', '', 'true']);
    const clash = cleanedTable(
      { ...table, header: ['x', 'source_row', 'label'] },
      { label: 2, edits: NO_EDITS, sourceRow: true },
    );
    expect(clash.header).toEqual(['x', 'source_row', 'label', 'source_row_2']);
    expect(clash.rows[0]).toEqual(['1', 'a', 'cat', '2']);
  });

  it('source_row is the line of the row in the file: header = 1, blank lines counted, a quoted line break not', () => {
    const text = 'x,label\n1,a\n\n"2\nmore",b\n3,a\n';
    const parsed = parseTable(text, { random: createRandom(0) });
    const out = cleanedTable(parsed, { label: 1, edits: NO_EDITS, sourceRow: true });
    expect(out.rows.map((row) => row.at(-1))).toEqual(['2', '4', '5']);
  });

  it('what tallyLabelEdits(edits, given) counts is what cleanedTable changes, for any edits (200 seeded trials)', () => {
    const classes = ['cat', 'dog', 'bird'];
    const random = createRandom(12);
    const big = {
      header: ['x', 'label'],
      rows: Array.from({ length: 30 }, (_, i) => [String(i), i % 7 === 0 ? ` ${classes[i % 3]} ` : classes[i % 3]!]),
      rowNumbers: Int32Array.from({ length: 30 }, (_, i) => i + 2),
    };
    const given = givenLabels(big, 1);
    for (let trial = 0; trial < 200; trial++) {
      const list = new Map<number, LabelEdit>();
      const n = randomInt(random, 30);
      for (let k = 0; k < n; k++) {
        const row = 2 + randomInt(random, 30);
        const pick = randomInt(random, 5);
        list.set(
          row,
          pick === 0
            ? { kind: 'keep' }
            : pick === 1
              ? { kind: 'remove' }
              : { kind: 'relabel', label: classes[pick - 2]! },
        );
      }
      const tally = tallyLabelEdits(list, given);
      const out = cleanedTable(big, { label: 1, edits: list, extraColumns: true });
      expect([tally.relabelled, tally.removed]).toEqual([out.relabelled, out.removed]);
      expect(out.rows.filter((row) => row.at(-1) === 'true')).toHaveLength(tally.relabelled);
      expect(out.rows).toHaveLength(30 - tally.removed);
    }
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
