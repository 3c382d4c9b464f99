/**
 * The reader's code → an async function of (lab, plot, print, controls, tf), with errors
 * mapped back to lines of the code as the reader sees it.
 *
 * - Syntax: acorn reads the code wrapped as `(async function (lab, plot, print, controls, tf) {\n…\n})`,
 *   so `return` and `await` work at the top level and a SyntaxError has its
 *   line and column (V8's Function constructor gives none). Line L of the
 *   wrapper is line L − 1 of the code.
 * - Runtime: the function is compiled with a `//# sourceURL=` name, so stack
 *   frames of the code read `lab-code.js:LINE:COL`; the number of header lines
 *   the engine adds before the body is measured once (`bodyLineOffset`), not
 *   assumed.
 */
import { parse, type Node, type Options } from 'acorn';
import type { CodeFailure } from './codeProtocol.ts';

export const SOURCE_URL = 'lab-code.js';
const PARAMS = ['lab', 'plot', 'print', 'controls', 'tf'] as const;
const WRAP_HEAD = `(async function (${PARAMS.join(', ')}) {\n`;
const ACORN: Options = { ecmaVersion: 'latest', sourceType: 'script', locations: true };

export type CompiledCode = (
  lab: unknown,
  plot: unknown,
  print: (...values: unknown[]) => void,
  controls: unknown,
  tf: unknown,
) => Promise<unknown>;

type AsyncFunctionConstructor = new (...args: string[]) => CompiledCode;
const AsyncFunction = (async () => {}).constructor as AsyncFunctionConstructor;

/** Reads the code; a syntax problem comes back as a failure with its line in the code. */
export function checkSyntax(code: string): CodeFailure | null {
  let program: Node;
  try {
    program = parse(`${WRAP_HEAD}${code}\n})`, ACORN);
  } catch (error) {
    if (error instanceof SyntaxError) {
      const loc = (error as SyntaxError & { loc?: { line: number; column: number } }).loc;
      const message = error.message.replace(/\s*\(\d+:\d+\)$/, '');
      const line = loc ? Math.max(1, loc.line - 1) : null;
      // The wrapper's closing "})" sits on the line after the code: an error there means the code ended too soon.
      const pastEnd = line !== null && line > code.split('\n').length;
      return {
        kind: 'syntax',
        message: `SyntaxError: ${message}${pastEnd ? ' (the code ends before a bracket, brace or string is closed)' : ''}`,
        line: pastEnd ? code.split('\n').length : line,
        column: loc && !pastEnd ? loc.column + 1 : null,
      };
    }
    throw error;
  }
  const loader = findImport(program);
  if (loader) {
    return {
      kind: 'syntax',
      message:
        'import() is not available in a code cell: everything it can use is in `lab`, `plot` and `tf` (docs/lab-api.md)',
      line: loader.line - 1,
      column: loader.column + 1,
    };
  }
  return null;
}

/** Position of the first dynamic import() in the tree, if any. */
function findImport(node: unknown): { line: number; column: number } | null {
  if (!node || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findImport(child);
      if (found) return found;
    }
    return null;
  }
  const n = node as Node & { loc?: { start: { line: number; column: number } } };
  if (n.type === 'ImportExpression' && n.loc) return n.loc.start;
  for (const [key, value] of Object.entries(n)) {
    if (key === 'loc' || typeof value !== 'object') continue;
    const found = findImport(value);
    if (found) return found;
  }
  return null;
}

let offset: number | null = null;

/** Lines the engine puts before the body of a Function-constructed function (2 in V8). */
export function bodyLineOffset(): number {
  if (offset !== null) return offset;
  try {
    // Throws synchronously on the body's first line: the stack says which line that is.
    const probe = new Function(...PARAMS, `throw new Error('probe');\n//# sourceURL=${SOURCE_URL}`);
    probe();
  } catch (error) {
    offset = (lineInStack(error, 0)?.line ?? 3) - 1;
  }
  return offset ?? 2;
}

/** The first frame of the reader's code in an error's stack, as a line of the code. */
function lineInStack(error: unknown, shift: number): { line: number; column: number } | null {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const match = new RegExp(`${SOURCE_URL.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack);
  if (!match) return null;
  return { line: Number(match[1]) - shift, column: Number(match[2]) };
}

/** Compiles code that passed checkSyntax. Throws an EvalError when a security policy forbids compiling code. */
export function compile(code: string): CompiledCode {
  return new AsyncFunction(...PARAMS, `${code}\n//# sourceURL=${SOURCE_URL}`);
}

/** A runtime error as the reader should see it: name, message and the line of their code it came from. */
export function runtimeFailure(error: unknown, code: string): CodeFailure {
  const message =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : `Error: the code threw ${typeof error === 'string' ? JSON.stringify(error) : String(error)} (throw an Error to get a line number)`;
  const at = lineInStack(error, bodyLineOffset());
  const lines = code.split('\n').length;
  const line = at && at.line >= 1 && at.line <= lines ? at.line : null;
  return { kind: 'runtime', message, line, column: line === null ? null : at!.column };
}
