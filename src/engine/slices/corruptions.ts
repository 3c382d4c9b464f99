/**
 * Seeded corruptions of one small grayscale image: a `(height · width)`
 * row-major array of intensities in [0, 1]. Each returns a new array and
 * leaves its input alone.
 */
import type { Random } from '../random.ts';

/** The image turned a quarter turn clockwise: pixel (r, c) of the result is (height − 1 − c, r) of the input. */
export function rotateQuarter(pixels: ArrayLike<number>, width: number, height: number): Float32Array {
  if (pixels.length !== width * height) {
    throw new RangeError(`rotateQuarter: ${pixels.length} pixels for a ${width}×${height} image`);
  }
  // The result is height wide and width high.
  const out = new Float32Array(pixels.length);
  for (let r = 0; r < width; r++) {
    for (let c = 0; c < height; c++) out[r * height + c] = pixels[(height - 1 - c) * width + r]!;
  }
  return out;
}

/**
 * Low contrast: every intensity pulled toward the image's mean,
 * v → mean + factor · (v − mean); factor 1 keeps the image, 0 makes it flat.
 */
export function lowerContrast(pixels: ArrayLike<number>, factor: number): Float32Array {
  if (!(factor >= 0 && factor <= 1)) throw new RangeError(`lowerContrast: factor must be from 0 to 1, got ${factor}`);
  let sum = 0;
  for (let i = 0; i < pixels.length; i++) sum += pixels[i]!;
  const mean = pixels.length ? sum / pixels.length : 0;
  return Float32Array.from(pixels, (v) => mean + factor * (v - mean));
}

export interface NoisyBackgroundOptions {
  /** Pixels below this intensity count as background. */
  readonly threshold: number;
  /** Background pixels get a uniform draw from [0, level) added (capped at 1). */
  readonly level: number;
  readonly random: Random;
}

/** A cluttered background: seeded noise added to the dark (background) pixels only. */
export function noisyBackground(pixels: ArrayLike<number>, options: NoisyBackgroundOptions): Float32Array {
  const { threshold, level, random } = options;
  return Float32Array.from(pixels, (v) => (v < threshold ? Math.min(1, v + level * random()) : v));
}
