// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BUDGET_STYLES,
  budgetPlot,
  describeBudget,
  measuredBudgetPoints,
  type BudgetPlotData,
  type BudgetPlotPoint,
} from '../../../src/ui/plots/budgetPlot.ts';
import { normalizeSvg } from './normalizeSvg.ts';

const BUDGETS = [0, 50, 100, 150, 200, 250, 300];
/** Shaped like digits with 20% noise on 1,000 examples: 200 wrong labels. */
const ACCURACY = {
  confident: [0.88, 0.905, 0.925, 0.94, 0.948, 0.95, 0.952],
  random: [0.88, 0.884, 0.889, 0.894, 0.9, 0.905, 0.909],
  oracle: [0.88, 0.9, 0.92, 0.94, 0.956, 0.956, 0.956],
};
const CORRECTED = {
  confident: [0, 48, 92, 130, 158, 172, 181],
  random: [0, 10, 21, 30, 41, 50, 61],
  oracle: [0, 50, 100, 150, 200, 200, 200],
};
const ORDERS = ['confident', 'random', 'oracle'] as const;

function chart(measured: (order: (typeof ORDERS)[number], i: number) => boolean, clean: number | null): BudgetPlotData {
  return {
    budgets: BUDGETS,
    series: ORDERS.map((order) => ({
      order,
      points: BUDGETS.map((budget, i): BudgetPlotPoint => ({
        budget,
        accuracy: measured(order, i) ? ACCURACY[order][i]! : null,
        corrected: CORRECTED[order][i]!,
      })),
    })),
    clean,
    wrong: 200,
    size: 1000,
  };
}

const FULL = chart(() => true, 0.956);
/** Streaming: budget 0 (shared) and a few more points in, the clean fit not yet. */
const PARTIAL = chart(
  (order, i) => i === 0 || (order === 'confident' && i === 2) || (order === 'random' && i === 5),
  null,
);
const EMPTY = chart(() => false, null);

const render = (data: BudgetPlotData, title?: string) => budgetPlot(data, { document, title });
const texts = (svg: Element, selector: string) => [...svg.querySelectorAll(selector)].map((e) => e.textContent);
const tickValues = (svg: Element, axis: string) =>
  [...svg.querySelectorAll(`.${axis} .tick`)].map((t) => Number(t.getAttribute('data-value')));
const translation = (e: Element) =>
  (e.getAttribute('transform') ?? '')
    .match(/translate\(([-\d.]+),([-\d.]+)\)/)!
    .slice(1)
    .map(Number);

describe('budgetPlot(data, {document})', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('draws three series of markers and lines, the all-clean line and the wrong-label count', async () => {
    const svg = render(FULL, 'Digits: accuracy vs. labels reviewed');
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('./__snapshots__/budget-full.svg');
    expect(svg.querySelectorAll('.series')).toHaveLength(3);
    for (const order of ORDERS) {
      expect(svg.querySelectorAll(`.series-${order} path.point`)).toHaveLength(7);
      expect(svg.querySelectorAll(`.series-${order} path.line`)).toHaveLength(1);
    }
    expect(texts(svg, '.marker-clean .label')).toEqual(['All labels clean: 95.6%']);
    expect(texts(svg, '.marker-wrong .label')).toEqual(['200 wrong labels']);
    expect(texts(svg, '.legend-item text')).toEqual([
      'Confident-learning order',
      'Random order',
      'Oracle (skips the right labels)',
      'All labels clean',
    ]);
    expect(texts(svg, '.plot-title')).toEqual(['Digits: accuracy vs. labels reviewed']);
    expect(svg.querySelector('.empty-message')).toBeNull();
  });

  it('puts the clean line level with the accuracy it marks, and the oracle meets it once every wrong label is fixed', () => {
    const svg = render(FULL);
    const cleanY = Number(svg.querySelector('.clean-line')!.getAttribute('y1'));
    const oracleAt200 = svg.querySelector('.series-oracle path.point[data-budget="200"]')!;
    expect(translation(oracleAt200)[1]).toBeCloseTo(cleanY, 1);
    // Higher accuracy is higher up: the confident order's last point sits above the random order's.
    const y = (order: string) => translation(svg.querySelector(`.series-${order} path.point[data-budget="300"]`)!)[1]!;
    expect(y('confident')).toBeLessThan(y('random'));
    // The wrong-label marker stands at x = 200.
    const tick200 = svg.querySelector('.x-axis .tick[data-value="200"]')!;
    expect(Number(svg.querySelector('.marker-wrong line')!.getAttribute('x1'))).toBeCloseTo(
      translation(tick200)[0]!,
      1,
    );
  });

  it('tells the orders apart by colour, marker shape and dash, so they also read in greyscale', () => {
    const svg = render(FULL);
    const style = (order: string) => {
      const line = svg.querySelector(`.series-${order} path.line`)!;
      const point = svg.querySelector(`.series-${order} path.point`)!;
      return {
        color: line.getAttribute('stroke'),
        dash: line.getAttribute('stroke-dasharray'),
        marker: point.getAttribute('d'),
      };
    };
    const all = ORDERS.map(style);
    for (const key of ['color', 'dash', 'marker'] as const) expect(new Set(all.map((s) => s[key])).size).toBe(3);
    expect(all.map((s) => s.color)).toEqual(ORDERS.map((o) => BUDGET_STYLES[o].color));
    expect(all[0]!.dash).toBeNull(); // confident learning: solid
  });

  it('puts the x ticks at the budgets, evenly spaced on a linear scale, and the y axis in percent', () => {
    const svg = render(FULL);
    expect(tickValues(svg, 'x-axis')).toEqual(BUDGETS);
    expect(texts(svg, '.x-axis .axis-title')).toEqual(['Labels reviewed']);
    const xs = [...svg.querySelectorAll('.x-axis .tick')].map((t) => translation(t)[0]!);
    for (let i = 2; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeCloseTo(xs[1]! - xs[0]!, 1);
    expect(texts(svg, '.y-axis .tick text').every((t) => /^\d+(\.\d+)?%$/.test(t ?? ''))).toBe(true);
    const ys = tickValues(svg, 'y-axis');
    expect(Math.min(...ys)).toBeLessThanOrEqual(0.88);
    expect(Math.max(...ys)).toBeGreaterThanOrEqual(0.956);
  });

  it('streams: skips points not measured yet wherever they are, and leaves out the clean line until it is known', async () => {
    const svg = render(PARTIAL);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('./__snapshots__/budget-partial.svg');
    expect(svg.outerHTML).not.toMatch(/NaN|undefined|Infinity|null/);
    const budgets = (order: string) =>
      [...svg.querySelectorAll(`.series-${order} path.point`)].map((e) => Number(e.getAttribute('data-budget')));
    expect(budgets('confident')).toEqual([0, 100]);
    expect(budgets('random')).toEqual([0, 250]);
    expect(budgets('oracle')).toEqual([0]);
    expect(svg.querySelector('.series-oracle')?.getAttribute('data-points')).toBe('1');
    expect(svg.querySelector('.marker-clean')).toBeNull();
    expect(tickValues(svg, 'x-axis')).toEqual(BUDGETS);
    expect(measuredBudgetPoints(PARTIAL.series[0]!.points).map((p) => p.budget)).toEqual([0, 100]);
  });

  it('draws the axes and an empty-state message before any fit finishes', async () => {
    const svg = render(EMPTY);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('./__snapshots__/budget-empty.svg');
    expect(svg.outerHTML).not.toMatch(/NaN|undefined|Infinity/);
    expect(texts(svg, '.empty-message')).toEqual(['No results yet']);
    expect(tickValues(svg, 'y-axis')).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(svg.querySelectorAll('.series path')).toHaveLength(0);
    expect(svg.querySelector('desc')?.textContent).toContain('No results yet.');
  });

  it('says what the chart shows in its title and desc, with the numbers', () => {
    const svg = render(FULL);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.querySelector('title')?.textContent).toBe('Accuracy on the clean test set vs. labels reviewed');
    const desc = svg.querySelector('desc')?.textContent ?? '';
    expect(desc).toBe(describeBudget(FULL));
    expect(desc).toContain('from 0 to 300 of 1,000 training examples (200 of them wrong)');
    expect(desc).toContain(
      'Confident-learning order: 88.0% with 0 reviewed (0 wrong labels corrected) to 95.2% with 300 reviewed (181 wrong labels corrected).',
    );
    expect(desc).toContain('Random order: 88.0% with 0 reviewed');
    expect(desc).toContain('Oracle (skips the right labels): 88.0% with 0 reviewed');
    expect(desc).toContain('With every label clean: 95.6%.');
    const partial = describeBudget(PARTIAL);
    expect(partial).toContain('(measured so far at 2 of 7 budgets)');
    expect(partial).toContain('With every label clean: not measured yet.');
  });

  it('budgetPlot(means over training sets) draws a ± 1 sd band per order, names it in the legend and the desc, and spans it on y', () => {
    const sd = 0.01;
    const data: BudgetPlotData = {
      ...FULL,
      seeds: 5,
      series: FULL.series.map((s) => ({
        ...s,
        points: s.points.map((p) => ({ ...p, sd, values: [1, 2, 3, 4, 5].map(() => p.accuracy!) })),
      })),
    };
    const svg = render(data);
    for (const order of ORDERS) expect(svg.querySelectorAll(`.series-${order} path.band`)).toHaveLength(1);
    expect(svg.querySelector('.legend-band')?.textContent).toBe('± 1 sd over 5 training sets');
    expect(describeBudget(data)).toContain('Each point is the mean over 5 training sets drawn the same way.');
    const ys = tickValues(svg, 'y-axis');
    expect(Math.min(...ys)).toBeLessThanOrEqual(0.88 - sd);
    // One training set (or none yet) draws no band and no band legend.
    expect(render(FULL).querySelectorAll('path.band')).toHaveLength(0);
    expect(render(FULL).querySelector('.legend-band')).toBeNull();
  });

  it('renders a single budget and a data set with nothing wrong without NaN', () => {
    const one: BudgetPlotData = {
      budgets: [0],
      series: ORDERS.map((order) => ({ order, points: [{ budget: 0, accuracy: 0.9, corrected: 0 }] })),
      clean: 0.9,
      wrong: 0,
      size: 100,
    };
    const svg = render(one);
    expect(svg.outerHTML).not.toMatch(/NaN|undefined|Infinity/);
    expect(svg.querySelectorAll('path.point')).toHaveLength(3);
    expect(svg.querySelector('.marker-wrong')).toBeNull();
    expect(tickValues(svg, 'x-axis')).toEqual([0]);
  });

  it('is deterministic: two calls give the identical SVG string', () => {
    for (const data of [FULL, PARTIAL, EMPTY]) expect(render(data).outerHTML).toBe(render(data).outerHTML);
  });

  it('uses only the injected document, never the global document or window', () => {
    const other = document.implementation.createHTMLDocument('other');
    vi.stubGlobal('document', undefined);
    vi.stubGlobal('window', undefined);
    const svg = budgetPlot(FULL, { document: other });
    vi.unstubAllGlobals();
    expect(svg.ownerDocument).toBe(other);
    expect(svg.outerHTML).toBe(render(FULL).outerHTML);
  });

  it('is responsive and readable: a viewBox, 100% width, text of at least 14px', () => {
    const svg = budgetPlot(FULL, { document, width: 900, height: 500 });
    expect(svg.getAttribute('viewBox')).toBe('0 0 900 500');
    expect(svg.getAttribute('width')).toBe('100%');
    for (const text of svg.querySelectorAll('text')) {
      const size = Number(text.closest('[font-size]')?.getAttribute('font-size'));
      expect(size).toBeGreaterThanOrEqual(14);
    }
  });
});
