/**
 * The contract between the page and the code worker, which runs the
 * JavaScript of a `code` cell against the `lab` API (docs/lab-api.md).
 * Everything that crosses is plain data: what the code returned, already
 * turned into something the page knows how to show (CodeValue), or the
 * error with its line in the reader's code.
 */
import type { BackendName } from '../model/backend.ts';
import type { Helper, HelperJob } from './codeShare.ts';

export interface CodeWorkerInit {
  readonly backend: BackendName;
  /** Absolute URL of the folder holding the data set files (public/data/). */
  readonly dataUrl: string;
}

/** The values of a cell's controls by name, as its code reads them (`controls.size`). */
export type CodeControls = Readonly<Record<string, number | string | boolean>>;

/** A cell of a table: text, a number, true/false or empty. */
export type CodeCellValue = string | number | boolean | null;

/** One series of a line chart. */
export interface CodeLineSeries {
  readonly name: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  /**
   * Drawn as a thin line (plot.line's `thin`), in the colour of the series
   * named `of` — the thick line before it, e.g. a mean whose worst and best
   * seed these are. Absent: a thick line of its own colour.
   */
  readonly thin?: { readonly of: string | null };
}

/** A chart the page draws: a line chart of series, or a bar chart of labelled values. */
export type CodePlot =
  | {
      readonly type: 'line';
      readonly title: string;
      readonly xLabel: string;
      readonly yLabel: string;
      readonly series: readonly CodeLineSeries[];
    }
  | {
      readonly type: 'bar';
      readonly title: string;
      readonly xLabel: string;
      readonly yLabel: string;
      readonly bars: readonly { readonly label: string; readonly value: number }[];
    };

/** What the code returned, as the page shows it. */
export type CodeValue =
  | {
      readonly kind: 'number';
      readonly value: number;
      /** What the number is, from lab.value (e.g. "Gain from cleaning"); absent for a bare number. */
      readonly label?: string;
      /** Its unit, from lab.value: 'percent' (a share, shown ×100 with %), 'points', or a word such as 'batches'. */
      readonly unit?: string;
    }
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'table';
      readonly columns: readonly string[];
      readonly rows: readonly (readonly CodeCellValue[])[];
      /** Rows left out because the table was longer than the page shows. */
      readonly omitted: number;
    }
  | { readonly kind: 'plot'; readonly plot: CodePlot }
  | { readonly kind: 'json'; readonly json: string }
  | { readonly kind: 'none' };

/** Where and why the reader's code failed. */
export interface CodeFailure {
  /** 'syntax': the code could not be read; 'runtime': it threw while running. */
  readonly kind: 'syntax' | 'runtime';
  /** Error name and message, e.g. "TypeError: x is not a function". */
  readonly message: string;
  /** 1-based line in the reader's code, or null when unknown. */
  readonly line: number | null;
  readonly column: number | null;
}

export type CodeRunResult =
  | { readonly ok: true; readonly value: CodeValue; readonly logs: readonly string[] }
  | { readonly ok: false; readonly failure: CodeFailure; readonly logs: readonly string[] };

export interface CodeApi {
  /**
   * Starts TF.js on the requested backend (falls back to cpu) and says which
   * one runs. `helper` runs a job in another code worker, for the fits a cell
   * asks for while this worker is busy (codeShare.ts); without it, all run here.
   */
  init(init: CodeWorkerInit, helper?: Helper): Promise<{ readonly backend: string }>;
  /** Runs a job another code worker handed over (as its helper); returns the result it would have computed. */
  job(job: HelperJob): Promise<unknown>;
  /**
   * Runs the body of an async function with `lab`, `plot`, `print` and
   * `controls` (the cell's control values, by name) in scope. Never rejects
   * for the code's own errors. `onLine` hears each printed line as it is
   * printed (lab.fit's line per epoch included), so the page can show a
   * run's progress; the result carries all of them too.
   */
  run(code: string, controls?: CodeControls, onLine?: (line: string) => void): Promise<CodeRunResult>;
}
