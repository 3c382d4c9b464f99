import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DatasetFormatError, decodeDataset, isGzip } from '../../../src/engine/dataset/decode.ts';
import { DATASETS } from '../../../src/engine/datasets.ts';

/** Writes the DCL1 format by hand: "DCL1", uint32 LE header length, JSON header, labels, features. */
function encode(header: Record<string, unknown>, labels: number[], features: number[]): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify(header));
  const bytes = new Uint8Array(8 + head.length + labels.length + features.length);
  bytes.set([0x44, 0x43, 0x4c, 0x31], 0); // "DCL1"
  new DataView(bytes.buffer).setUint32(4, head.length, true);
  bytes.set(head, 8);
  bytes.set(labels, 8 + head.length);
  bytes.set(features, 8 + head.length + labels.length);
  return bytes;
}

const HEADER = {
  format: 'DCL1',
  name: 'tiny',
  title: 'Tiny set',
  n: 3,
  d: 2,
  classes: 2,
  featureMax: 4,
  classNames: ['no', 'yes'],
  image: { width: 2, height: 1 },
  split: { pool: [0, 2], test: [2, 3] },
  source: 'hand-made',
  license: 'CC0',
};
const LABELS = [1, 0, 1];
const FEATURES = [0, 4, 2, 1, 3, 4];

function decodeFailure(bytes: Uint8Array): DatasetFormatError {
  try {
    decodeDataset(bytes);
  } catch (error) {
    if (error instanceof DatasetFormatError) return error;
    throw error;
  }
  throw new Error('decodeDataset did not throw');
}

describe('decodeDataset', () => {
  it('decodeDataset(bytes) reads the header, labels and features scaled by 1/featureMax', () => {
    const dataset = decodeDataset(encode(HEADER, LABELS, FEATURES));
    expect(dataset.name).toBe('tiny');
    expect(dataset.title).toBe('Tiny set');
    expect(dataset.n).toBe(3);
    expect(dataset.d).toBe(2);
    expect(dataset.classes).toBe(2);
    expect(dataset.classNames).toEqual(['no', 'yes']);
    expect(dataset.y).toBeInstanceOf(Int32Array);
    expect(Array.from(dataset.y)).toEqual([1, 0, 1]);
    expect(dataset.x).toBeInstanceOf(Float32Array);
    expect(Array.from(dataset.x)).toEqual([0, 1, 0.5, 0.25, 0.75, 1]);
    expect(dataset.image).toEqual({ width: 2, height: 1 });
    expect(dataset.split).toEqual({ pool: [0, 2], test: [2, 3] });
    expect(dataset.source).toBe('hand-made');
    expect(dataset.license).toBe('CC0');
  });

  it('decodeDataset(bytes) fills in defaults for the optional header fields', () => {
    const dataset = decodeDataset(encode({ name: 'bare', n: 1, d: 1, classes: 3, featureMax: 1 }, [2], [1]));
    expect(dataset.title).toBe('bare');
    expect(dataset.classNames).toEqual(['0', '1', '2']);
    expect(dataset.image).toBeNull();
    expect(dataset.split).toBeNull();
    expect(dataset.source).toBe('');
    expect(dataset.license).toBe('');
    expect(Array.from(dataset.x)).toEqual([1]);
  });

  it('decodeDataset(subarray) reads bytes that start at an offset in a larger buffer', () => {
    const inner = encode(HEADER, LABELS, FEATURES);
    const outer = new Uint8Array(inner.length + 7);
    outer.set(inner, 5);
    const dataset = decodeDataset(outer.subarray(5, 5 + inner.length));
    expect(Array.from(dataset.y)).toEqual(LABELS);
    expect(Array.from(dataset.x)).toEqual([0, 1, 0.5, 0.25, 0.75, 1]);
  });

  it('decodeDataset(bytes) throws a DatasetFormatError for fewer than 8 bytes', () => {
    const error = decodeFailure(new Uint8Array([0x44, 0x43, 0x4c]));
    expect(error.name).toBe('DatasetFormatError');
    expect(error.message).toBe(
      'Not a Data-Centric Lab data set: only 3 bytes. Regenerate it with `npm run prepare-data`.',
    );
    expect(decodeFailure(new Uint8Array(0)).message).toContain('only 0 bytes');
  });

  it('decodeDataset(bytes) throws a DatasetFormatError naming the bad magic', () => {
    const bytes = encode(HEADER, LABELS, FEATURES);
    bytes.set([0x50, 0x4b, 0x03, 0x04], 0);
    expect(decodeFailure(bytes).message).toContain('starts with "PK\x03\x04", expected "DCL1"');
  });

  it('decodeDataset(gzipped bytes) throws a DatasetFormatError: gunzip first', () => {
    const gzipped = new Uint8Array(gzipSync(encode(HEADER, LABELS, FEATURES)));
    expect(decodeFailure(gzipped).message).toMatch(/expected "DCL1"/);
  });

  it('decodeDataset(bytes) throws when the header length runs past the end of the file', () => {
    const bytes = encode(HEADER, LABELS, FEATURES);
    new DataView(bytes.buffer).setUint32(4, 10_000, true);
    expect(decodeFailure(bytes).message).toContain('header runs past the end of the file');
  });

  it('decodeDataset(bytes) throws when the header is not JSON', () => {
    const bytes = encode(HEADER, LABELS, FEATURES);
    bytes[8] = 0x7b + 1; // "{" → "|"
    expect(decodeFailure(bytes).message).toContain('header is not JSON');
  });

  it('decodeDataset(bytes) throws a DatasetFormatError when the header is JSON but not an object', () => {
    for (const json of ['null', '[]', '42', '"DCL1"']) {
      const head = new TextEncoder().encode(json);
      const bytes = new Uint8Array(8 + head.length);
      bytes.set([0x44, 0x43, 0x4c, 0x31], 0);
      new DataView(bytes.buffer).setUint32(4, head.length, true);
      bytes.set(head, 8);
      expect(decodeFailure(bytes).message, json).toContain('header is not a JSON object');
    }
  });

  it('decodeDataset(bytes) throws naming a header field that is missing or not a positive integer', () => {
    for (const [key, value] of [
      ['n', 0],
      ['d', -1],
      ['classes', 2.5],
      ['featureMax', undefined],
      ['n', '3'],
    ] as const) {
      const header: Record<string, unknown> = { ...HEADER, [key]: value };
      if (value === undefined) delete header[key];
      expect(decodeFailure(encode(header, LABELS, FEATURES)).message).toContain(
        `header field "${key}" is ${String(value)}`,
      );
    }
  });

  it('decodeDataset(truncated bytes) throws naming the expected and actual length', () => {
    const bytes = encode(HEADER, LABELS, FEATURES);
    const truncated = bytes.subarray(0, bytes.length - 2);
    expect(decodeFailure(truncated).message).toContain(
      `expected ${bytes.length} bytes for 3×2, found ${bytes.length - 2}`,
    );
  });

  it('decodeDataset(bytes with trailing garbage) throws naming the expected and actual length', () => {
    const bytes = encode(HEADER, LABELS, [...FEATURES, 9]);
    expect(decodeFailure(bytes).message).toContain(`expected ${bytes.length - 1} bytes for 3×2, found ${bytes.length}`);
  });

  it('decodeDataset(bytes) throws naming the row whose label is not below the number of classes', () => {
    const error = decodeFailure(encode(HEADER, [1, 0, 2], FEATURES));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain('row 2 has label 2 but there are 2 classes');
    expect(error.message).toContain('npm run prepare-data');
  });

  it('decodeDataset(public/data/digits.dcl.gz after gunzip) is the 1,797 × 64 digits set with 10 classes of ~180 rows', () => {
    const compressed = new Uint8Array(readFileSync(new URL('../../../public/data/digits.dcl.gz', import.meta.url)));
    expect(isGzip(compressed)).toBe(true);
    const digits = decodeDataset(new Uint8Array(gunzipSync(compressed)));
    expect(digits.name).toBe('digits');
    expect(digits.n).toBe(1797);
    expect(digits.d).toBe(64);
    expect(digits.classes).toBe(DATASETS.digits.classes);
    expect(digits.x.length).toBe(1797 * 64);
    expect(digits.y.length).toBe(1797);
    expect(digits.image).toEqual({ width: 8, height: 8 });
    expect(digits.split).toBeNull();
    let min = Infinity;
    let max = -Infinity;
    for (const v of digits.x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    // Pixel values are k/16.
    expect(digits.x.every((v) => Number.isInteger(v * 16))).toBe(true);
    const counts = new Array<number>(10).fill(0);
    for (const label of digits.y) counts[label]!++;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1797);
    for (const c of counts) {
      expect(c).toBeGreaterThanOrEqual(174);
      expect(c).toBeLessThanOrEqual(183);
    }
  });
});

describe('isGzip', () => {
  it('isGzip(bytes) is true for bytes starting 1f 8b', () => {
    expect(isGzip(new Uint8Array(gzipSync(new Uint8Array([1, 2, 3]))))).toBe(true);
    expect(isGzip(new Uint8Array([0x1f, 0x8b]))).toBe(true);
  });

  it('isGzip(bytes) is false for DCL1 bytes, other bytes and too-short input', () => {
    expect(isGzip(encode(HEADER, LABELS, FEATURES))).toBe(false);
    expect(isGzip(new Uint8Array([0x8b, 0x1f]))).toBe(false);
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
    expect(isGzip(new Uint8Array(0))).toBe(false);
  });
});
