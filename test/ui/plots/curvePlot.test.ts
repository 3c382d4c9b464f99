// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CURVE_PLOT_SIZE,
  curvePlot,
  describeCurve,
  measuredPoints,
  type CurvePlotData,
} from '../../../src/ui/plots/curvePlot.ts';
import { fitSize } from '../../../src/ui/plots/svgRoot.ts';
import { planSweep, summarizeSweep, type SweepSpec, type TrialOutcome } from '../../../src/engine/sweep.ts';
import { normalizeSvg } from './normalizeSvg.ts';

const SIZES = [50, 100, 200, 300, 500, 750, 1000, 1250];
/** scikit-learn LR on digits, mean over 5 seeds (reference/digits-curve-sklearn.json), rounded. */
const MEAN = {
  clean: [0.8656, 0.9104, 0.9393, 0.9452, 0.9559, 0.9648, 0.9674, 0.9707],
  noisy: [0.8037, 0.8622, 0.9059, 0.9159, 0.9363, 0.9426, 0.95, 0.9511],
};

function spec(n0: number): SweepSpec {
  return {
    dataset: 'digits',
    model: 'logreg',
    sizes: SIZES,
    noise: { kind: 'uniform', rate: 0.1 },
    seeds: 5,
    firstSeed: 0,
    n0,
  };
}

/** Seed s lands (s − 2)·0.006 from the mean, so each size has a spread of about 0.85 points. */
function outcomes(sweep: SweepSpec): TrialOutcome[] {
  return planSweep(sweep).map((trial) => ({
    spec: trial,
    accuracy: MEAN[trial.arm][SIZES.indexOf(trial.size)]! + (trial.seed - 2) * 0.006,
    accuracyNoisyTest: null,
    trainAccuracyGiven: 1,
    trainAccuracyTrue: 1,
    iterations: 10,
    converged: true,
    milliseconds: 5,
    backend: 'cpu',
  }));
}

/** The plot's data straight from the engine's summary, as the curve cell passes it. */
function curveData(n0: number, done?: number): CurvePlotData {
  const sweep = spec(n0);
  const summary = summarizeSweep(sweep, outcomes(sweep).slice(0, done));
  return {
    clean: summary.clean,
    noisy: summary.noisy,
    noisyLabel: '10% noisy labels',
    n0: sweep.n0,
    exchange: summary.exchange,
    tripled: summary.tripled,
    sizes: sweep.sizes,
  };
}

const FULL = curveData(200);
const PARTIAL = curveData(200, 5);
const EMPTY = curveData(200, 0);
const BEYOND = curveData(500);

const render = (data: CurvePlotData, title?: string) => curvePlot(data, { document, title });
const texts = (svg: Element, selector: string) => [...svg.querySelectorAll(selector)].map((e) => e.textContent);
const tickValues = (svg: Element, axis: string) =>
  [...svg.querySelectorAll(`.${axis} .tick`)].map((t) => Number(t.getAttribute('data-value')));
const translation = (e: Element) =>
  (e.getAttribute('transform') ?? '')
    .match(/translate\(([-\d.]+),([-\d.]+)\)/)!
    .slice(1)
    .map(Number);

describe('the fixtures', () => {
  it('come from the engine: an interpolated exchange at N0 = 200, beyond the range at N0 = 500', () => {
    expect(FULL.exchange).toMatchObject({ status: 'interpolated' });
    expect(FULL.exchange?.status === 'interpolated' && FULL.exchange.factor).toBeCloseTo(3.03, 2);
    expect(FULL.tripled).not.toBeNull();
    expect(BEYOND.exchange).toMatchObject({ status: 'beyond_range', moreThan: 1250 });
    expect(PARTIAL.clean.filter((p) => p.count > 0)).toHaveLength(3);
    expect(PARTIAL.noisy.filter((p) => p.count > 0)).toHaveLength(2);
    expect(EMPTY.clean.every((p) => p.count === 0 && Number.isNaN(p.mean))).toBe(true);
  });
});

describe('curvePlot(data, {document})', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('draws the full curve with the interpolated exchange rate', async () => {
    const svg = render(FULL, 'Digits: accuracy on the clean test set');
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('./__snapshots__/curve-full.svg');
    expect(svg.querySelectorAll('.series-clean path.mean')).toHaveLength(8);
    expect(svg.querySelectorAll('.series-noisy path.mean')).toHaveLength(8);
    expect(svg.querySelectorAll('circle.seed')).toHaveLength(2 * 8 * 5);
    expect(svg.querySelectorAll('.series path.line')).toHaveLength(2);
    expect(svg.querySelectorAll('.series path.band')).toHaveLength(2);
    expect(texts(svg, '.marker-n0 .label')).toEqual(['N0 = 200']);
    expect(texts(svg, '.marker-tripled .label')).toEqual(['3×N0 = 600']);
    expect(texts(svg, '.exchange-interpolated .label')).toEqual(['≈ 3.0× data']);
    expect(texts(svg, '.plot-title')).toEqual(['Digits: accuracy on the clean test set']);
    expect(svg.querySelector('.empty-message')).toBeNull();
  });

  it('puts the x ticks at the planned sizes, labelled as counts where the labels do not collide', () => {
    const svg = render(FULL);
    expect(tickValues(svg, 'x-axis')).toEqual(SIZES);
    // 1,000 and 1,250 are too close on the log scale for both labels: the last one wins.
    expect(texts(svg, '.x-axis .tick text')).toEqual(['50', '100', '200', '300', '500', '750', '1,250']);
    const wide = curvePlot(FULL, { document, width: 1400 });
    expect(texts(wide, '.x-axis .tick text')).toEqual(['50', '100', '200', '300', '500', '750', '1,000', '1,250']);
    expect(texts(svg, '.x-axis .axis-title')).toEqual(['Training-set size N (log scale)']);
  });

  it('labels the y axis in percent and spans every mean ± sd', () => {
    const svg = render(FULL);
    const ys = tickValues(svg, 'y-axis');
    expect(ys.length).toBeGreaterThanOrEqual(4);
    expect(texts(svg, '.y-axis .tick text').every((t) => /^\d+(\.\d+)?%$/.test(t ?? ''))).toBe(true);
    // The axis runs from below the lowest seed to above the highest one, and stays within 0…100%.
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(1);
    expect(Math.max(...ys)).toBeGreaterThan(0.97);
  });

  it('curvePlot(data, { yAxis }) spans at least the axis given, so charts share one; it widens for a value outside', () => {
    const shared = curvePlot(FULL, { document, yAxis: [0.6, 1] });
    const ys = tickValues(shared, 'y-axis');
    expect(Math.min(...ys)).toBeLessThanOrEqual(0.6);
    expect(Math.max(...ys)).toBe(1);
    const narrow = tickValues(curvePlot(FULL, { document, yAxis: [0.9, 0.95] }), 'y-axis');
    expect(narrow).toEqual(tickValues(render(FULL), 'y-axis'));
  });

  it('puts the log-scale x positions in order and the exchange point between the sizes it was interpolated from', () => {
    const svg = render(FULL);
    const xs = [...svg.querySelectorAll('.x-axis .tick')].map((t) => translation(t)[0]!);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // Equal ratios are equal distances on a log scale: 50→100 as wide as 500→1000.
    expect(xs[1]! - xs[0]!).toBeCloseTo(xs[6]! - xs[4]!, 1);
    const point = svg.querySelector('.exchange .exchange-point')!;
    const cx = Number(point.getAttribute('cx'));
    expect(cx).toBeGreaterThan(xs[4]!); // 500
    expect(cx).toBeLessThan(xs[5]!); // 750
    // The guide is level with the clean mean at N0 = 200 and starts at N0.
    const cleanAt200 = svg.querySelector('.series-clean path.mean[data-size="200"]')!;
    const [x200, y200] = translation(cleanAt200);
    const guide = svg.querySelector('.exchange .guide')!;
    expect(Number(guide.getAttribute('y1'))).toBeCloseTo(y200!, 1);
    expect(Number(guide.getAttribute('x1'))).toBeCloseTo(x200!, 1);
    expect(Number(point.getAttribute('cy'))).toBeCloseTo(y200!, 1);
  });

  it('says what the curve shows in its title and desc, with the numbers', () => {
    const svg = render(FULL);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.firstElementChild?.tagName).toBe('title');
    expect(svg.querySelector('title')?.textContent).toBe('Accuracy on the clean test set vs. training-set size');
    const desc = svg.querySelector('desc')?.textContent ?? '';
    expect(desc).toBe(describeCurve(FULL));
    expect(desc).toContain('planned sizes 50, 100, 200, 300, 500, 750, 1,000, 1,250');
    expect(desc).toContain('Clean labels: 86.6% at N = 50 to 97.1% at N = 1,250, mean of 5 seeds.');
    expect(desc).toContain('10% noisy labels: 80.4% at N = 50 to 95.1% at N = 1,250, mean of 5 seeds.');
    expect(desc).toContain('Noisy labels need about 606 examples to match clean labels at N0 = 200 (93.9%)');
    expect(desc).toContain('about 3.0× the data');
    expect(desc).toMatch(
      /With 3×N0 = 600 noisy-label examples the accuracy is 93\.\d%, against 93\.9% with clean labels/,
    );
  });

  it('draws a partial, streaming curve: only measured points, no exchange yet', async () => {
    const svg = render(PARTIAL);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('./__snapshots__/curve-partial.svg');
    expect(svg.outerHTML).not.toMatch(/NaN|undefined|Infinity/);
    expect(svg.querySelectorAll('.series-clean path.mean')).toHaveLength(3);
    expect(svg.querySelectorAll('.series-noisy path.mean')).toHaveLength(2);
    expect(svg.querySelectorAll('circle.seed')).toHaveLength(5);
    expect(svg.querySelector('.series-noisy')?.getAttribute('data-points')).toBe('2');
    expect(svg.querySelector('.exchange')).toBeNull();
    expect(svg.querySelector('.marker-tripled')).toBeNull();
    expect(texts(svg, '.marker-n0 .label')).toEqual(['N0 = 200']);
    expect(tickValues(svg, 'x-axis')).toEqual(SIZES);
    const desc = svg.querySelector('desc')?.textContent ?? '';
    expect(desc).toContain(
      'Clean labels: 85.4% at N = 50 to 92.7% at N = 200, mean of 1 seed (measured so far at 3 of 8 sizes).',
    );
    expect(desc).toContain('The dashed line marks N0 = 200.');
  });

  it('skips points with count 0 wherever they are in a series', () => {
    const data: CurvePlotData = {
      ...FULL,
      clean: FULL.clean.map((p, i) => (i % 2 ? { ...p, count: 0, mean: NaN, sd: NaN, values: [] } : p)),
      exchange: null,
      tripled: null,
    };
    const svg = render(data);
    expect(svg.outerHTML).not.toMatch(/NaN/);
    expect(
      [...svg.querySelectorAll('.series-clean path.mean')].map((e) => Number(e.getAttribute('data-size'))),
    ).toEqual([50, 200, 500, 1000]);
    expect(measuredPoints(data.clean).map((p) => p.size)).toEqual([50, 200, 500, 1000]);
  });

  it('ignores NaN seed values and a NaN sd in a measured point', () => {
    const point = { size: 100, mean: 0.9, sd: NaN, count: 2, values: [0.89, NaN, 0.91] };
    const svg = render({ ...EMPTY, clean: [point], noisy: [], exchange: null, tripled: null });
    expect(svg.outerHTML).not.toMatch(/NaN/);
    expect(svg.querySelectorAll('circle.seed')).toHaveLength(2);
    expect(svg.querySelectorAll('.series-clean path.mean')).toHaveLength(1);
  });

  it('draws the axes and an empty-state message when nothing is measured yet', async () => {
    const svg = render(EMPTY);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('./__snapshots__/curve-empty.svg');
    expect(svg.outerHTML).not.toMatch(/NaN|undefined|Infinity/);
    expect(texts(svg, '.empty-message')).toEqual(['No results yet']);
    expect(tickValues(svg, 'x-axis')).toEqual(SIZES);
    expect(tickValues(svg, 'y-axis')).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(svg.querySelectorAll('.series path, circle.seed')).toHaveLength(0);
    expect(svg.querySelector('desc')?.textContent).toContain('No results yet.');
  });

  it('marks an exchange beyond the measured range with a guide to the edge and "> k× data"', async () => {
    const svg = render(BEYOND);
    await expect(normalizeSvg(svg.outerHTML)).toMatchFileSnapshot('./__snapshots__/curve-beyond.svg');
    expect(texts(svg, '.exchange-beyond_range .label')).toEqual(['> 2.5× data']);
    expect(svg.querySelector('.exchange-point')).toBeNull();
    expect(svg.querySelector('.marker-tripled')).toBeNull(); // 3·N0 = 1,500 is past the largest size
    expect(texts(svg, '.marker-n0 .label')).toEqual(['N0 = 500']);
    expect(svg.querySelector('desc')?.textContent).toContain(
      'Noisy labels never reach clean labels at N0 = 500 (95.6%) within the measured sizes (up to N = 1,250): more than 2.5× the data.',
    );
  });

  it('marks an exchange below the measured range with "≤ k× data"', () => {
    const data: CurvePlotData = {
      ...FULL,
      n0: 100,
      exchange: { status: 'below_range', n0: 100, target: 0.8, atMost: 50 },
      tripled: null,
    };
    const svg = render(data);
    expect(texts(svg, '.exchange-below_range .label')).toEqual(['≤ 0.5× data']);
    expect(svg.querySelector('desc')?.textContent).toContain(
      'already match clean labels at N0 = 100 (80.0%) at the smallest size, N = 50.',
    );
  });

  it('renders without sizes, with a single size, and with N0 outside the sizes', () => {
    const none = render({ ...EMPTY, sizes: [], clean: [], noisy: [], n0: null });
    expect(none.outerHTML).not.toMatch(/NaN|undefined|Infinity/);
    expect(none.querySelectorAll('.x-axis .tick')).toHaveLength(0);
    const one = render({ ...EMPTY, sizes: [100], clean: [FULL.clean[1]!], noisy: [], n0: 5000 });
    expect(one.outerHTML).not.toMatch(/NaN|undefined|Infinity/);
    expect(tickValues(one, 'x-axis')).toEqual([100]);
    expect(one.querySelector('.marker-n0')).toBeNull();
    expect(one.querySelector('desc')?.textContent).toContain('Clean labels: 91.0% at N = 100, mean of 5 seeds.');
  });

  it('is deterministic: two calls give the identical SVG string', () => {
    for (const data of [FULL, PARTIAL, EMPTY, BEYOND]) expect(render(data).outerHTML).toBe(render(data).outerHTML);
  });

  it('uses only the injected document, never the global document or window', () => {
    const other = document.implementation.createHTMLDocument('other');
    vi.stubGlobal('document', undefined);
    vi.stubGlobal('window', undefined);
    const svg = curvePlot(FULL, { document: other });
    vi.unstubAllGlobals();
    expect(svg.ownerDocument).toBe(other);
    expect(svg.outerHTML).toBe(render(FULL).outerHTML);
  });

  it('is responsive and readable: a viewBox, 100% width, text of at least 14px', () => {
    const svg = curvePlot(FULL, { document, width: 900, height: 500 });
    expect(svg.getAttribute('viewBox')).toBe('0 0 900 500');
    expect(svg.getAttribute('width')).toBe('100%');
    expect(svg.hasAttribute('height')).toBe(false);
    for (const text of svg.querySelectorAll('text')) {
      const size = Number(text.closest('[font-size]')?.getAttribute('font-size'));
      expect(size).toBeGreaterThanOrEqual(14);
    }
  });
});

describe('curvePlot laid out for a phone (fitSize)', () => {
  it('takes the container width when narrower than 760 (never under 300), else keeps its own size', () => {
    expect(fitSize(0, CURVE_PLOT_SIZE)).toEqual({ width: 760, height: 480 });
    expect(fitSize(1000, CURVE_PLOT_SIZE)).toEqual({ width: 760, height: 480 });
    expect(fitSize(340, CURVE_PLOT_SIZE)).toEqual({ width: 340, height: 480 });
    expect(fitSize(200, CURVE_PLOT_SIZE)).toEqual({ width: 300, height: 480 });
  });

  it('wraps a long title within a narrow chart and starts it at the edge', () => {
    const title = 'Handwritten digits (8×8): accuracy on the clean test set';
    const svg = curvePlot(
      {
        clean: [],
        noisy: [],
        noisyLabel: '20% noisy labels',
        n0: null,
        exchange: null,
        tripled: null,
        sizes: [50, 800],
      },
      { document, title, ...fitSize(340, CURVE_PLOT_SIZE) },
    );
    // As wide as the container; taller than 480 when the wrapped heading and legend would squeeze the plot area.
    const [, , w, h] = svg.getAttribute('viewBox')!.split(' ').map(Number);
    expect(w).toBe(340);
    expect(h).toBeGreaterThanOrEqual(480);
    const heading = svg.querySelector('.plot-title')!;
    expect(heading.getAttribute('x')).toBe('12');
    expect(heading.children.length).toBeGreaterThan(1);
    expect([...heading.children].map((t) => t.textContent).join(' ')).toBe(title);
  });
});
