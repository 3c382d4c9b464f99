export * from './classMetrics.ts';
export * from './longTail.ts';
