/**
 * The charts a code cell's `plot.line` and `plot.bar` describe, drawn from
 * that plain description: any numbers (not only accuracies), linear axes
 * from the data, one colour per series (Okabe–Ito), a legend when there is
 * more than one line. The page shows the same data as a table beside it.
 */
import { extent, format as d3format, line, scaleBand, scaleLinear } from 'd3';
import { axisBottom, axisLeft } from './axes.ts';
import { legend, type LegendItem } from './legend.ts';
import { classColor } from './palette.ts';
import { plotTitle, r2, svgRoot, type GSelection } from './svgRoot.ts';

export interface CodeLinePlot {
  readonly type: 'line';
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly {
    readonly name: string;
    readonly points: readonly { readonly x: number; readonly y: number }[];
    /** A thin line in the colour of the series named `of` (plot.line's `thin`). */
    readonly thin?: { readonly of: string | null };
  }[];
}

export interface CodeBarPlot {
  readonly type: 'bar';
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly bars: readonly { readonly label: string; readonly value: number }[];
}

export type CodePlotSpec = CodeLinePlot | CodeBarPlot;

const MARGIN = { right: 24, bottom: 78, left: 84 };
/** Stroke width of a thin line (plot.line's `thin`). */
const THIN = 1.5;
const WIDTH = 640;
const HEIGHT = 400;

/** A number as a tick or value label: up to 4 significant digits, no trailing zeros. */
export const formatValue = (value: number): string =>
  Number.isInteger(value) ? value.toLocaleString('en-US') : d3format('~r')(Number(value.toPrecision(4)));

function domain(values: readonly number[], includeZero: boolean): [number, number] {
  const [lo, hi] = extent(includeZero ? [...values, 0] : values) as [number?, number?];
  if (lo === undefined || hi === undefined) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

/**
 * Each line's colour and weight: thick lines take the palette's colours in
 * turn; a thin line takes the colour of the thick line it belongs to.
 */
function lineStyles(plot: CodeLinePlot): { color: string; thin: boolean }[] {
  const colors = new Map<string, string>();
  let next = 0;
  return plot.series.map((s) => {
    const owner = s.thin?.of;
    const color = s.thin && owner != null && colors.has(owner) ? colors.get(owner)! : classColor(next++);
    if (!s.thin) colors.set(s.name, color);
    return { color, thin: s.thin !== undefined };
  });
}

export function codePlot(plot: CodePlotSpec, options: { readonly document: Document }): SVGSVGElement {
  const desc =
    plot.type === 'line'
      ? plot.series
          .map((s) => `${s.name}: ${s.points.map((p) => `${formatValue(p.x)} → ${formatValue(p.y)}`).join(', ')}`)
          .join('. ')
      : plot.bars.map((b) => `${b.label}: ${formatValue(b.value)}`).join(', ');
  const svg = svgRoot({
    document: options.document,
    width: WIDTH,
    height: HEIGHT,
    title: plot.title,
    desc,
    className: `plot code-plot code-plot-${plot.type}`,
  });
  const root: GSelection = svg.append('g');
  let top = plotTitle(root, plot.title, MARGIN.left);
  if (plot.type === 'line' && plot.series.length > 1) {
    const styles = lineStyles(plot);
    const items: LegendItem[] = plot.series.map((s, i) => ({
      label: s.name,
      className: `legend-series-${i}`,
      swatch: (g) => {
        const { color, thin } = styles[i]!;
        g.append('line')
          .attr('x2', 30)
          .attr('stroke', color)
          .attr('stroke-width', thin ? THIN : 3);
        if (!thin) g.append('circle').attr('cx', 15).attr('r', 4.5).attr('fill', color);
      },
    }));
    top += legend(root, items, MARGIN.left, top + 14, WIDTH - MARGIN.left - MARGIN.right) * 26 + 24;
  } else {
    top += 16;
  }
  const frame = [MARGIN.left, top, WIDTH - MARGIN.right, HEIGHT - MARGIN.bottom] as const;
  if (plot.type === 'line') drawLines(root, plot, frame);
  else drawBars(root, plot, frame);
  return svg.node()!;
}

type Frame = readonly [number, number, number, number];

function drawLines(root: GSelection, plot: CodeLinePlot, frame: Frame): void {
  const points = plot.series.flatMap((s) => s.points);
  const x = scaleLinear()
    .domain(
      domain(
        points.map((p) => p.x),
        false,
      ),
    )
    .range([frame[0], frame[2]])
    .nice();
  const y = scaleLinear()
    .domain(
      domain(
        points.map((p) => p.y),
        false,
      ),
    )
    .range([frame[3], frame[1]])
    .nice();
  axisBottom(root, { ticks: x.ticks(6), format: formatValue, title: plot.xLabel, scale: x, frame, grid: true });
  axisLeft(root, {
    ticks: y.ticks(5),
    format: formatValue,
    title: plot.yLabel,
    scale: y,
    frame,
    grid: true,
    titleX: 22,
  });
  const path = line<{ x: number; y: number }>()
    .x((p) => r2(x(p.x)))
    .y((p) => r2(y(p.y)));
  const styles = lineStyles(plot);
  plot.series.forEach((s, i) => {
    const { color, thin } = styles[i]!;
    const g = root.append('g').attr('class', `series series-${i}${thin ? ' series-thin' : ''}`);
    g.append('path')
      .attr('d', path([...s.points]) ?? '')
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-width', thin ? THIN : 3);
    for (const p of s.points) {
      g.append('circle')
        .attr('cx', r2(x(p.x)))
        .attr('cy', r2(y(p.y)))
        .attr('r', thin ? 2.5 : 5)
        .attr('fill', color)
        .attr('stroke', 'white')
        .attr('stroke-width', thin ? 0.75 : 1.5)
        .append('title')
        .text(`${s.name}: ${formatValue(p.x)} → ${formatValue(p.y)}`);
    }
  });
}

function drawBars(root: GSelection, plot: CodeBarPlot, frame: Frame): void {
  const x = scaleBand()
    .domain(plot.bars.map((b, i) => `${i}`))
    .range([frame[0], frame[2]])
    .padding(0.2);
  const y = scaleLinear()
    .domain(
      domain(
        plot.bars.map((b) => b.value),
        true,
      ),
    )
    .range([frame[3], frame[1]])
    .nice();
  const centres = plot.bars.map((_, i) => (x(`${i}`) ?? 0) + x.bandwidth() / 2);
  axisBottom(root, {
    ticks: centres.map((_, i) => i),
    format: (i) => plot.bars[i]?.label ?? '',
    title: plot.xLabel,
    scale: (i) => centres[i] ?? 0,
    frame,
  });
  axisLeft(root, {
    ticks: y.ticks(5),
    format: formatValue,
    title: plot.yLabel,
    scale: y,
    frame,
    grid: true,
    titleX: 22,
  });
  const g = root.append('g').attr('class', 'bars');
  plot.bars.forEach((b, i) => {
    const base = y(Math.max(0, y.domain()[0]!));
    g.append('rect')
      .attr('x', r2(x(`${i}`) ?? 0))
      .attr('width', r2(x.bandwidth()))
      .attr('y', r2(Math.min(y(b.value), base)))
      .attr('height', r2(Math.abs(base - y(b.value))))
      .attr('fill', classColor(0))
      .append('title')
      .text(`${b.label}: ${formatValue(b.value)}`);
  });
}
