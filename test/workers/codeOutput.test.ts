import { describe, expect, it } from 'vitest';
import { MAX_TABLE_ROWS, labValue, plot, table, toCodeValue } from '../../src/workers/codeOutput.ts';
import { show } from '../../src/workers/codeApi.ts';

describe('toCodeValue(value): what the page shows for a returned value', () => {
  it('numbers (NaN too), strings and booleans', () => {
    expect(toCodeValue(0.5)).toEqual({ kind: 'number', value: 0.5 });
    expect(toCodeValue(NaN)).toEqual({ kind: 'number', value: NaN });
    expect(toCodeValue('hi')).toEqual({ kind: 'text', text: 'hi' });
    expect(toCodeValue(true)).toEqual({ kind: 'text', text: 'true' });
  });

  it('undefined is nothing; null and plain objects are JSON, with typed arrays and NaN readable', () => {
    expect(toCodeValue(undefined)).toEqual({ kind: 'none' });
    expect(toCodeValue(null)).toEqual({ kind: 'json', json: 'null' });
    expect(toCodeValue({ a: Int32Array.of(1, 2), b: NaN })).toEqual({
      kind: 'json',
      json: JSON.stringify({ a: [1, 2], b: 'NaN' }, null, 2),
    });
  });

  it('an array of objects is a table, columns in the order first seen, missing cells empty', () => {
    expect(toCodeValue([{ a: 1 }, { b: 'x', a: 2 }])).toEqual({
      kind: 'table',
      columns: ['a', 'b'],
      rows: [
        [1, null],
        [2, 'x'],
      ],
      omitted: 0,
    });
  });

  it('an empty array and an array of numbers are JSON, not tables', () => {
    expect(toCodeValue([]).kind).toBe('json');
    expect(toCodeValue([1, 2]).kind).toBe('json');
  });

  it('a long table sends its first rows and counts the rest', () => {
    const rows = Array.from({ length: MAX_TABLE_ROWS + 3 }, (_, i) => ({ i }));
    const value = toCodeValue(rows);
    expect(value).toMatchObject({ kind: 'table', omitted: 3 });
    if (value.kind === 'table') expect(value.rows).toHaveLength(MAX_TABLE_ROWS);
  });

  it('lab.table(rows, { columns }) keeps the given columns in order', () => {
    expect(toCodeValue(table([{ a: 1, b: 2 }], { columns: ['b', 'a'] }))).toMatchObject({
      kind: 'table',
      columns: ['b', 'a'],
      rows: [[2, 1]],
    });
    expect(() => table([1, 2])).toThrow(/lab\.table: rows must be an array of objects/);
  });
});

describe('plot.line and plot.bar: checked chart descriptions', () => {
  const data = [
    { size: 50, clean: 0.8, noisy: 0.7 },
    { size: 100, clean: 0.9, noisy: null },
  ];

  it('plot.line titles a chart of many long-named lines by its axes, not by every name', () => {
    const wide = [
      { extra: 0, 'sandal recall, targeted': 0.5, 'sandal recall, more of everything': 0.5, accuracy: 0.7 },
    ];
    const y = ['sandal recall, targeted', 'sandal recall, more of everything', 'accuracy'];
    const labelled = toCodeValue(plot.line({ data: wide, x: 'extra', y, xLabel: 'extra images', yLabel: 'share' }));
    expect(labelled.kind === 'plot' && labelled.plot.title).toBe('Share by extra images');
    const bare = toCodeValue(plot.line({ data: wide, x: 'extra', y }));
    expect(bare.kind === 'plot' && bare.plot.title).toBe('3 lines by extra');
    const titled = toCodeValue(plot.line({ data: wide, x: 'extra', y, title: 'Mine' }));
    expect(titled.kind === 'plot' && titled.plot.title).toBe('Mine');
  });

  it('plot.line makes one series per y key and leaves out points that are not numbers', () => {
    expect(toCodeValue(plot.line({ data, x: 'size', y: ['clean', 'noisy'] }))).toEqual({
      kind: 'plot',
      plot: {
        type: 'line',
        title: 'Clean, noisy by size',
        xLabel: 'size',
        yLabel: '',
        series: [
          {
            name: 'clean',
            points: [
              { x: 50, y: 0.8 },
              { x: 100, y: 0.9 },
            ],
          },
          { name: 'noisy', points: [{ x: 50, y: 0.7 }] },
        ],
      },
    });
  });

  it('plot.line draws the keys in `thin` as thin lines in the colour of the thick line before them', () => {
    const value = toCodeValue(plot.line({ data, x: 'size', y: ['clean', 'noisy'], thin: ['noisy'] }));
    if (value.kind !== 'plot' || value.plot.type !== 'line') throw new Error('not a line plot');
    expect(value.plot.series.map((s) => s.thin)).toEqual([undefined, { of: 'clean' }]);
    expect(() => plot.line({ data, x: 'size', y: ['clean'], thin: ['noisy'] })).toThrow(
      'plot.line: thin must list keys of y ("clean")',
    );
  });

  it('a key the rows do not have is named with the keys they do have', () => {
    expect(() => plot.line({ data, x: 'n', y: 'clean' })).toThrow(
      'plot.line: x must name a key of the rows (they have: size, clean, noisy); got "n"',
    );
    expect(() => plot.bar({ data: [], x: 'a', y: 'b' })).toThrow(/data must be a non-empty array of objects/);
  });

  it('plot.bar needs one number per row', () => {
    expect(toCodeValue(plot.bar({ data, x: 'size', y: 'clean', title: 'T' }))).toMatchObject({
      plot: {
        type: 'bar',
        title: 'T',
        bars: [
          { label: '50', value: 0.8 },
          { label: '100', value: 0.9 },
        ],
      },
    });
    expect(() => plot.bar({ data, x: 'size', y: 'noisy' })).toThrow('plot.bar: row 1 has noisy = null, not a number');
  });
});

describe('lab.value(number, { label, unit }): a returned number with its meaning', () => {
  it('becomes a number with its label and unit; a bare number has neither', () => {
    expect(toCodeValue(labValue(4.38, { label: 'Gain', unit: 'points' }))).toEqual({
      kind: 'number',
      value: 4.38,
      label: 'Gain',
      unit: 'points',
    });
    expect(toCodeValue(labValue(0.12, { unit: 'percent' }))).toEqual({ kind: 'number', value: 0.12, unit: 'percent' });
    expect(toCodeValue(labValue(3))).toEqual({ kind: 'number', value: 3 });
  });

  it('prints as the page shows it: "label: number unit"; a bare number to 4 significant digits', () => {
    expect(show(labValue(4.3833, { label: 'Gain from cleaning', unit: 'points' }))).toBe(
      'Gain from cleaning: 4.4 points',
    );
    expect(show(labValue(0.1234, { label: 'Noise', unit: 'percent' }))).toBe('Noise: 12.3%');
    expect(show(0.953745)).toBe('0.9537');
  });

  it('refuses what is not a number, unknown options and a bad unit, saying what to give', () => {
    expect(() => labValue('4')).toThrow(/lab\.value: the value must be a number; got "4"/);
    expect(() => labValue(4, { units: 'points' } as never)).toThrow(/unknown option units \(known: label, unit\)/);
    expect(() => labValue(4, { unit: 5 })).toThrow(/unit must be 'percent'/);
    expect(() => labValue(4, { label: 7 })).toThrow(/label must be text/);
  });
});
