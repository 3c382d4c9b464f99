import { describe, it, expect } from 'vitest';
import type { ColumnInfo, ColumnType } from '../../../src/engine/table/columnTypes.ts';
import {
  checkFeatures,
  fitFeaturizer,
  median,
  toLabelledMatrix,
  transformRows,
} from '../../../src/engine/table/featurize.ts';

/** Column infos for the given types; column i is named c{i}. */
function columnsOf(...types: ColumnType[]): ColumnInfo[] {
  return types.map((type, index) => ({
    index,
    name: `c${index}`,
    type,
    reason: '',
    included: type !== 'text' && type !== 'id' && type !== 'empty',
    missing: 0,
    distinct: 0,
    examples: [],
  }));
}

/** One-column rows. */
const col = (...cells: string[]): string[][] => cells.map((c) => [c, 'label']);
const rowsOf = (x: Float32Array, d: number): number[][] =>
  Array.from({ length: x.length / d }, (_, i) => Array.from(x.subarray(i * d, (i + 1) * d)));

describe('fitFeaturizer numeric', () => {
  it('reads numbers written with a decimal comma when the column says so', () => {
    const columns = columnsOf('numeric', 'categorical').map((c) => (c.index === 0 ? { ...c, decimalComma: true } : c));
    const f = fitFeaturizer(col('1,5', '2,5', 'NA', '4'), { columns, label: 1 });
    expect(f.encoders[0]).toMatchObject({ kind: 'numeric', decimalComma: true, fill: 2.5, indicator: true });
    const x = rowsOf(transformRows(f, col('2,5', '')), 2);
    expect(x[1]![1]).toBe(1); // the missing indicator
    expect(x[0]![0]).toBeCloseTo(x[1]![0]!, 6); // 2,5 is the median, as the missing cell is imputed
  });

  it('fitFeaturizer(rows, options) standardizes a numeric column with the training mean and population sd', () => {
    const f = fitFeaturizer(col('1', '2', '3', '6'), { columns: columnsOf('numeric', 'categorical'), label: 1 });
    expect(f.names).toEqual(['c0']);
    expect(f.d).toBe(1);
    expect(f.encoders[0]).toMatchObject({ kind: 'numeric', mean: 3, fill: 2.5, indicator: false });
    const x = transformRows(f, col('1', '3', '5'));
    expect(Array.from(x)).toEqual([-2 / Math.sqrt(3.5), 0, 2 / Math.sqrt(3.5)].map(Math.fround));
  });

  it('fitFeaturizer(training rows) learns nothing from test rows: test values do not move the mean, sd or median', () => {
    const train = col('1', '2', '3', '6');
    const test = col('1000', '-1000', '');
    const options = { columns: columnsOf('numeric', 'categorical'), label: 1 };
    const fromTrain = fitFeaturizer(train, options);
    const fromAll = fitFeaturizer([...train, ...test], options);
    expect(fromTrain.encoders[0]).toMatchObject({ mean: 3, fill: 2.5, sd: Math.sqrt(3.5), indicator: false });
    expect(fromAll.encoders[0]).not.toMatchObject({ mean: 3 });
    const x = transformRows(fromTrain, test);
    expect(Array.from(x)).toEqual(
      [(1000 - 3) / Math.sqrt(3.5), (-1000 - 3) / Math.sqrt(3.5), (2.5 - 3) / Math.sqrt(3.5)].map(Math.fround),
    );
  });

  it('fitFeaturizer(rows with a missing cell) imputes the training median and adds a missing indicator', () => {
    const f = fitFeaturizer(col('1', 'NA', '2', '10'), { columns: columnsOf('numeric', 'categorical'), label: 1 });
    expect(f.names).toEqual(['c0', 'c0=(missing)']);
    expect(f.encoders[0]).toMatchObject({ fill: 2, indicator: true });
    const e = f.encoders[0] as { mean: number; sd: number };
    expect(e.mean).toBe(3.75); // of 1, 2, 2, 10: the imputed value counts, as in scikit-learn's imputer → scaler
    const x = rowsOf(transformRows(f, col('', '2', 'oops')), 2);
    expect(x[0]).toEqual([Math.fround((2 - 3.75) / e.sd), 1]);
    expect(x[1]).toEqual([Math.fround((2 - 3.75) / e.sd), 0]);
    expect(x[2]).toEqual([Math.fround((2 - 3.75) / e.sd), 1]); // unreadable counts as missing
  });

  it('fitFeaturizer(training rows without missing) adds no indicator even if later rows have missing cells', () => {
    const f = fitFeaturizer(col('1', '3'), { columns: columnsOf('numeric', 'categorical'), label: 1 });
    expect(f.d).toBe(1);
    expect(Array.from(transformRows(f, col('')))).toEqual([0]);
  });

  it('fitFeaturizer(a constant column) uses sd 1, giving zeros instead of NaN', () => {
    const f = fitFeaturizer(col('4', '4', '4'), { columns: columnsOf('numeric', 'categorical'), label: 1 });
    expect(f.encoders[0]).toMatchObject({ mean: 4, sd: 1 });
    expect(Array.from(transformRows(f, col('4', '5')))).toEqual([0, 1]);
  });

  it('fitFeaturizer(a column missing in every training row) fills 0 and marks every row missing', () => {
    const f = fitFeaturizer(col('', 'NA'), { columns: columnsOf('numeric', 'categorical'), label: 1 });
    expect(f.encoders[0]).toMatchObject({ fill: 0, mean: 0, sd: 1, indicator: true });
    expect(Array.from(transformRows(f, col('', '3')))).toEqual([0, 1, 3, 0]);
  });

  it('fitFeaturizer([]) fits on no rows without NaN, and transformRows(f, []) is empty', () => {
    const f = fitFeaturizer([], { columns: columnsOf('numeric', 'boolean', 'categorical', 'categorical'), label: 3 });
    expect(f.names).toEqual(['c0', 'c1', 'c2=(other)']);
    expect(transformRows(f, [])).toEqual(new Float32Array(0));
    expect(Array.from(transformRows(f, [['2', 'yes', 'a', 'L']]))).toEqual([2, 1, 1]);
  });

  it('fitFeaturizer(dates) turns them into standardized days since 1970', () => {
    const f = fitFeaturizer(col('1970-01-01', '1970-01-03'), { columns: columnsOf('date', 'categorical'), label: 1 });
    expect(f.encoders[0]).toMatchObject({ kind: 'numeric', date: true, mean: 1, sd: 1 });
    expect(Array.from(transformRows(f, col('1970-01-02', '1970-01-05')))).toEqual([0, 3]);
  });
});

describe('fitFeaturizer and transformRows with many distinct cells', () => {
  it('a numeric column of 6,000 distinct values (more than are remembered) is standardized cell by cell', () => {
    const cells = Array.from({ length: 6000 }, (_, i) => String(i % 2 ? i : -i / 4));
    const f = fitFeaturizer(col(...cells), { columns: columnsOf('numeric', 'categorical'), label: 1 });
    const values = cells.map(Number);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(f.encoders[0]).toMatchObject({ mean, sd });
    expect(Array.from(transformRows(f, col(...cells)))).toEqual(values.map((v) => Math.fround((v - mean) / sd)));
  });

  it('a categorical column of 6,000 distinct values keeps the 20 most frequent and sends the rest to (other)', () => {
    const cells = Array.from({ length: 6000 }, (_, i) => (i < 100 ? `top${i % 20}` : `rare${i}`));
    const f = fitFeaturizer(col(...cells), { columns: columnsOf('categorical', 'categorical'), label: 1 });
    expect(f.d).toBe(21);
    const x = rowsOf(transformRows(f, col('top3', 'rare5000', 'never seen')), 21);
    expect(x.map((row) => row.indexOf(1))).toEqual([f.names.indexOf('c0=top3'), 20, 20]);
  });
});

describe('fitFeaturizer boolean', () => {
  it('fitFeaturizer(booleans) maps to 1/0, imputing the most frequent training value and marking missing', () => {
    const f = fitFeaturizer(col('yes', 'no', 'yes', ''), { columns: columnsOf('boolean', 'categorical'), label: 1 });
    expect(f.names).toEqual(['c0', 'c0=(missing)']);
    expect(f.encoders[0]).toMatchObject({ kind: 'boolean', fill: 1, indicator: true });
    expect(rowsOf(transformRows(f, col('no', 'YES', 'NA')), 2)).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
    ]);
  });

  it('fitFeaturizer(booleans tied) imputes 0', () => {
    const f = fitFeaturizer(col('1', '0', ''), { columns: columnsOf('boolean', 'categorical'), label: 1 });
    expect(f.encoders[0]).toMatchObject({ fill: 0 });
  });
});

describe('fitFeaturizer categorical', () => {
  it('fitFeaturizer(categories) one-hot encodes them, most frequent first, plus other', () => {
    const f = fitFeaturizer(col('red', 'blue', 'red', 'green'), {
      columns: columnsOf('categorical', 'categorical'),
      label: 1,
    });
    expect(f.names).toEqual(['c0=red', 'c0=blue', 'c0=green', 'c0=(other)']);
    expect(rowsOf(transformRows(f, col('green', ' red ', 'purple')), 4)).toEqual([
      [0, 0, 1, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('fitFeaturizer(categories, {maxCategories}) keeps the most frequent (ties in string order) and sends the rest to other', () => {
    const f = fitFeaturizer(col('d', 'c', 'c', 'b', 'a', 'a', 'b', 'c'), {
      columns: columnsOf('categorical', 'categorical'),
      label: 1,
      maxCategories: 2,
    });
    expect(f.names).toEqual(['c0=c', 'c0=a', 'c0=(other)']);
    expect(rowsOf(transformRows(f, col('b', 'd', 'a')), 3)).toEqual([
      [0, 0, 1],
      [0, 0, 1],
      [0, 1, 0],
    ]);
  });

  it('fitFeaturizer(categories) caps at 20 by default', () => {
    const cells = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    const f = fitFeaturizer(col(...cells), { columns: columnsOf('categorical', 'categorical'), label: 1 });
    expect(f.d).toBe(21);
    expect(f.names.at(-2)).toBe('c0=k19');
  });

  it('fitFeaturizer(categories with missing) makes missing its own category, outside the cap', () => {
    const f = fitFeaturizer(col('a', '', 'a', 'b', 'NA'), {
      columns: columnsOf('categorical', 'categorical'),
      label: 1,
      maxCategories: 1,
    });
    expect(f.names).toEqual(['c0=a', 'c0=(other)', 'c0=(missing)']);
    expect(rowsOf(transformRows(f, col('?', 'b', 'a')), 3)).toEqual([
      [0, 0, 1],
      [0, 1, 0],
      [1, 0, 0],
    ]);
  });

  it('fitFeaturizer(training rows) takes categories from training rows only: a test-only category is other', () => {
    const options = { columns: columnsOf('categorical', 'categorical'), label: 1 };
    const f = fitFeaturizer(col('a', 'b'), options);
    expect(f.names).toEqual(['c0=a', 'c0=b', 'c0=(other)']);
    expect(Array.from(transformRows(f, col('z')))).toEqual([0, 0, 1]);
    // a missing cell in a test row, with no missing in training, also counts as other
    expect(Array.from(transformRows(f, col('')))).toEqual([0, 0, 1]);
  });

  it('fitFeaturizer(an included text or id column) encodes it as categorical', () => {
    const columns = columnsOf('text', 'id', 'categorical').map((c) => ({ ...c, included: c.index < 2 }));
    const f = fitFeaturizer(
      [
        ['hello there you', 'A1', 'y'],
        ['bye', 'A2', 'n'],
      ],
      { columns, label: 2 },
    );
    expect(f.names).toEqual(['c0=bye', 'c0=hello there you', 'c0=(other)', 'c1=A1', 'c1=A2', 'c1=(other)']);
  });
});

describe('fitFeaturizer columns', () => {
  it('fitFeaturizer(rows, options) skips the label, left-out and empty columns and keeps column order', () => {
    const columns = columnsOf('categorical', 'numeric', 'id', 'empty', 'boolean');
    const f = fitFeaturizer(
      [
        ['a', '1', 'r1', '', 'yes'],
        ['b', '3', 'r2', '', 'no'],
      ],
      { columns, label: 0 },
    );
    expect(f.names).toEqual(['c1', 'c4']);
    expect(rowsOf(transformRows(f, [['zz', '3', 'r9', '', 'yes']]), 2)).toEqual([[1, 1]]);
  });

  it('fitFeaturizer(rows, {maxCategories: -1}) throws', () => {
    expect(() => fitFeaturizer([], { columns: [], label: 0, maxCategories: -1 })).toThrow(RangeError);
  });
});

describe('toLabelledMatrix', () => {
  it('toLabelledMatrix(featurizer, rows, y, classes) is a LabelledMatrix of shape (N, D)', () => {
    const f = fitFeaturizer(col('1', '3'), { columns: columnsOf('numeric', 'categorical'), label: 1 });
    const m = toLabelledMatrix(f, col('1', '3'), Int32Array.from([0, 1]), 2);
    expect(m).toEqual({ x: Float32Array.from([-1, 1]), y: Int32Array.from([0, 1]), n: 2, d: 1, classes: 2 });
  });

  it('toLabelledMatrix(featurizer, rows, y of another length) throws', () => {
    const f = fitFeaturizer([], { columns: [], label: 0 });
    expect(() => toLabelledMatrix(f, col('1'), new Int32Array(0), 2)).toThrow(RangeError);
  });
});

describe('checkFeatures', () => {
  it('checkFeatures(columns, label) is [] when a feature column is included', () => {
    expect(checkFeatures(columnsOf('numeric', 'categorical'), 1)).toEqual([]);
  });

  it('checkFeatures(columns, label) names the left-out columns when none is included', () => {
    const problems = checkFeatures(columnsOf('id', 'text', 'categorical'), 2);
    expect(problems.map((p) => p.code)).toEqual(['no-features']);
    expect(problems[0]!.message).toContain('"c0" (id), "c1" (text) are left out');
  });

  it('checkFeatures(label column only) says there is nothing to learn from', () => {
    expect(checkFeatures(columnsOf('categorical'), 0)[0]!.message).toMatch(/no column besides the label/);
  });
});

describe('median', () => {
  it('median(values) is the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([-10, 100])).toBe(45);
  });

  it('median([]) is NaN and median([x]) is x', () => {
    expect(median([])).toBeNaN();
    expect(median([7])).toBe(7);
  });
});
