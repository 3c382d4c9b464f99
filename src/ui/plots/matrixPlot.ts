/**
 * A K×K count matrix as a heatmap: the labeler-vs-labeler disagreement matrix
 * (engine/agreement/disagreementMatrix.ts), or any matrix of counts.
 *
 * Shapes: K classes; `counts` is `(K, K)` row-major, entry [i·K + j] counts
 * the items the row labeler put in class i and the column labeler in class j.
 * Rows: the row labeler (A), top to bottom in class order; columns: the
 * column labeler (B), left to right.
 *
 * Every cell prints its count. Off the diagonal (disagreements) the fill runs
 * from white to dark orange on a single-hue sequential scale scaled to the
 * largest disagreement, so small disagreements stay visible beside the much
 * larger diagonal; single-hue ramps vary in lightness only, so they read the
 * same with every common form of colour blindness and in greyscale. The
 * diagonal (agreements) is drawn apart: a pale blue fill, a thick dark-blue
 * outline and bold numbers. A count that is not a number is drawn as "—".
 */
import { interpolateOranges } from 'd3';
import { count as formatCount, percent } from '../format.ts';
import { AXIS_TITLE_FONT_SIZE, TICK_FONT_SIZE } from './axes.ts';
import { legend, legendLayout, textWidth, LEGEND_FONT_SIZE, LEGEND_ROW_HEIGHT } from './legend.ts';
import { CLEAN_COLOR, GRID_INK, INK, MUTED_INK, tint } from './palette.ts';
import { r2, svgRoot, type GSelection, plotTitle, PLOT_TITLE_FONT_SIZE, PLOT_TITLE_HEIGHT } from './svgRoot.ts';
import { LINE_HEIGHT, wrapText } from './wrapText.ts';

export interface MatrixPlotData {
  /** `(K, K)` counts, row-major: rows = the row labeler's class, columns = the column labeler's. */
  readonly counts: ArrayLike<number>;
  /** K class names, indexed by class. */
  readonly classNames: readonly string[];
  /** Who the rows are, e.g. "Labeler A". */
  readonly rowLabel: string;
  /** Who the columns are, e.g. "Labeler B". */
  readonly columnLabel: string;
}

export interface MatrixPlotOptions {
  readonly document: Document;
  /**
   * The container's width in CSS px (0 or absent: unknown). A plot that fits
   * a narrower container (a phone) is laid out for it instead of at least 480
   * wide and scaled down; one that cannot fit keeps a minimum width at which
   * its text is at least 11 px, and its container scrolls sideways.
   */
  readonly width?: number;
  /** Accessible name, also drawn as a heading when given. */
  readonly title?: string;
  /** Side of one cell in SVG units; default 58 (widened to fit the largest count). */
  readonly cellSize?: number;
  /**
   * The disagreement count that gets the darkest fill; default this matrix's
   * largest. Pass the same value to two matrices (before and after a change)
   * so their colours compare; larger counts are clamped to the darkest fill.
   */
  readonly scaleMax?: number;
  /** How a value is printed; default a whole count ("—" for a value that is not a number). */
  readonly format?: (value: number) => string;
  /** Legend labels of the diagonal and the off-diagonal cells; default agreements and disagreements. */
  readonly legendLabels?: { readonly diagonal: string; readonly offDiagonal: string };
  /** Axis titles; default "<rowLabel>'s label" and "<columnLabel>'s label". */
  readonly axisTitles?: { readonly row: string; readonly column: string };
  /** The SVG's description for screen readers; default describeMatrix's. */
  readonly desc?: string;
  /** The tooltip of cell (i, j); default "<rowLabel>: <class i>; <columnLabel>: <class j>; N items". */
  readonly cellTitle?: (row: number, column: number, value: number) => string;
}

export const DEFAULT_MATRIX_TITLE = 'Labeler vs. labeler: how many items each pair of classes got';
export const MATRIX_CELL_SIZE = 58;
export const COUNT_FONT_SIZE = 16;
/** Fill of the diagonal cells (agreements) and their outline. */
export const DIAGONAL_FILL = tint(CLEAN_COLOR, 0.16);
export const DIAGONAL_STROKE = CLEAN_COLOR;
/** Fill of a cell whose count is not a number. */
export const MISSING_FILL = '#eeeeee';
/** The sequential scale of the disagreements runs over this part of the ramp (0 = white). */
const RAMP = [0.1, 0.95] as const;
/** Above this point of the ramp the count is printed in white. */
const DARK_FROM = 0.55;
const LABEL_GAP = 10;
const ROTATE_DEGREES = 40;
const MARGIN = { top: 16, right: 24, bottom: 16, left: 16 };
const LEGEND_DIAGONAL = 'Agree (diagonal)';
const LEGEND_DISAGREEMENT = 'Disagree: darker = more items';
/** Narrowest and default-least viewBox width. */
const MIN_WIDTH = 300;
const DEFAULT_MIN_WIDTH = 480;
/** The smallest on-screen size of the plot's smallest text (16 units): the SVG's CSS min-width keeps it so. */
const MIN_TEXT_PX = 11.5;

/** Where `value` (0 < value ≤ max) falls on the disagreement ramp; 0 for none. */
export function rampPosition(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return RAMP[0] + (RAMP[1] - RAMP[0]) * Math.min(1, value / max);
}

/** The fill of an off-diagonal cell: white for 0, darker orange for more disagreements. */
export function disagreementFill(value: number, max: number): string {
  const t = rampPosition(value, max);
  return t === 0 ? '#ffffff' : interpolateOranges(t);
}

/** K from the class names, checked against the number of counts. */
function classCount(data: MatrixPlotData): number {
  const k = data.classNames.length;
  if (data.counts.length !== k * k) {
    throw new RangeError(
      `matrixPlot: ${k} class names need ${k}×${k} = ${k * k} counts (row-major), got ${data.counts.length}`,
    );
  }
  return k;
}

interface MatrixTotals {
  readonly total: number;
  readonly agreements: number;
  readonly maxOff: number;
  /** The largest disagreement, first in row-major order on ties; null when there is none. */
  readonly worst: { readonly row: number; readonly col: number; readonly count: number } | null;
}

function totals(counts: ArrayLike<number>, k: number): MatrixTotals {
  let total = 0;
  let agreements = 0;
  let maxOff = 0;
  let worst: MatrixTotals['worst'] = null;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const value = counts[i * k + j]!;
      if (!Number.isFinite(value)) continue;
      total += value;
      if (i === j) agreements += value;
      else if (value > maxOff) {
        maxOff = value;
        worst = { row: i, col: j, count: value };
      }
    }
  }
  return { total, agreements, maxOff, worst };
}

/** The matrix in words, for screen readers (the SVG's desc). */
export function describeMatrix(data: MatrixPlotData): string {
  const k = classCount(data);
  const { rowLabel: a, columnLabel: b, classNames } = data;
  if (k === 0) return 'No classes to show.';
  const { total, agreements, worst } = totals(data.counts, k);
  const parts = [`Rows: ${a}'s label; columns: ${b}'s label; ${k} classes.`];
  if (total === 0) return `${parts[0]} No items yet.`;
  parts.push(
    `${formatCount(total)} items; ${a} and ${b} agree on ${formatCount(agreements)} (${percent(agreements / total)}), the diagonal.`,
  );
  if (worst) {
    parts.push(
      `The most frequent disagreement: ${a} said ${classNames[worst.row]}, ${b} said ${classNames[worst.col]}, ` +
        `${formatCount(worst.count)} ${worst.count === 1 ? 'item' : 'items'}.`,
    );
  } else {
    parts.push('They never disagree.');
  }
  return parts.join(' ');
}

const countText = (value: number) => (Number.isFinite(value) ? formatCount(value) : '—');

export function matrixPlot(data: MatrixPlotData, options: MatrixPlotOptions): SVGSVGElement {
  const k = classCount(data);
  const { counts, classNames, rowLabel, columnLabel } = data;
  const largest = totals(counts, k).maxOff;
  const formatValue = (value: number): string =>
    options.format ? (Number.isFinite(value) ? options.format(value) : '—') : countText(value);
  const legendDiagonal = options.legendLabels?.diagonal ?? LEGEND_DIAGONAL;
  const legendOff = options.legendLabels?.offDiagonal ?? LEGEND_DISAGREEMENT;
  const maxOff = options.scaleMax !== undefined && options.scaleMax > 0 ? options.scaleMax : largest;

  // Cell size: wide enough for the longest printed count.
  let widest = 0;
  for (let i = 0; i < counts.length; i++)
    widest = Math.max(widest, textWidth(formatValue(counts[i]!), COUNT_FONT_SIZE));
  const cell = Math.max(options.cellSize ?? MATRIX_CELL_SIZE, Math.ceil(widest + 14));

  // Row names to the left; column names below, rotated when one is wider than a cell.
  const nameWidth = Math.max(0, ...classNames.map((name) => textWidth(name, TICK_FONT_SIZE)));
  const rotate = nameWidth > cell - 6;
  const radians = (ROTATE_DEGREES * Math.PI) / 180;
  const columnNamesHeight = rotate
    ? Math.ceil(nameWidth * Math.sin(radians) + TICK_FONT_SIZE * Math.cos(radians)) + LABEL_GAP
    : TICK_FONT_SIZE + LABEL_GAP + 4;

  const left = MARGIN.left + AXIS_TITLE_FONT_SIZE + 14 + Math.ceil(nameWidth) + LABEL_GAP;
  const gridSize = k * cell;
  const container = options.width !== undefined && options.width > 0 ? options.width : 0;
  const least =
    container > 0 && container < DEFAULT_MIN_WIDTH ? Math.max(MIN_WIDTH, Math.floor(container)) : DEFAULT_MIN_WIDTH;
  const width = Math.max(left + gridSize + MARGIN.right, least);

  // Heading and legend above the grid; the legend may wrap onto a second row in a narrow plot.
  const legendWidth = width - MARGIN.left - MARGIN.right;
  const legendRows = legendLayout([legendDiagonal, legendOff], legendWidth).rows;
  const titleWidth = width - MARGIN.left - MARGIN.right;
  const titleHeight =
    options.title !== undefined
      ? PLOT_TITLE_HEIGHT +
        (wrapText(options.title, PLOT_TITLE_FONT_SIZE, titleWidth).length - 1) *
          Math.round(PLOT_TITLE_FONT_SIZE * LINE_HEIGHT)
      : 0;
  const legendY = MARGIN.top + titleHeight + 12;
  const top = legendY + legendRows * LEGEND_ROW_HEIGHT;
  const bottom = top + gridSize;
  const height = bottom + columnNamesHeight + AXIS_TITLE_FONT_SIZE + 16 + MARGIN.bottom;

  const svg = svgRoot({
    document: options.document,
    width,
    height,
    title: options.title ?? DEFAULT_MATRIX_TITLE,
    desc: options.desc ?? describeMatrix(data),
    className: 'plot matrix-plot',
  });
  // Scaled down to fit a narrow container, no text may fall below MIN_TEXT_PX: past that the plot keeps its
  // width and its container scrolls (min-width wins over max-width).
  const smallestFont = Math.min(COUNT_FONT_SIZE, TICK_FONT_SIZE, LEGEND_FONT_SIZE);
  svg.attr('style', `height: auto; max-width: 100%; min-width: ${Math.ceil((width * MIN_TEXT_PX) / smallestFont)}px;`);
  const root = svg.append('g');

  if (options.title !== undefined) plotTitle(root, options.title, MARGIN.left, MARGIN.top + 14, titleWidth);

  legend(
    root,
    [
      {
        label: legendDiagonal,
        className: 'legend-diagonal',
        swatch: (g: GSelection) => {
          g.append('rect')
            .attr('x', 3)
            .attr('y', -9)
            .attr('width', 24)
            .attr('height', 18)
            .attr('fill', DIAGONAL_FILL)
            .attr('stroke', DIAGONAL_STROKE)
            .attr('stroke-width', 2.5);
        },
      },
      {
        label: legendOff,
        className: 'legend-disagreement',
        swatch: (g: GSelection) => {
          [0.3, 0.6, 0.95].forEach((t, i) => {
            g.append('rect')
              .attr('x', i * 10)
              .attr('y', -9)
              .attr('width', 10)
              .attr('height', 18)
              .attr('fill', interpolateOranges(t));
          });
        },
      },
    ],
    MARGIN.left,
    legendY,
    legendWidth,
  );

  if (k === 0) {
    root
      .append('text')
      .attr('class', 'empty-message')
      .attr('x', r2(width / 2))
      .attr('y', r2(top + 40))
      .attr('text-anchor', 'middle')
      .attr('fill', MUTED_INK)
      .text('No classes to show');
    return svg.node()!;
  }

  // The cells.
  const grid = root.append('g').attr('class', 'cells').attr('font-size', COUNT_FONT_SIZE);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const value = counts[i * k + j]!;
      const diagonal = i === j;
      const finite = Number.isFinite(value);
      const t = diagonal || !finite ? 0 : rampPosition(value, maxOff);
      const g = grid
        .append('g')
        .attr('class', `cell ${diagonal ? 'diagonal' : 'off-diagonal'}${finite ? '' : ' missing'}`)
        .attr('data-row', i)
        .attr('data-col', j)
        .attr('data-count', finite ? value : 'NA')
        .attr('transform', `translate(${left + j * cell},${top + i * cell})`);
      g.append('title').text(
        options.cellTitle
          ? options.cellTitle(i, j, value)
          : `${rowLabel}: ${classNames[i]}; ${columnLabel}: ${classNames[j]}; ${countText(value)} ${value === 1 ? 'item' : 'items'}`,
      );
      g.append('rect')
        .attr('width', cell)
        .attr('height', cell)
        .attr('fill', !finite ? MISSING_FILL : diagonal ? DIAGONAL_FILL : disagreementFill(value, maxOff))
        .attr('stroke', GRID_INK)
        .attr('stroke-width', 1);
      g.append('text')
        .attr('class', 'count')
        .attr('x', r2(cell / 2))
        .attr('y', r2(cell / 2))
        .attr('dy', '0.35em')
        .attr('text-anchor', 'middle')
        .attr('font-weight', diagonal ? 700 : 400)
        .attr('fill', t > DARK_FROM ? '#ffffff' : value === 0 && !diagonal ? MUTED_INK : INK)
        .text(formatValue(value));
    }
  }
  // The diagonal's outlines go on top of the grid lines, inset so neighbours do not cover them.
  const outlines = root
    .append('g')
    .attr('class', 'diagonal-outlines')
    .attr('fill', 'none')
    .attr('stroke', DIAGONAL_STROKE)
    .attr('stroke-width', 2.5);
  for (let i = 0; i < k; i++) {
    outlines
      .append('rect')
      .attr('x', r2(left + i * cell + 1.25))
      .attr('y', r2(top + i * cell + 1.25))
      .attr('width', r2(cell - 2.5))
      .attr('height', r2(cell - 2.5));
  }
  root
    .append('rect')
    .attr('class', 'frame')
    .attr('x', left)
    .attr('y', top)
    .attr('width', gridSize)
    .attr('height', gridSize)
    .attr('fill', 'none')
    .attr('stroke', INK)
    .attr('stroke-width', 1.5);

  // Class names: rows on the left, columns below.
  const rows = root.append('g').attr('class', 'row-names').attr('font-size', TICK_FONT_SIZE);
  classNames.forEach((name, i) => {
    rows
      .append('text')
      .attr('data-class', i)
      .attr('x', left - LABEL_GAP)
      .attr('y', r2(top + (i + 0.5) * cell))
      .attr('dy', '0.32em')
      .attr('text-anchor', 'end')
      .text(name);
  });
  const columns = root.append('g').attr('class', 'column-names').attr('font-size', TICK_FONT_SIZE);
  classNames.forEach((name, j) => {
    const x = r2(left + (j + 0.5) * cell);
    const text = columns.append('text').attr('data-class', j).text(name);
    if (rotate) {
      text
        .attr('transform', `translate(${x},${bottom + LABEL_GAP}) rotate(-${ROTATE_DEGREES})`)
        .attr('text-anchor', 'end')
        .attr('dy', '0.71em');
    } else {
      text
        .attr('x', x)
        .attr('y', bottom + LABEL_GAP)
        .attr('dy', '0.71em')
        .attr('text-anchor', 'middle');
    }
  });
  if (rotate) columns.attr('class', 'column-names rotated');

  // Axis titles.
  root
    .append('text')
    .attr('class', 'axis-title row-title')
    .attr('transform', `translate(${MARGIN.left + AXIS_TITLE_FONT_SIZE / 2 + 2},${r2(top + gridSize / 2)}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('dy', '0.32em')
    .attr('font-size', AXIS_TITLE_FONT_SIZE)
    .attr('fill', MUTED_INK)
    .text(options.axisTitles?.row ?? `${rowLabel}'s label`);
  root
    .append('text')
    .attr('class', 'axis-title column-title')
    .attr('x', r2(left + gridSize / 2))
    .attr('y', bottom + columnNamesHeight + AXIS_TITLE_FONT_SIZE + 4)
    .attr('text-anchor', 'middle')
    .attr('font-size', AXIS_TITLE_FONT_SIZE)
    .attr('fill', MUTED_INK)
    .text(options.axisTitles?.column ?? `${columnLabel}'s label`);

  return svg.node()!;
}
