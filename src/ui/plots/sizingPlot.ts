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
}

export const SIZING_PLOT_SIZE = { width: 760, height: 500 } as const;
const MARGIN = { right: 28, bottom: 80, left: 86 };
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
  const { width, height } = SIZING_PLOT_SIZE;
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
  if (options.title !== undefined) y0 = plotTitle(root, options.title, MARGIN.left);
  const rows = legend(
    root,
    [
      ...styles.map((s) => ({
        label: `${s.label}: measured, fitted`,
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
    MARGIN.left,
    y0 + 26,
    width - MARGIN.left - 8,
  );
  const frame = {
    left: MARGIN.left,
    right: width - MARGIN.right,
    top: y0 + 26 + (rows - 1) * LEGEND_ROW_HEIGHT + 34,
    bottom: height - MARGIN.bottom,
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
  axisLeft(root, {
    ticks: y.ticks(6),
    format: y.tickFormat(6, '%'),
    title: 'Accuracy on the clean test set',
    scale: y,
    frame: box,
    grid: true,
    titleX: 24,
  });
  axisBottom(root, {
    ticks: logTicks(xLo, xHi),
    format: count,
    title: 'Training-set size N (log scale)',
    scale: x,
    frame: box,
    grid: true,
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
  halo(
    edge
      .append('text')
      .attr('class', 'label')
      .attr('x', px(data.largestMeasured) + 8)
      .attr('y', frame.bottom - 12)
      .attr('font-size', FONT)
      .attr('fill', MUTED_INK)
      .text('extrapolated →'),
  );

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
      halo(
        c
          .append('text')
          .attr('class', 'label')
          .attr('x', frame.right - 4)
          .attr('y', style.key === 'clean' ? cy - 8 : cy + 20)
          .attr('text-anchor', 'end')
          .attr('font-size', FONT)
          .attr('fill', style.color)
          .attr('font-weight', 700)
          .text(`ceiling ${percent(series.ceiling)}`),
      );
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
  halo(
    t
      .append('text')
      .attr('class', 'label')
      .attr('x', frame.left + 8)
      .attr('y', ty - 10)
      .attr('font-size', FONT)
      .text(`target ${percent(data.target)}: clean labels at N0 = ${count(data.n0)}`),
  );
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
    const fits = nx + 12 + textWidth(text, FONT) <= frame.right;
    halo(
      n
        .append('text')
        .attr('class', 'label')
        .attr('x', fits ? nx + 12 : nx - 12)
        .attr('y', ty + 30)
        .attr('text-anchor', fits ? 'start' : 'end')
        .attr('font-size', FONT)
        .attr('font-weight', 700)
        .text(text),
    );
  } else if (!Number.isFinite(needed.value)) {
    halo(
      n
        .append('text')
        .attr('class', 'label')
        .attr('x', frame.right - 4)
        .attr('y', ty + 30)
        .attr('text-anchor', 'end')
        .attr('font-size', FONT)
        .attr('font-weight', 700)
        .text('fit: never reaches it'),
    );
  } else {
    halo(
      n
        .append('text')
        .attr('class', 'label')
        .attr('x', frame.right - 4)
        .attr('y', ty + 30)
        .attr('text-anchor', 'end')
        .attr('font-size', FONT)
        .attr('font-weight', 700)
        .text(`fit: ≈ ${count(needed.value)} →`),
    );
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
  return svg.node()!;
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
