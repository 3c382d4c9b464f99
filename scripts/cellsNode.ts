/**
 * Runs a lesson's code cells in Node, in order, each in a fresh code-worker
 * API on wasm (as the page runs them: every code cell has its own code worker),
 * and prints each cell's wall and CPU seconds. --shared runs them all in one API. With --out FILE, also writes every cell's result (value and
 * printed lines) as JSON, to diff a change's outputs against the old ones.
 *
 *   npx tsx scripts/cellsNode.ts 06-model-vs-data-centric [--only id,id] [--shared] [--out results.json]
 */
import { writeFileSync } from 'node:fs';
import { controlDefaults } from '../src/notebook/codeSchema.ts';
import { nodeCodeApi, readLessonFile } from '../test/support/lessonFile.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const out = flag('--out');
const only = flag('--only')?.split(',');
const shared = args.includes('--shared') && args.splice(args.indexOf('--shared'), 1).length > 0;
const results: Record<string, unknown> = {};
let api = await nodeCodeApi();
for (const slug of args) {
  const lesson = readLessonFile(`lessons/${slug}.md`);
  for (const cell of lesson.cells) {
    if (cell.type !== 'code' || (only && !only.includes(cell.id))) continue;
    if (!shared) api = await nodeCodeApi();
    const wall = performance.now();
    const cpu = process.cpuUsage();
    // With the controls at the values the lesson sets (what the page runs the cell with).
    const result = await api.run(cell.params.code, controlDefaults(cell.controls ?? []));
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - wall) / 1000;
    console.log(
      `${slug} ${cell.id}: ${seconds.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU${result.ok ? '' : ' FAILED'}`,
    );
    results[`${slug}/${cell.id}`] = result;
  }
}
if (out) writeFileSync(out, JSON.stringify(results, null, 1));
