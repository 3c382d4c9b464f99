export * from './corruptions.ts';
export * from './assignSlices.ts';
export * from './sliceWorld.ts';
export * from './accuracyBySlice.ts';
export * from './sliceActions.ts';
