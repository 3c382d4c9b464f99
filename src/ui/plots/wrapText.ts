/**
 * Breaking text into lines that fit a width, with the same character-count
 * width estimate the legends use (so the layout is the same everywhere), and
 * drawing such lines as one <text> of <tspan>s.
 */
import { textWidth } from './legend.ts';
import type { GSelection, TextSelection } from './svgRoot.ts';

/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.2;

/**
 * `text` in lines no wider than `maxWidth` at `fontSize`: broken at spaces
 * (and after hyphens and slashes); a word wider than a whole line is broken
 * inside, so that no line is ever wider than `maxWidth`. Never drops text.
 */
export function wrapText(text: string, fontSize: number, maxWidth: number): string[] {
  const perLine = Math.max(1, Math.floor(maxWidth / textWidth('x', fontSize)));
  const words = text
    .trim()
    .split(/\s+/)
    .flatMap((word) => word.split(/(?<=[-/])/))
    .filter((w) => w.length > 0);
  const lines: string[] = [];
  let current = '';
  const joiner = (prev: string) => (/[-/]$/.test(prev) ? '' : ' ');
  for (let word of words) {
    while (word.length > perLine) {
      if (current) {
        lines.push(current);
        current = '';
      }
      lines.push(word.slice(0, perLine));
      word = word.slice(perLine);
    }
    const next = current ? current + joiner(current) + word : word;
    if (next.length <= perLine) current = next;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

/**
 * Appends a <text> with one <tspan> per line at (x, y), y being the first
 * line's baseline (a single line is plain text); returns the selection (style it further as needed).
 */
export function multilineText(
  parent: GSelection,
  lines: readonly string[],
  x: number,
  y: number,
  fontSize: number,
): TextSelection {
  const text = parent.append('text').attr('x', x).attr('y', y).attr('font-size', fontSize);
  if (lines.length === 1) return text.text(lines[0]!);
  lines.forEach((line, i) => {
    text
      .append('tspan')
      .attr('x', x)
      .attr('dy', i === 0 ? 0 : `${LINE_HEIGHT}em`)
      .text(line);
  });
  return text;
}
