import { describe, it, expect } from 'vitest';
import {
  CELL_OUTPUTS,
  CELL_TYPES,
  CURVE_DEFAULTS,
  LABELERS_DEFAULTS,
  PLAYGROUND_DEFAULTS,
  REVIEW_DEFAULTS,
  WORTH_DEFAULTS,
  isCellType,
  readCurveParams,
  readLabelersParams,
  readPlaygroundParams,
  readReviewParams,
  readWorthParams,
} from '../../src/notebook/cellSchemas.ts';
import { TABULAR_FILES } from '../../src/notebook/tabularFiles.ts';
import { DATASETS } from '../../src/engine/datasets.ts';
import { curveSweepSpec } from '../../src/notebook/curveSweep.ts';

describe('cell types', () => {
  it('CELL_TYPES lists curve, playground, review, labelers, worth, code and label, each with its outputs', () => {
    expect(CELL_TYPES).toEqual(['curve', 'playground', 'review', 'labelers', 'worth', 'code', 'label']);
    expect(CELL_OUTPUTS.curve).toContain('factor');
    expect(CELL_OUTPUTS.playground).toContain('accuracy');
    expect(CELL_OUTPUTS.review).toEqual(expect.arrayContaining(['flagged', 'precision', 'recall', 'f1']));
    expect(CELL_OUTPUTS.labelers).toEqual(expect.arrayContaining(['agreement', 'kappa', 'fleiss', 'alpha']));
    expect(CELL_OUTPUTS.worth).toEqual(
      expect.arrayContaining(['noiseEstimate', 'noiseLow', 'noiseHigh', 'accuracyNow', 'accuracyAfter', 'trueNoise']),
    );
  });

  it('isCellType(type) is true only for the known types', () => {
    expect(isCellType('curve')).toBe(true);
    expect(isCellType('playground')).toBe(true);
    expect(isCellType('review')).toBe(true);
    expect(isCellType('labelers')).toBe(true);
    expect(isCellType('worth')).toBe(true);
    expect(isCellType('chart')).toBe(false);
    expect(isCellType('')).toBe(false);
    expect(isCellType('toString')).toBe(false);
    expect(isCellType('__proto__')).toBe(false);
  });
});

describe('readCurveParams', () => {
  it('readCurveParams({}) is CURVE_DEFAULTS with no problems', () => {
    expect(readCurveParams({})).toEqual({ params: CURVE_DEFAULTS, problems: [] });
  });

  it('CURVE_DEFAULTS pass their own checks, and make a sweep of the default data set', () => {
    const { params, problems } = readCurveParams({});
    expect(problems).toEqual([]);
    const spec = curveSweepSpec(params);
    expect(spec).toMatchObject({ dataset: 'digits', noise: CURVE_DEFAULTS.noise });
    expect(Math.max(...spec.sizes)).toBeLessThanOrEqual(DATASETS[params.dataset].poolSize);
  });

  it('readCurveParams(raw) overrides each given key', () => {
    const raw = { dataset: 'fashion', model: 'mlp', noise: 0.3, sizes: [100, 200], seeds: 2, seed: 7, n0: 150 };
    expect(readCurveParams(raw)).toEqual({ params: { ...raw, noise: { kind: 'uniform', rate: 0.3 } }, problems: [] });
  });

  it('readCurveParams(raw, base) fills missing keys from base', () => {
    const base = { ...CURVE_DEFAULTS, noise: { kind: 'uniform', rate: 0.25 } as const, sizes: [20, 40, 80], n0: 40 };
    const { params, problems } = readCurveParams({ model: 'mlp' }, base);
    expect(problems).toEqual([]);
    expect(params).toEqual({ ...base, model: 'mlp' });
  });

  it('readCurveParams(raw) reports an unknown key with the known ones', () => {
    expect(readCurveParams({ colour: 'red' }).problems).toEqual([
      { key: 'colour', reason: 'unknown parameter (known: dataset, model, noise, sizes, seeds, seed, n0)' },
    ]);
  });

  it('readCurveParams({dataset}) reports an unknown data set and keeps the base one', () => {
    const { params, problems } = readCurveParams({ dataset: 'mnist' });
    expect(params.dataset).toBe('digits');
    expect(problems).toEqual([{ key: 'dataset', reason: 'must be one of digits, fashion; got "mnist"' }]);
    expect(readCurveParams({ dataset: 3 }).problems[0]!.reason).toBe('must be one of digits, fashion; got 3');
  });

  it('readCurveParams({model}) reports an unknown model', () => {
    const { params, problems } = readCurveParams({ model: 'svm' });
    expect(params.model).toBe('logreg');
    expect(problems).toEqual([{ key: 'model', reason: 'must be one of logreg, mlp; got "svm"' }]);
  });

  it('readCurveParams({noise}) accepts 0.01…0.9 and reports other values', () => {
    expect(readCurveParams({ noise: 0.01 }).problems).toEqual([]);
    expect(readCurveParams({ noise: 0.9 }).problems).toEqual([]);
    expect(readCurveParams({ noise: 2 }).problems).toEqual([
      { key: 'noise', reason: 'must be between 0.01 and 0.9, got 2' },
    ]);
    expect(readCurveParams({ noise: 0 }).problems[0]!.reason).toBe('must be between 0.01 and 0.9, got 0');
    expect(readCurveParams({ noise: '10%' }).problems).toEqual([
      {
        key: 'noise',
        reason:
          'must be a number (a rate such as 0.1) or a map with kind: uniform | pairs | matrix | boundary | systematic; got "10%"',
      },
    ]);
    expect(readCurveParams({ noise: null }).problems[0]!.reason).toMatch(/^must be a number .* got null$/);
    expect(readCurveParams({ noise: Infinity }).problems[0]!.reason).toMatch(/^must be a number/);
  });

  it('readCurveParams({noise: {kind, …}}) reads any noise model and reports its problems by field', () => {
    const pairs = { kind: 'pairs', rate: 0.3, pairs: [[1, 7]] };
    expect(readCurveParams({ noise: pairs })).toMatchObject({ params: { noise: pairs }, problems: [] });
    expect(readCurveParams({ noise: { kind: 'boundary', rate: 0.2 } }).problems).toEqual([]);
    expect(readCurveParams({ noise: { kind: 'pairs', rate: 0.3, pairs: [[1, 12]] } }).problems[0]!.reason).toMatch(
      /^\(pairs\) /,
    );
    expect(readCurveParams({ noise: { kind: 'matrix', trace: 10, sparsity: 1 } }).problems).toEqual([
      { key: 'noise', reason: '(matrix) trace: a trace of 10 means no noise; use less than 10' },
    ]);
    expect(readCurveParams({ noise: { kind: 'uniform', rate: 0 } }).problems[0]!.reason).toMatch(
      /rate: the noisy arm needs a rate above 0/,
    );
    expect(readCurveParams({ noise: { kind: 'laser' } }).problems[0]!.reason).toMatch(/"laser" is not a noise model/);
  });

  it('readCurveParams({seeds, seed}) asks for whole numbers in range', () => {
    expect(readCurveParams({ seeds: 0 }).problems).toEqual([
      { key: 'seeds', reason: 'must be a whole number from 1 to 20, got 0' },
    ]);
    expect(readCurveParams({ seeds: 2.5 }).problems[0]!.key).toBe('seeds');
    expect(readCurveParams({ seeds: 20 }).problems).toEqual([]);
    expect(readCurveParams({ seed: -1 }).problems).toEqual([
      { key: 'seed', reason: 'must be a whole number from 0 to 1000000, got -1' },
    ]);
    expect(readCurveParams({ seed: 1_000_000 }).problems).toEqual([]);
  });

  it('readCurveParams({sizes}) needs a list of at least two numbers', () => {
    for (const sizes of [[100], 'many', null]) {
      const { params, problems } = readCurveParams({ sizes });
      expect(problems).toEqual([
        { key: 'sizes', reason: 'must be a list of at least two numbers, e.g. [50, 100, 200]' },
      ]);
      expect(params.sizes).toEqual(CURVE_DEFAULTS.sizes);
    }
  });

  it('readCurveParams({sizes}) quotes the entries that are not numbers', () => {
    expect(readCurveParams({ sizes: [100, '200', 'abc'] }).problems).toEqual([
      { key: 'sizes', reason: '"200", "abc" are not a number' },
    ]);
  });

  it('readCurveParams({sizes}) reports sizes below 10, fractional, above the pool or not increasing', () => {
    const { problems } = readCurveParams({ sizes: [5, 50.5, 40, 2000], n0: 40 });
    expect(problems).toEqual([
      { key: 'sizes', reason: '5 is not a whole number ≥ 10' },
      { key: 'sizes', reason: '50.5 is not a whole number ≥ 10' },
      { key: 'sizes', reason: 'must increase (50.5 then 40)' },
      { key: 'sizes', reason: '2000 is more than the 1257 training examples of digits' },
    ]);
  });

  it('readCurveParams({dataset, sizes}) checks sizes against that data set’s pool', () => {
    expect(readCurveParams({ dataset: 'fashion', sizes: [100, 12000], n0: 100 }).problems).toEqual([]);
    expect(readCurveParams({ dataset: 'fashion', sizes: [100, 12001], n0: 100 }).problems).toEqual([
      { key: 'sizes', reason: `12001 is more than the ${DATASETS.fashion.poolSize} training examples of fashion` },
    ]);
  });

  it('readCurveParams({n0}) must lie within the sizes, including an n0 inherited from the base', () => {
    expect(readCurveParams({ sizes: [50, 100], n0: 100 }).problems).toEqual([]);
    expect(readCurveParams({ sizes: [50, 100], n0: 120 }).problems).toEqual([
      { key: 'n0', reason: 'must lie within the sizes (50…100), got 120' },
    ]);
    // The default n0 (500) is outside these sizes.
    expect(readCurveParams({ sizes: [50, 100] }).problems).toEqual([
      { key: 'n0', reason: 'must lie within the sizes (50…100), got 500' },
    ]);
  });

  it('readCurveParams(raw) collects every problem, not just the first', () => {
    const { problems } = readCurveParams({ model: 'svm', noise: 5, seeds: 0, extra: 1 });
    expect(problems.map((p) => p.key)).toEqual(['extra', 'model', 'noise', 'seeds']);
  });
});

describe('readPlaygroundParams', () => {
  it('readPlaygroundParams({}) is PLAYGROUND_DEFAULTS with no problems', () => {
    expect(readPlaygroundParams({})).toEqual({ params: PLAYGROUND_DEFAULTS, problems: [] });
  });

  it('readPlaygroundParams(raw) overrides each given key', () => {
    const raw = {
      shape: 'blobs',
      points: 300,
      classes: 5,
      noise: 0.3,
      model: 'logreg',
      seed: 9,
      starts: 8,
      testPoints: 1000,
    };
    expect(readPlaygroundParams(raw)).toEqual({ params: raw, problems: [] });
  });

  it('readPlaygroundParams({shape}) sets classes to 2 unless the shape is blobs', () => {
    expect(readPlaygroundParams({ shape: 'circles', classes: 5 }).params.classes).toBe(2);
    expect(readPlaygroundParams({ shape: 'blobs', classes: 5 }).params.classes).toBe(5);
    expect(readPlaygroundParams({ shape: 'blobs' }).params.classes).toBe(PLAYGROUND_DEFAULTS.classes);
  });

  it('readPlaygroundParams(raw) reports bad values by key', () => {
    expect(readPlaygroundParams({ shape: 'spiral' }).problems).toEqual([
      { key: 'shape', reason: 'must be one of blobs, moons, circles; got "spiral"' },
    ]);
    expect(readPlaygroundParams({ points: 5 }).problems).toEqual([
      { key: 'points', reason: 'must be a whole number from 10 to 1000, got 5' },
    ]);
    expect(readPlaygroundParams({ classes: 7 }).problems).toEqual([
      { key: 'classes', reason: 'must be a whole number from 2 to 6, got 7' },
    ]);
    expect(readPlaygroundParams({ starts: 0 }).problems).toEqual([
      { key: 'starts', reason: 'must be a whole number from 1 to 16, got 0' },
    ]);
    // A clean playground is allowed: noise 0 is in range.
    expect(readPlaygroundParams({ noise: 0 }).problems).toEqual([]);
    expect(readPlaygroundParams({ noise: 0.95 }).problems).toEqual([
      { key: 'noise', reason: 'must be between 0 and 0.9, got 0.95' },
    ]);
    expect(readPlaygroundParams({ sizes: [1, 2] }).problems[0]).toEqual({
      key: 'sizes',
      reason: 'unknown parameter (known: shape, points, classes, noise, model, seed, starts, testPoints)',
    });
  });

  it('readPlaygroundParams(raw, base) fills missing keys from base', () => {
    const base = { ...PLAYGROUND_DEFAULTS, shape: 'blobs' as const, classes: 4 };
    expect(readPlaygroundParams({ points: 50 }, base).params).toEqual({ ...base, points: 50 });
  });
});

describe('readReviewParams', () => {
  it('readReviewParams({}) is REVIEW_DEFAULTS with no problems', () => {
    expect(readReviewParams({})).toEqual({ params: REVIEW_DEFAULTS, problems: [] });
  });

  it('readReviewParams(values) reads every field, and a noise rate as uniform noise', () => {
    const { params, problems } = readReviewParams({
      dataset: 'fashion',
      model: 'mlp',
      noise: 0.3,
      size: 2000,
      folds: 3,
      filter: 'both',
      seed: 7,
      seeds: 3,
    });
    expect(problems).toEqual([]);
    expect(params).toEqual({
      dataset: 'fashion',
      model: 'mlp',
      noise: { kind: 'uniform', rate: 0.3 },
      size: 2000,
      folds: 3,
      filter: 'both',
      seed: 7,
      seeds: 3,
    });
    // The cleaning budget averages 5 training sets unless told otherwise.
    expect(readReviewParams({}).params.seeds).toBe(5);
  });

  it('readReviewParams(bad values) names each problem and keeps the base value', () => {
    const { params, problems } = readReviewParams({
      folds: 1,
      size: 99999,
      filter: 'prune_all',
      colour: 'red',
      seeds: 11,
    });
    expect(problems.map((p) => p.key).sort()).toEqual(['colour', 'filter', 'folds', 'seeds', 'size']);
    expect(params.seeds).toBe(5);
    expect(problems.find((p) => p.key === 'size')?.reason).toContain(String(DATASETS.digits.poolSize));
    expect(problems.find((p) => p.key === 'filter')?.reason).toContain('prune_by_noise_rate');
    expect(params).toMatchObject({ folds: REVIEW_DEFAULTS.folds, filter: REVIEW_DEFAULTS.filter });
  });
});

describe('readLabelersParams', () => {
  it('readLabelersParams({}) is LABELERS_DEFAULTS with no problems', () => {
    expect(readLabelersParams({})).toEqual({ params: LABELERS_DEFAULTS, problems: [] });
  });

  it('readLabelersParams(labelers outside 2–5, accuracy outside its range) names both', () => {
    const { params, problems } = readLabelersParams({ labelers: 6, accuracy: 1.5 });
    expect(problems.map((p) => p.key).sort()).toEqual(['accuracy', 'labelers']);
    expect(params).toMatchObject({ labelers: LABELERS_DEFAULTS.labelers, accuracy: LABELERS_DEFAULTS.accuracy });
  });

  it('readLabelersParams(an ambiguity preset of another data set) says which data set it is for', () => {
    const { problems } = readLabelersParams({ dataset: 'digits', ambiguity: 'upper-body' });
    expect(problems).toEqual([{ key: 'ambiguity', reason: '"upper-body" is for the fashion data set, not digits' }]);
  });
});

describe('readWorthParams', () => {
  it('readWorthParams({}) is WORTH_DEFAULTS (cars.csv labelled by Origin, no injected noise) with no problems', () => {
    expect(readWorthParams({})).toEqual({ params: WORTH_DEFAULTS, problems: [] });
    expect(WORTH_DEFAULTS).toEqual({
      file: 'cars.csv',
      label: 'Origin',
      injectNoise: 0,
      folds: 5,
      model: 'auto',
      seed: 0,
    });
  });

  it('readWorthParams({model}) takes auto, logreg or mlp and names the choices otherwise', () => {
    for (const model of ['auto', 'logreg', 'mlp']) expect(readWorthParams({ model }).params.model).toBe(model);
    expect(readWorthParams({ model: 'svm' }).problems).toEqual([
      expect.objectContaining({ key: 'model', reason: expect.stringMatching(/auto.*logreg.*mlp/) }),
    ]);
  });

  it('readWorthParams(values) reads every field', () => {
    const raw = { file: 'wine.csv', label: 'cultivar', injectNoise: 0.2, folds: 3, model: 'mlp', seed: 9 };
    expect(readWorthParams(raw)).toEqual({ params: raw, problems: [] });
  });

  it('readWorthParams({file}) without a label takes the file’s own label column; a given label is kept, trimmed', () => {
    expect(readWorthParams({ file: 'breast_cancer.csv' }).params.label).toBe(TABULAR_FILES['breast_cancer.csv'].label);
    expect(readWorthParams({ file: 'wine.csv', label: ' alcohol ' }).params.label).toBe('alcohol');
    // Over a base of the same file, the base's label stays.
    const base = { ...WORTH_DEFAULTS, label: 'Cylinders' };
    expect(readWorthParams({ seed: 2 }, base).params.label).toBe('Cylinders');
  });

  it('readWorthParams(bad values) names each problem and keeps the base value', () => {
    const { params, problems } = readWorthParams({
      file: 'iris.csv',
      label: '',
      injectNoise: 0.95,
      folds: 1,
      model: 'svm',
      seed: -1,
      extra: true,
    });
    expect(params).toEqual(WORTH_DEFAULTS);
    expect(problems.map((p) => p.key)).toEqual(['extra', 'file', 'label', 'injectNoise', 'folds', 'model', 'seed']);
    expect(problems[0]!.reason).toBe('unknown parameter (known: file, label, injectNoise, folds, model, seed)');
    expect(problems[1]!.reason).toBe('must be one of cars.csv, wine.csv, breast_cancer.csv; got "iris.csv"');
    expect(problems[2]!.reason).toMatch(/^must name a column of cars\.csv \(its labels are in "Origin"\); got ""$/);
    expect(problems[3]!.reason).toBe(
      'must be from 0% (the labels as in the file) to 90% (the field “Flip labels first”), got 95%',
    );
    expect(problems[4]!.reason).toBe('must be a whole number from 2 to 10, got 1');
  });

  it('readWorthParams({injectNoise}) accepts 0 and rates up to 0.9, and asks for a number', () => {
    expect(readWorthParams({ injectNoise: 0 }).problems).toEqual([]);
    expect(readWorthParams({ injectNoise: 0.9 }).problems).toEqual([]);
    expect(readWorthParams({ injectNoise: -0.1 }).problems.map((p) => p.key)).toEqual(['injectNoise']);
    expect(readWorthParams({ injectNoise: '10%' }).problems[0]!.reason).toBe(
      'must be a number (“Flip labels first”, from 0% to 90%), got "10%"',
    );
    expect(readWorthParams({ injectNoise: NaN }).problems[0]!.reason).toBe(
      'must be a number (“Flip labels first”, from 0% to 90%), got nothing usable',
    );
  });
});
