/**
 * Vite plugin: `import lessons from 'virtual:lessons'` gives, for every
 * lessons/NN-slug.md in file order, its outline (slug, frontmatter, cell ids,
 * self-check lines; src/notebook/lessonOutline.ts) and `load()`, which
 * imports `virtual:lesson/NN-slug`: the lesson parsed by
 * src/notebook/parseLesson.ts, in a chunk of its own, fetched when the lesson
 * is opened. Every lesson is parsed for the index, so a malformed lesson stops
 * the build (and shows in the dev overlay) with file, line and reason.
 * Lessons are re-read when they change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { parseLesson } from '../src/notebook/parseLesson.ts';
import { lessonOutline } from '../src/notebook/lessonOutline.ts';

const ID = 'virtual:lessons';
const RESOLVED = '\0' + ID;
const ONE = 'virtual:lesson/';
const RESOLVED_ONE = '\0' + ONE;

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
      if (id === ID) return RESOLVED;
      return id.startsWith(ONE) ? '\0' + id : null;
    },
    load(id) {
      const parse = (file: string) => {
        this.addWatchFile(file);
        return parseLesson(readFileSync(file, 'utf8'), relative(resolve(dir, '..'), file));
      };
      if (id === RESOLVED) {
        const entries = lessonFiles(dir).map((file) => {
          const outline = lessonOutline(parse(file));
          const module = JSON.stringify(ONE + outline.slug);
          return `{ ...${JSON.stringify(outline)}, load: () => import(${module}).then((m) => m.default) }`;
        });
        return `export default [\n${entries.join(',\n')}\n];`;
      }
      if (id.startsWith(RESOLVED_ONE)) {
        const slug = id.slice(RESOLVED_ONE.length);
        const file = lessonFiles(dir).find((f) => f.endsWith(`/${slug}.md`));
        if (!file) throw new Error(`no lesson file lessons/${slug}.md`);
        return `export default ${JSON.stringify(parse(file))};`;
      }
      return null;
    },
    handleHotUpdate({ file, server }) {
      if (file.startsWith(dir) && file.endsWith('.md')) {
        for (const module of server.moduleGraph.idToModuleMap.values()) {
          if (module.id === RESOLVED || module.id?.startsWith(RESOLVED_ONE))
            server.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      }
    },
  };
}
