/**
 * Colours of the plots: the Okabe–Ito palette, distinguishable with the common
 * forms of colour blindness and on a washed-out classroom projector.
 * (Okabe & Ito, "Color Universal Design", 2008.)
 */

/** The eight Okabe–Ito colours by name. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/**
 * Class colours for up to 8 classes, in order of use: the strongest contrasts
 * on white first; yellow (weak on white) and black (the colour of the
 * wrong-label ring) last.
 */
export const CLASS_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.vermillion,
  OKABE_ITO.yellow,
  OKABE_ITO.black,
];

/** The colour of class `k` (wraps around after 8 classes). */
export function classColor(k: number): string {
  const n = CLASS_COLORS.length;
  return CLASS_COLORS[((k % n) + n) % n]!;
}

/** The learning-curve series: clean labels blue, noisy labels vermillion. */
export const CLEAN_COLOR = OKABE_ITO.blue;
export const NOISY_COLOR = OKABE_ITO.vermillion;
export const SERIES_COLORS = { clean: CLEAN_COLOR, noisy: NOISY_COLOR } as const;

/** Ink for text, axes, guides and the wrong-label ring; muted ink for secondary text and grid lines. */
export const INK = '#1a1a1a';
export const MUTED_INK = '#555555';
export const GRID_INK = '#d9d9d9';

/** How much of a class colour is in its tint (the rest is white). */
export const TINT_STRENGTH = 0.22;

/** `color` mixed with white: `strength` of the colour, the rest white. Takes and gives #rrggbb. */
export function tint(color: string, strength = TINT_STRENGTH): string {
  const channel = (offset: number) => {
    const value = parseInt(color.slice(offset, offset + 2), 16);
    return Math.round(255 - strength * (255 - value))
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(1)}${channel(3)}${channel(5)}`.toUpperCase();
}

/** Light, opaque tints of the class colours: the fills of the decision regions. */
export const CLASS_TINTS: readonly string[] = CLASS_COLORS.map((color) => tint(color));

/** The tint of class `k` (wraps around after 8 classes). */
export function classTint(k: number): string {
  const n = CLASS_TINTS.length;
  return CLASS_TINTS[((k % n) + n) % n]!;
}
