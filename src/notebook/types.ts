/**
 * A lesson: frontmatter, prose, and fenced live cells.
 * See lessons/README.md for the file format.
 */
import type { DatasetName } from '../engine/datasets.ts';
import type { ModelChoice, ModelKind } from '../engine/types.ts';
import type { ToyShape } from '../engine/toy2d.ts';
import type { NoiseSpec } from '../engine/noise/spec.ts';
import type { Filter } from '../engine/confident/findLabelIssues.ts';
import type { TabularFile } from './tabularFiles.ts';
import type { CheckSpec } from './checkSpec.ts';
import type { CodeControl } from './codeSchema.ts';

export interface LessonMeta {
  readonly title: string;
  readonly summary: string;
  /** Estimated reading-and-running time. */
  readonly minutes: number;
}

export interface Lesson {
  /** File name without extension, e.g. "01-clean-vs-more-data". */
  readonly slug: string;
  /** Path the lesson came from, for messages. */
  readonly file: string;
  readonly meta: LessonMeta;
  readonly blocks: readonly Block[];
}

export type Block = ProseBlock | CellBlock | CheckBlock;

export interface ProseBlock {
  readonly kind: 'prose';
  /** Rendered HTML; live values appear as `<output data-ref="cell.key">`. */
  readonly html: string;
  readonly line: number;
}

export interface CellBlock {
  readonly kind: 'cell';
  readonly cell: CellSpec;
}

/** A self-check question whose answer comes from the reader's own run (a ```check block; see checkBlock.ts). */
export interface CheckBlock {
  readonly kind: 'check';
  readonly check: CheckSpec;
}

export type CellSpec =
  CurveCellSpec | PlaygroundCellSpec | ReviewCellSpec | LabelersCellSpec | WorthCellSpec | CodeCellSpec | LabelCellSpec;
export type CellType = CellSpec['type'];

interface CellBase {
  /** Unique within the lesson; names the cell's outputs for `{{id.key}}` references. */
  readonly id: string;
  readonly title: string;
  /** Line of the opening fence in the lesson file. */
  readonly line: number;
  /** Parameters taken from other cells' outputs (`from:`; see notebook/cellLinks.ts). */
  readonly links?: readonly CellLink[];
}

/** One parameter taken from another cell's output: `from: { param: cell.output }`. */
export interface CellLink {
  readonly param: string;
  readonly cell: string;
  readonly output: string;
  /** Line of the link in the lesson file. */
  readonly line: number;
}

export interface CurveParams {
  readonly dataset: DatasetName;
  readonly model: ModelKind;
  /** The noisy arm's label noise (a bare number in a lesson file means uniform noise at that rate). */
  readonly noise: NoiseSpec;
  readonly sizes: readonly number[];
  readonly seeds: number;
  /** First seed; seeds are seed, seed + 1, … */
  readonly seed: number;
  /** Size at which the exchange rate is read off. */
  readonly n0: number;
}

export interface CurvePreset {
  readonly name: string;
  readonly description: string;
  readonly params: CurveParams;
}

/** What a curve cell draws: the learning curve (the default), or the curve with the power law fitted to it (sizing). */
export type CurveChart = 'curve' | 'power-law';
export const CURVE_CHARTS: readonly CurveChart[] = ['curve', 'power-law'];

export interface CurveCellSpec extends CellBase {
  readonly type: 'curve';
  readonly params: CurveParams;
  readonly presets: readonly CurvePreset[];
  /**
   * The accuracy axis, [low, high] in [0, 1], when the lesson wants several
   * curves drawn on the same one (`yAxis:`); it widens to fit a value outside.
   * Absent: fitted to the data.
   */
  readonly yAxis?: readonly [number, number];
  /** Absent: 'curve'. Not a parameter: the lesson's choice of figure, not kept in links. */
  readonly chart?: CurveChart;
}

export interface PlaygroundParams {
  readonly shape: ToyShape;
  /** Training points. */
  readonly points: number;
  /** Classes (blobs only). */
  readonly classes: number;
  /** Fraction of training labels flipped. */
  readonly noise: number;
  readonly model: ModelKind;
  readonly seed: number;
  /** Networks trained from different starting points and averaged (the MLP; 1–16). */
  readonly starts: number;
  /** Clean test points the accuracy is measured on (100–5000). */
  readonly testPoints: number;
}

export interface PlaygroundCellSpec extends CellBase {
  readonly type: 'playground';
  readonly params: PlaygroundParams;
}

/** Finding and fixing label errors: confident learning on a noisy training set, a review list, the cleaning budget. */
export interface ReviewParams {
  readonly dataset: DatasetName;
  readonly model: ModelKind;
  /** Noise injected into the training labels (known, so flags can be scored against the truth). */
  readonly noise: NoiseSpec;
  /** Training examples (the first `size` of the seed's nested order). */
  readonly size: number;
  /** Cross-validation folds for the out-of-fold probabilities. */
  readonly folds: number;
  /** Which confident-learning filter flags issues (engine/confident/findLabelIssues.ts). */
  readonly filter: Filter;
  readonly seed: number;
  /**
   * Training sets the cleaning budget averages: this one (`seed`) and the
   * next `seeds − 1` seeds, drawn with the same settings.
   */
  readonly seeds: number;
}

export interface ReviewCellSpec extends CellBase {
  readonly type: 'review';
  readonly params: ReviewParams;
}

/** Two or more simulated labelers: agreement, where they disagree, and revising the instructions. */
export interface LabelersParams {
  readonly dataset: DatasetName;
  readonly model: ModelKind;
  /** Items labelled (from the training pool, stratified). */
  readonly items: number;
  /** Number of labelers, 2–5. */
  readonly labelers: number;
  /** Probability each labeler gets an unambiguous item right. */
  readonly accuracy: number;
  /** Named set of ambiguous classes and where they get sent (see AMBIGUITY_PRESETS). */
  readonly ambiguity: string;
  readonly seed: number;
}

export interface LabelersCellSpec extends CellBase {
  readonly type: 'labelers';
  readonly params: LabelersParams;
}

/** The reader labels a batch of images themself (state/labelCell.svelte.ts). */
export interface LabelParams {
  readonly dataset: DatasetName;
  /** Distinct items in the batch. */
  readonly items: number;
  /** Items shown a second time, unannounced, later in the batch (self-consistency). */
  readonly repeats: number;
  /** Share of the items drawn from the data set's confusable classes (the rest from the easy ones). */
  readonly confusable: number;
  /** The written instructions the reader starts from. */
  readonly instructions: string;
  /** Seed of the item choice, their order and the repeats. */
  readonly seed: number;
}

export interface LabelCellSpec extends CellBase {
  readonly type: 'label';
  readonly params: LabelParams;
}

/** The Worth report on a bundled CSV: what its label noise costs and what fixing it is worth. */
export interface WorthParams {
  /** A bundled table under data/tabular/ (see tabularFiles.ts). */
  readonly file: TabularFile;
  /** Name of the label column (default: the file's own label column). */
  readonly label: string;
  /** Fraction of the labels flipped (uniform, seeded) before the analysis, so the estimates can be checked; 0 = the labels as in the file. */
  readonly injectNoise: number;
  /** Cross-validation folds. */
  readonly folds: number;
  /** 'auto' (the better-fitting model), 'logreg' or 'mlp'. */
  readonly model: ModelChoice;
  /** Seed of the folds, the injected noise, the subsets and the bootstrap. */
  readonly seed: number;
}

export interface WorthCellSpec extends CellBase {
  readonly type: 'worth';
  readonly params: WorthParams;
}

/** JavaScript the reader can edit and run in a worker against the `lab` API (docs/lab-api.md). */
export interface CodeParams {
  /** The lesson's code: the body of an async function with `lab`, `plot`, `print`, `controls` and `tf` (TF.js) in scope. */
  readonly code: string;
}

export interface CodeCellSpec extends CellBase {
  readonly type: 'code';
  readonly params: CodeParams;
  /** Named inputs shown above the result; the code reads them as `controls.name` (codeSchema.ts). None: the editor is the cell. */
  readonly controls?: readonly CodeControl[];
}

/** A lesson file is malformed: names the file, the line and what is wrong. */
export class LessonError extends Error {
  override name = 'LessonError';
  readonly file: string;
  readonly line: number;
  readonly reason: string;

  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}
