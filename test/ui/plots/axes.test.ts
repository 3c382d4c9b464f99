import { describe, expect, it } from 'vitest';
import { labelledTicks } from '../../../src/ui/plots/axes.ts';

describe('labelledTicks(positions, labels)', () => {
  it('keeps every label when they are far apart', () => {
    expect(labelledTicks([0, 100, 200], ['50', '100', '200'])).toEqual([true, true, true]);
  });

  it('drops a label that would overlap the one before it', () => {
    expect(labelledTicks([0, 10, 100, 200], ['a', 'b', 'c', 'd'])).toEqual([true, false, true, true]);
  });

  it('always keeps the last label, dropping the kept ones it would overlap', () => {
    expect(labelledTicks([0, 100, 130], ['1,000', '1,000', '1,250'])).toEqual([true, false, true]);
  });

  it('handles no ticks and a single tick', () => {
    expect(labelledTicks([], [])).toEqual([]);
    expect(labelledTicks([5], ['x'])).toEqual([true]);
  });
});
