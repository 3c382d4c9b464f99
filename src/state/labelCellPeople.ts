/**
 * Small pure helpers of a label cell's comparisons with other people (kept out
 * of the reactive state module): labels as row → class maps, round 2's
 * relabels applied, a class's tally of an item, the link that carries labels.
 */
import type { LabelBatch } from './labelCellItems.ts';
import { itemLabels, type LabelAnswer } from './labelCellScore.ts';
import { mergeRelabels } from './labelCompare.ts';

/** Row → class of each batch item labelled (its first answer, or the repeat's when the first was skipped). */
export function labelMap(batch: LabelBatch, answers: readonly LabelAnswer[]): Map<number, number> {
  const labels = new Map<number, number>();
  itemLabels(batch, answers).forEach((label, item) => {
    if (label !== null) labels.set(batch.rows[item]!, label);
  });
  return labels;
}

/** `labels` with round 2's answers (one per item of `items`, batch item indices) applied; a skip keeps the old label. */
export function withRelabels(
  batch: LabelBatch,
  labels: ReadonlyMap<number, number>,
  items: readonly number[],
  answers: readonly LabelAnswer[],
): Map<number, number> {
  const relabels = new Map<number, number>();
  answers.forEach((answer, s) => {
    const item = items[s];
    if (item !== undefined && answer.label !== null) relabels.set(batch.rows[item]!, answer.label);
  });
  return mergeRelabels(labels, relabels);
}

/** Batch item indices of data-set rows, in batch order (rows not in the batch are left out). */
export function batchItems(batch: LabelBatch, rows: readonly number[]): number[] {
  const index = new Map(Array.from(batch.rows, (row, i) => [row, i] as const));
  return rows
    .map((row) => index.get(row))
    .filter((i): i is number => i !== undefined)
    .sort((a, b) => a - b);
}

/** Row → the data set's label, for every row any of the label maps has. */
export function datasetLabelsOf(
  maps: readonly ReadonlyMap<number, number>[],
  datasetLabels: ArrayLike<number>,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const labels of maps) for (const row of labels.keys()) out.set(row, datasetLabels[row]!);
  return out;
}

/** A saved row list and label list back into a map. */
export function mapOf(rows: readonly number[], labels: readonly number[]): Map<number, number> {
  return new Map(rows.map((row, i) => [row, labels[i]!] as const));
}

/** Each class given to an item and how many gave it, most first (ties: lower class first). */
export function tallyOf(labels: readonly (number | null)[]): [number, number][] {
  const counts = new Map<number, number>();
  for (const l of labels) if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

/** The page's address with the hash's query replaced by `cellId.labels=…`: a link that carries the reader's labels. */
export function labelsLink(href: string, cellId: string, encoded: string): string {
  const url = new URL(href);
  const [route] = url.hash.split('?');
  url.hash = `${route ?? ''}?${cellId}.labels=${encodeURIComponent(encoded)}`;
  return url.toString();
}
