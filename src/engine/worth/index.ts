export * from './noiseRateInterval.ts';
export * from './correctedAccuracy.ts';
export * from './composedNoiseRate.ts';
export * from './fitPolynomial.ts';
export * from './accuracyAtZeroNoise.ts';
export * from './relabelSuspected.ts';
export * from './dataEquivalent.ts';
export * from './worthReport.ts';
