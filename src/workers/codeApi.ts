/**
 * The code worker's implementation, written against injected loaders so it
 * runs the same in the worker (code.worker.ts) and in Node tests. A run
 * checks the syntax, compiles the code, calls it with `lab`, `plot` and
 * `print`, and turns the returned value (or the error) into plain data.
 * An endless loop is not its concern: the page stops it by terminating the
 * worker (codeClient.ts).
 */
import type { Dataset } from '../engine/types.ts';
import { startBackend, type BackendOptions } from '../model/backend.ts';
import type { DatasetName } from '../engine/datasets.ts';
import { checkSyntax, compile, runtimeFailure } from './codeCompile.ts';
import { createLab, createLabJobs, type Lab } from './codeLab.ts';
import { Tensor } from '@tensorflow/tfjs-core';
import { loadTfLab, usesTf, withRunTensors } from './codeRunTensors.ts';
import { createShare, type HelperJob } from './codeShare.ts';
import { LAB_STORE_VERSION, throughStore, type LabStore } from './labStore.ts';
import { plot, toCodeValue } from './codeOutput.ts';
import { formatLabelled } from '../engine/quantity.ts';
import type { CodeApi, CodeControls, CodeFailure, CodeRunResult, CodeWorkerInit } from './codeProtocol.ts';

export interface CodeApiDeps {
  /** Loads a data set by name from the folder `dataUrl`. */
  readonly loadDataset: (name: DatasetName, dataUrl: string) => Promise<Dataset>;
  readonly backendOptions?: BackendOptions;
  /** Where costly lab results are kept for the other code workers (labStore.ts); none: each worker computes its own. */
  readonly store?: LabStore;
}

/** Most lines of print() output kept per run. */
const MAX_LOGS = 200;

export function createCodeApi(deps: CodeApiDeps): CodeApi {
  let lab: Lab | null = null;
  let jobs: ((job: HelperJob) => Promise<unknown>) | null = null;
  /** The running cell's print(), for the lab's progress lines. */
  let print: ((line: string) => void) | null = null;
  return {
    async init(init: CodeWorkerInit, helper) {
      const backend = (await startBackend(init.backend, deps.backendOptions)).name;
      // Kept results are per backend: each rounds differently.
      const store = deps.store ?? null;
      const prefix = `${LAB_STORE_VERSION}:${backend}:`;
      lab = createLab({
        loadDataset: (name) => deps.loadDataset(name, init.dataUrl),
        keep: (key, compute) => throughStore(store, prefix + key, compute),
        ...(helper ? { share: createShare(helper) } : {}),
        print: (line) => print?.(line),
      });
      jobs = createLabJobs((name) => deps.loadDataset(name, init.dataUrl));
      return { backend };
    },

    async job(job: HelperJob) {
      if (!jobs) throw new Error('the code worker was not initialised: call init() first');
      return jobs(job);
    },

    async run(code: string, controls: CodeControls = {}, onLine?: (line: string) => void): Promise<CodeRunResult> {
      if (!lab) throw new Error('the code worker was not initialised: call init() first');
      const logs: string[] = [];
      const printLine = (...values: unknown[]) => {
        if (logs.length >= MAX_LOGS) return;
        const line = values.map(show).join(' ');
        logs.push(line);
        // Across the worker boundary the listener answers with a promise; nothing waits for it.
        if (onLine) void Promise.resolve(onLine(line)).catch(() => undefined);
      };
      const syntax = checkSyntax(code);
      if (syntax) return { ok: false, failure: syntax, logs };
      let fn;
      try {
        fn = compile(code);
      } catch (error) {
        return { ok: false, failure: compileFailure(error), logs };
      }
      const run = fn;
      const cellLab = lab;
      print = printLine;
      try {
        // The full TF.js only for code that names it: cells without it do not wait for it to load.
        const tf = usesTf(code) ? (await loadTfLab()).tf : undefined;
        // Shown before the run's tensors go (withRunTensors): a returned tensor is read while it lives.
        const value = await withRunTensors(async () =>
          toCodeValue(shownTensor(await run(cellLab, plot, printLine, controlsProxy(controls), tf))),
        );
        return { ok: true, value, logs };
      } catch (error) {
        return { ok: false, failure: runtimeFailure(error, code), logs };
      } finally {
        print = null;
      }
    },
  };
}

/**
 * The `controls` the code reads: the values by name, read-only; reading a
 * name the cell has no control for throws, naming the ones it has (a typo
 * would otherwise run with `undefined`).
 */
function controlsProxy(values: CodeControls): CodeControls {
  const target = Object.freeze({ ...values });
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'string' && !(key in object) && key !== 'toJSON' && key !== 'then') {
        const names = Object.keys(object);
        throw new ReferenceError(
          `controls.${key}: this cell has no control "${key}" (${names.length ? `it has: ${names.join(', ')}` : 'it has none'})`,
        );
      }
      return Reflect.get(object, key, receiver) as unknown;
    },
    set(_object, key) {
      throw new TypeError(
        `controls.${String(key)} is read-only: copy it (const ${String(key)} = controls.${String(key)}) to change it`,
      );
    },
  });
}

/** A returned tensor as its values (a number, or nested arrays shown as JSON); anything else as it is. */
function shownTensor(value: unknown): unknown {
  return value instanceof Tensor && !value.isDisposed ? value.arraySync() : value;
}

/** A number as print() shows it: whole numbers as they are, others to 4 significant digits (0.95374 → 0.9537). */
export function printNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** JSON with numbers rounded as printNumber rounds them. */
function roundedJson(value: unknown): string {
  try {
    const json = JSON.stringify(
      value,
      (_key, v: unknown) => {
        if (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v)) return Number(v.toPrecision(4));
        if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
        if (v instanceof Map) return Object.fromEntries(v);
        if (v instanceof Set) return [...v];
        if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
        return typeof v === 'bigint' || typeof v === 'function' ? String(v) : v;
      },
      2,
    );
    if (json !== undefined) return json;
  } catch {
    // fall through to the plain form
  }
  const shown = toCodeValue(value);
  return shown.kind === 'json' ? shown.json : String(value);
}

/** How print() shows one value. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Tensor) return value.isDisposed ? '[disposed tensor]' : value.toString();
  const shown = toCodeValue(value);
  switch (shown.kind) {
    case 'number':
      // A lab.value prints as the page shows it ("Gain: 4.4 points"); a bare number to 4 significant digits.
      return shown.label !== undefined || shown.unit !== undefined
        ? formatLabelled(shown.value, shown.label, shown.unit)
        : printNumber(shown.value);
    case 'text':
      return shown.text;
    case 'json':
      return roundedJson(value);
    case 'none':
      return 'undefined';
    default:
      return `[${shown.kind}]`;
  }
}

/** Compiling failed although acorn read the code: a security policy forbids eval, or the engine disagrees with acorn. */
function compileFailure(error: unknown): CodeFailure {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const blocked = error instanceof EvalError || /Content Security Policy|unsafe-eval/i.test(message);
  return {
    kind: 'syntax',
    message: blocked
      ? `${message} — this site's security policy does not let the code worker compile code. The host must serve the code worker (assets/code.worker-*.js) with script-src 'self' 'unsafe-eval' (see docs/lab-api.md).`
      : message,
    line: null,
    column: null,
  };
}
