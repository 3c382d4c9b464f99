/** The models a cell can train, as choices in a form. */
export const MODEL_OPTIONS = [
  { value: 'logreg', label: 'Logistic regression' },
  { value: 'mlp', label: 'Neural net (64 hidden units)' },
] as const;

/** The models a Worth analysis may use: 'auto' chooses the better fit (src/model/tableNoise.ts). */
export const ANALYSIS_MODEL_OPTIONS = [
  { value: 'auto', label: 'Automatic (the better fit)' },
  ...MODEL_OPTIONS,
] as const;
