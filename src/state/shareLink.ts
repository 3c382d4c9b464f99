/**
 * Sharing links: a lesson and its cells' parameters in the URL hash, readable
 * by a person:
 *
 *   #/01-clean-vs-more-data?curve.noise=0.2&curve.seed=3&curve.sizes=50,100,200
 *
 * Each query key is `cellId.parameter`. Values are written plainly: numbers
 * as numbers, lists comma-separated, uniform noise as its rate, any other
 * structured value (a noise model) as JSON. Pure: `formatShareHash(lesson,
 * cells)` → hash and `parseShareHash(hash)` → the raw texts; `decodeValue`
 * turns a text back into a value shaped like the parameter's default, and the
 * cell's own checks (cellSchemas.ts) decide whether it is usable.
 */
import { parseRoute } from './route.ts';

/** Raw link texts: cell id → parameter → text. */
export type LinkParams = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface ParsedShareLink {
  /** The lesson the link names, or null. */
  readonly lesson: string | null;
  readonly params: LinkParams;
  /** Entries that are not `cell.parameter=value`, described for a notice. */
  readonly problems: readonly string[];
}

/** Values safe to leave unescaped in the query (a readable link): everything else is percent-encoded. */
const encode = (text: string) => encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3A/g, ':');

/** A parameter value as link text. */
export function encodeValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'number' || typeof v === 'string')) {
    return value.join(',');
  }
  if (isUniformNoise(value)) return String(value.rate);
  return JSON.stringify(value);
}

/**
 * Link text back to a value shaped like `like` (the parameter's default). A
 * text that cannot take that shape is returned as is, so the cell's check can
 * quote it ("must be a number, got "abc"").
 */
export function decodeValue(text: string, like: unknown): unknown {
  const asNumber = () => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);
  if (typeof like === 'number') return asNumber();
  if (typeof like === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if (Array.isArray(like)) {
    return text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => (Number.isFinite(Number(t)) ? Number(t) : t));
  }
  if (typeof like === 'object' && like !== null) {
    const number = asNumber();
    if (typeof number === 'number') return number;
    if (text.trim().startsWith('{')) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
  }
  return text;
}

/** The hash of a link to `lesson` with each cell's parameters (cell id → parameter → value), in the order given. */
export function formatShareHash(
  lesson: string,
  cells: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {},
): string {
  const pairs: string[] = [];
  for (const [cell, params] of Object.entries(cells)) {
    for (const [key, value] of Object.entries(params))
      pairs.push(`${encode(`${cell}.${key}`)}=${encode(encodeValue(value))}`);
  }
  const path = `#/${encodeURIComponent(lesson)}`;
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}

/** The query part of a hash (after `?`), or '' without one. */
export function shareQuery(hash: string): string {
  const at = hash.indexOf('?');
  return at < 0 ? '' : hash.slice(at + 1);
}

/** Reads a link's hash: the lesson and the raw parameter texts by cell. */
export function parseShareHash(hash: string): ParsedShareLink {
  const route = parseRoute(hash);
  const lesson = route.page === 'lesson' ? route.lesson : null;
  const params: Record<string, Record<string, string>> = {};
  const problems: string[] = [];
  for (const part of shareQuery(hash).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    let name: string;
    let text: string;
    try {
      name = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
      text = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      problems.push(`“${part}” is not properly encoded; it was ignored.`);
      continue;
    }
    const dot = name.indexOf('.');
    if (dot <= 0 || dot === name.length - 1) {
      problems.push(`“${name}” does not name a cell and a parameter (such as curve.noise); it was ignored.`);
      continue;
    }
    if (eq < 0) {
      problems.push(`“${name}” has no value (write ${name}=…); it was ignored.`);
      continue;
    }
    const cell = name.slice(0, dot);
    (params[cell] ??= {})[name.slice(dot + 1)] = text;
  }
  return { lesson, params, problems };
}

function isUniformNoise(value: unknown): value is { kind: 'uniform'; rate: number } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  const v = value as Record<string, unknown>;
  return keys.length === 2 && v.kind === 'uniform' && typeof v.rate === 'number';
}
