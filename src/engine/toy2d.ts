/**
 * Seeded 2-D data sets small enough to draw every point and the decision
 * boundary: blobs (K Gaussian clusters), moons (two interleaved half
 * circles) and circles (a ring around a disc). Coordinates lie roughly in
 * the shape's `bounds`.
 */
import type { LabelledMatrix } from './types.ts';
import { randomInt, randomNormal, type Random } from './random.ts';

export type ToyShape = 'blobs' | 'moons' | 'circles';
export const TOY_SHAPES: readonly ToyShape[] = ['blobs', 'moons', 'circles'];

export interface ToyOptions {
  readonly shape: ToyShape;
  /** Number of points. */
  readonly n: number;
  /** Classes (blobs only; moons and circles have 2). Default 3. */
  readonly classes?: number;
  /** Standard deviation of the Gaussian jitter. Default 0.2 (blobs 0.45). */
  readonly spread?: number;
  readonly random: Random;
}

export interface Bounds {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** The plotting window of each shape. */
export const TOY_BOUNDS: Readonly<Record<ToyShape, Bounds>> = {
  blobs: { x: [-3, 3], y: [-3, 3] },
  moons: { x: [-1.75, 2.75], y: [-1.5, 2] },
  circles: { x: [-1.75, 1.75], y: [-1.75, 1.75] },
};

export function toyClasses(shape: ToyShape, classes = 3): number {
  return shape === 'blobs' ? classes : 2;
}

/** Points with balanced classes (class i gets ⌊n/K⌋ or one more), in random class order. */
export function generateToy(options: ToyOptions): LabelledMatrix {
  const { shape, n, random } = options;
  const k = toyClasses(shape, options.classes);
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`number of points must be a positive integer, got ${n}`);
  if (!(Number.isInteger(k) && k >= 2 && k <= 6)) throw new RangeError(`blobs need 2 to 6 classes, got ${k}`);
  const spread = options.spread ?? (shape === 'blobs' ? 0.45 : 0.2);
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = i % k;
  // Shuffle class order so any prefix is mixed.
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const t = y[i]!;
    y[i] = y[j]!;
    y[j] = t;
  }
  for (let i = 0; i < n; i++) {
    const [px, py] = point(shape, y[i]!, k, random);
    x[2 * i] = px + spread * randomNormal(random);
    x[2 * i + 1] = py + spread * randomNormal(random);
  }
  return { x, y, n, d: 2, classes: k };
}

function point(shape: ToyShape, label: number, k: number, random: Random): [number, number] {
  switch (shape) {
    case 'blobs': {
      const angle = (2 * Math.PI * label) / k + Math.PI / 2;
      return [1.6 * Math.cos(angle), 1.6 * Math.sin(angle)];
    }
    case 'moons': {
      const t = Math.PI * random();
      return label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    }
    case 'circles': {
      const t = 2 * Math.PI * random();
      const r = label === 0 ? 1.2 : 0.5;
      return [r * Math.cos(t), r * Math.sin(t)];
    }
  }
}

/** The centres of an nx × ny grid over `bounds`, row-major from the top-left: `(nx·ny, 2)`. */
export function gridPoints(bounds: Bounds, nx: number, ny: number): Float32Array {
  const out = new Float32Array(nx * ny * 2);
  const [x0, x1] = bounds.x;
  const [y0, y1] = bounds.y;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const p = 2 * (j * nx + i);
      out[p] = x0 + ((i + 0.5) * (x1 - x0)) / nx;
      out[p + 1] = y1 - ((j + 0.5) * (y1 - y0)) / ny;
    }
  }
  return out;
}
