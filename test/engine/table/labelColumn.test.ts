import { describe, it, expect } from 'vitest';
import {
  checkLabels,
  defaultLabelColumn,
  dropClasses,
  mergeClasses,
  sortClassNames,
  tableColumn,
} from '../../../src/engine/table/labelColumn.ts';
import { columnCells, packRows, unpackRows } from '../../../src/engine/table/packedCells.ts';

/** A table with one feature column `x` and a label column `y` holding `labels`. */
function tableOf(labels: readonly string[]) {
  return {
    header: ['x', 'y'],
    rows: labels.map((label, i) => [String(i), label]),
    rowNumbers: Int32Array.from(labels, (_, i) => i + 2),
  };
}

/** The same table as the page keeps it: cells packed. */
function packedOf(labels: readonly string[]) {
  const { header, rows, rowNumbers } = tableOf(labels);
  return { header, cells: packRows(rows, 2), rowNumbers };
}

describe('defaultLabelColumn', () => {
  it('defaultLabelColumn(header) picks a column named label, target, class, y or outcome', () => {
    for (const name of ['label', 'target', 'class', 'y', 'outcome']) {
      expect(defaultLabelColumn(['a', name, 'b']), name).toBe(1);
    }
  });

  it('defaultLabelColumn(header) ignores case and surrounding spaces', () => {
    expect(defaultLabelColumn(['Y', 'b'])).toBe(0);
    expect(defaultLabelColumn([' Class ', 'b'])).toBe(0);
    expect(defaultLabelColumn(['a', 'OUTCOME', 'b'])).toBe(1);
  });

  it('defaultLabelColumn(header) prefers label over target over class over y over outcome', () => {
    expect(defaultLabelColumn(['outcome', 'y', 'class', 'target', 'label', 'z'])).toBe(4);
    expect(defaultLabelColumn(['outcome', 'y', 'z'])).toBe(1);
  });

  it('defaultLabelColumn(header without such a name) is the last column', () => {
    expect(defaultLabelColumn(['sepal', 'petal', 'species'])).toBe(2);
    expect(defaultLabelColumn(['labels', 'classes'])).toBe(1);
    expect(defaultLabelColumn(['only'])).toBe(0);
  });

  it('defaultLabelColumn([]) is -1', () => {
    expect(defaultLabelColumn([])).toBe(-1);
  });
});

describe('checkLabels', () => {
  it('checkLabels(table, options) gives sorted classes, counts and y for every labelled row', () => {
    const check = checkLabels(tableOf(['b', 'a', 'c', 'a', ' b ', 'c']), { column: 1, folds: 2 });
    expect(check.classes).toEqual([
      { name: 'a', count: 2 },
      { name: 'b', count: 2 },
      { name: 'c', count: 2 },
    ]);
    expect(Array.from(check.y)).toEqual([1, 0, 2, 0, 1, 2]);
    expect(Array.from(check.rows)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(check.setAside).toHaveLength(0);
    expect(check.looksLikeRegression).toBe(false);
    expect(check.problems).toEqual([]);
  });

  it('checkLabels(numeric classes) sorts them by number', () => {
    const check = checkLabels(tableOf(['10', '2', '10', '2', '1', '1']), { column: 1, folds: 2 });
    expect(check.classes.map((c) => c.name)).toEqual(['1', '2', '10']);
  });

  it('checkLabels(rows with missing labels) sets them aside, counts them and names their rows', () => {
    const check = checkLabels(tableOf(['a', '', 'b', 'NA', 'a', 'b']), { column: 1, folds: 2 });
    expect(Array.from(check.setAside)).toEqual([1, 3]);
    expect(Array.from(check.rows)).toEqual([0, 2, 4, 5]);
    expect(Array.from(check.y)).toEqual([0, 1, 0, 1]);
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatchObject({ code: 'missing-labels', severity: 'warning', column: 'y', row: 3 });
    expect(check.problems[0]!.message).toBe(
      '2 rows (rows 3, 5) have no label in column "y" and were set aside. Fill in the labels to use them.',
    );
  });

  it('checkLabels(one class) is a single-class error', () => {
    const check = checkLabels(tableOf(['a', 'a', 'a']), { column: 1, folds: 2 });
    expect(check.problems.map((p) => [p.code, p.severity])).toEqual([['single-class', 'error']]);
    expect(check.problems[0]!.message).toMatch(/same class "a".*at least two classes/);
  });

  it('checkLabels(no labels at all, or no rows) is a no-labels error', () => {
    for (const labels of [['', 'NA'], []]) {
      const check = checkLabels(tableOf(labels), { column: 1, folds: 2 });
      expect(check.classes).toEqual([]);
      expect(check.problems.map((p) => p.code)).toContain('no-labels');
    }
  });

  it('checkLabels(many distinct numbers) says this looks like a regression target', () => {
    const labels = Array.from({ length: 40 }, (_, i) => String(i * 1.5));
    const check = checkLabels(tableOf(labels), { column: 1, folds: 5 });
    expect(check.looksLikeRegression).toBe(true);
    expect(check.problems.map((p) => [p.code, p.severity])).toEqual([['regression-target', 'error']]);
    expect(check.problems[0]!.message).toContain('looks like a regression target');
    expect(check.problems[0]!.message).toMatch(/pick another column/);
  });

  it('checkLabels(numbers) is a regression target above max(20, 5% of rows) distinct values, not at it', () => {
    const labels = (distinct: number, n: number) => Array.from({ length: n }, (_, i) => String(i % distinct));
    expect(checkLabels(tableOf(labels(20, 100)), { column: 1, folds: 5 }).looksLikeRegression).toBe(false);
    expect(checkLabels(tableOf(labels(21, 100)), { column: 1, folds: 5 }).looksLikeRegression).toBe(true);
    expect(checkLabels(tableOf(labels(50, 1000)), { column: 1, folds: 5 }).looksLikeRegression).toBe(false);
    expect(checkLabels(tableOf(labels(51, 1000)), { column: 1, folds: 5 }).looksLikeRegression).toBe(true);
  });

  it('checkLabels(many distinct words) is classification, not regression', () => {
    const labels = Array.from({ length: 60 }, (_, i) => `class${i % 30}`);
    expect(checkLabels(tableOf(labels), { column: 1, folds: 2 }).looksLikeRegression).toBe(false);
  });

  it('checkLabels(classes with fewer rows than folds) lists them for the drop-or-merge offer', () => {
    const labels = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'd'];
    const check = checkLabels(tableOf(labels), { column: 1, folds: 3 });
    expect(check.rareClasses).toEqual([
      { name: 'c', count: 2 },
      { name: 'd', count: 1 },
    ]);
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatchObject({ code: 'rare-classes', severity: 'error', column: 'y' });
    expect(check.problems[0]!.message).toBe(
      'Classes "c" (2 rows), "d" (1 row) have fewer rows than the 3 folds need (at least one row per fold). Drop them, merge them into another class, or add rows.',
    );
  });

  it('checkLabels(packed cells) gives the same check as rows of strings', () => {
    const labels = ['b', 'a', '', ' c', 'a', 'NA', 'b', 'c ', 'b'];
    const rows = checkLabels(tableOf(labels), { column: 1, folds: 2 });
    const packed = checkLabels(packedOf(labels), { column: 1, folds: 2 });
    expect(packed).toEqual(rows);
    expect(Array.from(packed.y)).toEqual([1, 0, 2, 0, 1, 2, 1]);
    expect(Array.from(packed.setAside)).toEqual([2, 5]);
    expect(tableColumn(packedOf(labels), 1)).toEqual(tableColumn(tableOf(labels), 1));
  });

  it('checkLabels(table, options) throws for a column out of range or folds < 1', () => {
    expect(() => checkLabels(tableOf(['a']), { column: 2, folds: 2 })).toThrow(RangeError);
    expect(() => checkLabels(tableOf(['a']), { column: 1, folds: 0 })).toThrow(RangeError);
  });
});

describe('dropClasses', () => {
  it('dropClasses(table, options) removes the rows of those classes and keeps their row numbers aligned', () => {
    const table = packedOf(['a', 'a', 'a', 'c', 'b', 'b', 'b', 'd']);
    const dropped = dropClasses(table, { column: 1, classes: ['c', 'd'] });
    expect(unpackRows(dropped.cells)).toEqual([
      ['0', 'a'],
      ['1', 'a'],
      ['2', 'a'],
      ['4', 'b'],
      ['5', 'b'],
      ['6', 'b'],
    ]);
    expect(Array.from(dropped.rowNumbers)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(dropped.header).toEqual(['x', 'y']);
    expect(table.cells.rowCount).toBe(8);
    expect(checkLabels(dropped, { column: 1, folds: 3 }).problems).toEqual([]);
  });

  it('dropClasses(table, {classes: []}) keeps every row', () => {
    expect(dropClasses(packedOf(['a', 'b']), { column: 1, classes: [] }).cells.rowCount).toBe(2);
  });
});

describe('mergeClasses', () => {
  it('mergeClasses(table, options) relabels those classes into an existing class', () => {
    const table = packedOf(['a', 'a', 'a', 'c', 'b', 'b', 'b', ' d ']);
    const merged = mergeClasses(table, { column: 1, classes: ['c', 'd'], into: 'b' });
    expect(columnCells(merged.cells, 1)).toEqual(['a', 'a', 'a', 'b', 'b', 'b', 'b', 'b']);
    expect(merged.cells.columns[0]).toBe(table.cells.columns[0]);
    expect(columnCells(table.cells, 1)[3]).toBe('c');
    const check = checkLabels(merged, { column: 1, folds: 3 });
    expect(check.classes).toEqual([
      { name: 'a', count: 3 },
      { name: 'b', count: 5 },
    ]);
  });

  it('mergeClasses(table, options) can merge into a new class', () => {
    const merged = mergeClasses(packedOf(['a', 'c', 'd']), { column: 1, classes: ['c', 'd'], into: 'other' });
    expect(columnCells(merged.cells, 1)).toEqual(['a', 'other', 'other']);
  });
});

describe('sortClassNames', () => {
  it('sortClassNames(names) sorts numbers numerically and words by code unit', () => {
    expect(sortClassNames(['10', '9', '-1', '2.5'])).toEqual(['-1', '2.5', '9', '10']);
    expect(sortClassNames(['b', 'B', 'a', '10', '9'])).toEqual(['10', '9', 'B', 'a', 'b']);
  });

  it('sortClassNames([]) is [] and a single name stays', () => {
    expect(sortClassNames([])).toEqual([]);
    expect(sortClassNames(['x'])).toEqual(['x']);
  });
});
