import { describe, it, expect } from 'vitest';
import {
  CLEAN,
  NOISE_KINDS,
  describeNoise,
  noiseKey,
  noiseRateOf,
  validateNoiseSpec,
  type NoiseSpec,
} from '../../../src/engine/noise/index.ts';

describe('describeNoise', () => {
  it('describeNoise(spec) gives short text for every kind', () => {
    expect(describeNoise({ kind: 'uniform', rate: 0.15 })).toBe('15% uniform noise');
    expect(describeNoise({ kind: 'uniform', rate: 0.125 })).toBe('12.5% uniform noise');
    expect(
      describeNoise({
        kind: 'pairs',
        rate: 0.3,
        pairs: [
          [1, 7],
          [3, 8],
        ],
      }),
    ).toBe('pair flips 1→7, 3→8 at 30%');
    expect(describeNoise({ kind: 'pairs', rate: 0.3, pairs: [[1, 7]], symmetric: true })).toBe('pair swaps 1↔7 at 30%');
    expect(describeNoise({ kind: 'matrix', trace: 7.5, sparsity: 0.4 })).toBe(
      'random noise matrix, trace 7.5, 40% of confusions zero',
    );
    expect(describeNoise({ kind: 'boundary', rate: 0.2 })).toBe('20% boundary noise');
    expect(describeNoise({ kind: 'systematic', from: [3, 5], to: 8, rate: 1 })).toBe('3, 5 always labeled 8');
    expect(describeNoise({ kind: 'systematic', from: [3], to: 8, rate: 0.4 })).toBe('3 labeled 8 at 40%');
  });

  it('describeNoise(CLEAN) is "no noise"', () => {
    expect(describeNoise(CLEAN)).toBe('no noise');
  });

  it('describeNoise(spec, {classNames}) names the classes', () => {
    const classNames = ['T-shirt/top', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt'];
    expect(describeNoise({ kind: 'systematic', from: [6], to: 0, rate: 1 }, { classNames })).toBe(
      'shirt always labeled T-shirt/top',
    );
    expect(describeNoise({ kind: 'pairs', rate: 0.1, pairs: [[2, 4]] }, { classNames })).toBe(
      'pair flips pullover→coat at 10%',
    );
  });
});

describe('validateNoiseSpec', () => {
  it('validateNoiseSpec(valid spec, K) returns no problems for every kind', () => {
    const valid: NoiseSpec[] = [
      CLEAN,
      { kind: 'uniform', rate: 0.4 },
      {
        kind: 'pairs',
        rate: 0.3,
        pairs: [
          [1, 7],
          [3, 8],
        ],
      },
      { kind: 'matrix', trace: 7, sparsity: 0.5 },
      { kind: 'boundary', rate: 0.2 },
      { kind: 'systematic', from: [3, 5], to: 8, rate: 1 },
    ];
    for (const spec of valid) expect(validateNoiseSpec(spec, 10), spec.kind).toEqual([]);
  });

  it('validateNoiseSpec names the rate of uniform and boundary noise', () => {
    expect(validateNoiseSpec({ kind: 'uniform', rate: 1.2 }, 10)).toEqual([
      'rate: use a fraction from 0 to 1, got 1.2',
    ]);
    expect(validateNoiseSpec({ kind: 'boundary', rate: NaN }, 10)).toEqual([
      'rate: use a fraction from 0 to 1, got NaN',
    ]);
  });

  it('validateNoiseSpec names pairs that do not fit the data set', () => {
    expect(validateNoiseSpec({ kind: 'pairs', rate: 0.3, pairs: [[1, 7]] }, 3)).toEqual([
      'pairs: 1→7 names a class outside 0…2',
    ]);
    expect(validateNoiseSpec({ kind: 'pairs', rate: 0.3, pairs: 'oops' } as unknown as NoiseSpec, 3)).toEqual([
      'pairs: give a list of [from, to] class pairs, e.g. [[1, 7], [3, 8]]',
    ]);
  });

  it('validateNoiseSpec names an infeasible trace or sparsity', () => {
    expect(validateNoiseSpec({ kind: 'matrix', trace: 7, sparsity: 0 }, 3)).toEqual([
      'trace: use a trace from 1 to 3 (K = 3 classes), got 7',
    ]);
  });

  it('validateNoiseSpec names a systematic convention that does not fit', () => {
    expect(validateNoiseSpec({ kind: 'systematic', from: [8], to: 8, rate: 1 }, 10)).toEqual([
      'from: 8 is the target class itself; remove it from "from"',
    ]);
    expect(validateNoiseSpec({ kind: 'systematic', from: 3, to: 8, rate: 1 } as unknown as NoiseSpec, 10)).toEqual([
      'from: give a list of classes, e.g. [3, 5]',
    ]);
  });

  it('validateNoiseSpec names an unknown kind and too few classes', () => {
    expect(validateNoiseSpec({ kind: 'gaussian', rate: 0.1 } as unknown as NoiseSpec, 10)).toEqual([
      'kind: "gaussian" is not a noise model; use one of uniform, pairs, matrix, boundary, systematic',
    ]);
    expect(validateNoiseSpec(CLEAN, 1)).toEqual(['classes: label noise needs at least 2 classes, got 1']);
  });
});

describe('noiseRateOf', () => {
  it('noiseRateOf(uniform or boundary spec) is its rate, priors or not', () => {
    expect(noiseRateOf({ kind: 'uniform', rate: 0.15 })).toBe(0.15);
    expect(noiseRateOf({ kind: 'boundary', rate: 0.2 }, [1, 1])).toBe(0.2);
    expect(noiseRateOf(CLEAN)).toBe(0);
  });

  it('noiseRateOf(other kinds) is null without priors', () => {
    expect(noiseRateOf({ kind: 'pairs', rate: 0.3, pairs: [[0, 1]] })).toBeNull();
    expect(noiseRateOf({ kind: 'matrix', trace: 7, sparsity: 0 })).toBeNull();
    expect(noiseRateOf({ kind: 'systematic', from: [0], to: 1, rate: 1 }, [])).toBeNull();
  });

  it('noiseRateOf(spec, priors) weighs the affected classes by their share', () => {
    const balanced = new Array<number>(10).fill(1);
    expect(
      noiseRateOf(
        {
          kind: 'pairs',
          rate: 0.3,
          pairs: [
            [1, 7],
            [3, 8],
          ],
        },
        balanced,
      ),
    ).toBeCloseTo(0.06, 15);
    expect(noiseRateOf({ kind: 'pairs', rate: 0.3, pairs: [[1, 7]], symmetric: true }, balanced)).toBeCloseTo(0.06, 15);
    expect(noiseRateOf({ kind: 'systematic', from: [0], to: 1, rate: 0.5 }, [30, 10])).toBeCloseTo(0.375, 15);
    expect(noiseRateOf({ kind: 'matrix', trace: 7.5, sparsity: 0.2 }, balanced)).toBeCloseTo(0.25, 15);
  });
});

describe('noiseKey', () => {
  it('noiseKey(uniform) keeps the "uniform|rate" form trial keys pin', () => {
    expect(noiseKey({ kind: 'uniform', rate: 0.1 })).toBe('uniform|0.1');
  });

  it('noiseKey(spec) is equal for equal specs and differs when any field differs', () => {
    const specs: NoiseSpec[] = [
      { kind: 'uniform', rate: 0.1 },
      { kind: 'boundary', rate: 0.1 },
      { kind: 'pairs', rate: 0.1, pairs: [[1, 7]] },
      { kind: 'pairs', rate: 0.1, pairs: [[1, 7]], symmetric: true },
      { kind: 'pairs', rate: 0.1, pairs: [[7, 1]] },
      { kind: 'pairs', rate: 0.2, pairs: [[1, 7]] },
      { kind: 'matrix', trace: 7, sparsity: 0.1 },
      { kind: 'matrix', trace: 7, sparsity: 0.2 },
      { kind: 'systematic', from: [1], to: 7, rate: 0.1 },
      { kind: 'systematic', from: [1, 2], to: 7, rate: 0.1 },
    ];
    expect(new Set(specs.map(noiseKey)).size).toBe(specs.length);
    expect(noiseKey({ kind: 'pairs', rate: 0.1, pairs: [[1, 7]] })).toBe(noiseKey(specs[2]!));
  });
});

describe('NOISE_KINDS and CLEAN', () => {
  it('NOISE_KINDS lists every kind; CLEAN is uniform noise at rate 0', () => {
    expect(NOISE_KINDS).toEqual(['uniform', 'pairs', 'matrix', 'boundary', 'systematic']);
    expect(CLEAN).toEqual({ kind: 'uniform', rate: 0 });
  });
});
