import { describe, expect, it } from 'vitest';
import { csvField, csvText } from '../../src/engine/csvText.ts';

describe('csvField(value)', () => {
  it('writes plain text and numbers as they are, empty and non-finite as an empty field', () => {
    expect(csvField('Shirt')).toBe('Shirt');
    expect(csvField(0.935)).toBe('0.935');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvField(NaN)).toBe('');
    expect(csvField(Infinity)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField('')).toBe('');
  });

  it('quotes a field with a comma, a quote, CR or LF, and doubles its quotes (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField('Europe ↔ Japan')).toBe('Europe ↔ Japan');
  });
});

describe('csvText(table)', () => {
  it('writes the header and each row, every line ended by CRLF', () => {
    expect(
      csvText({
        columns: ['size', 'name', 'mean'],
        rows: [
          [50, 'T-shirt/top', 0.5],
          [100, 'a, "b"', null],
        ],
      }),
    ).toBe('size,name,mean\r\n50,T-shirt/top,0.5\r\n100,"a, ""b""",\r\n');
  });

  it('an empty table is its header line; a single column works', () => {
    expect(csvText({ columns: ['value'], rows: [] })).toBe('value\r\n');
    expect(csvText({ columns: ['value'], rows: [[1]] })).toBe('value\r\n1\r\n');
  });

  it('a row whose width differs from the header is refused, naming the row', () => {
    expect(() => csvText({ columns: ['a', 'b'], rows: [[1, 2], [3]] })).toThrow(/row 2 has 1 values for 2 columns/);
  });
});
