// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { barsFit, codePlot, codePlotWidth, isRate, type CodeLinePlot } from '../../../src/ui/plots/codePlot.ts';

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

const bars = (labels: string[], values: number[], yLabel = 'accuracy') => ({
  type: 'bar' as const,
  title: 'Recall by class',
  xLabel: 'class',
  yLabel,
  bars: labels.map((label, i) => ({ label, value: values[i]! })),
});

const FASHION = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];
const labelsOf = (svg: SVGSVGElement) =>
  [...svg.querySelectorAll('text.category-label')].map((t) =>
    t.children.length ? [...t.children].map((s) => s.textContent).join(' ') : t.textContent,
  );

describe('codePlot: bar charts label every bar', () => {
  it('ten classes lie down as horizontal bars, each with its full label (Sandal too), values in percent', () => {
    const values = FASHION.map((_, i) => 0.5 + i / 25);
    for (const width of [640, 350, 0]) {
      const svg = codePlot(bars(FASHION, values, 'recall on the test set'), { document, width });
      expect(svg.querySelectorAll('rect.bar')).toHaveLength(10);
      expect(labelsOf(svg)).toEqual(FASHION);
      const shown = [...svg.querySelectorAll('text.value-label')].map((t) => t.textContent);
      expect(shown[0]).toBe('50%');
      expect(shown[5]).toBe('70%');
      const ticks = [...svg.querySelectorAll('.x-axis .tick text')].map((t) => t.textContent);
      expect(ticks.at(-1)).toBe('100%');
    }
  });

  it('stands a few short-labelled bars upright; long labels that do not fit make them lie down, wrapped in full', () => {
    expect(barsFit(bars(['100', '400'], [0.8, 0.9]), 640)).toBe(true);
    const long = ['as it is', 'add 200 at random', 'add 200 rotated', 'clean rotated labels'];
    expect(barsFit(bars(long, [0.5, 0.53, 0.66, 0.5]), 640)).toBe(false);
    const label = 'review up to 50 suspect labels + label 50 new examples';
    const svg = codePlot(bars(['model-centric best', label], [2.6, -0.4], 'gain'), { document, width: 320 });
    expect(labelsOf(svg).map((l) => l!.replace(/-\s/g, '-').replace(/\s+/g, ' '))).toEqual([
      'model-centric best',
      label,
    ]);
    expect(svg.querySelectorAll('text.category-label')[1]!.children.length).toBeGreaterThan(1);
    // "gain" is not a rate: values stay numbers.
    expect([...svg.querySelectorAll('text.value-label')].map((t) => t.textContent)).toEqual(['2.6', '−0.4']);
  });

  it('lays out for the container width: the viewBox is that width (300–640), so text is never scaled down', () => {
    const spec = bars(
      FASHION,
      FASHION.map(() => 0.5),
    );
    expect(codePlot(spec, { document, width: 350 }).getAttribute('viewBox')).toMatch(/^0 0 350 \d+$/);
    expect(codePlot(spec, { document, width: 200 }).getAttribute('viewBox')).toMatch(/^0 0 300 \d+$/);
    expect(codePlot(spec, { document, width: 1200 }).getAttribute('viewBox')).toMatch(/^0 0 640 \d+$/);
    expect(codePlotWidth(undefined)).toBe(640);
  });

  it('wraps a long title instead of running it off the edge', () => {
    const spec = {
      ...bars(['a', 'b'], [1, 2]),
      title: 'Recall of the rare class against extra labelled images, by strategy',
    };
    const title = codePlot(spec, { document, width: 320 }).querySelector('.plot-title')!;
    expect(title.children.length).toBeGreaterThan(1);
    expect([...title.children].map((t) => t.textContent).join(' ')).toBe(spec.title);
  });
});

describe('isRate(label, values)', () => {
  it('reads accuracies, recalls and shares in [0, 1] as rates, and nothing else', () => {
    expect(isRate('accuracy on rotated', [0.5, 0.66])).toBe(true);
    expect(isRate('recall on the test set', [0.5, 1])).toBe(true);
    expect(isRate('gain', [0.5])).toBe(false);
    expect(isRate('accuracy', [0.5, 1.2])).toBe(false);
    expect(isRate('points of accuracy', [0.5])).toBe(false);
    expect(isRate('accuracy (%)', [0.5])).toBe(false);
  });

  it('line charts of accuracies get percent ticks', () => {
    const plot: CodeLinePlot = {
      type: 'line',
      title: 'Accuracy by size',
      xLabel: 'size',
      yLabel: 'test accuracy',
      series: [{ name: 'clean', points: points([0.6, 0.8, 0.9]) }],
    };
    const ticks = [...codePlot(plot, { document }).querySelectorAll('.y-axis .tick text')].map((t) => t.textContent);
    expect(ticks.every((t) => t!.endsWith('%'))).toBe(true);
  });
});
