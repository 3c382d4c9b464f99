/**
 * `lab agreement`: its options and its label files, parsed and checked.
 * Every mistake is a UsageError naming the option or the file and what is
 * wrong with it.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { UsageError, joinNegativeValues } from './usage.ts';

export const AGREEMENT_USAGE = `Usage: npm run -s lab -- agreement A.json B.json [C.json ...] [options]

  How far labelers agree: percent agreement, Cohen's kappa (a pairwise table
  for three or more), per-class agreement, the labeler-vs-labeler
  disagreement matrix, and for three or more labelers Fleiss' kappa and
  Krippendorff's alpha (nominal). Each file holds one labeler's labels for
  the same items in the same order: a JSON array of whole-number class
  labels 0, 1, 2, ... or { "labels": [...] }. Files saved by a label cell
  ("Download my labels") also list their "items": these are lined up by
  item, on the items every file labelled (alpha counts every item labelled
  twice or more), so the figures are the ones the label cell shows.

Options for agreement:
  --classes K        number of classes (default: one more than the largest label)
  --json             print JSON instead of tables
  -h, --help         this help
`;

export interface AgreementCommand {
  readonly files: readonly string[];
  readonly classes: number | undefined;
  readonly json: boolean;
}

/** Parses `agreement` arguments; throws UsageError naming the bad option and what to do. */
export function parseAgreementArgs(args: readonly string[]): AgreementCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args),
      strict: true,
      allowPositionals: true,
      options: { classes: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/, '')}. See --help.`);
  }
  const { values, positionals: files } = parsed;
  if (files.length < 2) {
    throw new UsageError(
      `give at least two label files, one per labeler; got ${files.length === 0 ? 'none' : `only "${files[0]}"`}. See --help.`,
    );
  }
  let classes: number | undefined;
  if (values.classes !== undefined) {
    classes = Number(values.classes);
    if (values.classes.trim() === '' || !Number.isInteger(classes) || classes < 1) {
      throw new UsageError(`--classes must be a whole number ≥ 1, got "${values.classes}"`);
    }
  }
  return { files, classes, json: values.json };
}

/**
 * One labeler's labels from a file's text: a JSON array of whole numbers ≥ 0,
 * or an object whose "labels" is one. Throws UsageError naming the file.
 */
export function parseLabelFile(text: string, file: string): Int32Array {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`"${file}" is not valid JSON (${(error as Error).message})`);
  }
  const labels =
    data !== null && typeof data === 'object' && !Array.isArray(data) && 'labels' in data ? data.labels : data;
  const expected = 'a JSON array of whole-number labels 0, 1, 2, … or { "labels": [...] }';
  if (!Array.isArray(labels)) {
    const kind = (v: unknown) => (v === null ? 'null' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
    const got = labels === data ? kind(data) : `an object whose "labels" is ${kind(labels)}`;
    throw new UsageError(`"${file}" must hold ${expected}; it holds ${got}`);
  }
  labels.forEach((label: unknown, i) => {
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label > 0x7fffffff) {
      throw new UsageError(`"${file}" must hold ${expected}; item ${i} is ${JSON.stringify(label) ?? String(label)}`);
    }
  });
  return Int32Array.from(labels as number[]);
}

/**
 * The data-set rows a file's labels belong to, when it lists them (a label
 * cell's file: `"items"`, one per label); null for a plain label list.
 */
export function parseLabelFileItems(text: string, file: string, labels: number): Int32Array | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !('items' in data)) return null;
  const items = (data as { items: unknown }).items;
  if (
    !Array.isArray(items) ||
    items.length !== labels ||
    !items.every((row) => typeof row === 'number' && Number.isInteger(row) && row >= 0)
  ) {
    throw new UsageError(`"${file}" has "items" that are not ${labels} data-set rows, one per label`);
  }
  const seen = new Set<number>();
  for (const row of items as number[]) {
    if (seen.has(row)) throw new UsageError(`"${file}" lists item ${row} twice`);
    seen.add(row);
  }
  return Int32Array.from(items as number[]);
}

/** Labels lined up for the report: aligned arrays, and (files with items) every item's labels with gaps for alpha. */
export interface AlignedLabels {
  readonly labelers: Int32Array[];
  /** Items × labelers, null where a file did not label the item; null for plain label lists. */
  readonly ratings: (number | null)[][] | null;
  /** What was lined up, for the report; null for plain label lists. */
  readonly note: string | null;
}

/**
 * Lines label-cell files up by item: each labeler's labels of the items every
 * file labelled (in the first file's order), and every item any file
 * labelled with its gaps. Plain label lists are taken as they are. Mixing the
 * two kinds, or files with no item in common, is a UsageError.
 */
export function alignByItems(
  files: readonly string[],
  labelers: readonly Int32Array[],
  items: readonly (Int32Array | null)[],
): AlignedLabels {
  const listed = items.findIndex((i) => i !== null);
  const plain = items.findIndex((i) => i === null);
  if (listed < 0) return { labelers: [...labelers], ratings: null, note: null };
  if (plain >= 0) {
    throw new UsageError(
      `"${files[listed]}" lists the items it labelled and "${files[plain]}" does not: give files of one kind ` +
        `(a label cell's files, or plain label lists of the same items in the same order)`,
    );
  }
  const maps = items.map((rows, r) => new Map(Array.from(rows!, (row, i) => [row, labelers[r]![i]!] as const)));
  const union: number[] = [];
  const seen = new Set<number>();
  for (const rows of items) {
    for (const row of rows!) {
      if (!seen.has(row)) {
        seen.add(row);
        union.push(row);
      }
    }
  }
  const common = union.filter((row) => maps.every((m) => m.has(row)));
  if (common.length === 0) {
    throw new UsageError(
      'the files have no item in common: were they labelled on the same batch (the same lesson, data set and seed)?',
    );
  }
  const many = labelers.length >= 3;
  return {
    labelers: maps.map((m) => Int32Array.from(common, (row) => m.get(row)!)),
    ratings: union.map((row) => maps.map((m) => m.get(row) ?? null)),
    note:
      `label-cell files, lined up by item: ${common.length} items every file labelled, of ${union.length}` +
      (many && common.length < union.length ? `; alpha counts all ${union.length} (a missing label is allowed)` : ''),
  };
}

/** Reads and parses every label file; throws UsageError naming the file that is missing, unreadable or malformed. */
export async function readLabelFiles(files: readonly string[]): Promise<Int32Array[]> {
  return (await readLabelFileSet(files)).map((f) => f.labels);
}

/** Reads every label file: its labels and, for a label cell's file, the items they belong to. */
export async function readLabelFileSet(
  files: readonly string[],
): Promise<{ readonly labels: Int32Array; readonly items: Int32Array | null }[]> {
  const labelers: { labels: Int32Array; items: Int32Array | null }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
      throw new UsageError(`cannot read "${file}": ${why}`);
    }
    const labels = parseLabelFile(text, file);
    labelers.push({ labels, items: parseLabelFileItems(text, file, labels.length) });
  }
  return labelers;
}

/**
 * Checks that the labelers labelled the same, non-zero number of items and
 * that `classes` (when given) covers every label; returns K.
 */
export function checkLabelFiles(files: readonly string[], labelers: readonly Int32Array[], classes?: number): number {
  const n = labelers[0]!.length;
  if (n === 0) throw new UsageError(`"${files[0]}" holds no labels; there is nothing to compare`);
  labelers.forEach((labels, r) => {
    if (labels.length !== n) {
      throw new UsageError(
        `"${files[r]}" has ${labels.length} labels but "${files[0]}" has ${n}; ` +
          `every file must label the same items, in the same order`,
      );
    }
  });
  let max = -1;
  labelers.forEach((labels, r) => {
    labels.forEach((label, i) => {
      if (classes !== undefined && label >= classes) {
        throw new UsageError(`--classes ${classes} is too few: "${files[r]}" has label ${label} at item ${i}`);
      }
      max = Math.max(max, label);
    });
  });
  return classes ?? Math.max(1, max + 1);
}
