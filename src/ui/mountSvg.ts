/**
 * An attachment that puts the SVG a plot function draws into its element,
 * and draws again whenever what `render` reads changes.
 */
export function mountSvg(render: (document: Document) => SVGSVGElement): (host: HTMLElement) => void {
  return (host) => {
    host.replaceChildren(render(host.ownerDocument));
  };
}
