import { describe, it, expect } from 'vitest';
import { decodeText, firstInvalidUtf8, looksBinary } from '../../../src/engine/table/decode.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));

describe('decodeText', () => {
  it('decodeText(utf8 bytes) gives the text and no BOM', () => {
    expect(decodeText(utf8('a,b\n1,é\n'))).toEqual({ ok: true, text: 'a,b\n1,é\n', hadBom: false });
  });

  it('decodeText(bytes with a UTF-8 BOM) strips the BOM', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('name,y\n')]);
    expect(decodeText(bytes)).toEqual({ ok: true, text: 'name,y\n', hadBom: true });
  });

  it('decodeText([]) is the empty text (parse reports the empty file)', () => {
    expect(decodeText(new Uint8Array(0))).toEqual({ ok: true, text: '', hadBom: false });
  });

  it('decodeText(bytes with a NUL) reports a binary file and says to export CSV', () => {
    const result = decodeText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x14])); // a zip (.xlsx) header
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe('binary');
    expect(result.problem.severity).toBe('error');
    expect(result.problem.message).toMatch(/binary file, not CSV text/);
    expect(result.problem.message).toMatch(/export it as CSV/);
  });

  it('decodeText(bytes with a UTF-16 BOM) reports UTF-16 and says to save as UTF-8', () => {
    const result = decodeText(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.code).toBe('utf16');
      expect(result.problem.message).toMatch(/UTF-8/);
    }
  });

  it('decodeText(Latin-1 bytes) reports non-UTF-8 with the byte, offset and line', () => {
    const result = decodeText(latin1('name,city\nJos\u00e9,Z\u00fcrich\n'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe('not-utf8');
    expect(result.problem.row).toBe(2);
    expect(result.problem.message).toContain('byte 0xE9 at line 2 (byte 13)');
    expect(result.problem.message).toMatch(/Save it as UTF-8 CSV/);
  });

  it('decodeText(BOM + Latin-1 bytes) counts the offset from the start of the file', () => {
    const result = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...latin1('a\n\u00e9')]));
    expect(result.ok || result.problem.message).toContain('at line 2 (byte 5)');
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
