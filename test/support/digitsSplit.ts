import { loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';

/** The first `n` digits (8×8, 10 classes) to train on and the next `n` to test on, as the model tests use them. */
export async function digitsSplit(n: number) {
  const digits = await loadDatasetFile('digits');
  const d = digits.d;
  return {
    train: { n, d, classes: 10, x: digits.x.subarray(0, n * d), y: digits.y.subarray(0, n) },
    test: { x: digits.x.subarray(n * d, 2 * n * d), y: digits.y.subarray(n, 2 * n) },
  };
}
