import { describe, expect, it } from 'vitest';
import { initBackend } from '../../src/model/backend.ts';
import { fitToy, type ToyFitRequest } from '../../src/model/fitToy.ts';
import { TOY_BOUNDS, generateToy } from '../../src/engine/toy2d.ts';
import { createRandom } from '../../src/engine/random.ts';

const request = (starts: number, model: 'mlp' | 'logreg' = 'mlp'): ToyFitRequest => ({
  model,
  train: generateToy({ shape: 'moons', n: 40, random: createRandom(3) }),
  test: generateToy({ shape: 'moons', n: 100, random: createRandom(3, 11) }),
  bounds: TOY_BOUNDS.moons,
  grid: 8,
  seed: 3,
  starts,
});

describe('fitToy(request)', () => {
  it('fitToy({starts: R}) averages R networks: R member accuracies, member 0 the single network', async () => {
    await initBackend('wasm');
    const one = await fitToy(request(1));
    const three = await fitToy(request(3));
    expect(one.memberAccuracies).toEqual([one.accuracy]);
    expect(three.memberAccuracies).toHaveLength(3);
    expect(three.memberAccuracies[0]).toBe(one.accuracy);
    expect(three.testPredictions).toHaveLength(100);
    expect(three.probabilities).toHaveLength(8 * 8 * 2);
  }, 60_000);

  it('fitToy({model: "logreg", starts: 3}) trains once: logistic regression has one optimum', async () => {
    await initBackend('wasm');
    const fit = await fitToy(request(3, 'logreg'));
    expect(fit.memberAccuracies).toEqual([fit.accuracy]);
  }, 60_000);
});
