/**
 * The 2-D classifier playground: the model's decision regions and the
 * training points.
 *
 * N points `(N, 2)`, K classes. The grid is nx × ny cells over `bounds`,
 * row-major from the top-left cell (as engine/toy2d.ts `gridPoints` lays it
 * out), each with K class probabilities: `(ny·nx, K)`.
 *
 * Regions: for each class k, d3.contours traces where k beats every other
 * class (p_k − max_{j≠k} p_j ≥ 0), so the polygons are smooth and meet at the
 * decision boundary, which is drawn as a dark line; each is filled with a
 * light, opaque tint of its class colour. Points are coloured by
 * their GIVEN label; a point whose given label differs from its true label
 * (a noisy label) gets a thick black ring. Every point is a
 * `<circle class="point" data-index="i">` (plus `flipped` when noisy); noisy
 * points come last, on top, so they are never hidden.
 */
import { argmax } from '../../engine/metrics.ts';
import { contours } from 'd3';
import { clipRing, type Point } from './clipRing.ts';
import { legend, legendLayout, LEGEND_ROW_HEIGHT } from './legend.ts';
import { BOUNDARY_MARGIN, boundaryScales, type BoundaryScales, type PlotBounds } from './boundaryScales.ts';
import { classColor, classTint, INK } from './palette.ts';
import { r2, svgRoot, type GSelection } from './svgRoot.ts';

export {
  boundaryScales,
  BOUNDARY_MARGIN,
  type BoundaryScales,
  type Margin,
  type PlotBounds,
} from './boundaryScales.ts';

export interface BoundaryGrid {
  readonly nx: number;
  readonly ny: number;
  /** `(ny·nx, K)` class probabilities, row-major from the top-left cell. */
  readonly probabilities: Float32Array;
}

export interface BoundaryPlotData {
  readonly bounds: PlotBounds;
  /** `(N, 2)` row-major coordinates. */
  readonly points: Float32Array;
  /** `(N)` the labels the model saw (possibly noisy). */
  readonly given: Int32Array;
  /** `(N)` the true labels. */
  readonly truth: Int32Array;
  /** K. */
  readonly classes: number;
  readonly classNames?: readonly string[];
  /** Null before the first fit. */
  readonly grid: BoundaryGrid | null;
}

export interface BoundaryPlotOptions {
  readonly document: Document;
  /** viewBox width; default 560. */
  readonly width?: number;
  /** viewBox height; default 480. */
  readonly height?: number;
  /** Accessible name. */
  readonly title?: string;
}

export const BOUNDARY_PLOT_SIZE = { width: 560, height: 480 } as const;
export const DEFAULT_BOUNDARY_TITLE = "Training points and the model's decision regions";

const POINT_RADIUS = 7;
const FLIPPED_RADIUS = 8;
/** Narrowest viewBox the plot is laid out for. */
const MIN_WIDTH = 280;
/** A tap within this many CSS px of a point's centre hits it (the drawn dots are 14–16 px across): a 24 px target. */
export const TOUCH_HIT_RADIUS = 12;

/** What decides the plot's layout: the data window and the legend's entries. */
export type BoundaryFrameData = Pick<BoundaryPlotData, 'bounds' | 'classes' | 'classNames'>;

function legendLabels(data: BoundaryFrameData): string[] {
  const name = classNamer(data);
  return [...Array.from({ length: data.classes }, (_, k) => name(k)), 'wrong label'];
}

/**
 * The scales of a boundary plot `width` × `height` for `data`: its top margin
 * makes room for as many legend rows as the legend wraps onto at that width.
 * The plot and a click on it (turned back into data coordinates) share them.
 */
export function boundaryPlotScales(data: BoundaryFrameData, width: number, height: number): BoundaryScales {
  const rows = Math.max(1, legendLayout(legendLabels(data), width - 24).rows);
  const margin = { ...BOUNDARY_MARGIN, top: BOUNDARY_MARGIN.top + (rows - 1) * LEGEND_ROW_HEIGHT };
  return boundaryScales(data.bounds, width, height, margin);
}

/**
 * The viewBox of a boundary plot drawn in a container `container` CSS px wide
 * (0: unknown): the default 560 × 480 when it fits; narrower (a phone, a
 * laptop's column), as wide as the container and as tall as the data window
 * needs at that width (one data unit the same length on both axes), so the
 * plot fills its column and its text and dots keep their size instead of
 * being scaled down.
 */
export function boundaryPlotSize(data: BoundaryFrameData, container: number): { width: number; height: number } {
  if (!(container > 0) || container >= BOUNDARY_PLOT_SIZE.width) return { ...BOUNDARY_PLOT_SIZE };
  const width = Math.max(MIN_WIDTH, Math.round(container));
  const rows = Math.max(1, legendLayout(legendLabels(data), width - 24).rows);
  const top = BOUNDARY_MARGIN.top + (rows - 1) * LEGEND_ROW_HEIGHT;
  const [x0, x1] = data.bounds.x;
  const [y0, y1] = data.bounds.y;
  const inner = width - BOUNDARY_MARGIN.left - BOUNDARY_MARGIN.right;
  return { width, height: Math.ceil(top + (inner * (y1 - y0)) / (x1 - x0) + BOUNDARY_MARGIN.bottom) };
}

/**
 * The point a click or tap at (px, py) in viewBox units means: the one whose
 * centre is nearest, if within `radius` viewBox units; else -1 (empty space).
 */
export function nearestPoint(
  points: Float32Array,
  n: number,
  scales: BoundaryScales,
  px: number,
  py: number,
  radius: number,
): number {
  let best = -1;
  let bestDistance = radius;
  for (let i = 0; i < n; i++) {
    const [cx, cy] = scales.apply(points[2 * i]!, points[2 * i + 1]!);
    const distance = Math.hypot(cx - px, cy - py);
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

export function boundaryPlot(data: BoundaryPlotData, options: BoundaryPlotOptions): SVGSVGElement {
  const width = options.width ?? BOUNDARY_PLOT_SIZE.width;
  const height = options.height ?? BOUNDARY_PLOT_SIZE.height;
  const scales = boundaryPlotScales(data, width, height);
  const { left, top, right, bottom } = scales.frame;
  const name = classNamer(data);

  const svg = svgRoot({
    document: options.document,
    width,
    height,
    title: options.title ?? DEFAULT_BOUNDARY_TITLE,
    desc: describeBoundary(data),
    className: 'plot boundary-plot',
  });
  const root = svg.append('g');

  legend(
    root,
    [
      ...Array.from({ length: data.classes }, (_, k) => ({
        label: name(k),
        className: `legend-class legend-class-${k}`,
        swatch: (g: GSelection) => {
          g.append('rect').attr('y', -10).attr('width', 30).attr('height', 20).attr('fill', classTint(k));
          g.append('circle')
            .attr('cx', 15)
            .attr('r', POINT_RADIUS)
            .attr('fill', classColor(k))
            .attr('stroke', 'white')
            .attr('stroke-width', 1.5);
        },
      })),
      {
        label: 'wrong label',
        className: 'legend-flipped',
        swatch: (g: GSelection) => {
          g.append('circle')
            .attr('cx', 15)
            .attr('r', FLIPPED_RADIUS)
            .attr('fill', '#bbbbbb')
            .attr('stroke', INK)
            .attr('stroke-width', 3.5);
        },
      },
    ],
    12,
    22,
    width - 24,
  );

  // Decision regions and the boundary.
  const grid = validGrid(data.grid);
  if (grid) {
    const { nx, ny, k } = grid;
    const gx = (u: number) => r2(left + (u * (right - left)) / nx);
    const gy = (v: number) => r2(top + (v * (bottom - top)) / ny);
    const regions = root.append('g').attr('class', 'regions');
    const lines: string[] = [];
    // Padded by one cell so the regions run to the window's edges (d3.contours
    // treats the outside as below every threshold and would cut the corners),
    // then clipped back to the window [0, nx] × [0, ny] in grid units. Opaque
    // tints, each outlined in its own colour, close the hairline gaps where
    // three regions meet; the boundary line is drawn over the seams.
    const generator = contours().size([nx + 2, ny + 2]);
    for (let c = 0; c < k; c++) {
      const polygons = generator
        .contour(padded(classMargin(grid, c), nx, ny), 0)
        .coordinates.map((rings) =>
          rings
            .map((ring) =>
              clipRing(
                ring.map(([u, v]) => [u! - 1, v! - 1] as const),
                nx,
                ny,
              ),
            )
            .filter((ring) => ring.length >= 3),
        )
        .filter((rings) => rings.length > 0);
      const d = polygons
        .flatMap((rings) => rings.map((ring) => `M${ring.map(([u, v]) => `${gx(u)},${gy(v)}`).join('L')}Z`))
        .join('');
      if (d) {
        regions
          .append('path')
          .attr('class', `region region-${c}`)
          .attr('data-class', c)
          .attr('d', d)
          .attr('fill', classTint(c))
          .attr('stroke', classTint(c))
          .attr('stroke-width', 2)
          .attr('stroke-linejoin', 'round');
      }
      // Two classes share one boundary: trace it once.
      if (k > 2 || c === 0) lines.push(boundaryPath(polygons, nx, ny, gx, gy));
    }
    const d = lines.join('');
    if (d) {
      root
        .append('path')
        .attr('class', 'boundary')
        .attr('d', d)
        .attr('fill', 'none')
        .attr('stroke', INK)
        .attr('stroke-width', 2.5)
        .attr('stroke-linejoin', 'round')
        .attr('stroke-linecap', 'round');
    }
  }
  root
    .append('rect')
    .attr('class', 'frame')
    .attr('x', r2(left))
    .attr('y', r2(top))
    .attr('width', r2(right - left))
    .attr('height', r2(bottom - top))
    .attr('fill', 'none')
    .attr('stroke', '#999999')
    .attr('stroke-width', 1);

  // Points: correct labels first, noisy labels on top.
  const g = root.append('g').attr('class', 'points');
  const n = pointCount(data);
  const order = [...Array(n).keys()];
  const flipped = (i: number) => data.given[i] !== data.truth[i];
  for (const i of [...order.filter((i) => !flipped(i)), ...order.filter(flipped)]) {
    const label = data.given[i]!;
    const noisy = flipped(i);
    const [cx, cy] = scales.apply(data.points[2 * i]!, data.points[2 * i + 1]!);
    const circle = g
      .append('circle')
      .attr('class', noisy ? 'point flipped' : 'point')
      .attr('data-index', i)
      .attr('data-label', label)
      .attr('cx', r2(cx))
      .attr('cy', r2(cy))
      .attr('r', noisy ? FLIPPED_RADIUS : POINT_RADIUS)
      .attr('fill', classColor(label))
      .attr('stroke', noisy ? INK : 'white')
      .attr('stroke-width', noisy ? 3.5 : 1.5)
      .attr('cursor', 'pointer');
    circle
      .append('title')
      .text(noisy ? `labelled ${name(label)}, truly ${name(data.truth[i]!)}` : `labelled ${name(label)}`);
  }

  return svg.node()!;
}

/** The data in words: the points per given label, how many are mislabelled, and how much area each class gets. */
export function describeBoundary(data: BoundaryPlotData): string {
  const name = classNamer(data);
  const n = pointCount(data);
  const parts: string[] = [];
  if (n === 0) {
    parts.push('No training points.');
  } else {
    const perClass = Array.from(
      { length: data.classes },
      (_, k) => `${name(k)}: ${countWhere(n, (i) => data.given[i] === k)}`,
    );
    const wrong = countWhere(n, (i) => data.given[i] !== data.truth[i]);
    parts.push(
      `${n} training point${n === 1 ? '' : 's'} in ${data.classes} classes, coloured by the label the model was given ` +
        `(${perClass.join(', ')}).`,
      wrong === 0
        ? 'Every label is correct.'
        : `${wrong} ${wrong === 1 ? 'has a wrong label and is' : 'have a wrong label and are'} drawn with a thick black ring.`,
    );
  }
  const grid = validGrid(data.grid);
  if (grid) {
    const cells = grid.nx * grid.ny;
    const area = new Array<number>(grid.k).fill(0);
    for (let c = 0; c < cells; c++) area[argmax(grid.probabilities, c * grid.k, grid.k)]! += 1;
    const shares = area.map((a, k) => `${name(k)} on ${Math.round((100 * a) / cells)}%`);
    parts.push(`Shaded regions show the class the model predicts: ${shares.join(', ')} of the area.`);
  } else {
    parts.push('No model has been fitted yet, so no decision regions are shown.');
  }
  return parts.join(' ');
}

interface CheckedGrid extends BoundaryGrid {
  /** K, from the length of the probabilities. */
  readonly k: number;
}

/** The grid with its K, or null when it is missing or its size does not add up. */
function validGrid(grid: BoundaryGrid | null): CheckedGrid | null {
  if (!grid) return null;
  const { nx, ny, probabilities } = grid;
  if (!(Number.isInteger(nx) && Number.isInteger(ny) && nx >= 2 && ny >= 2)) return null;
  const k = probabilities.length / (nx * ny);
  return Number.isInteger(k) && k >= 1 ? { ...grid, k } : null;
}

/** `(ny·nx)` how far class c beats the best other class in each cell: ≥ 0 where c is predicted. */
function classMargin(grid: CheckedGrid, c: number): number[] {
  const { nx, ny, k, probabilities } = grid;
  const out = new Array<number>(nx * ny);
  for (let cell = 0; cell < nx * ny; cell++) {
    let other = -Infinity;
    for (let j = 0; j < k; j++) if (j !== c) other = Math.max(other, probabilities[cell * k + j]!);
    out[cell] = k === 1 ? 1 : probabilities[cell * k + c]! - other;
  }
  return out;
}

/**
 * `(ny+2)·(nx+2)` the grid with one more row and column on every side,
 * extrapolated linearly, so a boundary keeps its direction up to the edge.
 * Needs nx, ny ≥ 2.
 */
function padded(values: readonly number[], nx: number, ny: number): number[] {
  const w = nx + 2;
  const out = new Array<number>(w * (ny + 2));
  const at = (i: number, j: number) => values[j * nx + i]!;
  for (let j = 0; j < ny; j++) {
    const row = (j + 1) * w;
    for (let i = 0; i < nx; i++) out[row + i + 1] = at(i, j);
    out[row] = 2 * at(0, j) - at(1, j);
    out[row + nx + 1] = 2 * at(nx - 1, j) - at(nx - 2, j);
  }
  for (let i = 0; i < w; i++) {
    out[i] = 2 * out[w + i]! - out[2 * w + i]!;
    out[(ny + 1) * w + i] = 2 * out[ny * w + i]! - out[(ny - 1) * w + i]!;
  }
  return out;
}

/** The edges of the (open, clipped) region rings that do not lie on the window's border, as SVG path data. */
function boundaryPath(
  polygons: readonly (readonly Point[])[][],
  nx: number,
  ny: number,
  gx: (u: number) => number,
  gy: (v: number) => number,
): string {
  const onBorder = (a: Point, b: Point) =>
    (a[0] === 0 && b[0] === 0) ||
    (a[0] === nx && b[0] === nx) ||
    (a[1] === 0 && b[1] === 0) ||
    (a[1] === ny && b[1] === ny);
  let d = '';
  for (const rings of polygons) {
    for (const ring of rings) {
      // Start at an edge on the border (if any), so a line is not split where the ring happens to start.
      const n = ring.length;
      let start = 0;
      for (let i = 0; i < n; i++) {
        if (onBorder(ring[i]!, ring[(i + 1) % n]!)) {
          start = i + 1;
          break;
        }
      }
      let open = false;
      for (let s = 0; s < n; s++) {
        const a = ring[(start + s) % n]!;
        const b = ring[(start + s + 1) % n]!;
        if (onBorder(a, b)) {
          open = false;
          continue;
        }
        if (!open) d += `M${gx(a[0])},${gy(a[1])}`;
        d += `L${gx(b[0])},${gy(b[1])}`;
        open = true;
      }
    }
  }
  return d;
}

function pointCount(data: BoundaryPlotData): number {
  return Math.min(Math.floor(data.points.length / 2), data.given.length, data.truth.length);
}

function countWhere(n: number, predicate: (i: number) => boolean): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (predicate(i)) count++;
  return count;
}

function classNamer(data: Pick<BoundaryPlotData, 'classNames'>): (k: number) => string {
  return (k) => data.classNames?.[k] ?? `class ${k}`;
}
