import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRandom } from '../../../src/engine/random.ts';
import {
  decodeText,
  firstInvalidUtf8,
  looksBinary,
  decodeWindows1252,
  scanUtf8,
  utf16Encoding,
  type DecodedText,
} from '../../../src/engine/table/decode.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../../fixtures/encodings/${name}`, import.meta.url));
/** A real PNG: the app's own screenshot. */
const PNG = readFileSync(new URL('../../../docs/screenshot.png', import.meta.url));

/** UTF-16 bytes of `text` (every character below U+FFFF), with or without the byte-order mark. */
function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const out: number[] = bom ? (order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out.push(...(order === 'le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff]));
  }
  return Uint8Array.from(out);
}

function decoded(result: DecodedText) {
  if (!result.ok) throw new Error(`expected text, got ${result.problem.code}: ${result.problem.message}`);
  return result;
}

function failed(result: DecodedText) {
  if (result.ok) throw new Error(`expected a problem, got text ${JSON.stringify(result.text.slice(0, 40))}`);
  return result.problem;
}

/** Windows-1252's characters for 0x80–0x9F, from the WHATWG Encoding index (null: unused byte). */
const WINDOWS_1252_HIGH: readonly (number | null)[] = [
  0x20ac,
  null,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  null,
  0x017d,
  null,
  null,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0x0161,
  0x203a,
  0x0153,
  null,
  0x017e,
  0x0178,
];
/** Windows-1252 decoded by hand: the table above for 0x80–0x9F, the byte's own code point otherwise. */
const windows1252ByHand = (bytes: Uint8Array): string =>
  String.fromCharCode(...Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : b)));

describe('decodeText: UTF-8', () => {
  it('decodeText(utf8 bytes) gives the text, no BOM, no problems', () => {
    expect(decodeText(utf8('a,b\n1,é\n'))).toEqual({
      ok: true,
      text: 'a,b\n1,é\n',
      encoding: 'utf-8',
      hadBom: false,
      problems: [],
    });
  });

  it('decodeText(bytes with a UTF-8 BOM) strips the BOM', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('name,y\n')]);
    expect(decodeText(bytes)).toEqual({ ok: true, text: 'name,y\n', encoding: 'utf-8', hadBom: true, problems: [] });
  });

  it('decodeText([]) is the empty text (parse reports the empty file)', () => {
    expect(decodeText(new Uint8Array(0))).toEqual({
      ok: true,
      text: '',
      encoding: 'utf-8',
      hadBom: false,
      problems: [],
    });
  });

  it('decodeText(UTF-8 that Windows-1252 could also read) stays UTF-8: the fallback is only for bytes that are not UTF-8', () => {
    // "Ã©" in Windows-1252 is the same two bytes as "é" in UTF-8.
    const result = decoded(decodeText(utf8('name\nJosé\nZürich\n')));
    expect(result.encoding).toBe('utf-8');
    expect(result.text).toBe('name\nJosé\nZürich\n');
  });

  it('decodeText(UTF-8 with one bad byte among many good characters) reads UTF-8, the bad byte as "�", with a warning', () => {
    const bytes = Uint8Array.from([...utf8('city,x\nZürich,1\nKöln,2\nMálaga,3\n'), 0xe9, ...utf8(',4\n')]);
    const result = decoded(decodeText(bytes));
    expect(result.encoding).toBe('utf-8');
    expect(result.text).toBe('city,x\nZürich,1\nKöln,2\nMálaga,3\n\uFFFD,4\n');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'invalid-utf8', severity: 'warning' });
    expect(result.problems[0]!.message).toContain(
      '1 byte in it is not valid UTF-8 (the first at line 5, byte 35: 0xE9)',
    );
    expect(result.problems[0]!.message).toMatch(/check those rows/);
  });
});

describe('decodeText: Windows-1252 / Latin-1', () => {
  it('decodeText(a real Windows-1252 CSV with é, ü, ß, ä, €, curly quotes) reads it, with a notice', () => {
    const bytes = fixture('windows-1252.csv');
    expect(firstInvalidUtf8(bytes)).toBeGreaterThanOrEqual(0); // not UTF-8
    expect(bytes).toContain(0x80); // €
    expect(bytes).toContain(0x93); // “
    const result = decoded(decodeText(bytes));
    expect(result.encoding).toBe('windows-1252');
    expect(result.hadBom).toBe(false);
    expect(result.text).toBe(windows1252ByHand(bytes));
    const lines = result.text.split('\r\n');
    expect(lines[0]).toBe('name,Stadt,Größe,Gewicht,Preis,Notiz,Qualität');
    expect(lines[1]).toBe('José 0,Zürich,162,58,1 €,“frisch”,süß');
    expect(lines[2]).toBe('Renée 1,Köln,187,73,8 €,Straße,sauer');
    expect(result.problems).toHaveLength(1);
    const [notice] = result.problems;
    expect(notice).toMatchObject({ code: 'read-as-windows-1252', severity: 'warning' });
    expect(notice!.message).toMatch(
      /^This file is not UTF-8 \(byte 0xF6 on line 1 is not valid UTF-8\), so it was read as Windows-1252 \(Latin-1\)/,
    );
    expect(notice!.message).toContain('Check that accented letters look right, for example on line 1: "Größe".');
    expect(notice!.message).toContain('"CSV UTF-8"');
    expect(notice!.message).not.toMatch(/looked like UTF-8/);
  });

  it('decodeText(Latin-1 bytes) reads them as Windows-1252 and quotes the first accented word and its line', () => {
    const result = decoded(decodeText(latin1('name,city\nJos\u00e9,Z\u00fcrich\n')));
    expect(result.text).toBe('name,city\nJosé,Zürich\n');
    expect(result.problems[0]!.message).toContain('byte 0xE9 on line 2');
    expect(result.problems[0]!.message).toContain('for example on line 2: "José"');
  });

  it('decodeText(every byte 0x80–0x9F Windows-1252 uses) gives the Windows-1252 character, not the Latin-1 control', () => {
    const used = WINDOWS_1252_HIGH.flatMap((c, i) => (c === null ? [] : [0x80 + i]));
    expect(used).toHaveLength(27);
    const bytes = Uint8Array.from(used.flatMap((b) => [...utf8('x,'), b, 0x0a]));
    const result = decoded(decodeText(bytes));
    expect(result.encoding).toBe('windows-1252');
    expect(result.text.split('\n').slice(0, -1)).toEqual(
      used.map((b) => `x,${String.fromCharCode(WINDOWS_1252_HIGH[b - 0x80]!)}`),
    );
  });

  it('decodeText(UTF-8 BOM + Latin-1 bytes) drops the BOM and reads the rest as Windows-1252', () => {
    const result = decoded(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...latin1('a\n\u00e9\n')])));
    expect(result).toMatchObject({ encoding: 'windows-1252', hadBom: true, text: 'a\né\n' });
    expect(result.problems[0]!.message).toContain('line 2');
  });

  it('decodeText(mostly Windows-1252 with one UTF-8 character) reads Windows-1252 and says which part looked like UTF-8', () => {
    const bytes = Uint8Array.from([...latin1('name\nJos\u00e9\nK\u00f6ln\n'), ...utf8('Zürich\n')]);
    const result = decoded(decodeText(bytes));
    expect(result.encoding).toBe('windows-1252');
    expect(result.text).toBe('name\nJosé\nKöln\nZÃ¼rich\n');
    expect(result.problems[0]!.message).toContain('Part of it looked like UTF-8 (line 4)');
  });
});

describe('decodeText: UTF-16', () => {
  const text = 'name\tStadt\r\nJosé\tZürich\r\n';

  it.each([
    ['le', true, 'utf-16le', 'little-endian'],
    ['be', true, 'utf-16be', 'big-endian'],
    ['le', false, 'utf-16le', 'little-endian, without a byte-order mark'],
    ['be', false, 'utf-16be', 'big-endian, without a byte-order mark'],
  ] as const)('decodeText(UTF-16 %s, BOM %s) reads the text with a notice', (order, bom, encoding, said) => {
    const result = decoded(decodeText(utf16(text, order, bom)));
    expect(result).toMatchObject({ text, encoding, hadBom: bom });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'read-as-utf16', severity: 'warning' });
    expect(result.problems[0]!.message).toContain(`This file is UTF-16 text (${said}), not UTF-8`);
  });

  it('decodeText(a UTF-16 BOM and an odd number of bytes, or a broken surrogate) is the utf16 error', () => {
    const odd = failed(decodeText(Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x62])));
    expect(odd).toMatchObject({ code: 'utf16', severity: 'error' });
    expect(odd.message).toMatch(/odd number of bytes/);
    const surrogate = failed(decodeText(Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8, 0x61, 0x00])));
    expect(surrogate.code).toBe('utf16');
    expect(surrogate.message).toMatch(/broken character.*"CSV UTF-8"/);
  });

  it('decodeText(a UTF-16 BOM followed by binary) is binary, not UTF-16 text', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, ...Array.from({ length: 40 }, (_, i) => (i % 2 ? 0 : 1 + (i % 27)))]);
    expect(failed(decodeText(bytes)).code).toBe('binary');
  });
});

describe('decodeText: binary files are called binary, never text in some encoding', () => {
  const real: [string, Uint8Array, RegExp][] = [
    ['a real PNG (docs/screenshot.png)', PNG, /^This is a PNG image, not a CSV file\. Load the CSV file of your table/],
    [
      'a real gzip file',
      gzipSync(utf8('a,b\n1,2\n'.repeat(50))),
      /^This is a gzip-compressed file, not a CSV file\. .*decompress it first/,
    ],
    ['a real ZIP archive', fixture('archive.zip'), /^This is a ZIP archive, not a CSV file\. .*extract it first/],
    ['a real .xlsx', fixture('book.xlsx'), /^This is an Excel workbook \(\.xlsx\), not a CSV file\. .*"CSV UTF-8"/],
    [
      'a real .ods',
      fixture('sheet.ods'),
      /^This is an OpenDocument spreadsheet \(\.ods\), not a CSV file\. .*"Text CSV"/,
    ],
    ['an all-ASCII PDF', fixture('page.pdf'), /^This is a PDF document, not a CSV file\./],
    [
      'a JPEG header',
      Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...utf8('JFIF'), 0x00]),
      /^This is a JPEG image/,
    ],
    ['a GIF header', utf8('GIF89a\u0001\u0001'), /^This is a GIF image/],
    ['a PNG cut short after 4 bytes', PNG.subarray(0, 4), /^This is a PNG image/],
    [
      'the start of a PNG without its signature',
      PNG.subarray(8, 200),
      /^This is a binary file, not CSV text: byte 0 is a NUL/,
    ],
  ];
  it.each(real)('decodeText(%s) is the binary error naming it, with what to do', (_, bytes, message) => {
    const problem = failed(decodeText(bytes));
    expect(problem).toMatchObject({ code: 'binary', severity: 'error' });
    expect(problem.message).toMatch(message);
    expect(problem.message).not.toMatch(/Latin-1|Windows-1252|UTF-8 text/);
  });

  it('decodeText(bytes with a NUL) names the byte and says to export CSV', () => {
    const problem = failed(decodeText(Uint8Array.from([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x00, 0x32])));
    expect(problem.message).toMatch(
      /^This is a binary file, not CSV text: byte 5 is a NUL \(0x00\), which text never contains\./,
    );
    expect(problem.message).toMatch(/save the sheet as CSV first/);
  });

  it('decodeText(non-UTF-8 bytes with more than 1% control or unused bytes) is binary, not Windows-1252', () => {
    const text = latin1(`name\nJos\u00e9\n${'x'.repeat(180)}\n`);
    const bytes = Uint8Array.from([...text, 0x81, 0x1b, 0x8d]); // 3 of 194 bytes: 1.5%
    expect(failed(decodeText(bytes)).message).toMatch(
      /3 of its first 194 bytes are control bytes or bytes unused in Windows-1252/,
    );
    expect(decoded(decodeText(Uint8Array.from([...text, 0x1a]))).encoding).toBe('windows-1252'); // one stray byte (DOS end of file)
  });

  it('decodeText(random bytes) is binary for every one of 500 seeded 300-byte files', () => {
    const random = createRandom(12);
    const codes = new Set<string>();
    for (let k = 0; k < 500; k++) {
      const bytes = Uint8Array.from({ length: 300 }, () => Math.floor(random() * 256));
      const result = decodeText(bytes);
      codes.add(result.ok ? result.encoding : result.problem.code);
    }
    expect([...codes]).toEqual(['binary']);
  });
});

describe('decodeWindows1252', () => {
  it('decodeWindows1252(all 256 bytes) is Latin-1 except 0x80–0x9F, which follow the WHATWG table', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = decodeWindows1252(all);
    expect(text).toHaveLength(256);
    for (let b = 0; b < 256; b++) {
      const want = b >= 0x80 && b <= 0x9f ? (WINDOWS_1252_HIGH[b - 0x80] ?? b) : b;
      expect(text.charCodeAt(b), `byte 0x${b.toString(16)}`).toBe(want);
    }
  });

  it('decodeWindows1252([]) is empty; a long input (past one 8192-byte chunk) keeps every byte in order', () => {
    expect(decodeWindows1252(new Uint8Array(0))).toBe('');
    const bytes = Uint8Array.from({ length: 20_000 }, (_, i) => [0x61, 0x80, 0xe9, 0x0a][i % 4]!);
    expect(decodeWindows1252(bytes)).toBe('a€é\n'.repeat(5000));
  });
});

describe('looksBinary', () => {
  it('looksBinary([]) is false', () => {
    expect(looksBinary(new Uint8Array(0))).toBe(false);
  });

  it('looksBinary(text with tabs, CR, LF and form feeds) is false', () => {
    expect(looksBinary(utf8('a\tb\r\n1\t2\f\n'))).toBe(false);
  });

  it('looksBinary(bytes) is true for a NUL anywhere in the first 64 KB, not after', () => {
    const bytes = new Uint8Array(70_000).fill(0x61);
    bytes[65_535] = 0;
    expect(looksBinary(bytes)).toBe(true);
    bytes[65_535] = 0x61;
    bytes[65_536] = 0;
    expect(looksBinary(bytes)).toBe(false);
  });

  it('looksBinary(bytes) is true when more than 10% are control bytes', () => {
    const bytes = new Uint8Array(100).fill(0x61);
    bytes.fill(0x01, 0, 11);
    expect(looksBinary(bytes)).toBe(true);
    bytes[10] = 0x61;
    expect(looksBinary(bytes)).toBe(false);
  });
});

describe('utf16Encoding', () => {
  it('utf16Encoding(bytes) reads a byte-order mark, or NULs in every other byte; null for UTF-8 text and short input', () => {
    expect(utf16Encoding(Uint8Array.from([0xff, 0xfe]))).toEqual({ encoding: 'utf-16le', hadBom: true });
    expect(utf16Encoding(Uint8Array.from([0xfe, 0xff]))).toEqual({ encoding: 'utf-16be', hadBom: true });
    expect(utf16Encoding(utf16('a,b\n', 'le', false))).toEqual({ encoding: 'utf-16le', hadBom: false });
    expect(utf16Encoding(utf16('a,b\n', 'be', false))).toEqual({ encoding: 'utf-16be', hadBom: false });
    expect(utf16Encoding(utf8('a,b\n1,2\n'))).toBeNull();
    expect(utf16Encoding(Uint8Array.from([0x61, 0x00]))).toBeNull();
    expect(utf16Encoding(new Uint8Array(0))).toBeNull();
  });
});

describe('scanUtf8', () => {
  it('scanUtf8(bytes) counts valid multi-byte characters and invalid bytes with the first of each', () => {
    expect(scanUtf8(new Uint8Array(0))).toEqual({ invalid: 0, multibyte: 0, firstInvalid: -1, firstMultibyte: -1 });
    expect(scanUtf8(utf8('ab → 🙂'))).toEqual({ invalid: 0, multibyte: 2, firstInvalid: -1, firstMultibyte: 3 });
    expect(scanUtf8(Uint8Array.from([0x61, 0xe9, 0x62, 0xc3, 0xa9, 0xfc]))).toEqual({
      invalid: 2,
      multibyte: 1,
      firstInvalid: 1,
      firstMultibyte: 3,
    });
  });
});

describe('firstInvalidUtf8', () => {
  it('firstInvalidUtf8(valid UTF-8) is -1, also for [] and 4-byte characters', () => {
    expect(firstInvalidUtf8(utf8('héllo → 🙂'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array(0))).toBe(-1);
  });

  it('firstInvalidUtf8(bytes) finds a lone continuation byte, a truncated sequence, an overlong form and a surrogate', () => {
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xe2, 0x86]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0xc0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.from([0xe0, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1);
  });

  it('firstInvalidUtf8 agrees with TextDecoder fatal on Latin-1 text', () => {
    const bytes = latin1('caf\u00e9');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(firstInvalidUtf8(bytes)).toBe(3);
  });
});
