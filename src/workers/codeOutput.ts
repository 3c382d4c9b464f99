/**
 * What a code cell's value becomes on the page: the `plot` helpers and
 * `lab.table` (which mark a value as a chart or a table), and `toCodeValue`,
 * which turns whatever the code returned into plain data (CodeValue).
 *
 *   number                          → a big number
 *   lab.value(n, { label, unit })   → a big number with its label and unit
 *   string                          → text
 *   plot.line(…) / plot.bar(…)      → a chart (with its data as a table beside it)
 *   lab.table(rows) or [{…}, {…}]   → a table
 *   undefined                       → nothing (the page says to `return` a value)
 *   anything else                   → JSON
 */
import type { CodeCellValue, CodeLineSeries, CodePlot, CodeValue } from './codeProtocol.ts';

/** Most rows a table shows; the rest are counted, not sent. */
export const MAX_TABLE_ROWS = 500;
/** Most characters of JSON shown. */
export const MAX_JSON_CHARS = 20_000;

/** A chart made by plot.line or plot.bar. */
export class LabPlot {
  readonly plot: CodePlot;
  constructor(plot: CodePlot) {
    this.plot = plot;
  }
}

/** A table made by lab.table. */
export class LabTable {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  constructor(columns: readonly string[], rows: readonly Readonly<Record<string, unknown>>[]) {
    this.columns = columns;
    this.rows = rows;
  }
}

/** A number with what it means, made by lab.value. */
export class LabValue {
  readonly value: number;
  readonly label: string | undefined;
  readonly unit: string | undefined;
  constructor(value: number, label: string | undefined, unit: string | undefined) {
    this.value = value;
    this.label = label;
    this.unit = unit;
  }
}

/** Longest label and unit lab.value takes. */
const MAX_LABEL = 120;
const MAX_UNIT = 30;

/**
 * `lab.value(number, { label, unit })`: a number with its meaning, shown large
 * with the label above it and the unit after it — `unit` 'percent' (the number
 * is a share: 0.123 shows as 12.3%), 'points' (percentage points) or any
 * short word ('batches', 'labels').
 */
export function labValue(
  number: unknown,
  options: { readonly label?: unknown; readonly unit?: unknown } = {},
): LabValue {
  if (typeof number !== 'number') {
    throw new TypeError(`lab.value: the value must be a number; got ${JSON.stringify(number) ?? String(number)}`);
  }
  if (!isRecord(options)) {
    throw new TypeError(
      "lab.value: pass options as { label, unit }, e.g. lab.value(4.4, { label: 'Gain', unit: 'points' })",
    );
  }
  const known = ['label', 'unit'];
  const extra = Object.keys(options).filter((k) => !known.includes(k));
  if (extra.length) throw new TypeError(`lab.value: unknown option ${extra.join(', ')} (known: label, unit)`);
  const { label, unit } = options;
  if (label !== undefined && (typeof label !== 'string' || label.length > MAX_LABEL)) {
    throw new TypeError(
      `lab.value: label must be text of at most ${MAX_LABEL} characters; got ${JSON.stringify(label)}`,
    );
  }
  if (unit !== undefined && (typeof unit !== 'string' || !unit.trim() || unit.length > MAX_UNIT)) {
    throw new TypeError(
      `lab.value: unit must be 'percent' (a share such as 0.12, shown as 12%), 'points' or a short word such as 'batches'; got ${JSON.stringify(unit)}`,
    );
  }
  return new LabValue(number, label?.trim() || undefined, unit?.trim());
}

/** Options shared by plot.line and plot.bar. */
export interface PlotOptions {
  /** Rows of the chart: an array of objects. */
  readonly data: readonly Readonly<Record<string, unknown>>[];
  /** Key of the x value (line) or of the bar labels (bar). */
  readonly x: string;
  /** Key of the y value; for a line chart also a list of keys, one line each. */
  readonly y: string | readonly string[];
  /**
   * Line chart only: keys of `y` to draw as thin lines, in the colour of the
   * thick line listed before them — e.g. a mean's worst and best seed.
   */
  readonly thin?: readonly string[];
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

function checkRows(where: string, data: unknown): readonly Record<string, unknown>[] {
  if (!Array.isArray(data) || data.length === 0 || !data.every(isRecord)) {
    throw new TypeError(`${where}: data must be a non-empty array of objects, e.g. [{ size: 50, accuracy: 0.8 }, …]`);
  }
  return data;
}

function checkKey(where: string, name: string, key: unknown, rows: readonly Record<string, unknown>[]): string {
  if (typeof key !== 'string' || !(key in rows[0]!)) {
    throw new TypeError(
      `${where}: ${name} must name a key of the rows (they have: ${Object.keys(rows[0]!).join(', ')}); got ${JSON.stringify(key)}`,
    );
  }
  return key;
}

function checkOptions(where: string, options: unknown): PlotOptions {
  if (!isRecord(options))
    throw new TypeError(`${where}: pass an options object, e.g. ${where}({ data, x: 'size', y: 'accuracy' })`);
  return options as unknown as PlotOptions;
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

/** An automatic title starts with a capital letter, like a sentence: "recall by class" → "Recall by class". */
const sentence = (title: string) => title.charAt(0).toUpperCase() + title.slice(1);

/** The `plot` object code cells get. */
export const plot = {
  /** A line chart: one line per key in `y`, x from `x`; points with a missing or non-number value are left out. */
  line(options: PlotOptions): LabPlot {
    const o = checkOptions('plot.line', options);
    const rows = checkRows('plot.line', o.data);
    const x = checkKey('plot.line', 'x', o.x, rows);
    const ys = (Array.isArray(o.y) ? o.y : [o.y]) as unknown[];
    if (ys.length === 0) throw new TypeError('plot.line: y must name at least one key');
    const thin = o.thin === undefined ? [] : (o.thin as unknown);
    if (!Array.isArray(thin) || !thin.every((k) => typeof k === 'string' && ys.includes(k))) {
      throw new TypeError(`plot.line: thin must list keys of y (${ys.map((k) => JSON.stringify(k)).join(', ')})`);
    }
    let owner: string | null = null;
    const series: CodeLineSeries[] = ys.map((key) => {
      const y = checkKey('plot.line', 'y', key, rows);
      const isThin = thin.includes(y);
      if (!isThin) owner = y;
      return {
        name: y,
        points: rows
          .map((row) => ({ x: row[x], y: row[y] }))
          .filter((p): p is { x: number; y: number } => Number.isFinite(p.x) && Number.isFinite(p.y)),
        ...(isThin ? { thin: { of: owner } } : {}),
      };
    });
    const xLabel = text(o.xLabel, x);
    const yLabel = text(o.yLabel, ys.length === 1 ? String(ys[0]) : '');
    // The legend names every line, so a long list of names makes a poor title: use the axes instead.
    const names = ys.join(', ');
    const title = names.length <= 40 ? `${names} by ${x}` : `${yLabel || `${ys.length} lines`} by ${xLabel}`;
    return new LabPlot({ type: 'line', title: text(o.title, sentence(title)), xLabel, yLabel, series });
  },
  /** A bar chart: one bar per row, labelled by `x`, as tall as `y`. */
  bar(options: PlotOptions): LabPlot {
    const o = checkOptions('plot.bar', options);
    const rows = checkRows('plot.bar', o.data);
    const x = checkKey('plot.bar', 'x', o.x, rows);
    if (Array.isArray(o.y)) throw new TypeError('plot.bar: y must name one key (a bar chart shows one value per row)');
    const y = checkKey('plot.bar', 'y', o.y, rows);
    const bars = rows.map((row, i) => {
      const value = row[y];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new TypeError(`plot.bar: row ${i} has ${y} = ${JSON.stringify(value)}, not a number`);
      }
      return { label: String(row[x]), value };
    });
    return new LabPlot({
      type: 'bar',
      title: text(o.title, sentence(`${y} by ${x}`)),
      xLabel: text(o.xLabel, x),
      yLabel: text(o.yLabel, y),
      bars,
    });
  },
};

/** `lab.table(rows, { columns })`: rows as a table, with the columns in this order (default: all keys, first seen first). */
export function table(rows: unknown, options: { readonly columns?: readonly string[] } = {}): LabTable {
  if (!Array.isArray(rows) || !rows.every(isRecord)) {
    throw new TypeError('lab.table: rows must be an array of objects, e.g. [{ size: 50, accuracy: 0.8 }]');
  }
  const columns = options.columns ?? columnsOf(rows);
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) {
    throw new TypeError('lab.table: columns must be a list of key names');
  }
  return new LabTable(columns, rows);
}

function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

function cell(value: unknown): CodeCellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return toJson(value, 200);
}

function tableValue(columns: readonly string[], rows: readonly Record<string, unknown>[]): CodeValue {
  return {
    kind: 'table',
    columns,
    rows: rows.slice(0, MAX_TABLE_ROWS).map((row) => columns.map((c) => cell(row[c]))),
    omitted: Math.max(0, rows.length - MAX_TABLE_ROWS),
  };
}

function toJson(value: unknown, max: number): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(
      value,
      (_key, v: unknown) => {
        if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
        if (typeof v === 'bigint') return `${v}n`;
        if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
        if (v instanceof Map) return Object.fromEntries(v);
        if (v instanceof Set) return [...v];
        if (typeof v === 'function') return `[function ${v.name || 'anonymous'}]`;
        return v;
      },
      2,
    );
  } catch (error) {
    return `(cannot show this value: ${error instanceof Error ? error.message : String(error)})`;
  }
  json ??= String(value);
  return json.length > max ? `${json.slice(0, max)}… (${json.length - max} more characters)` : json;
}

/** What the page shows for a value the code returned. */
export function toCodeValue(value: unknown): CodeValue {
  if (value === undefined) return { kind: 'none' };
  if (typeof value === 'number') return { kind: 'number', value };
  if (value instanceof LabValue) {
    return {
      kind: 'number',
      value: value.value,
      ...(value.label !== undefined ? { label: value.label } : {}),
      ...(value.unit !== undefined ? { unit: value.unit } : {}),
    };
  }
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'boolean' || typeof value === 'bigint' || typeof value === 'symbol') {
    return { kind: 'text', text: String(value) };
  }
  if (value instanceof LabPlot) return { kind: 'plot', plot: value.plot };
  if (value instanceof LabTable) return tableValue(value.columns, value.rows);
  if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) return tableValue(columnsOf(value), value);
  return { kind: 'json', json: toJson(value, MAX_JSON_CHARS) };
}
