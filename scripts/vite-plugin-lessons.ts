/**
 * Vite plugin: `import lessons from 'virtual:lessons'` gives every
 * lessons/NN-slug.md parsed by src/notebook/parseLesson.ts, in file order.
 * A malformed lesson stops the build (and shows in the dev overlay) with
 * file, line and reason. Lessons are re-read when they change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { parseLesson } from '../src/notebook/parseLesson.ts';

const ID = 'virtual:lessons';
const RESOLVED = '\0' + ID;

export function lessonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /^\d\d-[\w-]+\.md$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export function lessonsPlugin(options: { dir?: string } = {}): Plugin {
  let dir = '';
  return {
    name: 'data-centric-lab:lessons',
    configResolved(config) {
      dir = resolve(config.root, options.dir ?? 'lessons');
    },
    resolveId(id) {
      return id === ID ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      const files = lessonFiles(dir);
      const lessons = files.map((file) => {
        this.addWatchFile(file);
        return parseLesson(readFileSync(file, 'utf8'), relative(resolve(dir, '..'), file));
      });
      return `export default ${JSON.stringify(lessons)};`;
    },
    handleHotUpdate({ file, server }) {
      if (file.startsWith(dir) && file.endsWith('.md')) {
        const module = server.moduleGraph.getModuleById(RESOLVED);
        if (module) server.moduleGraph.invalidateModule(module);
        server.ws.send({ type: 'full-reload' });
      }
    },
  };
}
