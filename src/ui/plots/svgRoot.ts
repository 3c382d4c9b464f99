/**
 * The root of every plot: an accessible, responsive <svg> created in an
 * injected document (never the global one), with a <title> and a <desc>.
 */
import { select, type Selection } from 'd3';
import { INK } from './palette.ts';
import { LINE_HEIGHT, multilineText, wrapText } from './wrapText.ts';

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export type SvgSelection = Selection<SVGSVGElement, unknown, null, undefined>;
export type GSelection = Selection<SVGGElement, unknown, null, undefined>;
export type TextSelection = Selection<SVGTextElement, unknown, null, undefined>;

export interface SvgRootOptions {
  readonly document: Document;
  /** viewBox size; the element itself is 100% wide and keeps the aspect ratio. */
  readonly width: number;
  readonly height: number;
  /** Short accessible name. */
  readonly title: string;
  /** The data in words, for screen readers. */
  readonly desc: string;
  readonly className: string;
}

export function svgRoot(options: SvgRootOptions): SvgSelection {
  const { document, width, height } = options;
  const node = document.createElementNS(SVG_NS, 'svg');
  const svg = select(node)
    .attr('xmlns', SVG_NS)
    .attr('class', options.className)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', '100%')
    .attr('style', 'height: auto; max-width: 100%;')
    .attr('role', 'img')
    .attr('font-family', FONT_FAMILY)
    .attr('font-size', 16)
    .attr('fill', INK);
  svg.append('title').text(options.title);
  svg.append('desc').text(options.desc);
  return svg;
}

/** Rounds a coordinate to 2 decimals, so the markup stays short and stable. */
export function r2(value: number): number {
  const rounded = Math.round(value * 100) / 100;
  return rounded === 0 ? 0 : rounded;
}

/** A white outline behind text, so labels stay readable where they cross lines. */
export function halo(text: TextSelection): TextSelection {
  return text
    .attr('stroke', 'white')
    .attr('stroke-width', 5)
    .attr('stroke-linejoin', 'round')
    .attr('paint-order', 'stroke');
}

export const PLOT_TITLE_FONT_SIZE = 20;
/** Vertical space a plot title takes from the top of its group. */
export const PLOT_TITLE_HEIGHT = 34;

/**
 * Draws a plot's bold title with its first baseline at `y` (default 30),
 * wrapped onto more lines when it is wider than `maxWidth`; returns the space it takes.
 */
export function plotTitle(parent: GSelection, title: string, x: number, y = 30, maxWidth = Infinity): number {
  const lines = wrapText(title, PLOT_TITLE_FONT_SIZE, maxWidth);
  multilineText(parent, lines, x, y, PLOT_TITLE_FONT_SIZE).attr('class', 'plot-title').attr('font-weight', 700);
  return PLOT_TITLE_HEIGHT + (lines.length - 1) * Math.round(PLOT_TITLE_FONT_SIZE * LINE_HEIGHT);
}

/** Narrowest viewBox a chart laid out for its container gets. */
export const MIN_FIT_WIDTH = 300;

/**
 * A chart's viewBox for a container `container` CSS px wide (0: unknown):
 * the default `size` when it fits, else as wide as the container (at least
 * MIN_FIT_WIDTH), so the chart is laid out anew and its text is drawn at its
 * own size instead of scaled down to a few pixels on a phone.
 */
export function fitSize(
  container: number,
  size: { readonly width: number; readonly height: number },
): { width: number; height: number } {
  if (!(container > 0) || container >= size.width) return { width: size.width, height: size.height };
  return { width: Math.max(MIN_FIT_WIDTH, Math.round(container)), height: size.height };
}
