/** Small fakes several state tests share: a data set shaped like Fashion-MNIST, and a playground fit. */
import { DATASETS } from '../../src/engine/datasets.ts';
import type { Dataset } from '../../src/engine/types.ts';
import type { ToyFitRequest, ToyFitResult } from '../../src/workers/protocol.ts';

/** 1,000 rows, 100 of each of the 10 Fashion-MNIST classes, 2 features. */
export function fakeFashion(): Dataset {
  const n = 1000;
  return {
    name: 'fashion',
    title: 'Fake fashion',
    n,
    d: 2,
    classes: 10,
    classNames: DATASETS.fashion.classNames,
    x: Float32Array.from({ length: n * 2 }, (_, i) => i % 7),
    y: Int32Array.from({ length: n }, (_, i) => i % 10),
    image: null,
    split: null,
    source: 'test',
    license: 'test',
  };
}

/** A playground fit that predicts every class equally everywhere, with the given scores. */
export function uniformToyFit(
  request: ToyFitRequest,
  scores: { readonly accuracy: number; readonly trainAccuracy: number; readonly iterations: number },
): ToyFitResult {
  const k = request.train.classes;
  return {
    ...scores,
    memberAccuracies: [scores.accuracy],
    testPredictions: new Int32Array(request.test.n),
    probabilities: new Float32Array(request.grid * request.grid * k).fill(1 / k),
    grid: request.grid,
    backend: 'test',
  };
}
