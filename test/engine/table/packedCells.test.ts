import { describe, expect, it } from 'vitest';
import {
  cellAt,
  columnCells,
  columnCodes,
  packColumn,
  packRows,
  packedBuffers,
  packedParts,
  readPackedParts,
  replaceCells,
  rowCells,
  selectRows,
  stringCodes,
  unpackRows,
} from '../../../src/engine/table/packedCells.ts';

const ROWS = [
  ['1.5', 'red', 'cat'],
  ['', 'a "quoted", cell', 'dog'],
  ['3', 'é ü ß €', ''],
  ['-4', 'blue', 'cat'],
];
/** Cells beyond ASCII: 2-, 3- and 4-byte UTF-8, a leading byte-order mark, a line break. */
const WIDE = [
  ['Zürich', '€ 5', '🐈 cat'],
  ['\ufeffbom', '', 'dog\r\nline 2'],
  ['naïve', '日本語', 'ß'],
];

describe('packed cells', () => {
  it('packColumn(cells) holds the cells’ UTF-8 bytes end to end with their end offsets in bytes', () => {
    expect(packColumn(['ab', '', 'cde'])).toEqual({
      bytes: new TextEncoder().encode('abcde'),
      ends: Uint32Array.from([2, 2, 5]),
    });
    expect(packColumn(['é', '€', '🐈', 'a'])).toMatchObject({ ends: Uint32Array.from([2, 5, 9, 10]) });
    expect(packColumn([])).toEqual({ bytes: new Uint8Array(0), ends: new Uint32Array(0) });
  });

  it('packRows(rows, width) → unpackRows gives the rows back, empty cells and non-ASCII text included', () => {
    const cells = packRows(ROWS, 3);
    expect(cells.rowCount).toBe(4);
    expect(cells.columns).toHaveLength(3);
    expect(unpackRows(cells)).toEqual(ROWS);
  });

  it('packRows → unpackRows keeps multi-byte characters, surrogate pairs, a leading BOM and line breaks', () => {
    const cells = packRows(WIDE, 3);
    expect(unpackRows(cells)).toEqual(WIDE);
    expect(columnCells(cells, 2)).toEqual(['🐈 cat', 'dog\r\nline 2', 'ß']);
    expect(cellAt(cells, 1, 0)).toBe('\ufeffbom');
    expect(rowCells(cells, 2)).toEqual(['naïve', '日本語', 'ß']);
  });

  it('packRows of no rows, or of rows of no columns', () => {
    expect(unpackRows(packRows([], 2))).toEqual([]);
    expect(packRows([], 2).columns.map((c) => c.bytes.length)).toEqual([0, 0]);
    expect(unpackRows(packRows([[], []], 0))).toEqual([[], []]);
    expect(() => packRows(ROWS, -1)).toThrow(RangeError);
  });

  it('packRows reads a missing cell of a short row as empty', () => {
    expect(unpackRows(packRows([['a'], ['b', 'c']], 2))).toEqual([
      ['a', ''],
      ['b', 'c'],
    ]);
  });

  it('cellAt, rowCells and columnCells read single cells, rows and columns', () => {
    const cells = packRows(ROWS, 3);
    expect(cellAt(cells, 1, 1)).toBe('a "quoted", cell');
    expect(cellAt(cells, 0, 0)).toBe('1.5');
    expect(cellAt(cells, 3, 2)).toBe('cat');
    expect(rowCells(cells, 2)).toEqual(['3', 'é ü ß €', '']);
    expect(columnCells(cells, 2)).toEqual(['cat', 'dog', '', 'cat']);
    expect(() => cellAt(cells, 4, 0)).toThrow(/row 4 is not a row of this table \(4 rows\)/);
    expect(() => cellAt(cells, 0, 3)).toThrow(/column 3 is not a column/);
    expect(() => rowCells(cells, -1)).toThrow(RangeError);
    expect(() => columnCells(cells, 1.5)).toThrow(RangeError);
  });

  it('selectRows(cells, keep) keeps those rows in order; every row, or none', () => {
    const cells = packRows(ROWS, 3);
    expect(unpackRows(selectRows(cells, [0, 2, 3]))).toEqual([ROWS[0], ROWS[2], ROWS[3]]);
    expect(unpackRows(selectRows(cells, [1]))).toEqual([ROWS[1]]);
    expect(unpackRows(selectRows(cells, Int32Array.from([])))).toEqual([]);
    expect(selectRows(cells, [0, 1, 2, 3])).toBe(cells);
    expect(unpackRows(cells)).toEqual(ROWS); // the input is unchanged
  });

  it('selectRows rejects rows out of order, repeated or outside the table', () => {
    const cells = packRows(ROWS, 3);
    expect(() => selectRows(cells, [2, 1])).toThrow(/ascending/);
    expect(() => selectRows(cells, [1, 1])).toThrow(/ascending/);
    expect(() => selectRows(cells, [4])).toThrow(/ascending rows of the table/);
  });

  it('replaceCells(cells, column, replacements) changes those cells only, longer or shorter or empty', () => {
    const cells = packRows(ROWS, 3);
    const replaced = replaceCells(
      cells,
      2,
      new Map([
        [3, 'a much longer label'],
        [0, ''],
        [2, 'x'],
      ]),
    );
    expect(columnCells(replaced, 2)).toEqual(['', 'dog', 'x', 'a much longer label']);
    expect(unpackRows(replaced).map((r) => r[1])).toEqual(ROWS.map((r) => r[1]));
    expect(replaced.columns[0]).toBe(cells.columns[0]); // other columns shared, not copied
    expect(columnCells(cells, 2)).toEqual(['cat', 'dog', '', 'cat']); // the input is unchanged
    expect(replaceCells(cells, 2, new Map())).toBe(cells);
    expect(() => replaceCells(cells, 2, new Map([[9, 'x']]))).toThrow(RangeError);
  });

  it('selectRows and replaceCells work on multi-byte text', () => {
    const cells = packRows(WIDE, 3);
    expect(unpackRows(selectRows(cells, [0, 2]))).toEqual([WIDE[0], WIDE[2]]);
    expect(columnCells(replaceCells(cells, 1, new Map([[1, 'ü→€']])), 1)).toEqual(['€ 5', 'ü→€', '日本語']);
  });

  it('selectRows and replaceCells compose, as a review removing and relabelling rows does', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [String(i), `v${i % 7}`, i % 3 ? 'a' : 'b']);
    const keep = Int32Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 10 !== 3);
    const relabel = new Map([...keep].filter((_, k) => k % 50 === 0).map((_, j) => [j * 50, 'c']));
    const packed = replaceCells(selectRows(packRows(rows, 3), keep), 2, relabel);
    const expected = [...keep].map((i, k) => (relabel.has(k) ? [rows[i]![0], rows[i]![1], 'c'] : rows[i]));
    expect(unpackRows(packed)).toEqual(expected);
  });

  it('a structured clone of packed cells reads the same; packedBuffers lists the buffers to transfer', () => {
    const cells = packRows(ROWS, 3);
    expect(unpackRows(structuredClone(cells))).toEqual(ROWS);
    const buffers = packedBuffers(cells);
    expect(buffers).toHaveLength(6);
    expect(buffers.every((b) => b instanceof ArrayBuffer)).toBe(true);
  });

  it('packedParts(cells) → one buffer → readPackedParts gives the cells back, as views of that buffer', async () => {
    for (const [rows, width] of [
      [WIDE, 3],
      [ROWS, 3],
      [[], 2],
      [[['odd'], ['lengths!']], 1],
    ] as const) {
      const cells = packRows(rows, width);
      const buffer = await new Blob(packedParts(cells)).arrayBuffer();
      const back = readPackedParts(buffer);
      expect(back).toEqual(cells);
      expect(back.columns.every((c) => c.bytes.buffer === buffer && c.ends.buffer === buffer)).toBe(true);
    }
  });

  it('readPackedParts rejects data it did not write, and data cut short', async () => {
    expect(() => readPackedParts(new Uint32Array([1, 2, 3]).buffer)).toThrow(/not data written by packedParts/);
    const whole = await new Blob(packedParts(packRows(ROWS, 3))).arrayBuffer();
    expect(() => readPackedParts(whole.slice(0, whole.byteLength - 8))).toThrow(/cut short/);
    expect(() => readPackedParts(new ArrayBuffer(4))).toThrow(/cut short/);
  });
});

describe('columnCodes / stringCodes', () => {
  it('columnCodes(cells, column) gives the distinct cells in order of appearance and each row’s code', () => {
    const labels = ['cat', 'dog', 'cat', '', 'a longer label', 'dog', 'a longer label', 'é', 'exactly', 'sixsix'];
    const cells = packRows(
      labels.map((l) => [l]),
      1,
    );
    const { values, codes } = columnCodes(cells, 0);
    expect(values).toEqual(['cat', 'dog', '', 'a longer label', 'é', 'exactly', 'sixsix']);
    expect(Array.from(codes)).toEqual([0, 1, 0, 2, 3, 1, 3, 4, 5, 6]);
    expect(Array.from(codes, (c) => values[c])).toEqual(labels);
    expect(stringCodes(labels)).toEqual({ values, codes });
  });

  it('columnCodes tells apart short cells that differ only in length or in one byte', () => {
    const labels = ['a', 'a\u0000', '\u0000a', 'ab', 'b', '', '\u0000', '€', 'a€'];
    const { values, codes } = columnCodes(
      packRows(
        labels.map((l) => [l]),
        1,
      ),
      0,
    );
    expect(values).toEqual(labels);
    expect(Array.from(codes)).toEqual(labels.map((_, i) => i));
  });

  it('columnCodes of a column of many distinct cells, beyond ASCII, with repeats', () => {
    const labels = Array.from({ length: 500 }, (_, i) => (i % 5 === 4 ? 'same' : `é${i} 🐈`));
    const { values, codes } = columnCodes(
      packRows(
        labels.map((l) => [l]),
        1,
      ),
      0,
    );
    expect(values).toHaveLength(401);
    expect(Array.from(codes, (c) => values[c])).toEqual(labels);
    expect(stringCodes(labels)).toEqual({ values, codes });
  });

  it('columnCodes of no rows', () => {
    expect(columnCodes(packRows([], 1), 0)).toEqual({ values: [], codes: new Int32Array(0) });
  });
});
