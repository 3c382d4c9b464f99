import type { Dataset } from '../types.ts';

/**
 * Decodes the `DCL1` binary format written by scripts/prepare-data.py
 * (after gunzip): "DCL1", uint32 LE header length H, H bytes of JSON header,
 * N label bytes, N×D feature bytes (value = byte / featureMax).
 */
export function decodeDataset(bytes: Uint8Array): Dataset {
  const fail = (reason: string): never => {
    throw new DatasetFormatError(
      `Not a Data-Centric Lab data set: ${reason}. Regenerate it with \`npm run prepare-data\`.`,
    );
  };
  if (bytes.length < 8) fail(`only ${bytes.length} bytes`);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== 'DCL1') fail(`starts with "${magic}", expected "DCL1"`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) fail('header runs past the end of the file');
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    return fail('header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('header is not a JSON object');
  const h = header as Record<string, unknown>;
  const n = h.n as number;
  const d = h.d as number;
  const classes = h.classes as number;
  const featureMax = h.featureMax as number;
  for (const [key, value] of Object.entries({ n, d, classes, featureMax })) {
    if (!Number.isInteger(value) || value <= 0) fail(`header field "${key}" is ${String(value)}`);
  }
  const labelsStart = 8 + headerLength;
  const featuresStart = labelsStart + n;
  if (bytes.length !== featuresStart + n * d) {
    fail(`expected ${featuresStart + n * d} bytes for ${n}×${d}, found ${bytes.length}`);
  }
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = bytes[labelsStart + i]!;
    if (label >= classes) fail(`row ${i} has label ${label} but there are ${classes} classes`);
    y[i] = label;
  }
  const x = new Float32Array(n * d);
  const scale = 1 / featureMax;
  for (let i = 0; i < n * d; i++) x[i] = bytes[featuresStart + i]! * scale;
  const classNames = Array.isArray(h.classNames)
    ? (h.classNames as string[])
    : Array.from({ length: classes }, (_, i) => String(i));
  return {
    name: String(h.name),
    title: String(h.title ?? h.name),
    n,
    d,
    classes,
    classNames,
    x,
    y,
    image: (h.image as Dataset['image']) ?? null,
    split: (h.split as Dataset['split']) ?? null,
    source: String(h.source ?? ''),
    license: String(h.license ?? ''),
  };
}

/** The bytes are not a valid data set file. */
export class DatasetFormatError extends Error {
  override name = 'DatasetFormatError';
}

/** True when `bytes` start with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
