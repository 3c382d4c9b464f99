/**
 * Axes drawn directly (not with d3.axis, whose default offset reads the global
 * `window`): a domain line, ticks at given values with large labels, optional
 * grid lines across the plot, and an axis title. Each tick is a
 * `<g class="tick" data-value="…">`. On the x axis a tick whose label would
 * overlap its neighbour's keeps its line but loses its label (the last tick
 * always keeps its label).
 */
import { GRID_INK, INK, MUTED_INK } from './palette.ts';
import { textWidth } from './legend.ts';
import { r2, type GSelection } from './svgRoot.ts';

export const TICK_FONT_SIZE = 16;
export const AXIS_TITLE_FONT_SIZE = 17;
const TICK_LENGTH = 6;

export interface AxisOptions {
  /** Data values to put ticks at. */
  readonly ticks: readonly number[];
  readonly format: (value: number) => string;
  /** The axis title, e.g. "Training-set size"; none when empty. */
  readonly title: string;
  /** Position of the data value in SVG units. */
  readonly scale: (value: number) => number;
  /** The plot area: [left, top, right, bottom] in SVG units. */
  readonly frame: readonly [number, number, number, number];
  /** Draw faint grid lines across the plot area at each tick. */
  readonly grid?: boolean;
  /**
   * The chart's width: a bottom axis title wider than the plot area moves sideways (off the centre) to stay
   * inside [0, width] — on a phone the plot area is narrower than the title.
   */
  readonly chartWidth?: number;
}

/** An x axis along the bottom of the frame; the title centred below the tick labels. */
export function axisBottom(parent: GSelection, options: AxisOptions): GSelection {
  const [left, top, right, bottom] = options.frame;
  const g = parent.append('g').attr('class', 'axis x-axis');
  if (options.grid) {
    const grid = g.append('g').attr('class', 'grid').attr('stroke', GRID_INK).attr('stroke-width', 1);
    for (const value of options.ticks) {
      const x = r2(options.scale(value));
      grid.append('line').attr('x1', x).attr('x2', x).attr('y1', top).attr('y2', bottom);
    }
  }
  g.append('line')
    .attr('class', 'domain')
    .attr('x1', left)
    .attr('x2', right)
    .attr('y1', bottom)
    .attr('y2', bottom)
    .attr('stroke', INK)
    .attr('stroke-width', 1.5);
  const labelled = labelledTicks(options.ticks.map(options.scale), options.ticks.map(options.format));
  options.ticks.forEach((value, i) => {
    const x = r2(options.scale(value));
    const tick = g
      .append('g')
      .attr('class', 'tick')
      .attr('data-value', value)
      .attr('transform', `translate(${x},${bottom})`);
    tick.append('line').attr('y2', TICK_LENGTH).attr('stroke', INK).attr('stroke-width', 1.5);
    if (!labelled[i]) return;
    tick
      .append('text')
      .attr('y', TICK_LENGTH + 4)
      .attr('dy', '0.71em')
      .attr('text-anchor', 'middle')
      .attr('font-size', TICK_FONT_SIZE)
      .text(options.format(value));
  });
  if (!options.title) return g;
  let cx = (left + right) / 2;
  if (options.chartWidth !== undefined) {
    const half = (textWidth(options.title, AXIS_TITLE_FONT_SIZE) * 1.05) / 2;
    cx = Math.max(half + 2, Math.min(cx, options.chartWidth - half - 2));
  }
  g.append('text')
    .attr('class', 'axis-title')
    .attr('x', r2(cx))
    .attr('y', bottom + TICK_LENGTH + TICK_FONT_SIZE + 34)
    .attr('text-anchor', 'middle')
    .attr('font-size', AXIS_TITLE_FONT_SIZE)
    .attr('fill', MUTED_INK)
    .text(options.title);
  return g;
}

/** A y axis along the left of the frame; the title rotated, left of the tick labels. */
export function axisLeft(parent: GSelection, options: AxisOptions & { readonly titleX: number }): GSelection {
  const [left, top, right, bottom] = options.frame;
  const g = parent.append('g').attr('class', 'axis y-axis');
  if (options.grid) {
    const grid = g.append('g').attr('class', 'grid').attr('stroke', GRID_INK).attr('stroke-width', 1);
    for (const value of options.ticks) {
      const y = r2(options.scale(value));
      grid.append('line').attr('x1', left).attr('x2', right).attr('y1', y).attr('y2', y);
    }
  }
  g.append('line')
    .attr('class', 'domain')
    .attr('x1', left)
    .attr('x2', left)
    .attr('y1', top)
    .attr('y2', bottom)
    .attr('stroke', INK)
    .attr('stroke-width', 1.5);
  for (const value of options.ticks) {
    const y = r2(options.scale(value));
    const tick = g
      .append('g')
      .attr('class', 'tick')
      .attr('data-value', value)
      .attr('transform', `translate(${left},${y})`);
    tick.append('line').attr('x2', -TICK_LENGTH).attr('stroke', INK).attr('stroke-width', 1.5);
    tick
      .append('text')
      .attr('x', -(TICK_LENGTH + 4))
      .attr('dy', '0.32em')
      .attr('text-anchor', 'end')
      .attr('font-size', TICK_FONT_SIZE)
      .text(options.format(value));
  }
  if (!options.title) return g;
  const cy = r2((top + bottom) / 2);
  g.append('text')
    .attr('class', 'axis-title')
    .attr('transform', `translate(${options.titleX},${cy}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('font-size', AXIS_TITLE_FONT_SIZE)
    .attr('fill', MUTED_INK)
    .text(options.title);
  return g;
}

/**
 * Which centred labels at `positions` to draw so that none overlap: greedily
 * from the left, then the last label is forced in and the kept labels it
 * would overlap are dropped.
 */
export function labelledTicks(positions: readonly number[], labels: readonly string[], gap = 8): boolean[] {
  const half = labels.map((label) => textWidth(label, TICK_FONT_SIZE) / 2);
  const clear = (i: number, j: number) => positions[j]! - half[j]! >= positions[i]! + half[i]! + gap;
  const keep = positions.map(() => false);
  let last = -1;
  positions.forEach((_, i) => {
    if (last < 0 || clear(last, i)) {
      keep[i] = true;
      last = i;
    }
  });
  const end = positions.length - 1;
  if (end >= 0 && !keep[end]) {
    keep[end] = true;
    for (let i = end - 1; i >= 0 && !clear(i, end); i--) keep[i] = false;
  }
  return keep;
}
