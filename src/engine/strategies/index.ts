export * from './reviewLabels.ts';
export * from './confusedClasses.ts';
export * from './targetedRows.ts';
