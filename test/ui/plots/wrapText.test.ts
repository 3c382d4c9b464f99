import { describe, expect, it } from 'vitest';
import { textWidth } from '../../../src/ui/plots/legend.ts';
import { wrapText } from '../../../src/ui/plots/wrapText.ts';

describe('wrapText(text, fontSize, maxWidth)', () => {
  it('keeps a short text on one line', () => {
    expect(wrapText('as it is', 16, 200)).toEqual(['as it is']);
  });

  it('breaks at spaces so that no line is wider than the width, and drops no word', () => {
    const label = 'review up to 50 suspect labels + label 50 new examples';
    const lines = wrapText(label, 16, 120);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(textWidth(line, 16)).toBeLessThanOrEqual(120);
    expect(lines.join(' ')).toBe(label);
  });

  it('breaks after a hyphen, and inside a word longer than a whole line', () => {
    expect(wrapText('model-centric best', 16, 110)).toEqual(['model-', 'centric best']);
    const lines = wrapText('supercalifragilistic', 10, 50);
    expect(lines.join('')).toBe('supercalifragilistic');
    for (const line of lines) expect(textWidth(line, 10)).toBeLessThanOrEqual(50);
  });

  it('gives one (empty) line for empty text', () => {
    expect(wrapText('', 16, 100)).toEqual(['']);
  });
});
