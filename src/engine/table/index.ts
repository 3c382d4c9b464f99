export * from './problem.ts';
export * from './decode.ts';
export * from './parse.ts';
export * from './columnTypes.ts';
export * from './labelColumn.ts';
export * from './featurize.ts';
export * from './labelEdits.ts';
export * from './writeCsv.ts';
