/**
 * Runs a lesson's code cells in Node, in order, each in a fresh code-worker
 * API on wasm (as the page runs them: every code cell has its own code worker),
 * and prints each cell's wall and CPU seconds. --shared runs them all in one API. With --out FILE, also writes every cell's result (value and
 * printed lines) as JSON, to diff a change's outputs against the old ones.
 * --helper gives every cell's code API a helper in a worker thread, as the
 * page gives its code workers a helper code worker (src/workers/codeShare.ts):
 * a cell that asks for several fits at once then trains on two cores, and
 * the CPU seconds count both threads.
 *
 *   npx tsx scripts/cellsNode.ts 06-model-vs-data-centric [--only id,id] [--shared] [--helper] [--out results.json]
 */
import { writeFileSync } from 'node:fs';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Helper } from '../src/workers/codeShare.ts';
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
const withHelper = args.includes('--helper') && args.splice(args.indexOf('--helper'), 1).length > 0;
const results: Record<string, unknown> = {};

/** A helper code API in a child process (cellsNodeHelper.ts): its jobs, its CPU seconds so far. */
async function startHelper(): Promise<{ helper: Helper; cpu: () => Promise<number>; stop: () => void }> {
  const child = fork(fileURLToPath(new URL('./cellsNodeHelper.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  let cpuSeconds = (_: number) => {};
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('message', (m: { ready?: boolean; cpu?: number; id?: number; value?: unknown; error?: string }) => {
      if (m.ready) return resolve();
      if (m.cpu !== undefined) return cpuSeconds(m.cpu);
      const w = waiting.get(m.id!);
      waiting.delete(m.id!);
      if (m.error !== undefined) w?.reject(new Error(m.error));
      else w?.resolve(m.value);
    });
  });
  return {
    helper: (job) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        child.send({ id, job });
      }),
    cpu: () =>
      new Promise<number>((resolve) => {
        cpuSeconds = resolve;
        child.send({ cpu: true });
      }),
    stop: () => child.kill(),
  };
}
const helper = withHelper ? await startHelper() : null;
const newApi = () => nodeCodeApi(undefined, helper?.helper);
let api = await newApi();
for (const slug of args) {
  const lesson = readLessonFile(`lessons/${slug}.md`);
  for (const cell of lesson.cells) {
    if (cell.type !== 'code' || (only && !only.includes(cell.id))) continue;
    if (!shared) api = await newApi();
    const helperBefore = (await helper?.cpu()) ?? 0;
    const wall = performance.now();
    const cpu = process.cpuUsage();
    // With the controls at the values the lesson sets (what the page runs the cell with).
    const result = await api.run(cell.params.code, controlDefaults(cell.controls ?? []));
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - wall) / 1000;
    const helped = ((await helper?.cpu()) ?? 0) - helperBefore;
    console.log(
      `${slug} ${cell.id}: ${seconds.toFixed(2)} s wall, ${((used.user + used.system) / 1e6 + helped).toFixed(2)} s CPU${
        helper ? ` (${helped.toFixed(2)} s of it in the helper)` : ''
      }${result.ok ? '' : ' FAILED'}`,
    );
    results[`${slug}/${cell.id}`] = result;
  }
}
if (out) writeFileSync(out, JSON.stringify(results, null, 1));
helper?.stop();
