/**
 * The data sets the lab ships (public/data/, made by scripts/prepare-data.py)
 * and the 2-D shapes it generates. Static facts only, so lessons and
 * parameters can be checked before any data is loaded.
 */

export type DatasetName = 'digits' | 'fashion';

export interface DatasetInfo {
  readonly name: DatasetName;
  readonly title: string;
  /** File name under public/data/. */
  readonly file: string;
  /** Rows available for training subsets (the pool). */
  readonly poolSize: number;
  readonly testSize: number;
  readonly classes: number;
}

export const DATASETS: Readonly<Record<DatasetName, DatasetInfo>> = {
  digits: {
    name: 'digits',
    title: 'Handwritten digits (8×8)',
    file: 'digits.dcl.gz',
    poolSize: 1257,
    testSize: 540,
    classes: 10,
  },
  fashion: {
    name: 'fashion',
    title: 'Fashion-MNIST (14×14)',
    file: 'fashion.dcl.gz',
    poolSize: 12000,
    testSize: 3000,
    classes: 10,
  },
};

export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];

export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(DATASETS, name);
}

/** A data set's display title; the name itself for data sets the lab does not ship. */
export function datasetTitle(name: string): string {
  return isDatasetName(name) ? DATASETS[name].title : name;
}
