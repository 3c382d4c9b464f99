import type { Dataset } from '../engine/types.ts';
import { decodeDataset, isGzip } from '../engine/dataset/decode.ts';
import { DATASETS, isDatasetName } from '../engine/datasets.ts';

/**
 * Fetches and decodes a shipped data set in the browser. The files are
 * gzip-compressed; a server that already decoded them (Content-Encoding)
 * is handled too, by checking the gzip magic bytes.
 */
export async function fetchDataset(name: string, dataUrl: string, fetchImpl: typeof fetch = fetch): Promise<Dataset> {
  if (!isDatasetName(name)) throw new Error(`unknown data set "${name}" (known: ${Object.keys(DATASETS).join(', ')})`);
  const url = new URL(DATASETS[name].file, dataUrl);
  const response = await fetchImpl(url);
  if (!response.ok)
    throw new Error(`could not load ${url.pathname}: HTTP ${response.status}. Is public/data/ deployed?`);
  let bytes: Uint8Array = new Uint8Array(await response.arrayBuffer());
  if (isGzip(bytes)) bytes = await gunzip(bytes);
  return decodeDataset(bytes);
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
