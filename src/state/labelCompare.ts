/**
 * Two or more labelers on the same batch: the reader, a partner, a class of
 * students. Every statistic comes from the agreement engine
 * (engine/agreement); this module only lines the labels up.
 *
 * Labels are maps data-set row → class; `rows` is the batch, in batch order,
 * and only its rows count. A labeler may leave items out (skipped, not
 * reached): each pair is compared over the items both labelled, Fleiss' kappa
 * over the items every labeler labelled, Krippendorff's alpha over all items
 * with the gaps as missing ratings.
 *
 * Majorities:
 *   `majority`      all labelers' vote per row labelled by anyone. A tie goes
 *                   to the tied class given by the earliest labeler (labeler
 *                   0 before 1 …), so the reader's own label wins a tie they
 *                   are in; never to the data set's label.
 *   `contested`     `majority: null` when the top classes tie (there is no
 *                   majority), `majorityShare` the top class's share either way.
 *   `vsMajority`    leave-one-out: each labeler against the vote of the
 *                   others who labelled the item; items where the others tie
 *                   (or no one else labelled it) are left out.
 */
import {
  MISSING,
  cohenKappa,
  disagreementMatrix,
  fleissKappa,
  krippendorffAlpha,
  perClassAgreement,
  type ClassAgreement,
  type CohenKappa,
  type FleissKappa,
  type KrippendorffAlpha,
} from '../engine/agreement/index.ts';

export interface Labeler {
  readonly name: string;
  /** Data-set row → class. */
  readonly labels: ReadonlyMap<number, number>;
}

export interface PairComparison {
  /** Labeler indices, a < b. */
  readonly a: number;
  readonly b: number;
  /** Items both labelled. */
  readonly items: number;
  /** Share of those with the same label; NaN with no items. */
  readonly agreement: number;
  readonly kappa: CohenKappa;
  /** Per-class agreement, worst first (ties by class number); classes neither labeler used are left out. */
  readonly perClass: readonly ClassAgreement[];
  /** `(K, K)` row-major, rows = labeler a's class, columns = b's. */
  readonly matrix: Int32Array;
  /** Rows where they differ, batch order. */
  readonly disagreed: readonly number[];
}

export interface ContestedItem {
  readonly row: number;
  /** Per labeler: the class, or null when not labelled. */
  readonly labels: readonly (number | null)[];
  /** The class most labelers gave; null when two or more classes tie for most. */
  readonly majority: number | null;
  /** Share of the item's labels in its most given class. */
  readonly majorityShare: number;
  readonly datasetLabel: number;
}

export interface AgreementWith {
  readonly items: number;
  /** NaN with no items. */
  readonly agreement: number;
  readonly kappa: CohenKappa;
}

export interface LabelerVsMajority extends AgreementWith {
  readonly labeler: number;
  readonly vsDataset: AgreementWith;
}

export interface Comparison {
  readonly labelers: readonly string[];
  readonly classes: number;
  /** Every pair a < b, in order (0,1), (0,2), …, (1,2), … */
  readonly pairs: readonly PairComparison[];
  /** Three or more labelers, over the items every labeler labelled; else null. */
  readonly fleiss: FleissKappa | null;
  readonly fleissItems: number;
  /** Two or more labelers: nominal alpha, items with missing labels included; else null. */
  readonly alpha: KrippendorffAlpha | null;
  /** Items labelled by two or more with any disagreement: lowest majority share first, then most labelers, then batch order. */
  readonly contested: readonly ContestedItem[];
  /** Three or more labelers: each against the majority of the others (leave-one-out); else empty. */
  readonly vsMajority: readonly LabelerVsMajority[];
  /** All labelers' majority per row labelled by anyone (ties: see the module comment). */
  readonly majority: ReadonlyMap<number, number>;
}

/** Agreement of two aligned label lists. */
function agreementOf(a: readonly number[], b: readonly number[], classes: number): AgreementWith {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return { items: a.length, agreement: a.length ? same / a.length : NaN, kappa: cohenKappa(a, b, { classes }) };
}

/** Worst first; NaN (unused) would sort last but is filtered out before. */
function worstFirst(perClass: readonly ClassAgreement[]): ClassAgreement[] {
  return perClass.filter((c) => c.a + c.b > 0).sort((x, y) => x.agreement - y.agreement || x.class - y.class);
}

function comparePair(
  rows: readonly number[],
  labelers: readonly Labeler[],
  a: number,
  b: number,
  classes: number,
): PairComparison {
  const la: number[] = [];
  const lb: number[] = [];
  const disagreed: number[] = [];
  for (const row of rows) {
    const x = labelers[a]!.labels.get(row);
    const y = labelers[b]!.labels.get(row);
    if (x === undefined || y === undefined) continue;
    la.push(x);
    lb.push(y);
    if (x !== y) disagreed.push(row);
  }
  const { items, agreement, kappa } = agreementOf(la, lb, classes);
  return {
    a,
    b,
    items,
    agreement,
    kappa,
    perClass: worstFirst(perClassAgreement(la, lb, classes)),
    matrix: disagreementMatrix(la, lb, classes),
    disagreed,
  };
}

/**
 * The vote of `labels` (null = not labelled): the most given class and its
 * count, `tied` when another class has as many; the winner of a tie is the
 * tied class met first in `labels` order. Null when nothing is labelled.
 */
export function vote(
  labels: readonly (number | null)[],
): { readonly top: number; readonly count: number; readonly voters: number; readonly tied: boolean } | null {
  const counts = new Map<number, number>();
  let voters = 0;
  for (const label of labels) {
    if (label === null) continue;
    counts.set(label, (counts.get(label) ?? 0) + 1);
    voters++;
  }
  if (voters === 0) return null;
  let top = -1;
  let count = 0;
  let tied = false;
  // Map iteration follows first insertion: the class met first in `labels` order wins a tie.
  for (const [label, n] of counts) {
    if (n > count) {
      top = label;
      count = n;
      tied = false;
    } else if (n === count) tied = true;
  }
  return { top, count, voters, tied };
}

/**
 * Compares `labelers` on the batch `rows` (data-set rows, batch order), with
 * `datasetLabels` the data set's label of every row and `classes` K. Labels
 * must be whole numbers in [0, K) (a RangeError from the engine otherwise);
 * labels of rows outside the batch are ignored.
 */
export function compareLabelers(
  rows: ArrayLike<number>,
  labelers: readonly Labeler[],
  datasetLabels: ArrayLike<number>,
  classes: number,
): Comparison {
  const batch = Array.from(rows);
  const r = labelers.length;
  const table = batch.map((row) => labelers.map((l) => l.labels.get(row) ?? null));

  const pairs: PairComparison[] = [];
  for (let a = 0; a < r; a++) for (let b = a + 1; b < r; b++) pairs.push(comparePair(batch, labelers, a, b, classes));

  const complete = table.filter((labels) => labels.every((l) => l !== null)) as number[][];
  const fleiss = r >= 3 ? fleissKappa(complete, { classes }) : null;
  const alpha =
    r >= 2
      ? krippendorffAlpha(
          table.map((labels) => labels.map((l) => l ?? MISSING)),
          { level: 'nominal', classes },
        )
      : null;

  const majority = new Map<number, number>();
  const contested: (ContestedItem & { readonly voters: number; readonly order: number })[] = [];
  table.forEach((labels, i) => {
    const result = vote(labels);
    if (!result) return;
    const row = batch[i]!;
    majority.set(row, result.top);
    if (result.voters >= 2 && result.count < result.voters) {
      contested.push({
        row,
        labels,
        majority: result.tied ? null : result.top,
        majorityShare: result.count / result.voters,
        datasetLabel: datasetLabels[row]!,
        voters: result.voters,
        order: i,
      });
    }
  });
  contested.sort((x, y) => x.majorityShare - y.majorityShare || y.voters - x.voters || x.order - y.order);

  const vsMajority: LabelerVsMajority[] = [];
  if (r >= 3) {
    for (let l = 0; l < r; l++) {
      const own: number[] = [];
      const others: number[] = [];
      const ownAll: number[] = [];
      const dataset: number[] = [];
      table.forEach((labels, i) => {
        const label = labels[l];
        if (label === null || label === undefined) return;
        ownAll.push(label);
        dataset.push(datasetLabels[batch[i]!]!);
        const result = vote(labels.filter((_, j) => j !== l));
        if (!result || result.tied) return;
        own.push(label);
        others.push(result.top);
      });
      vsMajority.push({
        labeler: l,
        ...agreementOf(own, others, classes),
        vsDataset: agreementOf(ownAll, dataset, classes),
      });
    }
  }

  return {
    labelers: labelers.map((l) => l.name),
    classes,
    pairs,
    fleiss,
    fleissItems: complete.length,
    alpha,
    contested: contested.map(({ row, labels, majority: m, majorityShare, datasetLabel }) => ({
      row,
      labels,
      majority: m,
      majorityShare,
      datasetLabel,
    })),
    vsMajority,
    majority,
  };
}

/** The rows to relabel after revising the instructions: those the pair disagreed on, batch order. */
export function relabelTargets(pair: PairComparison): readonly number[] {
  return pair.disagreed;
}

/** `labels` with `relabels` applied (a new map; a relabel wins over the old label). */
export function mergeRelabels(
  labels: ReadonlyMap<number, number>,
  relabels: ReadonlyMap<number, number>,
): Map<number, number> {
  const merged = new Map(labels);
  for (const [row, label] of relabels) merged.set(row, label);
  return merged;
}
