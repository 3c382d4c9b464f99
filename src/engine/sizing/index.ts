export * from './powerLaw.ts';
export * from './sizingReport.ts';
export * from './curveSizing.ts';
export * from './powerLawBand.ts';
