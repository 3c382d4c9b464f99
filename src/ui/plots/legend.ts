/**
 * A legend laid out left to right, wrapping to a new row when the next item
 * would pass `maxWidth`. Text widths are estimated from the character count
 * (no measuring, so the layout is the same in every environment).
 */
import { r2, type GSelection } from './svgRoot.ts';

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

/**
 * Where each item goes: its x offset and row, wrapping before an item that
 * would pass `maxWidth`; and how many rows that makes (0 for no items).
 */
export function legendLayout(
  labels: readonly string[],
  maxWidth: number,
): { readonly items: readonly { readonly x: number; readonly row: number }[]; readonly rows: number } {
  let cx = 0;
  let row = 0;
  const items = labels.map((label) => {
    const width = SWATCH_WIDTH + SWATCH_GAP + textWidth(label, LEGEND_FONT_SIZE);
    if (cx > 0 && cx + width > maxWidth) {
      row++;
      cx = 0;
    }
    const at = { x: cx, row };
    cx += width + ITEM_GAP;
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
    const { x: cx, row } = layout.items[i]!;
    const ig = g
      .append('g')
      .attr('class', `legend-item ${item.className}`)
      .attr('transform', `translate(${r2(x + cx)},${r2(y + row * LEGEND_ROW_HEIGHT)})`);
    item.swatch(ig);
    ig.append('text')
      .attr('x', SWATCH_WIDTH + SWATCH_GAP)
      .attr('dy', '0.32em')
      .text(item.label);
  });
  return layout.rows;
}
