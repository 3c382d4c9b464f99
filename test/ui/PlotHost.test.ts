// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import PlotHost from '../../src/ui/PlotHost.svelte';
import { linePlot } from '../../src/ui/plots/linePlot.ts';

const render2 = (document: Document) =>
  linePlot(
    [
      {
        name: 'a',
        key: 'a',
        color: '#000',
        points: [
          { x: 1, y: 0.5 },
          { x: 2, y: 0.7 },
        ],
      },
    ],
    {
      document,
      title: 'A chart',
      xTitle: 'x',
      yTitle: 'y',
      xFormat: (v) => String(v),
    },
  );

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('<PlotHost download>', () => {
  it('without a file name there are no save buttons', () => {
    render(PlotHost, { render: render2, label: 'chart' });
    expect(screen.queryByTestId('chart-save')).toBeNull();
    expect(document.querySelectorAll('svg')).toHaveLength(1);
  });

  it('"SVG" saves a stand-alone SVG file named after the chart, with its size and a white background', async () => {
    const blobs: Blob[] = [];
    const names: string[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:x'), revokeObjectURL: () => {} }),
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    render(PlotHost, { render: render2, label: 'chart', download: 'lesson-curve' });
    await fireEvent.click(screen.getByRole('button', { name: 'SVG' }));
    expect(names).toEqual(['lesson-curve.svg']);
    const markup = await blobs[0]!.text();
    expect(blobs[0]!.type).toMatch(/^image\/svg\+xml/);
    expect(markup).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg/);
    expect(markup).toMatch(/width="\d+"/);
    expect(markup).toContain('<rect width="100%" height="100%" fill="white"');
    expect(markup).toContain('A chart');
    // The chart on the page is untouched.
    expect(document.querySelector('.plot svg')?.getAttribute('width')).toBe('100%');
    click.mockRestore();
  });

  it('a chart that cannot be drawn as PNG says so and offers the other format', async () => {
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }));
    render(PlotHost, { render: render2, label: 'chart', download: 'c' });
    const image = vi.spyOn(window, 'Image').mockImplementation(function (this: HTMLImageElement) {
      const img = document.createElement('img');
      queueMicrotask(() => img.onerror?.(new Event('error')));
      return img;
    } as never);
    await fireEvent.click(screen.getByRole('button', { name: 'PNG' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/Could not save the chart: .*Try the other format/),
    );
    image.mockRestore();
  });
});
