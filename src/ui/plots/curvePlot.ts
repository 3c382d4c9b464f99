/**
 * The learning curve: accuracy on the clean test set against training-set
 * size, for clean labels and for noisy labels.
 *
 * x: training-set size N, log scale, ticks at the planned sizes.
 * y: accuracy in percent.
 * Each series: a line through the per-size means, a band of mean ± 1 sd, and
 * a faint dot per seed. Points with count 0 (not measured yet) are skipped.
 * Markers: N0 (dashed vertical), 3·N0 on the noisy curve, and the exchange
 * rate — the noisy-data size that matches clean labels at N0.
 *
 * The input types are structural: an engine `SweepSummary` (sweep.ts) and
 * `ExchangeRate` (exchange.ts) can be passed straight in.
 */
import type { ExchangeRate } from '../../engine/exchange.ts';
import { area, line, scaleLinear, scaleLog, symbol, symbolCircle, symbolSquare, type SymbolType } from 'd3';
import { count, factor, percent } from '../format.ts';
import { axisBottom, axisLeft } from './axes.ts';
import { legend, textWidth, LEGEND_ROW_HEIGHT } from './legend.ts';
import { CLEAN_COLOR, INK, MUTED_INK, NOISY_COLOR } from './palette.ts';
import { halo, r2, svgRoot, type GSelection, plotTitle } from './svgRoot.ts';

export interface CurveSeriesPoint {
  readonly size: number;
  readonly mean: number;
  readonly sd: number;
  /** Number of seeds measured at this size; 0 means not measured yet (the point is skipped). */
  readonly count: number;
  /** The accuracy of each seed. */
  readonly values: readonly number[];
}

/** The exchange-rate readout, exactly as the engine computes it. */
export type CurveExchange = ExchangeRate;

export interface CurvePlotData {
  readonly clean: readonly CurveSeriesPoint[];
  readonly noisy: readonly CurveSeriesPoint[];
  /** The noisy series' name, e.g. "10% noisy labels". */
  readonly noisyLabel: string;
  readonly n0: number | null;
  readonly exchange: CurveExchange | null;
  readonly tripled: { readonly n0: number; readonly cleanAtN0: number; readonly noisyAt3N0: number } | null;
  /** The planned x ticks (and domain), known before any result arrives. */
  readonly sizes: readonly number[];
}

export interface CurvePlotOptions {
  readonly document: Document;
  /** viewBox width; default 760. */
  readonly width?: number;
  /** viewBox height; default 480. */
  readonly height?: number;
  /** Accessible name, also drawn as a heading when given. */
  readonly title?: string;
  /**
   * The accuracy axis [low, high] to draw at least, so several charts share
   * one; it widens to fit any value outside. Default: fitted to the data.
   */
  readonly yAxis?: readonly [number, number];
}

export const CURVE_PLOT_SIZE = { width: 760, height: 480 } as const;
export const DEFAULT_CURVE_TITLE = 'Accuracy on the clean test set vs. training-set size';

const MARGIN = { right: 28, bottom: 80, left: 86 };
/** Below this viewBox width the chart is laid out for a phone. */
const NARROW = 560;
/** The least height of a narrow chart's plot area. */
const NARROW_MIN_PLOT_HEIGHT = 250;
const BAND_OPACITY = 0.16;
const SEED_OPACITY = 0.45;
const SEED_RADIUS = 3.5;
/** Seed dots of the two series sit this far left / right of their size, so they do not hide each other. */
const SEED_OFFSET = 4;
const ANNOTATION_FONT_SIZE = 17;

interface SeriesStyle {
  readonly key: 'clean' | 'noisy';
  readonly label: string;
  readonly color: string;
  readonly symbol: SymbolType;
  readonly seedOffset: number;
}

/** The measured points of a series: count > 0 and a finite mean, in size order. */
export function measuredPoints(points: readonly CurveSeriesPoint[]): CurveSeriesPoint[] {
  return points
    .filter((p) => p.count > 0 && Number.isFinite(p.mean) && p.size > 0)
    .slice()
    .sort((a, b) => a.size - b.size);
}

export function curvePlot(data: CurvePlotData, options: CurvePlotOptions): SVGSVGElement {
  const width = options.width ?? CURVE_PLOT_SIZE.width;
  let height = options.height ?? CURVE_PLOT_SIZE.height;
  const styles: readonly SeriesStyle[] = [
    { key: 'clean', label: 'Clean labels', color: CLEAN_COLOR, symbol: symbolCircle, seedOffset: -SEED_OFFSET },
    { key: 'noisy', label: data.noisyLabel, color: NOISY_COLOR, symbol: symbolSquare, seedOffset: SEED_OFFSET },
  ];
  const series = { clean: measuredPoints(data.clean), noisy: measuredPoints(data.noisy) };
  const empty = series.clean.length === 0 && series.noisy.length === 0;

  const svg = svgRoot({
    document: options.document,
    width,
    height,
    title: options.title ?? DEFAULT_CURVE_TITLE,
    desc: describeCurve(data),
    className: 'plot curve-plot',
  });
  const root = svg.append('g');

  // Heading and legend fix the top of the plot area.
  let y0 = 0;
  // Narrow (a phone): the heading and legend start at the edge, not above the plot, to keep their room.
  const inset = width < NARROW ? 12 : MARGIN.left;
  if (options.title !== undefined) y0 = plotTitle(root, options.title, inset, 30, width - inset - MARGIN.right);
  const rows = legend(
    root,
    [
      ...styles.map((s) => ({
        label: s.label,
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
        label: 'one seed',
        className: 'legend-seeds',
        swatch: (g: GSelection) => {
          for (const cx of [6, 15, 24]) {
            g.append('circle').attr('cx', cx).attr('r', SEED_RADIUS).attr('fill', MUTED_INK).attr('fill-opacity', 0.6);
          }
        },
      },
      {
        label: '± 1 sd',
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
    ],
    inset,
    y0 + 26,
    width - inset - 8,
  );
  const frame = {
    left: MARGIN.left,
    right: width - MARGIN.right,
    top: y0 + 26 + (rows - 1) * LEGEND_ROW_HEIGHT + 34,
    bottom: height - MARGIN.bottom,
  };
  // Narrow, a heading and legend wrapped onto more rows would squeeze the plot area: the chart grows taller.
  if (width < NARROW && frame.bottom - frame.top < NARROW_MIN_PLOT_HEIGHT) {
    frame.bottom = frame.top + NARROW_MIN_PLOT_HEIGHT;
    height = frame.bottom + MARGIN.bottom;
    svg.attr('viewBox', `0 0 ${width} ${height}`);
  }

  // Scales.
  const sizes = plannedSizes(data);
  const x = scaleLog().domain(sizeDomain(sizes)).range([frame.left, frame.right]);
  const y = scaleLinear()
    .domain(sharedDomain(accuracyDomain(data, series.clean, series.noisy), options.yAxis))
    .range([frame.bottom, frame.top])
    .nice(6);
  const px = (n: number) => r2(x(n));
  const py = (a: number) => r2(y(a));
  const inX = (n: number) => Number.isFinite(n) && n >= x.domain()[0]! && n <= x.domain()[1]!;

  const frameBox = [frame.left, frame.top, frame.right, frame.bottom] as const;
  axisLeft(root, {
    ticks: y.ticks(6),
    format: y.tickFormat(6, '%'),
    title: 'Accuracy on the clean test set',
    scale: y,
    frame: frameBox,
    grid: true,
    titleX: 24,
  });
  axisBottom(root, {
    ticks: sizes,
    format: count,
    title: 'Training-set size N (log scale)',
    scale: x,
    frame: frameBox,
    grid: true,
  });

  // N0 marker, under the data.
  const n0 = data.n0;
  if (n0 !== null && inX(n0)) {
    const g = root.append('g').attr('class', 'marker marker-n0');
    g.append('line')
      .attr('x1', px(n0))
      .attr('x2', px(n0))
      .attr('y1', frame.top)
      .attr('y2', frame.bottom)
      .attr('stroke', INK)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '6 5');
    bottomLabel(g, `N0 = ${count(n0)}`, px(n0), frame.bottom - 12, frame.right);
  }

  // The series: band, line, seed dots, mean markers.
  for (const style of styles) {
    const points = series[style.key];
    const g = root.append('g').attr('class', `series series-${style.key}`).attr('data-points', points.length);
    if (points.length === 0) continue;
    const sd = (p: CurveSeriesPoint) => (Number.isFinite(p.sd) ? p.sd : 0);
    g.append('path')
      .attr('class', 'band')
      .attr(
        'd',
        area<CurveSeriesPoint>()
          .x((p) => px(p.size))
          .y0((p) => py(p.mean - sd(p)))
          .y1((p) => py(p.mean + sd(p)))(points),
      )
      .attr('fill', style.color)
      .attr('fill-opacity', BAND_OPACITY);
    g.append('path')
      .attr('class', 'line')
      .attr(
        'd',
        line<CurveSeriesPoint>()
          .x((p) => px(p.size))
          .y((p) => py(p.mean))(points),
      )
      .attr('fill', 'none')
      .attr('stroke', style.color)
      .attr('stroke-width', 3)
      .attr('stroke-linejoin', 'round');
    const seeds = g.append('g').attr('class', 'seeds').attr('fill', style.color).attr('fill-opacity', SEED_OPACITY);
    for (const p of points) {
      // A lone seed is the mean: hide its dot under the mean's marker.
      const offset = p.values.length > 1 ? style.seedOffset : 0;
      for (const v of p.values) {
        if (!Number.isFinite(v)) continue;
        seeds
          .append('circle')
          .attr('class', 'seed')
          .attr('cx', r2(x(p.size) + offset))
          .attr('cy', py(v))
          .attr('r', SEED_RADIUS);
      }
    }
    const marker = symbol(style.symbol, 110)();
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

  // 3·N0 on the noisy curve, beside clean at N0.
  const tripled = data.tripled;
  if (tripled && inX(3 * tripled.n0) && inX(tripled.n0) && Number.isFinite(tripled.noisyAt3N0)) {
    const g = root.append('g').attr('class', 'marker marker-tripled');
    const tx = px(3 * tripled.n0);
    const ty = py(tripled.noisyAt3N0);
    g.append('line')
      .attr('x1', tx)
      .attr('x2', tx)
      .attr('y1', ty + 10)
      .attr('y2', frame.bottom)
      .attr('stroke', NOISY_COLOR)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '2 4');
    g.append('circle')
      .attr('class', 'ring')
      .attr('cx', tx)
      .attr('cy', ty)
      .attr('r', 10)
      .attr('fill', 'none')
      .attr('stroke', NOISY_COLOR)
      .attr('stroke-width', 2.5);
    if (Number.isFinite(tripled.cleanAtN0)) {
      g.append('circle')
        .attr('class', 'ring')
        .attr('cx', px(tripled.n0))
        .attr('cy', py(tripled.cleanAtN0))
        .attr('r', 10)
        .attr('fill', 'none')
        .attr('stroke', CLEAN_COLOR)
        .attr('stroke-width', 2.5);
    }
    // Lift the label a row when it would run into the N0 label.
    const crowded = n0 !== null && tx - px(n0) < textWidth(`N0 = ${count(n0)}`, ANNOTATION_FONT_SIZE) + 20;
    bottomLabel(g, `3×N0 = ${count(3 * tripled.n0)}`, tx, frame.bottom - (crowded ? 36 : 12), frame.right);
  }

  // The exchange rate: a guide at the clean accuracy at N0, across to where the noisy curve reaches it.
  const exchange = data.exchange;
  const en0 = data.n0 ?? exchange?.n0 ?? null;
  if (exchange && en0 !== null && inX(en0) && Number.isFinite(exchange.target)) {
    const g = root.append('g').attr('class', `marker exchange exchange-${exchange.status}`);
    const gy = py(exchange.target);
    const guide = (from: number, to: number) =>
      g
        .append('line')
        .attr('class', 'guide')
        .attr('x1', from)
        .attr('x2', to)
        .attr('y1', gy)
        .attr('y2', gy)
        .attr('stroke', INK)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', '7 5');
    if (exchange.status === 'interpolated' && inX(exchange.equivalentN)) {
      const ex = px(exchange.equivalentN);
      guide(px(en0), ex);
      g.append('circle')
        .attr('class', 'exchange-point')
        .attr('cx', ex)
        .attr('cy', gy)
        .attr('r', 7)
        .attr('fill', 'white')
        .attr('stroke', INK)
        .attr('stroke-width', 3);
      sideLabel(g, `≈ ${factor(exchange.factor)}× data`, ex, gy + 28, frame.right);
    } else if (exchange.status === 'beyond_range') {
      // Out of the measured range: the guide runs off the right edge, and the label sits below the curves there.
      guide(px(en0), frame.right - 10);
      g.append('path')
        .attr('class', 'arrow')
        .attr('d', `M${frame.right - 12},${gy - 6}L${frame.right},${gy}L${frame.right - 12},${gy + 6}Z`)
        .attr('fill', INK);
      const text = `> ${factor(exchange.moreThan / en0)}× data`;
      halo(
        g
          .append('text')
          .attr('class', 'label')
          .attr('x', frame.right - 6)
          .attr('y', r2(Math.min(gy + 56, frame.bottom - 40)))
          .attr('text-anchor', 'end')
          .attr('font-size', ANNOTATION_FONT_SIZE)
          .attr('font-weight', 700)
          .text(text),
      );
    } else if (exchange.status === 'below_range') {
      const least = exchange.atMost;
      const lx = inX(least) ? px(least) : frame.left;
      guide(lx, px(en0));
      const text = `≤ ${factor(least / en0)}× data`;
      sideLabel(g, text, lx, gy - 14, frame.right);
    }
  }

  if (empty) {
    const message = root
      .append('text')
      .attr('class', 'empty-message')
      .attr('x', r2((frame.left + frame.right) / 2))
      .attr('y', r2((frame.top + frame.bottom) / 2))
      .attr('text-anchor', 'middle')
      .attr('font-size', 22)
      .attr('fill', MUTED_INK)
      .text('No results yet');
    halo(message);
  }

  return svg.node()!;
}

/** The data in words: what the axes are, where each curve runs, and the exchange-rate readout. */
export function describeCurve(data: CurvePlotData): string {
  const sizes = plannedSizes(data);
  const clean = measuredPoints(data.clean);
  const noisy = measuredPoints(data.noisy);
  const parts = [
    `Accuracy on the clean test set (percent) against training-set size N on a log scale, ` +
      `for clean labels and for ${data.noisyLabel}; ` +
      (sizes.length ? `planned sizes ${sizes.map(count).join(', ')}.` : 'no sizes planned.'),
  ];
  if (clean.length === 0 && noisy.length === 0) {
    parts.push('No results yet.');
    return parts.join(' ');
  }
  parts.push(describeSeries('Clean labels', clean, sizes.length));
  parts.push(describeSeries(capitalize(data.noisyLabel), noisy, sizes.length));
  const { exchange, n0 } = data;
  const en0 = n0 ?? exchange?.n0 ?? null;
  if (exchange && en0 !== null) {
    const at = `clean labels at N0 = ${count(en0)} (${percent(exchange.target)})`;
    if (exchange.status === 'interpolated') {
      parts.push(
        `Noisy labels need about ${count(exchange.equivalentN)} examples to match ${at}: ` +
          `cleaning the labels is worth about ${factor(exchange.factor)}× the data.`,
      );
    } else if (exchange.status === 'beyond_range') {
      const more = exchange.moreThan;
      parts.push(
        `Noisy labels never reach ${at} within the measured sizes` +
          ` (up to N = ${count(more)}): more than ${factor(more / en0)}× the data.`,
      );
    } else {
      parts.push(`Noisy labels already match ${at} at the smallest size, N = ${count(exchange.atMost)}.`);
    }
  } else if (n0 !== null) {
    parts.push(`The dashed line marks N0 = ${count(n0)}.`);
  }
  const { tripled } = data;
  if (tripled) {
    parts.push(
      `With 3×N0 = ${count(3 * tripled.n0)} noisy-label examples the accuracy is ${percent(tripled.noisyAt3N0)}, ` +
        `against ${percent(tripled.cleanAtN0)} with clean labels at N0 = ${count(tripled.n0)}.`,
    );
  }
  return parts.join(' ');
}

function describeSeries(name: string, points: readonly CurveSeriesPoint[], planned: number): string {
  if (points.length === 0) return `${name}: no results yet.`;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const counts = points.map((p) => p.count);
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  const seeds = lo === hi ? `${lo} seed${lo === 1 ? '' : 's'}` : `${lo} to ${hi} seeds`;
  const sofar = points.length < planned ? ` (measured so far at ${points.length} of ${planned} sizes)` : '';
  const range =
    points.length === 1
      ? `${percent(first.mean)} at N = ${count(first.size)}`
      : `${percent(first.mean)} at N = ${count(first.size)} to ${percent(last.mean)} at N = ${count(last.size)}`;
  return `${name}: ${range}, mean of ${seeds}${sofar}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The planned sizes and any measured ones, positive, increasing, without repeats. */
function plannedSizes(data: CurvePlotData): number[] {
  const all = [...data.sizes, ...data.clean.map((p) => p.size), ...data.noisy.map((p) => p.size)];
  return [...new Set(all.filter((n) => Number.isFinite(n) && n > 0))].sort((a, b) => a - b);
}

/** The x domain: the sizes, padded a little on the log scale so the end points clear the frame. */
function sizeDomain(sizes: readonly number[]): [number, number] {
  if (sizes.length === 0) return [10, 1000];
  return [sizes[0]! / 1.25, sizes[sizes.length - 1]! * 1.25];
}

/** The y domain: every mean ± sd, seed value and marker, padded, within [0, 1]; [0, 1] with no data. */
function accuracyDomain(
  data: CurvePlotData,
  clean: readonly CurveSeriesPoint[],
  noisy: readonly CurveSeriesPoint[],
): [number, number] {
  const values: number[] = [];
  for (const p of [...clean, ...noisy]) {
    const sd = Number.isFinite(p.sd) ? p.sd : 0;
    values.push(p.mean - sd, p.mean + sd, ...p.values);
  }
  if (data.exchange) values.push(data.exchange.target);
  if (data.tripled) values.push(data.tripled.cleanAtN0, data.tripled.noisyAt3N0);
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  const pad = 0.08 * Math.max(hi - lo, 0.04);
  lo = Math.max(0, lo - pad);
  hi = Math.min(1, hi + pad);
  return lo < hi ? [lo, hi] : [Math.max(0, hi - 0.05), Math.min(1, lo + 0.05)];
}

/** The fitted domain widened to cover `axis` when given. */
function sharedDomain(fitted: [number, number], axis: readonly [number, number] | undefined): [number, number] {
  return axis ? [Math.min(fitted[0], axis[0]), Math.max(fitted[1], axis[1])] : fitted;
}

/** A label `gap` px right of x (left when it would leave the frame at `right`). */
function annotation(
  g: GSelection,
  text: string,
  x: number,
  y: number,
  right: number,
  gap: number,
  bold: boolean,
): void {
  const fits = x + gap + textWidth(text, ANNOTATION_FONT_SIZE) <= right;
  const label = g
    .append('text')
    .attr('class', 'label')
    .attr('x', fits ? x + gap : x - gap)
    .attr('y', y)
    .attr('text-anchor', fits ? 'start' : 'end')
    .attr('font-size', ANNOTATION_FONT_SIZE);
  if (bold) label.attr('font-weight', 700);
  halo(label.text(text));
}

/** A label at the bottom of the plot beside a vertical marker. */
function bottomLabel(g: GSelection, text: string, x: number, y: number, right: number): void {
  annotation(g, text, x, y, right, 8, false);
}

/** A bold label right of a point. */
function sideLabel(g: GSelection, text: string, x: number, y: number, right: number): void {
  annotation(g, text, x, y, right, 12, true);
}
