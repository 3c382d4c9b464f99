/**
 * Step 1 of reading a user's CSV: bytes → text, or a problem.
 *
 * Input: the file's bytes (Uint8Array, any length). Output: the text (with
 * any byte-order mark removed), the encoding it was read in, and warnings;
 * or one `error` problem. In order:
 * 1. A known binary format (PNG, JPEG, PDF, ZIP, .xlsx, gzip, … — see
 *    binaryFormat.ts) → `binary`, naming the format.
 * 2. A UTF-16 byte-order mark, or UTF-16 without one (every other byte NUL,
 *    the rest text) → read as UTF-16 with a `read-as-utf16` warning; bytes
 *    that are not valid UTF-16 → `utf16`.
 * 3. A NUL byte in the first 64 KB, or more than 10% control bytes other
 *    than tab, line feed, carriage return and form feed → `binary`.
 * 4. Valid UTF-8 (with or without its byte-order mark) → the text, no warning.
 * 5. Not valid UTF-8:
 *    - mostly valid UTF-8 with a few bad bytes (more valid multi-byte UTF-8
 *      characters than bad bytes) → read as UTF-8, each bad byte becoming
 *      "�", with an `invalid-utf8` warning;
 *    - else, when the bytes look like 8-bit text (at most 1% of them, or a
 *      single one, are control bytes or bytes Windows-1252 leaves unused) →
 *      read as Windows-1252 (Latin-1 plus “smart” quotes, € and others in
 *      0x80–0x9F) with a `read-as-windows-1252` warning;
 *    - else → `binary`.
 * An empty file decodes to '' (the parse step reports it as empty).
 */
import { binaryAdvice, sniffBinaryFormat, type BinaryKind } from './binaryFormat.ts';
import type { TableProblem } from './problem.ts';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodedText =
  | {
      readonly ok: true;
      readonly text: string;
      readonly encoding: TextEncodingName;
      /** True when a byte-order mark (UTF-8 or UTF-16) was removed from the start. */
      readonly hadBom: boolean;
      /** Warnings: the file was read, but not as plain UTF-8. */
      readonly problems: readonly TableProblem[];
    }
  | { readonly ok: false; readonly problem: TableProblem };

/** How many leading bytes the binary checks look at. */
export const BINARY_SNIFF_BYTES = 64 * 1024;
/** Share of control bytes above which a file is taken for binary. */
export const BINARY_CONTROL_SHARE = 0.1;
/**
 * Share of control bytes (and, for Windows-1252, unused bytes) above which a
 * file that is not UTF-8 is taken for binary rather than read in another
 * encoding: real text holds none, random bytes about 13%.
 */
export const LEGACY_NON_TEXT_SHARE = 0.01;
/** How many leading bytes the check for UTF-16 without a byte-order mark looks at. */
const UTF16_SNIFF_BYTES = 4096;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
/** The five bytes Windows-1252 assigns no character (TextDecoder maps them to C1 controls). */
const UNUSED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

const SAVE_AS_UTF8 =
  'save it as UTF-8 (in Excel: File → Save As → "CSV UTF-8"; in LibreOffice: character set "Unicode (UTF-8)")';

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) return { ok: true, text: '', encoding: 'utf-8', hadBom: false, problems: [] };

  const format = sniffBinaryFormat(bytes);
  if (format) return binary(`This is ${format.name}, not a CSV file.`, format.kind);

  const utf16 = utf16Encoding(bytes);
  if (utf16) return decodeUtf16(bytes, utf16.encoding, utf16.hadBom);

  const reason = binaryReason(bytes);
  if (reason) return binary(`This is a binary file, not CSV text: ${reason}.`, null);

  const hadBom = bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
  const body = hadBom ? bytes.subarray(3) : bytes;
  const scan = scanUtf8(body);
  if (scan.invalid === 0) {
    return {
      ok: true,
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body),
      encoding: 'utf-8',
      hadBom,
      problems: [],
    };
  }
  const offset = scan.firstInvalid + (hadBom ? 3 : 0);
  if (scan.multibyte + (hadBom ? 1 : 0) > scan.invalid) return mostlyUtf8(bytes, body, hadBom, scan.invalid, offset);
  const nonText = windows1252NonText(bytes);
  if (nonText) return binary(`This is a binary file, not CSV text: ${nonText}.`, null);
  return windows1252(bytes, body, hadBom, scan, offset);
}

/** True when the first `BINARY_SNIFF_BYTES` hold a NUL byte or too many control bytes. */
export function looksBinary(bytes: Uint8Array): boolean {
  return binaryReason(bytes) !== null;
}

/** Why the first `BINARY_SNIFF_BYTES` are not text (a NUL, too many control bytes), or null. */
function binaryReason(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return `byte ${i} is a NUL (0x00), which text never contains`;
    if (isControlByte(b)) control++;
  }
  if (n === 0 || control / n <= BINARY_CONTROL_SHARE) return null;
  return `${control} of its first ${n} bytes are control bytes, which text hardly ever contains`;
}

/** A C0 control byte other than tab, line feed, form feed and carriage return, or DEL. */
function isControlByte(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f;
}

/** Why bytes that are not UTF-8 cannot be Windows-1252 text either, or null when they can. */
function windows1252NonText(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (isControlByte(b) || UNUSED_IN_WINDOWS_1252.has(b)) count++;
  }
  if (count <= 1 || count / n <= LEGACY_NON_TEXT_SHARE) return null;
  return `it is not UTF-8, and ${count} of its first ${n} bytes are control bytes or bytes unused in Windows-1252, which text hardly ever contains`;
}

function binary(what: string, kind: BinaryKind | null): DecodedText {
  return { ok: false, problem: { code: 'binary', severity: 'error', message: `${what} ${binaryAdvice(kind)}` } };
}

// ---------------------------------------------------------------- UTF-16

/** The UTF-16 byte order of `bytes`: from a byte-order mark, or from NULs in every other byte; null when neither. */
export function utf16Encoding(
  bytes: Uint8Array,
): { readonly encoding: 'utf-16le' | 'utf-16be'; readonly hadBom: boolean } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', hadBom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', hadBom: true };
  // Without a mark: ASCII-range text in UTF-16 has a NUL in every other byte and none between.
  const n = Math.min(bytes.length, UTF16_SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= 0.9 * pairs && evenNul === 0) return { encoding: 'utf-16le', hadBom: false };
  if (evenNul >= 0.9 * pairs && oddNul === 0) return { encoding: 'utf-16be', hadBom: false };
  return null;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', hadBom: boolean): DecodedText {
  const body = hadBom ? bytes.subarray(2) : bytes;
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return {
      ok: false,
      problem: {
        code: 'utf16',
        severity: 'error',
        message:
          `This file ${hadBom ? 'starts like UTF-16 text' : 'looks like UTF-16 text'}, but it is not valid UTF-16 ` +
          `(${body.length % 2 === 1 ? 'it has an odd number of bytes' : 'it holds a broken character'}), so it may be damaged. ` +
          `Open it in the program that made it, ${SAVE_AS_UTF8} and load that file.`,
      },
    };
  }
  const nonText = nonTextShare(text);
  if (nonText) return binary(`This is a binary file, not CSV text: ${nonText}.`, null);
  const order = encoding === 'utf-16le' ? 'little-endian' : 'big-endian';
  return {
    ok: true,
    text,
    encoding,
    hadBom,
    problems: [
      {
        code: 'read-as-utf16',
        severity: 'warning',
        message:
          `This file is UTF-16 text (${order}${hadBom ? '' : ', without a byte-order mark'}), not UTF-8; it was read as UTF-16, so nothing is lost and nothing needs doing. ` +
          `Other tools read UTF-8 more reliably: to share the file, ${SAVE_AS_UTF8}.`,
      },
    ],
  };
}

/** Why decoded text is not text (a NUL, or control characters), or null. */
function nonTextShare(text: string): string | null {
  const n = Math.min(text.length, BINARY_SNIFF_BYTES);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return `character ${i} is a NUL, which text never contains`;
    if (isControlByte(c) || (c >= 0x80 && c <= 0x9f)) count++;
  }
  if (count <= 1 || count / n <= LEGACY_NON_TEXT_SHARE) return null;
  return `read as UTF-16, ${count} of its first ${n} characters are control characters`;
}

// ---------------------------------------------------------------- UTF-8 and Windows-1252

export interface Utf8Scan {
  /** How many bytes start no valid UTF-8 sequence. */
  readonly invalid: number;
  /** How many valid multi-byte UTF-8 sequences (characters beyond ASCII) there are. */
  readonly multibyte: number;
  /** Byte offset of the first invalid byte, or -1. */
  readonly firstInvalid: number;
  /** Byte offset of the first valid multi-byte sequence, or -1. */
  readonly firstMultibyte: number;
}

/** Counts valid multi-byte UTF-8 characters and bytes that are not UTF-8, as TextDecoder would see them. */
export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  let invalid = 0;
  let multibyte = 0;
  let firstInvalid = -1;
  let firstMultibyte = -1;
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    } else {
      if (firstMultibyte < 0) firstMultibyte = i;
      multibyte++;
      i += length;
    }
  }
  return { invalid, multibyte, firstInvalid, firstMultibyte };
}

/** Byte offset of the first byte that breaks UTF-8, or -1 when all of `bytes` is valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) i++;
    else {
      const length = utf8SequenceLength(bytes, i);
      if (length === 0) return i;
      i += length;
    }
  }
  return -1;
}

/** Length (2–4) of the valid multi-byte UTF-8 sequence starting at `i`, or 0 when none starts there. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  let extra: number;
  let min: number;
  if (b >= 0xc2 && b <= 0xdf) [extra, min] = [1, 0x80];
  else if (b >= 0xe0 && b <= 0xef) [extra, min] = [2, 0x800];
  else if (b >= 0xf0 && b <= 0xf4) [extra, min] = [3, 0x10000];
  else return 0;
  if (i + extra >= bytes.length) return 0; // truncated sequence at the end
  let code = b & (0x3f >> extra);
  for (let k = 1; k <= extra; k++) {
    const c = bytes[i + k]!;
    if ((c & 0xc0) !== 0x80) return 0;
    code = (code << 6) | (c & 0x3f);
  }
  if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return 0;
  return extra + 1;
}

function mostlyUtf8(
  bytes: Uint8Array,
  body: Uint8Array,
  hadBom: boolean,
  invalid: number,
  offset: number,
): DecodedText {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
  return {
    ok: true,
    text,
    encoding: 'utf-8',
    hadBom,
    problems: [
      {
        code: 'invalid-utf8',
        severity: 'warning',
        message:
          `This file is UTF-8 text, but ${invalid === 1 ? '1 byte in it is' : `${invalid} bytes in it are`} not valid UTF-8 ` +
          `(the first at line ${lineOf(bytes, offset)}, byte ${offset}: ${hex(bytes[offset]!)}); ${invalid === 1 ? 'it was' : 'they were'} read as "\uFFFD". ` +
          'The file was probably damaged, or pieced together from files in different encodings: check those rows, fix them in the file and load it again.',
      },
    ],
  };
}

function windows1252(
  bytes: Uint8Array,
  body: Uint8Array,
  hadBom: boolean,
  scan: Utf8Scan,
  offset: number,
): DecodedText {
  const text = decodeWindows1252(body);
  const line = lineOf(bytes, offset);
  const sample = sampleAround(text, offset - (hadBom ? 3 : 0));
  const mixed =
    scan.multibyte > 0
      ? ` Part of it looked like UTF-8 (line ${lineOf(bytes, scan.firstMultibyte + (hadBom ? 3 : 0))}): characters there will show as pairs like "Ã©" for "é", since the file mixes two encodings.`
      : '';
  return {
    ok: true,
    text,
    encoding: 'windows-1252',
    hadBom,
    problems: [
      {
        code: 'read-as-windows-1252',
        severity: 'warning',
        message:
          `This file is not UTF-8 (byte ${hex(bytes[offset]!)} on line ${line} is not valid UTF-8), so it was read as Windows-1252 (Latin-1), the encoding older Excel and Windows programs save CSV files in. ` +
          `Check that accented letters look right, for example on line ${line}: "${sample}".${mixed} ` +
          `If they look wrong (the file may be in another encoding, such as Cyrillic or Greek), or to stop this notice, ${SAVE_AS_UTF8} and load it again.`,
      },
    ],
  };
}

/**
 * Windows-1252's characters for bytes 0x80–0x9F (WHATWG Encoding Standard,
 * index-windows-1252); the five bytes it leaves unused map to the C1 control
 * of the same number, as in every browser. Every other byte is its own code
 * point (Latin-1).
 */
const WINDOWS_1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Bytes → text in Windows-1252. Done by hand rather than with
 * TextDecoder('windows-1252'): since Node 20.18.3 / 22.13.0 that decoder takes a
 * Latin-1 shortcut and turns € and curly quotes into control characters
 * (nodejs/node#60888); browsers do it right, and this gives the same text as they do.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const CHUNK = 8192;
  const units = new Uint16Array(Math.min(bytes.length, CHUNK));
  let text = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      units[i - start] = b >= 0x80 && b <= 0x9f ? WINDOWS_1252_80_9F.charCodeAt(b - 0x80) : b;
    }
    text += String.fromCharCode(...units.subarray(0, end - start));
  }
  return text;
}

/** The word or cell around index `at` of `text` (at most about 30 characters), to show the user. */
function sampleAround(text: string, at: number): string {
  const stop = /[\r\n,;\t|"]/;
  let from = at;
  let to = at + 1;
  while (from > 0 && at - from < 15 && !stop.test(text[from - 1]!)) from--;
  while (to < text.length && to - at < 15 && !stop.test(text[to]!)) to++;
  return text.slice(from, to).trim();
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** 1-based line number of byte `offset` (counting line feeds before it). */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
