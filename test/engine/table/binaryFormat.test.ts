import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import {
  BINARY_SIGNATURES,
  binaryAdvice,
  sniffBinaryFormat,
  type BinaryKind,
} from '../../../src/engine/table/binaryFormat.ts';

/** Bytes from a mix of single-byte strings and byte values. */
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));
const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../../fixtures/encodings/${name}`, import.meta.url));

describe('sniffBinaryFormat', () => {
  const samples: [string, Uint8Array][] = [
    ['a PNG image', readFileSync(new URL('../../../docs/screenshot.png', import.meta.url))],
    ['a JPEG image', bytes([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x18], 'Exif', [0, 0])],
    ['a GIF image', bytes('GIF87a', [1, 0, 1, 0])],
    ['a WebP image', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['a TIFF image', bytes('II*', [0, 8, 0, 0, 0])],
    ['a BMP image', bytes('BM', [0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0])],
    ['a HEIC or AVIF image', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0])],
    ['an MP4 or QuickTime video', bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0])],
    ['a WAV audio file', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['an AVI video', bytes('RIFF', [0x24, 0, 0, 0], 'AVI LIST')],
    ['an MP3 audio file', bytes('ID3', [4, 0, 0, 0, 0, 0, 0])],
    ['an Ogg audio or video file', bytes('OggS', [0, 2, 0, 0])],
    ['a FLAC audio file', bytes('fLaC', [0x80, 0, 0, 0x22])],
    ['a PDF document', fixture('page.pdf')],
    ['an old-style Microsoft Office file (.xls or .doc)', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])],
    ['an OpenDocument spreadsheet (.ods)', fixture('sheet.ods')],
    ['an Excel workbook (.xlsx)', fixture('book.xlsx')],
    ['an Apple Numbers spreadsheet', bytes('PK', [3, 4, 20, 0, 0, 0, 0, 0], 'Index/Document.iwa')],
    ['a Word document (.docx)', bytes('PK', [3, 4, 20, 0, 0, 0, 0, 0], 'word/document.xml')],
    [
      'an OpenDocument text (.odt)',
      bytes('PK', [3, 4, 20, 0, 0, 0, 0, 0], 'x'.repeat(20), 'mimetypeapplication/vnd.oasis.opendocument.text'),
    ],
    ['a ZIP archive', fixture('archive.zip')],
    ['a 7-Zip archive', bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4])],
    ['a RAR archive', bytes('Rar!', [0x1a, 0x07, 0x01, 0x00])],
    ['a gzip-compressed file', gzipSync(bytes('a,b\n1,2\n'))],
    ['a bzip2-compressed file', bytes('BZh9', [0x31, 0x41, 0x59, 0x26, 0x53, 0x59])],
    ['an xz-compressed file', bytes([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04])],
    ['a Zstandard-compressed file', bytes([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x08])],
    ['an SQLite database', bytes('SQLite format 3', [0, 0x10, 0])],
    ['a Parquet file', bytes('PAR1', [0x15, 0x04, 0x15, 0x10], 'PAR1')],
    ['an Arrow or Feather file', bytes('ARROW1', [0, 0, 0xff, 0xff])],
    ['an HDF5 file', bytes([0x89], 'HDF\r\n', [0x1a, 0x0a, 0])],
    ['a NumPy array file (.npy)', bytes([0x93], 'NUMPY', [1, 0, 0x76, 0])],
  ];

  it('has a sample for every signature', () => {
    expect(samples.map(([name]) => name).sort()).toEqual(BINARY_SIGNATURES.map((s) => s.name).sort());
  });

  it.each(samples)('sniffBinaryFormat(%s) names it', (name, sample) => {
    expect(sniffBinaryFormat(sample)?.name).toBe(name);
  });

  it('sniffBinaryFormat(an .xlsx whose entry names are only in the central directory at the end) still says Excel', () => {
    const big = new Uint8Array(300_000).fill(0x41);
    big.set(bytes('PK', [3, 4]), 0);
    big.set(bytes('xl/workbook.xml'), big.length - 100);
    expect(sniffBinaryFormat(big)?.name).toBe('an Excel workbook (.xlsx)');
  });

  it.each([
    'PAR1,PAR2\n1,2\n',
    'BMI,age\n22.5,40\n',
    'BM,x\n1,2\n',
    'ID3,label\n1,a\n',
    'GIF,x\n1,2\n',
    'RIFF,WAVE,WEBP\n1,2,3\n',
    'OggS,fLaC\n1,2\n',
    'ARROW1,x\n1,2\n',
    'PK,name\n1,a\n',
    'SQLite format 3,x\n',
    'BZh9,x\n1,2\n',
    'size,ftypisom\n1,2\n',
    'Rar!,x\n',
  ])('sniffBinaryFormat(CSV text starting like a signature: %j) is null', (text) => {
    expect(sniffBinaryFormat(new TextEncoder().encode(text))).toBeNull();
  });

  it('sniffBinaryFormat(every shipped CSV, and empty input) is null', () => {
    const dir = new URL('../../../public/data/tabular/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(sniffBinaryFormat(readFileSync(new URL(file, dir))), file).toBeNull();
    expect(sniffBinaryFormat(new Uint8Array(0))).toBeNull();
  });
});

describe('binaryAdvice', () => {
  it.each<[BinaryKind | null, RegExp]>([
    ['image', /Load the CSV file of your table instead/],
    ['media', /Load the CSV file of your table instead/],
    ['spreadsheet', /save the sheet as CSV .*"CSV UTF-8".*"Text CSV"/],
    ['document', /into a spreadsheet, save that as CSV/],
    ['compressed', /decompress it first/],
    ['archive', /extract it first/],
    ['data', /df\.to_csv/],
    [null, /spreadsheet.*save the sheet as CSV.*compressed or an archive/],
  ])('binaryAdvice(%s) says what to do', (kind, advice) => {
    expect(binaryAdvice(kind)).toMatch(advice);
  });
});
