import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/model/backend.ts';
import { fitModel } from '../../src/model/fit.ts';
import { fitLogReg } from '../../src/model/logreg.ts';
import { fitMlp } from '../../src/model/mlp.ts';
import { generateToy } from '../../src/engine/toy2d.ts';
import { createRandom } from '../../src/engine/random.ts';
import type { LabelledMatrix } from '../../src/engine/types.ts';

const data: LabelledMatrix = generateToy({ shape: 'blobs', n: 60, classes: 3, random: createRandom(7) });

describe('fitModel(kind, data, { hidden, l2 }) (wasm backend)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('without settings trains each model with its defaults', async () => {
    for (const [a, b] of [
      [await fitModel('logreg', data, { seed: 0 }), await fitLogReg(data, { seed: 0, C: 1 })],
      [await fitModel('mlp', data, { seed: 3 }), await fitMlp(data, { seed: 3, hidden: 64, alpha: 1 })],
    ] as const) {
      expect(a.loss).toBe(b.loss);
      a.classifier.dispose();
      b.classifier.dispose();
    }
  });

  it('l2 is the MLP’s alpha and the logistic regression’s 1 / C; hidden sets the MLP’s units', async () => {
    for (const [a, b] of [
      [await fitModel('logreg', data, { seed: 0, l2: 4 }), await fitLogReg(data, { seed: 0, C: 0.25 })],
      [
        await fitModel('mlp', data, { seed: 1, l2: 0.5, hidden: 5 }),
        await fitMlp(data, { seed: 1, alpha: 0.5, hidden: 5 }),
      ],
    ] as const) {
      expect(a.loss).toBe(b.loss);
      a.classifier.dispose();
      b.classifier.dispose();
    }
  });

  it('hidden units for a logistic regression are refused, naming the model to use', () => {
    expect(() => fitModel('logreg', data, { seed: 0, hidden: 8 })).toThrow(/no hidden units; use model mlp/);
  });
});
