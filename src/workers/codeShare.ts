/**
 * A code cell's costly fits on two cores. Each code cell runs in its own
 * code worker, on one core, while the page's other core waits. When a cell
 * asks for several fits at once (`await Promise.all(settings.map(…))`), the
 * code worker keeps one running itself and hands the next to a helper code
 * worker the page starts on first need (codeClient.ts), one job at a time.
 *
 * A job is plain data (data-set rows, labels, settings, seed), and training
 * is deterministic, so a fit gives the same numbers in either worker: where
 * a job ran never changes a result, only how soon it comes. Code that awaits
 * one fit at a time never waits for the helper: with the worker's own slot
 * free, every job runs here, as before.
 */
import type { ModelSettings } from '../model/fit.ts';

/** The model settings a job trains with (those of lab.trainModel). */
type JobSettings = ModelSettings & { readonly maxIterations?: number };

/** A job the helper can run: one of the strategies lab's fits (codeLabStrategies.ts). */
export type HelperJob =
  | {
      readonly kind: 'fit';
      readonly dataset: string;
      readonly model: string;
      readonly settings: JobSettings;
      readonly seed: number;
      readonly validation: { readonly rows: Int32Array; readonly labels: Int32Array } | null;
      readonly rows: Int32Array;
      readonly labels: Int32Array;
    }
  | {
      readonly kind: 'heldOut';
      readonly dataset: string;
      readonly model: string;
      readonly settings: JobSettings;
      readonly seed: number;
      readonly trainRows: Int32Array;
      readonly trainLabels: Int32Array;
      readonly predictRows: Int32Array;
    };

/** Runs a job in the helper worker; rejects when the helper cannot (then the job runs here). */
export type Helper = (job: HelperJob) => Promise<unknown>;

/** Decides where each job runs: here when this worker is free, else in the helper when it is, else in turn. */
export type Share = <T>(job: HelperJob, here: () => Promise<T>) => Promise<T>;

/** Without a helper (Node, tests): every job runs here, at once. */
export const shareNothing: Share = (_job, here) => here();

export function createShare(helper: Helper | null): Share {
  if (!helper) return shareNothing;
  let hereBusy = false;
  let helperBusy = false;
  let helperBroken = false;
  const waiting: (() => void)[] = [];
  const next = () => waiting.shift()?.();
  return async <T>(job: HelperJob, here: () => Promise<T>): Promise<T> => {
    for (;;) {
      if (!hereBusy) {
        hereBusy = true;
        try {
          // A fit holds this worker's thread to its end: first let the cell's other requests reach the helper.
          await new Promise((resolve) => setTimeout(resolve, 0));
          return await here();
        } finally {
          hereBusy = false;
          next();
        }
      }
      if (!helperBusy && !helperBroken) {
        helperBusy = true;
        try {
          return (await helper(job)) as T;
        } catch {
          // The helper failed (it could not start, or crashed): this worker does the rest alone.
          helperBroken = true;
          continue;
        } finally {
          helperBusy = false;
          next();
        }
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
}
