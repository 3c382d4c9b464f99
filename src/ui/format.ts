import { describeNoise, type NoiseSpec } from '../engine/noise/spec.ts';

/** Formatting of numbers on the page: percentages, factors, counts. */

export function percent(value: number, digits = 1): string {
  return `${(100 * value).toFixed(digits)}%`;
}

export function factor(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

/** One formatter for every count: `toLocaleString` builds a new one per call (a 300-column table makes 600 calls). */
const COUNT = new Intl.NumberFormat('en-US');

export function count(value: number): string {
  return COUNT.format(Math.round(value));
}

export function seconds(value: number): string {
  if (value < 1) return '<1 s';
  if (value < 90) return `${Math.round(value)} s`;
  const whole = Math.round(value);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/**
 * A cell output by its key's kind: kappas, alphas and F1 as 0.00; accuracies,
 * rates, precision, recall and agreement as %; factors as ×; the rest as counts.
 */
export function formatOutput(key: string, value: number | string | null): string {
  if (value === null) return '…';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '—';
  if (/kappa|alpha|fleiss|f1/i.test(key)) return value.toFixed(2);
  if (/accuracy|At\dN0|AtN0|noise|precision|recall|agreement/i.test(key)) return percent(value);
  if (/factor/i.test(key)) return factor(value);
  return count(value);
}

/** The noisy arm's name: "10% noisy labels" for uniform noise, else the noise model in words. */
export function noiseLabel(spec: NoiseSpec, classNames: readonly string[]): string {
  return spec.kind === 'uniform' ? `${percent(spec.rate, 0)} noisy labels` : describeNoise(spec, { classNames });
}
