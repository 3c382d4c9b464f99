import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TABULAR_FILES, TABULAR_FILE_NAMES, isTabularFile, tabularPath } from '../../src/notebook/tabularFiles.ts';

const PUBLIC_DATA = new URL('../../public/data/', import.meta.url);

describe('TABULAR_FILES', () => {
  it('lists cars.csv, wine.csv and breast_cancer.csv', () => {
    expect(TABULAR_FILE_NAMES).toEqual(['cars.csv', 'wine.csv', 'breast_cancer.csv']);
  });

  it.each(TABULAR_FILE_NAMES)(
    '%s is shipped under public/data/tabular/, and its label is a column of its header',
    (file) => {
      const text = readFileSync(new URL(tabularPath(file), PUBLIC_DATA), 'utf8');
      const header = text.slice(0, text.indexOf('\n')).trim().split(',');
      expect(header).toContain(TABULAR_FILES[file].label);
    },
  );

  it('isTabularFile(name) is true only for the listed files', () => {
    expect(isTabularFile('cars.csv')).toBe(true);
    expect(isTabularFile('tabular/cars.csv')).toBe(false);
    expect(isTabularFile('iris.csv')).toBe(false);
    expect(isTabularFile('')).toBe(false);
    expect(isTabularFile('toString')).toBe(false);
  });

  it('tabularPath(file) is the path under data/', () => {
    expect(tabularPath('wine.csv')).toBe('tabular/wine.csv');
  });
});
