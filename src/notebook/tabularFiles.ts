/**
 * The bundled CSV tables a worth cell can analyse: files under the app's
 * data/tabular/ folder (public/data/tabular/, see public/data/ATTRIBUTION.md),
 * each with the column it is labelled by.
 */
export const TABULAR_FILES = {
  'cars.csv': { label: 'Origin', name: 'Cars', detail: '406 cars, made in the USA, Europe or Japan' },
  'wine.csv': { label: 'cultivar', name: 'Wine', detail: '178 wines, 3 cultivars' },
  'breast_cancer.csv': { label: 'diagnosis', name: 'Breast cancer', detail: '569 tumours, benign or malignant' },
} as const satisfies Readonly<
  Record<string, { readonly label: string; readonly name: string; readonly detail: string }>
>;

export type TabularFile = keyof typeof TABULAR_FILES;

export const TABULAR_FILE_NAMES = Object.keys(TABULAR_FILES) as TabularFile[];

export function isTabularFile(name: string): name is TabularFile {
  return Object.hasOwn(TABULAR_FILES, name);
}

/** "Cars (406 cars, made in the USA, Europe or Japan)". */
export function tabularTitle(file: TabularFile): string {
  return `${TABULAR_FILES[file].name} (${TABULAR_FILES[file].detail})`;
}

/** The file's path under the app's data/ folder, e.g. "tabular/cars.csv". */
export function tabularPath(file: TabularFile): string {
  return `tabular/${file}`;
}
