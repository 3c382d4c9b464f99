import { describe, expect, it } from 'vitest';
import {
  formatLabelled,
  formatNumber,
  formatQuantity,
  formatReadout,
  fromPercent,
  looksLikeRate,
  toPercent,
} from '../../src/engine/quantity.ts';

describe('formatQuantity: a number with its unit, rounded as a result shows it', () => {
  for (const [value, unit, shown] of [
    [0.1234, 'percent', '12.3%'],
    [0.12, 'percent', '12%'],
    [0.04, 'percent', '4%'],
    [1, 'percent', '100%'],
    [4.3833, 'points', '4.4 points'],
    [1, 'points', '1 point'],
    [-2, 'points', '−2 points'],
    [3, 'batches', '3 batches'],
    [1, 'batches', '1 batch'],
    [1, 'labels', '1 label'],
    [1257, 'images', '1,257 images'],
    [0.9537, undefined, '0.954'],
    [25.666, null, '25.7'],
  ] as const) {
    it(`${value} ${unit} → ${shown}`, () => expect(formatQuantity(value, unit)).toBe(shown));
  }

  it('formatNumber keeps the big-number rounding of bare returned numbers', () => {
    expect([4.38333, 25.6666, 1257, -0.0111111, 3].map(formatNumber)).toEqual(['4.4', '25.7', '1,257', '−0.0111', '3']);
  });

  it('readouts in prose round the same way but leave the unit word to the sentence; a share keeps its %', () => {
    expect(formatReadout(4.3833, 'points')).toBe('4.4');
    expect(formatReadout(0.1234, 'percent')).toBe('12.3%');
    expect(formatReadout(2, 'batches')).toBe('2');
  });

  it('a labelled value prints as "label: number unit"', () => {
    expect(formatLabelled(4.3833, 'Gain from cleaning', 'points')).toBe('Gain from cleaning: 4.4 points');
    expect(formatLabelled(0.1234, undefined, 'percent')).toBe('12.3%');
  });
});

describe('percent fields: a share entered and shown in percent', () => {
  it('toPercent and fromPercent turn 0.12 into 12 and back, without float noise', () => {
    expect([0.12, 0.07, 0.015, 0.5, 0].map(toPercent)).toEqual([12, 7, 1.5, 50, 0]);
    expect([12, 7, 1.5, 50, 0, 29].map(fromPercent)).toEqual([0.12, 0.07, 0.015, 0.5, 0, 0.29]);
    expect(Number.isNaN(fromPercent(Number.NaN))).toBe(true);
  });

  it('looksLikeRate: a share, rate or noise label with a range inside 0–1', () => {
    expect(looksLikeRate('Share of wrong labels', 0, 0.5)).toBe(true);
    expect(looksLikeRate('Fair share', 0.05, 0.5)).toBe(true);
    expect(looksLikeRate('Wrong labels', 0, 0.5)).toBe(true);
    expect(looksLikeRate('Training images', 0, 1)).toBe(false);
    expect(looksLikeRate('Share of wrong labels', 0, 50)).toBe(false);
    expect(looksLikeRate('Input shift (standard deviations)', 0, 5)).toBe(false);
    expect(looksLikeRate('Noise', undefined, 0.5)).toBe(false);
  });
});
