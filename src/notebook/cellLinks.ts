/**
 * Reactive cells: a cell may take parameters from other cells' outputs.
 *
 *   ```cell curve
 *   id: cost
 *   from:
 *     noise: review.estimatedNoise     parameter: cell.output
 *   ```
 *
 * Only numbers and text flow along a link. A number parameter takes a number
 * output, a text parameter a text output; a noise parameter takes a number
 * (uniform noise at that rate). Read and checked at build time (parseLesson);
 * the values flow at run time (state/reactiveCells.svelte.ts).
 */
import {
  CELL_OUTPUTS,
  CURVE_DEFAULTS,
  LABELERS_DEFAULTS,
  PLAYGROUND_DEFAULTS,
  REVIEW_DEFAULTS,
  WORTH_DEFAULTS,
} from './cellSchemas.ts';
import { findCycle } from './cellGraph.ts';
import type { CellLink, CellSpec, CellType } from './types.ts';

export type { CellLink };

/** What a value on a link is: a number or text (a code cell's value may be either). */
export type LinkKind = 'number' | 'text';

const kindsOf = (defaults: object): Readonly<Record<string, LinkKind>> =>
  Object.fromEntries(
    Object.entries(defaults).flatMap(([key, value]): [string, LinkKind][] => {
      if (key === 'noise' || typeof value === 'number') return [[key, 'number']];
      if (typeof value === 'string') return [[key, 'text']];
      return []; // lists (curve sizes) take no link
    }),
  );

/** The parameters each cell type can take from another cell, and the kind of value each takes. */
export const LINKABLE_PARAMS: Readonly<Record<CellType, Readonly<Record<string, LinkKind>>>> = {
  curve: kindsOf(CURVE_DEFAULTS),
  playground: kindsOf(PLAYGROUND_DEFAULTS),
  review: kindsOf(REVIEW_DEFAULTS),
  labelers: kindsOf(LABELERS_DEFAULTS),
  worth: kindsOf(WORTH_DEFAULTS),
  code: {},
  // The reader's own labels: nothing to take from another cell.
  label: {},
};

/** Outputs that are text; every other output is a number, except a code cell's value (either). */
const TEXT_OUTPUTS: Readonly<Partial<Record<CellType, readonly string[]>>> = {
  curve: ['dataset'],
  labelers: ['worstClass'],
  label: ['worstClass'],
  worth: ['gain', 'equivalent', 'headline', 'confusedPair'],
};

/** The kind of an output; null when it can be either (a code cell's value). */
export function outputKind(type: CellType, output: string): LinkKind | null {
  if (type === 'code') return null;
  return TEXT_OUTPUTS[type]?.includes(output) ? 'text' : 'number';
}

/** A parameter's current value as it compares with a linked output: a uniform noise is its rate. */
export function linkValueOf(value: unknown): number | string | null {
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'uniform' && 'rate' in value) {
    return typeof value.rate === 'number' ? value.rate : null;
  }
  return null;
}

const REF = /^([A-Za-z][\w-]*)\.([A-Za-z]\w*)$/;

/**
 * Takes `from:` out of a cell's raw YAML and reads it. `lineOf(key, from)`
 * gives the file line of `key:` at or after body line `from`; `fail` throws
 * a LessonError. Checks what the cell alone can tell: the form, that the
 * parameter exists and can take a link, and that it is not also given
 * directly. Links between cells are checked by checkCellLinks.
 */
export function readCellLinks(
  raw: Record<string, unknown>,
  type: CellType,
  lines: { readonly body: readonly string[]; readonly lineOf: (key: string, from?: number) => number },
  fail: (line: number, reason: string) => never,
): CellLink[] {
  if (!('from' in raw)) return [];
  const value = raw.from;
  delete raw.from;
  const fromIndex = Math.max(
    0,
    lines.body.findIndex((l) => /^from\s*:/.test(l)),
  );
  const fromLine = lines.lineOf('from');
  const linkable = LINKABLE_PARAMS[type];
  const names = Object.keys(linkable);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
    fail(
      fromLine,
      `${type} cell: from must be a map of "parameter: cell.output" lines, e.g. "from:" then "  noise: review.estimatedNoise"; got ${JSON.stringify(value)}`,
    );
  }
  if (names.length === 0) fail(fromLine, `${type} cell: from: a ${type} cell takes no parameters from other cells`);
  return Object.entries(value as Record<string, unknown>).map(([param, ref]) => {
    const line = lines.lineOf(param, fromIndex + 1);
    if (!Object.hasOwn(linkable, param)) {
      fail(
        line,
        `${type} cell: from: "${param}" is not a parameter that can come from another cell (these can: ${names.join(', ')})`,
      );
    }
    const match = typeof ref === 'string' ? REF.exec(ref.trim()) : null;
    if (!match)
      fail(
        line,
        `${type} cell: from: ${param} must name a cell and one of its outputs, e.g. review.estimatedNoise; got ${JSON.stringify(ref)}`,
      );
    if (param in raw) {
      fail(
        lines.lineOf(param),
        `${type} cell: ${param} is given here and also taken from ${ref as string}; keep one (delete "${param}:" or its line under from:)`,
      );
    }
    return { param, cell: match[1]!, output: match[2]!, line };
  });
}

/**
 * Checks every cell's links against the other cells: the cell exists, has
 * the output, the output's kind fits the parameter, and no cycle. `cells` in
 * lesson order. Fails at the line of the offending link.
 */
export function checkCellLinks(
  cells: ReadonlyMap<string, CellSpec>,
  fail: (line: number, reason: string) => never,
): void {
  for (const cell of cells.values()) {
    for (const link of cell.links ?? []) {
      const ref = `${link.cell}.${link.output}`;
      const where = `${cell.type} cell "${cell.id}": from: ${link.param}: ${ref}`;
      const source = cells.get(link.cell);
      if (!source) fail(link.line, `${where} names no cell (cells: ${[...cells.keys()].join(', ')})`);
      if (!CELL_OUTPUTS[source.type].includes(link.output)) {
        fail(
          link.line,
          `${where}: a ${source.type} cell has no output "${link.output}" (it has: ${CELL_OUTPUTS[source.type].join(', ')})`,
        );
      }
      const wanted = LINKABLE_PARAMS[cell.type][link.param]!;
      const given = outputKind(source.type, link.output);
      if (given !== null && given !== wanted) {
        fail(
          link.line,
          `${where}: ${link.param} takes ${wanted === 'number' ? 'a number' : 'text'}, but ${ref} is ${given === 'number' ? 'a number' : 'text'}; link an output of that kind`,
        );
      }
    }
  }
  const ids = [...cells.keys()];
  const cycle = findCycle(ids, cellSources(cells.values()));
  if (cycle) {
    const first = cells.get(cycle[0]!)!;
    const link = first.links!.find((l) => l.cell === cycle[1]) ?? first.links![0]!;
    fail(
      link.line,
      `${first.type} cell "${first.id}": its inputs form a cycle: ${cycle.join(' → ')} (each takes a parameter from the next); remove one of these from: links`,
    );
  }
}

/** The graph's sources (cellGraph.ts) of a lesson's cells. */
export function cellSources(cells: Iterable<CellSpec>): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  for (const cell of cells) {
    const from = [...new Set((cell.links ?? []).map((l) => l.cell))];
    if (from.length) sources.set(cell.id, from);
  }
  return sources;
}
