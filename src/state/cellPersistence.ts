/**
 * The small interface every cell state offers so its state can be kept
 * between visits and shared in a link, whatever the cell type:
 *
 * - `params` and the lesson's own `spec.params` (the defaults);
 * - `resetToDefaults()`: back to the lesson's parameters;
 * - `saveState()`: the parameters plus, where cheap to keep, the result on
 *   screen together with what it answers — a structured-clone friendly value;
 * - `restoreState(saved)`: applies saved or linked parameters through the
 *   cell's own checks. With any problem nothing changes and the problems come
 *   back (`key: reason`); a saved result is shown only when it is usable.
 */
import type { SavedCellRecord } from './notebookStore.ts';

export interface CellSnapshot {
  readonly params: Readonly<Record<string, unknown>>;
  /** The result on screen and what it answers (cell-type specific), if the cell keeps one. */
  readonly result?: unknown;
}

export interface PersistentCell {
  readonly spec: { readonly id: string; readonly type: string; readonly params: object };
  readonly params: object;
  resetToDefaults(): void;
  saveState(): CellSnapshot;
  restoreState(saved: CellSnapshot): readonly string[];
  /** Parameters a sharing link may carry (default: all). */
  readonly linkKeys?: readonly string[];
  /**
   * A cell whose link values are not its parameters (a code cell: its
   * controls' values, never its code): the values now and the lesson's, by
   * link key. Without it a link carries `params` against `spec.params`.
   */
  readonly linkState?: {
    readonly params: Readonly<Record<string, unknown>>;
    readonly defaults: Readonly<Record<string, unknown>>;
  };
  /** Applies a link's values (decoded to the defaults' shape) to a cell with `linkState`; the problems, each `key: reason`. */
  applyLinkState?(values: Readonly<Record<string, unknown>>): readonly string[];
  /** A label cell: a partner's labels carried by a link (`cellId.labels=…`), added beside the reader's own. */
  applyLinkLabels?(text: string): void;
}

export function isPersistentCell(cell: unknown): cell is PersistentCell {
  if (typeof cell !== 'object' || cell === null) return false;
  const c = cell as Partial<Record<keyof PersistentCell, unknown>>;
  return (
    typeof c.resetToDefaults === 'function' &&
    typeof c.saveState === 'function' &&
    typeof c.restoreState === 'function' &&
    typeof c.spec === 'object'
  );
}

/** Version of the record layout; records of another version are ignored (the cell keeps the lesson's defaults). */
export const RECORD_VERSION = 1;

/** The record kept for a cell. */
export interface CellRecord extends CellSnapshot {
  readonly v: typeof RECORD_VERSION;
  readonly type: string;
  /** When it was saved (ms since 1970), to say so on screen. */
  readonly savedAt: number;
}

export function toRecord(cell: PersistentCell, snapshot: CellSnapshot, savedAt: number): SavedCellRecord {
  const record: CellRecord = {
    v: RECORD_VERSION,
    type: cell.spec.type,
    savedAt,
    params: snapshot.params,
    ...(snapshot.result !== undefined ? { result: snapshot.result } : {}),
  };
  return { ...record };
}

/** The snapshot in a stored record, or why it cannot be used for this cell. */
export function fromRecord(
  cell: PersistentCell,
  record: SavedCellRecord,
): { readonly ok: true; readonly snapshot: CellSnapshot } | { readonly ok: false; readonly reason: string } {
  if (record.v !== RECORD_VERSION) return { ok: false, reason: 'it was saved by another version of the lab' };
  if (record.type !== cell.spec.type) {
    return {
      ok: false,
      reason: `it was saved for a ${String(record.type)} cell, and this one is a ${cell.spec.type} cell`,
    };
  }
  const params = record.params;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return { ok: false, reason: 'its parameters are missing' };
  }
  return {
    ok: true,
    snapshot: {
      params: params as Record<string, unknown>,
      ...(record.result !== undefined ? { result: record.result } : {}),
    },
  };
}

/** True when the cell shows nothing but the lesson's defaults (nothing worth keeping). */
export function isPristine(cell: PersistentCell, snapshot: CellSnapshot): boolean {
  return snapshot.result === undefined && sameValue(snapshot.params, cell.spec.params);
}

/** Deep equality of plain data (objects compared key by key, whatever the key order). */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/** The parameters of `params` that differ from `defaults`, plus `always` (e.g. the seed) — what a link needs. */
export function changedParams(
  params: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, unknown>>,
  always: readonly string[] = [],
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).filter(([key, value]) => always.includes(key) || !sameValue(value, defaults[key])),
  );
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
