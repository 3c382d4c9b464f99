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
  /** Class names, indexed by label. */
  readonly classNames: readonly string[];
  /** Each row is an image of this many pixels, row by row. */
  readonly image: { readonly height: number; readonly width: number };
}

export const DATASETS: Readonly<Record<DatasetName, DatasetInfo>> = {
  digits: {
    name: 'digits',
    title: 'Handwritten digits (8×8)',
    file: 'digits.dcl.gz',
    poolSize: 1257,
    testSize: 540,
    classes: 10,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    image: { height: 8, width: 8 },
  },
  fashion: {
    name: 'fashion',
    title: 'Fashion-MNIST (14×14)',
    file: 'fashion.dcl.gz',
    poolSize: 12000,
    testSize: 3000,
    classes: 10,
    classNames: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
    image: { height: 14, width: 14 },
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

/** Class names of a shipped data set; the label numbers otherwise. */
export function classNamesOf(name: string, classes: number): readonly string[] {
  return isDatasetName(name) ? DATASETS[name].classNames : Array.from({ length: classes }, (_, i) => String(i));
}

/** Equal weights for every class: the shipped data sets are balanced. */
export function uniformPriors(classes: number): Float64Array {
  return new Float64Array(classes).fill(1);
}
