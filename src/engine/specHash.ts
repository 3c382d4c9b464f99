/**
 * A pure, deterministic hash of a request: plain objects (keys sorted, keys
 * whose value is undefined left out), arrays, numbers, strings, booleans,
 * null and typed arrays (their type and their bytes). Equal requests give
 * equal hashes whatever the key order; any change in a value changes it.
 *
 * Two 32-bit lanes (FNV-1a and a multiply–xor lane with another seed and
 * prime) give 64 bits as 16 hex digits: collisions are negligible for the few
 * thousand results a page keeps.
 */

const TEXT = new TextEncoder();

class Hasher {
  #a = 0x811c9dc5;
  #b = 0x9747b28c;

  byte(value: number): void {
    this.#a = Math.imul(this.#a ^ value, 0x01000193);
    this.#b = Math.imul(this.#b ^ value, 0x5bd1e995);
    this.#b ^= this.#b >>> 15;
  }

  bytes(values: Uint8Array): void {
    let a = this.#a;
    let b = this.#b;
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      a = Math.imul(a ^ value, 0x01000193);
      b = Math.imul(b ^ value, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.#a = a;
    this.#b = b;
  }

  /** A tag byte, so values of different kinds never run together. */
  tag(char: string): void {
    this.byte(char.charCodeAt(0));
  }

  uint(value: number): void {
    for (let shift = 0; shift < 32; shift += 8) this.byte((value >>> shift) & 0xff);
  }

  text(value: string): void {
    const encoded = TEXT.encode(value);
    this.uint(encoded.length);
    this.bytes(encoded);
  }

  digest(): string {
    const fin = (h: number) => {
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      return (h >>> 0).toString(16).padStart(8, '0');
    };
    return fin(this.#a) + fin(this.#b ^ this.#a);
  }
}

const NUMBER = new Float64Array(1);
const NUMBER_BYTES = new Uint8Array(NUMBER.buffer);

function walk(h: Hasher, value: unknown, path: string): void {
  if (value === null) return h.tag('z');
  switch (typeof value) {
    case 'number':
      h.tag('n');
      NUMBER[0] = Object.is(value, -0) ? 0 : value;
      return h.bytes(NUMBER_BYTES);
    case 'string':
      h.tag('s');
      return h.text(value);
    case 'boolean':
      return h.tag(value ? 'T' : 'F');
    case 'undefined':
      return h.tag('u');
    case 'object':
      break;
    default:
      throw new TypeError(`specHash: cannot hash a ${typeof value} at ${path || 'the top'}`);
  }
  if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView) throw new TypeError(`specHash: cannot hash a DataView at ${path || 'the top'}`);
    h.tag('t');
    h.text(value.constructor.name);
    h.uint(value.byteLength);
    return h.bytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }
  if (Array.isArray(value)) {
    h.tag('a');
    h.uint(value.length);
    value.forEach((item, i) => walk(h, item, `${path}[${i}]`));
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`specHash: cannot hash a ${value.constructor.name} at ${path || 'the top'}`);
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  h.tag('o');
  h.uint(entries.length);
  for (const [key, v] of entries) {
    h.text(key);
    walk(h, v, path ? `${path}.${key}` : key);
  }
}

/** The hash of `value` as 16 hex digits. Throws a TypeError naming the place of anything it cannot hash (a function, a Map, a class instance). */
export function specHash(value: unknown): string {
  const h = new Hasher();
  walk(h, value, '');
  return h.digest();
}
