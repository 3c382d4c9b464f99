/**
 * Shapes used across the engine.
 *
 * N examples, D features, K classes. Features are row-major `(N, D)` in a
 * Float32Array; labels are integers in [0, K) in an Int32Array.
 */

/** A labelled data set held in memory. */
export interface Dataset {
  readonly name: string;
  readonly title: string;
  /** N: number of rows. */
  readonly n: number;
  /** D: number of features per row. */
  readonly d: number;
  /** K: number of classes. */
  readonly classes: number;
  readonly classNames: readonly string[];
  /** `(N, D)` row-major features, already scaled (digits: pixel / 16). */
  readonly x: Float32Array;
  /** `(N)` true labels in [0, K). */
  readonly y: Int32Array;
  /** Set when each row is a small grayscale image. */
  readonly image: { readonly width: number; readonly height: number } | null;
  /** A fixed split shipped with the data set (row ranges), or null to split by seed. */
  readonly split: { readonly pool: readonly [number, number]; readonly test: readonly [number, number] } | null;
  readonly source: string;
  readonly license: string;
}

/** Row indices into a data set. */
export type Indices = Int32Array;

/** A training / test partition of a data set's rows. */
export interface Split {
  /** The pool training subsets are drawn from. */
  readonly pool: Indices;
  /** The held-out test rows; their labels are always the true ones. */
  readonly test: Indices;
}

/** A dense design matrix with labels: what a model trains or is evaluated on. */
export interface LabelledMatrix {
  /** `(N, D)` row-major. */
  readonly x: Float32Array;
  /** `(N)` labels in [0, K). */
  readonly y: Int32Array;
  readonly n: number;
  readonly d: number;
  readonly classes: number;
}

/** Mean and population standard deviation (ddof = 0) of a sample. */
export interface MeanSd {
  readonly mean: number;
  readonly sd: number;
  readonly count: number;
}

/**
 * The models the lab can train. 'cnn' (src/model/cnn.ts) needs images, so it
 * is for the lab's image data sets only; MODEL_KINDS lists the models for any table.
 */
export type ModelKind = 'logreg' | 'mlp' | 'cnn';

/** The models for any table (a user's CSV as well as the lab's images). */
export type TableModelKind = Exclude<ModelKind, 'cnn'>;

export const MODEL_KINDS: readonly TableModelKind[] = ['logreg', 'mlp'];

/** The models for the lab's image data sets (code cells' lab.trainModel and lab.improveData). */
export const IMAGE_MODEL_KINDS: readonly ModelKind[] = [...MODEL_KINDS, 'cnn'];

/** Which models an analysis of a user's table may choose from: 'auto' (both kinds, the better fit), or one kind. */
export type ModelChoice = 'auto' | TableModelKind;

export const MODEL_CHOICES: readonly ModelChoice[] = ['auto', 'logreg', 'mlp'];
