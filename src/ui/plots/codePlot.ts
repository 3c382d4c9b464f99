/**
 * The charts a code cell's `plot.line` and `plot.bar` describe, drawn from
 * that plain description: any numbers (not only accuracies), linear axes
 * from the data, one colour per series (Okabe–Ito), a legend when there is
 * more than one line. The page shows the same data as a table beside it.
 *
 * Every category keeps its label: bars stand upright only when each label
 * fits on one line under its bar, otherwise they lie down with the labels in
 * full (wrapped) on the left. Rates (accuracy, recall, … in [0, 1]) read in
 * percent. Titles wrap instead of running off the edge. Given its
 * container's width, a chart is laid out for that width (from 300 to 640
 * units), so on a phone its text is drawn at full size instead of shrunk.
 */
import { extent, format as d3format, line, scaleBand, scaleLinear, select } from 'd3';
import { AXIS_TITLE_FONT_SIZE, TICK_FONT_SIZE, axisBottom, axisLeft } from './axes.ts';
import { LEGEND_ROW_HEIGHT, legend, textWidth, type LegendItem } from './legend.ts';
import { INK, MUTED_INK, classColor } from './palette.ts';
import { SVG_NS, plotTitle, r2, svgRoot, type GSelection } from './svgRoot.ts';
import { LINE_HEIGHT, multilineText, wrapText } from './wrapText.ts';

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

/** Stroke width of a thin line (plot.line's `thin`). */
const THIN = 1.5;
/** The width a chart is drawn at when its container's width is unknown (and at most). */
export const CODE_PLOT_WIDTH = 640;
/** Narrowest width a chart is laid out for. */
const MIN_WIDTH = 300;
const PAD = { right: 24, left: 12 };
const LABEL_LINE = Math.round(TICK_FONT_SIZE * LINE_HEIGHT);
/** Gap between a category label and its bar, and between a bar and its value. */
const GAP = 8;

/** A number as a tick or value label: up to 4 significant digits, no trailing zeros. */
export const formatValue = (value: number): string =>
  Number.isInteger(value) ? value.toLocaleString('en-US') : d3format('~r')(Number(value.toPrecision(4)));

/** A fraction as a percentage with at most one decimal: 0.6134 → "61.3%". */
export const formatPercent = (value: number): string => `${formatValue(Number((100 * value).toFixed(1)))}%`;

const RATE_WORDS = /accura|recall|precision|rate\b|share|fraction|proportion|agreement|\bf1\b/i;

/**
 * Whether values named `label` are rates to show in percent: every value in
 * [0, 1] and the name says accuracy, recall, precision, rate, share, … (and
 * not already "points" or "%").
 */
export function isRate(label: string, values: readonly number[]): boolean {
  return (
    values.length > 0 && values.every((v) => v >= 0 && v <= 1) && RATE_WORDS.test(label) && !/%|point/i.test(label)
  );
}

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

/** The chart's width in SVG units for a container `width` CSS px wide (0: unknown): text then draws at its own size. */
export function codePlotWidth(width: number | undefined): number {
  if (!width || !Number.isFinite(width) || width <= 0) return CODE_PLOT_WIDTH;
  return Math.round(Math.min(CODE_PLOT_WIDTH, Math.max(MIN_WIDTH, width)));
}

export interface CodePlotOptions {
  readonly document: Document;
  /** The container's width in CSS px: a narrower chart is laid out for it, so its text stays full size. */
  readonly width?: number;
}

export function codePlot(plot: CodePlotSpec, options: CodePlotOptions): SVGSVGElement {
  const width = codePlotWidth(options.width);
  const values =
    plot.type === 'line' ? plot.series.flatMap((s) => s.points.map((p) => p.y)) : plot.bars.map((b) => b.value);
  const names = plot.type === 'line' ? [plot.yLabel, ...plot.series.map((s) => s.name)].join(' ') : plot.yLabel;
  const yFormat = isRate(names, values) ? formatPercent : formatValue;
  const desc =
    plot.type === 'line'
      ? plot.series
          .map((s) => `${s.name}: ${s.points.map((p) => `${formatValue(p.x)} → ${yFormat(p.y)}`).join(', ')}`)
          .join('. ')
      : plot.bars.map((b) => `${b.label}: ${yFormat(b.value)}`).join(', ');
  const doc = options.document;
  const root = select(doc.createElementNS(SVG_NS, 'g')) as GSelection;
  const left = PAD.left;
  const right = width - PAD.right;
  let top = plotTitle(root, plot.title, left, 30, right - left);
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
    top += legend(root, items, left, top + 14, right - left) * LEGEND_ROW_HEIGHT + 14;
  }
  const height =
    plot.type === 'line'
      ? drawLines(root, plot, { left, right, top, width }, yFormat)
      : barsFit(plot, width)
        ? drawColumns(root, plot, { left, right, top, width }, yFormat)
        : drawRows(root, plot, { left, right, top, width }, yFormat);
  const svg = svgRoot({
    document: doc,
    width,
    height,
    title: plot.title,
    desc,
    className: `plot code-plot code-plot-${plot.type}`,
  });
  svg.node()!.append(root.node()!);
  return svg.node()!;
}

interface Box {
  readonly left: number;
  readonly right: number;
  /** Where the plot starts, below the title (and legend). */
  readonly top: number;
  readonly width: number;
}

/** An axis title drawn horizontally above the plot, wrapped to the width; returns the space it takes. */
function yTitle(root: GSelection, title: string, box: Box): number {
  if (!title) return 8;
  const lines = wrapText(title, AXIS_TITLE_FONT_SIZE, box.right - box.left);
  multilineText(root, lines, box.left, box.top + 18, AXIS_TITLE_FONT_SIZE)
    .attr('class', 'axis-title y-title')
    .attr('fill', MUTED_INK);
  return 18 + (lines.length - 1) * Math.round(AXIS_TITLE_FONT_SIZE * LINE_HEIGHT) + 16;
}

/** The x axis's title, centred below its tick labels, wrapped; returns the space below the plot it takes. */
function xTitle(root: GSelection, title: string, box: Box, bottom: number): number {
  const tickSpace = 10 + TICK_FONT_SIZE + 10;
  if (!title) return tickSpace + 8;
  const lines = wrapText(title, AXIS_TITLE_FONT_SIZE, box.right - box.left);
  multilineText(root, lines, r2((box.left + box.right) / 2), bottom + tickSpace + 18, AXIS_TITLE_FONT_SIZE)
    .attr('class', 'axis-title x-title')
    .attr('text-anchor', 'middle')
    .attr('fill', MUTED_INK);
  return tickSpace + 18 + (lines.length - 1) * Math.round(AXIS_TITLE_FONT_SIZE * LINE_HEIGHT) + 14;
}

/** Width the widest tick label of a y axis takes, plus the tick. */
function tickLabelsWidth(ticks: readonly number[], format: (v: number) => string): number {
  return Math.ceil(Math.max(0, ...ticks.map((t) => textWidth(format(t), TICK_FONT_SIZE)))) + 16;
}

/** How many ticks fit along `length` SVG units. */
const tickCount = (length: number) => Math.max(2, Math.min(6, Math.floor(length / 80)));

function drawLines(root: GSelection, plot: CodeLinePlot, box: Box, yFormat: (v: number) => string): number {
  const points = plot.series.flatMap((s) => s.points);
  const plotHeight = Math.round(Math.min(280, Math.max(200, box.width * 0.45)));
  const top = box.top + yTitle(root, plot.yLabel, box);
  const bottom = top + plotHeight;
  const y = scaleLinear()
    .domain(
      domain(
        points.map((p) => p.y),
        false,
      ),
    )
    .range([bottom, top])
    .nice();
  const yTicks = y.ticks(5);
  const left = box.left + tickLabelsWidth(yTicks, yFormat);
  const x = scaleLinear()
    .domain(
      domain(
        points.map((p) => p.x),
        false,
      ),
    )
    .range([left, box.right])
    .nice();
  const frame = [left, top, box.right, bottom] as const;
  axisBottom(root, {
    ticks: x.ticks(tickCount(box.right - left)),
    format: formatValue,
    title: '',
    scale: x,
    frame,
    grid: true,
  });
  axisLeft(root, { ticks: yTicks, format: yFormat, title: '', scale: y, frame, grid: true, titleX: 0 });
  const below = xTitle(root, plot.xLabel, box, bottom);
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
        .text(`${s.name}: ${formatValue(p.x)} → ${yFormat(p.y)}`);
    }
  });
  return Math.ceil(bottom + below);
}

/** The most bars drawn upright; more become horizontal bars, each label on its own row. */
const MAX_COLUMNS = 6;

/**
 * Whether the bars can stand upright with every category label on one line
 * under its bar (few bars, short labels); otherwise they lie down.
 */
export function barsFit(plot: CodeBarPlot, width: number): boolean {
  if (plot.bars.length > MAX_COLUMNS) return false;
  const step = (width - PAD.left - PAD.right - 60) / Math.max(1, plot.bars.length);
  return plot.bars.every((b) => textWidth(b.label, TICK_FONT_SIZE) <= step - 12);
}

/** The value axis of bars: from 0 (or the lowest value) to the highest; rates (in percent) always to 100%. */
function valueDomain(plot: CodeBarPlot, yFormat: (v: number) => string): [number, number] {
  if (yFormat === formatPercent) return [0, 1];
  return domain(
    plot.bars.map((b) => b.value),
    true,
  );
}

/** Upright bars, a category label under each (they fit: see `barsFit`), the value on top. */
function drawColumns(root: GSelection, plot: CodeBarPlot, box: Box, yFormat: (v: number) => string): number {
  const plotHeight = Math.round(Math.min(260, Math.max(200, box.width * 0.42)));
  const top = box.top + yTitle(root, plot.yLabel, box) + 14;
  const bottom = top + plotHeight;
  const y = scaleLinear().domain(valueDomain(plot, yFormat)).range([bottom, top]).nice();
  const yTicks = y.ticks(5);
  const left = box.left + tickLabelsWidth(yTicks, yFormat);
  const x = scaleBand()
    .domain(plot.bars.map((_, i) => `${i}`))
    .range([left, box.right])
    .padding(0.2);
  const frame = [left, top, box.right, bottom] as const;
  axisLeft(root, { ticks: yTicks, format: yFormat, title: '', scale: y, frame, grid: true, titleX: 0 });
  root
    .append('line')
    .attr('class', 'domain')
    .attr('x1', left)
    .attr('x2', box.right)
    .attr('y1', bottom)
    .attr('y2', bottom)
    .attr('stroke', INK)
    .attr('stroke-width', 1.5);
  const g = root.append('g').attr('class', 'bars');
  const labels = root.append('g').attr('class', 'category-labels').attr('font-size', TICK_FONT_SIZE);
  const base = y(Math.max(0, y.domain()[0]!));
  plot.bars.forEach((b, i) => {
    const bx = x(`${i}`) ?? 0;
    const cx = r2(bx + x.bandwidth() / 2);
    g.append('rect')
      .attr('class', 'bar')
      .attr('x', r2(bx))
      .attr('width', r2(x.bandwidth()))
      .attr('y', r2(Math.min(y(b.value), base)))
      .attr('height', r2(Math.abs(base - y(b.value))))
      .attr('fill', classColor(0))
      .append('title')
      .text(`${b.label}: ${yFormat(b.value)}`);
    labels
      .append('text')
      .attr('class', 'category-label')
      .attr('x', cx)
      .attr('y', bottom + 10)
      .attr('dy', '0.71em')
      .attr('text-anchor', 'middle')
      .text(b.label);
    labels
      .append('text')
      .attr('class', 'value-label')
      .attr('x', cx)
      .attr('y', r2(b.value >= 0 ? y(b.value) - 6 : y(b.value) + 6))
      .attr('dy', b.value >= 0 ? 0 : '0.71em')
      .attr('text-anchor', 'middle')
      .text(yFormat(b.value));
  });
  return Math.ceil(bottom + xTitle(root, plot.xLabel, box, bottom));
}

/**
 * Horizontal bars: the category labels in a column on the left, in full
 * (wrapped onto more lines when long), each bar's value at its end, the
 * value axis along the bottom.
 */
function drawRows(root: GSelection, plot: CodeBarPlot, box: Box, yFormat: (v: number) => string): number {
  const [lo, hi] = valueDomain(plot, yFormat);
  const valueWidth = Math.ceil(Math.max(...plot.bars.map((b) => textWidth(yFormat(b.value), TICK_FONT_SIZE)))) + GAP;
  const labelSpace = Math.min(
    Math.floor((box.right - box.left) * 0.42),
    Math.ceil(Math.max(...plot.bars.map((b) => textWidth(b.label, TICK_FONT_SIZE)))) + 4,
  );
  const wrapped = plot.bars.map((b) => wrapText(b.label, TICK_FONT_SIZE, labelSpace));
  let top = box.top + 8;
  if (plot.xLabel) {
    const lines = wrapText(plot.xLabel, AXIS_TITLE_FONT_SIZE, box.right - box.left);
    multilineText(root, lines, box.left, top + 14, AXIS_TITLE_FONT_SIZE)
      .attr('class', 'axis-title category-title')
      .attr('fill', MUTED_INK);
    top += 14 + (lines.length - 1) * Math.round(AXIS_TITLE_FONT_SIZE * LINE_HEIGHT) + 14;
  }
  const rowHeights = wrapped.map((lines) => Math.max(34, lines.length * LABEL_LINE + 14));
  const bottom = top + rowHeights.reduce((a, b) => a + b, 0);
  const barLeft = box.left + labelSpace + GAP;
  const x = scaleLinear()
    .domain([lo, hi])
    .range([barLeft, box.right - valueWidth])
    .nice();
  const frame = [barLeft, top, box.right - valueWidth, bottom] as const;
  axisBottom(root, {
    ticks: x.ticks(tickCount(box.right - valueWidth - barLeft)),
    format: yFormat,
    title: '',
    scale: x,
    frame,
    grid: true,
  });
  const g = root.append('g').attr('class', 'bars');
  const labels = root.append('g').attr('class', 'category-labels').attr('font-size', TICK_FONT_SIZE);
  const zero = x(Math.max(0, x.domain()[0]!));
  let rowTop = top;
  plot.bars.forEach((b, i) => {
    const h = rowHeights[i]!;
    const cy = rowTop + h / 2;
    const thickness = Math.min(24, h - 10);
    g.append('rect')
      .attr('class', 'bar')
      .attr('x', r2(Math.min(zero, x(b.value))))
      .attr('width', r2(Math.abs(x(b.value) - zero)))
      .attr('y', r2(cy - thickness / 2))
      .attr('height', r2(thickness))
      .attr('fill', classColor(0))
      .append('title')
      .text(`${b.label}: ${yFormat(b.value)}`);
    const lines = wrapped[i]!;
    multilineText(labels, lines, r2(barLeft - GAP), r2(cy - ((lines.length - 1) * LABEL_LINE) / 2), TICK_FONT_SIZE)
      .attr('class', 'category-label')
      .attr('dy', '0.32em')
      .attr('text-anchor', 'end');
    labels
      .append('text')
      .attr('class', 'value-label')
      .attr('x', r2(Math.max(zero, x(b.value)) + 6))
      .attr('y', r2(cy))
      .attr('dy', '0.32em')
      .text(yFormat(b.value));
    rowTop += h;
  });
  return Math.ceil(bottom + xTitle(root, plot.yLabel, box, bottom));
}
