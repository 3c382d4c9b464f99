/**
 * A plain line chart: one or more series of (x, y) points, y an accuracy in
 * percent. Used by the Worth report for the learning curve (accuracy against
 * training rows) and the noise sensitivity (accuracy against the noise rate).
 *
 * x: linear, domain from the data (and `xDomain` when given), ticks from d3.
 * y: accuracy, domain [min − a margin, max + a margin] clamped to [0, 1].
 * Each series: a line and a dot per point with a <title> reading its values.
 */
import { extent, line, scaleLinear } from 'd3';
import { percent } from '../format.ts';
import { axisBottom, axisLeft } from './axes.ts';
import { legend, type LegendItem } from './legend.ts';
import { plotTitle, r2, svgRoot, type GSelection } from './svgRoot.ts';

export interface LineSeries {
  readonly name: string;
  /** Extra class of the series' <g>, e.g. "series-corrected". */
  readonly key: string;
  readonly color: string;
  readonly dashed?: boolean;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface LinePlotOptions {
  readonly document: Document;
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly xFormat: (value: number) => string;
  /** Values the x domain must include (e.g. 0). */
  readonly xInclude?: readonly number[];
  /** viewBox size; default 640 × 400. Narrower than 560 (a phone), laid out for it, its height grown to fit. */
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { right: 24, bottom: 78, left: 84 };
/** Below this viewBox width (a phone) the heading and legend start at the edge and the chart grows taller for them. */
const NARROW = 560;
const NARROW_MARGIN = { right: 24, bottom: 78, left: 70 };
/** The plot area's height in a narrow chart. */
const NARROW_PLOT_HEIGHT = 230;

export function linePlot(series: readonly LineSeries[], options: LinePlotOptions): SVGSVGElement {
  const width = options.width ?? 640;
  let height = options.height ?? 400;
  const narrow = width < NARROW;
  const margin = narrow ? NARROW_MARGIN : MARGIN;
  const inset = narrow ? 12 : MARGIN.left;
  const points = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const svg = svgRoot({
    document: options.document,
    width,
    height,
    title: options.title,
    desc: series
      .map((s) => `${s.name}: ${s.points.map((p) => `${options.xFormat(p.x)} → ${percent(p.y)}`).join(', ')}`)
      .join('. '),
    className: 'plot line-plot',
  });
  const root: GSelection = svg.append('g');
  let top = plotTitle(root, options.title, inset, 30, width - inset - margin.right);
  const items: LegendItem[] = series.map((s) => ({
    label: s.name,
    className: `legend-${s.key}`,
    swatch: (g) => {
      g.append('line')
        .attr('x2', 30)
        .attr('stroke', s.color)
        .attr('stroke-width', 3)
        .attr('stroke-dasharray', s.dashed ? '6 4' : null);
      g.append('circle').attr('cx', 15).attr('r', 4.5).attr('fill', s.color);
    },
  }));
  const rows = legend(root, items, inset, top + 14, width - inset - margin.right);
  top += rows * 26 + 24;
  if (narrow && options.height === undefined) {
    height = top + NARROW_PLOT_HEIGHT + margin.bottom;
    svg.attr('viewBox', `0 0 ${width} ${height}`);
  }
  const frame = [margin.left, top, width - margin.right, height - margin.bottom] as const;

  const [x0, x1] = extent([...points.map((p) => p.x), ...(options.xInclude ?? [])]) as [number?, number?];
  const [y0, y1] = extent(points.map((p) => p.y)) as [number?, number?];
  const xDomain: [number, number] =
    x0 === undefined || x1 === undefined ? [0, 1] : x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1];
  const pad = y0 === undefined || y1 === undefined ? 0 : Math.max(0.02, (y1 - y0) * 0.15);
  const yDomain: [number, number] =
    y0 === undefined || y1 === undefined ? [0, 1] : [Math.max(0, y0 - pad), Math.min(1, y1 + pad)];
  const x = scaleLinear().domain(xDomain).range([frame[0], frame[2]]).nice();
  const y = scaleLinear().domain(yDomain).range([frame[3], frame[1]]).nice();

  axisBottom(root, {
    ticks: x.ticks(narrow ? 4 : 6),
    format: options.xFormat,
    title: options.xTitle,
    scale: x,
    frame,
    grid: true,
    chartWidth: width,
  });
  // Narrow, the lowest y label would touch the first x label in the corner: the grid line stays, unlabelled.
  const yTicks = y.ticks(5).filter((v) => !narrow || v > y.domain()[0]!);
  axisLeft(root, {
    ticks: yTicks,
    format: (v) => percent(v, 0),
    title: options.yTitle,
    scale: y,
    frame,
    grid: true,
    titleX: narrow ? 18 : 22,
  });

  const path = line<{ x: number; y: number }>()
    .x((p) => r2(x(p.x)))
    .y((p) => r2(y(p.y)));
  for (const s of series) {
    const valid = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    const g = root.append('g').attr('class', `series series-${s.key}`);
    g.append('path')
      .attr('d', path(valid) ?? '')
      .attr('fill', 'none')
      .attr('stroke', s.color)
      .attr('stroke-width', 3)
      .attr('stroke-dasharray', s.dashed ? '6 4' : null);
    for (const p of valid) {
      g.append('circle')
        .attr('cx', r2(x(p.x)))
        .attr('cy', r2(y(p.y)))
        .attr('r', 5)
        .attr('fill', s.color)
        .attr('stroke', 'white')
        .attr('stroke-width', 1.5)
        .append('title')
        .text(`${s.name}: ${options.xFormat(p.x)} → ${percent(p.y)}`);
    }
  }
  return svg.node()!;
}
