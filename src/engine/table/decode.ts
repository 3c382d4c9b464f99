/**
 * Step 1 of reading a user's CSV: bytes → text, or a problem.
 *
 * Input: the file's bytes (Uint8Array, any length). Output: the text with a
 * UTF-8 byte-order mark removed, or one `error` problem:
 * - `utf16`: the file starts with a UTF-16 byte-order mark;
 * - `binary`: the first 64 KB hold a NUL byte, or more than 10% of them are
 *   control bytes other than tab, line feed, carriage return and form feed
 *   (spreadsheets, images, zip archives all look like this);
 * - `not-utf8`: the bytes are not valid UTF-8; the message gives the byte
 *   offset and line of the first bad byte.
 * An empty file decodes to '' (the parse step reports it as empty).
 */
import type { TableProblem } from './problem.ts';

export type DecodedText =
  | { readonly ok: true; readonly text: string; readonly hadBom: boolean }
  | { readonly ok: false; readonly problem: TableProblem };

/** How many leading bytes the binary check looks at. */
export const BINARY_SNIFF_BYTES = 64 * 1024;
/** Share of control bytes above which the file is taken for binary. */
export const BINARY_CONTROL_SHARE = 0.1;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function decodeText(bytes: Uint8Array): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail({
      code: 'utf16',
      severity: 'error',
      message:
        'This file is UTF-16 text, which this lab cannot read. Save it again as "CSV UTF-8" (in Excel: File → Save As → CSV UTF-8) and load that file.',
    });
  }
  if (looksBinary(bytes)) {
    return fail({
      code: 'binary',
      severity: 'error',
      message:
        'This looks like a binary file, not CSV text (it contains bytes that never occur in text). If it is a spreadsheet (.xlsx, .ods), export it as CSV first and load the .csv file.',
    });
  }
  const hadBom = bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
  const body = hadBom ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), hadBom };
  } catch {
    const offset = firstInvalidUtf8(body) + (hadBom ? 3 : 0);
    const line = lineOf(bytes, offset);
    const byte = bytes[offset] ?? 0;
    return fail({
      code: 'not-utf8',
      severity: 'error',
      row: line,
      message:
        `This file is not UTF-8 text: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at line ${line} (byte ${offset}) is not valid UTF-8; ` +
        'the file was probably saved as Latin-1 or Windows-1252. Save it as UTF-8 CSV (in Excel: "CSV UTF-8"; in LibreOffice: character set "Unicode (UTF-8)") and load it again.',
    });
  }
}

/** True when the first `BINARY_SNIFF_BYTES` hold a NUL byte or too many control bytes. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
  }
  return n > 0 && control / n > BINARY_CONTROL_SHARE;
}

/** Byte offset of the first byte that breaks UTF-8, or -1 when all of `bytes` is valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let extra: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [extra, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [extra, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [extra, min] = [3, 0x10000];
    else return i;
    if (i + extra >= bytes.length) return i; // truncated sequence at the end
    let code = b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += extra + 1;
  }
  return -1;
}

/** 1-based line number of byte `offset` (counting line feeds before it). */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function fail(problem: TableProblem): DecodedText {
  return { ok: false, problem };
}
