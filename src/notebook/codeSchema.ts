/**
 * What a `cell code` block accepts: `id`, `title` and `code`, the JavaScript
 * as a YAML block scalar (`code: |`). The code itself is checked when it runs,
 * in the code worker, so a typo in a lesson shows in the cell with its line
 * rather than failing the build.
 */
import type { ParamProblem } from './cellSchemas.ts';

/** Reads a code cell's keys (without id and title), collecting every problem. */
export function readCodeParams(raw: Readonly<Record<string, unknown>>): { code: string; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  for (const key of Object.keys(raw)) {
    if (key !== 'code') problems.push({ key, reason: 'unknown parameter (known: code)' });
  }
  const code = raw.code;
  if (typeof code !== 'string' || !code.trim()) {
    problems.push({
      key: 'code',
      reason: `must be JavaScript as a block of text: write "code: |" and the code indented below it; got ${JSON.stringify(code ?? null)}`,
    });
    return { code: '', problems };
  }
  return { code: code.replace(/\n+$/, ''), problems };
}
