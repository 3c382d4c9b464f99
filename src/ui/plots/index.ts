export * from './palette.ts';
export * from './curvePlot.ts';
export * from './boundaryScales.ts';
export { boundaryPlot, describeBoundary, BOUNDARY_PLOT_SIZE, DEFAULT_BOUNDARY_TITLE } from './boundaryPlot.ts';
export type { BoundaryGrid, BoundaryPlotData, BoundaryPlotOptions } from './boundaryPlot.ts';
