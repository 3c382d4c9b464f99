/**
 * A table's cells packed column by column: each column is the UTF-8 bytes of
 * its cells, one after another, and the byte offset where each cell ends.
 *
 * Why: a parsed table of N rows × C columns is N·C strings. At the size the
 * lab handles (200,000 × 30, or 20,000 × 300: six million cells) a
 * structured clone of them — a worker's result, a request to a worker, an
 * IndexedDB write — costs the page a second or more in one task, and the
 * strings take some 200 MB of its heap. Packed, the same table is 2·C typed
 * arrays: a worker hands them to the page without copying (transfer), a copy
 * is a copy of bytes, storage takes them as one Blob (`packedParts`), and the
 * page holds about one byte a character plus four a cell. Only the cells the
 * page reads (the label column, a few rows to show) are ever decoded on it;
 * the workers decode the whole table (`unpackRows`) where they need rows of
 * strings.
 *
 * Shapes: N = `rowCount` rows, C = `columns.length` columns. Column c holds
 * `bytes` and `ends` `(N)`: cell (i, c) is the UTF-8 text
 * `bytes[ends[i − 1] ?? 0 … ends[i])`. Cells round-trip exactly when they
 * are well-formed text (a lone UTF-16 surrogate, which no decoded file
 * holds, would come back as U+FFFD). Edits (`selectRows`, `replaceCells`)
 * return new packed cells and never change their input; they copy bytes in
 * runs, so their cost is a few typed-array copies however few rows change.
 */

/** N cells of one column: cell i is the UTF-8 text `bytes[ends[i − 1] ?? 0 … ends[i])`. */
export interface PackedColumn {
  readonly bytes: Uint8Array;
  readonly ends: Uint32Array;
}

/** N rows × C columns of cells. */
export interface PackedCells {
  readonly rowCount: number;
  readonly columns: readonly PackedColumn[];
}

/** A table's rows as the page keeps them: the cells packed, and the 1-based spreadsheet row of each row. */
export interface PackedRows {
  readonly cells: PackedCells;
  /** `(N)`. */
  readonly rowNumbers: Int32Array;
}

const encoder = new TextEncoder();
// ignoreBOM: a cell that starts with U+FEFF keeps it (by default a decoder drops a leading one).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Bytes of `text` in UTF-8 (a lone surrogate counts as the 3 bytes of the U+FFFD it is encoded as). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** One column's cells, packed. */
export function packColumn(cells: readonly string[]): PackedColumn {
  const text = cells.join('');
  const bytes = encoder.encode(text);
  const ascii = bytes.length === text.length;
  const ends = new Uint32Array(cells.length);
  let end = 0;
  for (let i = 0; i < cells.length; i++) {
    end += ascii ? cells[i]!.length : utf8Length(cells[i]!);
    ends[i] = end;
  }
  return { bytes, ends };
}

/** Rows of `width` cells each, packed (a missing cell reads as ''). */
export function packRows(rows: readonly (readonly string[])[], width: number): PackedCells {
  if (!(Number.isInteger(width) && width >= 0)) throw new RangeError(`width must be a whole number ≥ 0, got ${width}`);
  const columns: PackedColumn[] = [];
  const cells = new Array<string>(rows.length);
  for (let c = 0; c < width; c++) {
    for (let i = 0; i < rows.length; i++) cells[i] = rows[i]![c] ?? '';
    columns.push(packColumn(cells));
  }
  return { rowCount: rows.length, columns };
}

/** Start offset (in bytes) of cell `i` of `column`. */
function start(column: PackedColumn, i: number): number {
  return i === 0 ? 0 : column.ends[i - 1]!;
}

function checkRow(cells: PackedCells, row: number): void {
  if (!(Number.isInteger(row) && row >= 0 && row < cells.rowCount)) {
    throw new RangeError(`row ${row} is not a row of this table (${cells.rowCount} rows)`);
  }
}

function column(cells: PackedCells, index: number): PackedColumn {
  const found = cells.columns[index];
  if (!found || !Number.isInteger(index)) {
    throw new RangeError(`column ${index} is not a column of this table (${cells.columns.length} columns)`);
  }
  return found;
}

/** Cell (row, column). */
export function cellAt(cells: PackedCells, row: number, columnIndex: number): string {
  checkRow(cells, row);
  const c = column(cells, columnIndex);
  return decoder.decode(c.bytes.subarray(start(c, row), c.ends[row]));
}

/**
 * Where each cell ends in the column's decoded text, in UTF-16 code units:
 * the byte offsets themselves when every byte is ASCII, else counted from the
 * bytes (a UTF-8 sequence is one code unit, a 4-byte one two).
 */
function textEnds(c: PackedColumn, textLength: number): Uint32Array {
  if (textLength === c.bytes.length) return c.ends;
  const n = c.ends.length;
  const out = new Uint32Array(n);
  let units = 0;
  let k = 0;
  for (let i = 0; i < c.bytes.length; i++) {
    while (k < n && c.ends[k] === i) out[k++] = units;
    const b = c.bytes[i]!;
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  while (k < n) out[k++] = units;
  return out;
}

/** Every cell of one column, in row order: the column is decoded once, then cut. */
export function columnCells(cells: PackedCells, columnIndex: number): string[] {
  const c = column(cells, columnIndex);
  const text = decoder.decode(c.bytes);
  const ends = textEnds(c, text.length);
  const out = new Array<string>(cells.rowCount);
  let from = 0;
  for (let i = 0; i < cells.rowCount; i++) {
    const to = ends[i]!;
    out[i] = text.slice(from, to);
    from = to;
  }
  return out;
}

/** A column dictionary-encoded: its distinct cells, in order of first appearance, and each row's index among them. */
export interface ColumnCodes {
  readonly values: readonly string[];
  /** `(N)` index into `values` of each row's cell. */
  readonly codes: Int32Array;
}

/**
 * One column dictionary-encoded (`ColumnCodes`) without a string per row: the
 * cells are told apart by their bytes, in a hash table of typed arrays, and
 * only each distinct cell is decoded. A label column of 200,000 rows and a
 * handful of classes takes a few milliseconds and allocates next to nothing,
 * where cutting every cell into a string takes tens (and as much again in
 * garbage collection).
 */
export function columnCodes(cells: PackedCells, columnIndex: number): ColumnCodes {
  const { bytes, ends } = column(cells, columnIndex);
  const n = cells.rowCount;
  const codes = new Int32Array(n);
  // Distinct cells: the first row holding each one, where it starts and ends, and the hash of its bytes.
  const firstRow: number[] = [];
  const firstFrom: number[] = [];
  const firstTo: number[] = [];
  const hashes: number[] = [];
  let mask = 63;
  let slots = new Int32Array(mask + 1).fill(-1); // open addressing: the code in each slot, -1 when empty
  const insert = (code: number): void => {
    let slot = hashes[code]! & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = code;
  };
  const equal = (code: number, from: number, to: number): boolean => {
    const start = firstFrom[code]!;
    if (firstTo[code]! - start !== to - from) return false;
    for (let b = from, o = start; b < to; b++, o++) if (bytes[b] !== bytes[o]) return false;
    return true;
  };
  for (let i = 0, from = 0; i < n; i++) {
    const to = ends[i]!;
    let hash = 0x811c9dc5 ^ (to - from); // FNV-1a over the length and the bytes
    for (let b = from; b < to; b++) hash = Math.imul(hash ^ bytes[b]!, 0x01000193);
    let slot = hash & mask;
    let code = slots[slot]!;
    while (code !== -1 && !(hashes[code] === hash && equal(code, from, to))) {
      slot = (slot + 1) & mask;
      code = slots[slot]!;
    }
    if (code === -1) {
      code = hashes.push(hash) - 1;
      firstRow.push(i);
      firstFrom.push(from);
      firstTo.push(to);
      slots[slot] = code;
      if (2 * hashes.length > mask) {
        mask = 2 * mask + 1;
        slots = new Int32Array(mask + 1).fill(-1);
        for (let k = 0; k < hashes.length; k++) insert(k);
      }
    }
    codes[i] = code;
    from = to;
  }
  // Few distinct cells: decode each; many: decode the column once and cut it.
  let values: string[];
  if (hashes.length <= 64 || 8 * hashes.length <= n) {
    values = firstFrom.map((from, k) => decoder.decode(bytes.subarray(from, firstTo[k])));
  } else {
    const text = decoder.decode(bytes);
    const textEnd = textEnds({ bytes, ends }, text.length);
    values = firstRow.map((i) => text.slice(i === 0 ? 0 : textEnd[i - 1], textEnd[i]));
  }
  return { values, codes };
}

/** The same encoding of cells given as strings. */
export function stringCodes(cells: readonly string[]): ColumnCodes {
  const codes = new Int32Array(cells.length);
  const values: string[] = [];
  const codeOf = new Map<string, number>();
  cells.forEach((cell, i) => {
    let code = codeOf.get(cell);
    if (code === undefined) {
      code = values.push(cell) - 1;
      codeOf.set(cell, code);
    }
    codes[i] = code;
  });
  return { values, codes };
}

/** The cells of one row, in column order. */
export function rowCells(cells: PackedCells, row: number): string[] {
  checkRow(cells, row);
  return cells.columns.map((c) => decoder.decode(c.bytes.subarray(start(c, row), c.ends[row])));
}

/**
 * The whole table as rows of strings (for code that works on rows: featurizing,
 * writing CSV). Equal cells of a column are one string (`columnCodes`): a
 * column of few distinct values costs a pointer a row, not a string.
 */
export function unpackRows(cells: PackedCells): string[][] {
  const n = cells.rowCount;
  const rows = Array.from({ length: n }, () => new Array<string>(cells.columns.length));
  cells.columns.forEach((_, j) => {
    const { values, codes } = columnCodes(cells, j);
    for (let i = 0; i < n; i++) rows[i]![j] = values[codes[i]!]!;
  });
  return rows;
}

/**
 * The rows `keep` (indices, strictly ascending), in that order. Each column's
 * bytes are copied once per run of consecutive kept rows, so dropping a few
 * rows of a large table costs a few copies per column.
 */
export function selectRows(cells: PackedCells, keep: ArrayLike<number>): PackedCells {
  const m = keep.length;
  for (let k = 0; k < m; k++) {
    const i = keep[k]!;
    if (!(Number.isInteger(i) && i >= 0 && i < cells.rowCount) || (k > 0 && i <= keep[k - 1]!)) {
      throw new RangeError(`rows to keep must be ascending rows of the table; got ${i} at position ${k}`);
    }
  }
  if (m === cells.rowCount) return cells;
  const columns = cells.columns.map((c) => {
    const ends = new Uint32Array(m);
    let end = 0;
    for (let k = 0; k < m; k++) {
      const i = keep[k]!;
      end += c.ends[i]! - start(c, i);
      ends[k] = end;
    }
    const bytes = new Uint8Array(end);
    let at = 0;
    let runStart = 0; // position in `keep` where the current run of consecutive rows began
    for (let k = 0; k < m; k++) {
      const i = keep[k]!;
      if (k + 1 === m || keep[k + 1] !== i + 1) {
        const run = c.bytes.subarray(start(c, keep[runStart]!), c.ends[i]);
        bytes.set(run, at);
        at += run.length;
        runStart = k + 1;
      }
    }
    return { bytes, ends };
  });
  return { rowCount: m, columns };
}

/** The cells with some cells of one column replaced: `replacements` maps a row to its new cell. */
export function replaceCells(
  cells: PackedCells,
  columnIndex: number,
  replacements: ReadonlyMap<number, string>,
): PackedCells {
  const c = column(cells, columnIndex);
  const rows = [...replacements.keys()].sort((a, b) => a - b);
  for (const row of rows) checkRow(cells, row);
  if (rows.length === 0) return cells;
  const values = rows.map((row) => encoder.encode(replacements.get(row)!));
  const n = cells.rowCount;
  const ends = new Uint32Array(n);
  let shift = 0; // how much longer the new bytes are than the old ones, so far
  for (let i = 0, next = 0; i < n; i++) {
    if (next < rows.length && rows[next] === i) {
      shift += values[next]!.length - (c.ends[i]! - start(c, i));
      next++;
    }
    ends[i] = c.ends[i]! + shift;
  }
  const bytes = new Uint8Array(n === 0 ? 0 : ends[n - 1]!);
  let copied = 0; // offset in the old bytes up to which the new ones hold them
  let at = 0;
  rows.forEach((row, r) => {
    const before = c.bytes.subarray(copied, start(c, row));
    bytes.set(before, at);
    at += before.length;
    bytes.set(values[r]!, at);
    at += values[r]!.length;
    copied = c.ends[row]!;
  });
  bytes.set(c.bytes.subarray(copied), at);
  const columns = [...cells.columns];
  columns[columnIndex] = { bytes, ends };
  return { rowCount: n, columns };
}

/** The buffers behind the cells, to transfer them to another thread (they are unusable here afterwards). */
export function packedBuffers(cells: PackedCells): ArrayBuffer[] {
  return [...new Set(cells.columns.flatMap((c) => [c.bytes.buffer as ArrayBuffer, c.ends.buffer as ArrayBuffer]))];
}

/** First word of `packedParts`: "DCL1" read as a little-endian 32-bit number. */
const MAGIC = 0x314c4344;

/**
 * The cells as bytes to store (e.g. one Blob in IndexedDB): a header of
 * 32-bit words [MAGIC, rowCount, C, byte length of each column], then each
 * column's `ends` and its bytes, padded to 4 bytes. The parts are views of
 * the cells' own arrays (nothing is copied here).
 */
export function packedParts(cells: PackedCells): Uint8Array<ArrayBuffer>[] {
  const header = Uint32Array.from([
    MAGIC,
    cells.rowCount,
    cells.columns.length,
    ...cells.columns.map((c) => c.bytes.length),
  ]);
  const view = (a: Uint8Array | Uint32Array) => new Uint8Array(a.buffer as ArrayBuffer, a.byteOffset, a.byteLength);
  const parts: Uint8Array<ArrayBuffer>[] = [view(header)];
  for (const c of cells.columns) {
    parts.push(view(c.ends), view(c.bytes));
    const pad = (4 - (c.bytes.length % 4)) % 4;
    if (pad) parts.push(new Uint8Array(pad));
  }
  return parts;
}

/** The cells from `packedParts` joined into one buffer; the columns are views into it (nothing is copied). */
export function readPackedParts(buffer: ArrayBuffer): PackedCells {
  const words = (at: number, count: number) => {
    if (at + 4 * count > buffer.byteLength) throw new RangeError('packed cells: the data is cut short');
    return new Uint32Array(buffer, at, count);
  };
  const [magic, rowCount, width] = words(0, 3) as unknown as [number, number, number];
  if (magic !== MAGIC) throw new RangeError('packed cells: not data written by packedParts');
  const lengths = words(12, width);
  let at = 12 + 4 * width;
  const columns: PackedColumn[] = [];
  for (let j = 0; j < width; j++) {
    const ends = words(at, rowCount);
    at += 4 * rowCount;
    const length = lengths[j]!;
    if (at + length > buffer.byteLength || (rowCount > 0 && ends[rowCount - 1] !== length)) {
      throw new RangeError('packed cells: the data is cut short');
    }
    columns.push({ bytes: new Uint8Array(buffer, at, length), ends });
    at += length + ((4 - (length % 4)) % 4);
  }
  return { rowCount, columns };
}
