/**
 * Lesson markdown → typed lesson. Runs at build time (scripts/vite-plugin-lessons.ts)
 * and in tests; the app receives the parsed result, so marked and yaml stay
 * out of the browser bundle.
 *
 *   ---                          frontmatter (YAML): title, summary, minutes
 *   title: …
 *   ---
 *   Prose in markdown, with live values: {{curve.factor}}.
 *   ```cell curve                a live cell: "cell <type>", body in YAML
 *   id: curve
 *   noise: 0.1
 *   ```
 */
import { Marked } from 'marked';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import {
  CELL_OUTPUTS,
  CELL_TYPES,
  isCellType,
  readCurveParams,
  readPlaygroundParams,
  readReviewParams,
  readLabelersParams,
  readLabelParams,
  readWorthParams,
  type ParamProblem,
} from './cellSchemas.ts';
import { readCodeParams } from './codeSchema.ts';
import { readCheck } from './checkBlock.ts';
import { checkCellLinks, readCellLinks } from './cellLinks.ts';
import {
  CURVE_CHARTS,
  LessonError,
  type Block,
  type CellSpec,
  type CurveChart,
  type CurvePreset,
  type Lesson,
  type LessonMeta,
} from './types.ts';

const REF = /\{\{\s*([A-Za-z][\w-]*)\.([A-Za-z]\w*)\s*\}\}/g;
const ID = /^[A-Za-z][\w-]*$/;

interface Fence {
  /** Line of the opening fence (1-based). */
  readonly line: number;
  readonly info: string;
  readonly body: string;
}

export function parseLesson(source: string, file: string): Lesson {
  const slug = file.replace(/^.*\//, '').replace(/\.md$/, '');
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const fail = (line: number, reason: string): never => {
    throw new LessonError(file, line, reason);
  };
  const { meta, bodyStart } = readFrontmatter(lines, fail);
  const blocks: Block[] = [];
  const refs: { cell: string; key: string; line: number }[] = [];
  const marked = new Marked({ gfm: true });
  let prose: string[] = [];
  let proseLine = bodyStart + 1;
  const flushProse = () => {
    const text = prose.join('\n');
    if (text.trim()) {
      const withRefs = text.replace(REF, (_, cell: string, key: string, offset: number) => {
        refs.push({ cell, key, line: proseLine + text.slice(0, offset).split('\n').length - 1 });
        return `<output data-ref="${cell}.${key}">…</output>`;
      });
      blocks.push({ kind: 'prose', html: marked.parse(withRefs, { async: false }), line: proseLine });
    }
    prose = [];
  };
  for (let i = bodyStart; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) {
      if (prose.length === 0) proseLine = i + 1;
      prose.push(lines[i]!);
      continue;
    }
    const marker = open[1]!;
    const info = open[2]!.trim();
    const close = lines.findIndex(
      (l, j) => j > i && l.trim().startsWith(marker[0]!.repeat(marker.length)) && l.trim().replace(/[`~]/g, '') === '',
    );
    if (close < 0) fail(i + 1, `code fence ${marker} is never closed`);
    if (info === 'check') {
      flushProse();
      const check = readCheck(lines.slice(i + 1, close).join('\n'), i + 1, fail);
      refs.push(...check.refs);
      blocks.push({ kind: 'check', check: check.spec });
      i = close;
      continue;
    }
    if (!/^cell\b/.test(info)) {
      if (prose.length === 0) proseLine = i + 1;
      prose.push(...lines.slice(i, close + 1));
      i = close;
      continue;
    }
    flushProse();
    blocks.push({
      kind: 'cell',
      cell: readCell({ line: i + 1, info, body: lines.slice(i + 1, close).join('\n') }, fail),
    });
    i = close;
  }
  flushProse();
  const cells = new Map<string, CellSpec>();
  for (const block of blocks) {
    if (block.kind !== 'cell') continue;
    const { cell } = block;
    if (cells.has(cell.id))
      fail(cell.line, `cell id "${cell.id}" is used twice (first at line ${cells.get(cell.id)!.line})`);
    cells.set(cell.id, cell);
  }
  for (const ref of refs) {
    const cell = cells.get(ref.cell);
    if (!cell)
      fail(ref.line, `{{${ref.cell}.${ref.key}}} names no cell (cells: ${[...cells.keys()].join(', ') || 'none'})`);
    else if (!CELL_OUTPUTS[cell.type].includes(ref.key)) {
      fail(
        ref.line,
        `{{${ref.cell}.${ref.key}}}: a ${cell.type} cell has no output "${ref.key}" (it has: ${CELL_OUTPUTS[cell.type].join(', ')})`,
      );
    }
  }
  checkCellLinks(cells, fail);
  if (cells.size === 0) fail(bodyStart + 1, 'a lesson needs at least one live cell (```cell <type>)');
  return { slug, file, meta, blocks };
}

function readFrontmatter(
  lines: string[],
  fail: (line: number, reason: string) => never,
): { meta: LessonMeta; bodyStart: number } {
  if (lines[0]?.trim() !== '---')
    fail(1, 'a lesson starts with frontmatter: a line "---", then title: and summary:, then "---"');
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) fail(1, 'the frontmatter is never closed with a "---" line');
  const raw = readYaml(lines.slice(1, end).join('\n'), 1, fail);
  const keyLine = (key: string) =>
    1 +
    1 +
    Math.max(
      0,
      lines.slice(1, end).findIndex((l) => l.startsWith(`${key}:`)),
    );
  for (const key of Object.keys(raw)) {
    if (!['title', 'summary', 'minutes'].includes(key))
      fail(keyLine(key), `unknown frontmatter key "${key}" (known: title, summary, minutes)`);
  }
  const text = (key: string) => {
    const value = raw[key];
    if (typeof value !== 'string' || !value.trim()) fail(keyLine(key), `frontmatter needs ${key}: (a line of text)`);
    return (value as string).trim();
  };
  const minutes = raw.minutes ?? 10;
  if (typeof minutes !== 'number' || !(minutes > 0))
    fail(keyLine('minutes'), `minutes must be a positive number, got ${JSON.stringify(minutes)}`);
  return { meta: { title: text('title'), summary: text('summary'), minutes: minutes as number }, bodyStart: end + 1 };
}

function readYaml(
  text: string,
  firstLine: number,
  fail: (line: number, reason: string) => never,
): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = error.linePos?.[0]?.line ?? 1;
      fail(firstLine + line, `not valid YAML: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) fail(firstLine + 1, 'expected "key: value" lines');
  return value as Record<string, unknown>;
}

function readCell(fence: Fence, fail: (line: number, reason: string) => never): CellSpec {
  const type = fence.info.slice('cell'.length).trim();
  if (!isCellType(type)) fail(fence.line, `unknown cell type "${type}" (known: ${CELL_TYPES.join(', ')})`);
  const raw = { ...readYaml(fence.body, fence.line, fail) };
  const bodyLines = fence.body.split('\n');
  const bodyLine = (index: number) => fence.line + 1 + index;
  /** File line of `key:` within body lines [from, to); of line `from` when absent. */
  const lineOf = (key: string, from = 0, to = bodyLines.length) => {
    const index = bodyLines.findIndex((l, i) => i >= from && i < to && new RegExp(`^\\s*-?\\s*${key}\\s*:`).test(l));
    return bodyLine(index >= 0 ? index : from);
  };
  const report = (problems: ParamProblem[], where = '', from = 0, to = bodyLines.length) => {
    const first = problems[0];
    if (first) fail(lineOf(first.key, from, to), `${type} cell${where}: ${first.key} ${first.reason}`);
  };
  const id = raw.id;
  if (typeof id !== 'string' || !ID.test(id)) {
    fail(
      lineOf('id'),
      `${type} cell needs an id: a name of letters, digits, - or _ starting with a letter (got ${JSON.stringify(id)})`,
    );
  }
  const title = typeof raw.title === 'string' ? raw.title : '';
  delete raw.id;
  delete raw.title;
  const links = readCellLinks(raw, type, { body: bodyLines, lineOf }, fail);
  const base = { id: id as string, title, line: fence.line, ...(links.length ? { links } : {}) };
  if (type === 'playground') {
    const { params, problems } = readPlaygroundParams(raw);
    report(problems);
    return { type, ...base, params };
  }
  if (type === 'review') {
    const { params, problems } = readReviewParams(raw);
    report(problems);
    return { type, ...base, params };
  }
  if (type === 'labelers') {
    const { params, problems } = readLabelersParams(raw);
    report(problems);
    return { type, ...base, params };
  }
  if (type === 'label') {
    const { params, problems } = readLabelParams(raw);
    report(problems);
    return { type, ...base, params };
  }
  if (type === 'worth') {
    const { params, problems } = readWorthParams(raw);
    report(problems);
    return { type, ...base, params };
  }
  if (type === 'code') {
    const { code, controls, problems } = readCodeParams(raw);
    const control = problems.find((p) => p.key === 'controls');
    if (control) {
      // "controls.size: …" points at the control's own line below `controls:`.
      const name = /^controls\.([A-Za-z0-9_]+):/.exec(control.reason)?.[1];
      const start = lineOf('controls') - fence.line - 1;
      const line = name ? lineOf(name, start) : lineOf('controls');
      fail(line, `code cell "${id as string}": ${control.reason}`);
    }
    report(problems);
    return { type, ...base, params: { code }, ...(controls.length ? { controls } : {}) };
  }
  const presetsRaw = raw.presets ?? [];
  delete raw.presets;
  const yAxisRaw = raw.yAxis;
  delete raw.yAxis;
  const yAxis = yAxisRaw === undefined ? undefined : readYAxis(yAxisRaw);
  if (yAxis === null) {
    fail(lineOf('yAxis'), 'curve cell: yAxis must be [low, high], accuracies with 0 ≤ low < high ≤ 1 (e.g. [0.6, 1])');
  }
  const chartRaw = raw.chart ?? 'curve';
  delete raw.chart;
  if (typeof chartRaw !== 'string' || !(CURVE_CHARTS as readonly string[]).includes(chartRaw)) {
    fail(
      lineOf('chart'),
      `curve cell: chart must be one of ${CURVE_CHARTS.join(', ')}; got ${JSON.stringify(chartRaw)}`,
    );
  }
  const chart = chartRaw as CurveChart;
  const { params, problems } = readCurveParams(raw);
  report(problems);
  if (!Array.isArray(presetsRaw)) fail(lineOf('presets'), 'curve cell: presets must be a list of "- name: …" entries');
  const entries = presetEntries(bodyLines);
  const presets: CurvePreset[] = (presetsRaw as unknown[]).map((entry, index) => {
    // This preset's body lines, so its problems point into it rather than at the cell's own keys.
    const { from, to } = entries[index] ?? entries.at(-1) ?? { from: 0, to: bodyLines.length };
    if (typeof entry !== 'object' || entry === null)
      fail(bodyLine(from), `curve cell: preset ${index + 1} must be a map with name:`);
    const { name, description, ...rest } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim()) fail(bodyLine(from), `curve cell: preset ${index + 1} needs a name:`);
    const read = readCurveParams(rest, params);
    report(read.problems, ` preset "${name as string}"`, from, to);
    return {
      name: (name as string).trim(),
      description: typeof description === 'string' ? description.trim() : '',
      params: read.params,
    };
  });
  return {
    type,
    ...base,
    params,
    presets,
    ...(yAxis ? { yAxis } : {}),
    ...(chart === 'power-law' ? { chart } : {}),
  };
}

/** A curve cell's `yAxis: [low, high]`; null when it is not two accuracies with 0 ≤ low < high ≤ 1. */
function readYAxis(raw: unknown): readonly [number, number] | null {
  if (!Array.isArray(raw) || raw.length !== 2) return null;
  const [lo, hi] = raw as unknown[];
  if (typeof lo !== 'number' || typeof hi !== 'number') return null;
  return lo >= 0 && lo < hi && hi <= 1 ? [lo, hi] : null;
}

/**
 * Body lines [from, to) of each `presets:` entry: one per "- " item of a block
 * list; for a flow list (or none) one range, the `presets:` line.
 */
function presetEntries(bodyLines: readonly string[]): { from: number; to: number }[] {
  const start = bodyLines.findIndex((l) => /^presets\s*:/.test(l));
  if (start < 0) return [];
  const starts: number[] = [];
  let indent: number | null = null;
  let end = start + 1;
  for (let i = start + 1; i < bodyLines.length; i++) {
    const line = bodyLines[i]!;
    if (!line.trim()) continue;
    const lead = line.length - line.trimStart().length;
    const isItem = /^\s*-(\s|$)/.test(line);
    indent ??= isItem ? lead : -1;
    if (lead < indent || (lead === indent && !isItem) || indent < 0) break;
    if (lead === indent) starts.push(i);
    end = i + 1;
  }
  if (starts.length === 0) return [{ from: start, to: start + 1 }];
  return starts.map((from, k) => ({ from, to: starts[k + 1] ?? end }));
}
