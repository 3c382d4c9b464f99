export * from './thresholds.ts';
export * from './confidentJoint.ts';
export * from './calibrate.ts';
export * from './estimate.ts';
export * from './findLabelIssues.ts';
export * from './scores.ts';
export * from './folds.ts';
export * from './rounding.ts';
