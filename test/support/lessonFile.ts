/**
 * The set-up the lesson claims tests share: read and parse a lesson of this
 * checkout, find its code cells, and start the code worker's API in Node
 * (createCodeApi on wasm, reading the shipped data files), exactly as the
 * page's code worker runs the cells.
 */
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import type { CellSpec, Lesson } from '../../src/notebook/types.ts';
import { createCodeApi, type CodeApiDeps } from '../../src/workers/codeApi.ts';
import type { CodeApi, CodeControls, CodeRunResult } from '../../src/workers/codeProtocol.ts';
import type { Helper } from '../../src/workers/codeShare.ts';
import { controlDefaults } from '../../src/notebook/codeSchema.ts';
import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../../src/cli/quietTfjsBanner.ts';

export interface LessonFile {
  /** Path from the repository root, e.g. "lessons/05-error-analysis-by-slice.md". */
  readonly file: string;
  /** The Markdown source as written. */
  readonly source: string;
  readonly lesson: Lesson;
  /** Every cell of the lesson, in order. */
  readonly cells: readonly CellSpec[];
  /** The source of the code cell `id`; throws if the lesson has no such code cell. */
  readonly code: (id: string) => string;
  /** The code cell `id`'s control values as the lesson sets them (what the page runs it with); {} without controls. */
  readonly controls: (id: string) => CodeControls;
  /** The source with every run of whitespace collapsed to one space, so sentences match across line breaks. */
  readonly proseText: string;
  /** The rendered HTML of the prose blocks, joined by newlines. */
  readonly proseHtml: string;
}

/** Reads and parses `file` (a path from the repository root). */
export function readLessonFile(file: string): LessonFile {
  const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  const lesson = parseLesson(source, file);
  const cells = lesson.blocks.flatMap((b) => (b.kind === 'cell' ? [b.cell] : []));
  const codeCell = (id: string) => {
    const cell = cells.find((c) => c.id === id);
    if (cell?.type !== 'code') throw new Error(`${file} has no code cell "${id}"`);
    return cell;
  };
  const code = (id: string): string => codeCell(id).params.code;
  const controls = (id: string): CodeControls => controlDefaults(codeCell(id).controls ?? []);
  return {
    file,
    source,
    lesson,
    cells,
    code,
    controls,
    proseText: source.replace(/\s+/g, ' '),
    proseHtml: lesson.blocks.flatMap((b) => (b.kind === 'prose' ? [b.html] : [])).join('\n'),
  };
}

/**
 * The code worker's API in Node, initialised on wasm, reading data sets with
 * `loadDataset` (by default the shipped files in public/data/), with
 * `helper` for the fits a cell asks for at once (codeShare.ts). Keeps the
 * TF.js "install tfjs-node" banner out of the output.
 */
export async function nodeCodeApi(
  loadDataset: CodeApiDeps['loadDataset'] = (name) => loadDatasetFile(name),
  helper?: Helper,
): Promise<CodeApi> {
  quietTfjsBanner();
  const api = createCodeApi({ loadDataset });
  await api.init({ backend: 'wasm', dataUrl: 'file:///unused/' }, helper);
  return api;
}

/** What code cells returned when run once, with readers that fail naming the cell and what it gave. */
export interface CellResults {
  readonly results: Readonly<Record<string, CodeRunResult>>;
  /** The number a cell returned. */
  number(id: string): number;
  /** The lines a cell printed. */
  logs(id: string): readonly string[];
}

/**
 * Runs the code cells `ids` of a lesson one after another with `api`, each
 * with its control values from `controls` (give the lesson's, as
 * LessonFile.controls does, changed where a test needs, e.g. another seed).
 */
export async function runCodeCells(
  api: CodeApi,
  code: (id: string) => string,
  ids: readonly string[],
  controls: (id: string) => CodeControls = () => ({}),
): Promise<CellResults> {
  const results: Record<string, CodeRunResult> = {};
  for (const id of ids) results[id] = await api.run(code(id), controls(id));
  const ran = (id: string) => {
    const r = results[id];
    if (!r) throw new Error(`cell "${id}" was not run (ran: ${ids.join(', ')})`);
    if (!r.ok) throw new Error(`${id} failed: ${JSON.stringify(r)}`);
    return r;
  };
  return {
    results,
    number(id) {
      const r = ran(id);
      if (r.value.kind !== 'number') throw new Error(`${id} did not return a number: ${JSON.stringify(r)}`);
      return r.value.value;
    },
    logs: (id) => ran(id).logs,
  };
}
