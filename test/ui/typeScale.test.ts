/**
 * One type scale (issue 14 point 5, docs/design/type-scale.md): every font size in the app's CSS
 * (src/ui/app.css and the <style> blocks of src/ui/**\/*.svelte) is one of the steps --text-xs … --text-2xl
 * defined once in app.css, apart from the few documented exceptions in ALLOWED below.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UI = join(ROOT, 'src/ui');

/** The steps, smallest first; the scale has these and no others. */
const STEPS = ['xs', 'sm', 'base', 'md', 'lg', 'xl', '2xl'];

/**
 * Font sizes that are not a step, each with its reason. A key is `file: value`; the count is how many
 * declarations of that value the file may hold, so a new one anywhere fails.
 */
const ALLOWED: Record<string, { count: number; why: string }> = {
  // The root size that every rem (and so every step) is a multiple of.
  'src/ui/app.css: 18px': { count: 1, why: 'the root size: 1rem' },
  // Presenting: the root size follows the window's width and fitSlide.ts's --present-scale; every step scales with it.
  'src/ui/app.css: calc(max(13px, 1.25vw) * var(--present-scale, 1))': {
    count: 1,
    why: 'the presenting root size',
  },
  // Presenting beside a cell: the slide's text a step down from the slide's own size, whatever fitSlide chose.
  'src/ui/app.css: 0.85em': { count: 1, why: 'slide text beside a cell, relative to the slide' },
  // Monospace reads larger than the text around it: code is a little smaller than its surroundings.
  'src/ui/ReviewCell.svelte: 0.9em': { count: 1, why: 'inline code, relative to its text' },
};

const STEP_VALUE = /^var\(--text-([a-z0-9]+)\)$/;

function uiFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return uiFiles(path);
    return /\.(svelte|css)$/.test(entry.name) ? [path] : [];
  });
}

/** The CSS of a file: all of a .css file, the <style> blocks of a .svelte file; comments removed. */
function cssOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  const css = path.endsWith('.svelte')
    ? [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '').join('\n')
    : text;
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

/** The values of every `font-size:` declaration, and of every `font:` shorthand, in some CSS. */
function fontSizes(css: string): { property: string; value: string }[] {
  return [...css.matchAll(/(?<![\w-])(font-size|font)\s*:\s*([^;{}]+)/g)].map((m) => ({
    property: m[1] ?? '',
    value: (m[2] ?? '').trim().replace(/\s*!important$/, ''),
  }));
}

/** What is wrong with the font sizes of one file's CSS: one line a problem. */
function problems(file: string, css: string, steps: readonly string[]): string[] {
  const found: string[] = [];
  const exceptions = new Map<string, number>();
  for (const { property, value } of fontSizes(css)) {
    if (property === 'font') {
      // The shorthand may only inherit (form controls take the page's font); a size belongs in font-size.
      if (value !== 'inherit') found.push(`${file}: font: ${value} (use font-size: var(--text-…))`);
      continue;
    }
    const step = STEP_VALUE.exec(value)?.[1];
    if (step !== undefined) {
      if (!steps.includes(step)) found.push(`${file}: font-size: ${value} is not a step of the scale`);
      continue;
    }
    const key = `${file}: ${value}`;
    const n = (exceptions.get(key) ?? 0) + 1;
    exceptions.set(key, n);
    const allowed = ALLOWED[key];
    if (!allowed) found.push(`${file}: font-size: ${value} (use a step, var(--text-xs) … var(--text-2xl))`);
    else if (n > allowed.count) found.push(`${file}: font-size: ${value} more often than allowed (${allowed.count})`);
  }
  return found;
}

/** The steps app.css defines (`--text-NAME: …rem`) and their sizes in rem, in the order written. */
function definedSteps(css: string): { name: string; rem: number }[] {
  return [...css.matchAll(/--text-([a-z0-9]+)\s*:\s*([0-9.]+)rem\s*;/g)].map((m) => ({
    name: m[1] ?? '',
    rem: Number(m[2]),
  }));
}

describe('one type scale', () => {
  const appCss = cssOf(join(UI, 'app.css'));

  it('app.css defines the seven steps once, growing, each with its line height', () => {
    const defined = definedSteps(appCss);
    expect(defined.map((s) => s.name)).toEqual(STEPS);
    for (let i = 1; i < defined.length; i++) expect(defined[i]!.rem).toBeGreaterThan(defined[i - 1]!.rem);
    for (const name of STEPS) expect(appCss).toMatch(new RegExp(`--leading-${name}\\s*:\\s*[0-9.]+\\s*;`));
  });

  it('app.css defines a spacing scale and uses it', () => {
    const spaces = [...appCss.matchAll(/--space-([0-9]+)\s*:\s*[0-9.]+rem\s*;/g)].map((m) => Number(m[1]));
    expect(spaces.length).toBeGreaterThanOrEqual(5);
    expect(spaces).toEqual(spaces.map((_, i) => i + 1));
    expect([...appCss.matchAll(/var\(--space-[0-9]+\)/g)].length).toBeGreaterThanOrEqual(20);
  });

  it('every font size under src/ui is a step (or a documented exception)', () => {
    const files = uiFiles(UI);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((path) => problems(relative(ROOT, path), cssOf(path), STEPS));
    expect(found).toEqual([]);
  });

  it('no more sizes than steps: the app uses at most the steps and the exceptions', () => {
    const values = new Set(
      uiFiles(UI).flatMap((path) =>
        fontSizes(cssOf(path))
          .filter((d) => d.property === 'font-size')
          .map((d) => d.value),
      ),
    );
    expect(values.size).toBeLessThanOrEqual(STEPS.length + Object.keys(ALLOWED).length);
  });

  it('the check itself: catches a raw size, an unknown step, a sized shorthand and one exception too many', () => {
    const css = `a { font-size: 0.85rem; } b { font-size: var(--text-huge); } c { font: 700 1rem/1.2 serif; }
      d { font-size: var(--text-sm); font: inherit; } e { font-size: 0.9em; } f { font-size: 0.9em; }`;
    expect(problems('src/ui/ReviewCell.svelte', css, STEPS)).toEqual([
      'src/ui/ReviewCell.svelte: font-size: 0.85rem (use a step, var(--text-xs) … var(--text-2xl))',
      'src/ui/ReviewCell.svelte: font-size: var(--text-huge) is not a step of the scale',
      'src/ui/ReviewCell.svelte: font: 700 1rem/1.2 serif (use font-size: var(--text-…))',
      'src/ui/ReviewCell.svelte: font-size: 0.9em more often than allowed (1)',
    ]);
  });
});
