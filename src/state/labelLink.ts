/**
 * A labeler's labels carried compactly in a link, so a pair can share them
 * without a file:
 *
 *   L1.<seed>.<check>.<labels>.<name>
 *
 *   L1      the format and its version
 *   seed    the batch's seed, base 36 ('_' when not given): only to say
 *           which batch a link for another one was made for
 *   check   a 32-bit FNV-1a hash of the item count and the batch's rows,
 *           base 36: a link for another batch (other rows: another seed,
 *           data set or confusable share) is refused
 *   labels  one character per batch item, batch order: '0'–'9', 'a'–'z' for
 *           class 0–35, '-' not labelled (the item count is its length)
 *   name    the labeler's name, letters, digits, '_' and '-' as they are,
 *           every other UTF-8 byte as '~XX' (hex)
 *
 * Every character is one `encodeURIComponent` leaves as it is, so the text
 * goes into a URL unchanged: 40 items and a short name make about 60
 * characters. `decodeLabels` never throws: a bad or edited link gets a message
 * that says what is wrong.
 */
import { cleanName, type BatchContext, type ImportOutcome } from './labelImport.ts';

export const LABEL_LINK_PREFIX = 'L1';

/** The `fileName` of labels that came from a link. */
export const LINK_SOURCE = 'link';

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const NOT_LABELLED = '-';

/** The batch check: FNV-1a over the item count and every row, each as four bytes. */
export function batchCheck(rows: ArrayLike<number>): number {
  let hash = 0x811c9dc5;
  const mix = (value: number) => {
    for (let shift = 0; shift < 32; shift += 8) {
      hash ^= (value >>> shift) & 0xff;
      hash = Math.imul(hash, 0x01000193);
    }
  };
  mix(rows.length);
  for (let i = 0; i < rows.length; i++) mix(rows[i]! | 0);
  return hash >>> 0;
}

function encodeName(name: string): string {
  let out = '';
  for (const char of name) {
    if (/^[A-Za-z0-9_-]$/.test(char)) out += char;
    else for (const byte of new TextEncoder().encode(char)) out += `~${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function decodeName(text: string): string | null {
  if (!/^(?:[A-Za-z0-9_-]|~[0-9a-fA-F]{2})*$/.test(text)) return null;
  try {
    return decodeURIComponent(text.replace(/~/g, '%'));
  } catch {
    return null;
  }
}

/**
 * The link text of `labels` (data-set row → class) for the batch `rows` with
 * `seed` (optional: it only makes the refusal of a link for another batch
 * clearer), by `name`. Classes above 35 cannot be written (RangeError); labels
 * of rows outside the batch are left out.
 */
export function encodeLabels(
  rows: ArrayLike<number>,
  labels: ReadonlyMap<number, number>,
  name: string,
  seed?: number,
): string {
  let chars = '';
  for (let i = 0; i < rows.length; i++) {
    const label = labels.get(rows[i]!);
    if (label === undefined) chars += NOT_LABELLED;
    else {
      const char = Number.isInteger(label) ? DIGITS[label] : undefined;
      if (char === undefined)
        throw new RangeError(`encodeLabels: class ${label} cannot go in a link (classes 0–35 only)`);
      chars += char;
    }
  }
  const seedText = seed !== undefined && Number.isSafeInteger(seed) ? seed.toString(36) : '_';
  return [LABEL_LINK_PREFIX, seedText, batchCheck(rows).toString(36), chars, encodeName(cleanName(name))].join('.');
}

const LINK_HINT = 'ask for the link again and paste all of it';

/**
 * The labels of a link text (as `encodeLabels` wrote it; percent-encoded or a
 * whole `…labels=<text>` URL is accepted too) for `batch`; refused with a
 * message naming the problem, or accepted with notes. Never throws.
 */
export function decodeLabels(text: string, batch: BatchContext): ImportOutcome {
  try {
    return decode(String(text), batch);
  } catch (error) {
    return {
      ok: false,
      message: `The labels link could not be read (${error instanceof Error ? error.message : String(error)}); ${LINK_HINT}`,
    };
  }
}

function decode(input: string, batch: BatchContext): ImportOutcome {
  let text = input.trim();
  const param = /(?:^|[?&#])labels=([^&#\s]*)/.exec(text);
  if (param) text = param[1]!;
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return refuse(`The labels link has a broken %-escape; ${LINK_HINT}`);
    }
  }
  if (text === '') return refuse(`The labels link is empty; ${LINK_HINT}`);
  const parts = text.split('.');
  if (parts[0] !== LABEL_LINK_PREFIX) {
    return /^L\d+$/.test(parts[0] ?? '')
      ? refuse(`The labels link is of a newer or unknown kind (${parts[0]}); reload the lab to get its latest version`)
      : refuse(`This is not a labels link (it should start with "${LABEL_LINK_PREFIX}."); ${LINK_HINT}`);
  }
  if (parts.length !== 5) {
    return refuse(
      `The labels link is cut or edited (it has ${parts.length} parts separated by ".", not 5); ${LINK_HINT}`,
    );
  }
  const [, seedText, checkText, chars, nameText] = parts as [string, string, string, string, string];
  const k = batch.classNames.length;
  const n = batch.rows.length;
  const seed = /^-?[0-9a-z]{1,11}$/.test(seedText) ? parseInt(seedText, 36) : seedText === '_' ? null : NaN;
  if (Number.isNaN(seed)) return refuse(`The labels link’s batch seed "${seedText}" is not readable; ${LINK_HINT}`);
  if (seed !== null && seed !== batch.seed) {
    return refuse(
      `The labels link was made for batch seed ${seed}, ${chars.length} items; this cell’s batch is seed ` +
        `${batch.seed}, ${n} items — the partner must use the same lesson settings and send the link again`,
    );
  }
  if (chars.length !== n) {
    return refuse(
      `The labels link carries ${chars.length} labels, but this cell’s batch has ${n} items (seed ${batch.seed}) — ` +
        `it was made for other lesson settings, or cut; the partner must use the same settings and send it again`,
    );
  }
  if (!/^[0-9a-z]{1,7}$/.test(checkText) || parseInt(checkText, 36) !== batchCheck(batch.rows)) {
    return refuse(
      `The labels link was made for other images than this cell’s batch (seed ${batch.seed}, ${n} items): another ` +
        `data set or confusable share, or an edited link; the partner must use the same lesson settings`,
    );
  }
  const labels = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const char = chars[i]!;
    if (char === NOT_LABELLED) continue;
    const label = DIGITS.indexOf(char);
    if (label < 0 || label >= k) {
      return refuse(
        `The labels link has "${char}" for item ${i + 1}, not a class of this cell (${DIGITS[0]}–${DIGITS[k - 1]} ` +
          `for classes 0–${k - 1}, "-" for not labelled); ${LINK_HINT}`,
      );
    }
    labels.set(batch.rows[i]!, label);
  }
  if (labels.size === 0)
    return refuse('The labels link carries no labels at all; label some items first, then share the link');
  const decoded = decodeName(nameText);
  if (decoded === null) return refuse(`The labels link’s name "${nameText}" is garbled; ${LINK_HINT}`);
  const name = cleanName(decoded);
  if (name.toLowerCase() === 'data set') {
    return refuse(
      'The labels link holds the data set’s own labels, the yardstick, not a labeler; share a person’s labels',
    );
  }
  const notes = labels.size < n ? [`The labels link covers ${labels.size} of the ${n} items`] : [];
  return {
    ok: true,
    value: {
      name: name && name.toLowerCase() !== 'you' ? name : 'partner',
      fileName: LINK_SOURCE,
      labels,
      instructions: null,
      savedAt: null,
    },
    notes,
  };
}

const refuse = (message: string): ImportOutcome => ({ ok: false, message });
