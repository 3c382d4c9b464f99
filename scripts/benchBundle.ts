/**
 * Bundle sizes for `npm run bench`, from a build directory: the JavaScript
 * the main thread loads before the app runs (index.html's entry scripts and
 * modulepreloads, plus every chunk they import statically — dynamic import()
 * is left out), against the worker chunks (TF.js lives there) and the wasm
 * binaries. Sizes are gzip -9 (node:zlib), as a server would send them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Chunk {
  /** Path inside the build directory. */
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
}

export interface BundleSizes {
  readonly main: Chunk[];
  readonly workers: Chunk[];
  readonly wasm: Chunk[];
  /** Main-thread chunks that contain TF.js's engine (there should be none). */
  readonly tfjsOnMain: string[];
}

const sizeOf = (dist: string, path: string): Chunk => {
  const bytes = readFileSync(path);
  return { file: relative(dist, path), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

/** Static imports and re-exports of an ES module's source (minified or not), as written. */
export function staticImports(source: string): string[] {
  const found = new Set<string>();
  const pattern = /\b(?:import|export)\s*(?:[\w*$\s{},]*?\bfrom\s*)?["']([^"'\n]+\.m?js)["']/g;
  for (const match of source.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

/** Dynamic `import("…js")` of an ES module's source: chunks loaded on demand (TF.js's layers in the code worker). */
export function dynamicImports(source: string): string[] {
  const pattern = /\bimport\(\s*(["'`])([^"'`\n]+\.m?js)\1\s*\)/g;
  return [...new Set([...source.matchAll(pattern)].map((m) => m[2]!))];
}

/** Every JS file reachable by static imports (and, with `dynamic`, by `import()`) from `entries` (absolute paths). */
function closure(entries: readonly string[], dynamic = false): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const spec of [...staticImports(source), ...(dynamic ? dynamicImports(source) : [])]) {
      if (spec.startsWith('.') || spec.startsWith('/')) visit(resolve(dirname(file), spec));
    }
  };
  entries.forEach(visit);
  return [...seen];
}

export function bundleSizes(dist: string): BundleSizes {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const local = (url: string) => join(dist, url.replace(/^\.?\//, '').replace(/[?#].*$/, ''));
  const entries = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)].map(
      (m) => m[0].match(/\bhref="([^"]+)"/)?.[1] ?? '',
    ),
  ]
    .filter((url) => url && !/^[a-z]+:/i.test(url))
    .map(local);
  const mainFiles = closure(entries);
  const assets = readdirSync(join(dist, 'assets')).map((name) => join(dist, 'assets', name));
  // A worker's chunks, those it loads on demand included (the code worker's TF.js layers).
  const workerFiles = closure(
    assets.filter((path) => /\.worker-[^/]*\.js$/.test(path)),
    true,
  ).filter((path) => !mainFiles.includes(path));
  return {
    main: mainFiles.map((path) => sizeOf(dist, path)),
    workers: workerFiles.map((path) => sizeOf(dist, path)),
    wasm: assets.filter((path) => path.endsWith('.wasm')).map((path) => sizeOf(dist, path)),
    tfjsOnMain: mainFiles.filter((path) => readFileSync(path, 'utf8').includes('_tfengine')),
  };
}
