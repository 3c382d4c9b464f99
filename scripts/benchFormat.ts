/** Small helpers for `npm run bench`'s figures and tables. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/** Seconds with two decimals, from milliseconds. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** The median wall time of timed runs, with their range when there are several. */
export function wall(ms: readonly number[]): string {
  const m = seconds(median(ms));
  return ms.length > 1 ? `${m} (${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)})` : m;
}

export const percent = (value: number, digits = 2): string => `${(100 * value).toFixed(digits)}%`;

export const ratio = (value: number): string => `${value.toFixed(2)}×`;

export const bytes = (n: number): string => {
  const abs = Math.abs(n);
  if (abs >= 1 << 20) return `${(n / (1 << 20)).toFixed(2)} MB`;
  if (abs >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
};

export const signedBytes = (n: number): string => (n > 0 ? '+' : n < 0 ? '−' : '±') + bytes(Math.abs(n));

/** A plain-text table: a header row, then rows, columns padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return (
    all
      .map((r) =>
        r
          .map((c, i) => (c ?? '').padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

export const mark = (ok: boolean): string => (ok ? '✓' : '✗');
