import { describe, it, expect } from 'vitest';
import {
  includeColumn,
  inferColumnType,
  inferColumnTypes,
  isMissing,
  parseBoolean,
  parseDate,
  parseNumber,
} from '../../../src/engine/table/columnTypes.ts';

const range = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));

describe('isMissing', () => {
  it('isMissing(cell) is true for empty cells and NA, N/A, NaN, null, None, ? in any case, trimmed', () => {
    for (const cell of ['', '  ', 'NA', 'na', ' N/A ', 'NaN', 'nan', 'NULL', 'null', 'None', '?']) {
      expect(isMissing(cell), JSON.stringify(cell)).toBe(true);
    }
  });

  it('isMissing(cell) is false for values, including 0 and "no"', () => {
    for (const cell of ['0', 'no', 'n', 'nana', 'NA1', '-', 'false']) expect(isMissing(cell), cell).toBe(false);
  });
});

describe('parseBoolean', () => {
  it('parseBoolean(cell) reads true/yes/t/y/1 as 1 and false/no/f/n/0 as 0, any case', () => {
    expect(['True', 'YES', 't', 'y', '1'].map(parseBoolean)).toEqual([1, 1, 1, 1, 1]);
    expect(['false', 'No', 'F', 'n', ' 0 '].map(parseBoolean)).toEqual([0, 0, 0, 0, 0]);
  });

  it('parseBoolean(other cells) is NaN, also for "" and "2"', () => {
    expect(['', '2', 'maybe'].map(parseBoolean)).toEqual([NaN, NaN, NaN]);
  });
});

describe('parseDate', () => {
  it('parseDate(ISO date) is days since 1970-01-01 UTC', () => {
    expect(parseDate('1970-01-01')).toBe(0);
    expect(parseDate('1970-01-02')).toBe(1);
    expect(parseDate('2000/03/01')).toBe(11017);
  });

  it('parseDate(date-time) reads times without a zone as UTC and applies zones', () => {
    expect(parseDate('1970-01-01T12:00')).toBe(0.5);
    expect(parseDate('1970-01-01 06:00:00')).toBe(0.25);
    expect(parseDate('1970-01-01T12:00:00Z')).toBe(0.5);
    expect(parseDate('1970-01-01T12:00+06:00')).toBe(0.25);
    expect(parseDate('1970-01-01T12:00-0600')).toBe(0.75);
  });

  it('parseDate(invalid or non-ISO dates) is NaN', () => {
    for (const cell of ['', '2023-02-30', '2023-13-01', '2023-1-5', '05/03/2024', 'March 5', '1970-01-01T25:00']) {
      expect(parseDate(cell), cell).toBeNaN();
    }
  });
});

describe('inferColumnType', () => {
  it('inferColumnType(numbers) is numeric and included, with the range in the reason', () => {
    const info = inferColumnType(['1.5', ' -2 ', '1e3', '1.5']);
    expect(info).toEqual({
      type: 'numeric',
      reason: 'every value is a number (from -2 to 1000)',
      included: true,
      missing: 0,
      distinct: 3,
      examples: ['1.5', '-2', '1e3'],
    });
  });

  it('inferColumnType(cells with missing tokens) counts them and types the rest', () => {
    const info = inferColumnType(['1', 'NA', '', '2.5', '?', 'null']);
    expect(info.type).toBe('numeric');
    expect(info.missing).toBe(4);
    expect(info.distinct).toBe(2);
  });

  it('inferColumnType([]) and inferColumnType(all missing) are empty and left out', () => {
    for (const cells of [[], ['', 'NA', 'NaN']]) {
      const info = inferColumnType(cells);
      expect(info.type).toBe('empty');
      expect(info.included).toBe(false);
      expect(info.reason).toMatch(/every value is missing/);
      expect(info.missing).toBe(cells.length);
    }
  });

  it('inferColumnType(yes/no, true/false, t/f, y/n in any case) is boolean', () => {
    expect(inferColumnType(['yes', 'No', 'YES', '']).type).toBe('boolean');
    expect(inferColumnType(['TRUE', 'false']).reason).toBe('only the values true / false');
    expect(inferColumnType(['t', 'f', 't']).type).toBe('boolean');
    expect(inferColumnType(['y', 'n']).type).toBe('boolean');
    expect(inferColumnType(['yes', 'yes']).type).toBe('boolean');
  });

  it('inferColumnType(0/1) is boolean only when exactly both occur', () => {
    expect(inferColumnType(['0', '1', '1']).type).toBe('boolean');
    expect(inferColumnType(['0', '1', '1']).reason).toBe('only the values 0 / 1');
    expect(inferColumnType(['1', '1']).type).toBe('numeric');
    expect(inferColumnType(['0', '1', '2']).type).toBe('numeric');
    expect(inferColumnType(['yes', 'no', '1']).type).toBe('categorical');
  });

  it('inferColumnType(ISO dates) is date and names the first and last date', () => {
    const info = inferColumnType(['2024-03-05', '2023-12-31T08:00', 'NA', '2024-01-01']);
    expect(info.type).toBe('date');
    expect(info.included).toBe(true);
    expect(info.reason).toBe('every value is a date (from 2023-12-31T08:00 to 2024-03-05); used as days since 1970');
  });

  it('inferColumnType(increasing unique integers) is id-like and left out with the reason', () => {
    const info = inferColumnType(range(12, (i) => String(100 + i)));
    expect(info.type).toBe('id');
    expect(info.included).toBe(false);
    expect(info.reason).toBe(
      'unique per row, like an ID (12 distinct values in 12 rows); left out because it cannot tell anything about new rows',
    );
  });

  it('inferColumnType(unique integers in no order) is numeric unless the column is named like an ID', () => {
    const shuffled = range(12, (i) => String((i * 7) % 12));
    expect(inferColumnType(shuffled).type).toBe('numeric');
    expect(inferColumnType(shuffled, { name: 'customer_id' }).type).toBe('id');
    expect(inferColumnType(shuffled, { name: 'ID' }).type).toBe('id');
    expect(inferColumnType(shuffled, { name: 'userId' }).type).toBe('id');
    expect(inferColumnType(shuffled, { name: 'paid' }).type).toBe('numeric');
  });

  it('inferColumnType(unique numbers with fewer than 10 rows, or with decimals) stays numeric', () => {
    expect(inferColumnType(range(9, (i) => String(i))).type).toBe('numeric');
    expect(inferColumnType(range(12, (i) => String(i + 0.5))).type).toBe('numeric');
  });

  it('inferColumnType(unique one-word codes) is id-like', () => {
    const info = inferColumnType(range(20, (i) => `C-${(i * 37) % 101}x`));
    expect(info.type).toBe('id');
    expect(info.included).toBe(false);
  });

  it('inferColumnType(codes unique for 95% of rows) is still id-like; for fewer, categorical', () => {
    expect(inferColumnType([...range(19, (i) => `k${i}`), 'k0']).type).toBe('id');
    expect(inferColumnType([...range(18, (i) => `k${i}`), 'k0', 'k1']).type).toBe('categorical');
  });

  it('inferColumnType(multi-word distinct values) is free text, left out with the reason', () => {
    const info = inferColumnType([
      'the delivery was late again',
      'great service, friendly staff',
      'ok',
      'would not order from them again',
    ]);
    expect(info.type).toBe('text');
    expect(info.included).toBe(false);
    expect(info.reason).toBe(
      'free text: many distinct values of several words (like "the delivery was late again"); left out because the lab does not model text',
    );
  });

  it('inferColumnType(repeated multi-word values) is categorical', () => {
    expect(inferColumnType(['new york city', 'new york city', 'los angeles area', 'los angeles area']).type).toBe(
      'categorical',
    );
  });

  it('inferColumnType(a few repeated words) is categorical with the values in the reason', () => {
    expect(inferColumnType(['red', 'green', 'red', 'blue', 'NA', 'teal'])).toEqual({
      type: 'categorical',
      reason: '4 distinct values (red, green, blue, …)',
      included: true,
      missing: 1,
      distinct: 4,
      examples: ['red', 'green', 'blue'],
    });
    expect(inferColumnType(['only']).reason).toBe('1 distinct value (only)');
  });

  it('inferColumnType(numbers with NaN or Infinity text) is not numeric (NaN counts as missing)', () => {
    expect(inferColumnType(['1', 'NaN', '2']).type).toBe('numeric');
    expect(inferColumnType(['1', 'Infinity', '2']).type).toBe('categorical');
  });
});

describe('inferColumnTypes', () => {
  it('inferColumnTypes(table) types every column with its index and name', () => {
    const columns = inferColumnTypes({
      header: ['id', 'size', 'ok', 'y'],
      rows: range(12, (i) => `${i + 1},${(i * 3) % 5},${i % 2 ? 'yes' : 'no'},${i % 3 ? 'a' : 'b'}`).map((r) =>
        r.split(','),
      ),
    });
    expect(columns.map((c) => [c.index, c.name, c.type, c.included])).toEqual([
      [0, 'id', 'id', false],
      [1, 'size', 'numeric', true],
      [2, 'ok', 'boolean', true],
      [3, 'y', 'categorical', true],
    ]);
  });

  it('inferColumnTypes(header only) gives empty columns', () => {
    expect(inferColumnTypes({ header: ['a'], rows: [] }).map((c) => c.type)).toEqual(['empty']);
  });
});

describe('includeColumn', () => {
  it('includeColumn(columns, index, true) includes a column left out, leaving the others as they were', () => {
    const columns = inferColumnTypes({ header: ['note', 'y'], rows: [['long free text here', 'a']] });
    expect(columns[0]!.included).toBe(false);
    const next = includeColumn(columns, 0, true);
    expect(next[0]!.included).toBe(true);
    expect(next[1]).toBe(columns[1]);
    expect(columns[0]!.included).toBe(false);
  });

  it('includeColumn(columns, unknown index) throws', () => {
    expect(() => includeColumn([], 0, true)).toThrow(RangeError);
  });
});

describe('numbers with a decimal comma', () => {
  it('parseNumber(cell, decimalComma) reads "1,5" as 1.5 only when asked; never thousands separators', () => {
    expect(parseNumber(' 2.5 ')).toBe(2.5);
    expect(parseNumber('1,5')).toBeNaN();
    expect(parseNumber('1,5', true)).toBe(1.5);
    expect(parseNumber('-0,25', true)).toBe(-0.25);
    expect(parseNumber(',5', true)).toBe(0.5);
    expect(parseNumber('7', true)).toBe(7);
    expect(parseNumber('1,234,5', true)).toBeNaN();
    expect(parseNumber('', true)).toBeNaN();
  });

  it('a column of decimal-comma numbers (and integers) is numeric, with decimalComma set and the range in words', () => {
    const info = inferColumnType(['1,5', '12', '-0,75', 'NA', '3,25']);
    expect(info).toMatchObject({ type: 'numeric', decimalComma: true, missing: 1 });
    expect(info.reason).toBe('every value is a number, written with a decimal comma (from -0,75 to 12)');
    expect(inferColumnType(['1.5', '2']).decimalComma).toBeUndefined();
    // Integers alone, or commas used otherwise, are not decimal-comma numbers.
    expect(inferColumnType(['1', '2', '3']).decimalComma).toBeUndefined();
    expect(inferColumnType(['1,5', 'a,b', '2']).type).toBe('categorical');
  });
});
