/**
 * An attachment that puts the SVG a plot function draws into its element,
 * and draws again whenever what `render` reads changes. With `fitWidth`,
 * `render` gets the element's width in CSS px (0 when unknown) and draws
 * again when that width changes, so the chart can be laid out for it.
 */
export function mountSvg(
  render: (document: Document, width: number) => SVGSVGElement,
  options: { readonly fitWidth?: boolean } = {},
): (host: HTMLElement) => void | (() => void) {
  return (host) => {
    let drawn = -1;
    const draw = () => {
      const width = options.fitWidth ? Math.round(host.clientWidth) : 0;
      if (width === drawn) return;
      drawn = width;
      host.replaceChildren(render(host.ownerDocument, width));
    };
    draw();
    if (!options.fitWidth || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(draw);
    observer.observe(host);
    return () => observer.disconnect();
  };
}
