/**
 * The scales of the 2-D boundary plot, shared by the plot and its caller (to
 * turn a click back into data coordinates). One data unit has the same length
 * on both axes, so circles look round; the data window is centred in the
 * space left by the margin.
 */
import { scaleLinear, type ScaleLinear } from 'd3';

export interface PlotBounds {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

export interface Margin {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** The boundary plot's margin: room for the legend at the top. */
export const BOUNDARY_MARGIN: Margin = { top: 64, right: 12, bottom: 12, left: 12 };

export interface BoundaryScales {
  /** Data x → SVG x. */
  readonly x: ScaleLinear<number, number>;
  /** Data y → SVG y (up in the data is up on screen). */
  readonly y: ScaleLinear<number, number>;
  /** Data (x, y) → SVG (px, py). */
  apply(x: number, y: number): [number, number];
  /** SVG (px, py), in viewBox units, → data (x, y). Not clamped: check the bounds to know if a click was inside. */
  invert(px: number, py: number): [number, number];
  /** The data window in SVG units. */
  readonly frame: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
}

export function boundaryScales(
  bounds: PlotBounds,
  width: number,
  height: number,
  margin: Margin = BOUNDARY_MARGIN,
): BoundaryScales {
  const [x0, x1] = bounds.x;
  const [y0, y1] = bounds.y;
  if (!(x1 > x0 && y1 > y0)) throw new RangeError(`bounds must increase, got x ${x0}…${x1}, y ${y0}…${y1}`);
  const availableWidth = width - margin.left - margin.right;
  const availableHeight = height - margin.top - margin.bottom;
  if (!(availableWidth > 0 && availableHeight > 0)) {
    throw new RangeError(`a ${width} × ${height} plot leaves no room inside its margin`);
  }
  const unit = Math.min(availableWidth / (x1 - x0), availableHeight / (y1 - y0));
  const left = margin.left + (availableWidth - unit * (x1 - x0)) / 2;
  const top = margin.top + (availableHeight - unit * (y1 - y0)) / 2;
  const right = left + unit * (x1 - x0);
  const bottom = top + unit * (y1 - y0);
  const x = scaleLinear().domain([x0, x1]).range([left, right]);
  const y = scaleLinear().domain([y0, y1]).range([bottom, top]);
  return {
    x,
    y,
    apply: (dx, dy) => [x(dx), y(dy)],
    invert: (px, py) => [x.invert(px), y.invert(py)],
    frame: { left, top, right, bottom },
  };
}
