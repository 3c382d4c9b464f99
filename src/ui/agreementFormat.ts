/**
 * Formatting of the labelers cell's figures: chance-corrected statistics
 * (kappa, alpha) as 0.00, changes as signed percentage points or decimals,
 * and the undefined case in words instead of NaN.
 */
import type { CohenKappa, FleissKappa, KrippendorffAlpha } from '../engine/agreement/index.ts';
import { percent } from './format.ts';

const MINUS = '\u2212';

/** A kappa or alpha as 0.00 (with a true minus sign); "—" for a value that is not a number. */
export function decimal(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const text = value.toFixed(2);
  return text.startsWith('-') ? `${MINUS}${text.slice(1)}` : text;
}

/** A fraction as a percentage, "—" when it is not a number (a class no one used). */
export function share(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : percent(value);
}

/** The change between two fractions in percentage points: "+15.0 pts", "−1.2 pts", "±0.0 pts"; "—" if either is missing. */
export function pointsChange(before: number | null, after: number | null): string {
  if (before === null || after === null || !Number.isFinite(before) || !Number.isFinite(after)) return '—';
  const delta = Math.round(1000 * (after - before)) / 10;
  if (delta === 0) return '±0.0 pts';
  return `${delta > 0 ? '+' : MINUS}${Math.abs(delta).toFixed(1)} pts`;
}

/** The change between two kappas: "+0.17", "−0.05", "±0.00"; "—" if either is undefined. */
export function decimalChange(before: number | null, after: number | null): string {
  if (before === null || after === null || !Number.isFinite(before) || !Number.isFinite(after)) return '—';
  const delta = Math.round(100 * (after - before)) / 100;
  if (delta === 0) return '±0.00';
  return `${delta > 0 ? '+' : MINUS}${Math.abs(delta).toFixed(2)}`;
}

/** The value of a statistic that may be undefined; null when it is. */
export function statValue(stat: CohenKappa | FleissKappa | KrippendorffAlpha | null): number | null {
  if (!stat?.defined) return null;
  return 'kappa' in stat ? stat.kappa : stat.alpha;
}
