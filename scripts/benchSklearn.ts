/**
 * The scikit-learn side of `npm run bench`: Debian's /usr/bin/python3 runs
 * scripts/bench_sklearn*.py on the very training sets and labels the lab
 * uses (the data set goes over stdin as base64 float32, so the reference
 * sees the same values). Everything here returns null when python3 has no
 * sklearn, so the bench runs without it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Dataset } from '../src/engine/types.ts';
import type { TrialSpec } from '../src/engine/sweep.ts';
import { TrialPreparer } from '../src/engine/trial.ts';
import { ROOT } from './previewBrowser.ts';

/** Debian's python3 (DCL_PYTHON overrides it, e.g. to check the bench without scikit-learn). */
const PYTHON = process.env.DCL_PYTHON ?? '/usr/bin/python3';

export interface SklearnInfo {
  readonly version: string;
  /** Threads of its BLAS / OpenMP pools, e.g. "openblas 2". */
  readonly threads: string;
}

/** scikit-learn's version and thread pools, or null when /usr/bin/python3 cannot import it. */
export function probeSklearn(): SklearnInfo | null {
  const probe = spawnSync(
    PYTHON,
    [
      '-c',
      [
        'import json, numpy, sklearn, sklearn.linear_model',
        'try:',
        '    from threadpoolctl import threadpool_info',
        '    pools = ", ".join(f"{p[\'internal_api\']} {p[\'num_threads\']}" for p in threadpool_info())',
        'except ImportError:',
        '    pools = "?"',
        'print(json.dumps({"version": sklearn.__version__, "threads": pools}))',
      ].join('\n'),
    ],
    { encoding: 'utf8' },
  );
  if (probe.error || probe.status !== 0) return null;
  return JSON.parse(probe.stdout) as SklearnInfo;
}

function runPython<T>(script: string, job: unknown): T {
  const run = spawnSync(PYTHON, [join(ROOT, 'scripts', script)], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr.trim().split('\n').at(-1)}`);
  return JSON.parse(run.stdout) as T;
}

const base64 = (x: Float32Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64');

export interface SklearnSweep {
  /** Wall time of each timed pass over all trials. */
  readonly milliseconds: number[];
  /** Clean-test accuracy of each trial of the first pass, in the order given. */
  readonly accuracies: number[];
}

/**
 * LogisticRegression(C=1, lbfgs) on exactly the training sets (and noisy
 * labels) of each pass's trials; one wall time per pass, the first pass's accuracies.
 */
export function sklearnSweep(dataset: Dataset, passes: readonly (readonly TrialSpec[])[]): SklearnSweep {
  const preparer = new TrialPreparer(dataset);
  const job = {
    d: dataset.d,
    x: base64(dataset.x),
    test: Array.from(preparer.split.test),
    y_test: Array.from(preparer.test.y),
    passes: passes.map((trials) =>
      trials.map((spec) => ({
        rows: Array.from(preparer.order(spec.seed).subarray(0, spec.size)),
        y: Array.from(preparer.prepare(spec).train.y),
      })),
    ),
  };
  const out = runPython<{ seconds: number[]; accuracies: number[] }>('bench_sklearn.py', job);
  return { milliseconds: out.seconds.map((s) => s * 1000), accuracies: out.accuracies };
}

/**
 * Wall time of scikit-learn's 5-fold cross_val_predict(predict_proba) on each
 * pass's rows and labels (one pass per timed run, after a warm-up on the first).
 */
export function sklearnCrossVal(
  dataset: Dataset,
  passes: readonly { readonly rows: Int32Array; readonly labels: Int32Array }[],
): number[] {
  const { d } = dataset;
  const job = {
    d,
    passes: passes.map(({ rows, labels }) => {
      const x = new Float32Array(rows.length * d);
      rows.forEach((row, i) => x.set(dataset.x.subarray(row * d, row * d + d), i * d));
      return { x: base64(x), y: Array.from(labels) };
    }),
  };
  return runPython<{ seconds: number[] }>('bench_sklearn_cv.py', job).seconds.map((s) => s * 1000);
}
