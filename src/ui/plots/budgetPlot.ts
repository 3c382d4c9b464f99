/**
 * The cleaning budget: accuracy on the clean test set against the number of
 * labels reviewed, for three review orders — confident learning's, random,
 * and an oracle that reviews only the truly wrong labels (in confident
 * learning's order, skipping the right ones).
 *
 * x: labels reviewed (the budget), linear, ticks at the planned budgets.
 * y: accuracy in percent.
 * Each order: a line through its measured points (the mean over the training
 * sets measured) and a marker per point, over a band of mean ± 1 sd where
 * two or more sets are in; the orders differ in colour (Okabe–Ito), marker
 * shape and dash, so they also read in greyscale. Points whose accuracy is
 * null (not measured yet, while fits stream in) are skipped. A dashed
 * horizontal line marks the accuracy with every label clean; a dotted
 * vertical one the number of wrong labels.
 *
 * The input types are structural: the review cell's `BudgetChart` can be
 * passed straight in.
 */
import { area, line, scaleLinear, symbol, symbolCircle, symbolSquare, symbolTriangle, type SymbolType } from 'd3';
import { count, percent } from '../format.ts';
import { axisBottom, axisLeft } from './axes.ts';
import { legend, textWidth, LEGEND_ROW_HEIGHT } from './legend.ts';
import { INK, MUTED_INK, OKABE_ITO } from './palette.ts';
import { halo, r2, svgRoot, type GSelection, plotTitle } from './svgRoot.ts';

/** The review orders, in drawing order (the last is drawn on top). */
export type BudgetOrder = 'confident' | 'random' | 'oracle';

export interface BudgetPlotPoint {
  readonly budget: number;
  /** Accuracy on the clean test set (the mean over training sets); null until measured (the point is skipped). */
  readonly accuracy: number | null;
  /** Standard deviation over the training sets; with `values` of two or more, drawn as a band. */
  readonly sd?: number;
  /** The accuracy of each training set measured. */
  readonly values?: readonly number[];
  /** Wrong labels corrected within this budget (a mean over training sets). */
  readonly corrected: number;
}

export interface BudgetPlotData {
  /** The planned budgets (x ticks and domain), known before any fit finishes. */
  readonly budgets: readonly number[];
  readonly series: readonly { readonly order: BudgetOrder; readonly points: readonly BudgetPlotPoint[] }[];
  /** Accuracy with every label clean; null until measured. */
  readonly clean: number | null;
  /** Truly wrong labels in the training set. */
  readonly wrong: number;
  /** Training examples. */
  readonly size: number;
  /** Training sets the means are over, once complete (default 1). */
  readonly seeds?: number;
}

export interface BudgetPlotOptions {
  readonly document: Document;
  /** viewBox width; default 760. */
  readonly width?: number;
  /** viewBox height; default 480. */
  readonly height?: number;
  /** Accessible name, also drawn as a heading when given. */
  readonly title?: string;
}

export const BUDGET_PLOT_SIZE = { width: 760, height: 480 } as const;
export const DEFAULT_BUDGET_TITLE = 'Accuracy on the clean test set vs. labels reviewed';

interface OrderStyle {
  readonly label: string;
  readonly color: string;
  readonly symbol: SymbolType;
  /** stroke-dasharray of the line; null for solid. */
  readonly dash: string | null;
  /** The same dash, shortened to fit the 30-unit legend swatch. */
  readonly legendDash: string | null;
}

/** Colour, marker and dash of each order: distinct in colour and in greyscale. */
export const BUDGET_STYLES: Readonly<Record<BudgetOrder, OrderStyle>> = {
  confident: {
    label: 'Confident-learning order',
    color: OKABE_ITO.blue,
    symbol: symbolCircle,
    dash: null,
    legendDash: null,
  },
  random: { label: 'Random order', color: OKABE_ITO.vermillion, symbol: symbolSquare, dash: '12 6', legendDash: '8 4' },
  oracle: {
    label: 'Oracle (skips the right labels)',
    color: OKABE_ITO.bluishGreen,
    symbol: symbolTriangle,
    dash: '3 5',
    legendDash: '3 3',
  },
};
const DRAW_ORDER: readonly BudgetOrder[] = ['oracle', 'random', 'confident'];
const LEGEND_ORDER: readonly BudgetOrder[] = ['confident', 'random', 'oracle'];
const CLEAN_DASH = '7 5';
const BAND_OPACITY = 0.14;

const MARGIN = { right: 28, bottom: 80, left: 86 };
/** Below this viewBox width the chart is laid out for a phone. */
const NARROW = 560;
/** The least height of a narrow chart's plot area. */
const NARROW_MIN_PLOT_HEIGHT = 250;
const ANNOTATION_FONT_SIZE = 17;

/** The measured points of a series: a finite accuracy, in budget order. */
export function measuredBudgetPoints(points: readonly BudgetPlotPoint[]): BudgetPlotPoint[] {
  return points
    .filter((p) => p.accuracy !== null && Number.isFinite(p.accuracy) && Number.isFinite(p.budget))
    .slice()
    .sort((a, b) => a.budget - b.budget);
}

export function budgetPlot(data: BudgetPlotData, options: BudgetPlotOptions): SVGSVGElement {
  const width = options.width ?? BUDGET_PLOT_SIZE.width;
  let height = options.height ?? BUDGET_PLOT_SIZE.height;
  const measured = new Map(data.series.map((s) => [s.order, measuredBudgetPoints(s.points)] as const));
  const clean = data.clean !== null && Number.isFinite(data.clean) ? data.clean : null;
  const empty = clean === null && [...measured.values()].every((points) => points.length === 0);
  const seeds = data.seeds ?? 1;

  const svg = svgRoot({
    document: options.document,
    width,
    height,
    title: options.title ?? DEFAULT_BUDGET_TITLE,
    desc: describeBudget(data),
    className: 'plot budget-plot',
  });
  const root = svg.append('g');

  let y0 = 0;
  // Narrow (a phone): the heading and legend start at the edge, not above the plot, to keep their room.
  const inset = width < NARROW ? 12 : MARGIN.left;
  if (options.title !== undefined) y0 = plotTitle(root, options.title, inset, 30, width - inset - MARGIN.right);
  const rows = legend(
    root,
    [
      ...LEGEND_ORDER.map((order) => {
        const style = BUDGET_STYLES[order];
        return {
          label: style.label,
          className: `legend-${order}`,
          swatch: (g: GSelection) => {
            const stroke = g.append('line').attr('x2', 30).attr('stroke', style.color).attr('stroke-width', 3);
            if (style.legendDash) stroke.attr('stroke-dasharray', style.legendDash);
            g.append('path')
              .attr('d', symbol(style.symbol, 90)())
              .attr('transform', 'translate(15,0)')
              .attr('fill', style.color)
              .attr('stroke', 'white')
              .attr('stroke-width', 1.5);
          },
        };
      }),
      {
        label: 'All labels clean',
        className: 'legend-clean',
        swatch: (g: GSelection) => {
          g.append('line').attr('x2', 30).attr('stroke', INK).attr('stroke-width', 2).attr('stroke-dasharray', '5 4');
        },
      },
      ...(seeds > 1
        ? [
            {
              label: `± 1 sd over ${count(seeds)} training sets`,
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
          ]
        : []),
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

  const budgets = plannedBudgets(data);
  const x = scaleLinear().domain(budgetDomain(budgets)).range([frame.left, frame.right]);
  const y = scaleLinear()
    .domain(accuracyDomain([...measured.values()].flat(), clean))
    .range([frame.bottom, frame.top])
    .nice(6);
  const px = (b: number) => r2(x(b));
  const py = (a: number) => r2(y(a));

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
    ticks: budgets,
    format: count,
    title: 'Labels reviewed',
    scale: x,
    frame: frameBox,
    grid: true,
  });

  // The number of wrong labels: past it, even the oracle has nothing left to fix.
  const [b0, b1] = x.domain() as [number, number];
  if (data.wrong > 0 && data.wrong >= b0 && data.wrong <= b1) {
    const g = root.append('g').attr('class', 'marker marker-wrong');
    const wx = px(data.wrong);
    g.append('line')
      .attr('x1', wx)
      .attr('x2', wx)
      .attr('y1', frame.top)
      .attr('y2', frame.bottom)
      .attr('stroke', MUTED_INK)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '2 4');
    const text = `${count(data.wrong)} wrong labels`;
    const fits = wx + 8 + textWidth(text, ANNOTATION_FONT_SIZE) <= frame.right;
    halo(
      g
        .append('text')
        .attr('class', 'label')
        .attr('x', fits ? wx + 8 : wx - 8)
        .attr('y', frame.bottom - 12)
        .attr('text-anchor', fits ? 'start' : 'end')
        .attr('font-size', ANNOTATION_FONT_SIZE)
        .attr('fill', MUTED_INK)
        .text(text),
    );
  }

  // All labels clean: the ceiling a perfect review reaches. Its label sits at the left, where every
  // order still starts from the noisy labels, clear of the points.
  if (clean !== null) {
    const g = root.append('g').attr('class', 'marker marker-clean');
    const cy = py(clean);
    g.append('line')
      .attr('class', 'clean-line')
      .attr('x1', frame.left)
      .attr('x2', frame.right)
      .attr('y1', cy)
      .attr('y2', cy)
      .attr('stroke', INK)
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', CLEAN_DASH);
    halo(
      g
        .append('text')
        .attr('class', 'label')
        .attr('x', frame.left + 10)
        .attr('y', r2(Math.max(frame.top + ANNOTATION_FONT_SIZE, cy - 10)))
        .attr('text-anchor', 'start')
        .attr('font-size', ANNOTATION_FONT_SIZE)
        .attr('font-weight', 700)
        .text(`All labels clean: ${percent(clean)}`),
    );
  }

  for (const order of DRAW_ORDER) {
    const style = BUDGET_STYLES[order];
    const points = measured.get(order) ?? [];
    const g = root
      .append('g')
      .attr('class', `series series-${order}`)
      .attr('data-points', points.length)
      .attr('data-order', order);
    if (points.length === 0) continue;
    const spread = points.filter((p) => (p.values?.length ?? 0) >= 2 && Number.isFinite(p.sd));
    if (spread.length >= 2) {
      g.append('path')
        .attr('class', 'band')
        .attr(
          'd',
          area<BudgetPlotPoint>()
            .x((p) => px(p.budget))
            .y0((p) => py(p.accuracy! - p.sd!))
            .y1((p) => py(p.accuracy! + p.sd!))(spread),
        )
        .attr('fill', style.color)
        .attr('fill-opacity', BAND_OPACITY);
    }
    const path = g
      .append('path')
      .attr('class', 'line')
      .attr(
        'd',
        line<BudgetPlotPoint>()
          .x((p) => px(p.budget))
          .y((p) => py(p.accuracy!))(points),
      )
      .attr('fill', 'none')
      .attr('stroke', style.color)
      .attr('stroke-width', 3)
      .attr('stroke-linejoin', 'round');
    if (style.dash) path.attr('stroke-dasharray', style.dash);
    const marker = symbol(style.symbol, 120)();
    for (const p of points) {
      g.append('path')
        .attr('class', 'point')
        .attr('data-budget', p.budget)
        .attr('data-accuracy', p.accuracy)
        .attr('d', marker)
        .attr('transform', `translate(${px(p.budget)},${py(p.accuracy!)})`)
        .attr('fill', style.color)
        .attr('stroke', 'white')
        .attr('stroke-width', 1.5);
    }
  }

  if (empty) {
    halo(
      root
        .append('text')
        .attr('class', 'empty-message')
        .attr('x', r2((frame.left + frame.right) / 2))
        .attr('y', r2((frame.top + frame.bottom) / 2))
        .attr('text-anchor', 'middle')
        .attr('font-size', 22)
        .attr('fill', MUTED_INK)
        .text('No results yet'),
    );
  }

  return svg.node()!;
}

/** The data in words: the axes, where each order's curve runs, and the all-clean ceiling. */
export function describeBudget(data: BudgetPlotData): string {
  const budgets = plannedBudgets(data);
  const top = budgets.length ? budgets[budgets.length - 1]! : 0;
  const seeds = data.seeds ?? 1;
  const parts = [
    `Accuracy on the clean test set (percent) against the number of labels reviewed, from 0 to ${count(top)} ` +
      `of ${count(data.size)} training examples (${count(data.wrong)} of them wrong), for three review orders; ` +
      `a reviewed label gets its true label.` +
      (seeds > 1 ? ` Each point is the mean over ${count(seeds)} training sets drawn the same way.` : ''),
  ];
  const clean = data.clean !== null && Number.isFinite(data.clean) ? data.clean : null;
  const anyMeasured = data.series.some((s) => measuredBudgetPoints(s.points).length > 0);
  if (!anyMeasured && clean === null) {
    parts.push('No results yet.');
    return parts.join(' ');
  }
  for (const order of LEGEND_ORDER) {
    const series = data.series.find((s) => s.order === order);
    if (!series) continue;
    const points = measuredBudgetPoints(series.points);
    const name = BUDGET_STYLES[order].label;
    if (points.length === 0) {
      parts.push(`${name}: no results yet.`);
      continue;
    }
    const first = points[0]!;
    const last = points[points.length - 1]!;
    const at = (p: BudgetPlotPoint) =>
      `${percent(p.accuracy!)} with ${count(p.budget)} reviewed (${count(p.corrected)} wrong labels corrected)`;
    const range = points.length === 1 ? at(first) : `${at(first)} to ${at(last)}`;
    const sofar =
      points.length < series.points.length
        ? ` (measured so far at ${points.length} of ${series.points.length} budgets)`
        : '';
    parts.push(`${name}: ${range}${sofar}.`);
  }
  parts.push(
    clean === null ? 'With every label clean: not measured yet.' : `With every label clean: ${percent(clean)}.`,
  );
  return parts.join(' ');
}

/** The planned budgets and any measured ones, finite, non-negative, increasing, without repeats. */
function plannedBudgets(data: BudgetPlotData): number[] {
  const all = [...data.budgets, ...data.series.flatMap((s) => s.points.map((p) => p.budget))];
  return [...new Set(all.filter((b) => Number.isFinite(b) && b >= 0))].sort((a, b) => a - b);
}

/** The x domain: 0 to the largest budget, padded a little so the end points clear the frame. */
function budgetDomain(budgets: readonly number[]): [number, number] {
  const lo = budgets.length ? budgets[0]! : 0;
  const hi = budgets.length ? budgets[budgets.length - 1]! : 0;
  if (hi <= lo) return [lo - 1, lo + 1];
  const pad = 0.03 * (hi - lo);
  return [lo - pad, hi + pad];
}

/** The y domain: every measured accuracy ± sd and the clean line, padded, within [0, 1]; [0, 1] with no data. */
function accuracyDomain(points: readonly BudgetPlotPoint[], clean: number | null): [number, number] {
  const values = points
    .flatMap((p) => {
      const sd = (p.values?.length ?? 0) >= 2 && Number.isFinite(p.sd) ? p.sd! : 0;
      return [p.accuracy! - sd, p.accuracy! + sd];
    })
    .filter(Number.isFinite);
  if (clean !== null) values.push(clean);
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = 0.08 * Math.max(hi - lo, 0.04);
  lo = Math.max(0, lo - pad);
  hi = Math.min(1, hi + pad);
  return lo < hi ? [lo, hi] : [Math.max(0, hi - 0.05), Math.min(1, lo + 0.05)];
}
