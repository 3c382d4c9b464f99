/**
 * Normalizes SVG markup for snapshots (after observablehq/plot
 * test/plot-snapshot.js): numbers with a decimal point in attribute values
 * (coordinates, path data) rounded to 2 decimals, attributes sorted by name,
 * one element per line, indented. Colours (#rrggbb) are left alone.
 * Needs a DOMParser: use it in a jsdom test environment.
 */

const DECIMAL = /-?\d*\.\d+(?:e[-+]?\d+)?|-?\d+e[-+]?\d+/g;

export function roundNumbers(value: string): string {
  return value.replace(DECIMAL, (match) => {
    const rounded = Math.round(Number(match) * 100) / 100;
    return String(rounded === 0 ? 0 : rounded);
  });
}

export function normalizeSvg(markup: string): string {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const error = doc.querySelector('parsererror');
  if (error) throw new Error(`not well-formed SVG: ${error.textContent}`);
  return `${serialize(doc.documentElement, 0)}\n`;
}

function serialize(element: Element, depth: number): string {
  const indent = '  '.repeat(depth);
  const attributes = [...element.attributes]
    .map((a) => [a.name, a.value.startsWith('#') ? a.value : roundNumbers(a.value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  const open = `${indent}<${element.tagName}${attributes}`;
  const children = [...element.childNodes];
  const elements = children.filter((c): c is Element => c.nodeType === 1);
  const text = children
    .filter((c) => c.nodeType === 3)
    .map((c) => c.textContent ?? '')
    .join('')
    .trim();
  if (elements.length === 0) {
    return text ? `${open}>${escapeText(text)}</${element.tagName}>` : `${open} />`;
  }
  const lines = [`${open}>`];
  if (text) lines.push(`${indent}  ${escapeText(text)}`);
  for (const child of elements) lines.push(serialize(child, depth + 1));
  lines.push(`${indent}</${element.tagName}>`);
  return lines.join('\n');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}
