/** Uniform label noise on top of uniform label noise. */

/**
 * The noise rate after flipping a further fraction `extra` of labels
 * uniformly (each to a different class) on top of labels already wrong at
 * `rate`: a wrong label flipped again lands on its true class with chance
 * 1 / (K − 1), so
 *
 *   total = rate + extra · (1 − rate · K / (K − 1)).
 */
export function composedNoiseRate(rate: number, extra: number, classes: number): number {
  if (!(Number.isInteger(classes) && classes >= 2)) throw new RangeError(`need at least 2 classes, got ${classes}`);
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`noise rate must be in [0, 1], got ${rate}`);
  if (!(extra >= 0 && extra <= 1)) throw new RangeError(`extra noise must be in [0, 1], got ${extra}`);
  return rate + extra * (1 - (rate * classes) / (classes - 1));
}
