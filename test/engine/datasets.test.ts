import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { DATASETS, DATASET_NAMES, isDatasetName } from '../../src/engine/datasets.ts';
import { TEST_FRACTION } from '../../src/engine/trial.ts';

interface IndexEntry {
  name: string;
  file: string;
  n: number;
  classes: number;
}

const index = JSON.parse(readFileSync(new URL('../../public/data/index.json', import.meta.url), 'utf8')) as {
  datasets: IndexEntry[];
};

describe('DATASETS', () => {
  it('DATASET_NAMES lists digits and fashion', () => {
    expect(DATASET_NAMES).toEqual(['digits', 'fashion']);
  });

  it('DATASETS[name] agrees with public/data/index.json on file, rows and classes', () => {
    for (const name of DATASET_NAMES) {
      const info = DATASETS[name];
      const entry = index.datasets.find((d) => d.name === name);
      expect(entry, name).toBeDefined();
      expect(info.name).toBe(name);
      expect(info.file).toBe(entry!.file);
      expect(info.poolSize + info.testSize).toBe(entry!.n);
      expect(info.classes).toBe(entry!.classes);
    }
  });

  it('DATASETS.digits pool and test sizes are those of a 70/30 split with ceil(0.3·N) test rows', () => {
    const n = DATASETS.digits.poolSize + DATASETS.digits.testSize;
    expect(DATASETS.digits.testSize).toBe(Math.ceil(TEST_FRACTION * n));
  });
});

describe('isDatasetName', () => {
  it('isDatasetName(name) is true only for shipped data sets', () => {
    expect(isDatasetName('digits')).toBe(true);
    expect(isDatasetName('fashion')).toBe(true);
    expect(isDatasetName('mnist')).toBe(false);
    expect(isDatasetName('')).toBe(false);
    expect(isDatasetName('constructor')).toBe(false);
  });
});
