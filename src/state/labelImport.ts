/**
 * Reads a partner's (or a student's) label file — the JSON a label cell
 * exports (labelCellFile.ts) — against the batch on screen, so the labels can
 * be compared with the reader's (labelCompare.ts).
 *
 * Pure and total: `readLabelFile` never throws. A file that cannot be used is
 * refused with one message that names the file, says what is wrong and what
 * to do; a usable file may come with notes (it covers only part of the batch).
 * Only the batch's rows are kept: a label for a row outside the batch refuses
 * the whole file, since it was made for other lesson settings and its other
 * labels cannot be trusted to line up either.
 */
import { LABEL_FILE_FORMAT, LABEL_FILE_VERSION } from './labelCellFile.ts';

/** The batch the labels must belong to. */
export interface BatchContext {
  readonly dataset: string;
  readonly classNames: readonly string[];
  /** `(N)` the batch's data-set rows, in batch order. */
  readonly rows: ArrayLike<number>;
  readonly seed: number;
  /** N, the distinct items of the batch (the lesson's `items`). */
  readonly items: number;
}

export interface ImportedLabels {
  /** The file's `labeler`, unless that is missing, "you" or "data set": then the file name without its extension. */
  readonly name: string;
  readonly fileName: string;
  /** Data-set row → class, only rows of this batch. */
  readonly labels: ReadonlyMap<number, number>;
  readonly instructions: string | null;
  readonly savedAt: string | null;
}

export type ImportOutcome =
  | { readonly ok: true; readonly value: ImportedLabels; readonly notes: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** Larger files are refused before parsing: a batch of labels is a few kilobytes. */
export const MAX_LABEL_FILE_BYTES = 2 * 1024 * 1024;

/** What a refusal ends with when the file is not one the label cell wrote. */
export const EXPORT_HINT = 'export it with the label cell’s “Download my labels (JSON)”';

/** Longest labeler name kept (a longer one is cut, with an ellipsis). */
export const MAX_NAME_LENGTH = 40;

/** The labeler name of the data set's own file: the yardstick, not a labeler. */
const DATASET_LABELER = 'data set';

class Refusal extends Error {}

const refuse = (message: string): never => {
  throw new Refusal(message);
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** A value quoted for a message, short. */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** "0–9 (0 T-shirt/top, 1 Trouser, …, 9 Ankle boot)". */
export function classRange(classNames: readonly string[]): string {
  const k = classNames.length;
  const names = classNames.map((name, c) => `${c} ${name}`);
  return `0–${k - 1} (${names.join(', ')})`;
}

/** The file name without its last extension ("ana.labels.json" → "ana.labels"). */
export function baseName(fileName: string): string {
  const plain = fileName.replace(/^.*[\\/]/, '');
  const dot = plain.lastIndexOf('.');
  return dot > 0 ? plain.slice(0, dot) : plain;
}

/** A labeler's display name: trimmed, single-spaced, at most MAX_NAME_LENGTH characters. */
export function cleanName(name: string): string {
  const clean = name
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > MAX_NAME_LENGTH ? `${clean.slice(0, MAX_NAME_LENGTH - 1)}…` : clean;
}

/** The name to show for a labeler called `labeler` in `fileName` (the file name when the labeler is unnamed or "you"). */
export function labelerName(labeler: unknown, fileName: string): string {
  const own = typeof labeler === 'string' ? cleanName(labeler) : '';
  if (own && own.toLowerCase() !== 'you' && own.toLowerCase() !== DATASET_LABELER) return own;
  return cleanName(baseName(fileName)) || 'partner';
}

/**
 * The refusal of a file of `bytes` bytes, or null when its size is fine: the
 * page checks a dropped File's `size` with it before reading the file at all;
 * `readLabelFile` checks the text's length again.
 */
export function fileSizeProblem(fileName: string, bytes: number): string | null {
  if (!(bytes > MAX_LABEL_FILE_BYTES)) return null;
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return (
    `“${cleanName(String(fileName)) || 'the file'}” is ${mb} MB, too large for a label file (at most 2 MB; ` +
    `a batch of labels is a few kilobytes); choose the label file the label cell exported`
  );
}

/**
 * The labels of `text` (a label file's contents, read from `fileName`) for
 * `batch`; refused with a message naming the problem, or accepted with notes.
 */
export function readLabelFile(text: string, fileName: string, batch: BatchContext): ImportOutcome {
  const file = `“${cleanName(String(fileName)) || 'the file'}”`;
  try {
    return read(String(text), String(fileName), file, batch);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message };
    return {
      ok: false,
      message: `${file} could not be read (${error instanceof Error ? error.message : String(error)}); ${EXPORT_HINT} and try again`,
    };
  }
}

function read(text: string, fileName: string, file: string, batch: BatchContext): ImportOutcome {
  const tooLarge = fileSizeProblem(fileName, text.length);
  if (tooLarge) refuse(tooLarge);
  if (text.trim() === '') refuse(`${file} is empty; ${EXPORT_HINT} and choose that file`);
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    refuse(`${file} is not JSON (${reason}); a label file is the JSON the label cell exports — ${EXPORT_HINT}`);
  }
  if (!isRecord(json) || !('format' in json)) {
    refuse(`${file} is JSON but not a label file (it has no "format"); ${EXPORT_HINT}`);
  }
  const data = json as Record<string, unknown>;
  if (data.format !== LABEL_FILE_FORMAT) {
    refuse(`${file} has format ${quote(data.format)}, not a label file ("${LABEL_FILE_FORMAT}"); ${EXPORT_HINT}`);
  }
  checkVersion(data.version, file);
  if (typeof data.labeler === 'string' && cleanName(data.labeler).toLowerCase() === DATASET_LABELER) {
    refuse(
      `${file} holds the data set’s own labels — the yardstick every labeler is compared with, not a labeler; ` +
        `choose a file of a person’s labels (“Download my labels (JSON)”)`,
    );
  }
  if (data.dataset !== batch.dataset) {
    refuse(
      `${file} has labels of the ${quote(data.dataset)} data set, but this cell labels "${batch.dataset}"; ` +
        `import a file made with the same lesson and cell`,
    );
  }
  checkClassNames(data.classNames, file, batch.classNames);
  const { items, labels } = checkArrays(data, file);
  const map = checkEntries(items, labels, file, batch, data.batch);
  const notes: string[] = [];
  const n = batch.rows.length;
  if (map.size < n)
    notes.push(`${file} covers ${map.size} of the ${n} items (the labeler skipped or did not reach the rest)`);
  return {
    ok: true,
    value: {
      name: labelerName(data.labeler, fileName),
      fileName,
      labels: map,
      instructions: typeof data.instructions === 'string' ? data.instructions : null,
      savedAt: typeof data.savedAt === 'string' ? data.savedAt : null,
    },
    notes,
  };
}

function checkVersion(version: unknown, file: string): void {
  if (version === undefined) refuse(`${file} has no "version"; ${EXPORT_HINT} again`);
  if (!isWhole(version) || version < 1) {
    refuse(`${file} has version ${quote(version)}, which no label cell writes; ${EXPORT_HINT} again`);
  }
  if ((version as number) > LABEL_FILE_VERSION) {
    refuse(
      `${file} is a label file of version ${version as number}, newer than this lab reads (version ${LABEL_FILE_VERSION}); ` +
        `reload the lab to get its latest version, or export the labels again from this version`,
    );
  }
}

function checkClassNames(names: unknown, file: string, expected: readonly string[]): void {
  if (!Array.isArray(names)) {
    refuse(`${file} does not list its "classNames", so its class numbers cannot be checked; ${EXPORT_HINT}`);
  }
  const list = names as unknown[];
  const same = list.length === expected.length && list.every((name, c) => name === expected[c]);
  if (!same) {
    const first = list.findIndex((name, c) => name !== expected[c]);
    const where =
      list.length !== expected.length
        ? `it has ${list.length} classes, this cell ${expected.length}`
        : `class ${first} is ${quote(list[first])} there and "${expected[first]}" here`;
    refuse(
      `${file} names its classes differently from this cell (${where}), so its class numbers would mean other ` +
        `classes; import a file made with the same data set and lesson`,
    );
  }
}

function checkArrays(data: Record<string, unknown>, file: string): { items: unknown[]; labels: unknown[] } {
  for (const key of ['items', 'labels'] as const) {
    if (!(key in data)) refuse(`${file} has no "${key}" list; ${EXPORT_HINT}`);
    if (!Array.isArray(data[key]))
      refuse(`${file}: "${key}" is not a list (it is ${quote(data[key])}); ${EXPORT_HINT}`);
  }
  const items = data.items as unknown[];
  const labels = data.labels as unknown[];
  if (items.length !== labels.length) {
    refuse(
      `${file} lists ${items.length} items but ${labels.length} labels; each item needs exactly one label — ` +
        `the file was cut or edited; ${EXPORT_HINT} again`,
    );
  }
  if (items.length === 0) {
    refuse(`${file} has no labels at all; label some items first, then ${EXPORT_HINT}`);
  }
  return { items, labels };
}

function checkEntries(
  items: unknown[],
  labels: unknown[],
  file: string,
  batch: BatchContext,
  fileBatch: unknown,
): Map<number, number> {
  const k = batch.classNames.length;
  const inBatch = new Set<number>(Array.from(batch.rows));
  const firstAt = new Map<number, number>();
  const raw: [number, number][] = [];
  let outside = 0;
  items.forEach((row, i) => {
    if (!isWhole(row) || row < 0) {
      refuse(
        `${file}: item ${i + 1} is ${quote(row)}, not a data-set row (a whole number ≥ 0); the file was edited; ` +
          `${EXPORT_HINT} again`,
      );
    }
    const label = labels[i];
    if (!isWhole(label) || label < 0 || label >= k) {
      refuse(
        `${file}: item ${i + 1} (row ${row as number}) has label ${quote(label)}; a label must be a whole class ` +
          `number ${classRange(batch.classNames)}; fix that label or ${EXPORT_HINT} again`,
      );
    }
    const seen = firstAt.get(row as number);
    if (seen !== undefined) {
      refuse(
        `${file} lists row ${row as number} twice (items ${seen + 1} and ${i + 1}); each item may be labelled once — ` +
          `keep one of the two, or ${EXPORT_HINT} again`,
      );
    }
    firstAt.set(row as number, i);
    if (inBatch.has(row as number)) raw.push([row as number, label as number]);
    else outside++;
  });
  if (outside > 0) refuse(outsideMessage(file, outside, items.length, batch, fileBatch));
  // Batch order.
  const byRow = new Map(raw);
  const map = new Map<number, number>();
  for (let i = 0; i < batch.rows.length; i++) {
    const row = batch.rows[i]!;
    const label = byRow.get(row);
    if (label !== undefined) map.set(row, label);
  }
  return map;
}

function outsideMessage(file: string, outside: number, total: number, batch: BatchContext, fileBatch: unknown): string {
  const count = outside === total ? `none of its ${total} items are` : `${outside} of its ${total} items are not`;
  return (
    `${file} was made for another batch: ${count} in this cell’s batch (seed ${batch.seed}, ${batch.items} items)` +
    `${madeFor(fileBatch, batch)}; the partner must use the same lesson settings (the same seed, number of items and ` +
    `confusable share) and export again`
  );
}

/** " — the file says it was made for batch seed 3, 30 items" when its `batch` says so and differs. */
function madeFor(fileBatch: unknown, batch: BatchContext): string {
  if (!isRecord(fileBatch)) return '';
  const { seed, items } = fileBatch;
  if (!isWhole(seed) || !isWhole(items)) return '';
  if (seed === batch.seed && items === batch.items)
    return ` — the file says it was made for seed ${batch.seed}, ${batch.items} items too, so another setting (the confusable share) differs or the file was edited`;
  return ` — the file was made for batch seed ${seed}, ${items} items`;
}
