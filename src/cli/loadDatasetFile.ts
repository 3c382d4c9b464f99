import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeDataset, isGzip } from '../engine/dataset/decode.ts';
import { DATASETS, isDatasetName } from '../engine/datasets.ts';
import type { Dataset } from '../engine/types.ts';

/** public/data/ of this checkout. */
export const DATA_DIR = fileURLToPath(new URL('../../public/data/', import.meta.url));

/** Reads a shipped data set from disk (Node). */
export async function loadDatasetFile(name: string, dir: string = DATA_DIR): Promise<Dataset> {
  if (!isDatasetName(name)) throw new Error(`unknown data set "${name}" (known: ${Object.keys(DATASETS).join(', ')})`);
  const path = `${dir.replace(/\/?$/, '/')}${DATASETS[name].file}`;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    throw new Error(`data set file ${path} not found; run \`npm run prepare-data\` to make it`);
  }
  return decodeDataset(isGzip(bytes) ? gunzipSync(bytes) : bytes);
}
