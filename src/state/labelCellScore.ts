/**
 * Scoring a reader's labels against the data set's, with the engine's
 * agreement statistics (engine/agreement/): nothing here computes a kappa.
 *
 * Shapes: a batch of N items shown in S = N + R presentations
 * (labelCellItems.ts); `answers` are the first A ≤ S presentations' answers,
 * in order, each a label in [0, K) or null (skipped). An item's label is its
 * first answer, or its repeat's when the first was skipped; the M items with
 * a label are scored. The matrix is `(K, K)`, rows = the reader's label,
 * columns = the data set's — the order of `lab agreement yours.json theirs.json`.
 */
import {
  cohenKappa,
  disagreementMatrix,
  perClassAgreement,
  percentAgreement,
  type ClassAgreement,
  type CohenKappa,
} from '../engine/agreement/index.ts';
import type { LabelBatch } from './labelCellItems.ts';

/** One presentation's answer: the class chosen (null: skipped) and the time it took. */
export interface LabelAnswer {
  readonly label: number | null;
  /** Milliseconds from the item appearing to the answer. */
  readonly ms: number;
}

export interface SelfAgreement {
  /** Repeated items answered both times. */
  readonly pairs: number;
  /** Of those, the ones given the same label twice. */
  readonly same: number;
  /** same / pairs; NaN for no pairs. */
  readonly agreement: number;
  /** Each answered pair: the item (index into the batch) and the two labels. */
  readonly items: readonly { readonly item: number; readonly first: number; readonly second: number }[];
}

export interface LabelScore {
  /** Items with a label (M). */
  readonly labelled: number;
  /** Items skipped every time they were shown. */
  readonly skipped: number;
  /** `(M)` indices into the batch of the labelled items, in batch order. */
  readonly items: Int32Array;
  /** `(M)` the reader's labels. */
  readonly yours: Int32Array;
  /** `(M)` the data set's labels. */
  readonly theirs: Int32Array;
  /** Share of the M items where the reader and the data set agree; NaN for none. */
  readonly agreement: number;
  readonly kappa: CohenKappa;
  /** Per class, 2·both / (yours + theirs); worst first, classes neither used last. */
  readonly perClass: readonly ClassAgreement[];
  /** `(K, K)` rows = yours, columns = the data set's. */
  readonly matrix: Int32Array;
  readonly self: SelfAgreement;
  /** Indices into the M scored items where the reader and the data set differ. */
  readonly disagreements: readonly number[];
  /** Median seconds per answered presentation; NaN for none. */
  readonly medianSeconds: number;
}

/** The label of each batch item: its first answer, or the repeat's when the first was skipped; null when never given. */
export function itemLabels(batch: LabelBatch, answers: readonly LabelAnswer[]): (number | null)[] {
  const labels: (number | null)[] = Array.from({ length: batch.rows.length }, () => null);
  answers.forEach((answer, s) => {
    const item = batch.sequence[s];
    if (item === undefined) return;
    if (labels[item] === null && answer.label !== null) labels[item] = answer.label;
  });
  return labels;
}

/** The reader's two answers on each repeated item, where both were given. */
export function selfAgreement(batch: LabelBatch, answers: readonly LabelAnswer[]): SelfAgreement {
  const first = new Map<number, number | null>();
  const items: { item: number; first: number; second: number }[] = [];
  answers.forEach((answer, s) => {
    const item = batch.sequence[s];
    if (item === undefined) return;
    if (!first.has(item)) first.set(item, answer.label);
    else {
      const earlier = first.get(item);
      if (earlier !== null && earlier !== undefined && answer.label !== null) {
        items.push({ item, first: earlier, second: answer.label });
      }
    }
  });
  const same = items.filter((p) => p.first === p.second).length;
  return { pairs: items.length, same, agreement: items.length ? same / items.length : NaN, items };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Lowest agreement first; classes neither used (NaN) last; ties by class. */
function worstFirst(p: ClassAgreement, q: ClassAgreement): number {
  const pn = Number.isNaN(p.agreement);
  const qn = Number.isNaN(q.agreement);
  if (pn !== qn) return pn ? 1 : -1;
  return (pn ? 0 : p.agreement - q.agreement) || p.class - q.class;
}

/** Every figure for the answers so far. `datasetLabels` holds the data set's label of every row. */
export function scoreLabels(
  batch: LabelBatch,
  answers: readonly LabelAnswer[],
  datasetLabels: ArrayLike<number>,
  classes: number,
): LabelScore {
  const labels = itemLabels(batch, answers);
  const items: number[] = [];
  labels.forEach((label, i) => {
    if (label !== null) items.push(i);
  });
  const yours = Int32Array.from(items, (i) => labels[i]!);
  const theirs = Int32Array.from(items, (i) => datasetLabels[batch.rows[i]!]!);
  const shown = new Set<number>();
  answers.forEach((_, s) => {
    const item = batch.sequence[s];
    if (item !== undefined) shown.add(item);
  });
  const disagreements: number[] = [];
  yours.forEach((label, m) => {
    if (label !== theirs[m]) disagreements.push(m);
  });
  return {
    labelled: items.length,
    skipped: [...shown].filter((i) => labels[i] === null).length,
    items: Int32Array.from(items),
    yours,
    theirs,
    agreement: items.length ? percentAgreement(yours, theirs) : NaN,
    kappa: cohenKappa(yours, theirs, { classes }),
    perClass: perClassAgreement(yours, theirs, classes).sort(worstFirst),
    matrix: disagreementMatrix(yours, theirs, classes),
    self: selfAgreement(batch, answers),
    disagreements,
    medianSeconds: median(answers.filter((a) => a.label !== null).map((a) => a.ms / 1000)),
  };
}

/** Each answered presentation: its position, batch item, data-set row, whether it is the item's second showing, the answer. */
export function presentations(
  batch: LabelBatch,
  answers: readonly LabelAnswer[],
): { position: number; item: number; row: number; repeat: boolean; label: number | null; ms: number }[] {
  const seen = new Set<number>();
  return answers.map((answer, position) => {
    const item = batch.sequence[position]!;
    const repeat = seen.has(item);
    seen.add(item);
    return { position, item, row: batch.rows[item]!, repeat, label: answer.label, ms: answer.ms };
  });
}
