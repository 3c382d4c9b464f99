/**
 * A legend laid out left to right, wrapping to a new row when the next item
 * would pass `maxWidth`. Text widths are estimated from the character count
 * (no measuring, so the layout is the same in every environment).
 */
import { r2, type GSelection } from './svgRoot.ts';
import { wrapText } from './wrapText.ts';

export const LEGEND_FONT_SIZE = 16;
export const LEGEND_ROW_HEIGHT = 26;
const SWATCH_WIDTH = 30;
const SWATCH_GAP = 8;
const ITEM_GAP = 24;

export interface LegendItem {
  readonly label: string;
  /** Extra class of the item's <g>, e.g. "legend-clean". */
  readonly className: string;
  /** Draws the swatch in a box 30 wide, centred on y = 0, starting at x = 0. */
  readonly swatch: (g: GSelection) => void;
}

/** Estimated width of `text` at `fontSize` in a sans-serif face. */
export function textWidth(text: string, fontSize: number): number {
  return 0.56 * fontSize * text.length;
}

/** Line spacing of a label wrapped onto more lines (each line still takes a row of the layout). */
const WRAPPED_LINE_HEIGHT = 20;

/**
 * Where each item goes: its x offset, row and label lines, wrapping before an
 * item that would pass `maxWidth`; a label too long for a row by itself (a
 * phone) wraps onto more lines, one row each; and how many rows that makes
 * (0 for no items).
 */
export function legendLayout(
  labels: readonly string[],
  maxWidth: number,
): {
  readonly items: readonly { readonly x: number; readonly row: number; readonly lines: readonly string[] }[];
  readonly rows: number;
} {
  let cx = 0;
  let row = 0;
  const room = Math.max(40, maxWidth - SWATCH_WIDTH - SWATCH_GAP);
  const items = labels.map((label) => {
    const lines = wrapText(label, LEGEND_FONT_SIZE, room);
    const width = SWATCH_WIDTH + SWATCH_GAP + Math.max(...lines.map((line) => textWidth(line, LEGEND_FONT_SIZE)));
    if (cx > 0 && (cx + width > maxWidth || lines.length > 1)) {
      row++;
      cx = 0;
    }
    const at = { x: cx, row, lines };
    cx += width + ITEM_GAP;
    if (lines.length > 1) {
      // A wrapped label keeps its rows to itself.
      row += lines.length - 1;
      cx = maxWidth;
    }
    return at;
  });
  return { items, rows: labels.length === 0 ? 0 : row + 1 };
}

/** Appends the legend at (x, y) — y is the centre of the first row — and returns the number of rows. */
export function legend(
  parent: GSelection,
  items: readonly LegendItem[],
  x: number,
  y: number,
  maxWidth: number,
): number {
  const g = parent.append('g').attr('class', 'legend').attr('font-size', LEGEND_FONT_SIZE);
  const layout = legendLayout(
    items.map((item) => item.label),
    maxWidth,
  );
  items.forEach((item, i) => {
    const { x: cx, row, lines } = layout.items[i]!;
    const ig = g
      .append('g')
      .attr('class', `legend-item ${item.className}`)
      .attr('transform', `translate(${r2(x + cx)},${r2(y + row * LEGEND_ROW_HEIGHT)})`);
    item.swatch(ig);
    const text = ig.append('text').attr('x', SWATCH_WIDTH + SWATCH_GAP);
    if (lines.length === 1) {
      text.attr('dy', '0.32em').text(item.label);
      return;
    }
    lines.forEach((line, k) => {
      text
        .append('tspan')
        .attr('x', SWATCH_WIDTH + SWATCH_GAP)
        .attr('dy', k === 0 ? '0.32em' : WRAPPED_LINE_HEIGHT)
        .text(line);
    });
  });
  return layout.rows;
}
