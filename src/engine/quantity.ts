/**
 * Numbers with their meaning: how a code cell's returned value (`lab.value`),
 * its print() lines, the prose readouts and the fields of rates show a
 * number. Pure, shared by the code worker, the cell states and the page.
 *
 *   unit 'percent'  the value is a share (0.123) shown as 12.3%
 *   unit 'points'   percentage points, already ×100 (4.38 → 4.4 points)
 *   any other word  a count or measure (3 → 3 batches, 1 → 1 batch)
 *
 * Rounding: whole numbers grouped (1,257); from 1 up one decimal (4.383 →
 * 4.4); below 1 three significant digits (0.9537 → 0.954); percentages to
 * one decimal (0.1234 → 12.3%, 0.12 → 12%).
 */
import { format as d3format } from 'd3';

/** The units `lab.value` knows by name; any other short word is shown after the number as it is. */
export const NAMED_UNITS = ['percent', 'points'] as const;

const fourDigits = d3format('~r');

/** Up to 4 significant digits, no trailing zeros, whole numbers grouped (as chart labels show numbers). */
export function formatPlain(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (!Number.isInteger(value)) return fourDigits(Number(value.toPrecision(4)));
  // A minus sign, as d3 writes it for the other numbers (−2, not -2).
  return value < 0 ? `−${(-value).toLocaleString('en-US')}` : value.toLocaleString('en-US');
}

/** A number as a result shows it (see the module comment for the rounding). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return formatPlain(value);
  if (Math.abs(value) >= 1) return formatPlain(Math.round(10 * value) / 10);
  return formatPlain(Number(value.toPrecision(3)));
}

/** A share (0.123) in percent to one decimal: "12.3%", "12%". */
export function formatPercentValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return `${formatPlain(Number((100 * value).toFixed(1)))}%`;
}

/** The unit word for `value`: "points" but "1 point", "batches" but "1 batch" (only regular plurals are made singular). */
function unitWord(unit: string, value: number): string {
  if (Math.abs(value) !== 1) return unit;
  if (/[^s]ses$|ches$|shes$|xes$/.test(unit)) return unit.slice(0, -2);
  if (/[^s]s$/.test(unit)) return unit.slice(0, -1);
  return unit;
}

/** The number with its unit: "12.3%", "4.4 points", "3 batches"; without a unit the number alone. */
export function formatQuantity(value: number, unit?: string | null): string {
  if (unit === 'percent') return formatPercentValue(value);
  const number = formatNumber(value);
  if (!unit) return number;
  return `${number} ${unitWord(unit, Number(number.replace(/,/g, '').replace('−', '-')))}`;
}

/**
 * The number as prose shows it inline ({{id.value}}), where the sentence
 * names the unit itself: rounded as the result shows it, percent with "%",
 * no unit word ("gained 4.4 points").
 */
export function formatReadout(value: number, unit?: string | null): string {
  return unit === 'percent' ? formatPercentValue(value) : formatNumber(value);
}

/** A returned value with its label, as a print() line shows it: "Gain from cleaning: 4.4 points". */
export function formatLabelled(value: number, label?: string | null, unit?: string | null): string {
  const shown = formatQuantity(value, unit);
  return label ? `${label}: ${shown}` : shown;
}

/** Words that make a field or column a rate or share (kept in step with ui/plots/codePlot.ts). */
const RATE_WORDS = /accura|recall|precision|\brates?\b|share|fraction|proportion|agreement|wrong labels|\bnoise\b/i;

/** Whether a number field named `label` holding values in [min, max] is a rate, entered and shown in percent. */
export function looksLikeRate(label: string, min: number | undefined, max: number | undefined): boolean {
  return min !== undefined && max !== undefined && min >= 0 && max <= 1 && RATE_WORDS.test(label);
}

/** A share as a percent field shows it: 0.12 → 12, 0.07 → 7 (no 7.000000000000001). */
export function toPercent(value: number): number {
  return Number.isFinite(value) ? Number((100 * value).toPrecision(12)) : value;
}

/** A percent typed into a field as the share it means: 12 → 0.12. NaN stays NaN. */
export function fromPercent(value: number): number {
  return Number.isFinite(value) ? Number((value / 100).toPrecision(12)) : value;
}
