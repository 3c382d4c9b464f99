/// <reference lib="webworker" />
/**
 * Web Worker entry: exposes the table API over comlink. Nothing else lives
 * here — the implementation is tableApi.ts, testable in-process.
 */
import * as Comlink from 'comlink';
import { createTableApi } from './tableApi.ts';

Comlink.expose(createTableApi());
