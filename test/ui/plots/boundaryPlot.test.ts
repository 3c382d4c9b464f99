// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  boundaryPlot,
  boundaryPlotScales,
  boundaryPlotSize,
  boundaryScales,
  nearestPoint,
  describeBoundary,
  BOUNDARY_MARGIN,
  type BoundaryPlotData,
} from '../../../src/ui/plots/boundaryPlot.ts';
import { generateToy, gridPoints, TOY_BOUNDS, type Bounds } from '../../../src/engine/toy2d.ts';
import { createRandom } from '../../../src/engine/random.ts';
import { classColor } from '../../../src/ui/plots/palette.ts';
import { normalizeSvg } from './normalizeSvg.ts';

const NAMES = ['class A', 'class B', 'class C'];

/** `(nx·ny, K)` probabilities of a softmax over `scores(x, y)` at the centres of the grid, laid out as the model's grid is. */
function gridOf(bounds: Bounds, nx: number, ny: number, scores: (x: number, y: number) => number[]) {
  const centres = gridPoints(bounds, nx, ny);
  const rows: number[] = [];
  for (let c = 0; c < nx * ny; c++) {
    const s = scores(centres[2 * c]!, centres[2 * c + 1]!);
    const max = Math.max(...s);
    const e = s.map((v) => Math.exp(v - max));
    const total = e.reduce((a, b) => a + b, 0);
    rows.push(...e.map((v) => v / total));
  }
  return { nx, ny, probabilities: Float32Array.from(rows) };
}

/** Two moons; labels 3, 7 and 20 flipped; a curved boundary. */
function moons(grid: boolean): BoundaryPlotData {
  const toy = generateToy({ shape: 'moons', n: 40, random: createRandom(1) });
  const given = toy.y.slice();
  for (const i of [3, 7, 20]) given[i] = 1 - given[i]!;
  return {
    bounds: TOY_BOUNDS.moons,
    points: toy.x,
    given,
    truth: toy.y,
    classes: 2,
    classNames: NAMES.slice(0, 2),
    grid: grid ? gridOf(TOY_BOUNDS.moons, 24, 24, (x, y) => [0, 4 * (0.25 - y + 0.6 * (x - 0.5) ** 2)]) : null,
  };
}

/** Three blobs; every fifth label moved to the next class; regions by nearest centre. */
function blobs(): BoundaryPlotData {
  const toy = generateToy({ shape: 'blobs', n: 30, classes: 3, random: createRandom(2) });
  const given = toy.y.map((label, i) => (i % 5 === 0 ? (label + 1) % 3 : label));
  const centres = [0, 1, 2].map((k) => {
    const angle = (2 * Math.PI * k) / 3 + Math.PI / 2;
    return [1.6 * Math.cos(angle), 1.6 * Math.sin(angle)] as const;
  });
  return {
    bounds: TOY_BOUNDS.blobs,
    points: toy.x,
    given,
    truth: toy.y,
    classes: 3,
    classNames: NAMES,
    grid: gridOf(TOY_BOUNDS.blobs, 32, 32, (x, y) => centres.map(([cx, cy]) => -2 * ((x - cx) ** 2 + (y - cy) ** 2))),
  };
}

const render = (data: BoundaryPlotData) => boundaryPlot(data, { document, width: 560, height: 480 });
const mismatches = (data: BoundaryPlotData) => data.given.filter((label, i) => label !== data.truth[i]).length;
/** Every (x, y) pair in a path's data. */
const pathPoints = (d: string) =>
  [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);

describe('boundaryPlot(data, {document})', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('draws the decision regions, the boundary and every point, ringing the noisy labels', async () => {
    const data = moons(true);
    const svg = render(data);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('./__snapshots__/boundary-moons.svg');
    expect(svg.querySelectorAll('circle.point')).toHaveLength(40);
    expect(svg.querySelectorAll('circle.flipped')).toHaveLength(3);
    expect(svg.querySelectorAll('circle.flipped')).toHaveLength(mismatches(data));
    expect(svg.querySelectorAll('path.region')).toHaveLength(2);
    expect(svg.querySelector('path.boundary')?.getAttribute('d')).toMatch(/^M/);
    expect(svg.outerHTML).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('gives each point its data-index, its given label and colour; noisy points come last, on top', () => {
    const data = moons(true);
    const svg = render(data);
    const circles = [...svg.querySelectorAll('circle.point')];
    const indices = circles.map((c) => Number(c.getAttribute('data-index')));
    expect([...indices].sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
    expect(indices.slice(-3)).toEqual([3, 7, 20]);
    expect(circles.slice(-3).every((c) => c.classList.contains('flipped'))).toBe(true);
    const scales = boundaryScales(data.bounds, 560, 480);
    for (const circle of circles) {
      const i = Number(circle.getAttribute('data-index'));
      expect(circle.getAttribute('fill')).toBe(classColor(data.given[i]!));
      expect(Number(circle.getAttribute('cx'))).toBeCloseTo(scales.x(data.points[2 * i]!), 1);
      expect(Number(circle.getAttribute('cy'))).toBeCloseTo(scales.y(data.points[2 * i + 1]!), 1);
    }
    expect(svg.querySelector('circle.flipped[data-index="3"] title')?.textContent).toBe(
      `labelled ${NAMES[data.given[3]!]}, truly ${NAMES[data.truth[3]!]}`,
    );
  });

  it('reads the grid row-major from the top-left: class 0 above y = 0.25, class 1 below', () => {
    const bounds: Bounds = { x: [-1, 1], y: [-1, 1] };
    const data: BoundaryPlotData = {
      bounds,
      points: new Float32Array(0),
      given: new Int32Array(0),
      truth: new Int32Array(0),
      classes: 2,
      grid: gridOf(bounds, 20, 16, (_x, y) => [8 * (y - 0.25), 0]),
    };
    const svg = render(data);
    const scales = boundaryScales(bounds, 560, 480);
    const boundary = pathPoints(svg.querySelector('path.boundary')!.getAttribute('d')!);
    expect(boundary.length).toBeGreaterThan(1);
    for (const [, py] of boundary) expect(py).toBeCloseTo(scales.y(0.25), 0);
    const top = pathPoints(svg.querySelector('path.region-0')!.getAttribute('d')!);
    for (const [, py] of top) expect(py).toBeLessThanOrEqual(scales.y(0.25) + 0.5);
    const bottom = pathPoints(svg.querySelector('path.region-1')!.getAttribute('d')!);
    for (const [, py] of bottom) expect(py).toBeGreaterThanOrEqual(scales.y(0.25) - 0.5);
    // The regions reach the edges of the data window.
    expect(Math.min(...top.map(([px]) => px))).toBeCloseTo(scales.frame.left, 1);
    expect(Math.max(...top.map(([px]) => px))).toBeCloseTo(scales.frame.right, 1);
    expect(Math.min(...top.map(([, py]) => py))).toBeCloseTo(scales.frame.top, 1);
    expect(svg.querySelector('desc')?.textContent).toContain('class 0 on 38%, class 1 on 63% of the area');
  });

  it('reads the grid columns left to right: class 1 right of x = −0.5', () => {
    const bounds: Bounds = { x: [-1, 1], y: [-2, 2] };
    const data: BoundaryPlotData = {
      bounds,
      points: new Float32Array(0),
      given: new Int32Array(0),
      truth: new Int32Array(0),
      classes: 2,
      grid: gridOf(bounds, 16, 30, (x) => [0, 8 * (x + 0.5)]),
    };
    const svg = render(data);
    const scales = boundaryScales(bounds, 560, 480);
    for (const [px] of pathPoints(svg.querySelector('path.boundary')!.getAttribute('d')!)) {
      expect(px).toBeCloseTo(scales.x(-0.5), 0);
    }
    for (const [px] of pathPoints(svg.querySelector('path.region-1')!.getAttribute('d')!)) {
      expect(px).toBeGreaterThanOrEqual(scales.x(-0.5) - 0.5);
    }
  });

  it('draws three classes with three regions', async () => {
    const data = blobs();
    const svg = render(data);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('./__snapshots__/boundary-blobs.svg');
    expect(svg.querySelectorAll('path.region')).toHaveLength(3);
    expect(svg.querySelectorAll('circle.point')).toHaveLength(30);
    expect(svg.querySelectorAll('circle.flipped')).toHaveLength(mismatches(data));
    expect(svg.querySelectorAll('.legend-class')).toHaveLength(3);
    expect(svg.querySelectorAll('.legend circle.point')).toHaveLength(0);
    const shares = [...(svg.querySelector('desc')?.textContent ?? '').matchAll(/on (\d+)%/g)].map((m) => Number(m[1]));
    expect(shares).toHaveLength(3);
    expect(shares.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(99);
  });

  it('draws only the points before the first fit', async () => {
    const data = moons(false);
    const svg = render(data);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('./__snapshots__/boundary-nogrid.svg');
    expect(svg.querySelectorAll('path.region, path.boundary')).toHaveLength(0);
    expect(svg.querySelectorAll('circle.point')).toHaveLength(40);
    expect(svg.querySelectorAll('circle.flipped')).toHaveLength(3);
    expect(svg.querySelector('desc')?.textContent).toContain('No model has been fitted yet');
  });

  it('survives NaN probabilities in the grid', () => {
    const data = moons(true);
    const probabilities = data.grid!.probabilities.slice();
    probabilities.fill(NaN, 0, 40);
    const svg = render({ ...data, grid: { ...data.grid!, probabilities } });
    expect(svg.outerHTML).not.toMatch(/NaN|Infinity/);
    expect(svg.querySelectorAll('path.region')).toHaveLength(2);
  });

  it('ignores a grid whose size does not match nx × ny (a stale fit), without throwing', () => {
    const data = { ...moons(true), grid: { nx: 10, ny: 10, probabilities: new Float32Array(7) } };
    const svg = render(data);
    expect(svg.querySelectorAll('path.region')).toHaveLength(0);
    expect(svg.querySelectorAll('circle.point')).toHaveLength(40);
  });

  it('says in its desc how many points, per class, how many are mislabelled and the area per class', () => {
    const data = moons(true);
    const desc = describeBoundary(data);
    const perClass = [0, 1].map((k) => data.given.filter((l) => l === k).length);
    expect(desc).toContain(
      `40 training points in 2 classes, coloured by the label the model was given (class A: ${perClass[0]}, class B: ${perClass[1]}).`,
    );
    expect(desc).toContain('3 have a wrong label and are drawn with a thick black ring.');
    expect(desc).toMatch(
      /Shaded regions show the class the model predicts: class A on \d+%, class B on \d+% of the area\./,
    );
    expect(render(data).querySelector('desc')?.textContent).toBe(desc);
    expect(describeBoundary({ ...data, given: data.truth })).toContain('Every label is correct.');
    expect(describeBoundary({ ...data, points: new Float32Array(0) })).toContain('No training points.');
  });

  it('is accessible: role img, a title, a desc, a viewBox and 100% width', () => {
    const svg = boundaryPlot(moons(true), { document, title: 'Moons' });
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.querySelector('title')?.textContent).toBe('Moons');
    expect(svg.getAttribute('viewBox')).toBe('0 0 560 480');
    expect(svg.getAttribute('width')).toBe('100%');
  });

  it('is deterministic: two calls give the identical SVG string', () => {
    expect(render(moons(true)).outerHTML).toBe(render(moons(true)).outerHTML);
    expect(render(blobs()).outerHTML).toBe(render(blobs()).outerHTML);
  });

  it('uses only the injected document, never the global document or window', () => {
    const other = document.implementation.createHTMLDocument('other');
    vi.stubGlobal('document', undefined);
    vi.stubGlobal('window', undefined);
    const svg = boundaryPlot(blobs(), { document: other, width: 560, height: 480 });
    vi.unstubAllGlobals();
    expect(svg.ownerDocument).toBe(other);
    expect(svg.outerHTML).toBe(render(blobs()).outerHTML);
  });
});

describe('boundaryScales(bounds, width, height, margin)', () => {
  const bounds = TOY_BOUNDS.moons;

  it('inverts what it applies: invert(apply(x, y)) ≈ (x, y)', () => {
    const scales = boundaryScales(bounds, 560, 480);
    for (const [x, y] of [
      [-1.75, -1.5],
      [2.75, 2],
      [0, 0],
      [0.3, -0.7],
      [5, 9], // outside the bounds: not clamped
    ] as const) {
      const [px, py] = scales.apply(x, y);
      const [bx, by] = scales.invert(px, py);
      expect(bx).toBeCloseTo(x, 10);
      expect(by).toBeCloseTo(y, 10);
    }
  });

  it('puts the corners of the bounds on the frame, with y up', () => {
    const { apply, frame } = boundaryScales(bounds, 560, 480);
    expect(apply(-1.75, 2)).toEqual([frame.left, frame.top]);
    expect(apply(2.75, -1.5)).toEqual([frame.right, frame.bottom]);
    expect(frame.top).toBeLessThan(frame.bottom);
  });

  it('keeps one data unit the same length on both axes, centred inside the margin', () => {
    const { x, y, frame } = boundaryScales(bounds, 560, 480);
    expect(x(1) - x(0)).toBeCloseTo(y(0) - y(1), 10);
    expect(frame.left).toBeGreaterThanOrEqual(BOUNDARY_MARGIN.left);
    expect(frame.right).toBeLessThanOrEqual(560 - BOUNDARY_MARGIN.right + 1e-9);
    expect(frame.top).toBeGreaterThanOrEqual(BOUNDARY_MARGIN.top);
    expect(frame.bottom).toBeLessThanOrEqual(480 - BOUNDARY_MARGIN.bottom + 1e-9);
    // It fills one of the two directions.
    const fillsWidth = Math.abs(frame.right - frame.left - (560 - BOUNDARY_MARGIN.left - BOUNDARY_MARGIN.right)) < 1e-9;
    const fillsHeight =
      Math.abs(frame.bottom - frame.top - (480 - BOUNDARY_MARGIN.top - BOUNDARY_MARGIN.bottom)) < 1e-9;
    expect(fillsWidth || fillsHeight).toBe(true);
    expect((frame.left + frame.right) / 2).toBeCloseTo((BOUNDARY_MARGIN.left + 560 - BOUNDARY_MARGIN.right) / 2, 10);
  });

  it('takes a custom margin', () => {
    const margin = { top: 0, right: 0, bottom: 0, left: 0 };
    const { frame } = boundaryScales({ x: [0, 1], y: [0, 1] }, 100, 100, margin);
    expect(frame).toEqual({ left: 0, top: 0, right: 100, bottom: 100 });
  });

  it('throws a RangeError for empty bounds or no room', () => {
    expect(() => boundaryScales({ x: [1, 1], y: [0, 1] }, 560, 480)).toThrow(RangeError);
    expect(() => boundaryScales({ x: [0, 1], y: [2, 1] }, 560, 480)).toThrow(RangeError);
    expect(() => boundaryScales({ x: [0, 1], y: [0, 1] }, 10, 10)).toThrow(/no room/);
  });
});

describe('boundaryPlotSize(data, container) and nearestPoint(…) (a phone: issue 14)', () => {
  const frameOf = (data: BoundaryPlotData) => ({
    bounds: data.bounds,
    classes: data.classes,
    classNames: data.classNames ?? [],
  });

  it('keeps 560 × 480 for a wide or unknown container', () => {
    expect(boundaryPlotSize(frameOf(moons(false)), 0)).toEqual({ width: 560, height: 480 });
    expect(boundaryPlotSize(frameOf(moons(false)), 900)).toEqual({ width: 560, height: 480 });
  });

  it('lays a narrow plot out at the container width, as tall as the data window needs, its legend on two rows', () => {
    const data = moons(true);
    const size = boundaryPlotSize(frameOf(data), 332);
    expect(size.width).toBe(332);
    const svg = boundaryPlot(data, { document, ...size });
    expect(svg.getAttribute('viewBox')).toBe(`0 0 332 ${size.height}`);
    const scales = boundaryPlotScales(frameOf(data), size.width, size.height);
    // The data window fills the width, one data unit as long on both axes, below both legend rows.
    expect(scales.frame.right - scales.frame.left).toBeCloseTo(332 - BOUNDARY_MARGIN.left - BOUNDARY_MARGIN.right, 6);
    expect(scales.x(1) - scales.x(0)).toBeCloseTo(scales.y(0) - scales.y(1), 6);
    expect(scales.frame.bottom).toBeLessThanOrEqual(size.height - BOUNDARY_MARGIN.bottom + 1e-6);
    const rows = new Set(
      [...svg.querySelectorAll('.legend-item')].map((g) => g.getAttribute('transform')!.split(',')[1]),
    );
    expect(rows.size).toBe(2);
    const lowestLegend = Math.max(...[...rows].map((y) => parseFloat(y!)));
    expect(scales.frame.top).toBeGreaterThan(lowestLegend + 10);
    // Every point is drawn where those scales put it.
    const circle = svg.querySelector('circle.point[data-index="0"]')!;
    expect(Number(circle.getAttribute('cx'))).toBeCloseTo(scales.x(data.points[0]!), 1);
  });

  it('never goes below 280 wide', () => {
    expect(boundaryPlotSize(frameOf(blobs()), 120).width).toBe(280);
  });

  it('nearestPoint picks the closest centre within the radius, and -1 in empty space', () => {
    const data = moons(false);
    const scales = boundaryPlotScales(frameOf(data), 560, 480);
    const [cx, cy] = scales.apply(data.points[10]!, data.points[11]!);
    expect(nearestPoint(data.points, 40, scales, cx + 0.5, cy, 12)).toBe(5);
    const picked = nearestPoint(data.points, 40, scales, cx + 9, cy, 12);
    expect(picked).toBeGreaterThanOrEqual(0);
    const [px, py] = scales.apply(data.points[2 * picked]!, data.points[2 * picked + 1]!);
    expect(Math.hypot(px - cx - 9, py - cy)).toBeLessThanOrEqual(9 + 1e-9);
    // The top-left corner of the window holds no point within 12 units.
    expect(nearestPoint(data.points, 40, scales, scales.frame.left + 1, scales.frame.top + 1, 12)).toBe(-1);
    expect(nearestPoint(data.points, 0, scales, cx, cy, 12)).toBe(-1);
  });
});
