import { describe, expect, it } from 'vitest';
import {
  CLASS_COLORS,
  CLASS_TINTS,
  classColor,
  classTint,
  CLEAN_COLOR,
  NOISY_COLOR,
  tint,
} from '../../../src/ui/plots/palette.ts';

describe('palette', () => {
  it('has the eight Okabe–Ito colours for classes, all different', () => {
    expect(CLASS_COLORS).toHaveLength(8);
    expect(new Set(CLASS_COLORS).size).toBe(8);
    expect([...CLASS_COLORS].sort()).toEqual([
      '#000000',
      '#0072B2',
      '#009E73',
      '#56B4E9',
      '#CC79A7',
      '#D55E00',
      '#E69F00',
      '#F0E442',
    ]);
  });

  it('gives the clean and noisy series two different Okabe–Ito colours', () => {
    expect(CLASS_COLORS).toContain(CLEAN_COLOR);
    expect(CLASS_COLORS).toContain(NOISY_COLOR);
    expect(CLEAN_COLOR).not.toBe(NOISY_COLOR);
  });

  it('classColor(k) and classTint(k) wrap around after 8 classes', () => {
    expect(classColor(0)).toBe(CLASS_COLORS[0]);
    expect(classColor(9)).toBe(CLASS_COLORS[1]);
    expect(classTint(10)).toBe(CLASS_TINTS[2]);
  });

  it('tint(color, strength) mixes with white', () => {
    expect(tint('#000000', 1)).toBe('#000000');
    expect(tint('#000000', 0)).toBe('#FFFFFF');
    expect(tint('#0072B2', 0.5)).toBe('#80B9D9');
    expect(CLASS_TINTS.every((c) => /^#[0-9A-F]{6}$/.test(c))).toBe(true);
  });
});
