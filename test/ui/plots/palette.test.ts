import { describe, expect, it } from 'vitest';
import {
  CLASS_COLORS,
  CLASS_TINTS,
  classColor,
  classTint,
  CLEAN_COLOR,
  INK,
  MUTED_INK,
  NOISY_COLOR,
  tint,
} from '../../../src/ui/plots/palette.ts';
import { BUDGET_STYLES } from '../../../src/ui/plots/budgetPlot.ts';

type Rgb = readonly [number, number, number];
type Matrix = readonly [Rgb, Rgb, Rgb];

/** #rrggbb → linear-light sRGB in [0, 1]. */
function linearRgb(hex: string): Rgb {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return [channel(1), channel(3), channel(5)];
}

/** Full-severity dichromacy, simulated in linear RGB (Machado, Oliveira & Fernandes 2009, severity 1.0). */
const VISION: Readonly<Record<string, Matrix>> = {
  'normal vision': [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** CIELAB (D65) of a linear RGB colour. */
function lab([r, g, b]: Rgb): Rgb {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** How different two colours look (CIE76 ΔE) to someone with the given colour vision. */
function distance(a: string, b: string, vision: Matrix): number {
  const seen = (hex: string): Rgb => {
    const c = linearRgb(hex);
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    const row = (m: Rgb) => clamp(m[0] * c[0] + m[1] * c[1] + m[2] * c[2]);
    return lab([row(vision[0]), row(vision[1]), row(vision[2])]);
  };
  const p = seen(a);
  const q = seen(b);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** WCAG contrast ratio of a colour against white. */
function contrastOnWhite(hex: string): number {
  const [r, g, b] = linearRgb(hex);
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

/** The smallest distance between any two of `colors`, over every kind of colour vision, with the pair. */
function closestPair(colors: readonly string[]): { distance: number; pair: string } {
  let closest = { distance: Infinity, pair: '' };
  for (const [name, vision] of Object.entries(VISION)) {
    for (let i = 0; i < colors.length; i++) {
      for (let j = i + 1; j < colors.length; j++) {
        const d = distance(colors[i]!, colors[j]!, vision);
        if (d < closest.distance) closest = { distance: d, pair: `${colors[i]} / ${colors[j]} (${name})` };
      }
    }
  }
  return closest;
}

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

  describe('colour-blind safety (simulated dichromacy, CIE76 ΔE)', () => {
    it('distance(a, b, vision) is 0 for the same colour and about 100 between black and white', () => {
      expect(distance('#0072B2', '#0072B2', VISION.deuteranopia!)).toBe(0);
      expect(distance('#000000', '#FFFFFF', VISION['normal vision']!)).toBeCloseTo(100, 0);
    });

    it('clean and noisy series stay far apart for protanopia, deuteranopia and tritanopia — not a red/green pair', () => {
      for (const vision of Object.values(VISION)) {
        expect(distance(CLEAN_COLOR, NOISY_COLOR, vision)).toBeGreaterThan(50);
      }
    });

    it('the two playground classes (0 and 1) stay far apart for every kind of colour vision', () => {
      expect(closestPair(CLASS_COLORS.slice(0, 2)).distance).toBeGreaterThan(50);
    });

    it('the first four class colours and the three cleaning-budget orders stay distinguishable', () => {
      expect(closestPair(CLASS_COLORS.slice(0, 4)).distance).toBeGreaterThan(15);
      const orders = Object.values(BUDGET_STYLES);
      expect(closestPair(orders.map((o) => o.color)).distance).toBeGreaterThan(15);
      // …and they differ in marker and dash too, so colour is never the only cue.
      expect(new Set(orders.map((o) => o.symbol)).size).toBe(orders.length);
      expect(new Set(orders.map((o) => o.dash)).size).toBe(orders.length);
    });

    it('series lines have at least 3:1 contrast on white (WCAG 1.4.11), text ink at least 4.5:1', () => {
      expect(contrastOnWhite('#FFFFFF')).toBeCloseTo(1);
      expect(contrastOnWhite(CLEAN_COLOR)).toBeGreaterThanOrEqual(4.5);
      expect(contrastOnWhite(NOISY_COLOR)).toBeGreaterThanOrEqual(3);
      expect(contrastOnWhite(INK)).toBeGreaterThanOrEqual(4.5);
      expect(contrastOnWhite(MUTED_INK)).toBeGreaterThanOrEqual(4.5);
    });
  });
});
