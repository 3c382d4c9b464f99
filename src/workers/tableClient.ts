/**
 * The page side of the table worker: starts the worker the first time a
 * file is imported (most visits never need it), wraps it with comlink and
 * sends the bytes without copying them. The state layer sees only
 * `TableImporter`.
 */
import * as Comlink from 'comlink';
import type { ImportOptions, ImportProgress, ImportResult, TableApi } from './tableProtocol.ts';

export interface TableImporter {
  importTable(bytes: Uint8Array, options?: ImportOptions, onProgress?: ImportProgress): Promise<ImportResult>;
}

/** Anything comlink can talk to: a Worker, or one end of a MessageChannel in tests. */
export type TableEndpoint = Comlink.Endpoint;

export function createTableClient(createWorker: () => TableEndpoint): TableImporter {
  let remote: Comlink.Remote<TableApi> | null = null;
  return {
    importTable(bytes, options = {}, onProgress) {
      remote ??= Comlink.wrap<TableApi>(createWorker());
      const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
      return remote.importTable(Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]), options, progress);
    },
  };
}
