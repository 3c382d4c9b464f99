// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  DIAGONAL_FILL,
  MISSING_FILL,
  describeMatrix,
  disagreementFill,
  matrixPlot,
  rampPosition,
  type MatrixPlotData,
} from '../../../src/ui/plots/matrixPlot.ts';
import { disagreementMatrix } from '../../../src/engine/agreement/index.ts';
import { normalizeSvg } from './normalizeSvg.ts';

const THREE = ['cat', 'dog', 'fox'];

/** Labeler A and B on 10 items: they agree on 7; A's "cat" is B's "dog" twice, A's "fox" is B's "cat" once. */
function small(): MatrixPlotData {
  const a = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
  const b = Int32Array.from([0, 0, 1, 1, 1, 1, 1, 2, 2, 0]);
  return { counts: disagreementMatrix(a, b, 3), classNames: THREE, rowLabel: 'Labeler A', columnLabel: 'Labeler B' };
}

/** Ten Fashion-MNIST classes with long names (rotated column names) and a four-digit diagonal count. */
function fashion(): MatrixPlotData {
  const names = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Boot'];
  const k = names.length;
  const counts = Array.from({ length: k * k }, (_, i) => {
    const [r, c] = [Math.floor(i / k), i % k];
    if (r === c) return r === 1 ? 1234 : 130;
    return (r * 7 + c * 3) % 5 === 0 ? 30 + r : (r + c) % 3;
  });
  return { counts, classNames: names, rowLabel: 'Labeler A', columnLabel: 'Labeler B' };
}

const render = (data: MatrixPlotData, options: { title?: string; scaleMax?: number; cellSize?: number } = {}) =>
  matrixPlot(data, { document, ...options });
const cellAt = (svg: Element, row: number, col: number) =>
  svg.querySelector(`g.cell[data-row="${row}"][data-col="${col}"]`)!;
const fillAt = (svg: Element, row: number, col: number) =>
  cellAt(svg, row, col).querySelector('rect')!.getAttribute('fill');

describe('rampPosition(value, max) and disagreementFill(value, max)', () => {
  it('maps 0 to white and larger counts to darker oranges, clamped at max', () => {
    expect(rampPosition(0, 10)).toBe(0);
    expect(rampPosition(5, 0)).toBe(0);
    expect(rampPosition(NaN, 10)).toBe(0);
    expect(rampPosition(10, 10)).toBeCloseTo(0.95, 12);
    expect(rampPosition(20, 10)).toBeCloseTo(0.95, 12);
    expect(rampPosition(1, 10)).toBeGreaterThan(0.1);
    expect(rampPosition(1, 10)).toBeLessThan(rampPosition(5, 10));
    expect(disagreementFill(0, 10)).toBe('#ffffff');
    expect(disagreementFill(3, 10)).not.toBe(disagreementFill(9, 10));
  });
});

describe('describeMatrix(data)', () => {
  it('says who the rows and columns are, how many agree, and the most frequent disagreement', () => {
    expect(describeMatrix(small())).toBe(
      "Rows: Labeler A's label; columns: Labeler B's label; 3 classes. 10 items; Labeler A and Labeler B agree on 7 " +
        '(70.0%), the diagonal. The most frequent disagreement: Labeler A said cat, Labeler B said dog, 2 items.',
    );
  });

  it('says when there are no items, when they never disagree, and when there are no classes', () => {
    const base = small();
    expect(describeMatrix({ ...base, counts: new Array(9).fill(0) })).toMatch(/3 classes\. No items yet\.$/);
    expect(describeMatrix({ ...base, counts: [4, 0, 0, 0, 1, 0, 0, 0, 2] })).toMatch(
      /agree on 7 \(100\.0%\).*They never disagree\.$/,
    );
    expect(describeMatrix({ ...base, counts: [], classNames: [] })).toBe('No classes to show.');
  });

  it('throws a RangeError when the counts do not make a K×K matrix', () => {
    expect(() => describeMatrix({ ...small(), counts: [1, 2, 3] })).toThrow(/3 class names need 3×3 = 9 counts/);
  });
});

describe('matrixPlot(data, options)', () => {
  it('draws one cell per class pair, rows = labeler A, columns = labeler B, each with its count', () => {
    const svg = render(small());
    expect(svg.querySelectorAll('g.cell')).toHaveLength(9);
    expect(cellAt(svg, 0, 1).getAttribute('data-count')).toBe('2'); // A said cat, B said dog
    expect(cellAt(svg, 1, 0).getAttribute('data-count')).toBe('0');
    expect(cellAt(svg, 2, 0).querySelector('text')!.textContent).toBe('1');
    expect(cellAt(svg, 0, 1).querySelector('title')!.textContent).toBe('Labeler A: cat; Labeler B: dog; 2 items');
    expect(cellAt(svg, 2, 0).querySelector('title')!.textContent).toBe('Labeler A: fox; Labeler B: cat; 1 item');
    expect([...svg.querySelectorAll('.row-names text')].map((t) => t.textContent)).toEqual(THREE);
    expect([...svg.querySelectorAll('.column-names text')].map((t) => t.textContent)).toEqual(THREE);
    expect(svg.querySelector('.row-title')!.textContent).toBe("Labeler A's label");
    expect(svg.querySelector('.column-title')!.textContent).toBe("Labeler B's label");
  });

  it('draws the diagonal apart (pale fill, outlined, bold) and disagreements darker for more items', () => {
    const svg = render(small());
    for (let i = 0; i < 3; i++) {
      expect(fillAt(svg, i, i)).toBe(DIAGONAL_FILL);
      expect(cellAt(svg, i, i).querySelector('text')!.getAttribute('font-weight')).toBe('700');
    }
    expect(svg.querySelectorAll('.diagonal-outlines rect')).toHaveLength(3);
    expect(fillAt(svg, 1, 0)).toBe('#ffffff');
    expect(fillAt(svg, 0, 1)).toBe(disagreementFill(2, 2));
    expect(fillAt(svg, 2, 0)).toBe(disagreementFill(1, 2));
    expect(fillAt(svg, 0, 1)).not.toBe(fillAt(svg, 2, 0));
  });

  it('scaleMax puts two matrices on one colour scale: fewer disagreements are paler', () => {
    const own = render(small());
    const shared = render(small(), { scaleMax: 20 });
    expect(fillAt(own, 0, 1)).toBe(disagreementFill(2, 2));
    expect(fillAt(shared, 0, 1)).toBe(disagreementFill(2, 20));
    expect(fillAt(shared, 0, 1)).not.toBe(fillAt(own, 0, 1));
    // Counts above scaleMax get the darkest fill; a scaleMax of 0 falls back to the matrix's own.
    expect(fillAt(render(small(), { scaleMax: 1 }), 0, 1)).toBe(disagreementFill(1, 1));
    expect(fillAt(render(small(), { scaleMax: 0 }), 0, 1)).toBe(fillAt(own, 0, 1));
  });

  it('draws a count that is not a number as "—" on a grey cell', () => {
    const data = { ...small(), counts: [4, NaN, 0, 0, 3, 0, 1, 0, 2] };
    const svg = render(data);
    const missing = cellAt(svg, 0, 1);
    expect(missing.getAttribute('class')).toMatch(/missing/);
    expect(missing.getAttribute('data-count')).toBe('NA');
    expect(missing.querySelector('text')!.textContent).toBe('—');
    expect(fillAt(svg, 0, 1)).toBe(MISSING_FILL);
  });

  it('has an accessible name and description, and draws the title when given', () => {
    const svg = render(small(), { title: 'Original instructions' });
    expect(svg.querySelector('title')!.textContent).toBe('Original instructions');
    expect(svg.querySelector('desc')!.textContent).toBe(describeMatrix(small()));
    expect(svg.querySelector('.plot-title')!.textContent).toBe('Original instructions');
    expect(render(small()).querySelector('.plot-title')).toBeNull();
  });

  it('rotates long column names and widens cells for large counts', () => {
    const svg = render(fashion());
    expect(svg.querySelector('.column-names')!.getAttribute('class')).toMatch(/rotated/);
    const short = render(small());
    expect(short.querySelector('.column-names')!.getAttribute('class')).not.toMatch(/rotated/);
    const width = (s: SVGSVGElement) => Number(cellAt(s, 0, 0).querySelector('rect')!.getAttribute('width'));
    expect(width(render(small(), { cellSize: 40 }))).toBe(40);
    expect(width(render(fashion(), { cellSize: 20 }))).toBeGreaterThan(20);
  });

  it('starts the grid below the legend, also when a narrow plot wraps the legend onto two rows', () => {
    const y = (e: Element) => Number((e.getAttribute('transform') ?? '').match(/translate\([-\d.]+,([-\d.]+)\)/)![1]);
    for (const data of [small(), fashion()]) {
      const svg = render(data, { title: 'T' });
      const lowest = Math.max(...[...svg.querySelectorAll('.legend-item')].map(y));
      expect(y(cellAt(svg, 0, 0))).toBeGreaterThanOrEqual(lowest + 16);
    }
    const narrow = render(small());
    expect(new Set([...narrow.querySelectorAll('.legend-item')].map(y)).size).toBe(2);
  });

  it('draws a message for no classes', () => {
    const svg = render({ ...small(), counts: [], classNames: [] });
    expect(svg.querySelector('.empty-message')!.textContent).toBe('No classes to show');
    expect(svg.querySelectorAll('g.cell')).toHaveLength(0);
  });

  it('throws a RangeError for counts that do not fit the class names', () => {
    expect(() => render({ ...small(), counts: [1, 2] })).toThrow(RangeError);
  });

  it('matches its snapshots: three classes titled, ten Fashion-MNIST classes', async () => {
    await expect(normalizeSvg(render(small(), { title: 'Original instructions' }).outerHTML)).toMatchFileSnapshot(
      './__snapshots__/matrix-small.svg',
    );
    await expect(normalizeSvg(render(fashion()).outerHTML)).toMatchFileSnapshot('./__snapshots__/matrix-fashion.svg');
  });
});

describe('matrixPlot(data, { width }) in a narrow container (a phone: issue 14)', () => {
  const viewBoxWidth = (svg: SVGSVGElement) => Number(svg.getAttribute('viewBox')!.split(' ')[2]);
  const minWidth = (svg: SVGSVGElement) => Number(/min-width: (\d+)px/.exec(svg.getAttribute('style') ?? '')?.[1]);

  it('lays a small matrix out at the container width, so its text is drawn at full size', () => {
    const svg = matrixPlot(small(), { document, width: 330, title: 'Original instructions' });
    expect(viewBoxWidth(svg)).toBe(330);
    // Shown at 330 px its 16-unit text is 16 px; the min-width stays below the container.
    expect(minWidth(svg)).toBeLessThanOrEqual(330);
    expect(matrixPlot(small(), { document }).getAttribute('viewBox')!.split(' ')[2]).toBe('480');
  });

  it('keeps a 10-class matrix at a width where its text is ≥ 11 px: its container scrolls', () => {
    const svg = matrixPlot(fashion(), { document, width: 330 });
    const width = viewBoxWidth(svg);
    expect(width).toBeGreaterThan(330);
    expect((16 * minWidth(svg)) / width).toBeGreaterThanOrEqual(11);
  });

  it('wraps a title too long for a narrow plot and starts the legend below it', () => {
    const svg = matrixPlot(small(), { document, width: 300, title: 'A rather long title for a very narrow matrix' });
    expect(svg.querySelectorAll('.plot-title tspan').length).toBeGreaterThan(1);
    const lastLine = Number(svg.querySelector('.plot-title')!.getAttribute('y')) + 24;
    const legendY = Number(
      /translate\([\d.]+,([\d.]+)\)/.exec(svg.querySelector('.legend-item')!.getAttribute('transform')!)![1],
    );
    expect(legendY).toBeGreaterThan(lastLine);
  });
});
