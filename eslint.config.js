// Lint, including the dependency direction of DESIGN.md §3:
// ui → state → workers → model → engine; notebook → engine. Arrows point down only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((group) => ({ group: [group], message })),
      },
    ],
  },
});

const tfjs = '@tensorflow/*';
// The CSV parser and writer (papaparse, through engine/table/parse.ts, writeCsv.ts and the table index) run in the
// table worker only.
const parser = [
  'papaparse',
  ...['index', 'parse', 'writeCsv'].flatMap((name) => [
    `**/engine/table/${name}.ts`,
    `../engine/table/${name}.ts`,
    `../../engine/table/${name}.ts`,
  ]),
];
const up = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Randomness is a parameter: use engine/random.ts createRandom(seed).',
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: tseslint.parser, svelteConfig },
    },
  },
  {
    // Lesson prose is HTML rendered at build time from our own lessons/*.md (scripts/vite-plugin-lessons.ts),
    // never from user input, so {@html} is safe in this one component.
    files: ['src/ui/Prose.svelte'],
    rules: { 'svelte/no-at-html-tags': 'off' },
  },
  layer(
    ['src/engine/**'],
    [
      tfjs,
      'svelte',
      'svelte/*',
      'comlink',
      ...up('model'),
      ...up('workers'),
      ...up('state'),
      ...up('ui'),
      ...up('notebook'),
      ...up('cli'),
    ],
    'engine/ is pure TypeScript: no tfjs, no DOM, no layer above it.',
  ),
  layer(
    ['src/model/**'],
    ['svelte', 'svelte/*', 'comlink', ...up('workers'), ...up('state'), ...up('ui'), ...up('notebook'), ...up('cli')],
    'model/ may use tfjs and engine only.',
  ),
  layer(
    ['src/workers/**'],
    ['svelte', 'svelte/*', ...up('state'), ...up('ui'), ...up('notebook'), ...up('cli')],
    'workers/ may use model and engine only.',
  ),
  layer(
    ['src/notebook/**'],
    [
      tfjs,
      'svelte',
      'svelte/*',
      'comlink',
      ...up('model'),
      ...up('workers'),
      ...up('state'),
      ...up('ui'),
      ...up('cli'),
    ],
    'notebook/ imports engine types only.',
  ),
  layer(
    ['src/state/**'],
    [tfjs, ...parser, ...up('model'), ...up('ui'), ...up('cli')],
    'state/ talks to training only through the worker pool; no tfjs, no model; CSV parsing stays in the table worker (import engine/table modules one by one, not the index).',
  ),
  layer(
    ['src/ui/**'],
    [tfjs, 'comlink', ...parser, ...up('model'), ...up('workers'), ...up('cli')],
    'ui/ renders state: no tfjs, no model, no workers, no CSV parser (that runs in the table worker).',
  ),
);
