/**
 * The bench's bundle sizes (scripts/benchBundle.ts): a worker's chunks are
 * followed through `import()` too, so a chunk loaded on demand (TF.js's
 * layers in the code worker) is counted with the workers, never the main thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSizes, dynamicImports, staticImports } from '../../scripts/benchBundle.ts';

describe('benchBundle', () => {
  let dist = '';
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'dcl-bundle-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<script type="module" src="./assets/index-a.js"></script>');
    writeFileSync(join(dist, 'assets/index-a.js'), 'import{x}from"./shared-b.js";console.log(x)');
    writeFileSync(join(dist, 'assets/shared-b.js'), 'export const x=1');
    writeFileSync(
      join(dist, 'assets/code.worker-c.js'),
      'import{x}from"./shared-b.js";const t=()=>import(`./codeLabTf-d.js`);self.onmessage=t',
    );
    writeFileSync(join(dist, 'assets/codeLabTf-d.js'), 'const _tfengine=1;export{_tfengine}');
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('reads static and dynamic imports as written by the bundler', () => {
    const source =
      'import{a}from"./a.js";export*from"./b.js";const l=()=>import( "./c.js" );import("./c.js");import(`./d.js`)';
    expect(staticImports(source)).toEqual(['./a.js', './b.js']);
    expect(dynamicImports(source)).toEqual(['./c.js', './d.js']);
  });

  it('counts a worker’s on-demand chunk with the workers and keeps TF.js off the main thread', () => {
    const sizes = bundleSizes(dist);
    expect(sizes.main.map((c) => c.file).sort()).toEqual(['assets/index-a.js', 'assets/shared-b.js']);
    expect(sizes.workers.map((c) => c.file).sort()).toEqual(['assets/code.worker-c.js', 'assets/codeLabTf-d.js']);
    expect(sizes.tfjsOnMain).toEqual([]);
  });
});
