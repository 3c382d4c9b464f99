import { describe, it, expect } from 'vitest';
import { createRandom } from '../../src/engine/random.ts';
import { TOY_BOUNDS, TOY_SHAPES, generateToy, gridPoints, toyClasses, type ToyShape } from '../../src/engine/toy2d.ts';

function classCounts(y: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of y) counts[label]!++;
  return counts;
}

function pointsOfClass(data: { x: Float32Array; y: Int32Array }, c: number): [number, number][] {
  const points: [number, number][] = [];
  data.y.forEach((label, i) => {
    if (label === c) points.push([data.x[2 * i]!, data.x[2 * i + 1]!]);
  });
  return points;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('toyClasses', () => {
  it('toyClasses(shape, classes) is the classes for blobs (default 3) and 2 for moons and circles', () => {
    expect(toyClasses('blobs')).toBe(3);
    expect(toyClasses('blobs', 5)).toBe(5);
    expect(toyClasses('moons')).toBe(2);
    expect(toyClasses('moons', 5)).toBe(2);
    expect(toyClasses('circles', 4)).toBe(2);
  });
});

describe('generateToy', () => {
  it('generateToy({shape, n}) returns an (n, 2) matrix with K classes', () => {
    for (const shape of TOY_SHAPES) {
      const data = generateToy({ shape, n: 50, random: createRandom(1) });
      expect(data.n).toBe(50);
      expect(data.d).toBe(2);
      expect(data.x).toBeInstanceOf(Float32Array);
      expect(data.x.length).toBe(100);
      expect(data.y.length).toBe(50);
      expect(data.classes).toBe(toyClasses(shape));
      expect(data.x.every(Number.isFinite)).toBe(true);
    }
  });

  it('generateToy({n}) balances the classes: class i gets ⌊n/K⌋ points, plus one for the first n mod K classes', () => {
    expect(classCounts(generateToy({ shape: 'blobs', n: 10, random: createRandom(0) }).y, 3)).toEqual([4, 3, 3]);
    expect(classCounts(generateToy({ shape: 'blobs', n: 17, classes: 5, random: createRandom(0) }).y, 5)).toEqual([
      4, 4, 3, 3, 3,
    ]);
    expect(classCounts(generateToy({ shape: 'moons', n: 121, random: createRandom(0) }).y, 2)).toEqual([61, 60]);
    expect(classCounts(generateToy({ shape: 'circles', n: 1, random: createRandom(0) }).y, 2)).toEqual([1, 0]);
  });

  it('generateToy(options) shuffles the class order so a prefix mixes classes', () => {
    const { y } = generateToy({ shape: 'blobs', n: 60, random: createRandom(4) });
    const unshuffled = Array.from({ length: 60 }, (_, i) => i % 3);
    expect(Array.from(y)).not.toEqual(unshuffled);
    expect(new Set(y.subarray(0, 10)).size).toBeGreaterThan(1);
  });

  it('generateToy(options) is deterministic for a seed and varies with the seed', () => {
    for (const shape of TOY_SHAPES) {
      const a = generateToy({ shape, n: 40, random: createRandom(9) });
      const b = generateToy({ shape, n: 40, random: createRandom(9) });
      const c = generateToy({ shape, n: 40, random: createRandom(10) });
      expect(Array.from(b.x)).toEqual(Array.from(a.x));
      expect(Array.from(b.y)).toEqual(Array.from(a.y));
      expect(Array.from(c.x)).not.toEqual(Array.from(a.x));
    }
  });

  it('generateToy({shape}) puts nearly all points inside TOY_BOUNDS[shape]', () => {
    for (const shape of TOY_SHAPES) {
      const bounds = TOY_BOUNDS[shape];
      const { x, n } = generateToy({ shape, n: 600, random: createRandom(2) });
      let inside = 0;
      for (let i = 0; i < n; i++) {
        const [px, py] = [x[2 * i]!, x[2 * i + 1]!];
        if (px >= bounds.x[0] && px <= bounds.x[1] && py >= bounds.y[0] && py <= bounds.y[1]) inside++;
      }
      expect(inside / n, shape).toBeGreaterThan(0.97);
    }
  });

  it('generateToy({shape: "blobs", spread: 0}) puts class c at 1.6·(cos, sin)(2πc/K + π/2)', () => {
    const data = generateToy({ shape: 'blobs', n: 8, classes: 4, spread: 0, random: createRandom(3) });
    data.y.forEach((c, i) => {
      const angle = (2 * Math.PI * c) / 4 + Math.PI / 2;
      expect(data.x[2 * i]).toBeCloseTo(1.6 * Math.cos(angle), 6);
      expect(data.x[2 * i + 1]).toBeCloseTo(1.6 * Math.sin(angle), 6);
    });
  });

  it('generateToy({shape: "circles", spread: 0}) puts class 0 on radius 1.2 and class 1 on radius 0.5', () => {
    const data = generateToy({ shape: 'circles', n: 40, spread: 0, random: createRandom(3) });
    for (const [c, r] of [
      [0, 1.2],
      [1, 0.5],
    ] as const) {
      for (const [px, py] of pointsOfClass(data, c)) expect(Math.hypot(px, py)).toBeCloseTo(r, 6);
    }
  });

  it('generateToy({shape: "moons", spread: 0}) puts class 0 on the upper unit half circle and class 1 on the lower one shifted by (1, 0.5)', () => {
    const data = generateToy({ shape: 'moons', n: 40, spread: 0, random: createRandom(3) });
    for (const [px, py] of pointsOfClass(data, 0)) {
      expect(Math.hypot(px, py)).toBeCloseTo(1, 6);
      expect(py).toBeGreaterThanOrEqual(0);
    }
    for (const [px, py] of pointsOfClass(data, 1)) {
      expect(Math.hypot(px - 1, py - 0.5)).toBeCloseTo(1, 6);
      expect(py).toBeLessThanOrEqual(0.5);
    }
  });

  it('generateToy({spread}) jitters points by about spread around the shape', () => {
    const data = generateToy({ shape: 'blobs', n: 3000, classes: 2, spread: 0.3, random: createRandom(6) });
    const up = pointsOfClass(data, 0); // centre (0, 1.6)
    expect(mean(up.map((p) => p[0]))).toBeCloseTo(0, 1);
    expect(mean(up.map((p) => p[1]))).toBeCloseTo(1.6, 1);
    const sd = Math.sqrt(mean(up.map((p) => p[0] ** 2)));
    expect(Math.abs(sd - 0.3)).toBeLessThan(0.02);
  });

  it('generateToy({shape: "blobs", classes}) throws a RangeError outside 2…6 classes', () => {
    for (const classes of [1, 7, 2.5]) {
      expect(() => generateToy({ shape: 'blobs', n: 10, classes, random: createRandom(0) })).toThrow(
        `blobs need 2 to 6 classes, got ${classes}`,
      );
    }
    expect(() => generateToy({ shape: 'blobs', n: 10, classes: 6, random: createRandom(0) })).not.toThrow();
  });

  it('generateToy({shape: "moons", classes: 9}) ignores classes', () => {
    expect(generateToy({ shape: 'moons', n: 10, classes: 9, random: createRandom(0) }).classes).toBe(2);
  });

  it('generateToy({n}) throws a RangeError unless n is a positive integer', () => {
    for (const n of [0, -5, 2.5, NaN]) {
      expect(() => generateToy({ shape: 'moons', n, random: createRandom(0) })).toThrow(
        `number of points must be a positive integer, got ${n}`,
      );
    }
  });
});

describe('gridPoints', () => {
  it('gridPoints(bounds, 2, 2) lists cell centres row-major from the top-left', () => {
    const grid = gridPoints({ x: [0, 2], y: [0, 2] }, 2, 2);
    expect(Array.from(grid)).toEqual([0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1.5, 0.5]);
  });

  it('gridPoints(bounds, nx, ny) has nx·ny points: x increases along a row, y decreases down the rows', () => {
    const grid = gridPoints({ x: [-3, 3], y: [-1, 1] }, 3, 2);
    expect(grid.length).toBe(12);
    expect(Array.from(grid)).toEqual([-2, 0.5, 0, 0.5, 2, 0.5, -2, -0.5, 0, -0.5, 2, -0.5]);
  });

  it('gridPoints(bounds, nx, ny) stays strictly inside the bounds', () => {
    for (const shape of TOY_SHAPES as readonly ToyShape[]) {
      const bounds = TOY_BOUNDS[shape];
      const grid = gridPoints(bounds, 7, 5);
      for (let p = 0; p < grid.length; p += 2) {
        expect(grid[p]).toBeGreaterThan(bounds.x[0]);
        expect(grid[p]).toBeLessThan(bounds.x[1]);
        expect(grid[p + 1]).toBeGreaterThan(bounds.y[0]);
        expect(grid[p + 1]).toBeLessThan(bounds.y[1]);
      }
    }
  });

  it('gridPoints(bounds, 1, 1) is the centre of the bounds', () => {
    expect(Array.from(gridPoints({ x: [-1.75, 2.75], y: [-1.5, 2] }, 1, 1))).toEqual([0.5, 0.25]);
  });

  it('gridPoints(bounds, 0, n) is empty', () => {
    expect(gridPoints({ x: [0, 1], y: [0, 1] }, 0, 4).length).toBe(0);
  });
});

describe('TOY_BOUNDS', () => {
  it('TOY_BOUNDS has a non-empty window for every shape', () => {
    for (const shape of TOY_SHAPES) {
      expect(TOY_BOUNDS[shape].x[1]).toBeGreaterThan(TOY_BOUNDS[shape].x[0]);
      expect(TOY_BOUNDS[shape].y[1]).toBeGreaterThan(TOY_BOUNDS[shape].y[0]);
    }
  });
});
