import { describe, it, expect } from 'vitest';
import { createRandom } from '../../../src/engine/random.ts';
import {
  MAX_SHARED_VALUES,
  columnNames,
  looksLikeData,
  parseTable,
  type ParseOptions,
} from '../../../src/engine/table/parse.ts';

const parse = (text: string, options: Partial<ParseOptions> = {}) =>
  parseTable(text, { random: createRandom(1), ...options });

/** "a,b\n0,0\n1,1\n…" with `n` data rows. */
const numbered = (n: number): string => ['a,b', ...Array.from({ length: n }, (_, i) => `${i},${i * 10}`)].join('\n');

describe('parseTable', () => {
  it('parseTable(columns with few and with very many distinct values) reads every cell, past the sharing limit too', () => {
    const n = MAX_SHARED_VALUES + 500;
    const text = ['id,kind', ...Array.from({ length: n }, (_, i) => `v${i},${['a', 'b', ' a'][i % 3]}`)].join('\n');
    const table = parse(text);
    expect(table.rows).toHaveLength(n);
    expect(table.rows.map((r) => r[0])).toEqual(Array.from({ length: n }, (_, i) => `v${i}`));
    expect(table.rows.map((r) => r[1])).toEqual(Array.from({ length: n }, (_, i) => ['a', 'b', ' a'][i % 3]));
  });

  it('parseTable(text) reads a header and rows, with spreadsheet row numbers', () => {
    const table = parse('name,size,y\nann,1.5,a\nbob,2,b\n');
    expect(table.header).toEqual(['name', 'size', 'y']);
    expect(table.rows).toEqual([
      ['ann', '1.5', 'a'],
      ['bob', '2', 'b'],
    ]);
    expect(Array.from(table.rowNumbers)).toEqual([2, 3]);
    expect(table.hasHeader).toBe(true);
    expect(table.delimiter).toBe(',');
    expect(table.totalRows).toBe(2);
    expect(table.problems).toEqual([]);
  });

  it('parseTable(text with CRLF line ends) gives the same table as LF', () => {
    const crlf = parse('a,b\r\n1,2\r\n3,4\r\n');
    expect(crlf.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(crlf.header).toEqual(['a', 'b']);
  });

  it('parseTable(text) keeps quoted delimiters, quoted line breaks and doubled quotes in one cell', () => {
    const table = parse('a,b\r\n1,"x, y"\r\n2,"line1\r\nline2"\r\n3,"say ""hi"""\r\n4,plain\r\n');
    expect(table.rows).toEqual([
      ['1', 'x, y'],
      ['2', 'line1\r\nline2'],
      ['3', 'say "hi"'],
      ['4', 'plain'],
    ]);
    expect(Array.from(table.rowNumbers)).toEqual([2, 3, 4, 5]);
  });

  it('parseTable(text) detects semicolon and tab delimiters', () => {
    const semi = parse('a;b;c\n1,5;2;x\n3;4;y\n');
    expect(semi.delimiter).toBe(';');
    expect(semi.rows[0]).toEqual(['1,5', '2', 'x']);
    const tab = parse('a\tb\n1\t2\n3\t4\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('parseTable(text, {delimiter}) uses the given delimiter', () => {
    expect(parse('a|b\n1|2\n', { delimiter: '|' }).rows).toEqual([['1', '2']]);
  });

  it('parseTable(text starting with a BOM character) strips it from the first column name', () => {
    expect(parse('\ufeffid,y\n1,a\n').header).toEqual(['id', 'y']);
  });

  it('parseTable(text whose first row has a number) takes it as data and names columns column_1…', () => {
    const table = parse('5.1,3.5,setosa\n4.9,3.0,setosa\n');
    expect(table.hasHeader).toBe(false);
    expect(table.header).toEqual(['column_1', 'column_2', 'column_3']);
    expect(table.rows).toHaveLength(2);
    expect(Array.from(table.rowNumbers)).toEqual([1, 2]);
  });

  it('parseTable(text, {header}) overrides the detection', () => {
    expect(parse('1,2\n3,4\n', { header: 'present' }).header).toEqual(['1', '2']);
    const absent = parse('a,b\nc,d\n', { header: 'absent' });
    expect(absent.header).toEqual(['column_1', 'column_2']);
    expect(absent.rows).toHaveLength(2);
  });

  it('parseTable(a single column) reads one field per row', () => {
    const table = parse('y\na\nb\n');
    expect(table.header).toEqual(['y']);
    expect(table.rows).toEqual([['a'], ['b']]);
    expect(table.problems).toEqual([]);
  });

  it('parseTable("") and parseTable(blank lines) report an empty file', () => {
    for (const text of ['', '  \n\r\n\n']) {
      const table = parse(text);
      expect(table.rows).toEqual([]);
      expect(table.problems).toHaveLength(1);
      expect(table.problems[0]!.code).toBe('empty');
      expect(table.problems[0]!.severity).toBe('error');
      expect(table.problems[0]!.message).toMatch(/empty/);
    }
  });

  it('parseTable(header only) reports header-only and names the columns', () => {
    const table = parse('sepal,petal,y\r\n');
    expect(table.header).toEqual(['sepal', 'petal', 'y']);
    expect(table.problems.map((p) => p.code)).toEqual(['header-only']);
    expect(table.problems[0]!.message).toContain('sepal, petal, y');
    expect(table.problems[0]!.message).toMatch(/no data rows/);
  });

  it('parseTable(text) skips blank rows but still counts them in row numbers', () => {
    const table = parse('a,b\n1,2\n\n , \n3,4\n');
    expect(table.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(Array.from(table.rowNumbers)).toEqual([2, 5]);
  });

  it('parseTable(ragged rows) sets them aside and names their spreadsheet rows', () => {
    const table = parse('a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n"x\ny",1,2\n13\n');
    expect(table.rows).toEqual([
      ['1', '2', '3'],
      ['6', '7', '8'],
      ['x\ny', '1', '2'],
    ]);
    expect(Array.from(table.rowNumbers)).toEqual([2, 4, 6]);
    expect(table.problems).toHaveLength(1);
    const [problem] = table.problems;
    expect(problem).toMatchObject({ code: 'ragged-rows', severity: 'warning', row: 3 });
    expect(problem!.message).toContain('3 rows (rows 3, 5, 7)');
    expect(problem!.message).toMatch(/set aside/);
  });

  it('parseTable(ragged rows) lists the first five row numbers and how many more', () => {
    const text = ['a,b', '1,2', ...Array.from({ length: 7 }, () => '1'), '3,4'].join('\n');
    expect(parse(text).problems[0]!.message).toContain('rows 3, 4, 5, 6, 7 and 2 more');
  });

  it('parseTable(row with a trailing delimiter) drops the empty extra cells instead of calling it ragged', () => {
    const table = parse('a,b\n1,2,\n3,4,,\n');
    expect(table.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(table.problems).toEqual([]);
  });

  it('parseTable(every data row ragged) is an error', () => {
    const table = parse('a,b,c\n1,2\n3,4\n');
    expect(table.rows).toEqual([]);
    expect(table.problems.map((p) => [p.code, p.severity])).toEqual([['ragged-rows', 'error']]);
    expect(table.problems[0]!.message).toMatch(/Every data row/);
  });

  it('parseTable(unterminated quote) is an error naming the row', () => {
    const table = parse('a,b\n1,2\n3,"oops\n5,6\n');
    expect(table.problems).toHaveLength(1);
    expect(table.problems[0]).toMatchObject({ code: 'unterminated-quote', severity: 'error', row: 3 });
  });

  it('parseTable(more columns than maxColumns) refuses with the reason', () => {
    const table = parse('a,b,c,d\n1,2,3,4\n', { maxColumns: 3 });
    expect(table.rows).toEqual([]);
    expect(table.problems.map((p) => p.code)).toEqual(['too-many-columns']);
    expect(table.problems[0]!.message).toContain('4 columns; the lab handles at most 3');
  });

  it('parseTable(501 columns) refuses by default; 500 columns are fine', () => {
    const row = (c: number) => Array.from({ length: c }, (_, i) => `c${i}`).join(',');
    expect(parse(`${row(501)}\n${row(501)}\n`).problems[0]!.code).toBe('too-many-columns');
    expect(parse(`${row(500)}\n${row(500)}\n`).problems).toEqual([]);
  });

  it('parseTable(more rows than maxRows) keeps a seeded uniform sample of exactly maxRows rows, in file order', () => {
    const text = numbered(25);
    const a = parse(text, { maxRows: 10, random: createRandom(7) });
    expect(a.rows).toHaveLength(10);
    expect(a.totalRows).toBe(25);
    const numbers = Array.from(a.rowNumbers);
    expect(new Set(numbers).size).toBe(10);
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
    a.rows.forEach((row, i) => expect(Number(row[0]) + 2).toBe(numbers[i]));
    expect(a.problems.map((p) => [p.code, p.severity])).toEqual([['sampled-rows', 'warning']]);
    expect(a.problems[0]!.message).toContain('25 data rows');
    const again = parse(text, { maxRows: 10, random: createRandom(7) });
    expect(Array.from(again.rowNumbers)).toEqual(numbers);
    const other = parse(text, { maxRows: 10, random: createRandom(8) });
    expect(Array.from(other.rowNumbers)).not.toEqual(numbers);
  });

  it('parseTable(text, {maxRows: 2}) samples with the pinned seed exactly', () => {
    expect(Array.from(parse(numbered(6), { maxRows: 2, random: createRandom(3) }).rowNumbers)).toMatchInlineSnapshot(`
      [
        4,
        6,
      ]
    `);
  });

  it('parseTable(exactly maxRows rows) keeps them all without a notice', () => {
    const table = parse(numbered(10), { maxRows: 10 });
    expect(table.rows).toHaveLength(10);
    expect(table.problems).toEqual([]);
  });

  it('parseTable(too many rows, {tooManyRows: "refuse"}) refuses with the reason', () => {
    const table = parse(numbered(11), { maxRows: 10, tooManyRows: 'refuse' });
    expect(table.rows).toEqual([]);
    expect(table.problems.map((p) => p.code)).toEqual(['too-many-rows']);
  });

  it('parseTable(text, {chunkSize, onProgress}) streams: same table, progress rising to 1', () => {
    const text = 'a,b\r\n1,"x,\r\ny"\r\n2,"z"\r\n3,4\r\n'.repeat(1) + numbered(20).split('\n').slice(1).join('\r\n');
    const whole = parse(text);
    const fractions: number[] = [];
    const streamed = parse(text, { chunkSize: 7, onProgress: (f) => fractions.push(f) });
    expect(streamed.rows).toEqual(whole.rows);
    expect(Array.from(streamed.rowNumbers)).toEqual(Array.from(whole.rowNumbers));
    expect(fractions.length).toBeGreaterThan(5);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThan(fractions[i - 1]!);
  });

  it('parseTable(text, {onProgress}) reports 1 even for an empty file', () => {
    const fractions: number[] = [];
    parse('', { onProgress: (f) => fractions.push(f) });
    expect(fractions).toEqual([1]);
  });

  it('parseTable(text, {maxRows: 0}) throws: a programmer error', () => {
    expect(() => parse('a\n1\n', { maxRows: 0 })).toThrow(RangeError);
  });
});

describe('looksLikeData', () => {
  it('looksLikeData(cells) is true when a cell is a number', () => {
    expect(looksLikeData(['x', ' 3.5 ', 'y'])).toBe(true);
    expect(looksLikeData(['-1e3'])).toBe(true);
  });

  it('looksLikeData(cells) is false for names, empty cells, NaN and []', () => {
    expect(looksLikeData(['sepal length', 'class'])).toBe(false);
    expect(looksLikeData(['', ' '])).toBe(false);
    expect(looksLikeData(['NaN', 'Infinity'])).toBe(false);
    expect(looksLikeData([])).toBe(false);
  });
});

describe('columnNames', () => {
  it('columnNames(cells) trims, names empty cells column_i and suffixes repeats', () => {
    expect(columnNames([' a ', '', 'a', 'a', 'b'])).toEqual(['a', 'column_2', 'a_2', 'a_3', 'b']);
  });

  it('columnNames([]) is []', () => {
    expect(columnNames([])).toEqual([]);
  });
});
