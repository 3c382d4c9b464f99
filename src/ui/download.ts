/**
 * Saving files the lab makes (cleaned CSV, report JSON, charts) to the
 * user's disk: a Blob handed to an <a download>, all inside this tab — no
 * request leaves the page.
 */

/** Offers `blob` as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string, document: Document = globalThis.document): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the data once click() returns, but keep the URL a moment for slow ones.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveText(text: string, filename: string, type: string, document?: Document): void {
  saveBlob(new Blob([text], { type: `${type};charset=utf-8` }), filename, document);
}

/** A chart as a stand-alone SVG file: its viewBox size as width and height, on a white background. */
export function svgFile(svg: SVGSVGElement): { markup: string; width: number; height: number } {
  const view = svg.viewBox.baseVal;
  const width = view && view.width > 0 ? view.width : svg.clientWidth || 640;
  const height = view && view.height > 0 ? view.height : svg.clientHeight || 400;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.removeAttribute('style');
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const background = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', 'white');
  const first = [...copy.children].find((child) => !['title', 'desc'].includes(child.tagName.toLowerCase()));
  copy.insertBefore(background, first ?? null);
  const markup = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
  return { markup, width, height };
}

/** Draws SVG markup on a canvas `scale` times its size and encodes it as PNG. */
export async function svgToPng(markup: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.fillStyle = 'white';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
