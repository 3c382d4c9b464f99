import { describe, it, expect } from 'vitest';
import { createRandom } from '../../../src/engine/random.ts';
import {
  checkLabels,
  decodeText,
  defaultLabelColumn,
  fitFeaturizer,
  hasError,
  inferColumnTypes,
  parseTable,
  toLabelledMatrix,
} from '../../../src/engine/table/index.ts';

const CSV = [
  'id;Sepal Length;colour;ok;measured;Note;Class',
  '1;5,1;red;yes;2024-01-01;first plant in the row;setosa',
  '2;4.9;blue;no;2024-01-02;"looks healthy; tall";setosa',
  '3;NA;red;yes;2024-01-03;leaves have small spots;versicolor',
  '4;6.4;green;;2024-01-04;next to the old fence;versicolor',
  '5;6.3;red;no;2024-01-05;;virginica',
  '6;5.8;blue;yes;2024-01-06;moved to the greenhouse today;virginica',
  '7;5.0;red;no;2024-01-07;watered twice this week;',
  '8;5.5;blue;yes;2024-01-08;planted late in the season;setosa',
  '9;6.1;red;no;2024-01-09;needs more light than others;versicolor',
  '10;6.7;green;yes;2024-01-10;biggest of the whole batch;virginica',
].join('\r\n');

describe('table pipeline', () => {
  it('decode → parse → inferColumnTypes → checkLabels → fitFeaturizer(train).transform(all) composes', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(CSV)]);
    const decoded = decodeText(bytes);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const table = parseTable(decoded.text, { random: createRandom(0) });
    expect(table.delimiter).toBe(';');
    expect(table.problems).toEqual([]);
    const columns = inferColumnTypes(table);
    expect(columns.map((c) => c.type)).toEqual([
      'id',
      'categorical',
      'categorical',
      'boolean',
      'date',
      'text',
      'categorical',
    ]);
    // "5,1" (a decimal comma) is not a number, so Sepal Length is categorical: documented simplification
    const label = defaultLabelColumn(table.header);
    expect(label).toBe(6);
    const check = checkLabels(table, { column: label, folds: 3 });
    expect(hasError(check.problems)).toBe(false);
    expect(check.problems.map((p) => [p.code, p.row])).toEqual([['missing-labels', 8]]);
    const rows = Array.from(check.rows, (i) => table.rows[i]!);
    const train = rows.slice(0, 6);
    const featurizer = fitFeaturizer(train, { columns, label });
    expect(featurizer.names).toContain('ok=(missing)');
    expect(featurizer.names).toContain('measured');
    const matrix = toLabelledMatrix(featurizer, rows, check.y, check.classes.length);
    expect(matrix.n).toBe(9);
    expect(matrix.d).toBe(featurizer.d);
    expect(matrix.x.length).toBe(9 * featurizer.d);
    expect(matrix.x.every(Number.isFinite)).toBe(true);
    expect(Array.from(matrix.y)).toEqual([0, 0, 1, 1, 2, 2, 0, 1, 2]);
  });
});
