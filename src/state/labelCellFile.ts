/**
 * The label file a label cell exports: JSON that `lab agreement` reads as it
 * is (its `labels` are whole-number classes, one per item; see
 * cli/agreementArgs.ts), with what a later import needs to line files up.
 *
 * {
 *   "format": "data-centric-lab/labels",   // LABEL_FILE_FORMAT
 *   "version": 1,
 *   "labeler": "you",                      // or "data set" for the data set's own labels
 *   "dataset": "fashion",
 *   "classNames": ["T-shirt/top", …],      // index = class number
 *   "items": [4021, 117, …],               // (M) data-set rows of the labelled items, in batch order
 *   "labels": [6, 0, …],                   // (M) one class per item, the same order
 *   "seconds": [3.1, 1.8, …],              // (M) time to the item's label (the data set's file: none)
 *   "skipped": [912],                      // rows shown but never labelled
 *   "repeats": [{ "item": 4021, "first": 6, "second": 0 }],   // items shown twice, both answers
 *   "instructions": "…",                   // the written instructions the labels were given under
 *   "batch": { "seed": 0, "items": 40, "repeats": 4, "confusable": 0.8 },
 *   "savedAt": "2026-12-07T13:00:00.000Z"
 * }
 *
 * Two files of the same batch list the same `items` only if neither skipped
 * any; `lab agreement` needs the same items in the same order, so export the
 * data set's file from the same cell (it lists the reader's labelled items).
 */
import type { LabelParams } from '../notebook/types.ts';
import type { LabelBatch } from './labelCellItems.ts';
import type { LabelAnswer, LabelScore } from './labelCellScore.ts';

export const LABEL_FILE_FORMAT = 'data-centric-lab/labels';
export const LABEL_FILE_VERSION = 1;

export interface LabelFile {
  readonly format: typeof LABEL_FILE_FORMAT;
  readonly version: typeof LABEL_FILE_VERSION;
  readonly labeler: string;
  readonly dataset: string;
  readonly classNames: readonly string[];
  readonly items: readonly number[];
  readonly labels: readonly number[];
  readonly seconds?: readonly number[];
  readonly skipped: readonly number[];
  readonly repeats: readonly { readonly item: number; readonly first: number; readonly second: number }[];
  readonly instructions: string;
  readonly batch: Pick<LabelParams, 'seed' | 'items' | 'repeats' | 'confusable'>;
  readonly savedAt: string;
}

export interface LabelFileInput {
  readonly params: LabelParams;
  readonly classNames: readonly string[];
  readonly batch: LabelBatch;
  readonly answers: readonly LabelAnswer[];
  readonly score: LabelScore;
  readonly instructions: string;
  /** When the file is made, ms since 1970. */
  readonly savedAt: number;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Seconds to each batch item's label (its first answered presentation). */
function secondsPerItem(batch: LabelBatch, answers: readonly LabelAnswer[]): Map<number, number> {
  const seconds = new Map<number, number>();
  answers.forEach((answer, s) => {
    const item = batch.sequence[s];
    if (item !== undefined && answer.label !== null && !seconds.has(item)) seconds.set(item, answer.ms / 1000);
  });
  return seconds;
}

/** The reader's label file. */
export function readerLabelFile(input: LabelFileInput, labeler = 'you'): LabelFile {
  const { batch, score } = input;
  const seconds = secondsPerItem(batch, input.answers);
  const labelled = new Set(score.items);
  const shown = new Set<number>();
  input.answers.forEach((_, s) => {
    const item = batch.sequence[s];
    if (item !== undefined) shown.add(item);
  });
  return {
    ...header(input, labeler),
    items: Array.from(score.items, (i) => batch.rows[i]!),
    labels: Array.from(score.yours),
    seconds: Array.from(score.items, (i) => round(seconds.get(i) ?? 0, 2)),
    skipped: [...shown]
      .filter((i) => !labelled.has(i))
      .sort((a, b) => a - b)
      .map((i) => batch.rows[i]!),
    repeats: score.self.items.map((p) => ({ item: batch.rows[p.item]!, first: p.first, second: p.second })),
  };
}

/** The data set's own labels for the items the reader labelled, in the same order: `lab agreement` compares the two. */
export function datasetLabelFile(input: LabelFileInput): LabelFile {
  const { batch, score } = input;
  return {
    ...header(input, 'data set'),
    items: Array.from(score.items, (i) => batch.rows[i]!),
    labels: Array.from(score.theirs),
    skipped: [],
    repeats: [],
  };
}

function header(input: LabelFileInput, labeler: string) {
  const { params } = input;
  return {
    format: LABEL_FILE_FORMAT,
    version: LABEL_FILE_VERSION,
    labeler,
    dataset: params.dataset,
    classNames: [...input.classNames],
    instructions: input.instructions,
    batch: { seed: params.seed, items: params.items, repeats: params.repeats, confusable: params.confusable },
    savedAt: new Date(input.savedAt).toISOString(),
  } as const;
}

/** The file's text: indented JSON with a final newline. */
export function labelFileText(file: LabelFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
