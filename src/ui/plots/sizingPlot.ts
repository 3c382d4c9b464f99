/**
 * The sizing chart: a learning curve with the power law fitted to it,
 * followed past the measured sizes to the size a target needs.
 *
 * x: training-set size N, log scale, from the smallest measured size to
 *    `xMax` (past the largest measured size: the extrapolation).
 * y: accuracy on the clean test set.
 * Each series (clean, noisy): the measured mean at each size (marker) and
 * each seed (faint dot); the fitted power law as a line — solid over the
 * measured sizes, dashed beyond — with its 90% bootstrap band; its fitted
 * ceiling (1 − c) as a dotted line at the right.
 * Markers: the target (clean labels at N0) as a dashed horizontal line; on
 * it, where the fitted noisy curve reaches it with the interval of that size
 * (an arrow where the interval runs past the chart or has no end); the
 * measured crossing, when the measured noisy curve reaches the target; a
 * vertical line at the largest measured size.
 *
 * Input: the measured points (engine SweepSummary curves) and bands of the
 * fitted laws (engine/sizing/powerLawBand.ts) on one grid of sizes, plain data.
 */
import { area, line, scaleLinear, scaleLog, symbol, symbolCircle, symbolSquare, type SymbolType } from 'd3';
import { count, factor, percent } from '../format.ts';
import { axisBottom, axisLeft } from './axes.ts';
import { type CurveSeriesPoint, measuredPoints } from './curvePlot.ts';
import { legend, LEGEND_ROW_HEIGHT, textWidth } from './legend.ts';
import { CLEAN_COLOR, INK, MUTED_INK, NOISY_COLOR } from './palette.ts';
import { halo, plotTitle, r2, svgRoot, type GSelection } from './svgRoot.ts';
import { LINE_HEIGHT, multilineText, wrapText } from './wrapText.ts';

export interface SizingBandPoint {
  readonly size: number;
  /** The fitted law's accuracy. */
  readonly accuracy: number;
  readonly low: number;
  readonly high: number;
}

export interface SizingSeries {
  readonly measured: readonly CurveSeriesPoint[];
  /** The fit and its band on a grid of sizes from the smallest measured to the chart's end. */
  readonly band: readonly SizingBandPoint[];
  /** The fitted ceiling, 1 − c. */
  readonly ceiling: number;
}

export interface SizingPlotData {
  readonly clean: SizingSeries;
  readonly noisy: SizingSeries;
  /** The noisy series' name, e.g. "10% noisy labels". */
  readonly noisyLabel: string;
  readonly n0: number;
  /** The accuracy to reach: clean labels at N0. */
  readonly target: number;
  /** Where the fitted noisy curve reaches the target, with its interval; Infinity = never. */
  readonly needed: { readonly value: number; readonly low: number; readonly high: number };
  /** Where the measured noisy curve reaches the target (log-interpolated), or null when it does not within the sizes. */
  readonly measuredCrossing: number | null;
  readonly largestMeasured: number;
  /** The right end of the x axis. */
  readonly xMax: number;
}

export interface SizingPlotOptions {
  readonly document: Document;
  readonly title?: string;
  /** viewBox width; default 760. Narrower than 560 (a phone), the chart is laid out for it. */
  readonly width?: number;
  /** viewBox height; default 500. */
  readonly height?: number;
}

export const SIZING_PLOT_SIZE = { width: 760, height: 500 } as const;
const MARGIN = { right: 28, bottom: 80, left: 86 };
/** Below this viewBox width the chart is laid out for a phone: narrower margins, annotations kept inside. */
const NARROW = 560;
const NARROW_MARGIN = { right: 28, bottom: 80, left: 70 };
/** The plot area's height in a narrow chart. */
const NARROW_PLOT_HEIGHT = 280;
const BAND_OPACITY = 0.18;
const SEED_OPACITY = 0.4;
const FONT = 16;

interface Style {
  readonly key: 'clean' | 'noisy';
  readonly label: string;
  readonly color: string;
  readonly symbol: SymbolType;
}

/** The chart's x end: past the largest measured size to the far end of the noisy interval, within `maxFactor`× of it. */
export function sizingExtent(
  largestMeasured: number,
  needed: { readonly value: number; readonly high: number },
  maxFactor = 16,
): number {
  const cap = largestMeasured * maxFactor;
  const want = Math.max(largestMeasured * 4, Number.isFinite(needed.high) ? needed.high * 1.5 : cap);
  return Math.min(cap, want);
}

export function sizingPlot(data: SizingPlotData, options: SizingPlotOptions): SVGSVGElement {
  const width = options.width ?? SIZING_PLOT_SIZE.width;
  const narrow = width < NARROW;
  // Narrow, the heading and legend wrap onto more rows: the chart grows taller to keep its plot area.
  let height = options.height ?? SIZING_PLOT_SIZE.height;
  const margin = narrow ? NARROW_MARGIN : MARGIN;
  // Narrow: the heading and legend start at the edge, not above the plot, to keep their room.
  const inset = narrow ? 12 : MARGIN.left;
  const styles: readonly Style[] = [
    { key: 'clean', label: 'Clean labels', color: CLEAN_COLOR, symbol: symbolCircle },
    { key: 'noisy', label: data.noisyLabel, color: NOISY_COLOR, symbol: symbolSquare },
  ];
  const svg = svgRoot({
    document: options.document,
    width,
    height,
    title: options.title ?? 'The learning curve and the power law fitted to it',
    desc: describeSizing(data),
    className: 'plot sizing-plot',
  });
  const root = svg.append('g');
  let y0 = 0;
  if (options.title !== undefined) y0 = plotTitle(root, options.title, inset, 30, width - inset - margin.right);
  const rows = legend(
    root,
    [
      ...styles.map((s) => ({
        // Narrow, the legend names the series only: the chart's description and readout say the rest.
        label: narrow ? s.label : `${s.label}: measured, fitted`,
        className: `legend-${s.key}`,
        swatch: (g: GSelection) => {
          g.append('rect')
            .attr('y', -9)
            .attr('width', 30)
            .attr('height', 18)
            .attr('fill', s.color)
            .attr('fill-opacity', BAND_OPACITY);
          g.append('line').attr('x2', 30).attr('stroke', s.color).attr('stroke-width', 3);
          g.append('path')
            .attr('d', symbol(s.symbol, 90)())
            .attr('transform', 'translate(15,0)')
            .attr('fill', s.color)
            .attr('stroke', 'white')
            .attr('stroke-width', 1.5);
        },
      })),
      {
        label: '90% band of the fit',
        className: 'legend-band',
        swatch: (g: GSelection) => {
          g.append('rect')
            .attr('y', -9)
            .attr('width', 30)
            .attr('height', 18)
            .attr('fill', MUTED_INK)
            .attr('fill-opacity', 0.25);
        },
      },
      {
        label: 'extrapolated',
        className: 'legend-extrapolated',
        swatch: (g: GSelection) => {
          g.append('line')
            .attr('x2', 30)
            .attr('stroke', MUTED_INK)
            .attr('stroke-width', 3)
            .attr('stroke-dasharray', '7 5');
        },
      },
    ],
    inset,
    y0 + 26,
    width - inset - 8,
  );
  const frameTop = y0 + 26 + (rows - 1) * LEGEND_ROW_HEIGHT + 34;
  if (narrow && options.height === undefined) {
    height = frameTop + NARROW_PLOT_HEIGHT + margin.bottom;
    svg.attr('viewBox', `0 0 ${width} ${height}`);
  }
  const frame = {
    left: margin.left,
    right: width - margin.right,
    top: frameTop,
    bottom: height - margin.bottom,
  };
  const sizes = [...data.clean.measured, ...data.noisy.measured].map((p) => p.size).filter((n) => n > 0);
  const smallest = sizes.length ? Math.min(...sizes) : 10;
  const x = scaleLog()
    .domain([smallest / 1.2, Math.max(data.xMax, smallest * 2)])
    .range([frame.left, frame.right]);
  const y = scaleLinear().domain(accuracyDomain(data)).range([frame.bottom, frame.top]).nice(6);
  const px = (n: number) => r2(x(n));
  const py = (a: number) => r2(y(Math.min(Math.max(a, y.domain()[0]!), y.domain()[1]!)));
  const [xLo, xHi] = x.domain() as [number, number];
  const inX = (n: number) => Number.isFinite(n) && n >= xLo && n <= xHi;
  const box = [frame.left, frame.top, frame.right, frame.bottom] as const;
  /** The annotations, drawn last by placeLabels so none covers another. */
  const labels: Label[] = [];
  axisLeft(root, {
    ticks: y.ticks(6),
    format: y.tickFormat(6, '%'),
    title: 'Accuracy on the clean test set',
    scale: y,
    frame: box,
    grid: true,
    titleX: narrow ? 18 : 24,
  });
  axisBottom(root, {
    ticks: logTicks(xLo, xHi),
    format: count,
    title: 'Training-set size N (log scale)',
    scale: x,
    frame: box,
    grid: true,
    chartWidth: width,
  });

  // The largest measured size: measured to the left, extrapolated to the right.
  const edge = root.append('g').attr('class', 'marker marker-measured-end');
  edge
    .append('line')
    .attr('x1', px(data.largestMeasured))
    .attr('x2', px(data.largestMeasured))
    .attr('y1', frame.top)
    .attr('y2', frame.bottom)
    .attr('stroke', MUTED_INK)
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', '2 4');
  labels.push({
    parent: edge,
    lines: ['extrapolated →'],
    x: px(data.largestMeasured) + 8,
    y: frame.bottom - 12,
    anchor: 'start',
    fill: MUTED_INK,
    bold: false,
    step: -LABEL_STEP,
  });

  for (const style of styles) {
    const series = data[style.key];
    const g = root.append('g').attr('class', `series series-${style.key}`);
    const band = series.band.filter((p) => inX(p.size) && [p.accuracy, p.low, p.high].every(Number.isFinite));
    if (band.length > 1) {
      g.append('path')
        .attr('class', 'band')
        .attr(
          'd',
          area<SizingBandPoint>()
            .x((p) => px(p.size))
            .y0((p) => py(p.low))
            .y1((p) => py(p.high))(band),
        )
        .attr('fill', style.color)
        .attr('fill-opacity', BAND_OPACITY);
      const fitLine = line<SizingBandPoint>()
        .x((p) => px(p.size))
        .y((p) => py(p.accuracy));
      const inside = band.filter((p) => p.size <= data.largestMeasured);
      const beyond = band.filter((p) => p.size >= data.largestMeasured);
      g.append('path')
        .attr('class', 'fit')
        .attr('d', fitLine(inside))
        .attr('fill', 'none')
        .attr('stroke', style.color)
        .attr('stroke-width', 3);
      if (beyond.length > 1) {
        g.append('path')
          .attr('class', 'fit extrapolated')
          .attr('d', fitLine(beyond))
          .attr('fill', 'none')
          .attr('stroke', style.color)
          .attr('stroke-width', 3)
          .attr('stroke-dasharray', '7 5');
      }
    }
    if (Number.isFinite(series.ceiling) && series.ceiling >= y.domain()[0]! && series.ceiling <= y.domain()[1]!) {
      const cy = py(series.ceiling);
      const c = g.append('g').attr('class', 'ceiling');
      c.append('line')
        .attr('x1', frame.right - 140)
        .attr('x2', frame.right)
        .attr('y1', cy)
        .attr('y2', cy)
        .attr('stroke', style.color)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', '2 3');
      labels.push({
        parent: c,
        lines: [`ceiling ${percent(series.ceiling)}`],
        x: frame.right - 4,
        y: style.key === 'clean' ? cy - 8 : cy + 20,
        anchor: 'end',
        fill: style.color,
        bold: true,
        step: style.key === 'clean' ? -LABEL_STEP : LABEL_STEP,
      });
    }
    const points = measuredPoints(series.measured);
    const seeds = g.append('g').attr('class', 'seeds').attr('fill', style.color).attr('fill-opacity', SEED_OPACITY);
    for (const p of points) {
      for (const v of p.values) {
        if (Number.isFinite(v)) seeds.append('circle').attr('cx', px(p.size)).attr('cy', py(v)).attr('r', 3);
      }
    }
    const marker = symbol(style.symbol, 100)();
    for (const p of points) {
      g.append('path')
        .attr('class', 'mean')
        .attr('data-size', p.size)
        .attr('d', marker)
        .attr('transform', `translate(${px(p.size)},${py(p.mean)})`)
        .attr('fill', style.color)
        .attr('stroke', 'white')
        .attr('stroke-width', 1.5);
    }
  }

  // The target, and where the fitted noisy curve reaches it.
  const t = root.append('g').attr('class', 'marker target');
  const ty = py(data.target);
  t.append('line')
    .attr('class', 'guide')
    .attr('x1', frame.left)
    .attr('x2', frame.right)
    .attr('y1', ty)
    .attr('y2', ty)
    .attr('stroke', INK)
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', '7 5');
  // The target's label goes first (it names the line): the others make way for it. Narrow, it wraps.
  const targetLines = wrapText(
    `target ${percent(data.target)}: clean labels at N0 = ${count(data.n0)}`,
    FONT,
    frame.right - frame.left - 12,
  );
  labels.unshift({
    parent: t,
    lines: targetLines,
    x: frame.left + 8,
    y: ty - 10 - (targetLines.length - 1) * LINE_STEP,
    anchor: 'start',
    fill: INK,
    bold: false,
    step: -LABEL_STEP,
  });
  const { needed } = data;
  const n = t.append('g').attr('class', 'needed');
  const lowX = inX(needed.low) ? px(needed.low) : needed.low < xLo ? frame.left : frame.right;
  const open = !(needed.high <= xHi);
  const highX = open ? frame.right : px(needed.high);
  if (Number.isFinite(needed.low) && needed.low <= xHi) {
    n.append('line')
      .attr('class', 'interval')
      .attr('x1', lowX)
      .attr('x2', highX)
      .attr('y1', ty)
      .attr('y2', ty)
      .attr('stroke', NOISY_COLOR)
      .attr('stroke-width', 7)
      .attr('stroke-opacity', 0.5)
      .attr('stroke-linecap', 'round');
    if (open) {
      n.append('path')
        .attr('class', 'arrow')
        .attr('d', `M${frame.right - 12},${ty - 8}L${frame.right},${ty}L${frame.right - 12},${ty + 8}Z`)
        .attr('fill', NOISY_COLOR);
    }
  }
  if (inX(needed.value)) {
    const nx = px(needed.value);
    n.append('circle')
      .attr('class', 'needed-point')
      .attr('cx', nx)
      .attr('cy', ty)
      .attr('r', 7)
      .attr('fill', 'white')
      .attr('stroke', NOISY_COLOR)
      .attr('stroke-width', 3);
    const text = `fit: ≈ ${count(needed.value)} (${factor(needed.value / data.n0)}× N0)`;
    const fits = nx + 12 + labelWidth(text, true) <= frame.right;
    labels.push({
      parent: n,
      lines: [text],
      x: fits ? nx + 12 : nx - 12,
      y: ty + 30,
      anchor: fits ? 'start' : 'end',
      fill: INK,
      bold: true,
      step: LABEL_STEP,
    });
  } else {
    labels.push({
      parent: n,
      lines: [Number.isFinite(needed.value) ? `fit: ≈ ${count(needed.value)} →` : 'fit: never reaches it'],
      x: frame.right - 4,
      y: ty + 30,
      anchor: 'end',
      fill: INK,
      bold: true,
      step: LABEL_STEP,
    });
  }
  if (data.measuredCrossing !== null && inX(data.measuredCrossing)) {
    t.append('path')
      .attr('class', 'measured-crossing')
      .attr('d', symbol(symbolSquare, 120)())
      .attr('transform', `translate(${px(data.measuredCrossing)},${ty}) rotate(45)`)
      .attr('fill', 'white')
      .attr('stroke', INK)
      .attr('stroke-width', 2.5);
  }
  placeLabels(labels, frame);
  return svg.node()!;
}

/** An annotation: its lines, where it would go (first baseline), and which way it moves to make room. */
interface Label {
  readonly parent: GSelection;
  readonly lines: readonly string[];
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'end';
  readonly fill: string;
  readonly bold: boolean;
  /** The shift per try when it would cover an earlier label: up (negative) or down. */
  readonly step: number;
}

const LINE_STEP = Math.round(FONT * LINE_HEIGHT);
const LABEL_STEP = 20;

/** Estimated width of a label's text (bold is a little wider). */
function labelWidth(text: string, bold: boolean): number {
  return textWidth(text, FONT) * (bold ? 1.1 : 1.02);
}

/**
 * Draws the annotations in order, each kept inside the frame sideways and
 * moved, a step at a time in its own direction (then the other), off the
 * labels drawn before it, so none covers another — on a phone the chart is
 * too narrow for them to stay apart by themselves.
 */
function placeLabels(
  labels: readonly Label[],
  frame: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number },
): void {
  const placed: { left: number; right: number; top: number; bottom: number }[] = [];
  const boxAt = (label: Label, left: number, width: number, y: number) => ({
    left: left - 3,
    right: left + width + 3,
    top: y - FONT * 0.8 - 2,
    bottom: y + (label.lines.length - 1) * LINE_STEP + FONT * 0.25 + 2,
  });
  const overlaps = (a: ReturnType<typeof boxAt>) =>
    placed.some((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom);
  for (const label of labels) {
    const width = Math.max(...label.lines.map((line) => labelWidth(line, label.bold)));
    // Sideways: inside the frame.
    let left = label.anchor === 'start' ? label.x : label.x - width;
    left = Math.max(frame.left + 2, Math.min(left, frame.right - 2 - width));
    const height = (label.lines.length - 1) * LINE_STEP;
    const inside = (y: number) => y - FONT >= frame.top - FONT && y + height <= frame.bottom;
    let y = label.y;
    for (let k = 1; k <= 12 && overlaps(boxAt(label, left, width, y)); k++) {
      const tries = [label.y + k * label.step, label.y - k * label.step].filter(inside);
      const free = tries.find((t) => !overlaps(boxAt(label, left, width, t)));
      if (free !== undefined) {
        y = free;
        break;
      }
    }
    placed.push(boxAt(label, left, width, y));
    const x = label.anchor === 'end' ? left + width : left;
    const text = multilineText(label.parent, label.lines, r2(x), r2(y), FONT)
      .attr('class', 'label')
      .attr('text-anchor', label.anchor)
      .attr('fill', label.fill);
    if (label.bold) text.attr('font-weight', 700);
    halo(text);
  }
}

/** The chart in words, for screen readers. */
export function describeSizing(data: SizingPlotData): string {
  const { needed } = data;
  const parts = [
    `Accuracy on the clean test set against training-set size N on a log scale, measured up to N = ${count(data.largestMeasured)} and extrapolated to ${count(data.xMax)} by a power law fitted to each curve, with its 90% band.`,
    `The target, clean labels at N0 = ${count(data.n0)}, is ${percent(data.target)}.`,
    Number.isFinite(needed.value)
      ? `The power law fitted to ${data.noisyLabel} reaches it at about ${count(needed.value)} examples (${factor(needed.value / data.n0)}× N0), 90% interval ${count(needed.low)} to ${Number.isFinite(needed.high) ? count(needed.high) : 'no end'}.`
      : `The power law fitted to ${data.noisyLabel} levels off below it.`,
    data.measuredCrossing !== null
      ? `Measured directly, the noisy curve reaches it at about ${count(data.measuredCrossing)}.`
      : `The measured noisy curve does not reach it up to N = ${count(data.largestMeasured)}.`,
    `Fitted ceilings: clean labels ${percent(data.clean.ceiling)}, ${data.noisyLabel} ${percent(data.noisy.ceiling)}.`,
  ];
  return parts.join(' ');
}

/** Ticks at 1, 2 and 5 times the powers of ten within [lo, hi]. */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** p;
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks;
}

function accuracyDomain(data: SizingPlotData): [number, number] {
  const values: number[] = [data.target];
  for (const s of [data.clean, data.noisy]) {
    for (const p of measuredPoints(s.measured)) values.push(p.mean, ...p.values);
    for (const p of s.band) values.push(p.accuracy, p.low, p.high);
    values.push(s.ceiling);
  }
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  const pad = 0.06 * Math.max(hi - lo, 0.04);
  lo = Math.max(0, lo - pad);
  hi = Math.min(1, hi + pad);
  return lo < hi ? [lo, hi] : [Math.max(0, hi - 0.05), Math.min(1, lo + 0.05)];
}
