/**
 * The page side of the table worker: starts the worker the first time a
 * file is imported (most visits never need it), wraps it with comlink and
 * sends the bytes without copying them. The state layer sees only
 * `TableImporter`.
 */
import * as Comlink from 'comlink';
import type {
  CleanedCsv,
  CleanedCsvRequest,
  ImportOptions,
  ImportProgress,
  ImportResult,
  TableApi,
} from './tableProtocol.ts';

export interface TableImporter {
  importTable(bytes: Uint8Array, options?: ImportOptions, onProgress?: ImportProgress): Promise<ImportResult>;
  /** The cleaned table as CSV text (written in the worker: a large table never blocks the page). */
  cleanedCsv(request: CleanedCsvRequest): Promise<CleanedCsv>;
}

/** Anything comlink can talk to: a Worker, or one end of a MessageChannel in tests. */
export type TableEndpoint = Comlink.Endpoint;

export function createTableClient(createWorker: () => TableEndpoint): TableImporter {
  let remote: Comlink.Remote<TableApi> | null = null;
  const worker = () => (remote ??= Comlink.wrap<TableApi>(createWorker()));
  return {
    importTable(bytes, options = {}, onProgress) {
      const remote = worker();
      const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
      return remote.importTable(Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]), options, progress);
    },
    cleanedCsv(request) {
      return worker().cleanedCsv(request);
    },
  };
}
