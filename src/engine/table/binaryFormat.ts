/**
 * Which binary file format a file is, from its magic number: the fixed bytes
 * that format puts at the start (PNG, JPEG, PDF, ZIP and the spreadsheets
 * packed as ZIP, gzip, …). Used by decode.ts before any guess at a text
 * encoding, so a picture or a workbook renamed to .csv is named for what it
 * is instead of being read as text.
 *
 * Every signature holds at least one byte that never occurs in CSV text (a
 * control byte or a NUL), or a long run of fixed text and a check elsewhere
 * in the file (PDF's "%PDF-", GIF's "GIF89a", Parquet's "PAR1" at both ends),
 * so a real CSV never matches one.
 */

/** What kind of thing the file is: decides what the message tells the user to do. */
export type BinaryKind = 'image' | 'media' | 'spreadsheet' | 'document' | 'compressed' | 'archive' | 'data';

export interface BinaryFormat {
  /** What the file is, to follow "This is": "a PNG image". */
  readonly name: string;
  readonly kind: BinaryKind;
}

type Pattern = string | readonly number[];

interface Signature extends BinaryFormat {
  readonly matches: (bytes: Uint8Array) => boolean;
}

/** True when `bytes` hold `pattern` (a string of single-byte characters, or bytes) at `offset`. */
function at(bytes: Uint8Array, offset: number, pattern: Pattern): boolean {
  if (offset < 0 || offset + pattern.length > bytes.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const want = typeof pattern === 'string' ? pattern.charCodeAt(i) : pattern[i]!;
    if (bytes[offset + i] !== want) return false;
  }
  return true;
}

/** How many bytes at each end of a ZIP file are searched for the names of its entries. */
const ZIP_SEARCH_BYTES = 64 * 1024;

/** True when the ASCII text `needle` occurs in the first or last ZIP_SEARCH_BYTES of `bytes`. */
function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const search = (from: number, to: number) => {
    for (let i = from; i + needle.length <= to; i++) if (at(bytes, i, needle)) return true;
    return false;
  };
  if (bytes.length <= 2 * ZIP_SEARCH_BYTES) return search(0, bytes.length);
  return search(0, ZIP_SEARCH_BYTES) || search(bytes.length - ZIP_SEARCH_BYTES, bytes.length);
}

const isZip = (b: Uint8Array) => at(b, 0, 'PK\x03\x04') || at(b, 0, 'PK\x05\x06') || at(b, 0, 'PK\x07\x08');
/** The brand of an ISO media file (MP4, MOV, HEIC, AVIF): a box size below 16 MB, then "ftyp" and four letters. */
const ftypBrand = (b: Uint8Array) =>
  b[0] === 0 && at(b, 4, 'ftyp') ? String.fromCharCode(...b.subarray(8, 12)) : null;
const IMAGE_BRANDS = new Set(['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

/** First match wins, so the specific kinds of ZIP come before the plain archive. */
export const BINARY_SIGNATURES: readonly Signature[] = [
  // PNG and HDF5 by the first four bytes only, so a file cut short is still named.
  { name: 'a PNG image', kind: 'image', matches: (b) => at(b, 0, '\x89PNG') },
  { name: 'a JPEG image', kind: 'image', matches: (b) => at(b, 0, [0xff, 0xd8, 0xff]) },
  { name: 'a GIF image', kind: 'image', matches: (b) => at(b, 0, 'GIF87a') || at(b, 0, 'GIF89a') },
  { name: 'a WebP image', kind: 'image', matches: (b) => at(b, 0, 'RIFF') && at(b, 8, 'WEBP') },
  {
    name: 'a TIFF image',
    kind: 'image',
    matches: (b) => at(b, 0, [0x49, 0x49, 0x2a, 0x00]) || at(b, 0, [0x4d, 0x4d, 0x00, 0x2a]),
  },
  { name: 'a BMP image', kind: 'image', matches: (b) => at(b, 0, 'BM') && at(b, 6, [0, 0, 0, 0]) },
  { name: 'a HEIC or AVIF image', kind: 'image', matches: (b) => IMAGE_BRANDS.has(ftypBrand(b) ?? '') },
  { name: 'an MP4 or QuickTime video', kind: 'media', matches: (b) => ftypBrand(b) !== null },
  { name: 'a WAV audio file', kind: 'media', matches: (b) => at(b, 0, 'RIFF') && at(b, 8, 'WAVE') },
  { name: 'an AVI video', kind: 'media', matches: (b) => at(b, 0, 'RIFF') && at(b, 8, 'AVI ') },
  {
    name: 'an MP3 audio file',
    kind: 'media',
    matches: (b) => at(b, 0, 'ID3') && b[3]! >= 2 && b[3]! <= 4 && b[4] === 0,
  },
  { name: 'an Ogg audio or video file', kind: 'media', matches: (b) => at(b, 0, 'OggS\x00') },
  { name: 'a FLAC audio file', kind: 'media', matches: (b) => at(b, 0, 'fLaC') && (b[4]! & 0x7f) === 0 },
  { name: 'a PDF document', kind: 'document', matches: (b) => at(b, 0, '%PDF-') },
  {
    name: 'an old-style Microsoft Office file (.xls or .doc)',
    kind: 'spreadsheet',
    matches: (b) => at(b, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  },
  {
    name: 'an OpenDocument spreadsheet (.ods)',
    kind: 'spreadsheet',
    matches: (b) => isZip(b) && at(b, 30, 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
  },
  {
    name: 'an Excel workbook (.xlsx)',
    kind: 'spreadsheet',
    matches: (b) => isZip(b) && containsAscii(b, 'xl/workbook.'),
  },
  {
    name: 'an Apple Numbers spreadsheet',
    kind: 'spreadsheet',
    matches: (b) => isZip(b) && containsAscii(b, 'Index/Document.iwa'),
  },
  { name: 'a Word document (.docx)', kind: 'document', matches: (b) => isZip(b) && containsAscii(b, 'word/document.') },
  {
    name: 'an OpenDocument text (.odt)',
    kind: 'document',
    matches: (b) => isZip(b) && at(b, 30, 'mimetypeapplication/vnd.oasis.opendocument.text'),
  },
  { name: 'a ZIP archive', kind: 'archive', matches: isZip },
  { name: 'a 7-Zip archive', kind: 'archive', matches: (b) => at(b, 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { name: 'a RAR archive', kind: 'archive', matches: (b) => at(b, 0, 'Rar!\x1a\x07') },
  { name: 'a gzip-compressed file', kind: 'compressed', matches: (b) => at(b, 0, [0x1f, 0x8b, 0x08]) },
  {
    name: 'a bzip2-compressed file',
    kind: 'compressed',
    matches: (b) =>
      at(b, 0, 'BZh') &&
      b[3]! >= 0x31 &&
      b[3]! <= 0x39 &&
      (at(b, 4, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) || at(b, 4, [0x17, 0x72, 0x45, 0x38, 0x50, 0x90])),
  },
  { name: 'an xz-compressed file', kind: 'compressed', matches: (b) => at(b, 0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) },
  { name: 'a Zstandard-compressed file', kind: 'compressed', matches: (b) => at(b, 0, [0x28, 0xb5, 0x2f, 0xfd]) },
  { name: 'an SQLite database', kind: 'data', matches: (b) => at(b, 0, 'SQLite format 3\x00') },
  {
    name: 'a Parquet file',
    kind: 'data',
    matches: (b) => b.length >= 12 && at(b, 0, 'PAR1') && at(b, b.length - 4, 'PAR1'),
  },
  { name: 'an Arrow or Feather file', kind: 'data', matches: (b) => at(b, 0, 'ARROW1\x00\x00') },
  { name: 'an HDF5 file', kind: 'data', matches: (b) => at(b, 0, '\x89HDF') },
  { name: 'a NumPy array file (.npy)', kind: 'data', matches: (b) => at(b, 0, '\x93NUMPY') },
];

/** The binary format `bytes` start with, or null when they match no known signature. */
export function sniffBinaryFormat(bytes: Uint8Array): BinaryFormat | null {
  const found = BINARY_SIGNATURES.find((s) => s.matches(bytes));
  return found ? { name: found.name, kind: found.kind } : null;
}

/** What to do about a file of this kind: one or two sentences for the end of the message. */
export function binaryAdvice(kind: BinaryKind | null): string {
  switch (kind) {
    case 'image':
    case 'media':
      return 'Load the CSV file of your table instead: a CSV is plain text, one row per line with the values separated by commas.';
    case 'spreadsheet':
      return 'Open it in its spreadsheet program and save the sheet as CSV (in Excel: File → Save As → "CSV UTF-8"; in LibreOffice: File → Save As → "Text CSV"), then load the .csv file.';
    case 'document':
      return 'Copy or export the table in it into a spreadsheet, save that as CSV, and load the .csv file.';
    case 'compressed':
      return 'If it is a compressed CSV (such as data.csv.gz), decompress it first (with 7-Zip, or on the command line) and load the .csv file that comes out.';
    case 'archive':
      return 'If your CSV is inside it, extract it first (double-click the archive, or use 7-Zip) and load the .csv file.';
    case 'data':
      return 'Export the table as CSV from the program that made it (in pandas: df.to_csv("table.csv", index=False)) and load that file.';
    case null:
      return 'If it is a spreadsheet (.xlsx, .ods, .numbers), save the sheet as CSV first; if it is compressed or an archive, take the CSV out of it; then load the .csv file.';
  }
}
