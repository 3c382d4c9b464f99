// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { codePlot, type CodeLinePlot } from '../../../src/ui/plots/codePlot.ts';

const points = (ys: number[]) => ys.map((y, i) => ({ x: 25 * 2 ** i, y }));

describe('codePlot: thin lines', () => {
  it('draws a thin series thinner, in the colour of the line it belongs to, with a thin legend swatch', () => {
    const plot: CodeLinePlot = {
      type: 'line',
      title: 'Train vs. test',
      xLabel: 'size',
      yLabel: 'accuracy',
      series: [
        { name: 'train', points: points([1, 1, 1]) },
        { name: 'test', points: points([0.7, 0.85, 0.92]) },
        { name: 'test, worst seed', points: points([0.65, 0.82, 0.91]), thin: { of: 'test' } },
        { name: 'test, best seed', points: points([0.78, 0.88, 0.93]), thin: { of: 'test' } },
      ],
    };
    const svg = codePlot(plot, { document });
    const line = (i: number) => svg.querySelector(`g.series-${i} path`)!;
    expect(line(0).getAttribute('stroke-width')).toBe('3');
    expect(line(1).getAttribute('stroke-width')).toBe('3');
    for (const i of [2, 3]) {
      expect(svg.querySelector(`g.series-${i}`)!.classList.contains('series-thin')).toBe(true);
      expect(line(i).getAttribute('stroke-width')).toBe('1.5');
      expect(line(i).getAttribute('stroke')).toBe(line(1).getAttribute('stroke'));
    }
    expect(line(0).getAttribute('stroke')).not.toBe(line(1).getAttribute('stroke'));
    const swatch = svg.querySelector('.legend-series-2 line')!;
    expect(swatch.getAttribute('stroke-width')).toBe('1.5');
  });
});
