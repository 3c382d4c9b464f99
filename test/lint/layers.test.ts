/**
 * The dependency direction of DESIGN.md §3 (ui → state → workers → model →
 * engine; notebook → engine) is enforced by ESLint's no-restricted-imports.
 * These tests lint small snippets as if they lived in each folder.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('../../', import.meta.url)) });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-properties')
    .map((m) => m.message);
}

describe('layer rules (eslint)', () => {
  it.each([
    ['src/engine/x.ts', "import * as tf from '@tensorflow/tfjs-core';\nexport const a = tf;"],
    ['src/engine/x.ts', "import { fitLogReg } from '../model/logreg.ts';\nexport const a = fitLogReg;"],
    ['src/model/x.ts', "import { TrainerPool } from '../workers/pool.ts';\nexport const a = TrainerPool;"],
    ['src/notebook/x.ts', "import { fitLogReg } from '../model/logreg.ts';\nexport const a = fitLogReg;"],
    ['src/state/x.ts', "import * as tf from '@tensorflow/tfjs-core';\nexport const a = tf;"],
    ['src/ui/x.ts', "import * as tf from '@tensorflow/tfjs-core';\nexport const a = tf;"],
    ['src/ui/plots/x.ts', "import { TrainerPool } from '../../workers/pool.ts';\nexport const a = TrainerPool;"],
    ['src/workers/x.ts', "import { Lab } from '../state/lab.svelte.ts';\nexport const a = Lab;"],
    ['src/state/x.ts', "import { checkLabels } from '../engine/table/index.ts';\nexport const a = checkLabels;"],
    ['src/ui/x.ts', "import Papa from 'papaparse';\nexport const a = Papa;"],
  ])('%s: an import against the arrows is an error', async (file, code) => {
    expect(await restricted(file, code)).not.toEqual([]);
  });

  it.each([
    [
      'src/ui/x.ts',
      "import { percent } from './format.ts';\nimport { DATASETS } from '../engine/datasets.ts';\nexport const a = [percent, DATASETS];",
    ],
    ['src/state/x.ts', "import { TrainerPool } from '../workers/pool.ts';\nexport const a = TrainerPool;"],
    ['src/workers/x.ts', "import { runTrial } from '../model/runTrial.ts';\nexport const a = runTrial;"],
    [
      'src/model/x.ts',
      "import * as tf from '@tensorflow/tfjs-core';\nimport { accuracy } from '../engine/metrics.ts';\nexport const a = [tf, accuracy];",
    ],
  ])('%s: an import along the arrows is allowed', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });

  it('Math.random is an error anywhere in src (randomness is a seeded parameter)', async () => {
    expect(await restricted('src/engine/x.ts', 'export const r = Math.random();')).toEqual([
      expect.stringMatching(/Randomness is a parameter/),
    ]);
  });
});
